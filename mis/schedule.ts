import { addDays, atLocalTime, isoWeekday, localDate, type IsoDate } from '../domain/schoolCalendar';

/**
 * When a school's MIS is synced: every night at its own school-local time, changes only, and in
 * full once a week (on the weekday it chose) or whenever the last full sync is more than a week
 * old (a school that was disconnected, a week of failed nights). Pure.
 */
export const FULL_SYNC_EVERY_DAYS = 7;
/** A changes-only sync asks for what changed since the last good one began, less this: Wonde's clock and ours need not agree to the second. */
export const CHANGES_OVERLAP_MS = 10 * 60_000;

export interface SyncRhythm {
  timezone: string;
  syncTime: string;
  fullSyncWeekday: number;
}

/** The next nightly sync strictly after `after`: the instant and the school-local date it is for. */
export function nextNightly(after: Date, r: SyncRhythm): { runAt: Date; localDate: IsoDate } {
  const today = localDate(after, r.timezone);
  for (let d = 0; d <= 2; d++) {
    const date = addDays(today, d);
    const runAt = atLocalTime(date, r.syncTime, r.timezone);
    if (runAt > after) return { runAt, localDate: date };
  }
  throw new Error('no nightly time found within two days');
}

/** Full on the school's weekday, the first time, and when the last full one is a week old; otherwise changes only. */
export function nightlyMode(on: IsoDate, r: SyncRhythm, last: { goodStartedAt: Date | null; fullAt: Date | null }, now: Date): 'FULL' | 'CHANGES' {
  if (!last.goodStartedAt || !last.fullAt) return 'FULL';
  if (isoWeekday(on) === r.fullSyncWeekday) return 'FULL';
  return now.getTime() - last.fullAt.getTime() >= FULL_SYNC_EVERY_DAYS * 86_400_000 ? 'FULL' : 'CHANGES';
}
