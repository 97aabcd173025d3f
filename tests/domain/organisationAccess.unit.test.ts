import {
  canAdministerSchool,
  canEditPupil,
  canSetOrganisationDefaults,
  canViewOrganisation,
  canViewPupil,
  canViewSchoolFigures,
  figuresLeaveSchool,
  insideSchool,
  overseesSchool,
  seesWholeSchool,
  type Principal,
} from '../../domain/access';

/** Above the school: every school-level rule refuses a trust lead or local authority officer, even over their own school. */
const SCHOOL = { id: 'school-1', trustId: 'trust-1', localAuthorityId: 'la-1' };
const PUPIL = { schoolId: SCHOOL.id, keyTeacherId: 'kt-1' };
const trustLead: Principal = { kind: 'organisation', memberId: 'm-1', organisationId: 'trust-1', role: 'TRUST_LEAD', label: 'tess@oaktrust.example' };
const laOfficer: Principal = { kind: 'organisation', memberId: 'm-2', organisationId: 'la-1', role: 'LA_OFFICER', label: 'lou@northshire.example' };
const otherTrust: Principal = { kind: 'organisation', memberId: 'm-3', organisationId: 'trust-2', role: 'TRUST_LEAD', label: 'bea@beech.example' };
const senco: Principal = { kind: 'staff', staffId: 's-1', schoolId: SCHOOL.id, roles: ['SENCO'], label: 'senco@school.example' };

describe.each([
  ['the trust lead of its trust', trustLead],
  ['the officer of its local authority', laOfficer],
  ['the lead of another trust', otherTrust],
])('Given %s', (_who, p) => {
  it.each([
    ['sees the whole school', () => seesWholeSchool(p, SCHOOL.id)],
    ["views a pupil's record", () => canViewPupil(p, PUPIL)],
    ["edits a pupil's record", () => canEditPupil(p, PUPIL)],
    ['administers the school', () => canAdministerSchool(p, SCHOOL.id)],
  ])('Then they may not: %s', (_what, rule) => {
    expect(rule()).toBe(false);
  });

  it("Then a school's own use case refuses them by name", () => {
    expect(() => insideSchool(p)).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'organisation_member' }));
  });

  it('Then figures they read leave the school, so small numbers are suppressed', () => {
    expect(figuresLeaveSchool(p)).toBe(true);
  });
});

describe("reading a school's figures", () => {
  it('Given the school belongs to a trust and a local authority, Then both read its figures; another trust does not', () => {
    expect([trustLead, laOfficer, otherTrust].map((p) => canViewSchoolFigures(p, SCHOOL))).toEqual([true, true, false]);
    expect(overseesSchool(trustLead, { ...SCHOOL, trustId: null })).toBe(false);
  });

  it("Given the school's SENCO, Then she reads its figures exactly (they do not leave the school)", () => {
    expect(canViewSchoolFigures(senco, SCHOOL)).toBe(true);
    expect(figuresLeaveSchool(senco)).toBe(false);
    expect(insideSchool(senco)).toBe(senco);
  });

  it("Given an organisation's own figures and defaults, Then its members and the API key may; staff and other organisations may not", () => {
    const apiKey: Principal = { kind: 'apiKey', label: 'api-key' };
    expect([trustLead, apiKey, otherTrust, senco].map((p) => canViewOrganisation(p, 'trust-1'))).toEqual([true, true, false, false]);
    expect([trustLead, apiKey, otherTrust, senco].map((p) => canSetOrganisationDefaults(p, 'trust-1'))).toEqual([true, true, false, false]);
  });
});
