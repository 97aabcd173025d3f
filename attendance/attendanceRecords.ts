import { z } from 'zod';
import type { AttendanceRecord, SchoolAttendance } from '../generated/prisma/client';
import { actorOf, changedFields, recordAudit, staffIdOf } from '../audit/audit';
import type { Principal } from '../domain/access';
import { conflict, invalid } from '../domain/errors';
import { dayOf, isoDay, lockSchoolEvidence, pupilToChange, schoolTerms, schoolToRun } from '../evidence/access';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { resolveTerm, type Term } from '../evidence/windows';
import { attendancePercent, clashWith, daysIn, persistentlyAbsent, sessionsProblem, type Period } from './attendance';

/**
 * A pupil's sessions possible and attended over a term or any date range (the key teacher for their
 * own pupils, the SENCO and admins for any), and the whole school's attendance for comparison
 * (admins and the SENCO). Recording the same first day again corrects the record.
 */
const isoDate = z.iso.date();

/** A term by name (or a date in it), or a date range. */
const periodFields = { term: z.string().trim().min(1).max(60).optional(), from: isoDate.optional(), to: isoDate.optional() };
const onePeriod = <T extends { term?: string; from?: string; to?: string }>(p: T): boolean => (p.term !== undefined) !== (p.from !== undefined && p.to !== undefined) && (p.from === undefined) === (p.to === undefined);
const PERIOD = { message: 'give either a term, or from and to dates' };

export const attendanceInputSchema = z
  .strictObject({ ...periodFields, sessionsPossible: z.int().min(0), sessionsAttended: z.int().min(0) })
  .refine(onePeriod, PERIOD);
export type AttendanceInput = z.infer<typeof attendanceInputSchema>;

export const schoolAttendanceInputSchema = z
  .strictObject({ ...periodFields, percent: z.number().min(0).max(100) })
  .refine(onePeriod, PERIOD);
export type SchoolAttendanceInput = z.infer<typeof schoolAttendanceInputSchema>;

/** The period a term names or the dates give; shared with the import. */
export function periodOf(terms: Term[], given: { term?: string; from?: string; to?: string }): { period: Period } | { field: 'term' | 'to'; message: string } {
  if (given.term !== undefined) {
    const t = resolveTerm(terms, given.term);
    return 'error' in t ? { field: 'term', message: t.error } : { period: { from: t.term.startsOn, to: t.term.endsOn } };
  }
  if (given.to! < given.from!) return { field: 'to', message: `ends (${given.to}) before it starts (${given.from})` };
  return { period: { from: given.from!, to: given.to! } };
}

export interface AttendanceView extends Period {
  id: string;
  sessionsPossible: number;
  sessionsAttended: number;
  percent: number | null;
  persistentAbsence: boolean;
  source: AttendanceRecord['source'];
}

export const attendanceView = (r: AttendanceRecord): AttendanceView => {
  const s = { possible: r.sessionsPossible, attended: r.sessionsAttended };
  return { id: r.id, from: isoDay(r.fromDate), to: isoDay(r.toDate), sessionsPossible: r.sessionsPossible, sessionsAttended: r.sessionsAttended, percent: attendancePercent(s), persistentAbsence: persistentlyAbsent(s), source: r.source };
};

type Outcome = 'recorded' | 'corrected' | 'unchanged';

export async function recordAttendance(op: UseCaseDeps, p: Principal, pupilId: string, input: AttendanceInput): Promise<{ outcome: Outcome; record: AttendanceView }> {
  return inTransaction(op, async (tx) => {
    const pupil = await pupilToChange(tx, p, pupilId);
    const { terms } = await schoolTerms(tx, pupil.schoolId, op.clock);
    const found = periodOf(terms, input);
    if (!('period' in found)) throw invalid(found.field === 'term' ? 'unknown_term' : 'invalid_period', found.message);
    const { period } = found;
    const sessions = { possible: input.sessionsPossible, attended: input.sessionsAttended };
    const problem = sessionsProblem(sessions, daysIn(period));
    if (problem) throw invalid('invalid_sessions', problem);
    const held = (await tx.attendanceRecord.findMany({ where: { pupilId } })).map((r) => ({ ...r, from: isoDay(r.fromDate), to: isoDay(r.toDate) }));
    const clash = clashWith(held, period);
    if (clash) throw conflict('overlapping_attendance', `The pupil's attendance from ${clash.from} to ${clash.to} is already recorded, and overlaps ${period.from} to ${period.to}`, { from: clash.from, to: clash.to });
    const before = held.find((h) => h.from === period.from);
    const desired = { to: period.to, sessionsPossible: sessions.possible, sessionsAttended: sessions.attended };
    const recorded = { source: 'STAFF' as const, recordedById: staffIdOf(actorOf(p)), recordedAt: op.clock.now() };
    const audit = (action: string, entityId: string, change: { before?: unknown; after: unknown }) =>
      recordAudit(tx, actorOf(p), { schoolId: pupil.schoolId, action, entityType: 'AttendanceRecord', entityId, ...change });
    if (!before) {
      const record = await tx.attendanceRecord.create({ data: { pupilId, fromDate: dayOf(period.from), toDate: dayOf(period.to), sessionsPossible: sessions.possible, sessionsAttended: sessions.attended, ...recorded } });
      await audit('attendance.record', record.id, { after: { pupilId, from: period.from, ...desired } });
      return { outcome: 'recorded', record: attendanceView(record) };
    }
    const diff = changedFields({ to: before.to, sessionsPossible: before.sessionsPossible, sessionsAttended: before.sessionsAttended }, desired);
    if (Object.keys(diff.after).length === 0) return { outcome: 'unchanged', record: attendanceView(before) };
    const record = await tx.attendanceRecord.update({ where: { id: before.id }, data: { toDate: dayOf(period.to), sessionsPossible: sessions.possible, sessionsAttended: sessions.attended, ...recorded } });
    await audit('attendance.correct', record.id, { before: { pupilId, from: period.from, ...diff.before }, after: { pupilId, from: period.from, ...diff.after } });
    return { outcome: 'corrected', record: attendanceView(record) };
  });
}

export interface SchoolAttendanceView extends Period {
  percent: number;
}

const schoolAttendanceView = (r: SchoolAttendance): SchoolAttendanceView => ({ from: isoDay(r.fromDate), to: isoDay(r.toDate), percent: r.percent });

/** The whole school's attendance (every pupil, not only the SEN register), to one decimal place. */
export async function recordSchoolAttendance(op: UseCaseDeps, p: Principal, schoolId: string, input: SchoolAttendanceInput): Promise<{ outcome: Outcome; record: SchoolAttendanceView }> {
  return inTransaction(op, async (tx) => {
    await schoolToRun(tx, p, schoolId, "give the whole school's attendance");
    await lockSchoolEvidence(tx, schoolId);
    const { terms } = await schoolTerms(tx, schoolId, op.clock);
    const found = periodOf(terms, input);
    if (!('period' in found)) throw invalid(found.field === 'term' ? 'unknown_term' : 'invalid_period', found.message);
    const { period } = found;
    const percent = Math.round(input.percent * 10) / 10;
    const held = (await tx.schoolAttendance.findMany({ where: { schoolId } })).map((r) => ({ ...r, from: isoDay(r.fromDate), to: isoDay(r.toDate) }));
    const clash = clashWith(held, period);
    if (clash) throw conflict('overlapping_attendance', `The school's attendance from ${clash.from} to ${clash.to} is already given, and overlaps ${period.from} to ${period.to}`, { from: clash.from, to: clash.to });
    const before = held.find((h) => h.from === period.from);
    const recorded = { recordedById: staffIdOf(actorOf(p)), recordedAt: op.clock.now() };
    const audit = (entityId: string, change: { before?: unknown; after: unknown }) =>
      recordAudit(tx, actorOf(p), { schoolId, action: 'schoolAttendance.record', entityType: 'SchoolAttendance', entityId, ...change });
    if (!before) {
      const record = await tx.schoolAttendance.create({ data: { schoolId, fromDate: dayOf(period.from), toDate: dayOf(period.to), percent, ...recorded } });
      await audit(record.id, { after: { ...period, percent } });
      return { outcome: 'recorded', record: schoolAttendanceView(record) };
    }
    const diff = changedFields({ to: before.to, percent: before.percent }, { to: period.to, percent });
    if (Object.keys(diff.after).length === 0) return { outcome: 'unchanged', record: schoolAttendanceView(before) };
    const record = await tx.schoolAttendance.update({ where: { id: before.id }, data: { toDate: dayOf(period.to), percent, ...recorded } });
    await audit(record.id, diff);
    return { outcome: 'corrected', record: schoolAttendanceView(record) };
  });
}
