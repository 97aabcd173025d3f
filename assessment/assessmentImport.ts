import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { changedFields } from '../audit/audit';
import { isoDay } from '../evidence/access';
import { insertRows, RECORDED_COLUMNS } from '../db/bulkInsert';
import { PUPIL_KEY, PUPIL_KEY_COLUMNS, pupilKeyOf, type ImportKindSpec, type RowOutcome, type Written } from '../evidence/importFile';
import * as value from '../roster/values';
import { readAssessment, subjectsWithSchemes } from './assessmentPoints';

/**
 * Assessments as MIS marksheets export them, one row per pupil, subject and window: UPN, subject
 * (or aspect), window (a term name, a date in it, or "Autumn 2026"), the value in the subject's
 * scheme, and optionally whether it is the pupil's baseline.
 */
export const ASSESSMENT_COLUMNS = {
  ...PUPIL_KEY_COLUMNS,
  subject: ['Subject', 'Aspect', 'Assessment', 'Subject Name', 'Component'],
  window: ['Window', 'Term', 'Assessment Window', 'Result Set', 'Assessment Point', 'Assessment Period', 'Data Drop', 'Collection Point', 'Assessment Date', 'Date'],
  value: ['Value', 'Result', 'Grade', 'Judgement', 'Outcome', 'Step', 'Score', 'Standardised Score', 'Mark'],
  baseline: ['Baseline', 'Starting Point', 'Is Baseline'],
} as const;

interface AssessmentRow {
  misId: string;
  subject: string;
  window: string;
  value: string;
  baseline?: boolean;
}

const text = z.string();

interface NewPoint {
  id: string;
  pupilId: string;
  subjectId: string;
  schemeId: string;
  windowStartsOn: string;
  windowName: string;
  step: string | null;
  score: number | null;
  baseline: boolean;
  source: 'IMPORT' | 'MIS';
  recordedById: string | null;
  recordedAt: string;
}

const POINT_COLUMNS = { id: 'uuid', pupilId: 'uuid', subjectId: 'uuid', schemeId: 'uuid', windowStartsOn: 'date', windowName: 'text', step: 'text', score: 'int', baseline: 'boolean', ...RECORDED_COLUMNS } as const;

export const assessmentImport: ImportKindSpec<typeof ASSESSMENT_COLUMNS, AssessmentRow> = {
  kind: 'assessments',
  columns: ASSESSMENT_COLUMNS,
  required: [PUPIL_KEY, ['subject'], ['window'], ['value']],
  read(r) {
    const misId = pupilKeyOf(r);
    const subject = r.required('subject', text, 'missing subject');
    const window = r.required('window', text, 'missing window (the term)');
    const v = r.required('value', text, 'missing value');
    const baseline = r.optional('baseline', value.yesNo);
    if (!misId || !subject || !window || !v) return undefined;
    return { misId, subject, window, value: v, baseline };
  },
  async write({ tx, schoolId, rows, today, terms, now, recordedById, source, reject }): Promise<Written> {
    const subjects = await subjectsWithSchemes(tx, schoolId);
    const held = await tx.assessmentPoint.findMany({ where: { pupilId: { in: [...new Set(rows.map((r) => r.pupilId))] } } });
    const keyOf = (pupilId: string, subjectId: string, window: string) => `${pupilId}|${subjectId}|${window}`;
    const byKey = new Map(held.map((pt) => [keyOf(pt.pupilId, pt.subjectId, isoDay(pt.windowStartsOn)), pt]));
    const firstRow = new Map<string, number>();
    const outcomes: RowOutcome[] = [];
    const audits: Written['audits'] = [];
    const recorded = { source, recordedById, recordedAt: now };
    const creates: NewPoint[] = [];
    for (const { row, record, pupilId } of rows) {
      const reading = readAssessment(subjects, terms, today, record);
      if ('problem' in reading) {
        reject(row, reading.problem.field, reading.problem.message);
        continue;
      }
      const { subject, value: v, term } = reading;
      const key = keyOf(pupilId, subject.id, term.startsOn);
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        reject(row, 'window', `is the same assessment as row ${earlier} (${subject.name}, ${term.name})`);
        continue;
      }
      firstRow.set(key, row);
      const before = byKey.get(key);
      const desired = { schemeId: subject.schemeId, windowName: term.name, step: v.step, score: v.score, baseline: record.baseline ?? before?.baseline ?? false };
      if (!before) {
        creates.push({ id: randomUUID(), pupilId, subjectId: subject.id, windowStartsOn: term.startsOn, ...desired, ...recorded, recordedAt: now.toISOString() });
        outcomes.push('imported');
        continue;
      }
      const diff = changedFields({ schemeId: before.schemeId, windowName: before.windowName, step: before.step, score: before.score, baseline: before.baseline }, desired);
      if (Object.keys(diff.after).length === 0) {
        outcomes.push('unchanged');
        continue;
      }
      await tx.assessmentPoint.update({ where: { id: before.id }, data: { ...diff.after, ...recorded } });
      audits.push({ action: 'assessmentPoint.correct', entityType: 'AssessmentPoint', entityId: before.id, before: { pupilId, ...diff.before }, after: { pupilId, ...diff.after } });
      outcomes.push('updated');
    }
    const keyOfSubject = new Map(subjects.map((s) => [s.id, s.key]));
    await insertRows(tx, 'AssessmentPoint', POINT_COLUMNS, creates);
    for (const pt of creates) {
      audits.push({
        action: 'assessmentPoint.record',
        entityType: 'AssessmentPoint',
        entityId: pt.id,
        after: { pupilId: pt.pupilId, subject: keyOfSubject.get(pt.subjectId), window: pt.windowName, step: pt.step, score: pt.score, baseline: pt.baseline },
      });
    }
    return { outcomes, audits };
  },
};
