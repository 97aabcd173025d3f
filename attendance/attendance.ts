/**
 * Attendance from sessions (a school day has two: morning and afternoon), as the DfE counts it.
 * Pure. Attendance is sessions attended over sessions possible, to one decimal place; a pupil is a
 * **persistent absentee** when they miss 10% or more of their possible sessions (DfE's definition),
 * so exactly 90.0% attendance is persistent absence and 90.1% is not. A group's figure is its pupils'
 * sessions added up, not an average of their percentages (a pupil with more possible sessions weighs
 * more, as in the DfE's absence statistics).
 */
export interface Sessions {
  possible: number;
  attended: number;
}

export const PERSISTENT_ABSENCE_MISSED_PERCENT = 10;

const round1 = (n: number): number => Math.round(n * 10) / 10;

export const noSessions: Sessions = { possible: 0, attended: 0 };

export function addSessions(list: Sessions[]): Sessions {
  return list.reduce((sum, s) => ({ possible: sum.possible + s.possible, attended: sum.attended + s.attended }), noSessions);
}

/** Percent attended to one decimal place; null when no session was possible. */
export function attendancePercent(s: Sessions): number | null {
  return s.possible > 0 ? round1((s.attended * 100) / s.possible) : null;
}

/** Missing 10% or more of the possible sessions; in whole numbers, so 90% exactly is never a rounding question. */
export function persistentlyAbsent(s: Sessions): boolean {
  return s.possible > 0 && (s.possible - s.attended) * 100 >= PERSISTENT_ABSENCE_MISSED_PERCENT * s.possible;
}

export interface Trend {
  /** Percentage points, to one decimal place. */
  change: number;
  direction: 'up' | 'down' | 'level';
}

/** From one period to the next (last term to this term): null unless both periods had sessions. */
export function attendanceTrend(before: Sessions, after: Sessions): Trend | null {
  if (before.possible === 0 || after.possible === 0) return null;
  const change = round1((after.attended * 100) / after.possible - (before.attended * 100) / before.possible);
  return { change, direction: change > 0 ? 'up' : change < 0 ? 'down' : 'level' };
}

/** Why a pair of session counts cannot be right; undefined when they can. */
export function sessionsProblem(s: Sessions, days: number): string | undefined {
  if (!Number.isInteger(s.possible) || !Number.isInteger(s.attended) || s.possible < 0 || s.attended < 0) return 'sessions are whole numbers, 0 or more';
  if (s.attended > s.possible) return `${s.attended} sessions attended is more than the ${s.possible} possible`;
  if (s.possible > days * 2) return `${s.possible} sessions possible is more than two a day over ${days} days`;
  return undefined;
}

/** A period of attendance, by its first and last day (inclusive). */
export interface Period {
  from: string;
  to: string;
}

/** Calendar days in a period, both ends counted. */
export const daysIn = (p: Period): number => Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * A pupil's records must not overlap, or sessions would count twice. A record from the same first
 * day replaces the one held (an MIS's "term to date" export, a week later), so only a record with
 * another first day can clash.
 */
export function clashWith<P extends Period>(held: P[], next: Period): P | undefined {
  return held.find((h) => h.from !== next.from && h.from <= next.to && next.from <= h.to);
}
