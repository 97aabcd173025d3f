import type { SchemeKind } from './schemes';

/**
 * Progress from a pupil's own starting point, in the school's own scheme (001:249, 001:299), and
 * whether the pupil is off course (001:560-566). Pure: points in, judgement out.
 *
 * A point is a value at a window: `window` numbers the school's terms in order (evidence/windows.ts),
 * so terms between two points is the difference of their windows; `value` is the step's place in the
 * scheme (0 = lowest) or the score. The starting point is the latest point marked baseline, else the
 * first; points before it do not count.
 *
 * Off course, as coded:
 * - Step schemes. Each interval between consecutive points is below the expected rate when the steps
 *   gained are fewer than the rate times the terms it spans. Off course when the latest interval fell
 *   back (fewer steps than the point before) or the latest two intervals were both below the rate
 *   ("two windows running"). With a rate of 0 (holding is on course), only a fall counts.
 * - Scores. A score moves between tests by chance (the school's tolerance, default 5 points), so a
 *   change within the tolerance counts as holding. An interval is below the expected rate when the
 *   change falls short of the rate times its terms by more than the tolerance. Off course when the
 *   latest score fell back by more than the tolerance, or the latest two intervals were both below the
 *   rate, or the latest score is more than the tolerance below the starting point (a slow slide that
 *   no single interval shows).
 * - Descriptive schemes (the engagement model) are never off course by rule: their areas are not a
 *   ladder.
 */
export interface ProgressRule {
  kind: SchemeKind;
  expectedPerTerm: number;
  tolerance: number | null;
}

export interface PointAt {
  window: number;
  value: number;
  baseline: boolean;
}

export type ProgressStatus = 'on_course' | 'off_course' | 'too_early' | 'descriptive';
export type OffCourseReason = 'fell_back' | 'below_expected_twice' | 'below_starting_point';

export interface Movement {
  /** Steps (or points) gained; negative when the pupil fell back. */
  change: number;
  terms: number;
  /** What the expected rate asks over those terms. */
  expected: number;
  /** Change a term, to two decimal places. */
  perTerm: number;
}

export interface Progress {
  status: ProgressStatus;
  reasons: OffCourseReason[];
  start: PointAt | null;
  latest: PointAt | null;
  sinceStart: Movement | null;
  sinceLast: Movement | null;
}

// Rates such as a third of a step a term are not exact in binary.
const EPSILON = 1e-9;
const round2 = (n: number): number => Math.round(n * 100) / 100;

function movement(rule: ProgressRule, from: PointAt, to: PointAt): Movement {
  const terms = to.window - from.window;
  const change = to.value - from.value;
  return { change, terms, expected: round2(rule.expectedPerTerm * terms), perTerm: round2(change / terms) };
}

/** From the starting point on, in window order. */
function fromStartingPoint(points: PointAt[]): PointAt[] {
  const ordered = [...points].sort((a, b) => a.window - b.window);
  const baseline = ordered.findLastIndex((p) => p.baseline);
  return ordered.slice(Math.max(baseline, 0));
}

export function progressOf(rule: ProgressRule, points: PointAt[]): Progress {
  const counted = fromStartingPoint(points);
  const start = counted[0] ?? null;
  const latest = counted.at(-1) ?? null;
  const none: Progress = { status: rule.kind === 'DESCRIPTIVE' ? 'descriptive' : 'too_early', reasons: [], start, latest, sinceStart: null, sinceLast: null };
  if (rule.kind === 'DESCRIPTIVE' || counted.length < 2) return none;

  const intervals = counted.slice(1).map((p, i) => movement(rule, counted[i]!, p));
  const tolerance = rule.kind === 'SCORE' ? (rule.tolerance ?? 0) : 0;
  const below = (m: Movement): boolean => m.change - rule.expectedPerTerm * m.terms < -tolerance - EPSILON;
  const last = intervals.at(-1)!;
  const beforeLast = intervals.at(-2);

  const reasons: OffCourseReason[] = [];
  if (last.change < -tolerance - EPSILON) reasons.push('fell_back');
  if (beforeLast && below(beforeLast) && below(last)) reasons.push('below_expected_twice');
  if (rule.kind === 'SCORE' && latest!.value - start!.value < -tolerance - EPSILON) reasons.push('below_starting_point');
  return {
    status: reasons.length > 0 ? 'off_course' : 'on_course',
    reasons,
    start,
    latest,
    sinceStart: movement(rule, start!, latest!),
    sinceLast: last,
  };
}
