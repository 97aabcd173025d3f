import { DateTime } from 'luxon';
import { z } from 'zod';
import type { PrimaryNeed, Relationship, SenStatus, StaffRole } from '../generated/prisma/client';
import { readPhoneNumber } from '../domain/mobileNumber';
import { parseLanguageCell, type LanguageCode } from '../messaging/languages';

/**
 * One roster cell in, one clean value out: each schema takes the trimmed text of a cell and either
 * returns the value the database stores or fails with a reason a school office can act on, naming
 * the values it accepts.
 */
const key = (v: string): string => v.toUpperCase().replaceAll('&', 'AND').replace(/[^A-Z0-9]/g, '');

/**
 * MIS reports print coded lookups as "code - description" ("K - SEN Support", "SpLD - Specific
 * Learning Difficulty", "ENG - English"): such a value is read by the whole text, else by its code,
 * else by its description. A value that is neither is refused with the reason for the whole text.
 */
export function codeOrDescription<V>(schema: z.ZodType<V, string>): z.ZodType<V, string> {
  return z.string().transform((v, ctx) => {
    const whole = schema.safeParse(v);
    if (whole.success) return whole.data;
    const parts = /^(.+?)\s+[-\u2013\u2014]\s+(.+)$/.exec(v) ?? /^(.+?)\s*:\s+(.+)$/.exec(v);
    for (const part of parts ? [parts[1]!, parts[2]!] : []) {
      const read = schema.safeParse(part.trim());
      if (read.success) return read.data;
    }
    ctx.addIssue({ code: 'custom', message: whole.error.issues[0]?.message ?? `"${v}" is not valid` });
    return z.NEVER;
  });
}

function lookup<T>(table: Record<string, T>, reason: (v: string) => string) {
  return codeOrDescription(
    z.string().transform((v, ctx) => {
      const found = table[key(v)];
      if (found === undefined) {
        ctx.addIssue({ code: 'custom', message: reason(v) });
        return z.NEVER;
      }
      return found;
    }),
  );
}

const NURSERY = ['N', 'N1', 'N2', 'NURSERY', 'NURSERY1', 'NURSERY2', 'FS1', 'F1', 'YN'];
const RECEPTION = ['R', 'REC', 'RECEPTION', 'FS2', 'F2'];
// "NC Year 1", "Year 7", "Yr 7", "Y7", "Year R", "NC R": the words before the year itself.
const YEAR_WORDS = /^(?:NATIONALCURRICULUMYEAR|NCYEARGROUP|NCYEAR|NCY|NC|YEARGROUP|YEAR|YR|Y)/;

function yearOf(k: string): number | undefined {
  if (NURSERY.includes(k)) return -1;
  if (RECEPTION.includes(k)) return 0;
  const n = /^\d{1,2}$/.test(k) ? Number(k) : NaN;
  return n >= 1 && n <= 14 ? n : undefined;
}

/**
 * -1 nursery, 0 reception, 1..14, in every form MIS exports write: "NC Year 1", "Year 1", "Y1",
 * "Yr 1", "1", "R", "Year R", "Reception", "FS2", "N", "N1", "N2", "Nursery", "FS1".
 */
export const yearGroup = codeOrDescription(
  z.string().transform((v, ctx) => {
    const k = key(v);
    // "YR" is Year R, not the word "Yr" with nothing after it.
    const year = k === 'YR' ? 0 : (yearOf(k) ?? yearOf(k.replace(YEAR_WORDS, '')));
    if (year !== undefined) return year;
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a year group (use Nursery, N1, N2, Reception, R, or Year 1 to 14 written as "Year 7", "NC Year 7", "Y7" or "7")` });
    return z.NEVER;
  }),
);

export const senStatus = lookup<SenStatus>(
  {
    K: 'SEN_SUPPORT',
    SENSUPPORT: 'SEN_SUPPORT',
    SUPPORT: 'SEN_SUPPORT',
    E: 'EHC_PLAN',
    EHCPLAN: 'EHC_PLAN',
    EHCP: 'EHC_PLAN',
    EHC: 'EHC_PLAN',
    EDUCATIONHEALTHANDCAREPLAN: 'EHC_PLAN',
    A: 'SCHOOL_ACTION',
    SCHOOLACTION: 'SCHOOL_ACTION',
    P: 'SCHOOL_ACTION_PLUS',
    SCHOOLACTIONPLUS: 'SCHOOL_ACTION_PLUS',
    S: 'STATEMENT',
    STATEMENT: 'STATEMENT',
    STATEMENTOFSEN: 'STATEMENT',
    N: 'NOT_ON_REGISTER',
    NOSEN: 'NOT_ON_REGISTER',
    NONE: 'NOT_ON_REGISTER',
    NOTONREGISTER: 'NOT_ON_REGISTER',
    NOSPECIALEDUCATIONALNEED: 'NOT_ON_REGISTER',
    // Arbor's "Monitoring" is reported as N in the census: watched, not on the register.
    MONITORING: 'NOT_ON_REGISTER',
  },
  (v) => `"${v}" is not an SEN status (use K or SEN Support, E or EHC Plan; A, P or S for School Action, School Action Plus or Statement in old records; N for none)`,
);

// Descriptions as the DfE's census lists them, singular and plural, as MIS lookups print them.
export const primaryNeed = lookup<PrimaryNeed | null>(
  {
    SPLD: 'SPLD',
    SPECIFICLEARNINGDIFFICULTY: 'SPLD',
    SPECIFICLEARNINGDIFFICULTIES: 'SPLD',
    MLD: 'MLD',
    MODERATELEARNINGDIFFICULTY: 'MLD',
    MODERATELEARNINGDIFFICULTIES: 'MLD',
    SLD: 'SLD',
    SEVERELEARNINGDIFFICULTY: 'SLD',
    SEVERELEARNINGDIFFICULTIES: 'SLD',
    PMLD: 'PMLD',
    PROFOUNDANDMULTIPLELEARNINGDIFFICULTY: 'PMLD',
    PROFOUNDANDMULTIPLELEARNINGDIFFICULTIES: 'PMLD',
    SEMH: 'SEMH',
    SOCIALEMOTIONALANDMENTALHEALTH: 'SEMH',
    SOCIALEMOTIONALANDMENTALHEALTHDIFFICULTIES: 'SEMH',
    BESD: 'SEMH',
    BEHAVIOUREMOTIONALANDSOCIALDIFFICULTIES: 'SEMH',
    BEHAVIOURALEMOTIONALANDSOCIALDIFFICULTIES: 'SEMH',
    SLCN: 'SLCN',
    SPEECHLANGUAGEANDCOMMUNICATIONNEED: 'SLCN',
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
    ASC: 'ASD',
    AUTISM: 'ASD',
    AUTISTICSPECTRUMDISORDER: 'ASD',
    AUTISTICSPECTRUMCONDITION: 'ASD',
    OTH: 'OTHER',
    OTHER: 'OTHER',
    OTHERDIFFICULTYDISABILITY: 'OTHER',
    // "SEN support but no specialist assessment of type of need": no type is recorded yet.
    NSA: null,
    SENSUPPORTBUTNOSPECIALISTASSESSMENTOFTYPEOFNEED: null,
  },
  (v) => `"${v}" is not a type of need (use SpLD, MLD, SLD, PMLD, SEMH or BESD, SLCN, HI, VI, MSI, PD, ASD, OTH or NSA, or their names)`,
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
    STEPMUM: 'STEP_PARENT',
    STEPDAD: 'STEP_PARENT',
    GRANDPARENT: 'GRANDPARENT',
    GRANDMOTHER: 'GRANDPARENT',
    GRANDFATHER: 'GRANDPARENT',
    GRANDMA: 'GRANDPARENT',
    GRANDAD: 'GRANDPARENT',
    GRAN: 'GRANDPARENT',
    CARER: 'CARER',
    GUARDIAN: 'CARER',
    LEGALGUARDIAN: 'CARER',
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
    OTHERFAMILYMEMBER: 'OTHER_RELATIVE',
    FAMILYMEMBER: 'OTHER_RELATIVE',
    OTHER: 'OTHER',
    OTHERCONTACT: 'OTHER',
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
  { Y: true, YES: true, T: true, TRUE: true, '1': true, CONSENTED: true, GIVEN: true, N: false, NO: false, F: false, FALSE: false, '0': false, REFUSED: false, WITHDRAWN: false },
  (v) => `"${v}" is not yes or no (use Yes or No, Y or N, True or False)`,
);

/** Any mobile, written the way the school wrote it (domain/mobileNumber.ts reads it); stored as E.164. */
export const mobile = z.string().transform((v, ctx) => {
  const number = readPhoneNumber(v);
  if (number.kind === 'mobile') return number.e164;
  const why = {
    invalid: 'is not a valid phone number',
    landline: 'is a landline: texts cannot reach it (give a mobile number)',
    notMobile: 'is not a mobile number, so it cannot receive text messages',
  }[number.kind];
  ctx.addIssue({ code: 'custom', message: `"${v}" ${why}` });
  return z.NEVER;
});

/** UPNs are upper case (DfE); a copy typed in lower case in a spreadsheet is the same pupil. */
export const misIdKey = (cell: string): string => cell.toUpperCase();
export const misId = z.string().transform(misIdKey);

export const email = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address` }));

const DATE_FORMATS = ['d/M/yyyy', 'yyyy-MM-dd', 'd-M-yyyy', 'd.M.yyyy', 'd-MMM-yyyy', 'd MMM yyyy', 'd MMMM yyyy', 'd-MMMM-yyyy', 'yyyy/M/d'];
// Month names as both locales abbreviate them: "Sep" (en-US) and "Sept" (en-GB).
const DATE_LOCALES = ['en-US', 'en-GB'];
// Exports from a date-time field carry a midnight time, which says nothing about the day.
const TIME_OF_DAY = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;

/** A calendar date as MIS exports write it (12/09/2019, 2019-09-12, 12-Sep-2019, with or without a time); YYYY-MM-DD. */
export const date = z.string().transform((v, ctx) => {
  const day = v.replace(TIME_OF_DAY, '').trim();
  for (const format of DATE_FORMATS) {
    for (const locale of DATE_LOCALES) {
      const d = DateTime.fromFormat(day, format, { zone: 'utc', locale });
      if (d.isValid) return d.toISODate()!;
    }
  }
  ctx.addIssue({ code: 'custom', message: `"${v}" is not a date (use DD/MM/YYYY, YYYY-MM-DD or 12-Sep-2019)` });
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
