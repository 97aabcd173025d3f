import { addDays, atLocalTime, canMessageParentsAt, isParentMessagingDay, localDate, nextParentSendingTime, type SchoolCalendar } from '../domain/schoolCalendar';

/** Booking rules (pure): what a valid offer is, and when the parent's reminder goes. */
export const MIN_SLOTS = 2;
export const MAX_SLOTS = 4;

/** Reasons a set of slots cannot be offered; empty when it can. */
export function slotProblems(slots: Date[], now: Date): string[] {
  const problems: string[] = [];
  if (slots.length < MIN_SLOTS || slots.length > MAX_SLOTS) problems.push(`offer between ${MIN_SLOTS} and ${MAX_SLOTS} times`);
  if (slots.some((s) => s.getTime() <= now.getTime())) problems.push('every time must be in the future');
  if (new Set(slots.map((s) => s.getTime())).size !== slots.length) problems.push('the times must be different');
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
