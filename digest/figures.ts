import { DateTime } from 'luxon';
import type { Channel, ConversationKind, ConversationStatus, Direction, MessageStatus, TargetArea, TargetStatus } from '../generated/prisma/client';
import { OPEN_STATUSES } from '../domain/conversationCycle';
import { reviewedForItsDate } from '../domain/targetReview';
import { awaitsAnswer } from '../messaging/parentVoice';

/**
 * The school leads' figures, computed from plain records of ONE school (or a narrower set of its
 * pupils) at one reporting instant. Pure: no database, no clock. Weeks, months, terms and the
 * school year are read in the school's own time zone. README "School leads" defines every figure.
 */

export interface PupilFact {
  id: string;
  keyTeacherId: string | null;
  /** False once the pupil has left the SEN register. */
  onRegister: boolean;
}

export interface StaffFact {
  id: string;
  displayName: string;
  isKeyTeacher: boolean;
}

export interface ConversationFact {
  id: string;
  pupilId: string;
  keyTeacherId: string | null;
  kind: ConversationKind;
  status: ConversationStatus;
  /** School-local date, YYYY-MM-DD. */
  dueBy: string;
  heldAt: Date | null;
}

export interface TargetFact {
  id: string;
  pupilId: string;
  area: TargetArea;
  status: TargetStatus;
  /** School-local date, YYYY-MM-DD. */
  reviewBy: string;
  reviewedAt: Date | null;
  createdAt: Date;
}

export interface ContactFact {
  id: string;
  /** The pupils this parent or carer is a contact for. */
  pupilIds: string[];
  optedOutAt: Date | null;
  unreachableAt: Date | null;
}

/** SMS to and from parents (never the body: figures need none). */
export interface ParentMessageFact {
  id: string;
  contactId: string;
  /** The child the message was filed under; null while a parent of several has not said which. */
  pupilId: string | null;
  channel: Channel;
  direction: Direction;
  status: MessageStatus;
  createdAt: Date;
  deliveredAt: Date | null;
  handledAt: Date | null;
}

export interface ConfidenceFact {
  contactId: string;
  pupilId: string;
  score: number;
  receivedAt: Date;
}

export interface DigestInput {
  timezone: string;
  terms: { name?: string; startsOn: string; endsOn: string }[];
  pupils: PupilFact[];
  staff: StaffFact[];
  conversations: ConversationFact[];
  targets: TargetFact[];
  pupilViews: { pupilId: string; recordedAt: Date }[];
  contacts: ContactFact[];
  parentMessages: ParentMessageFact[];
  confidence: ConfidenceFact[];
  /** Messages (any channel) whose last status is FAILED or UNDELIVERED, with when that happened. */
  failedMessages: { id: string; channel: 'SMS' | 'TEAMS'; failedAt: Date }[];
  /** Jobs other than message deliveries that failed for good. */
  failedJobs: { id: string; kind: string; failedAt: Date }[];
  /** When the previous weekly digest went out; delivery problems are counted since then. */
  lastDigestAt: Date | null;
  /** The school's link to its MIS (Wonde), when it has one: null for a school that imports CSV files. */
  mis: MisFact | null;
}

export interface MisFact {
  state: 'CONNECTED' | 'REVOKED' | 'DISCONNECTED';
  connectedAt: Date;
  /** Start of the last sync that succeeded. */
  lastGoodSyncAt: Date | null;
  /** The latest finished syncs, newest first. */
  finished: { status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED'; finishedAt: Date | null }[];
}

/** The digest mentions the MIS sync once none has succeeded for this long (the nightly one missed three nights). */
export const MIS_STALE_DAYS = 3;

export interface MisHealth {
  /** revoked: Wonde refused access; failed: the latest sync failed; stale: none succeeded for MIS_STALE_DAYS. */
  problem: 'revoked' | 'failed' | 'stale';
  /** Whole days since the last good sync began; null when none has succeeded. */
  daysSinceGoodSync: number | null;
  /** Syncs that failed since the last good one. */
  failedSinceGoodSync: number;
}

/** Whether the register sync needs someone: null while it is well (or the school has no MIS link, or disconnected it). */
export function misHealth(mis: MisFact | null, at: Date): MisHealth | null {
  if (!mis || mis.state === 'DISCONNECTED') return null;
  const good = mis.lastGoodSyncAt;
  const failedSinceGoodSync = mis.finished.filter((s) => s.status === 'FAILED' && (!good || (s.finishedAt !== null && s.finishedAt > good))).length;
  const daysSinceGoodSync = good ? Math.floor((at.getTime() - good.getTime()) / DAY) : null;
  const quietFor = (at.getTime() - (good ?? mis.connectedAt).getTime()) / DAY;
  const problem = mis.state === 'REVOKED' ? 'revoked' : mis.finished[0]?.status === 'FAILED' ? 'failed' : quietFor >= MIS_STALE_DAYS ? 'stale' : null;
  return problem ? { problem, daysSinceGoodSync, failedSinceGoodSync } : null;
}

export type AreaGroup = 'ENGLISH' | 'MATHS' | 'WIDER';
export const AREA_GROUPS: AreaGroup[] = ['ENGLISH', 'MATHS', 'WIDER'];

export interface TargetCounts {
  set: number;
  reviewedOnTime: number;
  achieved: number;
  offTrack: number;
}

export interface DigestFigures {
  at: string;
  week: { from: string; to: string };
  term: { name: string | null; from: string };
  /** Start of the rolling half term (six weeks) that "reached" and the confidence trend look back over. */
  halfTermFrom: string;
  pupilsOnRegister: number;
  conversations: {
    dueThisWeek: number;
    heldLastSevenDays: number;
    heldThisTerm: number;
    overdue: number;
    overdueByKeyTeacher: { staffId: string | null; name: string; count: number }[];
    initialOutstanding: number;
  };
  targets: { byArea: Record<AreaGroup, TargetCounts>; total: TargetCounts };
  parents: {
    contacts: number;
    reachedLastHalfTerm: number;
    neverReached: number;
    optedOut: number;
    numbersDead: number;
    repliesWaiting: { count: number; oldestMinutes: number | null; medianMinutes: number | null };
  };
  pupilVoice: { withoutViewsThisTerm: number };
  confidence: { latestAverage: number | null; parentsRating: number; halfTermAgoAverage: number | null; change: number | null };
  delivery: { since: string; failedSms: number; failedTeams: number; failedJobs: number };
  workload: { staffId: string | null; name: string; pupils: number; overManageable: boolean }[];
  /** The register sync from the MIS, when it needs someone (counts only). */
  misSync: MisHealth | null;
}

export interface YearCharts {
  schoolYearFrom: string;
  heldPerMonth: { month: string; held: number }[];
  confidencePerMonth: { month: string; average: number | null }[];
  targetsByStatus: { area: AreaGroup; counts: Record<TargetStatus, number> }[];
}

/** The programme found five pupils per key teacher manageable (001:636). */
export const MANAGEABLE_PUPILS_PER_KEY_TEACHER = 5;
/** A half term, for "reached in the last half term" and the confidence trend. */
export const HALF_TERM_DAYS = 42;
const TARGET_STATUSES: TargetStatus[] = ['NOT_STARTED', 'WORKING_TOWARDS', 'ACHIEVED', 'NEEDS_CHANGE', 'CLOSED'];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const areaGroupOf = (area: TargetArea): AreaGroup => (area === 'ENGLISH' ? 'ENGLISH' : area === 'MATHS' ? 'MATHS' : 'WIDER');

const local = (instant: Date, tz: string): DateTime => DateTime.fromJSDate(instant, { zone: tz });
const localIso = (instant: Date, tz: string): string => local(instant, tz).toISODate()!;

/** The school-local Monday..Sunday week containing `at`. */
export function weekOf(at: Date, tz: string): { from: string; to: string } {
  const monday = local(at, tz).startOf('week');
  return { from: monday.toISODate()!, to: monday.plus({ days: 6 }).toISODate()! };
}

/** The school year (1 September to 31 August) containing `at`, as its first date. */
export function schoolYearStart(at: Date, tz: string): DateTime {
  const d = local(at, tz);
  return DateTime.fromObject({ year: d.month >= 9 ? d.year : d.year - 1, month: 9, day: 1 }, { zone: tz });
}

/** The term containing today, else the last one that started; with no terms entered, the school year. */
export function currentTerm(at: Date, input: Pick<DigestInput, 'terms' | 'timezone'>): { name: string | null; from: string } {
  const today = localIso(at, input.timezone);
  const started = input.terms.filter((t) => t.startsOn <= today).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const term = started.at(-1);
  return term ? { name: term.name ?? null, from: term.startsOn } : { name: null, from: schoolYearStart(at, input.timezone).toISODate()! };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Average of each parent's latest rating received by `asOf` (one voice per parent), who those parents are, and the sum it rests on (to weigh schools together). */
export function latestConfidence(ratings: ConfidenceFact[], asOf: Date): { average: number | null; parents: number; sum: number; contactIds: string[] } {
  const latest = new Map<string, ConfidenceFact>();
  for (const r of ratings) {
    if (r.receivedAt > asOf) continue;
    const seen = latest.get(r.contactId);
    if (!seen || r.receivedAt > seen.receivedAt) latest.set(r.contactId, r);
  }
  const scores = [...latest.values()].map((r) => r.score);
  const sum = scores.reduce((a, b) => a + b, 0);
  return { average: scores.length ? round2(sum / scores.length) : null, parents: scores.length, sum, contactIds: [...latest.keys()] };
}

const reachedBy = (m: ParentMessageFact): Date | null =>
  m.direction === 'INBOUND' ? m.createdAt : m.status === 'DELIVERED' ? (m.deliveredAt ?? m.createdAt) : null;

/** The targets behind each target figure: set, reviewed on time, achieved, off track. */
function targetLists(targets: TargetFact[], today: string, tz: string): Record<keyof TargetCounts, string[]> {
  const l: Record<keyof TargetCounts, string[]> = { set: targets.map((t) => t.id), reviewedOnTime: [], achieved: [], offTrack: [] };
  for (const t of targets) {
    if (t.status === 'ACHIEVED') l.achieved.push(t.id);
    // Reviewed on time: a review recorded no later than the review date (school-local).
    if (t.reviewedAt && localIso(t.reviewedAt, tz) <= t.reviewBy) l.reviewedOnTime.push(t.id);
    // The review date passed and no review recorded: the rule the due list and the reminder read too.
    const reviewMissed = t.reviewBy < today && !reviewedForItsDate({ reviewBy: t.reviewBy, reviewedOn: t.reviewedAt && localIso(t.reviewedAt, tz) }, today) && t.status !== 'ACHIEVED' && t.status !== 'CLOSED';
    if (t.status === 'NEEDS_CHANGE' || reviewMissed) l.offTrack.push(t.id);
  }
  return l;
}

const countsOf = (l: Record<keyof TargetCounts, string[]>): TargetCounts => ({ set: l.set.length, reviewedOnTime: l.reviewedOnTime.length, achieved: l.achieved.length, offTrack: l.offTrack.length });

/**
 * What each figure counts, by the figure's key (digest/figureNames.ts): the ids of the pupils,
 * conversations, targets, parents, messages or tasks behind it. The figures are these lists'
 * lengths, so a figure and the list the dashboard opens from it can never disagree.
 */
export type FigureLists = Record<string, string[]>;

export function computeDigest(input: DigestInput, at: Date): DigestFigures {
  return computeFigures(input, at).figures;
}

export function computeFigureLists(input: DigestInput, at: Date): FigureLists {
  return computeFigures(input, at).lists;
}

function computeFigures(input: DigestInput, at: Date): { figures: DigestFigures; lists: FigureLists } {
  const tz = input.timezone;
  const today = localIso(at, tz);
  const week = weekOf(at, tz);
  const term = currentTerm(at, input);
  const termStart = DateTime.fromISO(term.from, { zone: tz }).toJSDate();
  const yearStart = schoolYearStart(at, tz).toJSDate();
  const halfTermFrom = new Date(at.getTime() - HALF_TERM_DAYS * DAY);
  const pupils = input.pupils.filter((p) => p.onRegister);
  const pupilIds = new Set(pupils.map((p) => p.id));
  const staffName = new Map(input.staff.map((s) => [s.id, s.displayName]));
  const nameOf = (id: string | null): string => (id ? (staffName.get(id) ?? 'Former member of staff') : 'No key teacher');

  const conversations = input.conversations.filter((c) => pupilIds.has(c.pupilId));
  const open = conversations.filter((c) => OPEN_STATUSES.includes(c.status));
  const overdue = open.filter((c) => c.dueBy < today);
  const pupilKeyTeacher = new Map(pupils.map((p) => [p.id, p.keyTeacherId]));
  const overdueByTeacher = new Map<string | null, string[]>();
  for (const c of overdue) {
    const teacher = c.keyTeacherId ?? pupilKeyTeacher.get(c.pupilId) ?? null;
    overdueByTeacher.set(teacher, [...(overdueByTeacher.get(teacher) ?? []), c.id]);
  }
  const held = conversations.filter((c) => c.status === 'HELD' && c.heldAt && c.heldAt <= at);
  const initialHeld = new Set(held.filter((c) => c.kind === 'INITIAL').map((c) => c.pupilId));

  const targets = input.targets.filter((t) => pupilIds.has(t.pupilId) && t.createdAt >= yearStart && t.createdAt <= at);
  const targetsByArea = Object.fromEntries(AREA_GROUPS.map((g) => [g, targetLists(targets.filter((t) => areaGroupOf(t.area) === g), today, tz)])) as Record<AreaGroup, Record<keyof TargetCounts, string[]>>;
  const targetsTotal = targetLists(targets, today, tz);

  // Parents count through the pupils on the register they are a contact for.
  const contacts = input.contacts.filter((c) => c.pupilIds.some((id) => pupilIds.has(id)));
  const ratings = input.confidence.filter((r) => pupilIds.has(r.pupilId));
  const messagesByContact = new Map<string, ParentMessageFact[]>();
  for (const m of input.parentMessages) {
    if (m.createdAt > at) continue;
    messagesByContact.set(m.contactId, [...(messagesByContact.get(m.contactId) ?? []), m]);
  }
  const reached: string[] = [];
  const neverReached: string[] = [];
  for (const contact of contacts) {
    const times = (messagesByContact.get(contact.id) ?? []).map(reachedBy).filter((d): d is Date => d !== null && d <= at);
    if (times.some((d) => d > halfTermFrom)) reached.push(contact.id);
    if (times.length === 0) neverReached.push(contact.id);
  }
  // Replies waiting belong to the child they are about (and so to that child's key teacher), not to the parent.
  const waitingMessages = input.parentMessages.filter((m) => m.pupilId !== null && pupilIds.has(m.pupilId) && awaitsAnswer(m, at));
  const waiting = waitingMessages.map((m) => Math.floor((at.getTime() - m.createdAt.getTime()) / MINUTE));

  const viewed = new Set(input.pupilViews.filter((v) => v.recordedAt >= termStart && v.recordedAt <= at).map((v) => v.pupilId));
  const now = latestConfidence(ratings, at);
  const before = latestConfidence(ratings, halfTermFrom);
  const since = input.lastDigestAt ?? new Date(at.getTime() - 7 * DAY);
  const inWindow = (d: Date): boolean => d > since && d <= at;

  const caseload = new Map<string | null, string[]>();
  for (const s of input.staff) if (s.isKeyTeacher) caseload.set(s.id, []);
  for (const p of pupils) caseload.set(p.keyTeacherId, [...(caseload.get(p.keyTeacherId) ?? []), p.id]);

  const staffKey = (id: string | null): string => id ?? 'none';
  const lists: FigureLists = {
    pupilsOnRegister: pupils.map((p) => p.id),
    'conversations.dueThisWeek': open.filter((c) => c.dueBy >= today && c.dueBy <= week.to).map((c) => c.id),
    'conversations.heldLastSevenDays': held.filter((c) => c.heldAt! > new Date(at.getTime() - 7 * DAY)).map((c) => c.id),
    'conversations.heldThisTerm': held.filter((c) => c.heldAt! >= termStart).map((c) => c.id),
    'conversations.overdue': overdue.map((c) => c.id),
    ...Object.fromEntries([...overdueByTeacher].map(([staffId, ids]) => [`conversations.overdue.by.${staffKey(staffId)}`, ids])),
    'conversations.initialOutstanding': pupils.filter((p) => !initialHeld.has(p.id)).map((p) => p.id),
    ...Object.fromEntries(
      [...AREA_GROUPS.map((g) => [g, targetsByArea[g]] as const), ['total', targetsTotal] as const].flatMap(([group, l]) => (Object.keys(l) as (keyof TargetCounts)[]).map((k) => [`targets.${group}.${k}`, l[k]])),
    ),
    'parents.contacts': contacts.map((c) => c.id),
    'parents.reachedLastHalfTerm': reached,
    'parents.neverReached': neverReached,
    'parents.optedOut': contacts.filter((c) => c.optedOutAt && c.optedOutAt <= at).map((c) => c.id),
    'parents.numbersDead': contacts.filter((c) => c.unreachableAt && c.unreachableAt <= at).map((c) => c.id),
    'parents.repliesWaiting': waitingMessages.map((m) => m.id),
    'pupilVoice.withoutViewsThisTerm': pupils.filter((p) => !viewed.has(p.id)).map((p) => p.id),
    'confidence.parentsRating': now.contactIds,
    'delivery.failedSms': input.failedMessages.filter((m) => m.channel === 'SMS' && inWindow(m.failedAt)).map((m) => m.id),
    'delivery.failedTeams': input.failedMessages.filter((m) => m.channel === 'TEAMS' && inWindow(m.failedAt)).map((m) => m.id),
    'delivery.failedJobs': input.failedJobs.filter((j) => inWindow(j.failedAt)).map((j) => j.id),
    ...Object.fromEntries([...caseload].map(([staffId, ids]) => [`workload.${staffKey(staffId)}`, ids])),
  };
  const n = (key: string): number => lists[key]?.length ?? 0;

  const figures: DigestFigures = {
    at: at.toISOString(),
    week,
    term,
    halfTermFrom: halfTermFrom.toISOString(),
    pupilsOnRegister: n('pupilsOnRegister'),
    conversations: {
      dueThisWeek: n('conversations.dueThisWeek'),
      heldLastSevenDays: n('conversations.heldLastSevenDays'),
      heldThisTerm: n('conversations.heldThisTerm'),
      overdue: n('conversations.overdue'),
      overdueByKeyTeacher: [...overdueByTeacher]
        .map(([staffId, ids]) => ({ staffId, name: nameOf(staffId), count: ids.length }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      initialOutstanding: n('conversations.initialOutstanding'),
    },
    targets: {
      byArea: Object.fromEntries(AREA_GROUPS.map((g) => [g, countsOf(targetsByArea[g])])) as Record<AreaGroup, TargetCounts>,
      total: countsOf(targetsTotal),
    },
    parents: {
      contacts: n('parents.contacts'),
      reachedLastHalfTerm: n('parents.reachedLastHalfTerm'),
      neverReached: n('parents.neverReached'),
      optedOut: n('parents.optedOut'),
      numbersDead: n('parents.numbersDead'),
      repliesWaiting: { count: n('parents.repliesWaiting'), oldestMinutes: waiting.length ? Math.max(...waiting) : null, medianMinutes: median(waiting) },
    },
    pupilVoice: { withoutViewsThisTerm: n('pupilVoice.withoutViewsThisTerm') },
    confidence: {
      latestAverage: now.average,
      parentsRating: n('confidence.parentsRating'),
      halfTermAgoAverage: before.average,
      change: now.average !== null && before.average !== null ? round2(now.average - before.average) : null,
    },
    delivery: {
      since: since.toISOString(),
      failedSms: n('delivery.failedSms'),
      failedTeams: n('delivery.failedTeams'),
      failedJobs: n('delivery.failedJobs'),
    },
    workload: [...caseload]
      .map(([staffId, ids]) => ({ staffId, name: nameOf(staffId), pupils: ids.length, overManageable: staffId !== null && ids.length > MANAGEABLE_PUPILS_PER_KEY_TEACHER }))
      .sort((a, b) => b.pupils - a.pupils || a.name.localeCompare(b.name)),
    misSync: misHealth(input.mis, at),
  };
  return { figures, lists };
}

/** Month by month since 1 September: conversations held, confidence (as it stood at each month's end), targets by status. */
export function computeYearCharts(input: DigestInput, at: Date): YearCharts {
  const tz = input.timezone;
  const start = schoolYearStart(at, tz);
  const pupilIds = new Set(input.pupils.filter((p) => p.onRegister).map((p) => p.id));
  const months: DateTime[] = [];
  for (let m = start; m <= local(at, tz); m = m.plus({ months: 1 })) months.push(m);
  const held = input.conversations.filter((c) => pupilIds.has(c.pupilId) && c.status === 'HELD' && c.heldAt && c.heldAt <= at);
  const targets = input.targets.filter((t) => pupilIds.has(t.pupilId) && t.createdAt >= start.toJSDate() && t.createdAt <= at);
  const ratings = input.confidence.filter((r) => pupilIds.has(r.pupilId));
  return {
    schoolYearFrom: start.toISODate()!,
    heldPerMonth: months.map((m) => ({
      month: m.toFormat('yyyy-MM'),
      held: held.filter((c) => local(c.heldAt!, tz).toFormat('yyyy-MM') === m.toFormat('yyyy-MM')).length,
    })),
    confidencePerMonth: months.map((m) => {
      const end = m.endOf('month').toJSDate();
      return { month: m.toFormat('yyyy-MM'), average: latestConfidence(ratings, end < at ? end : at).average };
    }),
    targetsByStatus: AREA_GROUPS.map((area) => ({
      area,
      counts: Object.fromEntries(
        TARGET_STATUSES.map((s) => [s, targets.filter((t) => areaGroupOf(t.area) === area && t.status === s).length]),
      ) as Record<TargetStatus, number>,
    })),
  };
}
