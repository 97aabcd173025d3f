import { parsePupilRoster } from '../../roster/pupilRow';
import * as rows from '../../mis/wonde/rows';
import type { WondeContact, WondeEmployee, WondeStudent } from '../../mis/wonde/shapes';

/**
 * Wonde's records as the register import's rows (mis/wonde/rows.ts), pure: which pupils are kept,
 * what each cell says, and that the import reads every row as the record it should be.
 */
const SETTINGS: rows.SyncSettings = { pupilKey: 'UPN', keyTeacherSource: 'REGISTRATION_GROUP', staffRoles: [] };
const date = (d: string) => ({ date: `${d} 00:00:00.000000`, timezone_type: 3, timezone: 'UTC' });

const student = (o: Partial<WondeStudent> & { sen?: string | null; needs?: string[] | null; language?: string; inCare?: boolean | null; leaving?: string } = {}): WondeStudent => ({
  id: 'A1',
  forename: 'Amir',
  surname: 'Khan',
  legal_forename: 'Amir',
  legal_surname: 'Khan',
  education_details: { data: { upn: 'a123456789012', admission_number: '001234', leaving_date: o.leaving ? date(o.leaving) : null } },
  extended_details: { data: { sen_status: o.sen === undefined ? 'K' : o.sen, first_language: o.language ?? 'ENG', in_lea_care: o.inCare === undefined ? false : o.inCare } },
  ...(o.needs === null ? {} : { sen_needs: { data: (o.needs ?? ['SLCN']).map((type, i) => ({ type, rank: i + 1 })) } }),
  year: { data: { code: '7', name: 'Year 7' } },
  groups: { data: [{ id: 'G7B', name: '7B', type: 'REGISTRATION' }, { id: 'Y7', name: 'Year 7', type: 'YEAR' }] },
  ...o,
});
const contact = (id: string, o: { mobile?: string | null; relationship?: string; priority?: number; pr?: boolean | null; forename?: string } = {}): WondeContact => ({
  id,
  forename: o.forename ?? 'Sadia',
  surname: 'Khan',
  relationship: { relationship: o.relationship ?? 'Mother', priority: o.priority ?? 1, parental_responsibility: o.pr === undefined ? true : o.pr },
  contact_details: { data: { phones: { mobile: o.mobile === undefined ? '07700 900101' : o.mobile, home: '01632 960101' } } },
});
const employee = (id: string, email: string | null, roles: string[] = []): WondeEmployee => ({
  id,
  forename: 'Tom',
  surname: 'Fletcher',
  contact_details: { data: { emails: { email, work: email } } },
  roles: { data: roles.map((role) => ({ role })) },
});

/** What the register import makes of one row: the records go in as they are, through the same parser as a CSV file. */
const parsed = (row: rows.Row) => parsePupilRoster([row]);

describe('which pupils the sync keeps', () => {
  const held = (o: Partial<rows.HeldPupil> = {}): rows.HeldPupil => ({ senStatus: 'SEN_SUPPORT', primaryNeed: null, secondaryNeed: null, lookedAfter: false, keyTeacherEmail: null, ...o });
  it.each([
    ['on SEN support', student({ sen: 'K' }), undefined, true],
    ['with an EHC plan, written in words', student({ sen: 'EHC Plan' }), undefined, true],
    ['not on the register, never held here', student({ sen: 'N' }), undefined, false],
    ['no SEN scope granted (null), never held', student({ sen: null }), undefined, false],
    ['not on the register any more, held on the register', student({ sen: 'N' }), held(), true],
    ['left the register 23 months ago', student({ sen: 'N' }), held({ senStatus: 'NOT_ON_REGISTER', leftRegisterOn: '2024-10-07' }), true],
    ['left the register two years ago today', student({ sen: 'N' }), held({ senStatus: 'NOT_ON_REGISTER', leftRegisterOn: '2024-09-07' }), true],
    ['left the register two years and a day ago', student({ sen: 'N' }), held({ senStatus: 'NOT_ON_REGISTER', leftRegisterOn: '2024-09-06' }), false],
    ['an SEN status the import cannot read (so its row is rejected with the reason)', student({ sen: 'Q' }), undefined, true],
  ])('a pupil %s: kept %s', (_, s, h, kept) => {
    expect(rows.keeps(s, h, '2026-09-07')).toBe(kept);
  });
});

describe('a pupil as a register row', () => {
  const row = (o: Partial<rows.PupilRowInput> = {}) => rows.pupilRow({ student: student(), contacts: [contact('C1'), contact('C2', { mobile: '07700 900102', relationship: 'Father', priority: 2, forename: 'Imran' })], keyTeacherEmail: 't.fletcher@oakfield.example', heldMobiles: new Set(), settings: SETTINGS, ...o });

  it('reads back through the register import as the pupil Wonde describes', () => {
    const { rows: read, rejections } = parsed(row());
    expect(rejections).toEqual([]);
    expect(read[0]!.record).toEqual({
      misId: 'A123456789012',
      firstName: 'Amir',
      lastName: 'Khan',
      yearGroup: 7,
      senStatus: 'SEN_SUPPORT',
      primaryNeed: 'SLCN',
      secondaryNeed: null,
      lookedAfter: false,
      keyTeacherEmail: 't.fletcher@oakfield.example',
      onRegisterSince: undefined,
      leftOn: null,
      contacts: [
        { name: 'Sadia Khan', mobile: '+447700900101', relationship: 'MOTHER', language: 'en', parentalResponsibility: true, priority: 1, smsConsent: undefined },
        { name: 'Imran Khan', mobile: '+447700900102', relationship: 'FATHER', language: 'en', parentalResponsibility: true, priority: 2, smsConsent: undefined },
      ],
    });
  });

  it('keeps the first two contacts with a mobile, in the MIS priority, once each', () => {
    const contacts = [
      contact('C3', { mobile: null, relationship: 'Grandmother', priority: 1 }),
      contact('C2', { mobile: '+44 7700 900102', relationship: 'Father', priority: 3 }),
      contact('C1', { mobile: '07700 900101', priority: 2 }),
      contact('C4', { mobile: '07700900101', relationship: 'Aunt', priority: 4 }),
    ];
    expect(rows.rowContacts(contacts).map((c) => c.id)).toEqual(['C1', 'C2']);
  });

  it('writes a relationship the register does not know as Other, instead of losing the pupil', () => {
    expect(parsed(row({ contacts: [contact('C1', { relationship: 'Childminder' })] })).rows[0]!.record.contacts[0]!.relationship).toBe('OTHER');
  });

  it("gives a new contact the pupil's census home-language code for the register import to read, and leaves a contact's own language alone", () => {
    expect(row({ student: student({ language: 'POL' }) })['Contact 1 Language']).toBe('POL');
    expect(row({ student: student({ language: ' BEN ' }) })['Contact 1 Language']).toBe('BEN');
    expect(row({ student: student({ language: 'POL' }), heldMobiles: new Set(['+447700900101']) })['Contact 1 Language']).toBe('');
  });

  it('keeps what is held when Wonde withholds a scope (needs, looked after), and clears a need Wonde says is gone', () => {
    const held: rows.HeldPupil = { senStatus: 'EHC_PLAN', primaryNeed: 'ASD', secondaryNeed: 'SLCN', lookedAfter: true, keyTeacherEmail: 'a.begum@oakfield.example' };
    const withheld = row({ student: student({ needs: null, inCare: null, sen: null }), held, keyTeacherEmail: undefined });
    expect(parsed(withheld).rows[0]!.record).toMatchObject({ senStatus: 'EHC_PLAN', primaryNeed: 'ASD', secondaryNeed: 'SLCN', lookedAfter: true, keyTeacherEmail: 'a.begum@oakfield.example' });
    expect(parsed(row({ student: student({ needs: [] }), held })).rows[0]!.record).toMatchObject({ primaryNeed: null, secondaryNeed: null });
    expect(parsed(row({ student: student({ needs: ['NSA', 'ASD'] }) })).rows[0]!.record).toMatchObject({ primaryNeed: 'ASD' });
  });

  it('names the leaving date Wonde gives, and keys the pupil by admission number when the school chose it', () => {
    expect(parsed(row({ student: student({ leaving: '2026-10-23' }) })).rows[0]!.record.leftOn).toBe('2026-10-23');
    expect(parsed(row({ settings: { ...SETTINGS, pupilKey: 'ADMISSION_NUMBER' } })).rows[0]!.record.misId).toBe('001234');
  });

  it('is rejected by the import, with its reason, when the MIS has no UPN for the pupil', () => {
    const noUpn = student();
    noUpn.education_details = { data: { upn: null } };
    expect(parsed(row({ student: noUpn })).rejections).toEqual([{ row: 2, column: 'UPN', reason: 'missing UPN' }]);
  });
});

describe('key teachers and staff', () => {
  const tutor = employee('E1', 't.fletcher@oakfield.example', ['Form Tutor']);
  const noEmail = employee('E0', null);
  const teachers = rows.teachersOf([{ id: 'G7B', type: 'REGISTRATION', employees: { data: [{ id: 'E0' }, { id: 'E1' }] } }], [noEmail, tutor, employee('E2', 'r.okafor@oakfield.example', ['SENCO', 'Teacher'])]);

  it("is the form tutor by default: the first teacher of the pupil's registration group with a work email", () => {
    expect(rows.keyTeacherOf(student(), SETTINGS, teachers)).toEqual({ employee: tutor, unitId: 'G7B' });
  });

  it('is whoever a field of the pupil’s record names, by Wonde id or email, when the school names that field', () => {
    const s = { ...student(), extended_details: { data: { key_worker: 'R.Okafor@oakfield.example' } } } as WondeStudent;
    expect(rows.keyTeacherOf(s, { ...SETTINGS, keyTeacherSource: 'FIELD', keyTeacherField: 'extended_details.data.key_worker' }, teachers).employee?.id).toBe('E2');
    expect(rows.keyTeacherOf({ ...s, extended_details: { data: { key_worker: 'E1' } } } as WondeStudent, { ...SETTINGS, keyTeacherSource: 'FIELD', keyTeacherField: 'extended_details.data.key_worker' }, teachers).employee?.id).toBe('E1');
  });

  it("maps MIS roles to the school's roles, and never takes away a role a member of staff holds here", () => {
    const mapping = [{ misRole: 'senco', roles: ['SENCO' as const] }];
    const senco = employee('E2', 'r.okafor@oakfield.example', ['SENCO', 'Teacher']);
    expect(rows.mappedRoles(senco, mapping)).toEqual(['SENCO']);
    expect(rows.staffRow(senco, ['KEY_TEACHER', 'SENCO'], ['ADMIN'])).toEqual({ Name: 'Tom Fletcher', Email: 'r.okafor@oakfield.example', Role: 'ADMIN; KEY_TEACHER; SENCO' });
  });
});
