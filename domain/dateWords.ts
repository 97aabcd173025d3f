import { DateTime } from 'luxon';

/**
 * Dates and times as staff read them, the same on every card, page, export and message: "Mon 28 Sept",
 * "Mon 28 Sept 2026", "Mon 28 Sept, 15:30", always in the school's time zone for an instant. The
 * month and day names are written out here rather than taken from the runtime's locale data,
 * which differs between Node, the browser and their versions ("Sep" in one, "Sept" in another);
 * "Sept" is British usage and what the English texts to parents say (their en-GB dates).
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'] as const;
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface DateWordsOptions {
  /** "Mon 28 Sept" (default true). */
  weekday?: boolean;
  /** "28 Sept 2026" (default false). */
  year?: boolean;
  /** "28 September" (default false): for a heading, e.g. the week a digest is for. */
  longMonth?: boolean;
}

function words(d: DateTime, o: DateWordsOptions): string {
  const day = `${d.day} ${(o.longMonth ? LONG_MONTHS : MONTHS)[d.month - 1]}${o.year ? ` ${d.year}` : ''}`;
  return o.weekday === false ? day : `${WEEKDAYS[d.weekday - 1]} ${day}`;
}

/** A calendar date ("2026-09-28", or a date-only Date at UTC midnight) in words. */
export function dayWords(date: string | Date, o: DateWordsOptions = {}): string {
  const iso = typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
  return words(DateTime.fromISO(iso, { zone: 'UTC' }), o);
}

/** An instant in the school's time zone, with its time on the 24-hour clock: "Mon 28 Sept, 15:30". */
export function timeWords(instant: Date | string, timezone: string, o: DateWordsOptions = {}): string {
  const d = DateTime.fromJSDate(typeof instant === 'string' ? new Date(instant) : instant, { zone: timezone });
  return `${words(d, o)}, ${d.toFormat('HH:mm')}`;
}

/** A month of the school year, "2026-09", as "Sept 2026" (or "Sept", for a chart's axis). */
export function monthWords(yearMonth: string, o: { year?: boolean } = { year: true }): string {
  const [year, month] = yearMonth.split('-').map(Number);
  return `${MONTHS[(month ?? 1) - 1]}${o.year === false ? '' : ` ${year}`}`;
}
