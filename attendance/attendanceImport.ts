import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { changedFields } from '../audit/audit';
import { dayOf, isoDay } from '../evidence/access';
import { insertRows, RECORDED_COLUMNS } from '../db/bulkInsert';
import { PUPIL_KEY, PUPIL_KEY_COLUMNS, pupilKeyOf, type ImportKindSpec, type RowOutcome, type Written } from '../evidence/importFile';
import * as value from '../roster/values';
import { clashWith, daysIn, sessionsProblem, type Period } from './attendance';
import { periodOf } from './attendanceRecords';

/**
 * Attendance summaries as MIS attendance reports export them: UPN, the period (a term, or from and
 * to dates), sessions possible, and sessions attended, or the authorised and unauthorised absences
 * instead (attended is then possible minus both, as SIMS's summary reports give them). A percentage
 * column is ignored: it is worked out from the sessions.
 */
export const ATTENDANCE_COLUMNS = {
  ...PUPIL_KEY_COLUMNS,
  term: ['Term', 'Period', 'Window', 'Term Name'],
  from: ['From', 'From Date', 'Start Date', 'Date From', 'Period Start', 'Start'],
  to: ['To', 'To Date', 'End Date', 'Date To', 'Period End', 'End'],
  possible: ['Sessions Possible', 'Possible Sessions', 'Possible', 'Possible Marks', 'Possible Attendance', 'Total Possible'],
  attended: ['Sessions Attended', 'Attended Sessions', 'Attended', 'Present', 'Present Marks', 'Present Sessions', 'Sessions Present', 'Attendance Marks'],
  authorised: ['Authorised Absences', 'Authorised Absence', 'Authorised', 'Sessions Authorised', 'Authorised Sessions'],
  unauthorised: ['Unauthorised Absences', 'Unauthorised Absence', 'Unauthorised', 'Sessions Unauthorised', 'Unauthorised Sessions'],
} as const;

interface AttendanceRow {
  misId: string;
  term?: string;
  from?: string;
  to?: string;
  possible: number;
  attended: number;
}

const RECORD_COLUMNS = { id: 'uuid', pupilId: 'uuid', fromDate: 'date', toDate: 'date', sessionsPossible: 'int', sessionsAttended: 'int', ...RECORDED_COLUMNS } as const;

const sessions = z.string().transform((v, ctx) => {
  if (/^\d{1,4}$/.test(v)) return Number(v);
  ctx.addIssue({ code: 'custom', message: `"${v}" is not a number of sessions (a whole number, 0 or more)` });
  return z.NEVER;
});

export const attendanceImport: ImportKindSpec<typeof ATTENDANCE_COLUMNS, AttendanceRow> = {
  kind: 'attendance',
  columns: ATTENDANCE_COLUMNS,
  required: [PUPIL_KEY, ['term', 'from'], ['possible'], ['attended', 'authorised']],
  read(r) {
    const misId = pupilKeyOf(r);
    // Dates are the more exact: a file with both uses them.
    const byDates = r.has('from') && (r.text('from') !== undefined || !r.has('term'));
    const from = byDates ? r.required('from', value.date, 'missing the first day of the period') : undefined;
    const to = byDates ? r.required('to', value.date, 'missing the last day of the period') : undefined;
    const term = byDates ? undefined : r.required('term', z.string(), 'missing term');
    const possible = r.required('possible', sessions, 'missing sessions possible');
    let attended: number | undefined;
    if (r.has('attended')) attended = r.required('attended', sessions, 'missing sessions attended');
    else {
      const authorised = r.required('authorised', sessions, 'missing authorised absences');
      const unauthorised = r.required('unauthorised', sessions, 'missing unauthorised absences');
      if (possible !== undefined && authorised !== undefined && unauthorised !== undefined) attended = possible - authorised - unauthorised;
    }
    if (!misId || possible === undefined || attended === undefined || (byDates ? !from || !to : !term)) return undefined;
    return { misId, term, from, to, possible, attended };
  },
  async write({ tx, rows, terms, now, recordedById, source, reject }): Promise<Written> {
    const held = await tx.attendanceRecord.findMany({ where: { pupilId: { in: [...new Set(rows.map((r) => r.pupilId))] } } });
    const periods = new Map<string, (Period & { row?: number })[]>();
    for (const h of held) periods.set(h.pupilId, [...(periods.get(h.pupilId) ?? []), { from: isoDay(h.fromDate), to: isoDay(h.toDate) }]);
    const byKey = new Map(held.map((h) => [`${h.pupilId}|${isoDay(h.fromDate)}`, h]));
    const outcomes: RowOutcome[] = [];
    const audits: Written['audits'] = [];
    const creates: { id: string; pupilId: string; fromDate: string; toDate: string; sessionsPossible: number; sessionsAttended: number; source: 'IMPORT' | 'MIS'; recordedById: string | null; recordedAt: string }[] = [];
    const recorded = { source, recordedById, recordedAt: now };
    for (const { row, record, pupilId } of rows) {
      const found = periodOf(terms, record);
      if (!('period' in found)) {
        reject(row, found.field, found.message);
        continue;
      }
      const { period } = found;
      const problem = sessionsProblem({ possible: record.possible, attended: record.attended }, daysIn(period));
      if (problem) {
        reject(row, record.attended > record.possible ? 'attended' : 'possible', problem);
        continue;
      }
      const pupilPeriods = periods.get(pupilId) ?? [];
      const sameRow = pupilPeriods.find((p) => p.from === period.from && p.row !== undefined);
      if (sameRow) {
        reject(row, record.term ? 'term' : 'from', `is the same pupil and period as row ${sameRow.row}`);
        continue;
      }
      const clash = clashWith(pupilPeriods, period);
      if (clash) {
        const where = clash.row !== undefined ? `row ${clash.row}` : 'the attendance already recorded';
        reject(row, record.term ? 'term' : 'from', `${period.from} to ${period.to} overlaps ${clash.from} to ${clash.to} (${where}): give each period once`);
        continue;
      }
      periods.set(pupilId, [...pupilPeriods.filter((p) => p.from !== period.from), { ...period, row }]);
      const before = byKey.get(`${pupilId}|${period.from}`);
      const desired = { to: period.to, sessionsPossible: record.possible, sessionsAttended: record.attended };
      if (!before) {
        creates.push({ id: randomUUID(), pupilId, fromDate: period.from, toDate: period.to, sessionsPossible: record.possible, sessionsAttended: record.attended, ...recorded, recordedAt: now.toISOString() });
        outcomes.push('imported');
        continue;
      }
      const diff = changedFields({ to: isoDay(before.toDate), sessionsPossible: before.sessionsPossible, sessionsAttended: before.sessionsAttended }, desired);
      if (Object.keys(diff.after).length === 0) {
        outcomes.push('unchanged');
        continue;
      }
      await tx.attendanceRecord.update({ where: { id: before.id }, data: { toDate: dayOf(period.to), sessionsPossible: record.possible, sessionsAttended: record.attended, ...recorded } });
      audits.push({ action: 'attendance.correct', entityType: 'AttendanceRecord', entityId: before.id, before: { pupilId, from: period.from, ...diff.before }, after: { pupilId, from: period.from, ...diff.after } });
      outcomes.push('updated');
    }
    await insertRows(tx, 'AttendanceRecord', RECORD_COLUMNS, creates);
    for (const r of creates) {
      audits.push({ action: 'attendance.record', entityType: 'AttendanceRecord', entityId: r.id, after: { pupilId: r.pupilId, from: r.fromDate, to: r.toDate, sessionsPossible: r.sessionsPossible, sessionsAttended: r.sessionsAttended } });
    }
    return { outcomes, audits };
  },
};
