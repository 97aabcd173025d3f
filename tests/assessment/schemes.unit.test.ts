import { changed, presetOf, PRESETS, readValue, ruleOf, schemeDefinitionSchema, valueNumber } from '../../assessment/schemes';
import { matchSubject } from '../../assessment/subjects';

const messages = (input: unknown): string[] => {
  const r = schemeDefinitionSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('assessment schemes a school chooses or defines', () => {
  it('ships the common schemes, each valid as a definition of its own kind', () => {
    expect(PRESETS.map((p) => [p.key, p.kind, p.steps.length, p.expectedPerTerm])).toEqual([
      ['age-related', 'STEPS', 9, 0],
      ['small-steps', 'STEPS', 21, 1],
      ['pre-key-stage-1', 'STEPS', 4, 1],
      ['pre-key-stage-2', 'STEPS', 6, 1],
      ['engagement-model', 'DESCRIPTIVE', 5, 0],
      ['standardised-score', 'SCORE', 0, 0],
    ]);
    for (const p of PRESETS) expect(messages({ kind: p.kind, name: p.name, ...(p.kind === 'SCORE' ? { minScore: p.minScore, maxScore: p.maxScore } : { steps: p.steps }) })).toEqual([]);
    expect(presetOf('age-related')!.steps.slice(2, 5)).toEqual(['Working towards +', 'Expected -', 'Expected']);
    expect(presetOf('engagement-model')!.steps).toEqual(['Exploration', 'Realisation', 'Anticipation', 'Persistence', 'Initiation']);
  });

  it.each<[string, unknown, string[]]>([
    ['a ladder of named steps', { kind: 'STEPS', name: 'Phonics phases', steps: ['Phase 1', 'Phase 2', 'Phase 3'] }, []],
    ['one step is no ladder', { kind: 'STEPS', name: 'One', steps: ['Only'] }, ['steps: give at least 2 steps']],
    ['a blank step', { kind: 'STEPS', name: 'Gaps', steps: ['Phase 1', '  ', 'Phase 3'] }, ['steps.1: a step must have a name']],
    ['the same step twice, whatever the case and spacing', { kind: 'STEPS', name: 'Twice', steps: ['Expected -', 'expected  -'] }, ['steps.1: "expected  -" is the same step as "Expected -"']],
    ['a blank name', { kind: 'DESCRIPTIVE', name: ' ', steps: ['A', 'B'] }, ['name: must not be empty']],
    ['a score range', { kind: 'SCORE', name: 'Reading age (months)', minScore: 48, maxScore: 180 }, []],
    ['a range upside down', { kind: 'SCORE', name: 'Upside down', minScore: 141, maxScore: 70 }, ['maxScore: the highest score must be at least 2 above the lowest']],
    ['a score out of any sane range', { kind: 'SCORE', name: 'Huge', minScore: 0, maxScore: 100000 }, ['maxScore: Too big: expected number to be <=1000']],
    ['steps on a score scale', { kind: 'SCORE', name: 'Mixed', minScore: 0, maxScore: 10, steps: ['A', 'B'] }, [': Unrecognized key: "steps"']],
    ['an expected rate of more than five steps a term', { kind: 'STEPS', name: 'Fast', steps: ['A', 'B'], expectedPerTerm: 6 }, ['expectedPerTerm: Too big: expected number to be <=5']],
  ])('a school defining %s', (_case, input, expected) => {
    expect(messages(input)).toEqual(expected);
  });

  it('fills in the default rates: one step a term for steps, holding within 5 points for scores', () => {
    expect(ruleOf({ kind: 'STEPS', name: 'Ours', steps: ['A', 'B'] })).toMatchObject({ expectedPerTerm: 1, tolerance: null });
    expect(ruleOf({ kind: 'SCORE', name: 'Scores', minScore: 70, maxScore: 141 })).toMatchObject({ expectedPerTerm: 0, tolerance: 5 });
    expect(ruleOf({ kind: 'DESCRIPTIVE', name: 'Areas', steps: ['A', 'B'] })).toMatchObject({ expectedPerTerm: 0 });
  });

  it('checks a change as the whole scheme it makes, refusing fields of another kind', () => {
    const steps = { ...ruleOf({ kind: 'STEPS', name: 'Ours', steps: ['A', 'B', 'C'] }) };
    expect(schemeDefinitionSchema.safeParse(changed(steps, { expectedPerTerm: 0.5 })).success).toBe(true);
    expect(schemeDefinitionSchema.safeParse(changed(steps, { steps: ['A'] })).success).toBe(false);
    expect(schemeDefinitionSchema.safeParse(changed(steps, { minScore: 3 })).success).toBe(false);
    const scores = ruleOf({ kind: 'SCORE', name: 'Scores', minScore: 70, maxScore: 141 });
    expect(schemeDefinitionSchema.parse(changed(scores, { tolerance: 3 }))).toEqual({ kind: 'SCORE', name: 'Scores', minScore: 70, maxScore: 141, expectedPerTerm: 0, tolerance: 3 });
  });

  it.each<[string, string, unknown]>([
    ['age-related', 'Expected +', { value: { step: 'Expected +', score: null } }],
    ['age-related', ' expected+ ', { value: { step: 'Expected +', score: null } }],
    // A minus sign or en dash pasted from a report is the step's dash.
    ['age-related', 'Expected \u2212', { value: { step: 'Expected -', score: null } }],
    ['pre-key-stage-2', 'PK4', { value: { step: 'Standard 4 (PK4)', score: null } }],
    ['pre-key-stage-2', 'standard 6 (pk6)', { value: { step: 'Standard 6 (PK6)', score: null } }],
    ['standardised-score', '104', { value: { step: null, score: 104 } }],
    ['standardised-score', '69', { error: '"69" is not a score on this scale (use a whole number from 70 to 141)' }],
    ['standardised-score', '100.5', { error: '"100.5" is not a score on this scale (use a whole number from 70 to 141)' }],
    ['engagement-model', 'Curiosity', { error: '"Curiosity" is not an area of this scheme (use Exploration, Realisation, Anticipation, Persistence, Initiation)' }],
    ['pre-key-stage-1', 'Expected', { error: '"Expected" is not a step of this scheme (use Standard 1 (PK1), Standard 2 (PK2), Standard 3 (PK3), Standard 4 (PK4))' }],
  ])('reads a value in %s written as %j', (preset, text, expected) => {
    expect(readValue(presetOf(preset)!, text)).toEqual(expected);
  });

  it('compares steps by their place in the scheme and scores by their number', () => {
    const ar = presetOf('age-related')!;
    expect(valueNumber(ar, { step: 'Working towards -', score: null })).toBe(0);
    expect(valueNumber(ar, { step: 'Greater depth +', score: null })).toBe(8);
    expect(valueNumber(ar, { step: 'Removed step', score: null })).toBeUndefined();
    expect(valueNumber(presetOf('standardised-score')!, { step: null, score: 97 })).toBe(97);
  });

  it("finds the school's subject by key, name or what an MIS calls it", () => {
    const subjects = [
      { key: 'reading', name: 'Reading' },
      { key: 'maths', name: 'Maths' },
      { key: 'science', name: 'Science' },
    ];
    expect(['Reading', 'English Reading', 'MATHS', 'Mathematics', 'numeracy', 'science'].map((t) => matchSubject(subjects, t)?.key)).toEqual(['reading', 'reading', 'maths', 'maths', 'maths', 'science']);
    expect(matchSubject(subjects, 'Writing')).toBeUndefined();
  });
});
