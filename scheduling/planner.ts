import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction, type Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { nextConversation, OPEN_STATUSES, termToPlanChangesOn, type ConversationFacts } from '../domain/conversationCycle';
import { addDays, atLocalTime, isoWeekday, localDate, type IsoDate } from '../domain/schoolCalendar';
import { AWAITING_ANSWER, awaitsAnswer } from '../messaging/parentVoice';
import { cancelJobs, replaceJobs, type SubjectJobs } from '../jobs/jobQueue';
import { markForPlanning } from '../jobs/planningMarks';
import { loadRhythm, loadRhythms, type Rhythm } from './rhythm';
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
  schoolId: true,
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
 * Plans pupils of one school: the conversation each needs, the jobs of their conversations,
 * targets and progress updates. A pupil off the register (left, erased, no longer SEN) has their
 * pending jobs cancelled. Adds the jobs to `planned` (written for a whole batch at once) and
 * returns how many conversations were created and each pupil's horizon.
 */
async function planPupils(tx: Tx, r: Rhythm, now: Date, pupils: PupilRow[], planned: SubjectJobs[]): Promise<{ created: number; horizons: Map<string, IsoDate | undefined> }> {
  const today = localDate(now, r.cal.timezone);
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
  return { created, horizons };
}

/** The first instant of the reply look-back: replies before it are left alone. */
const replyWindowStart = (r: Rhythm, today: IsoDate): Date => atLocalTime(addDays(today, -REPLY_LOOK_BACK_DAYS), '00:00', r.cal.timezone);

type ReplyRow = { id: string; schoolId: string | null; pupilId: string | null; createdAt: Date; handledAt: Date | null; channel: 'SMS' | 'TEAMS'; direction: 'INBOUND' | 'OUTBOUND' };

/** A reply's escalation, if it waits for an answer and is inside the look-back (else none, and a pending one goes). */
function replyJobs(r: Rhythm, now: Date, m: ReplyRow): SubjectJobs {
  const since = replyWindowStart(r, localDate(now, r.cal.timezone));
  return { subjectId: m.id, kinds: [RHYTHM_JOB.unansweredReply], specs: awaitsAnswer(m) && m.createdAt >= since ? unansweredReplyJobs(r, { ...m, pupilId: m.pupilId! }, now) : [] };
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
  schoolId: string;
  kind: 'SCHOOL' | 'PUPIL' | 'CONVERSATION' | 'TARGET' | 'CONTACT' | 'REPLY';
  subjectId: string;
  sequence: number;
}

const ofKind = (marks: Mark[], kind: Mark['kind']): string[] => marks.filter((m) => m.kind === kind).map((m) => m.subjectId);

/**
 * The pupils the marks lead to (a conversation's, a target's, a parent's children), and those of
 * the schools whose rollover has come whose horizon date (school-local `today`) has come.
 */
async function pupilsToPlan(tx: Tx, marks: Mark[], rollovers: { schoolId: string; today: IsoDate }[]): Promise<string[]> {
  const [conversations, targets, contacts] = [ofKind(marks, 'CONVERSATION'), ofKind(marks, 'TARGET'), ofKind(marks, 'CONTACT')];
  const ids = new Set(ofKind(marks, 'PUPIL'));
  if (conversations.length + targets.length + contacts.length + rollovers.length === 0) return [...ids];
  const rows = await tx.$queryRaw<{ pupilId: string }[]>`
    SELECT "pupilId" FROM "StructuredConversation" WHERE "id" = ANY(${conversations}::uuid[])
    UNION SELECT "pupilId" FROM "Target" WHERE "id" = ANY(${targets}::uuid[])
    UNION SELECT "pupilId" FROM "PupilContact" WHERE "contactId" = ANY(${contacts}::uuid[])
    UNION SELECT h."pupilId" FROM unnest(${rollovers.map((x) => x.schoolId)}::uuid[], ${rollovers.map((x) => x.today)}::date[]) AS due(school, today)
            JOIN "PlanHorizon" h ON h."schoolId" = due.school AND h."replanOn" <= due.today`;
  for (const row of rows) ids.add(row.pupilId);
  return [...ids];
}

/** The horizons of the pupils just planned, replaced (and, for a school planned in full, its others dropped). */
async function writeHorizons(tx: Tx, horizons: { pupilId: string; schoolId: string; on: IsoDate | undefined }[], fullSchools: string[]): Promise<void> {
  const set = horizons.filter((h): h is { pupilId: string; schoolId: string; on: IsoDate } => h.on !== undefined);
  const none = horizons.filter((h) => h.on === undefined).map((h) => h.pupilId);
  if (fullSchools.length > 0) {
    await tx.$executeRaw`DELETE FROM "PlanHorizon" WHERE "schoolId" = ANY(${fullSchools}::uuid[]) AND NOT ("pupilId" = ANY(${set.map((h) => h.pupilId)}::uuid[]))`;
  }
  if (none.length > 0) await tx.$executeRaw`DELETE FROM "PlanHorizon" WHERE "pupilId" = ANY(${none}::uuid[])`;
  if (set.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "PlanHorizon" ("pupilId", "schoolId", "replanOn")
    SELECT * FROM unnest(${set.map((h) => h.pupilId)}::uuid[], ${set.map((h) => h.schoolId)}::uuid[], ${set.map((h) => h.on)}::date[])
    ON CONFLICT ("pupilId") DO UPDATE SET "replanOn" = EXCLUDED."replanOn" WHERE "PlanHorizon"."replanOn" IS DISTINCT FROM EXCLUDED."replanOn"`;
}

/** Schools planned together in one transaction by a pass, so a school with one change costs a few statements, not a dozen. */
const BATCH = 25;

/**
 * Plans schools inside `tx`, each only if no one else is planning it: in full, or what is marked
 * and what the date has brought. A school another planner holds is `skipped`. When several are
 * given and not asked in full, one found due in full is `deferred` (left for a transaction of its
 * own, so a batch stays short). Every school must have its `SchoolPlanning` row.
 */
export async function planSchoolsIn(tx: Tx, clock: Clock, schoolIds: string[], fullAskedFor: boolean): Promise<(PlanSummary & { deferred?: boolean })[]> {
  const held = await tx.$queryRaw<{ schoolId: string; rolloverAt: Date | null; fullPlanAt: Date }[]>`
    SELECT "schoolId", "rolloverAt", "fullPlanAt" FROM "SchoolPlanning" WHERE "schoolId" = ANY(${schoolIds}::uuid[]) ORDER BY "schoolId" FOR UPDATE SKIP LOCKED`;
  const summaries = new Map<string, PlanSummary & { deferred?: boolean }>(schoolIds.map((id) => [id, { schoolId: id, skipped: true, conversationsCreated: 0 }]));
  if (held.length === 0) return [...summaries.values()];
  const now = clock.now();
  const rhythms = await loadRhythms(tx, held.map((h) => h.schoolId));
  const allMarks = await tx.$queryRaw<Mark[]>`
    SELECT "id", "schoolId", "kind"::text AS "kind", "subjectId", "sequence" FROM "PlanningMark" WHERE "schoolId" = ANY(${held.map((h) => h.schoolId)}::uuid[])`;
  const dueInFull = (h: (typeof held)[number]) => fullAskedFor || h.fullPlanAt <= now || allMarks.some((m) => m.schoolId === h.schoolId && m.kind === 'SCHOOL');
  const deferred = schoolIds.length > 1 && !fullAskedFor ? held.filter(dueInFull) : [];
  for (const h of deferred) summaries.set(h.schoolId, { schoolId: h.schoolId, skipped: true, deferred: true, conversationsCreated: 0 });
  const schools = held.filter((h) => !deferred.includes(h) && rhythms.has(h.schoolId));
  const full = schools.filter(dueInFull).map((h) => h.schoolId);
  const marks = allMarks.filter((m) => schools.some((h) => h.schoolId === m.schoolId));
  const rollovers = schools
    .filter((h) => !full.includes(h.schoolId) && h.rolloverAt !== null && h.rolloverAt <= now)
    .map((h) => ({ schoolId: h.schoolId, today: localDate(now, rhythms.get(h.schoolId)!.cal.timezone) }));

  // Every pupil on the register of a school planned in full, and the pupils marks and horizons lead to (with those who have just left the register: their jobs must go).
  const marked = await pupilsToPlan(tx, marks, rollovers);
  const pupils = [
    ...(full.length > 0 ? await tx.pupil.findMany({ where: { schoolId: { in: full }, ...ON_REGISTER }, select: pupilSelect, orderBy: { createdAt: 'asc' } }) : []),
    ...(marked.length > 0
      ? await tx.pupil.findMany({ where: { id: { in: marked }, schoolId: { in: schools.map((h) => h.schoolId) }, OR: [{ schoolId: { notIn: full } }, { NOT: ON_REGISTER }] }, select: pupilSelect, orderBy: { createdAt: 'asc' } })
      : []),
  ];
  const replySelect = { id: true, schoolId: true, pupilId: true, createdAt: true, handledAt: true, channel: true, direction: true } as const;
  const earliestWindow = full.length > 0 ? new Date(Math.min(...full.map((id) => replyWindowStart(rhythms.get(id)!, localDate(now, rhythms.get(id)!.cal.timezone)).getTime()))) : now;
  const replies: ReplyRow[] = [
    ...(full.length > 0 ? await tx.message.findMany({ where: { schoolId: { in: full }, ...AWAITING_ANSWER, createdAt: { gte: earliestWindow } }, select: replySelect }) : []),
    // Marked replies even in full: one answered since is no longer among those waiting, and its escalation must go.
    ...(ofKind(marks, 'REPLY').length > 0 ? await tx.message.findMany({ where: { id: { in: ofKind(marks, 'REPLY') }, schoolId: { in: schools.map((h) => h.schoolId) } }, select: replySelect }) : []),
  ];

  const planned: SubjectJobs[] = [];
  const horizons: { pupilId: string; schoolId: string; on: IsoDate | undefined }[] = [];
  for (const { schoolId } of schools) {
    const r = rhythms.get(schoolId)!;
    const own = pupils.filter((p) => p.schoolId === schoolId);
    const result = await planPupils(tx, r, now, own, planned);
    for (const [pupilId, on] of result.horizons) horizons.push({ pupilId, schoolId, on });
    for (const m of replies) if (m.schoolId === schoolId) planned.push(replyJobs(r, now, m));
    summaries.set(schoolId, { schoolId, skipped: false, conversationsCreated: result.created, full: full.includes(schoolId), pupils: own.length });
  }
  // A reply marked twice (waiting, and marked) is planned once: the same jobs either way.
  await replaceJobs(tx, [...new Map(planned.map((p) => [`${p.kinds.join()}:${p.subjectId}`, p])).values()]);
  await writeHorizons(tx, horizons, full);

  // Only the marks read, and only if not marked again since: a mark being written now is skipped, not waited for.
  if (marks.length > 0) {
    await tx.$executeRaw`
      DELETE FROM "PlanningMark" WHERE "id" IN (
        SELECT m."id" FROM "PlanningMark" m JOIN unnest(${marks.map((m) => m.id)}::uuid[], ${marks.map((m) => m.sequence)}::int[]) AS read(id, sequence)
            ON m."id" = read.id AND m."sequence" = read.sequence
           FOR UPDATE OF m SKIP LOCKED)`;
  }
  // Each school's next rollover (its rollover time on its pupils' first horizon date) and next full plan.
  const ids = schools.map((h) => h.schoolId);
  const fullPlanAts = schools.map((h) => (full.includes(h.schoolId) ? nextFullPlanAt(h.schoolId, rhythms.get(h.schoolId)!.cal.timezone, now) : h.fullPlanAt));
  await tx.$executeRaw`
    UPDATE "SchoolPlanning" sp SET "fullPlanAt" = planned.full_plan_at, "plannedAt" = ${now},
           "rolloverAt" = (SELECT (min(h."replanOn") + ${ROLLOVER_TIME}::time) AT TIME ZONE s."timezone" FROM "PlanHorizon" h WHERE h."schoolId" = sp."schoolId")
      FROM unnest(${ids}::uuid[], ${fullPlanAts}::timestamptz[]) AS planned(school_id, full_plan_at), "School" s
     WHERE sp."schoolId" = planned.school_id AND s."id" = planned.school_id`;
  return schoolIds.map((id) => summaries.get(id)!);
}

/** One school (the tests, an admin's request, a use case that plans its marks at once). */
export async function planSchoolIn(tx: Tx, clock: Clock, schoolId: string, fullAskedFor: boolean): Promise<PlanSummary> {
  const [summary] = await planSchoolsIn(tx, clock, [schoolId], fullAskedFor);
  return summary!;
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
 * A planning pass: every school with a mark, a horizon come or its weekly full plan due, in
 * batches of schools (one transaction each; a school due in full gets its own), in an order of
 * this instance's own so that instances running passes at the same time mostly take different
 * schools, and skip the ones another holds. A batch that fails is planned again school by school,
 * so one school's trouble does not stop the others.
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
  const alone = async (schoolId: string) => {
    try {
      summaries.push(await transaction(prisma, (tx) => planSchoolIn(tx, clock, schoolId, false), PLANNING_TX));
    } catch (err) {
      onError(schoolId, err);
    }
  };
  for (let i = 0; i < order.length; i += BATCH) {
    const batch = order.slice(i, i + BATCH);
    let planned: (PlanSummary & { deferred?: boolean })[];
    try {
      planned = await transaction(prisma, (tx) => planSchoolsIn(tx, clock, batch, false), PLANNING_TX);
    } catch {
      for (const schoolId of batch) await alone(schoolId);
      continue;
    }
    for (const p of planned) {
      if (p.deferred) await alone(p.schoolId);
      else summaries.push(p);
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
