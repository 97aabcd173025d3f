import { progressOf, type PointAt, type ProgressRule } from '../../assessment/progress';

/** Points written as "window:value", with a trailing * for a point marked baseline. */
const points = (...written: string[]): PointAt[] =>
  written.map((w) => {
    const [window, value] = w.replace('*', '').split(':').map(Number) as [number, number];
    return { window, value, baseline: w.endsWith('*') };
  });

const oneStepATerm: ProgressRule = { kind: 'STEPS', expectedPerTerm: 1, tolerance: null };
const holding: ProgressRule = { kind: 'STEPS', expectedPerTerm: 0, tolerance: null };
const halfAStep: ProgressRule = { kind: 'STEPS', expectedPerTerm: 0.5, tolerance: null };
const thirdOfAStep: ProgressRule = { kind: 'STEPS', expectedPerTerm: 1 / 3, tolerance: null };
const scores: ProgressRule = { kind: 'SCORE', expectedPerTerm: 0, tolerance: 5 };
const risingScores: ProgressRule = { kind: 'SCORE', expectedPerTerm: 4, tolerance: 5 };
const engagement: ProgressRule = { kind: 'DESCRIPTIVE', expectedPerTerm: 0, tolerance: null };

describe('progress from the starting point and off course, in the school\'s own scheme', () => {
  it.each<[string, ProgressRule, PointAt[], string, string[]]>([
    // One step a term (the default for step schemes).
    ['one point only: too early to say', oneStepATerm, points('0:3'), 'too_early', []],
    ['a step every term', oneStepATerm, points('0:3', '1:4', '2:5'), 'on_course', []],
    ['one slow term, then a step: not two windows running', oneStepATerm, points('0:3', '1:3', '2:4'), 'on_course', []],
    ['two slow terms running', oneStepATerm, points('0:3', '1:3', '2:3'), 'off_course', ['below_expected_twice']],
    ['slow, on course, slow: never two running', oneStepATerm, points('0:3', '1:3', '2:4', '3:4'), 'on_course', []],
    ['fell back a step in the latest window', oneStepATerm, points('0:3', '1:4', '2:3'), 'off_course', ['fell_back']],
    ['fell back twice: both reasons', oneStepATerm, points('0:5', '1:4', '2:3'), 'off_course', ['fell_back', 'below_expected_twice']],
    ['two steps over two terms between points (not assessed in between) counts as one window at the rate', oneStepATerm, points('0:3', '2:5', '3:6'), 'on_course', []],
    ['one step over two terms, then none: below twice', oneStepATerm, points('0:3', '2:4', '3:4'), 'off_course', ['below_expected_twice']],
    // The starting point is the latest baseline: what came before it does not count.
    ['a fall before a new baseline is forgotten', oneStepATerm, points('0:5', '1:2*', '2:3'), 'on_course', []],
    ['slow terms before the baseline do not run on into after it', oneStepATerm, points('0:3', '1:3*', '2:3'), 'on_course', []],
    // Holding is on course (age-related expectations): only a fall counts.
    ['holding a step all year, judged against the year group', holding, points('0:4', '1:4', '2:4'), 'on_course', []],
    ['slipping from Expected to Expected -', holding, points('0:4', '1:4', '2:3'), 'off_course', ['fell_back']],
    // Slower rates the school sets.
    ['half a step a term: a step every other term', halfAStep, points('0:1', '1:1', '2:2', '3:2', '4:3'), 'on_course', []],
    ['half a step a term: nothing for two terms', halfAStep, points('0:1', '1:2', '2:2', '3:2'), 'off_course', ['below_expected_twice']],
    ['a third of a step a term: a step a year, measured termly', thirdOfAStep, points('0:1', '3:2', '6:3'), 'on_course', []],
    // Standardised scores wobble: within 5 points is holding.
    ['scores wobbling within the tolerance', scores, points('0:100', '1:97', '2:101', '3:96'), 'on_course', []],
    ['a drop of more than the tolerance in one window', scores, points('0:100', '1:101', '2:95'), 'off_course', ['fell_back']],
    ['a slow slide no single window shows', scores, points('0:100', '1:97', '2:94'), 'off_course', ['below_starting_point']],
    ['exactly the tolerance down from the start is still holding', scores, points('0:100', '1:97', '2:95'), 'on_course', []],
    ['rising scores', scores, points('0:88', '1:92', '2:99'), 'on_course', []],
    // A school that expects scores to rise 4 points a term.
    ['rising 4 a term, short by more than the tolerance twice', risingScores, points('0:90', '1:88', '2:86'), 'off_course', ['below_expected_twice']],
    ['rising 4 a term, holding is within the tolerance of it', risingScores, points('0:90', '1:90', '2:91'), 'on_course', []],
    // The engagement model's areas are not a ladder.
    ['the engagement model, however the areas move', engagement, points('0:4', '1:0', '2:0'), 'descriptive', []],
  ])('%s', (_case, rule, pts, status, reasons) => {
    const p = progressOf(rule, pts);
    expect({ status: p.status, reasons: p.reasons }).toEqual({ status, reasons });
  });

  it('says how far the pupil has come since the starting point and since last time, against the expected rate', () => {
    expect(progressOf(oneStepATerm, points('0:2', '1:4*', '2:4', '4:6'))).toEqual({
      status: 'on_course',
      reasons: [],
      start: { window: 1, value: 4, baseline: true },
      latest: { window: 4, value: 6, baseline: false },
      sinceStart: { change: 2, terms: 3, expected: 3, perTerm: 0.67 },
      sinceLast: { change: 2, terms: 2, expected: 2, perTerm: 1 },
    });
  });

  it('orders points by window whatever order they come in', () => {
    expect(progressOf(oneStepATerm, points('2:5', '0:3', '1:4')).sinceStart).toEqual({ change: 2, terms: 2, expected: 2, perTerm: 1 });
  });
});
