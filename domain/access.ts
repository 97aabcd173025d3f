import type { StaffRole } from '../generated/prisma/client';

/**
 * Role rules. A key teacher sees their own pupils; SENCO, school leads and admins see their school;
 * a script holding the API key sees every school it serves.
 */
export type Principal = (
  | { kind: 'apiKey'; label: string }
  | { kind: 'staff'; staffId: string; schoolId: string; roles: StaffRole[]; label: string }
) & {
  /** The HTTP request it came with, carried into the audit trail. */
  requestId?: string;
};

const SCHOOL_WIDE: StaffRole[] = ['SENCO', 'SCHOOL_LEAD', 'ADMIN'];

export function seesWholeSchool(p: Principal, schoolId: string): boolean {
  return p.kind === 'apiKey' || (p.schoolId === schoolId && p.roles.some((r) => SCHOOL_WIDE.includes(r)));
}

export function canViewPupil(p: Principal, pupil: { schoolId: string; keyTeacherId: string | null }): boolean {
  if (seesWholeSchool(p, pupil.schoolId)) return true;
  return p.kind === 'staff' && p.schoolId === pupil.schoolId && pupil.keyTeacherId === p.staffId;
}

/** What a member of staff reads when a pupil's record is not theirs to change (cards and API alike). */
export const EDIT_REFUSED = "Only the pupil's key teacher, the SENCO or an admin can do this.";

/** ...and whose record it is to see. */
export const VIEW_REFUSED = "Only the pupil's key teacher and the school's SENCO, leads and admins can see this record.";

/** Key teachers edit their own pupils' records; SENCOs and admins any in their school. */
export function canEditPupil(p: Principal, pupil: { schoolId: string; keyTeacherId: string | null }): boolean {
  if (p.kind === 'apiKey') return true;
  if (p.schoolId !== pupil.schoolId) return false;
  return pupil.keyTeacherId === p.staffId || p.roles.includes('SENCO') || p.roles.includes('ADMIN');
}

/** Rosters, school settings and staff lists: admins and SENCOs. */
export function canAdministerSchool(p: Principal, schoolId: string): boolean {
  return p.kind === 'apiKey' || (p.schoolId === schoolId && (p.roles.includes('ADMIN') || p.roles.includes('SENCO')));
}

/** The school's link to its MIS (connecting, syncing, disconnecting): its admins, and whoever runs the service. */
export function canManageMisConnection(p: Principal, schoolId: string): boolean {
  return p.kind === 'apiKey' || (p.schoolId === schoolId && p.roles.includes('ADMIN'));
}

/** Narrows a query to the pupils this principal may see. */
export function pupilScope(p: Principal): { schoolId?: string; keyTeacherId?: string } {
  if (p.kind === 'apiKey') return {};
  if (p.roles.some((r) => SCHOOL_WIDE.includes(r))) return { schoolId: p.schoolId };
  return { schoolId: p.schoolId, keyTeacherId: p.staffId };
}
