import type { Tx } from '../db/transaction';
import { canAdministerSchool, seesWholeSchool, type Principal } from '../domain/access';
import { pupilFor } from '../pupils/access';
import { forbidden, notFound } from '../domain/errors';
import { localDate, type IsoDate } from '../domain/schoolCalendar';
import type { Clock } from '../runtime/clock';
import type { Term } from './windows';

/**
 * The role rules of the evidence use cases, applied inside their transaction. A pupil the caller may
 * not see is "not found" (they may not learn it exists); one they may see but not change is forbidden.
 * School-wide work (schemes, imports, the whole school's attendance) is for admins and the SENCO.
 */
export interface PupilRef {
  id: string;
  schoolId: string;
  keyTeacherId: string | null;
}

/** A pupil whose evidence the caller may read (pupils/access.ts's rules). */
export const pupilToRead = (tx: Tx, p: Principal, pupilId: string): Promise<PupilRef> => pupilFor(tx, p, pupilId, 'view');

/** A pupil the caller may change; their record's changes are serialised (a double submit records once). */
export async function pupilToChange(tx: Tx, p: Principal, pupilId: string): Promise<PupilRef> {
  const pupil = await pupilFor(tx, p, pupilId, 'edit');
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`evidence:pupil:${pupilId}`}))`;
  return pupil;
}

/** Serialises a school's evidence imports and whole-school figures (two at once would both add the same rows). */
export async function lockSchoolEvidence(tx: Tx, schoolId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`evidence:${schoolId}`}))`;
}

async function schoolExists(tx: Tx, schoolId: string): Promise<void> {
  if (!(await tx.school.findUnique({ where: { id: schoolId }, select: { id: true } }))) throw notFound('School');
}

/** Admins and the SENCO run the school's assessment, imports and whole-school figures (and the API key). */
export async function schoolToRun(tx: Tx, p: Principal, schoolId: string, what: string): Promise<void> {
  await schoolExists(tx, schoolId);
  if (!canAdministerSchool(p, schoolId)) throw forbidden(`Only an admin or the SENCO of the school can ${what}`);
}

/** The school's figures: the SENCO, school leads and admins. */
export async function schoolToOversee(tx: Tx, p: Principal, schoolId: string): Promise<void> {
  await schoolExists(tx, schoolId);
  if (!seesWholeSchool(p, schoolId)) throw forbidden("Only the SENCO, school leads and admins see the whole school's evidence");
}

/** What every member of the school's staff may read (how the school assesses, not any pupil). */
export async function schoolOfStaff(tx: Tx, p: Principal, schoolId: string): Promise<void> {
  await schoolExists(tx, schoolId);
  if (p.kind === 'staff' && p.schoolId !== schoolId) throw forbidden('That is another school');
}

/** The school's day today and its terms, for windows and periods. */
export async function schoolTerms(tx: Tx, schoolId: string, clock: Clock): Promise<{ today: IsoDate; terms: Term[] }> {
  const school = await tx.school.findUniqueOrThrow({
    where: { id: schoolId },
    select: { timezone: true, terms: { select: { name: true, startsOn: true, endsOn: true }, orderBy: { startsOn: 'asc' } } },
  });
  return {
    today: localDate(clock.now(), school.timezone),
    terms: school.terms.map((t) => ({ name: t.name, startsOn: isoDay(t.startsOn), endsOn: isoDay(t.endsOn) })),
  };
}

/** Serialises changes to a school's schemes against the points and imports that read them. */
export async function lockAssessment(tx: Tx, schoolId: string, mode: 'change' | 'use'): Promise<void> {
  const key = `assessment:${schoolId}`;
  if (mode === 'change') await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
  else await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${key}))`;
}

/** Calendar dates as the database holds them (UTC midnight) and as the rules read them. */
export const isoDay = (d: Date): IsoDate => d.toISOString().slice(0, 10);
export const dayOf = (iso: IsoDate): Date => new Date(`${iso}T00:00:00.000Z`);
