import { z } from 'zod';
import type { AssessmentScheme, AssessmentSubject } from '../generated/prisma/client';
import { actorOf, changedFields, recordAudit } from '../audit/audit';
import type { Tx } from '../db/transaction';
import type { Principal } from '../domain/access';
import { conflict, invalid, notFound } from '../domain/errors';
import { lockAssessment, schoolOfStaff, schoolToRun } from '../evidence/access';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { changed, presetOf, PRESET_KEYS, PRESETS, ruleOf, schemeDefinitionSchema, stepKey, type SchemeChange, type SchemeDefinition, type SchemeRule } from './schemes';
import { defaultSubjectName, subjectKeySchema, subjectNameSchema } from './subjects';

/**
 * How a school assesses: defining or changing its own schemes, and choosing one scheme per subject
 * (a preset is copied into the school the first time it is chosen, so the school can set its expected
 * rate). Admins and the SENCO; every change audited; changes are serialised per school.
 */
export interface SchemeView extends SchemeRule {
  id: string;
  name: string;
  presetKey: string | null;
}

export interface SubjectView {
  key: string;
  name: string;
  schemeId: string;
}

export const schemeView = (s: AssessmentScheme): SchemeView => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  steps: s.steps,
  minScore: s.minScore,
  maxScore: s.maxScore,
  expectedPerTerm: s.expectedPerTerm,
  tolerance: s.tolerance,
  presetKey: s.presetKey,
});

const subjectView = (s: AssessmentSubject): SubjectView => ({ key: s.key, name: s.name, schemeId: s.schemeId });

const compact = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A preset's name belongs to the preset, so the school's copy of it can always take it. */
function refuseTakenName(name: string): void {
  if (PRESETS.some((p) => compact(p.name) === compact(name))) throw conflict('name_taken', `"${name}" is the name of a preset: choose the preset for a subject, or call your scheme something else`);
}

async function refuseNameInUse(tx: Tx, schoolId: string, name: string, except?: string): Promise<void> {
  const taken = await tx.assessmentScheme.findFirst({ where: { schoolId, name: { equals: name, mode: 'insensitive' }, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  if (taken) throw conflict('name_taken', `The school already has a scheme called "${name}"`);
}

export async function defineScheme(op: UseCaseDeps, p: Principal, schoolId: string, input: SchemeDefinition): Promise<SchemeView> {
  return inTransaction(op, async (tx) => {
    await schoolToRun(tx, p, schoolId, 'define its assessment schemes');
    await lockAssessment(tx, schoolId, 'change');
    const rule = ruleOf(input);
    refuseTakenName(rule.name);
    await refuseNameInUse(tx, schoolId, rule.name);
    const scheme = await tx.assessmentScheme.create({ data: { schoolId, ...rule } });
    await recordAudit(tx, actorOf(p), { schoolId, action: 'assessmentScheme.create', entityType: 'AssessmentScheme', entityId: scheme.id, after: rule });
    return schemeView(scheme);
  });
}

/** A preset's steps and range are the preset's: a school that wants others defines its own scheme. */
const PRESET_FIXED: (keyof SchemeChange)[] = ['name', 'steps', 'minScore', 'maxScore'];

/**
 * Changes a scheme. Points name their step, so a step with points recorded in it stays (it may move
 * in the order; steps may be added); a score range still holds every score recorded on it.
 */
export async function changeScheme(op: UseCaseDeps, p: Principal, schemeId: string, change: SchemeChange): Promise<SchemeView> {
  return inTransaction(op, async (tx) => {
    const found = await tx.assessmentScheme.findUnique({ where: { id: schemeId }, select: { schoolId: true } });
    if (!found || (p.kind === 'staff' && p.schoolId !== found.schoolId)) throw notFound('Assessment scheme');
    await schoolToRun(tx, p, found.schoolId, 'change its assessment schemes');
    await lockAssessment(tx, found.schoolId, 'change');
    const current = await tx.assessmentScheme.findUniqueOrThrow({ where: { id: schemeId } });
    if (current.presetKey && PRESET_FIXED.some((f) => change[f] !== undefined)) {
      throw invalid('preset_fixed', "A preset's name, steps and range are fixed (only its expected rate and tolerance can be set): define the school's own scheme instead");
    }
    const parsed = schemeDefinitionSchema.safeParse(changed(schemeView(current), change));
    if (!parsed.success) throw invalid('invalid_scheme', 'The scheme would not be valid', { problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    const next = ruleOf(parsed.data);
    if (next.name !== current.name) {
      refuseTakenName(next.name);
      await refuseNameInUse(tx, current.schoolId, next.name, current.id);
    }
    if (current.kind !== 'SCORE') {
      const used = await tx.assessmentPoint.groupBy({ by: ['step'], where: { schemeId } });
      const kept = new Set(next.steps.map(stepKey));
      const missing = used.flatMap((u) => (u.step !== null && !kept.has(stepKey(u.step)) ? [u.step] : []));
      if (missing.length > 0) throw conflict('step_in_use', `Points are recorded in ${missing.map((m) => `"${m}"`).join(', ')}: those steps must stay`, { steps: missing });
    } else {
      const range = await tx.assessmentPoint.aggregate({ where: { schemeId }, _min: { score: true }, _max: { score: true } });
      const { score: lowest } = range._min;
      const { score: highest } = range._max;
      if (lowest !== null && highest !== null && (lowest < next.minScore! || highest > next.maxScore!)) {
        throw conflict('score_out_of_range', `Scores from ${lowest} to ${highest} are recorded on this scale: the range must hold them`, { lowest, highest });
      }
    }
    const before = schemeView(current);
    const { kind: _kind, ...fields } = next;
    const diff = changedFields<Omit<SchemeView, 'id' | 'kind' | 'presetKey'>>(before, fields);
    if (Object.keys(diff.after).length === 0) return before;
    const saved = await tx.assessmentScheme.update({ where: { id: schemeId }, data: diff.after });
    await recordAudit(tx, actorOf(p), { schoolId: current.schoolId, action: 'assessmentScheme.update', entityType: 'AssessmentScheme', entityId: schemeId, ...diff });
    return schemeView(saved);
  });
}

export const subjectChoiceSchema = z
  .strictObject({
    name: subjectNameSchema.optional(),
    /** One of the presets (copied into the school the first time)... */
    preset: z.enum(PRESET_KEYS).optional(),
    /** ...or one of the school's own schemes. */
    schemeId: z.uuid().optional(),
  })
  .refine((c) => (c.preset === undefined) !== (c.schemeId === undefined), { message: 'give either a preset or a schemeId' });
export type SubjectChoice = z.infer<typeof subjectChoiceSchema>;

async function presetCopy(tx: Tx, p: Principal, schoolId: string, key: string): Promise<AssessmentScheme> {
  const existing = await tx.assessmentScheme.findUnique({ where: { schoolId_presetKey: { schoolId, presetKey: key } } });
  if (existing) return existing;
  const { key: presetKey, ...rule } = presetOf(key)!;
  const scheme = await tx.assessmentScheme.create({ data: { schoolId, presetKey, ...rule } });
  await recordAudit(tx, actorOf(p), { schoolId, action: 'assessmentScheme.create', entityType: 'AssessmentScheme', entityId: scheme.id, after: { presetKey, ...rule } });
  return scheme;
}

/**
 * The scheme a subject is assessed in from now on (a new subject is added by choosing its scheme).
 * Points already recorded keep the scheme they were recorded in; progress is reckoned in the
 * subject's current scheme (assessment/progress.ts via evidence/figures.ts).
 */
export async function chooseSubjectScheme(op: UseCaseDeps, p: Principal, schoolId: string, key: string, choice: SubjectChoice): Promise<{ outcome: 'added' | 'changed' | 'unchanged'; subject: SubjectView }> {
  return inTransaction(op, async (tx) => {
    await schoolToRun(tx, p, schoolId, 'choose how subjects are assessed');
    await lockAssessment(tx, schoolId, 'change');
    const scheme = choice.preset
      ? await presetCopy(tx, p, schoolId, choice.preset)
      : await tx.assessmentScheme.findFirst({ where: { id: choice.schemeId, schoolId } });
    if (!scheme) throw invalid('unknown_scheme', 'The school has no such assessment scheme');
    return assessSubjectIn(tx, p, schoolId, key, scheme, choice.name);
  });
}

async function assessSubjectIn(tx: Tx, p: Principal, schoolId: string, key: string, scheme: AssessmentScheme, name: string | undefined): Promise<{ outcome: 'added' | 'changed' | 'unchanged'; subject: SubjectView }> {
  const before = await tx.assessmentSubject.findUnique({ where: { schoolId_key: { schoolId, key } } });
  const desired = { name: name ?? before?.name ?? defaultSubjectName(key), schemeId: scheme.id };
  if (!before) {
    const created = await tx.assessmentSubject.create({ data: { schoolId, key, ...desired } });
    await recordAudit(tx, actorOf(p), { schoolId, action: 'assessmentSubject.choose', entityType: 'AssessmentSubject', entityId: created.id, after: { key, ...desired } });
    return { outcome: 'added', subject: subjectView(created) };
  }
  const diff = changedFields({ name: before.name, schemeId: before.schemeId }, desired);
  if (Object.keys(diff.after).length === 0) return { outcome: 'unchanged', subject: subjectView(before) };
  const saved = await tx.assessmentSubject.update({ where: { id: before.id }, data: diff.after });
  await recordAudit(tx, actorOf(p), { schoolId, action: 'assessmentSubject.choose', entityType: 'AssessmentSubject', entityId: before.id, ...diff });
  return { outcome: 'changed', subject: subjectView(saved) };
}

/**
 * How a trust or local authority suggests its schools assess: per subject, a preset or a scheme of
 * its own (defined in full, since an organisation has no schemes of its own in any school).
 */
export const schemeDefaultsSchema = z
  .array(
    z
      .strictObject({ subject: subjectKeySchema, name: subjectNameSchema.optional(), preset: z.enum(PRESET_KEYS).optional(), scheme: schemeDefinitionSchema.optional() })
      .refine((c) => (c.preset === undefined) !== (c.scheme === undefined), { message: 'give either a preset or a scheme' }),
  )
  .min(1)
  .max(20)
  .refine((list) => new Set(list.map((c) => c.subject)).size === list.length, { message: 'each subject once' });
export type SchemeDefaults = z.infer<typeof schemeDefaultsSchema>;

const sameRule = (a: SchemeRule, b: SchemeRule): boolean =>
  a.kind === b.kind && a.minScore === b.minScore && a.maxScore === b.maxScore && a.expectedPerTerm === b.expectedPerTerm && a.tolerance === b.tolerance && a.steps.length === b.steps.length && a.steps.every((s, i) => stepKey(s) === stepKey(b.steps[i]!));

/**
 * A school adopting its organisation's schemes, inside the adopting transaction: presets are copied
 * as when chosen; an organisation's own scheme is defined in the school, or reused when the school
 * already has it under that name (refused when the school's scheme of that name differs, so nothing
 * the school recorded is reinterpreted).
 */
export async function adoptSchemes(tx: Tx, p: Principal, schoolId: string, defaults: SchemeDefaults) {
  await lockAssessment(tx, schoolId, 'change');
  const subjects = [];
  for (const choice of defaults) {
    let scheme: AssessmentScheme;
    if (choice.preset) scheme = await presetCopy(tx, p, schoolId, choice.preset);
    else {
      const rule = ruleOf(choice.scheme!);
      const held = await tx.assessmentScheme.findFirst({ where: { schoolId, name: { equals: rule.name, mode: 'insensitive' } } });
      if (held && (held.presetKey !== null || !sameRule(held, rule))) throw conflict('name_taken', `The school already has a scheme called "${rule.name}" that differs from the one offered: rename one of them first`);
      if (held) scheme = held;
      else {
        refuseTakenName(rule.name);
        scheme = await tx.assessmentScheme.create({ data: { schoolId, ...rule } });
        await recordAudit(tx, actorOf(p), { schoolId, action: 'assessmentScheme.create', entityType: 'AssessmentScheme', entityId: scheme.id, after: rule });
      }
    }
    subjects.push(await assessSubjectIn(tx, p, schoolId, choice.subject, scheme, choice.name));
  }
  return subjects;
}

/** How the school assesses: the presets it may choose, its schemes and its subjects. Any of its staff may read it. */
export async function assessmentSetup(op: UseCaseDeps, p: Principal, schoolId: string) {
  return inTransaction(op, async (tx) => {
    await schoolOfStaff(tx, p, schoolId);
    const schemes = await tx.assessmentScheme.findMany({ where: { schoolId }, orderBy: { createdAt: 'asc' } });
    const subjects = await tx.assessmentSubject.findMany({ where: { schoolId }, orderBy: { key: 'asc' } });
    return { presets: PRESETS, schemes: schemes.map(schemeView), subjects: subjects.map(subjectView) };
  });
}
