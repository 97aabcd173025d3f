import { DateTime } from 'luxon';
import {
  addDays,
  atLocalTime,
  canMessageParentsAt,
  inTerm,
  isoWeekday,
  isParentMessagingDay,
  isStaffWorkingDay,
  localDate,
  nextParentSendingTime,
  whyNotSchoolDay,
  type SchoolCalendar,
} from '../domain/schoolCalendar';
import { timeWords } from '../domain/dateWords';

/** Booking rules (pure): what a valid offer is, and when the parent's reminder goes. */
export const MIN_SLOTS = 2;
export const MAX_SLOTS = 4;
/** A meeting starts between these school-local times (inclusive): nobody is invited for 3 a.m. */
export const EARLIEST_MEETING = '07:00';
export const LATEST_MEETING = '20:00';

/** A time as the teacher wrote it: with an offset it is that instant; without one it is school-local (DST included). */
export interface RequestedTime {
  written: string;
  at: Date;
}

export function readTime(written: string, timezone: string): RequestedTime {
  return { written, at: DateTime.fromISO(written, { zone: timezone }).toJSDate() };
}

/**
 * A day the school may meet parents: a school day, a training day (staff are in, pupils are
 * not), or a weekend in term for parents who work in the week; never a holiday.
 */
export function isMeetingDay(cal: SchoolCalendar, date: string): boolean {
  if (isStaffWorkingDay(cal, date)) return true;
  const holiday = cal.closures.some((c) => c.kind === 'HOLIDAY' && date >= c.startsOn && date <= c.endsOn);
  return isoWeekday(date) >= 6 && inTerm(cal, date) && !holiday;
}

/** Why a day cannot have a meeting, in words to follow it ("is in the Christmas holidays"); undefined when it can. */
export function whyNotMeetingDay(cal: SchoolCalendar, date: string): string | undefined {
  if (isMeetingDay(cal, date)) return undefined;
  const why = whyNotSchoolDay(cal, date) ?? 'is not a school day';
  // A weekend in term could have a meeting, so a weekend refused here is outside the terms.
  return isoWeekday(date) >= 6 && why.startsWith('is a ') ? `${why} outside the terms` : why;
}

/**
 * Why one time cannot be offered, starting with the time as the teacher reads it (school time,
 * "Wed 23 Dec 2026, 15:30") and naming the closure; undefined when it can.
 */
export function timeProblem(cal: SchoolCalendar, t: RequestedTime, now: Date): string | undefined {
  if (Number.isNaN(t.at.getTime())) return `${t.written} is not a date and time`;
  const local = DateTime.fromJSDate(t.at, { zone: cal.timezone });
  const named = timeWords(t.at, cal.timezone, { year: true });
  if (t.at.getTime() <= now.getTime()) return `${named} is in the past`;
  const hhmm = local.toFormat('HH:mm');
  if (hhmm < EARLIEST_MEETING || hhmm > LATEST_MEETING) return `${named} is outside meeting hours, ${EARLIEST_MEETING}-${LATEST_MEETING}`;
  const why = whyNotMeetingDay(cal, localDate(t.at, cal.timezone));
  return why ? `${named} ${why}` : undefined;
}

/** Reasons a set of times cannot be offered; empty when it can. */
export function slotProblems(cal: SchoolCalendar, slots: RequestedTime[], now: Date): string[] {
  const problems: string[] = [];
  if (slots.length < MIN_SLOTS || slots.length > MAX_SLOTS) problems.push(`offer between ${MIN_SLOTS} and ${MAX_SLOTS} times`);
  for (const t of slots) {
    const problem = timeProblem(cal, t, now);
    if (problem) problems.push(problem);
  }
  if (new Set(slots.map((s) => s.at.getTime())).size !== slots.length) problems.push('the times must be different');
  return problems;
}

/** Earliest first, so "1" is always the soonest time. */
export const inOrder = (slots: Date[]): Date[] => [...slots].sort((a, b) => a.getTime() - b.getTime());

/** The reminder's local time on the day before the meeting. */
export const REMINDER_TIME = '16:00';

/**
 * When the parent hears "your meeting is tomorrow": the last parent-messaging day before the
 * meeting (up to a week back, so a Monday meeting is reminded on Friday), inside sending hours;
 * undefined when that moment has passed or there is none.
 */
export function reminderTime(cal: SchoolCalendar, meetingAt: Date, now: Date): Date | undefined {
  const meetingDay = localDate(meetingAt, cal.timezone);
  for (let back = 1; back <= 7; back += 1) {
    const day = addDays(meetingDay, -back);
    if (!isParentMessagingDay(cal, day)) continue;
    const at = nextParentSendingTime(cal, atLocalTime(day, REMINDER_TIME, cal.timezone));
    if (!canMessageParentsAt(cal, at) || at.getTime() >= meetingAt.getTime()) continue;
    return at.getTime() > now.getTime() ? at : undefined;
  }
  return undefined;
}
