import { z } from 'zod';
import type { PrimaryNeed, Relationship, SenStatus } from '../generated/prisma/client';
import type { LanguageCode } from '../messaging/languages';
import { PUPIL_COLUMNS } from './columns';
import { collectRows, readTable, requireColumns, type ParsedRoster, type ReadOptions, type RowReader } from './rows';
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
  /** 1 or 2: the order in the MIS. */
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

type Reader = RowReader<typeof PUPIL_COLUMNS>;

const text = z.string();

function contact(r: Reader, n: 1 | 2): ContactRecord | undefined {
  const f = <S extends string>(suffix: S) => `contact${n}${suffix}` as const;
  // Some exports carry only a mobile column: the contact is then named by their role.
  const name = r.has(f('Name')) ? r.text(f('Name')) : 'Parent or carer';
  const rawMobile = r.text(f('Mobile'));
  const details = [f('Relationship'), f('Language'), f('SmsConsent'), f('ParentalResponsibility')].some((x) => r.text(x) !== undefined);
  if (!r.text(f('Name')) && !rawMobile && !details) return undefined;
  if (!name) r.reject(f('Name'), `missing the name of contact ${n}`);
  if (!rawMobile) r.reject(f('Mobile'), `missing the mobile number of contact ${n}`);
  const mobile = r.optional(f('Mobile'), value.mobile);
  const record = {
    relationship: r.optional(f('Relationship'), value.relationship),
    language: r.optional(f('Language'), value.language),
    smsConsent: r.optional(f('SmsConsent'), value.yesNo),
    parentalResponsibility: r.optional(f('ParentalResponsibility'), value.yesNo),
  };
  if (!name || !mobile) return undefined;
  return { name, mobile, priority: n, ...record };
}

function pupil(r: Reader): PupilRecord | undefined {
  const misId = r.required('misId', value.misId, 'missing UPN or admission number');
  const firstName = r.required('firstName', text, 'missing first name');
  const lastName = r.required('lastName', text, 'missing surname');
  const yearGroup = r.required('yearGroup', value.yearGroup, 'missing year group');
  const senStatus = r.required('senStatus', value.senStatus, 'missing SEN status');
  const primaryNeed = r.optional('primaryNeed', value.primaryNeed);
  const secondaryNeed = r.optional('secondaryNeed', value.primaryNeed);
  const lookedAfter = r.optional('lookedAfter', value.yesNo);
  const keyTeacherEmail = r.required('keyTeacherEmail', value.email, 'missing key teacher');
  const onRegisterSince = r.optional('onRegisterSince', value.date);
  const leftOn = r.optional('leftOn', value.date);
  const contacts = [contact(r, 1), contact(r, 2)].filter((c): c is ContactRecord => c !== undefined);
  if (contacts.length === 2 && contacts[0]!.mobile === contacts[1]!.mobile) {
    r.reject('contact2Mobile', 'is the same number as contact 1');
  }
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
    contacts,
  };
}

/** The pupils of an SEN register export: each valid row as a record, each invalid one as reasons. */
export function parsePupilRoster(csv: string, options: ReadOptions = {}): ParsedRoster<PupilRecord, keyof typeof PUPIL_COLUMNS> {
  const table = readTable(csv, PUPIL_COLUMNS, options);
  requireColumns(table.map, PUPIL_COLUMNS, [['misId'], ['firstName'], ['lastName'], ['yearGroup'], ['senStatus'], ['keyTeacherEmail']]);
  return collectRows(table, pupil, { field: 'misId', key: value.misIdKey, repeated: (id, row) => `pupil ${id} is already on row ${row}` });
}
