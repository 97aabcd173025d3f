import type { StructuredConversation, Target } from '../generated/prisma/client';
import type { Tx } from '../db/transaction';
import { actorOf, changedFields, recordAudit, staffIdOf, type Actor } from '../audit/audit';
import type { Principal } from '../domain/access';
import { DomainError } from '../domain/errors';
import { localDate } from '../domain/schoolCalendar';
import { notifyStaff } from '../messaging/staffNotifier';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { conversationFor } from '../pupils/access';
import { onConversationRecorded } from '../scheduling/planner';
import { cancelJobs } from '../jobs/jobQueue';
import { finalRecordProblems, nextReviewDate, reviewDateProblems, type RecordInput, type RecordProblem } from '../domain/record';
import { loadSchoolCalendar } from '../school/calendar';

/** Someone saved the record since this teacher opened it: they must look at the newer version first. */
export class RecordConflict extends DomainError {
  constructor(readonly currentVersion: number) {
    super('conflict', 'version_conflict', 'Someone saved this record since you opened it. Open it again to see their changes.', { currentVersion });
  }
}

/** A FINAL record is missing something the conversation must capture. */
export class RecordIncomplete extends DomainError {
  constructor(readonly problems: RecordProblem[]) {
    super('unprocessable', 'record_incomplete', 'The record is not complete yet', { problems });
  }
}

export class RecordNotEditable extends DomainError {
  constructor(message: string) {
    super('conflict', 'not_editable', message);
  }
}

export interface SavedRecord {
  conversation: StructuredConversation;
  targets: Target[];
  /** True when this save turned the record FINAL (the outcome is now to be shared). */
  becameFinal: boolean;
}

export const TELL_SUBJECT_TEACHERS = 'reminder.tellSubjectTeachers';

const dateOnly = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const isoOf = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Saves a conversation's record with optimistic concurrency on `version`: every change is audited,
 * targets are created with the conversation they were agreed in, and the first FINAL save prompts
 * the key teacher to tell subject teachers (step 4 of the process information trail).
 */
export async function saveConversationRecord(d: UseCaseDeps, by: Principal, conversationId: string, input: RecordInput): Promise<SavedRecord> {
  const { clock } = d;
  const actor = actorOf(by);
  return inTransaction(d, async (tx) => {
    await conversationFor(tx, by, conversationId, 'edit');
    // Row lock: two saves of the same record are serialised, so the version check is exact.
    await tx.$queryRaw`SELECT 1 FROM "StructuredConversation" WHERE "id" = ${conversationId}::uuid FOR UPDATE`;
    const before = await tx.structuredConversation.findUniqueOrThrow({
      where: { id: conversationId },
      include: { pupil: { select: { id: true, schoolId: true, keyTeacherId: true, school: { select: { timezone: true } } } }, targets: { include: { _count: { select: { progressEntries: true } } } } },
    });
    if (before.version !== input.version) throw new RecordConflict(before.version);
    if (before.status === 'CANCELLED') throw new RecordNotEditable('This conversation was cancelled');
    if (before.recordState === 'FINAL' && input.state === 'DRAFT') throw new RecordNotEditable('A final record cannot go back to draft; save your changes as final');

    const now = clock.now();
    const today = localDate(now, before.pupil.school.timezone);
    // A review date, like a meeting, is a school day: a draft's too, since its targets are reminded of.
    const problems = [...finalRecordProblems(input, { kind: before.kind, today }), ...reviewDateProblems(input, await loadSchoolCalendar(tx, before.pupil.schoolId))];
    const unknownTarget = input.targets.findIndex((t) => t.id && !before.targets.some((b) => b.id === t.id));
    if (unknownTarget >= 0) problems.push({ field: `targets.${unknownTarget}`, message: 'This target belongs to another conversation' });
    if (problems.length > 0) throw new RecordIncomplete(problems);

    const becameFinal = input.state === 'FINAL' && before.recordState !== 'FINAL';
    const heldOn = input.heldOn ?? (input.state === 'FINAL' ? today : undefined);
    const fields = {
      exploreStrengths: input.exploreStrengths ?? null,
      exploreBarriers: input.exploreBarriers ?? null,
      exploreAspirations: input.exploreAspirations ?? null,
      focusNotes: input.focusNotes ?? null,
      planNotes: input.planNotes ?? null,
      reviewNotes: input.reviewNotes ?? null,
      attendees: input.attendees,
      pupilInvolvement: input.pupilInvolvement ?? null,
      pupilInvolvementNote: input.pupilInvolvementNote ?? null,
      recordState: input.state,
      heldAt: heldOn ? (before.heldAt && isoOf(before.heldAt) === heldOn ? before.heldAt : dateOnly(heldOn)) : before.heldAt,
      status: input.state === 'FINAL' ? ('HELD' as const) : before.status,
      nextReviewBy: nextReviewDate(input.targets) ? dateOnly(nextReviewDate(input.targets)!) : null,
    };
    const conversation = await tx.structuredConversation.update({
      where: { id: conversationId },
      data: { ...fields, version: { increment: 1 }, recordedAt: now, recordedById: staffIdOf(actor) },
    });
    const { before: b, after: a } = changedFields(before as unknown as Record<string, unknown>, fields);
    await recordAudit(tx, actor, {
      schoolId: before.pupil.schoolId,
      action: becameFinal ? 'conversation.recordFinal' : 'conversation.record',
      entityType: 'StructuredConversation',
      entityId: conversationId,
      before: { ...b, version: before.version },
      after: { ...a, version: conversation.version },
    });

    const targets = await saveTargets(tx, actor, before, input.targets, now);
    // The trail's follow-ups (record, confirm with parent, confidence check) move with the record.
    await onConversationRecorded(tx, clock, conversationId);
    if (becameFinal && conversation.keyTeacherId) {
      await notifyStaff(tx, clock, {
        staffId: conversation.keyTeacherId,
        template: TELL_SUBJECT_TEACHERS,
        text: 'The conversation is recorded. Tell subject teachers the agreed targets, and confirm them with the parents.',
        pupilId: before.pupilId,
        conversationId,
        idempotencyKey: `${TELL_SUBJECT_TEACHERS}:${conversationId}`,
      });
    }
    return { conversation, targets, becameFinal };
  });
}

type ExistingTarget = Target & { _count: { progressEntries: number } };

/** Targets in the input are created or updated; this conversation's targets left out are removed (or closed once they have progress). */
async function saveTargets(
  tx: Tx,
  actor: Actor,
  conversation: { id: string; pupilId: string; pupil: { schoolId: string }; targets: ExistingTarget[] },
  inputs: RecordInput['targets'],
  now: Date,
): Promise<Target[]> {
  const audit = (action: string, entityId: string, before?: unknown, after?: unknown) =>
    recordAudit(tx, actor, { schoolId: conversation.pupil.schoolId, action, entityType: 'Target', entityId, before, after });
  const saved: Target[] = [];
  for (const t of inputs) {
    const data = {
      area: t.area,
      horizon: t.horizon,
      description: t.description,
      successLooksLike: t.successLooksLike ?? null,
      schoolActions: t.schoolActions ?? null,
      homeActions: t.homeActions ?? null,
      reviewBy: dateOnly(t.reviewBy),
    };
    const existing = t.id ? conversation.targets.find((e) => e.id === t.id) : undefined;
    if (existing) {
      const updated = await tx.target.update({ where: { id: existing.id }, data });
      const diff = changedFields(existing as unknown as Record<string, unknown>, data);
      if (Object.keys(diff.after).length > 0) await audit('target.update', existing.id, diff.before, diff.after);
      saved.push(updated);
    } else {
      const created = await tx.target.create({
        data: { ...data, pupilId: conversation.pupilId, conversationId: conversation.id, createdById: staffIdOf(actor), createdAt: now },
      });
      await audit('target.create', created.id, undefined, data);
      saved.push(created);
    }
  }
  const kept = new Set(saved.map((t) => t.id));
  for (const gone of conversation.targets.filter((e) => !kept.has(e.id) && e.status !== 'CLOSED')) {
    if (gone._count.progressEntries > 0) {
      await tx.target.update({ where: { id: gone.id }, data: { status: 'CLOSED' } });
      await audit('target.close', gone.id, { status: gone.status }, { status: 'CLOSED' });
    } else {
      await tx.target.delete({ where: { id: gone.id } });
      // Its review reminder would find no target; gone with it.
      await cancelJobs(tx, gone.id);
      await audit('target.delete', gone.id, { description: gone.description, area: gone.area }, undefined);
    }
  }
  return saved;
}
