import { z } from 'zod';
import type { PrimaryNeed, Relationship, SenStatus } from '../generated/prisma/client';
import type { LanguageCode } from '../messaging/languages';
import { contactColumn, parseContactColumn, PUPIL_TABLE, type ContactColumn, type ContactField, type FieldOf } from './columns';
import { collectRows, readTable, requireColumns, type ParsedRoster, type ReadOptions, type RowReader, type TableSource } from './rows';
import * as value from './values';

/**
 * A parent or carer as one row of the SEN register lists them. Fields left blank in the file are
 * undefined: "not stated", so an import never overwrites what a parent told the school since
 * (language, consent) with nothing.
 */
export interface ContactRecord {
  name: string;
  mobile: string;
  relationship?: Relationship;
  /** BCP 47 code (messaging/languages.ts). */
  language?: LanguageCode;
  smsConsent?: boolean;
  parentalResponsibility?: boolean;
  /** The contact's number in the MIS's priority order (Contact 1, Contact 2, Priority 3 ...). */
  priority: number;
}

export interface PupilRecord {
  misId: string;
  firstName: string;
  lastName: string;
  yearGroup: number;
  senStatus: SenStatus;
  /** null: the file says no need is recorded; undefined: the file has no such column. */
  primaryNeed?: PrimaryNeed | null;
  secondaryNeed?: PrimaryNeed | null;
  lookedAfter?: boolean;
  keyTeacherEmail: string;
  /** YYYY-MM-DD. */
  onRegisterSince?: string;
  /** YYYY-MM-DD the pupil left the school; null: the file says they have not; undefined: no such column. */
  leftOn?: string | null;
  contacts: ContactRecord[];
}

type Field = FieldOf<typeof PUPIL_TABLE>;
type Reader = RowReader<Field>;

const text = z.string();
// MIS lookups print coded values as "code - description"; the language list is read the same way.
const language = value.codeOrDescription(value.language);

/** The priorities of the contacts this file has columns for, in order. */
function contactPriorities(r: Reader): number[] {
  const priorities = new Set(r.fields().flatMap((f) => parseContactColumn(f)?.priority ?? []));
  return [...priorities].sort((a, b) => a - b);
}

function contact(r: Reader, n: number, homeLanguage: LanguageCode | undefined): ContactRecord | undefined {
  const f = (field: ContactField): ContactColumn => contactColumn(n, field);
  // A full name, or forename and surname in two columns; an export with only a mobile column names the contact by their role.
  const named = r.has(f('Name')) || r.has(f('Forename')) || r.has(f('Surname'));
  const written = r.text(f('Name')) ?? ([r.text(f('Forename')), r.text(f('Surname'))].filter(Boolean).join(' ') || undefined);
  const name = named ? written : 'Parent or carer';
  const rawMobile = r.text(f('Mobile'));
  const details = (['Relationship', 'Language', 'SmsConsent', 'ParentalResponsibility'] as const).some((x) => r.text(f(x)) !== undefined);
  if (!written && !rawMobile && !details) return undefined;
  const nameColumn = r.has(f('Name')) || !r.has(f('Surname')) ? f('Name') : f('Surname');
  if (!name) r.reject(nameColumn, `missing the name of contact ${n}`);
  if (!rawMobile) r.reject(f('Mobile'), `missing the mobile number of contact ${n}`);
  const mobile = r.optional(f('Mobile'), value.mobile);
  const record = {
    relationship: r.optional(f('Relationship'), value.relationship),
    // The contact's own language, else the family's.
    language: r.optional(f('Language'), language) ?? homeLanguage,
    smsConsent: r.optional(f('SmsConsent'), value.yesNo),
    parentalResponsibility: r.optional(f('ParentalResponsibility'), value.yesNo),
  };
  if (!name || !mobile) return undefined;
  return { name, mobile, priority: n, ...record };
}

function contacts(r: Reader): ContactRecord[] {
  const homeLanguage = r.optional('homeLanguage', language);
  const found: ContactRecord[] = [];
  for (const n of contactPriorities(r)) {
    const c = contact(r, n, homeLanguage);
    if (!c) continue;
    const same = found.find((earlier) => earlier.mobile === c.mobile);
    if (same) r.reject(contactColumn(n, 'Mobile'), `is the same number as contact ${same.priority}`);
    else found.push(c);
  }
  return found;
}

/** The file's key for a pupil: the UPN when it has a UPN column, else the admission number. */
const idField = (r: { has(field: Field): boolean }): 'upn' | 'admissionNumber' => (r.has('upn') ? 'upn' : 'admissionNumber');

function pupil(r: Reader): PupilRecord | undefined {
  const id = idField(r);
  const misId = r.required(id, value.misId, id === 'upn' ? 'missing UPN' : 'missing admission number');
  // The name the child is known by, which texts to parents use, when the file gives one.
  const named = (preferred: Field, legal: Field, missing: string) => r.text(preferred) ?? r.required(r.has(legal) ? legal : preferred, text, missing);
  const firstName = named('preferredFirstName', 'firstName', 'missing first name');
  const lastName = named('preferredLastName', 'lastName', 'missing surname');
  const yearGroup = r.required('yearGroup', value.yearGroup, 'missing year group');
  const senStatus = r.required('senStatus', value.senStatus, 'missing SEN status');
  const primaryNeed = r.optional('primaryNeed', value.primaryNeed);
  const secondaryNeed = r.optional('secondaryNeed', value.primaryNeed);
  const lookedAfter = r.optional('lookedAfter', value.yesNo);
  const keyTeacherEmail = r.required('keyTeacherEmail', value.email, 'missing key teacher');
  const onRegisterSince = r.optional('onRegisterSince', value.date);
  const leftOn = r.optional('leftOn', value.date);
  const found = contacts(r);
  if (r.rejections.length > 0) return undefined;
  return {
    misId: misId!,
    firstName: firstName!,
    lastName: lastName!,
    yearGroup: yearGroup!,
    senStatus: senStatus!,
    // A present but blank column clears the value; an absent column leaves it alone.
    primaryNeed: r.has('primaryNeed') ? (primaryNeed ?? null) : undefined,
    secondaryNeed: r.has('secondaryNeed') ? (secondaryNeed ?? null) : undefined,
    lookedAfter: r.has('lookedAfter') ? (lookedAfter ?? false) : undefined,
    keyTeacherEmail: keyTeacherEmail!,
    onRegisterSince,
    leftOn: r.has('leftOn') ? (leftOn ?? null) : undefined,
    contacts: found,
  };
}

export interface ParsedPupils extends ParsedRoster<PupilRecord, Field> {
  /** The file lists contacts (a mobile column for any of them): a pupil's contacts are then exactly those on their row. */
  hasContacts: boolean;
  /**
   * The key teacher named on every row whose email could be read, imported or not: the import
   * checks each against the school's staff, so a rejected row's report lists that problem too.
   */
  keyTeachers: { row: number; email: string }[];
}

/** The pupils of an SEN register export: each valid row as a record, each invalid one as reasons. */
export function parsePupilRoster(source: TableSource, options: ReadOptions = {}): ParsedPupils {
  const table = readTable(source, PUPIL_TABLE, options);
  requireColumns(table.map, PUPIL_TABLE, [
    { fields: ['upn', 'admissionNumber'], label: 'UPN or admission number' },
    { fields: ['firstName', 'preferredFirstName'], label: 'first name' },
    { fields: ['lastName', 'preferredLastName'], label: 'surname' },
    { fields: ['yearGroup'], label: 'year group' },
    { fields: ['senStatus'], label: 'SEN status' },
    { fields: ['keyTeacherEmail'], label: "key teacher's email" },
  ]);
  const keyTeachers: ParsedPupils['keyTeachers'] = [];
  const parsed = collectRows(
    table,
    (r) => {
      const email = r.text('keyTeacherEmail');
      const read = email === undefined ? undefined : value.email.safeParse(email);
      if (read?.success) keyTeachers.push({ row: r.row, email: read.data });
      return pupil(r);
    },
    { field: idField({ has: (f) => table.map.index[f] !== undefined }), key: value.misIdKey, repeated: (id, row) => `pupil ${id} is already on row ${row}` },
  );
  const hasContacts = Object.keys(table.map.index).some((f) => parseContactColumn(f)?.field === 'Mobile');
  return { ...parsed, hasContacts, keyTeachers };
}
