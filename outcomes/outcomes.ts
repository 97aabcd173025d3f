import { z } from 'zod';
import type { ExclusionKind } from '../generated/prisma/client';
import { addDays, isoWeekday, type IsoDate } from '../domain/schoolCalendar';

/**
 * The wider outcomes a school shows change in (000:1356-1364, 000:1398-1406, 000:1443-1448):
 * exclusions (suspensions and permanent exclusions, with their days), behaviour incidents,
 * achievements and rewards, bullying reports (resolved or not) and participation in clubs and
 * activities. Each is a dated fact with at most the MIS's category: never a description, which
 * would carry the detail of what happened to a child. Pure.
 */
export const CATEGORY_MAX = 60;

/** The MIS's category for an event ("Disruption", "Merit", "Online", "Choir"): one short line. */
export const categorySchema = z
  .string()
  .trim()
  .min(1)
  .max(CATEGORY_MAX, `a category is at most ${CATEGORY_MAX} characters: the type of event, not a description`)
  .regex(/^[^\r\n\t]+$/, 'a category is one line: the type of event, not a description');

/** A suspension lasts at most 45 school days in a school year (the statutory limit), in half days. */
export const SUSPENSION_DAYS_MAX = 45;

/** Why an exclusion's days cannot be right; undefined when they can. */
export function exclusionDaysProblem(kind: ExclusionKind, days: number | null): string | undefined {
  if (kind === 'PERMANENT') return days === null ? undefined : 'a permanent exclusion has no length in days';
  if (days === null) return 'a suspension needs its length in school days (0.5 for a lunchtime or half day)';
  if (!(days > 0 && days <= SUSPENSION_DAYS_MAX && Number.isInteger(days * 2))) return `a suspension is half a day to ${SUSPENSION_DAYS_MAX} days, in halves`;
  return undefined;
}

/** The Monday of the week a date is in. */
export const weekOf = (day: IsoDate): IsoDate => addDays(day, 1 - isoWeekday(day));

/** How many events fell in each week (Monday to Sunday) from `from` to `to`, empty weeks included. */
export function countsByWeek(days: IsoDate[], from: IsoDate, to: IsoDate): { week: IsoDate; count: number }[] {
  const counts = new Map<IsoDate, number>();
  for (let w = weekOf(from); w <= to; w = addDays(w, 7)) counts.set(w, 0);
  for (const d of days) if (d >= from && d <= to) counts.set(weekOf(d), (counts.get(weekOf(d)) ?? 0) + 1);
  return [...counts].map(([week, count]) => ({ week, count }));
}
