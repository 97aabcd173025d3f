import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction, type Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { nextConversation, OPEN_STATUSES, termToPlanChangesOn, type ConversationFacts } from '../domain/conversationCycle';
import { addDays, atLocalTime, isoWeekday, localDate, type IsoDate } from '../domain/schoolCalendar';
import { AWAITING_ANSWER, awaitsAnswer } from '../messaging/parentVoice';
import { cancelJobs, replaceJobs, type SubjectJobs } from '../jobs/jobQueue';
import { markForPlanning } from '../jobs/planningMarks';
import { loadRhythm, type Rhythm } from './rhythm';
import {
  CONVERSATION_JOB_KINDS,
  conversationJobs,
  conversationPlan,
  progressPlan,
  RHYTHM_JOB,
  targetPlan,
  unansweredReplyJobs,
  type ConversationState,
  type ProgressAnchor,
} from './rhythmJobs';

/**
 * Plans each school's due work into the jobs table: the conversations pupils need, the trail
 * reminders around each conversation, target reviews, progress updates and escalations.
 *
 * Work in proportion to what changed. A planning pass (`planChanges`: the scheduler's 15-minute
 * tick, and a kick after each use case) plans only what was marked (jobs/planningMarks.ts) and,
 * once the school-local date reaches it, each pupil's horizon: the date their plan changes with
 * nothing changed in their record (a progress round passed, a confidence question's week is over,
 * a term's review window opens), planned at ROLLOVER_TIME that day. A school is planned in full
 * (`planSchool`) when it is new to the planner, when its settings or calendar change, once a week
 * as a safety net, and on an admin's request. Full and change-driven planning share every rule, so
 * both give the same jobs (tests/scheduling/incrementalPlanning.test.ts), and both are idempotent:
 * the same keys, so planning again creates nothing new.
 *
 * Safe on many instances: a planner holds the school's `SchoolPlanning` row (FOR UPDATE SKIP
 * LOCKED) for the whole of its transaction, so no school is planned by two at once, and a busy pass
 * is shared: each instance takes the schools no one else holds. Marks are read in that transaction
 * and cleared only if their sequence is still the one read, so a change made meanwhile is planned
 * by the next pass.
 */
/** Finished conversations and cancelled ones are left alone this many days after (their jobs have run). */
const LOOK_BACK_DAYS = 60;
/**
 * A reply is escalated after up to 10 school days, which across the summer holiday is over two
 * months: replies are planned for longer than any escalation can wait.
 */
const REPLY_LOOK_BACK_DAYS = 120;
/** School-local time the day rollover plans the pupils whose horizon has come: outside every school's day. */
export const ROLLOVER_TIME = '03:00';
/** A school never planned, or asked to be planned in full, is due since always. */
const AT_ONCE = new Date(0);

/** Every kind of job the planner owns: it creates, moves and cancels these, and nothing else. */
export const PLANNED_JOB_KINDS: string[] = [...CONVERSATION_JOB_KINDS, RHYTHM_JOB.targetReview, RHYTHM_JOB.progress, RHYTHM_JOB.unansweredReply];

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
  /** Planned in full (new, settings or calendar changed, the weekly safety net, asked for). */
  full?: boolean;
  /** Pupils planned (every pupil on the register when full). */
  pupils?: number;
}

/** The school-local date a conversation was held, if it was. */
function heldOn(r: Rhythm, c: ConversationRow): string | null {
  if (c.status !== 'HELD') return null;
  return localDate(c.heldAt ?? c.scheduledAt ?? c.dueBy, r.cal.timezone);
}

const asDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const isoOf = (d: Date): IsoDate => d.toISOString().slice(0, 10);
const earliest = (dates: (IsoDate | undefined)[]): IsoDate | undefined => dates.reduce<IsoDate | undefined>((a, d) => (d && (!a || d < a) ? d : a), undefined);

function stillPlanned(r: Rhythm, c: ConversationRow, today: IsoDate): boolean {
  const within = (d: Date) => today < addDays(localDate(d, r.cal.timezone), LOOK_BACK_DAYS);
  if (c.status === 'CANCELLED') return !c.cancelledAt || within(c.cancelledAt);
  if (c.recordState === 'FINAL' && c.recordedAt) return within(c.recordedAt);
  return true;
}

const pupilSelect = {
  id: true,
  onRegisterSince: true,
  keyTeacherId: true,
  senStatus: true,
  archivedAt: true,
  conversations: { select: conversationStateSelect, orderBy: { createdAt: 'asc' } },
  targets: { select: { id: true, pupilId: true, status: true, reviewBy: true, reviewedAt: true } },
  contacts: {
    where: { parentalResponsibility: true, contact: { smsConsent: true, optedOutAt: null, unreachableAt: null } },
    select: { contact: { select: { id: true, updateEveryWeeks: true } } },
  },
} satisfies Prisma.PupilSelect;

type PupilRow = Prisma.PupilGetPayload<{ select: typeof pupilSelect }>;

const ON_REGISTER = { archivedAt: null, senStatus: { not: 'NOT_ON_REGISTER' } } satisfies Prisma.PupilWhereInput;

/**
 * Plans pupils: the conversation each needs, the jobs of their conversations, targets and
 * progress updates. A pupil off the register (left, erased, no longer SEN) has their pending jobs
 * cancelled. Returns how many conversations were created and each pupil's horizon.
 */
async function planPupils(tx: Tx, r: Rhythm, now: Date, pupils: PupilRow[]): Promise<{ created: number; horizons: Map<string, IsoDate | undefined> }> {
  const today = localDate(now, r.cal.timezone);
  const planned: SubjectJobs[] = [];
  const horizons = new Map<string, IsoDate | undefined>();
  let created = 0;
  for (const pupil of pupils) {
    if (pupil.archivedAt !== null || pupil.senStatus === 'NOT_ON_REGISTER') {
      planned.push({ subjectId: pupil.id, kinds: [RHYTHM_JOB.progress], specs: [] });
      for (const c of pupil.conversations) planned.push({ subjectId: c.id, kinds: CONVERSATION_JOB_KINDS, specs: [] });
      for (const t of pupil.targets) planned.push({ subjectId: t.id, kinds: [RHYTHM_JOB.targetReview], specs: [] });
      horizons.set(pupil.id, undefined);
      continue;
    }
    const conversations: ConversationRow[] = [...pupil.conversations];
    const facts: ConversationFacts[] = conversations.map((c) => ({ status: c.status, dueBy: isoOf(c.dueBy), heldOn: heldOn(r, c) }));
    const decision = nextConversation(r.cal, r.settings, { onRegisterSince: isoOf(pupil.onRegisterSince) }, facts, today);
    if (decision.kind !== 'none') {
      const made = await tx.structuredConversation.create({
        data: { pupilId: pupil.id, keyTeacherId: pupil.keyTeacherId, kind: decision.kind, status: 'TO_BOOK', dueBy: asDate(decision.dueBy) },
        select: conversationStateSelect,
      });
      conversations.push(made);
      created += 1;
    }
    // With a conversation open, no other is needed whatever the date; without one, a term's window may bring one.
    const dates: (IsoDate | undefined)[] = [conversations.some((c) => OPEN_STATUSES.includes(c.status)) ? undefined : termToPlanChangesOn(r.cal, today)];
    for (const c of conversations) {
      if (!stillPlanned(r, c, today)) continue;
      const plan = conversationPlan(r, c, now);
      planned.push({ subjectId: c.id, kinds: CONVERSATION_JOB_KINDS, specs: plan.specs });
      dates.push(plan.replanOn);
    }
    for (const t of pupil.targets) {
      const plan = targetPlan(r, t, now);
      planned.push({ subjectId: t.id, kinds: [RHYTHM_JOB.targetReview], specs: plan.specs });
      dates.push(plan.replanOn);
    }
    const anchor = latestHeld(r, conversations);
    const progress = anchor ? progressPlan(r, anchor, pupil.contacts.map((pc) => pc.contact), now) : { specs: [] };
    planned.push({ subjectId: pupil.id, kinds: [RHYTHM_JOB.progress], specs: progress.specs });
    dates.push(progress.replanOn);
    horizons.set(pupil.id, earliest(dates));
  }
  await replaceJobs(tx, planned);
  return { created, horizons };
}

/** The first instant of the reply look-back: replies before it are left alone. */
const replyWindowStart = (r: Rhythm, today: IsoDate): Date => atLocalTime(addDays(today, -REPLY_LOOK_BACK_DAYS), '00:00', r.cal.timezone);

/** Escalations of parents' replies waiting for an answer: `ids` (any reply, answered or not), or every reply waiting. */
async function planReplies(tx: Tx, r: Rhythm, now: Date, ids?: string[]): Promise<void> {
  if (ids?.length === 0) return;
  const since = replyWindowStart(r, localDate(now, r.cal.timezone));
  const select = { id: true, pupilId: true, createdAt: true, handledAt: true, channel: true, direction: true } as const;
  const replies = ids
    ? await tx.message.findMany({ where: { schoolId: r.schoolId, id: { in: ids } }, select })
    : await tx.message.findMany({ where: { schoolId: r.schoolId, ...AWAITING_ANSWER, createdAt: { gte: since } }, select });
  await replaceJobs(
    tx,
    replies.map((m) => ({
      subjectId: m.id,
      kinds: [RHYTHM_JOB.unansweredReply],
      specs: awaitsAnswer(m) && m.createdAt >= since ? unansweredReplyJobs(r, { ...m, pupilId: m.pupilId! }, now) : [],
    })),
  );
}

/** Sunday night, school-local, at a minute of 01:00-04:59 that depends on the school, so a nation's schools do not all start at once. */
export function nextFullPlanAt(schoolId: string, timezone: string, now: Date): Date {
  const minutes = 60 + (Number.parseInt(schoolId.slice(0, 8), 16) % 240);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  let day = addDays(localDate(now, timezone), 1);
  while (isoWeekday(day) !== 7) day = addDays(day, 1);
  return atLocalTime(day, time, timezone);
}

interface Mark {
  id: string;
  kind: 'SCHOOL' | 'PUPIL' | 'CONVERSATION' | 'TARGET' | 'CONTACT' | 'REPLY';
  subjectId: string;
  sequence: number;
}

const ofKind = (marks: Mark[], kind: Mark['kind']): string[] => marks.filter((m) => m.kind === kind).map((m) => m.subjectId);

/** The pupils the marks lead to (a conversation's, a target's, a parent's children), and those whose horizon has come. */
async function pupilsToPlan(tx: Tx, schoolId: string, marks: Mark[], horizonReached: IsoDate | undefined): Promise<string[]> {
  const [conversations, targets, contacts] = [ofKind(marks, 'CONVERSATION'), ofKind(marks, 'TARGET'), ofKind(marks, 'CONTACT')];
  const ids = new Set(ofKind(marks, 'PUPIL'));
  if (conversations.length + targets.length + contacts.length > 0 || horizonReached) {
    const rows = await tx.$queryRaw<{ pupilId: string }[]>`
      SELECT "pupilId" FROM "StructuredConversation" WHERE "id" = ANY(${conversations}::uuid[])
      UNION SELECT "pupilId" FROM "Target" WHERE "id" = ANY(${targets}::uuid[])
      UNION SELECT "pupilId" FROM "PupilContact" WHERE "contactId" = ANY(${contacts}::uuid[])
      UNION SELECT "pupilId" FROM "PlanHorizon" WHERE "schoolId" = ${schoolId}::uuid AND "replanOn" <= ${horizonReached ?? '0001-01-01'}::date`;
    for (const row of rows) ids.add(row.pupilId);
  }
  return [...ids];
}

/** The horizons of the pupils just planned: replaced for each (all of the school's, when planned in full). */
async function writeHorizons(tx: Tx, schoolId: string, horizons: Map<string, IsoDate | undefined>, full: boolean): Promise<void> {
  const set = [...horizons].filter((h): h is [string, IsoDate] => h[1] !== undefined);
  const none = [...horizons].filter(([, d]) => d === undefined).map(([p]) => p);
  if (full) await tx.$executeRaw`DELETE FROM "PlanHorizon" WHERE "schoolId" = ${schoolId}::uuid AND NOT ("pupilId" = ANY(${set.map(([p]) => p)}::uuid[]))`;
  else if (none.length > 0) await tx.$executeRaw`DELETE FROM "PlanHorizon" WHERE "pupilId" = ANY(${none}::uuid[])`;
  if (set.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "PlanHorizon" ("pupilId", "schoolId", "replanOn")
    SELECT p, ${schoolId}::uuid, d FROM unnest(${set.map(([p]) => p)}::uuid[], ${set.map(([, d]) => d)}::date[]) AS h(p, d)
    ON CONFLICT ("pupilId") DO UPDATE SET "replanOn" = EXCLUDED."replanOn" WHERE "PlanHorizon"."replanOn" IS DISTINCT FROM EXCLUDED."replanOn"`;
}

/**
 * Plans one school inside `tx`, if no one else is planning it: in full, or what is marked and what
 * the date has brought. Returns `skipped` when another planner holds the school. The school must
 * have its `SchoolPlanning` row (`ensureSchoolPlanning`).
 */
export async function planSchoolIn(tx: Tx, clock: Clock, schoolId: string, fullAskedFor: boolean): Promise<PlanSummary> {
  const [held] = await tx.$queryRaw<{ rolloverAt: Date | null; fullPlanAt: Date }[]>`
    SELECT "rolloverAt", "fullPlanAt" FROM "SchoolPlanning" WHERE "schoolId" = ${schoolId}::uuid FOR UPDATE SKIP LOCKED`;
  if (!held) return { schoolId, skipped: true, conversationsCreated: 0 };
  const now = clock.now();
  const r = await loadRhythm(tx, schoolId);
  const today = localDate(now, r.cal.timezone);
  const marks = await tx.$queryRaw<Mark[]>`SELECT "id", "kind"::text AS "kind", "subjectId", "sequence" FROM "PlanningMark" WHERE "schoolId" = ${schoolId}::uuid`;
  const full = fullAskedFor || held.fullPlanAt <= now || marks.some((m) => m.kind === 'SCHOOL');

  const rollover = !full && held.rolloverAt !== null && held.rolloverAt <= now;
  const marked = await pupilsToPlan(tx, schoolId, marks, rollover ? today : undefined);
  const load = (where: Prisma.PupilWhereInput) => tx.pupil.findMany({ where: { schoolId, ...where }, select: pupilSelect, orderBy: { createdAt: 'asc' } });
  // In full: every pupil on the register, and any marked pupil who has just left it (their jobs must go).
  const pupils = full ? [...(await load(ON_REGISTER)), ...(marked.length > 0 ? await load({ id: { in: marked }, NOT: ON_REGISTER }) : [])] : marked.length > 0 ? await load({ id: { in: marked } }) : [];
  const { created, horizons } = await planPupils(tx, r, now, pupils);
  if (full) await planReplies(tx, r, now);
  // Marked replies even in full: one answered since is no longer among those waiting, and its escalation must go.
  await planReplies(tx, r, now, ofKind(marks, 'REPLY'));
  await writeHorizons(tx, schoolId, horizons, full);

  // Only the marks read, and only if not marked again since: a mark being written now is skipped, not waited for.
  if (marks.length > 0) {
    await tx.$executeRaw`
      DELETE FROM "PlanningMark" WHERE "id" IN (
        SELECT m."id" FROM "PlanningMark" m JOIN unnest(${marks.map((m) => m.id)}::uuid[], ${marks.map((m) => m.sequence)}::int[]) AS read(id, sequence)
            ON m."id" = read.id AND m."sequence" = read.sequence
           FOR UPDATE OF m SKIP LOCKED)`;
  }
  // The next rollover: the school-local rollover time on the first horizon date of its pupils.
  const fullPlanAt = full ? nextFullPlanAt(schoolId, r.cal.timezone, now) : held.fullPlanAt;
  await tx.$executeRaw`
    UPDATE "SchoolPlanning" SET "fullPlanAt" = ${fullPlanAt}, "plannedAt" = ${now},
           "rolloverAt" = (SELECT (min("replanOn") + ${ROLLOVER_TIME}::time) AT TIME ZONE ${r.cal.timezone} FROM "PlanHorizon" WHERE "schoolId" = ${schoolId}::uuid)
     WHERE "schoolId" = ${schoolId}::uuid`;
  return { schoolId, skipped: false, conversationsCreated: created, full, pupils: pupils.length };
}

const PLANNING_TX = { timeout: 120_000, maxWait: 30_000 };

/** The planner's row for each school that has none yet (new, or from before change-driven planning): due in full at once. */
async function ensureSchoolPlanning(prisma: PrismaClient, schoolId?: string): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "SchoolPlanning" ("schoolId", "fullPlanAt")
    SELECT s."id", ${AT_ONCE} FROM "School" s
     WHERE (${schoolId ?? null}::uuid IS NULL OR s."id" = ${schoolId ?? null}::uuid)
       AND NOT EXISTS (SELECT 1 FROM "SchoolPlanning" p WHERE p."schoolId" = s."id")
    ON CONFLICT ("schoolId") DO NOTHING`;
}

/** Plans a school in full now (an admin's request, the tests); skipped if another planner holds it. */
export async function planSchool(prisma: PrismaClient, clock: Clock, schoolId: string): Promise<PlanSummary> {
  await ensureSchoolPlanning(prisma, schoolId);
  return transaction(prisma, (tx) => planSchoolIn(tx, clock, schoolId, true), PLANNING_TX);
}

/** Plans what changed in one school now (after a change whose effect should not wait for the next pass). */
export async function planSchoolChanges(prisma: PrismaClient, clock: Clock, schoolId: string): Promise<PlanSummary> {
  await ensureSchoolPlanning(prisma, schoolId);
  return transaction(prisma, (tx) => planSchoolIn(tx, clock, schoolId, false), PLANNING_TX);
}

/** Plans every school in full, one after another; one school's trouble does not stop the others. */
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
 * A planning pass: every school with a mark, a horizon come or its weekly full plan due, each in
 * its own transaction, in an order of this instance's own so that instances running passes at the
 * same time mostly take different schools (and skip the ones another holds).
 */
export async function planChanges(prisma: PrismaClient, clock: Clock, onError: (schoolId: string, err: unknown) => void): Promise<PlanSummary[]> {
  const now = clock.now();
  await ensureSchoolPlanning(prisma);
  const due = await prisma.$queryRaw<{ schoolId: string }[]>`
    SELECT "schoolId" FROM "PlanningMark"
    UNION SELECT "schoolId" FROM "SchoolPlanning" WHERE "rolloverAt" <= ${now}
    UNION SELECT "schoolId" FROM "SchoolPlanning" WHERE "fullPlanAt" <= ${now}`;
  const order = due.map((d) => d.schoolId);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const summaries: PlanSummary[] = [];
  for (const schoolId of order) {
    try {
      summaries.push(await transaction(prisma, (tx) => planSchoolIn(tx, clock, schoolId, false), PLANNING_TX));
    } catch (err) {
      onError(schoolId, err);
    }
  }
  return summaries;
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

/**
 * A conversation's time was agreed or moved, or its record saved: its reminders are re-planned at
 * once in the transaction that made the change (so they commit together), and the pupil is marked
 * for what else the change moves (the next conversation, progress updates), planned by the next pass.
 */
export async function onConversationChanged(tx: Tx, clock: Clock, conversationId: string): Promise<void> {
  const c = await tx.structuredConversation.findUniqueOrThrow({ where: { id: conversationId }, select: { ...conversationStateSelect, pupil: { select: { schoolId: true } } } });
  const r = await loadRhythm(tx, c.pupil.schoolId);
  const now = clock.now();
  // As the pupil's planning does: one finished long ago is left alone.
  if (stillPlanned(r, c, localDate(now, r.cal.timezone))) await replaceJobs(tx, [{ subjectId: c.id, kinds: CONVERSATION_JOB_KINDS, specs: conversationJobs(r, c, now) }]);
  await markForPlanning(tx, 'conversation', conversationId);
}

export const onConversationTimeChanged = onConversationChanged;
export const onConversationRecorded = onConversationChanged;

/** A cancelled conversation's reminders (and any other job about it) are cancelled; the pupil may need another. */
export async function onConversationCancelled(tx: Tx, _clock: Clock, conversationId: string): Promise<number> {
  const cancelled = await cancelJobs(tx, conversationId);
  await markForPlanning(tx, 'conversation', conversationId);
  return cancelled;
}
