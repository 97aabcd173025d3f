import { z } from 'zod';
import type { AssessmentPoint, AssessmentScheme, AssessmentSubject, EvidenceSource } from '../generated/prisma/client';
import { actorOf, changedFields, recordAudit, staffIdOf } from '../audit/audit';
import type { Tx } from '../db/transaction';
import type { Principal } from '../domain/access';
import { invalid } from '../domain/errors';
import type { IsoDate } from '../domain/schoolCalendar';
import { dayOf, isoDay, lockAssessment, pupilToChange, schoolTerms } from '../evidence/access';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { resolveTerm, type Term } from '../evidence/windows';
import { readValue, type SchemeValue } from './schemes';
import { matchSubject } from './subjects';

/**
 * A pupil's attainment in a subject in an assessment window, in the subject's scheme. One point per
 * pupil, subject and window: recording again in the same window corrects it (audited with what it
 * was). The key teacher records for their own pupils; the SENCO and admins for any.
 */
export const assessmentInputSchema = z.strictObject({
  /** The subject's key or name ("reading", "Maths"). */
  subject: z.string().trim().min(1).max(60),
  /** The term: its name ("Autumn 2026"), a date in it, or a season and year. */
  window: z.string().trim().min(1).max(60),
  /** The step as the scheme names it, or a score. */
  value: z.union([z.string().trim().min(1).max(60), z.number()]).transform(String),
  /** Marks the pupil's starting point in the subject. Left out: as before (new points are not). */
  baseline: z.boolean().optional(),
});
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

export type SubjectWithScheme = AssessmentSubject & { scheme: AssessmentScheme };

export interface PointView {
  id: string;
  pupilId: string;
  subject: string;
  window: { name: string; startsOn: IsoDate };
  step: string | null;
  score: number | null;
  baseline: boolean;
  source: EvidenceSource;
  recordedAt: string;
}

export const pointView = (pt: AssessmentPoint, subjectKey: string): PointView => ({
  id: pt.id,
  pupilId: pt.pupilId,
  subject: subjectKey,
  window: { name: pt.windowName, startsOn: isoDay(pt.windowStartsOn) },
  step: pt.step,
  score: pt.score,
  baseline: pt.baseline,
  source: pt.source,
  recordedAt: pt.recordedAt.toISOString(),
});

export const subjectsWithSchemes = (tx: Tx, schoolId: string): Promise<SubjectWithScheme[]> =>
  tx.assessmentSubject.findMany({ where: { schoolId }, include: { scheme: true }, orderBy: { key: 'asc' } });

/** Why a subject, value or window cannot be recorded, or what to record. Shared with the import. */
export type Reading = { subject: SubjectWithScheme; value: SchemeValue; term: Term } | { problem: { field: 'subject' | 'value' | 'window'; code: string; message: string } };

export function readAssessment(subjects: SubjectWithScheme[], terms: Term[], today: IsoDate, cell: { subject: string; window: string; value: string }): Reading {
  const subject = matchSubject(subjects, cell.subject);
  if (!subject) {
    const known = subjects.length ? `its subjects are ${subjects.map((s) => s.key).join(', ')}` : 'no subject has a scheme chosen yet';
    return { problem: { field: 'subject', code: 'unknown_subject', message: `"${cell.subject}" is not a subject the school assesses (${known})` } };
  }
  const value = readValue(subject.scheme, cell.value);
  if ('error' in value) return { problem: { field: 'value', code: 'not_in_scheme', message: `${value.error}, ${subject.name} is assessed in ${subject.scheme.name}` } };
  const window = resolveTerm(terms, cell.window);
  if ('error' in window) return { problem: { field: 'window', code: 'unknown_window', message: window.error } };
  if (window.term.startsOn > today) return { problem: { field: 'window', code: 'window_not_started', message: `${window.term.name} has not started yet` } };
  return { subject, value: value.value, term: window.term };
}

export type Outcome = 'recorded' | 'corrected' | 'unchanged';

export async function recordAssessment(op: UseCaseDeps, p: Principal, pupilId: string, input: AssessmentInput): Promise<{ outcome: Outcome; point: PointView }> {
  return inTransaction(op, async (tx) => {
    const pupil = await pupilToChange(tx, p, pupilId);
    await lockAssessment(tx, pupil.schoolId, 'use');
    const { today, terms } = await schoolTerms(tx, pupil.schoolId, op.clock);
    const reading = readAssessment(await subjectsWithSchemes(tx, pupil.schoolId), terms, today, input);
    if ('problem' in reading) throw invalid(reading.problem.code, reading.problem.message);
    const { subject, value, term } = reading;
    const key = { pupilId_subjectId_windowStartsOn: { pupilId, subjectId: subject.id, windowStartsOn: dayOf(term.startsOn) } };
    const before = await tx.assessmentPoint.findUnique({ where: key });
    const desired = { schemeId: subject.schemeId, windowName: term.name, step: value.step, score: value.score, baseline: input.baseline ?? before?.baseline ?? false };
    const recorded = { source: 'STAFF' as const, recordedById: staffIdOf(actorOf(p)), recordedAt: op.clock.now() };
    const audit = (action: string, entityId: string, change: { before?: unknown; after: unknown }) =>
      recordAudit(tx, actorOf(p), { schoolId: pupil.schoolId, action, entityType: 'AssessmentPoint', entityId, ...change });
    if (!before) {
      const point = await tx.assessmentPoint.create({ data: { pupilId, subjectId: subject.id, windowStartsOn: dayOf(term.startsOn), ...desired, ...recorded } });
      await audit('assessmentPoint.record', point.id, { after: { pupilId, subject: subject.key, window: term.name, step: value.step, score: value.score, baseline: desired.baseline } });
      return { outcome: 'recorded', point: pointView(point, subject.key) };
    }
    const diff = changedFields({ schemeId: before.schemeId, windowName: before.windowName, step: before.step, score: before.score, baseline: before.baseline }, desired);
    if (Object.keys(diff.after).length === 0) return { outcome: 'unchanged', point: pointView(before, subject.key) };
    const point = await tx.assessmentPoint.update({ where: { id: before.id }, data: { ...diff.after, ...recorded } });
    await audit('assessmentPoint.correct', point.id, { before: { pupilId, ...diff.before }, after: { pupilId, ...diff.after } });
    return { outcome: 'corrected', point: pointView(point, subject.key) };
  });
}
