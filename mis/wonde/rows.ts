import type { PrimaryNeed, SenStatus, StaffRole } from '../../generated/prisma/client';
import { CONTACT_FIELDS, PUPIL_COLUMNS, STAFF_COLUMNS, type ContactField } from '../../roster/columns';
import type { Row } from '../../roster/rows';
import * as value from '../../roster/values';
import { calendarDate, type WondeContact, type WondeEmployee, type WondeGroup, type WondeClass, type WondeStudent } from './shapes';

/**
 * Wonde's records as the rows of a register export: each row keyed by the headers the register
 * import reads (the first header of each field in roster/columns.ts), so a sync goes through the
 * import's own validation, matching, audit and leaving rules, exactly as a CSV file would. Pure:
 * what we already hold comes in as arguments.
 *
 * What is dropped: Wonde's ids (kept apart, in MisRecord), middle names, titles, gender, dates of
 * birth, addresses, emails and other phones of contacts, contacts past the first two with a
 * mobile, and every other field of the pupil's record; nothing of pupils who are not kept.
 */
export type { Row };

const pupilHeader = (field: keyof typeof PUPIL_COLUMNS): string => PUPIL_COLUMNS[field][0];
const staffHeader = (field: keyof typeof STAFF_COLUMNS): string => STAFF_COLUMNS[field][0];
/** "Contact 2 Mobile": a contact's field headed as the register import numbers them. */
const contactHeader = (n: number, field: ContactField): string => `Contact ${n} ${CONTACT_FIELDS[field][0]}`;
/** The pupil's key, whichever the school chose (UPN or admission number), under the header the import keys on. */
export const MIS_ID_HEADER = pupilHeader('upn');
export const LEAVING_HEADER = pupilHeader('leftOn');

export interface StaffRoleMapping {
  /** A role as the MIS names it (Wonde's employee roles), compared without case. */
  misRole: string;
  roles: StaffRole[];
}

export interface SyncSettings {
  pupilKey: 'UPN' | 'ADMISSION_NUMBER';
  keyTeacherSource: 'REGISTRATION_GROUP' | 'CLASS' | 'FIELD';
  keyTeacherField?: string | null;
  staffRoles: StaffRoleMapping[];
}

/** What we hold of a pupil, for the values Wonde does not give (a scope the school withheld). */
export interface HeldPupil {
  senStatus: SenStatus;
  primaryNeed: PrimaryNeed | null;
  secondaryNeed: PrimaryNeed | null;
  lookedAfter: boolean;
  keyTeacherEmail: string | null;
  /** YYYY-MM-DD the pupil left the SEN register (their latest change to NOT_ON_REGISTER). */
  leftRegisterOn?: string;
}

/** The includes a student is read with: what the rows need, nothing more. */
export function studentIncludes(settings: SyncSettings): string[] {
  return ['education_details', 'extended_details', 'sen_needs', 'year', ...(settings.keyTeacherSource === 'CLASS' ? ['classes'] : ['groups'])];
}
export const CONTACT_INCLUDES = ['contacts', 'contacts.contact_details'];

/** The pupil's key in the register: their UPN, or the admission number the school's files use. */
export function misIdOf(student: WondeStudent, settings: SyncSettings): string | undefined {
  const details = student.education_details?.data;
  const id = settings.pupilKey === 'UPN' ? details?.upn : details?.admission_number;
  return id?.trim() ? value.misIdKey(id.trim()) : undefined;
}

/** The SEN status Wonde gives, as the import reads it; undefined when the scope is withheld. */
export function senStatusOf(student: WondeStudent): { text: string; status?: SenStatus } | undefined {
  const text = student.extended_details?.data.sen_status?.trim();
  if (!text) return undefined;
  const parsed = value.senStatus.safeParse(text);
  return { text, status: parsed.success ? parsed.data : undefined };
}

const REGISTER_WINDOW_YEARS = 2;

/**
 * Pupils the product keeps: on the SEN register, or held and within two years of leaving it (the
 * cohort is followed after it leaves the register). An SEN status the import cannot read is kept
 * so that its row is rejected with the import's reason rather than silently skipped.
 */
export function keeps(student: WondeStudent, held: HeldPupil | undefined, today: string): boolean {
  const sen = senStatusOf(student);
  if (sen && sen.status !== 'NOT_ON_REGISTER') return true;
  return held !== undefined && keepsHeld(held, today);
}

/** A pupil we hold is kept while on the register here, or within two years of leaving it. */
export function keepsHeld(held: HeldPupil, today: string): boolean {
  if (held.senStatus !== 'NOT_ON_REGISTER') return true;
  if (!held.leftRegisterOn) return false;
  const until = `${Number(held.leftRegisterOn.slice(0, 4)) + REGISTER_WINDOW_YEARS}${held.leftRegisterOn.slice(4)}`;
  return today <= until;
}

const mobileOf = (c: WondeContact): string | undefined => c.contact_details?.data.phones?.mobile?.trim() || undefined;
const nameOf = (p: { forename?: string | null; legal_forename?: string | null; surname?: string | null; legal_surname?: string | null }): string =>
  [p.forename ?? p.legal_forename, p.surname ?? p.legal_surname].filter((s) => s?.trim()).join(' ');
const priorityOf = (c: WondeContact): number => {
  const p = Number(c.relationship?.priority);
  return Number.isFinite(p) ? p : Number.MAX_SAFE_INTEGER;
};
/** The same number written two ways is one contact: compared by its digits. */
const digits = (mobile: string): string => mobile.replace(/\D/g, '').replace(/^44/, '0');

/** The pupil's contacts the register row carries: those with a mobile, in the MIS's priority order, the first two. */
export function rowContacts(contacts: WondeContact[]): WondeContact[] {
  const seen = new Set<string>();
  return [...contacts]
    .filter((c) => mobileOf(c))
    .sort((a, b) => priorityOf(a) - priorityOf(b))
    .filter((c) => {
      const d = digits(mobileOf(c)!);
      if (seen.has(d)) return false;
      seen.add(d);
      return true;
    })
    .slice(0, 2);
}

/** A number as the import stores it (E.164), to know whether we hold the contact already. */
export function storedMobile(c: WondeContact): string | undefined {
  const m = mobileOf(c);
  const parsed = m ? value.mobile.safeParse(m) : undefined;
  return parsed?.success ? parsed.data : undefined;
}

const yesNo = (v: boolean | null | undefined): string => (v === undefined || v === null ? '' : v ? 'Yes' : 'No');

export interface PupilRowInput {
  student: WondeStudent;
  contacts: WondeContact[];
  /** The key teacher's email from the MIS, if it names one. */
  keyTeacherEmail?: string;
  held?: HeldPupil;
  /** Mobiles (E.164) of contacts we hold: their language is theirs to keep, not the MIS's to set. */
  heldMobiles: Set<string>;
  settings: SyncSettings;
}

export function pupilRow({ student, contacts, keyTeacherEmail, held, heldMobiles, settings }: PupilRowInput): Row {
  const ext = student.extended_details?.data;
  const needs = student.sen_needs
    ? [...student.sen_needs.data]
        .filter((n) => n.type && n.type.toUpperCase() !== 'NSA')
        .sort((a, b) => Number(a.rank ?? 99) - Number(b.rank ?? 99))
        .map((n) => n.type!)
    : undefined;
  // The MIS's home-language code or name as it is: the register import reads census codes (messaging/languages.ts).
  const language = ext?.first_language?.trim() ?? '';
  const row: Row = {
    [MIS_ID_HEADER]: misIdOf(student, settings) ?? '',
    [pupilHeader('firstName')]: student.forename ?? student.legal_forename ?? '',
    [pupilHeader('lastName')]: student.surname ?? student.legal_surname ?? '',
    [pupilHeader('yearGroup')]: student.year?.data.code ?? student.year?.data.name ?? '',
    [pupilHeader('senStatus')]: senStatusOf(student)?.text ?? held?.senStatus ?? '',
    // No sen_needs include (a withheld scope): what we hold stays; an empty list means no need recorded.
    [pupilHeader('primaryNeed')]: needs ? (needs[0] ?? '') : (held?.primaryNeed ?? ''),
    [pupilHeader('secondaryNeed')]: needs ? (needs[1] ?? '') : (held?.secondaryNeed ?? ''),
    [pupilHeader('lookedAfter')]: ext?.in_lea_care === null || ext?.in_lea_care === undefined ? yesNo(held?.lookedAfter) : yesNo(ext.in_lea_care),
    // A pupil whose form has no tutor in the MIS keeps the key teacher they have.
    [pupilHeader('keyTeacherEmail')]: keyTeacherEmail ?? held?.keyTeacherEmail ?? '',
    [pupilHeader('leftOn')]: calendarDate(student.education_details?.data.leaving_date) ?? '',
  };
  const chosen = rowContacts(contacts);
  ([1, 2] as const).forEach((n, i) => {
    const c = chosen[i];
    const rel = c?.relationship;
    const relationship = rel?.relationship?.trim();
    row[contactHeader(n, 'Name')] = c ? nameOf(c) || 'Parent or carer' : '';
    row[contactHeader(n, 'Mobile')] = c ? mobileOf(c)! : '';
    row[contactHeader(n, 'Relationship')] = !c || !relationship ? '' : value.relationship.safeParse(relationship).success ? relationship : 'Other';
    row[contactHeader(n, 'Language')] = c && !heldMobiles.has(storedMobile(c) ?? '') ? language : '';
    row[contactHeader(n, 'ParentalResponsibility')] = c ? yesNo(rel?.parental_responsibility) : '';
  });
  return row;
}

/** A row for a pupil Wonde no longer lists (a deletion): what we hold, with the day they left. */
export function leaverRow(held: { misId: string; firstName: string; lastName: string; yearGroup: number; contacts: { name: string; mobile: string; relationship: string; parentalResponsibility: boolean }[] } & HeldPupil, leftOn: string): Row {
  const row: Row = {
    [MIS_ID_HEADER]: held.misId,
    [pupilHeader('firstName')]: held.firstName,
    [pupilHeader('lastName')]: held.lastName,
    [pupilHeader('yearGroup')]: String(held.yearGroup),
    [pupilHeader('senStatus')]: held.senStatus,
    [pupilHeader('primaryNeed')]: held.primaryNeed ?? '',
    [pupilHeader('secondaryNeed')]: held.secondaryNeed ?? '',
    [pupilHeader('lookedAfter')]: yesNo(held.lookedAfter),
    [pupilHeader('keyTeacherEmail')]: held.keyTeacherEmail ?? '',
    [pupilHeader('leftOn')]: leftOn,
  };
  ([1, 2] as const).forEach((n, i) => {
    const c = held.contacts[i];
    row[contactHeader(n, 'Name')] = c?.name ?? '';
    row[contactHeader(n, 'Mobile')] = c?.mobile ?? '';
    row[contactHeader(n, 'Relationship')] = c?.relationship ?? '';
    row[contactHeader(n, 'Language')] = '';
    row[contactHeader(n, 'ParentalResponsibility')] = c ? yesNo(c.parentalResponsibility) : '';
  });
  return row;
}

/** An employee's work email, as staff are matched on it. */
export function emailOf(e: WondeEmployee): string | undefined {
  const emails = e.contact_details?.data.emails;
  const email = (emails?.work ?? emails?.email ?? emails?.primary)?.trim().toLowerCase();
  return email || undefined;
}

/** The roles the school's mapping gives an employee from the roles the MIS holds for them. */
export function mappedRoles(e: WondeEmployee, mapping: StaffRoleMapping[]): StaffRole[] {
  const held = new Set((e.roles?.data ?? []).map((r) => r.role?.trim().toLowerCase()).filter(Boolean));
  return [...new Set(mapping.filter((m) => held.has(m.misRole.trim().toLowerCase())).flatMap((m) => m.roles))];
}

/**
 * A member of staff's row. Roles are added, never taken away: the roles they hold here stay (an
 * admin who is also a form tutor keeps being an admin), so a sync never removes what a teacher has.
 */
export function staffRow(e: WondeEmployee, roles: StaffRole[], heldRoles: StaffRole[] = []): Row {
  return {
    [staffHeader('displayName')]: nameOf(e),
    [staffHeader('email')]: emailOf(e) ?? '',
    [staffHeader('roles')]: [...new Set([...heldRoles, ...roles])].join('; '),
  };
}

export interface Teachers {
  /** Employees of each group or class, in the MIS's order. */
  employeesOf: Map<string, string[]>;
  employees: Map<string, WondeEmployee>;
}

/** Wonde's groups or classes as who teaches each. */
export function teachersOf(units: (WondeGroup | WondeClass)[], employees: WondeEmployee[]): Teachers {
  return {
    employeesOf: new Map(units.map((u) => [u.id, (u.employees?.data ?? []).map((e) => e.id)])),
    employees: new Map(employees.map((e) => [e.id, e])),
  };
}

/** The group or class a student's key teacher comes from (REGISTRATION_GROUP or CLASS). */
export function keyUnitOf(student: WondeStudent, settings: SyncSettings, teachers: Teachers): string | undefined {
  if (settings.keyTeacherSource === 'CLASS') return student.classes?.data.find((c) => teachers.employeesOf.get(c.id)?.length)?.id ?? student.classes?.data[0]?.id;
  if (settings.keyTeacherSource === 'REGISTRATION_GROUP') return student.groups?.data.find((g) => g.type?.toUpperCase() === 'REGISTRATION')?.id;
  return undefined;
}

/** The employee a unit's key teacher is: its first teacher with a work email. */
export function unitTeacher(unitId: string | undefined, teachers: Teachers): WondeEmployee | undefined {
  if (!unitId) return undefined;
  return (teachers.employeesOf.get(unitId) ?? []).map((id) => teachers.employees.get(id)).find((e): e is WondeEmployee => Boolean(e && emailOf(e)));
}

/** With FIELD: the employee a field of the student's record names, by Wonde id or email. */
export function fieldTeacher(student: WondeStudent, path: string, teachers: Teachers): WondeEmployee | undefined {
  let at: unknown = student;
  for (const part of path.split('.')) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  if (typeof at !== 'string' || !at.trim()) return undefined;
  const wanted = at.trim().toLowerCase();
  return teachers.employees.get(at.trim()) ?? [...teachers.employees.values()].find((e) => emailOf(e) === wanted);
}

export function keyTeacherOf(student: WondeStudent, settings: SyncSettings, teachers: Teachers): { employee?: WondeEmployee; unitId?: string } {
  if (settings.keyTeacherSource === 'FIELD') return { employee: settings.keyTeacherField ? fieldTeacher(student, settings.keyTeacherField, teachers) : undefined };
  const unitId = keyUnitOf(student, settings, teachers);
  return { employee: unitTeacher(unitId, teachers), unitId };
}
