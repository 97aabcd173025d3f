import { DEMO_SCHOOL_NAME, seedDemoSchool } from '../../demo/demoSchool';
import { ManualClock } from '../../service/clock';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const clock = new ManualClock(new Date('2026-09-07T07:00:00Z'));

describe('the demo school', () => {
  let testDb: TestDatabase;
  beforeEach(async () => {
    testDb = await createTestDatabase();
  });
  afterEach(async () => {
    await testDb.drop();
  });

  it('Given an empty database, then a clearly marked demo school is created with its year, staff, pupils and parents', async () => {
    const seeded = await seedDemoSchool(testDb.db.prisma, clock);
    expect(seeded).toEqual({ created: true, schoolId: expect.any(String), staff: 7, pupils: 8 });
    const prisma = testDb.db.prisma;

    const school = await prisma.school.findFirstOrThrow({ include: { terms: { orderBy: { startsOn: 'asc' } }, closures: true } });
    expect(school).toMatchObject({ name: DEMO_SCHOOL_NAME, isDemo: true });
    expect(school.name).toMatch(/demo data/);
    expect(school.terms.map((t) => t.name)).toEqual(['Autumn 2026', 'Spring 2027', 'Summer 2027']);
    expect(school.closures.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Autumn half term', 'Christmas holidays', 'Spring half term', 'Easter holidays', 'Summer half term']),
    );

    const staff = await prisma.staff.findMany();
    const withRole = (role: string) => staff.filter((s) => s.roles.includes(role as never)).length;
    expect([withRole('SENCO'), withRole('SCHOOL_LEAD'), withRole('ADMIN'), withRole('KEY_TEACHER'), withRole('TEACHER')]).toEqual([1, 1, 1, 3, 1]);
    expect(staff.every((s) => s.email.endsWith('@demo.school.invalid'))).toBe(true);

    const pupils = await prisma.pupil.findMany({ include: { contacts: { include: { contact: true } } } });
    expect(new Set(pupils.map((p) => p.senStatus))).toEqual(new Set(['SEN_SUPPORT', 'EHC_PLAN']));
    expect(new Set(pupils.map((p) => p.primaryNeed)).size).toBeGreaterThanOrEqual(6);
    expect(pupils.filter((p) => p.lookedAfter)).toHaveLength(1);
    expect(pupils.every((p) => p.keyTeacherId)).toBe(true);

    const contacts = await prisma.contact.findMany({ include: { pupils: true } });
    expect(contacts.every((c) => /^\+447700900\d{3}$/.test(c.mobile))).toBe(true);
    expect(new Set(contacts.map((c) => c.preferredLanguage))).toEqual(new Set(['EN', 'PL', 'UR', 'RO']));
    expect(contacts.filter((c) => c.pupils.length === 2)).toHaveLength(1);
    expect(contacts.filter((c) => c.smsConsent).every((c) => c.smsConsentMethod === 'ROSTER_IMPORT' && c.smsConsentAt)).toBe(true);
  });

  it('Given the demo school exists, when seeding runs again (a restart), then nothing is added', async () => {
    await seedDemoSchool(testDb.db.prisma, clock);
    const audit = await testDb.db.prisma.auditEvent.count();
    expect(await seedDemoSchool(testDb.db.prisma, clock)).toEqual({ created: false });
    expect(await testDb.db.prisma.school.count()).toBe(1);
    expect(await testDb.db.prisma.pupil.count()).toBe(8);
    expect(await testDb.db.prisma.auditEvent.count()).toBe(audit);
  });

  it("Given a database that already holds a real school, then no demo data is created", async () => {
    await testDb.db.prisma.school.create({ data: { name: 'Oakfield Primary' } });
    expect(await seedDemoSchool(testDb.db.prisma, clock)).toEqual({ created: false });
    expect(await testDb.db.prisma.school.findMany({ select: { name: true } })).toEqual([{ name: 'Oakfield Primary' }]);
    expect(await testDb.db.prisma.staff.count()).toBe(0);
  });

  it('Given two instances starting at once on an empty database, then exactly one demo school is created', async () => {
    const results = await Promise.all([seedDemoSchool(testDb.db.prisma, clock), seedDemoSchool(testDb.db.prisma, clock)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await testDb.db.prisma.school.count()).toBe(1);
  });
});
