import { DateTime } from 'luxon';

/**
 * The school's year in its own time zone: terms, holidays, training days, days parents are not
 * messaged, weekends and quiet hours. Pure: every function takes the instant it reasons about.
 * Dates are ISO calendar dates ('2026-10-26') in school-local time.
 */
export type IsoDate = string;

export interface Closure {
  kind: 'HOLIDAY' | 'TRAINING_DAY' | 'NO_PARENT_MESSAGES';
  /** As the school named it ("Christmas holidays", "INSET day"), for what staff read. */
  name?: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface SchoolCalendar {
  timezone: string;
  terms: { name?: string; startsOn: IsoDate; endsOn: IsoDate }[];
  closures: Closure[];
  messagesAtWeekends: boolean;
  messagesInHolidays: boolean;
  /** Parents get nothing from quietHoursStart until quietHoursEnd ("HH:MM"). */
  quietHoursStart: string;
  quietHoursEnd: string;
}

const within = (d: IsoDate, from: IsoDate, to: IsoDate): boolean => d >= from && d <= to;

export function localDate(instant: Date, timezone: string): IsoDate {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate()!;
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`not a HH:MM time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Planning a trust asks for the same few school-local times (a date at 09:00, 16:00 ...) for every
 * pupil, and a zone lookup is most of the planner's time; the answers never change, so they are kept.
 */
const localTimes = new Map<string, number>();
const LOCAL_TIMES_KEPT = 50_000;

/**
 * The instant a wall-clock time happens on a school-local date. On the spring-forward day a time
 * in the missing hour moves forward; on the autumn day an ambiguous time takes its first
 * occurrence, so a 09:00 reminder fires exactly once at 09:00 local either way.
 */
export function atLocalTime(date: IsoDate, hhmm: string, timezone: string): Date {
  const key = `${date} ${hhmm} ${timezone}`;
  let ms = localTimes.get(key);
  if (ms === undefined) {
    const minutes = minutesOf(hhmm);
    ms = DateTime.fromISO(date, { zone: timezone }).set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
    if (localTimes.size >= LOCAL_TIMES_KEPT) localTimes.clear();
    localTimes.set(key, ms);
  }
  return new Date(ms);
}

// Calendar dates have no time zone: plain UTC day arithmetic, which is exact and far cheaper than a zone library.
const DAY_MS = 86_400_000;
const utcMidnight = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`);

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return new Date(utcMidnight(date)).getUTCDay() || 7;
}

const isWeekend = (date: IsoDate): boolean => isoWeekday(date) >= 6;

export function termOn(cal: SchoolCalendar, date: IsoDate): SchoolCalendar['terms'][number] | undefined {
  return cal.terms.find((t) => within(date, t.startsOn, t.endsOn));
}

/** With no term dates entered yet, every weekday counts as term time so nothing silently stops. */
export function inTerm(cal: SchoolCalendar, date: IsoDate): boolean {
  return cal.terms.length === 0 || termOn(cal, date) !== undefined;
}

function closedFor(cal: SchoolCalendar, date: IsoDate, kinds: Closure['kind'][]): boolean {
  return cal.closures.some((c) => kinds.includes(c.kind) && within(date, c.startsOn, c.endsOn));
}

/** A day pupils are taught: in term, a weekday, not a holiday or training day. */
export function isSchoolDay(cal: SchoolCalendar, date: IsoDate): boolean {
  return !isWeekend(date) && inTerm(cal, date) && !closedFor(cal, date, ['HOLIDAY', 'TRAINING_DAY']);
}

/** A day staff reminders may go out: school days only (training days included: staff are in). */
export function isStaffWorkingDay(cal: SchoolCalendar, date: IsoDate): boolean {
  return !isWeekend(date) && inTerm(cal, date) && !closedFor(cal, date, ['HOLIDAY']);
}

/** A day parents may be messaged at all (the time of day is a separate rule). */
export function isParentMessagingDay(cal: SchoolCalendar, date: IsoDate): boolean {
  if (closedFor(cal, date, ['NO_PARENT_MESSAGES'])) return false;
  if (isWeekend(date) && !cal.messagesAtWeekends) return false;
  const holiday = !inTerm(cal, date) || closedFor(cal, date, ['HOLIDAY']);
  return !holiday || cal.messagesInHolidays;
}

/** Outside quiet hours, school-local. Handles quiet hours that span midnight (20:00-08:00). */
export function isWithinSendingHours(cal: SchoolCalendar, instant: Date): boolean {
  const local = DateTime.fromJSDate(instant, { zone: cal.timezone });
  const now = local.hour * 60 + local.minute;
  const quietStart = minutesOf(cal.quietHoursStart);
  const quietEnd = minutesOf(cal.quietHoursEnd);
  const quiet = quietStart > quietEnd ? now >= quietStart || now < quietEnd : now >= quietStart && now < quietEnd;
  return !quiet;
}

export function canMessageParentsAt(cal: SchoolCalendar, instant: Date): boolean {
  return isParentMessagingDay(cal, localDate(instant, cal.timezone)) && isWithinSendingHours(cal, instant);
}

const SEARCH_LIMIT_DAYS = 400;

/** The first instant at or after `instant` when a parent may be messaged. */
export function nextParentSendingTime(cal: SchoolCalendar, instant: Date): Date {
  if (canMessageParentsAt(cal, instant)) return instant;
  let date = localDate(instant, cal.timezone);
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i += 1) {
    if (isParentMessagingDay(cal, date)) {
      const opening = atLocalTime(date, cal.quietHoursEnd, cal.timezone);
      if (opening >= instant && canMessageParentsAt(cal, opening)) return opening;
    }
    date = addDays(date, 1);
  }
  throw new Error('no day in the next 400 allows messages to parents: check the school calendar');
}

/** The n-th school day after `date` (n = 0: `date` itself if a school day, else the next one). */
export function addSchoolDays(cal: SchoolCalendar, date: IsoDate, n: number): IsoDate {
  let d = date;
  let remaining = n;
  if (n === 0) {
    for (let i = 0; i < SEARCH_LIMIT_DAYS && !isSchoolDay(cal, d); i += 1) d = addDays(d, 1);
    return d;
  }
  for (let i = 0; i < SEARCH_LIMIT_DAYS * 2 && remaining > 0; i += 1) {
    d = addDays(d, 1);
    if (isSchoolDay(cal, d)) remaining -= 1;
  }
  return d;
}

/**
 * `date` if it is a school day, else the last school day before it: where a date the product
 * chooses (a review date) moves to. Before the first school day of the calendar, the first one.
 */
export function schoolDayOnOrBefore(cal: SchoolCalendar, date: IsoDate): IsoDate {
  if (isSchoolDay(cal, date)) return date;
  const before = previousSchoolDay(cal, date);
  return isSchoolDay(cal, before) ? before : addSchoolDays(cal, date, 0);
}

/** A closure's name inside a sentence: "Half term" reads "the half term"; "Christmas holidays" and "INSET day" stay as written. */
function closureWords(name: string): string {
  const n = name.replace(/^the\s+/i, '');
  return /^(Half|Holiday|Holidays|School|Summer|Autumn|Spring|Winter)\b/.test(n) ? n.charAt(0).toLowerCase() + n.slice(1) : n;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Why `date` is not a school day, in words to follow the date ("is in the Christmas holidays",
 * "is a training day (INSET day)", "is a Sunday", "is after the last term entered"); undefined on a school day.
 */
export function whyNotSchoolDay(cal: SchoolCalendar, date: IsoDate): string | undefined {
  if (isSchoolDay(cal, date)) return undefined;
  const closure = cal.closures.find((c) => c.kind !== 'NO_PARENT_MESSAGES' && within(date, c.startsOn, c.endsOn));
  if (closure?.kind === 'HOLIDAY') return closure.name ? `is in the ${closureWords(closure.name)}` : 'is in a school holiday';
  if (closure?.kind === 'TRAINING_DAY') return closure.name && !/training/i.test(closure.name) ? `is a training day (${closure.name})` : 'is a training day';
  if (isWeekend(date)) return `is a ${WEEKDAY_NAMES[isoWeekday(date) - 1]}`;
  const firstTerm = cal.terms.map((t) => t.startsOn).sort()[0];
  const lastTerm = cal.terms.map((t) => t.endsOn).sort().at(-1);
  if (firstTerm && date < firstTerm) return 'is before the first term entered';
  if (lastTerm && date > lastTerm) return 'is after the last term entered';
  return 'is between terms';
}

/** The last school day strictly before `date`. */
export function previousSchoolDay(cal: SchoolCalendar, date: IsoDate): IsoDate {
  let d = addDays(date, -1);
  for (let i = 0; i < SEARCH_LIMIT_DAYS && !isSchoolDay(cal, d); i += 1) d = addDays(d, -1);
  return d;
}

/** School days after `from` up to and including `to` (0 when `to` <= `from`). */
export function schoolDaysBetween(cal: SchoolCalendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isSchoolDay(cal, d)) count += 1;
  return count;
}

/** The date `weeks` school weeks (5 school days each) after `date`. */
export function addSchoolWeeks(cal: SchoolCalendar, date: IsoDate, weeks: number): IsoDate {
  return addSchoolDays(cal, date, weeks * 5);
}

/**
 * A school day after `instant`, for a question a parent has not answered: the same school-local
 * time on the next school day after the day the question could first be read (sent in sending
 * hours), moved into sending hours. Asked Monday 10:00: Tuesday 10:00; on Friday at 19:30 (quiet
 * from 20:00): Monday 19:30; on Saturday (read on Monday at 08:00): Tuesday 08:00. With no school
 * day ahead in the calendar (next year's terms not entered yet), a day later: a parent's words
 * never wait on a calendar nobody has entered.
 */
export function aSchoolDayLater(cal: SchoolCalendar, instant: Date): Date {
  const dayLater = new Date(instant.getTime() + DAY_MS);
  const read = canMessageParentsAt(cal, instant) ? instant : nextSendingTimeOrNull(cal, instant);
  if (!read) return dayLater;
  const next = addSchoolDays(cal, localDate(read, cal.timezone), 1);
  if (!isSchoolDay(cal, next)) return dayLater;
  const time = DateTime.fromJSDate(read, { zone: cal.timezone }).toFormat('HH:mm');
  return nextSendingTimeOrNull(cal, atLocalTime(next, time, cal.timezone)) ?? dayLater;
}

function nextSendingTimeOrNull(cal: SchoolCalendar, instant: Date): Date | null {
  try {
    return nextParentSendingTime(cal, instant);
  } catch {
    return null;
  }
}
