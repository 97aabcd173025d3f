import { z } from 'zod';

/**
 * How a school assesses a subject, in its own terms (national curriculum levels went in 2014).
 * Three kinds: STEPS, an ordered list of steps the school names (lowest first); DESCRIPTIVE, named
 * areas that are not ordered (the engagement model), recorded but never counted as progress; and
 * SCORE, a numeric scale such as standardised scores. Pure: no I/O.
 */
export type SchemeKind = 'STEPS' | 'DESCRIPTIVE' | 'SCORE';

/** What the rules need of a scheme. */
export interface SchemeRule {
  kind: SchemeKind;
  /** STEPS: lowest first. DESCRIPTIVE: the areas. SCORE: none. */
  steps: string[];
  minScore: number | null;
  maxScore: number | null;
  /** Expected progress a term: steps (STEPS) or points (SCORE); 0 = holding. */
  expectedPerTerm: number;
  /** SCORE: how far a score moves between tests by chance (a change within it is holding). */
  tolerance: number | null;
}

export interface Preset extends SchemeRule {
  key: string;
  name: string;
}

/** A step scheme's default: one step a term (the issue's rule; a school sets its own). */
export const DEFAULT_STEPS_PER_TERM = 1;
/** Standardised scores: holding or rising is expected progress. */
export const DEFAULT_SCORE_CHANGE_PER_TERM = 0;
/**
 * Standardised scores wobble between tests: a test reports a confidence band around each score.
 * Our default of 5 points (a third of the 15-point standard deviation NFER's tests are built on) is a
 * starting value; a school should set the band its own test publisher reports.
 */
export const DEFAULT_SCORE_TOLERANCE = 5;

export const SCHEME_LIMITS = { steps: { min: 2, max: 200 }, stepName: 60, name: 80, score: { min: 0, max: 1000 }, stepsPerTerm: 5, pointsPerTerm: 50, tolerance: 50 } as const;

const subSteps = (step: string): string[] => [`${step} -`, step, `${step} +`];

/**
 * The common schemes, copied into a school when it first chooses one for a subject.
 * - Age-related expectations: the teacher assessment frameworks' "working towards the expected
 *   standard / working at the expected standard / working at greater depth" (Standards and Testing
 *   Agency, key stage 1 and 2 teacher assessment frameworks), with the sub-steps many schools add
 *   ("Expected -", "Expected", "Expected +"). It judges a pupil against their own year group's
 *   expectations, which rise every year, so holding a step IS expected progress: its expected rate
 *   is 0 steps a term (a school closing a gap sets its own), and a fall shows at once.
 * - Small steps, after B Squared's Primary Steps: "three levels below Year 1, followed by the end of
 *   year outcomes broken down into smaller steps" (bsquared.co.uk, "Progression Steps, Primary Steps
 *   or pre-key stage standards?", 2022). Three steps a year (ours; B Squared's own breakdown varies
 *   by subject), so one step a term is a year's progress in a year.
 * - Pre-key stage 1 standards 1 to 4 and pre-key stage 2 standards 1 to 6 (gov.uk, "Pre-key stage 1
 *   standards" and "Pre-key stage 2 standards", for 2020/21 onwards; PK1..PK6 are the codes
 *   teachers report), for pupils working below the national curriculum but engaged in
 *   subject-specific study.
 * - The engagement model's five areas: exploration, realisation, anticipation, persistence and
 *   initiation (gov.uk, "The engagement model", 2020), for pupils not engaged in subject-specific
 *   study. Descriptive: the areas are not a ladder, so no rule ever calls a pupil off course by them.
 * - Standardised scores, 70 to 141, mean 100 and standard deviation 15 (NFER Tests' scores:
 *   nfer.ac.uk, "NFER Tests scores"). Expected progress is holding or rising.
 */
export const PRESETS: readonly Preset[] = [
  {
    key: 'age-related',
    name: 'Age-related expectations (working towards, expected, greater depth)',
    kind: 'STEPS',
    steps: ['Working towards', 'Expected', 'Greater depth'].flatMap(subSteps),
    minScore: null,
    maxScore: null,
    expectedPerTerm: 0,
    tolerance: null,
  },
  {
    key: 'small-steps',
    name: 'Small steps (Primary Steps 1 to 3, then three steps a year)',
    kind: 'STEPS',
    steps: [
      'Primary Step 1',
      'Primary Step 2',
      'Primary Step 3',
      ...[1, 2, 3, 4, 5, 6].flatMap((y) => [1, 2, 3].map((s) => `Year ${y} step ${s}`)),
    ],
    minScore: null,
    maxScore: null,
    expectedPerTerm: DEFAULT_STEPS_PER_TERM,
    tolerance: null,
  },
  {
    key: 'pre-key-stage-1',
    name: 'Pre-key stage 1 standards',
    kind: 'STEPS',
    steps: [1, 2, 3, 4].map((n) => `Standard ${n} (PK${n})`),
    minScore: null,
    maxScore: null,
    expectedPerTerm: DEFAULT_STEPS_PER_TERM,
    tolerance: null,
  },
  {
    key: 'pre-key-stage-2',
    name: 'Pre-key stage 2 standards',
    kind: 'STEPS',
    steps: [1, 2, 3, 4, 5, 6].map((n) => `Standard ${n} (PK${n})`),
    minScore: null,
    maxScore: null,
    expectedPerTerm: DEFAULT_STEPS_PER_TERM,
    tolerance: null,
  },
  {
    key: 'engagement-model',
    name: 'The engagement model',
    kind: 'DESCRIPTIVE',
    steps: ['Exploration', 'Realisation', 'Anticipation', 'Persistence', 'Initiation'],
    minScore: null,
    maxScore: null,
    expectedPerTerm: 0,
    tolerance: null,
  },
  {
    key: 'standardised-score',
    name: 'Standardised scores (70 to 141)',
    kind: 'SCORE',
    steps: [],
    minScore: 70,
    maxScore: 141,
    expectedPerTerm: DEFAULT_SCORE_CHANGE_PER_TERM,
    tolerance: DEFAULT_SCORE_TOLERANCE,
  },
];

export const PRESET_KEYS = PRESETS.map((p) => p.key) as [string, ...string[]];
export const presetOf = (key: string): Preset | undefined => PRESETS.find((p) => p.key === key);

/** Step names compare without case, spaces or the kind of dash: "Expected−", "expected -" and "EXPECTED -" are one step. */
export const stepKey = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, '');

const name = z.string().trim().min(1, 'must not be empty').max(SCHEME_LIMITS.name);
const stepName = z.string().trim().min(1, 'a step must have a name').max(SCHEME_LIMITS.stepName, `a step name is at most ${SCHEME_LIMITS.stepName} characters`);
const stepList = z
  .array(stepName)
  .min(SCHEME_LIMITS.steps.min, `give at least ${SCHEME_LIMITS.steps.min} steps`)
  .max(SCHEME_LIMITS.steps.max, `at most ${SCHEME_LIMITS.steps.max} steps`)
  .superRefine((steps, ctx) => {
    const seen = new Map<string, number>();
    steps.forEach((s, i) => {
      const earlier = seen.get(stepKey(s));
      if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: [i], message: `"${s}" is the same step as "${steps[earlier]}"` });
      else seen.set(stepKey(s), i);
    });
  });
const score = z.int().min(SCHEME_LIMITS.score.min).max(SCHEME_LIMITS.score.max);

/** A scheme a school defines (admins and the SENCO). The expected rate may be left to its default. */
export const schemeDefinitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('STEPS'), name, steps: stepList, expectedPerTerm: z.number().min(0).max(SCHEME_LIMITS.stepsPerTerm).optional() }),
  z.strictObject({ kind: z.literal('DESCRIPTIVE'), name, steps: stepList }),
  z
    .strictObject({
      kind: z.literal('SCORE'),
      name,
      minScore: score,
      maxScore: score,
      expectedPerTerm: z.number().min(-SCHEME_LIMITS.pointsPerTerm).max(SCHEME_LIMITS.pointsPerTerm).optional(),
      tolerance: z.int().min(0).max(SCHEME_LIMITS.tolerance).optional(),
    })
    .refine((s) => s.maxScore - s.minScore >= 2, { path: ['maxScore'], message: 'the highest score must be at least 2 above the lowest' }),
]);
export type SchemeDefinition = z.infer<typeof schemeDefinitionSchema>;

/** A change to a scheme: any of its fields; the result is checked as a whole (`ruleOf`). */
export const schemeChangeSchema = z
  .strictObject({
    name,
    steps: z.array(z.string()),
    minScore: z.int(),
    maxScore: z.int(),
    expectedPerTerm: z.number(),
    tolerance: z.int(),
  })
  .partial();
export type SchemeChange = z.infer<typeof schemeChangeSchema>;

/** A definition with its defaults filled in: what is stored. */
export function ruleOf(d: SchemeDefinition): SchemeRule & { name: string } {
  switch (d.kind) {
    case 'STEPS':
      return { kind: d.kind, name: d.name, steps: d.steps, minScore: null, maxScore: null, expectedPerTerm: d.expectedPerTerm ?? DEFAULT_STEPS_PER_TERM, tolerance: null };
    case 'DESCRIPTIVE':
      return { kind: d.kind, name: d.name, steps: d.steps, minScore: null, maxScore: null, expectedPerTerm: 0, tolerance: null };
    case 'SCORE':
      return {
        kind: d.kind,
        name: d.name,
        steps: [],
        minScore: d.minScore,
        maxScore: d.maxScore,
        expectedPerTerm: d.expectedPerTerm ?? DEFAULT_SCORE_CHANGE_PER_TERM,
        tolerance: d.tolerance ?? DEFAULT_SCORE_TOLERANCE,
      };
  }
}

const FIELDS: Record<SchemeKind, (keyof SchemeChange)[]> = {
  STEPS: ['name', 'steps', 'expectedPerTerm'],
  DESCRIPTIVE: ['name', 'steps'],
  SCORE: ['name', 'minScore', 'maxScore', 'expectedPerTerm', 'tolerance'],
};

/**
 * A stored scheme with a change applied, as a definition to check again: the kind's own fields as
 * stored unless changed. A field the kind does not have is passed on, for the strict schema to refuse.
 */
export function changed(current: SchemeRule & { name: string }, change: SchemeChange): unknown {
  const stored: Record<keyof SchemeChange, unknown> = { ...current };
  return { kind: current.kind, ...Object.fromEntries(FIELDS[current.kind].map((f) => [f, stored[f]])), ...change };
}

/** A value as recorded: a step (or area) by its name in the scheme, or a score. */
export type SchemeValue = { step: string; score: null } | { step: null; score: number };

/** The values a scheme accepts, for a message that says what to write instead. */
export function acceptedValues(s: SchemeRule): string {
  if (s.kind === 'SCORE') return `a whole number from ${s.minScore} to ${s.maxScore}`;
  return s.steps.join(', ');
}

/** A step's code in brackets ("Standard 4 (PK4)") is accepted for it too: PK4 is how teachers report it. */
const codeOf = (step: string): string | undefined => /\(([^()]+)\)\s*$/.exec(step)?.[1];

/** Reads a value written by a teacher or an MIS export in the scheme's own terms. */
export function readValue(s: SchemeRule, text: string): { value: SchemeValue } | { error: string } {
  const written = text.trim();
  if (s.kind === 'SCORE') {
    const n = /^[+-]?\d+$/.test(written) ? Number(written) : NaN;
    if (Number.isInteger(n) && n >= s.minScore! && n <= s.maxScore!) return { value: { step: null, score: n } };
    return { error: `"${written}" is not a score on this scale (use ${acceptedValues(s)})` };
  }
  const key = stepKey(written);
  const step = s.steps.find((st) => stepKey(st) === key) ?? s.steps.find((st) => codeOf(st) !== undefined && stepKey(codeOf(st)!) === key);
  if (step !== undefined) return { value: { step, score: null } };
  return { error: `"${written}" is not ${s.kind === 'DESCRIPTIVE' ? 'an area' : 'a step'} of this scheme (use ${acceptedValues(s)})` };
}

/** A recorded value as a number the progress rules compare: the step's place (0 = lowest) or the score. */
export function valueNumber(s: SchemeRule, v: { step: string | null; score: number | null }): number | undefined {
  if (s.kind === 'SCORE') return v.score ?? undefined;
  if (v.step === null) return undefined;
  const i = s.steps.findIndex((st) => stepKey(st) === stepKey(v.step!));
  return i >= 0 ? i : undefined;
}
