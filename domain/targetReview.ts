import type { TargetStatus } from '../generated/prisma/enums';

/** The target review card looks this far ahead: the reminder comes on the review day or up to a fortnight before it (a holiday moves it earlier). */
export const REVIEW_LOOKAHEAD_DAYS = 14;

export interface TargetReviewFacts {
  status: TargetStatus;
  /** School-local date. */
  reviewBy: string;
  /** School-local date of the latest progress noted, if any. */
  reviewedOn: string | null;
}

/**
 * One rule for "this target has been reviewed for its review date", read by the `due` list, the
 * reminder and its card, and the same as the figures': until the date, a target waits for its
 * review on the day (a progress note a week before does not cancel it); once the date has passed,
 * any review recorded counts (on time if it came by the date; none at all is off track).
 */
export function reviewedForItsDate(t: Pick<TargetReviewFacts, 'reviewBy' | 'reviewedOn'>, today: string): boolean {
  return t.reviewedOn !== null && (t.reviewedOn >= t.reviewBy || t.reviewBy < today);
}

/** Due for review by `horizon` (a school-local date): neither achieved nor closed, its date reached by then, and not reviewed for it. */
export function dueForReview(t: TargetReviewFacts, today: string, horizon: string): boolean {
  return t.status !== 'ACHIEVED' && t.status !== 'CLOSED' && t.reviewBy <= horizon && !reviewedForItsDate(t, today);
}
