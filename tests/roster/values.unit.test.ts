import type { z } from 'zod';
import * as value from '../../roster/values';

/** Each cell as a school office might type it, and what the database must get. */
const accepts = <T>(schema: z.ZodType<T, string>, cases: [string, T][]) =>
  it.each(cases)('reads %j as %j', (cell, expected) => {
    expect(schema.parse(cell)).toEqual(expected);
  });

const refuses = (schema: z.ZodType<unknown, string>, cases: [string, RegExp][]) =>
  it.each(cases)('refuses %j with a reason', (cell, reason) => {
    const r = schema.safeParse(cell);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(reason);
  });

describe('year group', () => {
  accepts(value.yearGroup, [
    ['Year 7', 7], ['7', 7], ['Y7', 7], ['Yr 7', 7], ['year 11', 11], ['14', 14],
    ['R', 0], ['Reception', 0], ['YR', 0], ['Year R', 0],
    ['N', -1], ['Nursery', -1], ['N2', -1],
    // As MIS exports write them.
    ['NC Year 1', 1], ['NC Year 11', 11], ['Year 01', 1], ['Y07', 7], ['NC R', 0], ['Year R', 0], ['FS2', 0], ['FS1', -1], ['N1', -1], ['Nursery 2', -1],
    ['1 - Year 1', 1], ['R - Reception', 0],
  ]);
  refuses(value.yearGroup, [['Year 15', /"Year 15" is not a year group/], ['0', /not a year group/], ['Seven', /not a year group/]]);
});

describe('SEN status, today and legacy', () => {
  accepts(value.senStatus, [
    ['K', 'SEN_SUPPORT'], ['SEN Support', 'SEN_SUPPORT'], ['sen support', 'SEN_SUPPORT'],
    ['E', 'EHC_PLAN'], ['EHC Plan', 'EHC_PLAN'], ['EHCP', 'EHC_PLAN'],
    ['A', 'SCHOOL_ACTION'], ['School Action', 'SCHOOL_ACTION'],
    ['P', 'SCHOOL_ACTION_PLUS'], ['School Action Plus', 'SCHOOL_ACTION_PLUS'],
    ['S', 'STATEMENT'], ['Statement', 'STATEMENT'],
    ['N', 'NOT_ON_REGISTER'],
    // "code - description", as MIS reports print lookups: read by code or by description.
    ['K - SEN Support', 'SEN_SUPPORT'], ['E - Education, Health and Care Plan', 'EHC_PLAN'], ['Education, Health and Care Plan', 'EHC_PLAN'],
    ['N - No Special Educational Need', 'NOT_ON_REGISTER'], ['Monitoring', 'NOT_ON_REGISTER'], ['X - SEN Support', 'SEN_SUPPORT'], ['K \u2013 SEN Support', 'SEN_SUPPORT'],
  ]);
  refuses(value.senStatus, [['Q', /"Q" is not an SEN status \(use K or SEN Support, E or EHC Plan/], ['Q - Quietly watched', /"Q - Quietly watched" is not an SEN status/]]);
});

describe('primary need', () => {
  accepts(value.primaryNeed, [
    ['SpLD', 'SPLD'], ['MLD', 'MLD'], ['SLD', 'SLD'], ['PMLD', 'PMLD'], ['SEMH', 'SEMH'], ['BESD', 'SEMH'],
    ['SLCN', 'SLCN'], ['HI', 'HI'], ['VI', 'VI'], ['MSI', 'MSI'], ['PD', 'PD'], ['ASD', 'ASD'], ['OTH', 'OTHER'],
    ['Autism', 'ASD'], ['Specific learning difficulty', 'SPLD'],
    ['SpLD - Specific Learning Difficulty', 'SPLD'], ['SLCN - Speech, Language and Communication Needs', 'SLCN'], ['Profound & Multiple Learning Difficulty', 'PMLD'],
    ['Moderate learning difficulties', 'MLD'], ['OTH - Other Difficulty/Disability', 'OTHER'],
    // NSA: SEN support, but no specialist assessment of the type of need yet: none recorded.
    ['NSA', null], ['NSA - SEN support but no specialist assessment of type of need', null],
  ]);
  refuses(value.primaryNeed, [['Dyslexia-ish', /"Dyslexia-ish" is not a type of need \(use SpLD/]]);
});

describe('relationship', () => {
  accepts(value.relationship, [
    ['Mother', 'MOTHER'], ['Mum', 'MOTHER'], ['Father', 'FATHER'], ['Dad', 'FATHER'], ['Parent', 'PARENT'],
    ['Step-parent', 'STEP_PARENT'], ['Stepfather', 'STEP_PARENT'], ['Grandmother', 'GRANDPARENT'], ['Carer', 'CARER'],
    ['Foster carer', 'FOSTER_CARER'], ['Social worker', 'SOCIAL_WORKER'], ['Aunt', 'OTHER_RELATIVE'], ['Other', 'OTHER'],
    ['Foster Mother', 'FOSTER_CARER'], ['Step-mother', 'STEP_PARENT'], ['Other Family Member', 'OTHER_RELATIVE'], ['PAM - Mother', 'MOTHER'], ['Legal Guardian', 'CARER'],
  ]);
  refuses(value.relationship, [['Neighbour', /"Neighbour" is not a relationship we know/]]);
});

describe('preferred language', () => {
  accepts(value.language, [
    ['English', 'en'], ['EN', 'en'], ['Polish', 'pl'], ['pol', 'pl'], ['Urdu', 'ur'], ['Romanian', 'ro'], ['RO', 'ro'],
    ['Arabic', 'ar'], ['Punjabi', 'pa'], ['PNJG', 'pa-Guru'], ['BNGS', 'syl'], ['Portugese', 'pt'], ['REF', undefined], ['OTB', undefined],
  ]);
  refuses(value.language, [['Klingonese', /"Klingonese" is not a language we know/]]);
});

describe('yes or no (SMS consent, looked after, parental responsibility)', () => {
  accepts(value.yesNo, [['Yes', true], ['Y', true], ['true', true], ['T', true], ['1', true], ['No', false], ['n', false], ['F', false], ['0', false]]);
  refuses(value.yesNo, [['maybe', /"maybe" is not yes or no \(use Yes or No/]]);
});

describe('mobile numbers, normalised to E.164 with the UK as default', () => {
  accepts(value.mobile, [
    ['07700 900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+44 (0)7700 900456', '+447700900456'],
    ['07700900999', '+447700900999'],
    ['07911 123456', '+447911123456'],
    ['+48 512 345 678', '+48512345678'],
    // The trunk zero left in after the country code: the same number.
    ['+4407700900210', '+447700900210'], ['+44 07911 123456', '+447911123456'], ['0044 7700 900210', '+447700900210'],
  ]);
  refuses(value.mobile, [
    ['0123', /"0123" is not a valid phone number/],
    ['020 7946 0018', /^"020 7946 0018" is a landline: texts cannot reach it/],
    ['01632 960000', /is a landline: texts cannot reach it/],
    ['0800 123 4567', /is not a mobile number, so it cannot receive text messages/],
    ['not a number', /is not a valid phone number/],
  ]);
});

describe('dates, emails, staff roles', () => {
  accepts(value.date, [
    ['15/09/2025', '2025-09-15'], ['2026-01-12', '2026-01-12'], ['1/2/2026', '2026-02-01'],
    ['12-Sep-2019', '2019-09-12'], ['12-SEP-2019', '2019-09-12'], ['01-Sept-2025', '2025-09-01'], ['12 Sep 2019', '2019-09-12'], ['12 September 2019', '2019-09-12'],
    ['15/09/2025 00:00:00', '2025-09-15'], ['2025-09-15T00:00:00.000Z', '2025-09-15'], ['15/09/2025 00:00', '2025-09-15'],
  ]);
  refuses(value.date, [['31/02/2026', /"31\/02\/2026" is not a date \(use DD\/MM\/YYYY, YYYY-MM-DD or 12-Sep-2019\)/]]);
  accepts(value.email, [['T.Fletcher@Oakfield.Example', 't.fletcher@oakfield.example']]);
  refuses(value.email, [['t.fletcher', /"t.fletcher" is not an email address/]]);
  accepts(value.roles, [
    ['Key Teacher', ['KEY_TEACHER']], ['SENCO; Key Teacher', ['SENCO', 'KEY_TEACHER']], ['Head Teacher', ['SCHOOL_LEAD']],
    ['School Lead', ['SCHOOL_LEAD']], ['Admin', ['ADMIN']], ['Teacher', ['TEACHER']], ['Form tutor', ['KEY_TEACHER']],
  ]);
  refuses(value.roles, [['Caretaker', /"Caretaker" is not a role/]]);
});
