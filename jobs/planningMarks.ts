import { Prisma } from '../generated/prisma/client';
import type { Tx } from '../db/transaction';

/**
 * Change-driven planning: a use case that changes anything a pupil's plan is made from (a
 * conversation booked, moved, cancelled or recorded, a target saved or reviewed, a parent's
 * rhythm or consent, a reply, the register, a school's settings or calendar) marks what it
 * changed here, in the same transaction as the change, so the mark commits or rolls back with it.
 * The planner (scheduling/planner.ts) then plans only what is marked: the pupils a mark leads to,
 * a reply on its own, or a whole school. Marking the same subject again raises its sequence, so a
 * planner that read an older one leaves the new mark for the next pass.
 *
 * Here, in the jobs layer, so every capability may mark without importing the planner.
 */
export type PlanningSubjectKind = 'school' | 'pupil' | 'conversation' | 'target' | 'contact' | 'reply';

/** Each kind's table, and how its school is found (one statement, so callers pass only the id). */
const SOURCE: Record<PlanningSubjectKind, { kind: string; from: string; school: string }> = {
  school: { kind: 'SCHOOL', from: `"School" x`, school: `x."id"` },
  pupil: { kind: 'PUPIL', from: `"Pupil" x`, school: `x."schoolId"` },
  conversation: { kind: 'CONVERSATION', from: `"StructuredConversation" x JOIN "Pupil" p ON p."id" = x."pupilId"`, school: `p."schoolId"` },
  target: { kind: 'TARGET', from: `"Target" x JOIN "Pupil" p ON p."id" = x."pupilId"`, school: `p."schoolId"` },
  contact: { kind: 'CONTACT', from: `"Contact" x`, school: `x."schoolId"` },
  reply: { kind: 'REPLY', from: `"Message" x`, school: `x."schoolId"` },
};

/** Marks subjects of one kind for re-planning; ids that name nothing are ignored. */
export async function markForPlanning(tx: Tx, kind: PlanningSubjectKind, ids: string | readonly string[]): Promise<void> {
  const list = [...new Set(typeof ids === 'string' ? [ids] : ids)];
  if (list.length === 0) return;
  const s = SOURCE[kind];
  // In id order, so two transactions marking overlapping subjects take the rows' locks in the same order.
  await tx.$executeRaw`
    INSERT INTO "PlanningMark" ("schoolId", "kind", "subjectId")
    SELECT ${Prisma.raw(s.school)}, ${s.kind}::"PlanningSubject", x."id" FROM ${Prisma.raw(s.from)}
     WHERE x."id" = ANY(${list}::uuid[]) ORDER BY x."id"
    ON CONFLICT ("kind", "subjectId") DO UPDATE SET "sequence" = "PlanningMark"."sequence" + 1, "markedAt" = now()`;
}
