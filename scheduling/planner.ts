import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import { nextConversation, type ConversationFacts } from '../domain/conversationCycle';
import { localDate } from '../domain/schoolCalendar';
import { AWAITING_ANSWER } from '../messaging/parentVoice';
import { cancelJobs, planJobs, replaceJobs, type SubjectJobs } from '../jobs/jobQueue';
import { loadRhythm, type Rhythm } from './rhythm';
import {
  CONVERSATION_JOB_KINDS,
  conversationJobs,
  progressJobs,
  RHYTHM_JOB,
  targetJobs,
  unansweredReplyJobs,
  type ConversationState,
  type ProgressAnchor,
} from './rhythmJobs';

/**
 * Plans each school's due work into the jobs table: the conversations pupils need, the trail
 * reminders around each conversation, target reviews, progress updates and escalations.
 * Idempotent (planning twice creates nothing new), and safe on many instances: one planner per
 * school at a time, by a transaction-scoped advisory lock; the others skip that school.
 */
type Db = PrismaClient | Prisma.TransactionClient;

const DAY_MS = 24 * 3600_000;
/** Finished conversations, cancelled ones and replies older than this are left alone. */
const LOOK_BACK_MS = 60 * DAY_MS;
const REPLY_LOOK_BACK_MS = 30 * DAY_MS;

export const conversationStateSelect = {
  id: true,
  pupilId: true,
  kind: true,
  status: true,
  dueBy: true,
  scheduledAt: true,
  durationMinutes: true,
  recordState: true,
  recordedAt: true,
  heldAt: true,
  cancelledAt: true,
  subjectTeachersToldAt: true,
  parentConfirmedAt: true,
} satisfies Prisma.StructuredConversationSelect;

type ConversationRow = ConversationState & { heldAt: Date | null; cancelledAt: Date | null };

export interface PlanSummary {
  schoolId: string;
  /** Another instance was planning this school at the same moment. */
  skipped: boolean;
  conversationsCreated: number;
}

/** The school-local date a conversation was held, if it was. */
function heldOn(r: Rhythm, c: ConversationRow): string | null {
  if (c.status !== 'HELD') return null;
  return localDate(c.heldAt ?? c.scheduledAt ?? c.dueBy, r.cal.timezone);
}

const asDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

function stillPlanned(c: ConversationRow, now: Date): boolean {
  if (c.status === 'CANCELLED') return !c.cancelledAt || now.getTime() - c.cancelledAt.getTime() < LOOK_BACK_MS;
  if (c.recordState === 'FINAL' && c.recordedAt) return now.getTime() - c.recordedAt.getTime() < LOOK_BACK_MS;
  return true;
}

export async function planSchool(prisma: PrismaClient, clock: Clock, schoolId: string): Promise<PlanSummary> {
  return prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`plan:${schoolId}`})) AS locked`;
      if (!lock?.locked) return { schoolId, skipped: true, conversationsCreated: 0 };
      const now = clock.now();
      const r = await loadRhythm(tx, schoolId);
      const today = localDate(now, r.cal.timezone);
      let conversationsCreated = 0;
      const planned: SubjectJobs[] = [];

      const pupils = await tx.pupil.findMany({
        where: { schoolId, archivedAt: null, senStatus: { not: 'NOT_ON_REGISTER' } },
        select: {
          id: true,
          onRegisterSince: true,
          keyTeacherId: true,
          conversations: { select: conversationStateSelect, orderBy: { createdAt: 'asc' } },
          targets: { where: { status: { notIn: ['ACHIEVED', 'CLOSED'] } }, select: { id: true, pupilId: true, status: true, reviewBy: true, reviewedAt: true } },
          contacts: {
            where: { parentalResponsibility: true, contact: { smsConsent: true, optedOutAt: null, unreachableAt: null } },
            select: { contact: { select: { id: true, updateEveryWeeks: true } } },
          },
        },
        orderBy: { createdAt: 'asc' },
      });

      for (const pupil of pupils) {
        const conversations: ConversationRow[] = [...pupil.conversations];
        const facts: ConversationFacts[] = conversations.map((c) => ({ status: c.status, dueBy: c.dueBy.toISOString().slice(0, 10), heldOn: heldOn(r, c) }));
        const decision = nextConversation(r.cal, r.settings, { onRegisterSince: pupil.onRegisterSince.toISOString().slice(0, 10) }, facts, today);
        if (decision.kind !== 'none') {
          const created = await tx.structuredConversation.create({
            data: { pupilId: pupil.id, keyTeacherId: pupil.keyTeacherId, kind: decision.kind, status: 'TO_BOOK', dueBy: asDate(decision.dueBy) },
            select: conversationStateSelect,
          });
          conversations.push(created);
          conversationsCreated += 1;
        }

        for (const c of conversations) {
          if (stillPlanned(c, now)) planned.push({ subjectId: c.id, kinds: CONVERSATION_JOB_KINDS, specs: conversationJobs(r, c, now) });
        }
        for (const t of pupil.targets) planned.push({ subjectId: t.id, kinds: [RHYTHM_JOB.targetReview], specs: targetJobs(r, t, now) });

        const anchor = latestHeld(r, conversations);
        const contacts = pupil.contacts.map((pc) => pc.contact);
        planned.push({ subjectId: pupil.id, kinds: [RHYTHM_JOB.progress], specs: anchor ? progressJobs(r, anchor, contacts, now) : [] });
      }
      await replaceJobs(tx, planned);

      const replies = await tx.message.findMany({
        where: { schoolId, ...AWAITING_ANSWER, createdAt: { gte: new Date(now.getTime() - REPLY_LOOK_BACK_MS) } },
        select: { id: true, pupilId: true, createdAt: true, handledAt: true },
      });
      await planJobs(tx, replies.flatMap((reply) => unansweredReplyJobs(r, { ...reply, pupilId: reply.pupilId! }, now)));
      return { schoolId, skipped: false, conversationsCreated };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export function latestHeld(r: Rhythm, conversations: ConversationRow[]): ProgressAnchor | undefined {
  let best: ProgressAnchor | undefined;
  for (const c of conversations) {
    if (heldOn(r, c) === null) continue;
    const heldAt = c.heldAt ?? c.scheduledAt ?? c.dueBy;
    if (!best || heldAt > best.heldAt) best = { pupilId: c.pupilId, conversationId: c.id, heldAt };
  }
  return best;
}

/** Plans every school; one school's trouble does not stop the others. */
export async function planAllSchools(prisma: PrismaClient, clock: Clock, onError: (schoolId: string, err: unknown) => void): Promise<PlanSummary[]> {
  const schools = await prisma.school.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } });
  const summaries: PlanSummary[] = [];
  for (const { id } of schools) {
    try {
      summaries.push(await planSchool(prisma, clock, id));
    } catch (err) {
      onError(id, err);
    }
  }
  return summaries;
}

/**
 * Re-plans one conversation's reminders from its state now. Called by the booking code when a
 * time is agreed or moved, and by the recording code when a record is saved; pass the
 * transaction that made the change, so the jobs and the change commit together.
 */
export async function planConversation(db: Db, clock: Clock, conversationId: string): Promise<void> {
  const c = await db.structuredConversation.findUniqueOrThrow({ where: { id: conversationId }, select: { ...conversationStateSelect, pupil: { select: { schoolId: true } } } });
  const r = await loadRhythm(db, c.pupil.schoolId);
  await replaceJobs(db, [{ subjectId: c.id, kinds: CONVERSATION_JOB_KINDS, specs: conversationJobs(r, c, clock.now()) }]);
}

export const onConversationTimeChanged = planConversation;
export const onConversationRecorded = planConversation;

/** A cancelled conversation's reminders (and any other job about it) are cancelled. */
export async function onConversationCancelled(db: Db, _clock: Clock, conversationId: string): Promise<number> {
  return cancelJobs(db, conversationId);
}
