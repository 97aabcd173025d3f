import { DateTime } from 'luxon';
import type { Channel, ConversationKind, ConversationStatus, Direction, MessageStatus, TargetArea, TargetStatus } from '../generated/prisma/client';
import { OPEN_STATUSES } from '../domain/conversationCycle';
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
  pupilId: string;
  keyTeacherId: string | null;
  kind: ConversationKind;
  status: ConversationStatus;
  /** School-local date, YYYY-MM-DD. */
  dueBy: string;
  heldAt: Date | null;
}

export interface TargetFact {
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
  failedMessages: { channel: 'SMS' | 'TEAMS'; failedAt: Date }[];
  /** Jobs other than message deliveries that failed for good. */
  failedJobs: { kind: string; failedAt: Date }[];
  /** When the previous weekly digest went out; delivery problems are counted since then. */
  lastDigestAt: Date | null;
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

/** Average of each parent's latest rating received by `asOf` (one voice per parent), with the sum it rests on (to weigh schools together). */
export function latestConfidence(ratings: ConfidenceFact[], asOf: Date): { average: number | null; parents: number; sum: number } {
  const latest = new Map<string, ConfidenceFact>();
  for (const r of ratings) {
    if (r.receivedAt > asOf) continue;
    const seen = latest.get(r.contactId);
    if (!seen || r.receivedAt > seen.receivedAt) latest.set(r.contactId, r);
  }
  const scores = [...latest.values()].map((r) => r.score);
  const sum = scores.reduce((a, b) => a + b, 0);
  return { average: scores.length ? round2(sum / scores.length) : null, parents: scores.length, sum };
}

const reachedBy = (m: ParentMessageFact): Date | null =>
  m.direction === 'INBOUND' ? m.createdAt : m.status === 'DELIVERED' ? (m.deliveredAt ?? m.createdAt) : null;

function countTargets(targets: TargetFact[], today: string, tz: string): TargetCounts {
  const c: TargetCounts = { set: targets.length, reviewedOnTime: 0, achieved: 0, offTrack: 0 };
  for (const t of targets) {
    if (t.status === 'ACHIEVED') c.achieved += 1;
    // Reviewed on time: a review recorded no later than the review date (school-local).
    if (t.reviewedAt && localIso(t.reviewedAt, tz) <= t.reviewBy) c.reviewedOnTime += 1;
    const reviewMissed = t.reviewBy < today && !t.reviewedAt && t.status !== 'ACHIEVED' && t.status !== 'CLOSED';
    if (t.status === 'NEEDS_CHANGE' || reviewMissed) c.offTrack += 1;
  }
  return c;
}

export function computeDigest(input: DigestInput, at: Date): DigestFigures {
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
  const overdueByTeacher = new Map<string | null, number>();
  for (const c of overdue) {
    const teacher = c.keyTeacherId ?? pupilKeyTeacher.get(c.pupilId) ?? null;
    overdueByTeacher.set(teacher, (overdueByTeacher.get(teacher) ?? 0) + 1);
  }
  const held = conversations.filter((c) => c.status === 'HELD' && c.heldAt && c.heldAt <= at);
  const initialHeld = new Set(held.filter((c) => c.kind === 'INITIAL').map((c) => c.pupilId));

  const targets = input.targets.filter((t) => pupilIds.has(t.pupilId) && t.createdAt >= yearStart && t.createdAt <= at);
  const byArea = Object.fromEntries(
    AREA_GROUPS.map((g) => [g, countTargets(targets.filter((t) => areaGroupOf(t.area) === g), today, tz)]),
  ) as Record<AreaGroup, TargetCounts>;

  // Parents count through the pupils on the register they are a contact for.
  const contacts = input.contacts.filter((c) => c.pupilIds.some((id) => pupilIds.has(id)));
  const ratings = input.confidence.filter((r) => pupilIds.has(r.pupilId));
  const messagesByContact = new Map<string, ParentMessageFact[]>();
  for (const m of input.parentMessages) {
    if (m.createdAt > at) continue;
    messagesByContact.set(m.contactId, [...(messagesByContact.get(m.contactId) ?? []), m]);
  }
  let reached = 0;
  let neverReached = 0;
  for (const contact of contacts) {
    const times = (messagesByContact.get(contact.id) ?? []).map(reachedBy).filter((d): d is Date => d !== null && d <= at);
    if (times.some((d) => d > halfTermFrom)) reached += 1;
    if (times.length === 0) neverReached += 1;
  }
  // Replies waiting belong to the child they are about (and so to that child's key teacher), not to the parent.
  const waiting = input.parentMessages
    .filter((m) => m.pupilId !== null && pupilIds.has(m.pupilId) && awaitsAnswer(m, at))
    .map((m) => Math.floor((at.getTime() - m.createdAt.getTime()) / MINUTE));

  const viewed = new Set(input.pupilViews.filter((v) => v.recordedAt >= termStart && v.recordedAt <= at).map((v) => v.pupilId));
  const now = latestConfidence(ratings, at);
  const before = latestConfidence(ratings, halfTermFrom);
  const since = input.lastDigestAt ?? new Date(at.getTime() - 7 * DAY);
  const inWindow = (d: Date): boolean => d > since && d <= at;

  const caseload = new Map<string | null, number>();
  for (const s of input.staff) if (s.isKeyTeacher) caseload.set(s.id, 0);
  for (const p of pupils) caseload.set(p.keyTeacherId, (caseload.get(p.keyTeacherId) ?? 0) + 1);

  return {
    at: at.toISOString(),
    week,
    term,
    halfTermFrom: halfTermFrom.toISOString(),
    pupilsOnRegister: pupils.length,
    conversations: {
      dueThisWeek: open.filter((c) => c.dueBy >= today && c.dueBy <= week.to).length,
      heldLastSevenDays: held.filter((c) => c.heldAt! > new Date(at.getTime() - 7 * DAY)).length,
      heldThisTerm: held.filter((c) => c.heldAt! >= termStart).length,
      overdue: overdue.length,
      overdueByKeyTeacher: [...overdueByTeacher]
        .map(([staffId, count]) => ({ staffId, name: nameOf(staffId), count }))
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      initialOutstanding: pupils.filter((p) => !initialHeld.has(p.id)).length,
    },
    targets: {
      byArea,
      total: countTargets(targets, today, tz),
    },
    parents: {
      contacts: contacts.length,
      reachedLastHalfTerm: reached,
      neverReached,
      optedOut: contacts.filter((c) => c.optedOutAt && c.optedOutAt <= at).length,
      numbersDead: contacts.filter((c) => c.unreachableAt && c.unreachableAt <= at).length,
      repliesWaiting: { count: waiting.length, oldestMinutes: waiting.length ? Math.max(...waiting) : null, medianMinutes: median(waiting) },
    },
    pupilVoice: { withoutViewsThisTerm: pupils.filter((p) => !viewed.has(p.id)).length },
    confidence: {
      latestAverage: now.average,
      parentsRating: now.parents,
      halfTermAgoAverage: before.average,
      change: now.average !== null && before.average !== null ? round2(now.average - before.average) : null,
    },
    delivery: {
      since: since.toISOString(),
      failedSms: input.failedMessages.filter((m) => m.channel === 'SMS' && inWindow(m.failedAt)).length,
      failedTeams: input.failedMessages.filter((m) => m.channel === 'TEAMS' && inWindow(m.failedAt)).length,
      failedJobs: input.failedJobs.filter((j) => inWindow(j.failedAt)).length,
    },
    workload: [...caseload]
      .map(([staffId, count]) => ({ staffId, name: nameOf(staffId), pupils: count, overManageable: staffId !== null && count > MANAGEABLE_PUPILS_PER_KEY_TEACHER }))
      .sort((a, b) => b.pupils - a.pupils || a.name.localeCompare(b.name)),
  };
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
