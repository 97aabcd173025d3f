import type { OrganisationKind, StaffRole } from '../generated/prisma/client';
import { DomainError } from './errors';

/**
 * Role rules. A key teacher sees their own pupils; SENCO, school leads and admins see their school;
 * a script holding the API key sees every school it serves. Above the schools, a trust lead or a
 * local authority officer sees the figures of their organisation's schools and never a child's
 * record: every school-level rule below refuses them, by name, so a new kind of caller is never
 * let in by an "else".
 */
export type OrganisationRole = 'TRUST_LEAD' | 'LA_OFFICER';

export type Principal = (
  | { kind: 'apiKey'; label: string }
  | { kind: 'staff'; staffId: string; schoolId: string; roles: StaffRole[]; label: string }
  | { kind: 'organisation'; memberId: string; organisationId: string; role: OrganisationRole; label: string }
) & {
  /** The HTTP request it came with, carried into the audit trail. */
  requestId?: string;
};

/** Who acts inside a school: its staff, or a script with the API key. */
export type SchoolPrincipal = Exclude<Principal, { kind: 'organisation' }>;

/** A member of a trust is a trust lead; of a local authority, a local authority officer. */
export const roleInOrganisation = (kind: OrganisationKind): OrganisationRole => (kind === 'TRUST' ? 'TRUST_LEAD' : 'LA_OFFICER');

const SCHOOL_WIDE: StaffRole[] = ['SENCO', 'SCHOOL_LEAD', 'ADMIN'];

export function seesWholeSchool(p: Principal, schoolId: string): boolean {
  switch (p.kind) {
    case 'apiKey':
      return true;
    case 'staff':
      return p.schoolId === schoolId && p.roles.some((r) => SCHOOL_WIDE.includes(r));
    case 'organisation':
      return false;
  }
}

export function canViewPupil(p: Principal, pupil: { schoolId: string; keyTeacherId: string | null }): boolean {
  if (p.kind === 'organisation') return false;
  if (seesWholeSchool(p, pupil.schoolId)) return true;
  return p.kind === 'staff' && p.schoolId === pupil.schoolId && pupil.keyTeacherId === p.staffId;
}

/** What a member of staff reads when a pupil's record is not theirs to change (cards and API alike). */
export const EDIT_REFUSED = "Only the pupil's key teacher, the SENCO or an admin can do this.";

/** ...and whose record it is to see. */
export const VIEW_REFUSED = "Only the pupil's key teacher and the school's SENCO, leads and admins can see this record.";

/** What a trust lead or local authority officer reads at a school's door. */
export const ORGANISATION_REFUSED = "Trusts and local authorities see their schools' figures, never a child's record or a school's own work.";

/** Key teachers edit their own pupils' records; SENCOs and admins any in their school. */
export function canEditPupil(p: Principal, pupil: { schoolId: string; keyTeacherId: string | null }): boolean {
  switch (p.kind) {
    case 'apiKey':
      return true;
    case 'organisation':
      return false;
    case 'staff':
      if (p.schoolId !== pupil.schoolId) return false;
      return pupil.keyTeacherId === p.staffId || p.roles.includes('SENCO') || p.roles.includes('ADMIN');
  }
}

/** Rosters, school settings and staff lists: admins and SENCOs. */
export function canAdministerSchool(p: Principal, schoolId: string): boolean {
  switch (p.kind) {
    case 'apiKey':
      return true;
    case 'organisation':
      return false;
    case 'staff':
      return p.schoolId === schoolId && (p.roles.includes('ADMIN') || p.roles.includes('SENCO'));
  }
}

/** The school's link to its MIS (connecting, syncing, disconnecting): its admins, and whoever runs the service. */
export function canManageMisConnection(p: Principal, schoolId: string): boolean {
  return p.kind === 'apiKey' || (p.kind === 'staff' && p.schoolId === schoolId && p.roles.includes('ADMIN'));
}

/** A school's own caller, or the refusal a trust lead or local authority officer gets at a school's door. */
export function insideSchool(p: Principal): SchoolPrincipal {
  if (p.kind === 'organisation') throw new DomainError('forbidden', 'organisation_member', ORGANISATION_REFUSED);
  return p;
}

/** Narrows a query to the pupils this principal may see (a school's own callers only). */
export function pupilScope(p: SchoolPrincipal): { schoolId?: string; keyTeacherId?: string } {
  if (p.kind === 'apiKey') return {};
  if (p.roles.some((r) => SCHOOL_WIDE.includes(r))) return { schoolId: p.schoolId };
  return { schoolId: p.schoolId, keyTeacherId: p.staffId };
}

/** The organisations a school belongs to (at most one trust and one local authority). */
export interface SchoolOrganisations {
  id: string;
  trustId: string | null;
  localAuthorityId: string | null;
}

/** A trust lead or local authority officer over this school: it belongs to their organisation now. */
export function overseesSchool(p: Principal, school: SchoolOrganisations): boolean {
  return p.kind === 'organisation' && (school.trustId === p.organisationId || school.localAuthorityId === p.organisationId);
}

/**
 * A school's figures (counts, rates and trends: the digest's, the termly evaluation, the gap
 * analysis): its SENCO, leads and admins, the API key, and the organisations it belongs to.
 * Figures that leave the school have small numbers suppressed (`figuresLeaveSchool`).
 */
export function canViewSchoolFigures(p: Principal, school: SchoolOrganisations): boolean {
  return seesWholeSchool(p, school.id) || overseesSchool(p, school);
}

/** Figures read outside the school (by a trust or local authority) show no number under five. */
export const figuresLeaveSchool = (p: Principal): boolean => p.kind === 'organisation';

/** An organisation's figures and defaults: its own members, and the API key. */
export function canViewOrganisation(p: Principal, organisationId: string): boolean {
  return p.kind === 'apiKey' || (p.kind === 'organisation' && p.organisationId === organisationId);
}

/** Organisation-wide defaults and the baseline: its members (trust leads, local authority officers) and the API key. */
export const canSetOrganisationDefaults = canViewOrganisation;
