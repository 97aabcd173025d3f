import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { PrimaryNeed, Relationship, SenStatus, StaffRole } from '../generated/prisma/client';
import { parseLanguageCell, type LanguageCode } from '../messaging/languages';

/**
 * One roster cell in, one clean value out: each schema takes the trimmed text of a cell and either
 * returns the value the database stores or fails with a reason a school office can act on.
 */
const key = (v: string): string => v.toUpperCase().replace(/[^A-Z0-9]/g, '');

function lookup<T>(table: Record<string, T>, reason: (v: string) => string) {
  return z.string().transform((v, ctx) => {
    const found = table[key(v)];
    if (found === undefined) {
      ctx.addIssue({ code: 'custom', message: reason(v) });
      return z.NEVER;
    }
    return found;
  });
}

/** -1 nursery, 0 reception, 1..14: "Year 7", "Y7", "Yr 7", "7", "R", "Reception", "N", "Nursery", "N1", "N2". */
export const yearGroup = z.string().transform((v, ctx) => {
  const k = key(v);
  if (['R', 'YR', 'YEARR', 'RECEPTION', 'REC'].includes(k)) return 0;
  if (['N', 'N1', 'N2', 'NURSERY', 'YN'].includes(k)) return -1;
  const m = /^(?:YEAR|YR|Y)?(\d{1,2})$/.exec(k);
  const n = m ? Number(m[1]) : NaN;
  if (n >= 1 && n <= 14) return n;
  ctx.addIssue({ code: 'custom', message: `"${v}" is not a year group (use Nursery, Reception or Year 1 to 14)` });
  return z.NEVER;
});

export const senStatus = lookup<SenStatus>(
  {
    K: 'SEN_SUPPORT',
    SENSUPPORT: 'SEN_SUPPORT',
    SUPPORT: 'SEN_SUPPORT',
    E: 'EHC_PLAN',
    EHCPLAN: 'EHC_PLAN',
    EHCP: 'EHC_PLAN',
    EHC: 'EHC_PLAN',
    A: 'SCHOOL_ACTION',
    SCHOOLACTION: 'SCHOOL_ACTION',
    P: 'SCHOOL_ACTION_PLUS',
    SCHOOLACTIONPLUS: 'SCHOOL_ACTION_PLUS',
    S: 'STATEMENT',
    STATEMENT: 'STATEMENT',
    N: 'NOT_ON_REGISTER',
    NOSEN: 'NOT_ON_REGISTER',
    NONE: 'NOT_ON_REGISTER',
    NOTONREGISTER: 'NOT_ON_REGISTER',
  },
  (v) => `"${v}" is not an SEN status (use SEN Support/K or EHC Plan/E; School Action/A, School Action Plus/P or Statement/S for old records; N for none)`,
);

export const primaryNeed = lookup<PrimaryNeed>(
  {
    SPLD: 'SPLD',
    SPECIFICLEARNINGDIFFICULTY: 'SPLD',
    MLD: 'MLD',
    MODERATELEARNINGDIFFICULTY: 'MLD',
    SLD: 'SLD',
    SEVERELEARNINGDIFFICULTY: 'SLD',
    PMLD: 'PMLD',
    PROFOUNDANDMULTIPLELEARNINGDIFFICULTY: 'PMLD',
    SEMH: 'SEMH',
    SOCIALEMOTIONALANDMENTALHEALTH: 'SEMH',
    BESD: 'SEMH',
    SLCN: 'SLCN',
    SPEECHLANGUAGEANDCOMMUNICATIONNEEDS: 'SLCN',
    HI: 'HI',
    HEARINGIMPAIRMENT: 'HI',
    VI: 'VI',
    VISUALIMPAIRMENT: 'VI',
    MSI: 'MSI',
    MULTISENSORYIMPAIRMENT: 'MSI',
    PD: 'PD',
    PHYSICALDISABILITY: 'PD',
    ASD: 'ASD',
    AUTISM: 'ASD',
    AUTISTICSPECTRUMDISORDER: 'ASD',
    OTH: 'OTHER',
    OTHER: 'OTHER',
  },
  (v) => `"${v}" is not a type of need (use SpLD, MLD, SLD, PMLD, SEMH or BESD, SLCN, HI, VI, MSI, PD, ASD or OTH)`,
);

export const relationship = lookup<Relationship>(
  {
    MOTHER: 'MOTHER',
    MUM: 'MOTHER',
    MOM: 'MOTHER',
    FATHER: 'FATHER',
    DAD: 'FATHER',
    PARENT: 'PARENT',
    STEPPARENT: 'STEP_PARENT',
    STEPMOTHER: 'STEP_PARENT',
    STEPFATHER: 'STEP_PARENT',
    GRANDPARENT: 'GRANDPARENT',
    GRANDMOTHER: 'GRANDPARENT',
    GRANDFATHER: 'GRANDPARENT',
    GRANDMA: 'GRANDPARENT',
    GRANDAD: 'GRANDPARENT',
    GRAN: 'GRANDPARENT',
    CARER: 'CARER',
    GUARDIAN: 'CARER',
    FOSTERCARER: 'FOSTER_CARER',
    FOSTERPARENT: 'FOSTER_CARER',
    FOSTERMOTHER: 'FOSTER_CARER',
    FOSTERFATHER: 'FOSTER_CARER',
    SOCIALWORKER: 'SOCIAL_WORKER',
    AUNT: 'OTHER_RELATIVE',
    UNCLE: 'OTHER_RELATIVE',
    BROTHER: 'OTHER_RELATIVE',
    SISTER: 'OTHER_RELATIVE',
    SIBLING: 'OTHER_RELATIVE',
    OTHERRELATIVE: 'OTHER_RELATIVE',
    RELATIVE: 'OTHER_RELATIVE',
    OTHER: 'OTHER',
  },
  (v) => `"${v}" is not a relationship we know (for example Mother, Father, Parent, Step-parent, Grandparent, Carer, Foster carer, Social worker, Aunt, Other)`,
);

/**
 * A parent's language as the MIS exports it (messaging/languages.ts): a name ("Urdu", "Punjabi"),
 * a school census code ("URD", "PNJG") or a BCP 47 code. A census code that names no language
 * (REF refused, NOT not obtained, OTB other than English ...) is "not stated", like a blank cell:
 * what is stored stays. Text that is none of these is refused with the cell's own words.
 */
export const language = z.string().transform((v, ctx): LanguageCode | undefined => {
  const cell = parseLanguageCell(v);
  if (cell.kind === 'language') return cell.code;
  if (cell.kind === 'notStated') return undefined;
  ctx.addIssue({ code: 'custom', message: `"${cell.text}" is not a language we know (use its name, such as Urdu or Panjabi, or its school census code, such as URD or PNJ)` });
  return z.NEVER;
});

export const yesNo = lookup<boolean>(
  { Y: true, YES: true, TRUE: true, '1': true, CONSENTED: true, GIVEN: true, N: false, NO: false, FALSE: false, '0': false, REFUSED: false, WITHDRAWN: false },
  (v) => `"${v}" is not yes or no`,
);

// Ofcom's range for drama and testing (07700 900000-900999): libphonenumber calls it invalid, but the
// demo and tests use it so that no real family can ever be texted by mistake.
const OFCOM_DRAMA = /^\+447700900\d{3}$/;

/** Any valid mobile, written the way the school wrote it; UK numbers may omit +44. Stored as E.164. */
export const mobile = z.string().transform((v, ctx) => {
  const parsed = parsePhoneNumberFromString(v, 'GB');
  if (parsed && OFCOM_DRAMA.test(parsed.number)) return parsed.number;
  if (!parsed || !parsed.isValid()) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a valid phone number` });
    return z.NEVER;
  }
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a mobile number, so it cannot receive text messages` });
    return z.NEVER;
  }
  return parsed.number;
});

/** UPNs are upper case (DfE); a copy typed in lower case in a spreadsheet is the same pupil. */
export const misIdKey = (cell: string): string => cell.toUpperCase();
export const misId = z.string().transform(misIdKey);

export const email = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address` }));

/** A calendar date as the MIS exports it (DD/MM/YYYY) or ISO; returned as YYYY-MM-DD. */
export const date = z.string().transform((v, ctx) => {
  for (const format of ['d/M/yyyy', 'yyyy-MM-dd', 'd-M-yyyy', 'd.M.yyyy']) {
    const d = DateTime.fromFormat(v, format, { zone: 'utc' });
    if (d.isValid) return d.toISODate()!;
  }
  ctx.addIssue({ code: 'custom', message: `"${v}" is not a date (use DD/MM/YYYY or YYYY-MM-DD)` });
  return z.NEVER;
});

const ROLE: Record<string, StaffRole> = {
  KEYTEACHER: 'KEY_TEACHER',
  TUTOR: 'KEY_TEACHER',
  FORMTUTOR: 'KEY_TEACHER',
  CLASSTEACHER: 'KEY_TEACHER',
  SENCO: 'SENCO',
  INCLUSIONLEAD: 'SENCO',
  SCHOOLLEAD: 'SCHOOL_LEAD',
  PROGRAMMELEAD: 'SCHOOL_LEAD',
  HEADTEACHER: 'SCHOOL_LEAD',
  HEAD: 'SCHOOL_LEAD',
  DEPUTYHEAD: 'SCHOOL_LEAD',
  ADMIN: 'ADMIN',
  ADMINISTRATOR: 'ADMIN',
  TEACHER: 'TEACHER',
  SUBJECTTEACHER: 'TEACHER',
};

/** One or more roles separated by ; , / or |, e.g. "Key Teacher; SENCO". */
export const roles = z.string().transform((v, ctx) => {
  const found = new Set<StaffRole>();
  for (const part of v.split(/[;,/|]/).map((p) => p.trim()).filter(Boolean)) {
    const role = ROLE[key(part)];
    if (!role) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not a role (use Key Teacher, SENCO, School Lead, Admin or Teacher)` });
      return z.NEVER;
    }
    found.add(role);
  }
  return [...found];
});

export const objectId = z.string().pipe(z.uuid({ error: (issue) => `"${String(issue.input)}" is not an Entra object id (a GUID)` }));
