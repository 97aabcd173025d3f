import type { ConversationStatus, SenStatus } from '../generated/prisma/client';
import {
  addDays,
  addSchoolDays,
  addSchoolWeeks,
  atLocalTime,
  isoWeekday,
  isParentMessagingDay,
  isSchoolDay,
  isStaffWorkingDay,
  localDate,
  nextParentSendingTime,
  previousSchoolDay,
  type IsoDate,
  type SchoolCalendar,
} from './schoolCalendar';

/**
 * The rhythm of a pupil's year, as pure rules: when a structured conversation is due, when the
 * key teacher is reminded of each step of the process information trail, when parents hear how
 * things are going, and when the SENCO is told something is stuck. No I/O, no clock: every
 * function takes the calendar and the instants it reasons about.
 */

/** The school's choices that drive the cycle (fields of `School`). */
export interface CycleSettings {
  initialConversationWeeks: number;
  reviewByWeekOfTerm: number;
  progressUpdateEveryWeeks: number;
  overdueEscalationDays: number;
  replyEscalationSchoolDays: number;
  /** School-local "HH:MM" staff reminders go out. */
  staffReminderTime: string;
}

/** Parents choose how often they hear about progress, within these limits (002:303). */
export const UPDATE_WEEKS_MIN = 1;
export const UPDATE_WEEKS_MAX = 6;

/** After the school day, when most parents have collected their children. */
export const PARENT_MESSAGE_TIME = '16:00';

/** Staff are not sent reminders after this school-local time; later ones wait for the next working morning. */
export const STAFF_DAY_END = '18:00';

/** A review conversation for a term is created this many days before the term starts, so it can be booked early. */
export const REVIEW_LEAD_DAYS = 14;

/** Minutes after a booked conversation ends before the key teacher is prompted to record it. */
export const RECORD_PROMPT_AFTER_MINUTES = 30;

const OFF_REGISTER: SenStatus = 'NOT_ON_REGISTER';
export const OPEN_STATUSES: ConversationStatus[] = ['TO_BOOK', 'OFFERED', 'BOOKED'];

export function isOnRegister(pupil: { senStatus: SenStatus; archivedAt: Date | null }): boolean {
  return pupil.senStatus !== OFF_REGISTER && pupil.archivedAt === null;
}

export function clampUpdateWeeks(weeks: number): number {
  return Math.min(UPDATE_WEEKS_MAX, Math.max(UPDATE_WEEKS_MIN, Math.round(weeks)));
}

/** The contact's own rhythm if they chose one, else the school's; always within the limits. */
export function updateEveryWeeks(contactChoice: number | null, schoolDefault: number): number {
  return clampUpdateWeeks(contactChoice ?? schoolDefault);
}

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/**
 * The initial conversation is due `weeks` school weeks after the pupil joined the register. A pupil
 * already on the register before the school started using the product (first planned later)
 * counts from the day it was first planned: a school cannot be late for a deadline it never had.
 */
export function initialConversationDueBy(cal: SchoolCalendar, onRegisterSince: IsoDate, firstPlannedOn: IsoDate, weeks: number): IsoDate {
  return addSchoolWeeks(cal, later(onRegisterSince, firstPlannedOn), weeks);
}

export type Term = SchoolCalendar['terms'][number];

/** Monday of the ISO week containing `date`. */
function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * The last school day before week `week` of the term. Weeks are counted from the week the term
 * starts in, and only weeks with at least one school day count (half term is not "week 4"). A
 * term too short to have that week is due by its last school day; the date is never before the
 * term's first school day.
 */
export function reviewDueBy(cal: SchoolCalendar, term: Term, week: number): IsoDate {
  const firstDay = addSchoolDays(cal, term.startsOn, 0);
  const lastDay = isSchoolDay(cal, term.endsOn) ? term.endsOn : previousSchoolDay(cal, term.endsOn);
  let counted = 0;
  for (let monday = mondayOf(term.startsOn); monday <= term.endsOn; monday = addDays(monday, 7)) {
    const teaching = [0, 1, 2, 3, 4].some((d) => isSchoolDay(cal, addDays(monday, d)));
    if (!teaching) continue;
    counted += 1;
    if (counted === week) return later(previousSchoolDay(cal, monday), firstDay);
  }
  return lastDay;
}

/** The term a review is planned for on `today`: the current one, or one starting within REVIEW_LEAD_DAYS. */
export function termToPlan(cal: SchoolCalendar, today: IsoDate): Term | undefined {
  return cal.terms.find((t) => today <= t.endsOn && addDays(t.startsOn, -REVIEW_LEAD_DAYS) <= today);
}

/**
 * The first date after `today` on which `termToPlan` may answer differently (a term's review
 * window opens, or a term ends): until then, a pupil with no open conversation needs none that
 * they do not need today.
 */
export function termToPlanChangesOn(cal: SchoolCalendar, today: IsoDate): IsoDate | undefined {
  let first: IsoDate | undefined;
  for (const t of cal.terms) {
    for (const d of [addDays(t.startsOn, -REVIEW_LEAD_DAYS), addDays(t.endsOn, 1)]) if (d > today && (!first || d < first)) first = d;
  }
  return first;
}

export interface ConversationFacts {
  status: ConversationStatus;
  dueBy: IsoDate;
  /** School-local date it was held, if held. */
  heldOn: IsoDate | null;
}

export type CycleDecision =
  | { kind: 'none'; reason: string }
  | { kind: 'INITIAL'; dueBy: IsoDate }
  | { kind: 'REVIEW'; dueBy: IsoDate; term: string };

/**
 * What conversation a pupil on the register needs now. Never a second open one: an open
 * conversation stands (and is escalated if overdue) until it is held or cancelled.
 */
export function nextConversation(
  cal: SchoolCalendar,
  settings: Pick<CycleSettings, 'initialConversationWeeks' | 'reviewByWeekOfTerm'>,
  pupil: { onRegisterSince: IsoDate },
  conversations: ConversationFacts[],
  today: IsoDate,
): CycleDecision {
  const live = conversations.filter((c) => c.status !== 'CANCELLED');
  if (live.some((c) => OPEN_STATUSES.includes(c.status))) return { kind: 'none', reason: 'a conversation is open' };
  const held = live.filter((c) => c.heldOn !== null);
  if (held.length === 0) {
    return { kind: 'INITIAL', dueBy: initialConversationDueBy(cal, pupil.onRegisterSince, today, settings.initialConversationWeeks) };
  }
  const term = termToPlan(cal, today);
  if (!term) return { kind: 'none', reason: 'no term to plan' };
  const covered = live.some((c) => (c.heldOn !== null && c.heldOn >= term.startsOn && c.heldOn <= term.endsOn) || (c.dueBy >= term.startsOn && c.dueBy <= term.endsOn));
  if (covered) return { kind: 'none', reason: 'this term has its conversation' };
  const due = reviewDueBy(cal, term, settings.reviewByWeekOfTerm);
  // Planned late (after the review week), it is due by the end of the term rather than already overdue.
  const lastDay = isSchoolDay(cal, term.endsOn) ? term.endsOn : previousSchoolDay(cal, term.endsOn);
  return { kind: 'REVIEW', dueBy: due >= today ? due : lastDay, term: term.name ?? term.startsOn };
}

// ---------------------------------------------------------------- staff reminder timing

/**
 * Staff reminders go out at the school's reminder time on staff working days. A reminder whose
 * day is not a working day moves: "before" reminders (gather views, prepare, a target's review
 * date) move to the previous working day, because they are useless after the event; "after"
 * reminders (record, tell subject teachers, confirm with the parent, escalations) move to the
 * next, because the work they ask for cannot be done before its day.
 */
export type Shift = 'earlier' | 'later';

export function staffWorkingDayFrom(cal: SchoolCalendar, date: IsoDate, shift: Shift): IsoDate {
  const step = shift === 'earlier' ? -1 : 1;
  let d = date;
  for (let i = 0; i < 400 && !isStaffWorkingDay(cal, d); i += 1) d = addDays(d, step);
  return d;
}

/**
 * A date after the last term entered: the school has not given its calendar that far yet, so
 * nothing about it can be placed (a January date must not slide back into December because the
 * spring term is missing). The planner places it once the terms are entered.
 */
export function beyondCalendar(cal: SchoolCalendar, date: IsoDate): boolean {
  return cal.terms.length > 0 && cal.terms.every((t) => t.endsOn < date);
}

export function staffReminderAt(cal: SchoolCalendar, date: IsoDate, time: string, shift: Shift): Date {
  return atLocalTime(staffWorkingDayFrom(cal, date, shift), time, cal.timezone);
}

/** Staff may be sent a reminder now: a working day, between the reminder time and the end of the day. */
export function isStaffReminderTime(cal: SchoolCalendar, instant: Date, time: string): boolean {
  const day = localDate(instant, cal.timezone);
  return isStaffWorkingDay(cal, day) && instant >= atLocalTime(day, time, cal.timezone) && instant < atLocalTime(day, STAFF_DAY_END, cal.timezone);
}

/** The first moment at or after `instant` a staff reminder may go out. */
export function nextStaffReminderTime(cal: SchoolCalendar, instant: Date, time: string): Date {
  if (isStaffReminderTime(cal, instant, time)) return instant;
  const day = localDate(instant, cal.timezone);
  const today = atLocalTime(day, time, cal.timezone);
  if (isStaffWorkingDay(cal, day) && instant < today) return today;
  return staffReminderAt(cal, addDays(day, 1), time, 'later');
}

/** The first parent-messaging day on or after `date`, at `time`, outside quiet hours. */
export function parentMessageAt(cal: SchoolCalendar, date: IsoDate, time: string = PARENT_MESSAGE_TIME): Date {
  let d = date;
  for (let i = 0; i < 400 && !isParentMessagingDay(cal, d); i += 1) d = addDays(d, 1);
  return nextParentSendingTime(cal, atLocalTime(d, time, cal.timezone));
}

export interface Meeting {
  scheduledAt: Date;
  durationMinutes: number;
}

const meetingDay = (cal: SchoolCalendar, m: Meeting): IsoDate => localDate(m.scheduledAt, cal.timezone);

/** Trail step 1-2: a week before, gather progress from colleagues and the pupil's views. */
export const gatherViewsAt = (cal: SchoolCalendar, m: Meeting, time: string): Date => staffReminderAt(cal, addDays(meetingDay(cal, m), -7), time, 'earlier');

/** The day before: the Prepare card. */
export const prepareAt = (cal: SchoolCalendar, m: Meeting, time: string): Date => staffReminderAt(cal, addDays(meetingDay(cal, m), -1), time, 'earlier');

/** Trail step 3: the same day, soon after the meeting, if not yet recorded. Anchored to the meeting, not the morning. */
export const recordAt = (m: Meeting): Date => new Date(m.scheduledAt.getTime() + (m.durationMinutes + RECORD_PROMPT_AFTER_MINUTES) * 60_000);

/** Trail step 4: the working day after the record is final. */
export const tellSubjectTeachersAt = (cal: SchoolCalendar, recordedAt: Date, time: string): Date =>
  staffReminderAt(cal, addDays(localDate(recordedAt, cal.timezone), 1), time, 'later');

/** Trail step 5: two school days after the record, if the parent has not been sent the confirmation. */
export const confirmWithParentAt = (cal: SchoolCalendar, recordedAt: Date, time: string): Date =>
  staffReminderAt(cal, addSchoolDays(cal, localDate(recordedAt, cal.timezone), 2), time, 'later');

/** The confidence question: the day after the record, at the parent message time. */
export const confidenceCheckAt = (cal: SchoolCalendar, recordedAt: Date): Date => parentMessageAt(cal, addDays(localDate(recordedAt, cal.timezone), 1));

/** Overdue by more than `days` days: escalated the day after the grace runs out. */
export const overdueEscalationAt = (cal: SchoolCalendar, dueBy: IsoDate, days: number, time: string): Date =>
  staffReminderAt(cal, addDays(dueBy, days + 1), time, 'later');

/**
 * A parent reply unanswered for `schoolDays` whole school days after the day it came: the key
 * teacher has those days; the SENCO hears on the morning of the next one.
 */
export const unansweredReplyEscalationAt = (cal: SchoolCalendar, receivedAt: Date, schoolDays: number, time: string): Date =>
  staffReminderAt(cal, addSchoolDays(cal, localDate(receivedAt, cal.timezone), schoolDays + 1), time, 'later');

/** A target's review date: the key teacher is reminded that morning (or the working day before). */
export const targetReviewAt = (cal: SchoolCalendar, reviewBy: IsoDate, time: string): Date => staffReminderAt(cal, reviewBy, time, 'earlier');

/**
 * Progress updates to a parent: every `everyWeeks` school weeks after the last conversation was
 * held, counted in school days so holidays do not count. Returns the round number and date of the
 * first round on or after `today`; none while the calendar has no school days left (the next
 * year's terms not entered yet).
 */
export function nextProgressRound(cal: SchoolCalendar, heldOn: IsoDate, everyWeeks: number, today: IsoDate): { round: number; date: IsoDate } | undefined {
  for (let round = 1; round <= 60; round += 1) {
    const date = addSchoolWeeks(cal, heldOn, round * everyWeeks);
    if (!isSchoolDay(cal, date)) return undefined;
    if (date >= today) return { round, date };
  }
  return undefined;
}
