import { DEMO_SCHOOL_NAME, seedDemoSchool } from '../../demo/demoSchool';
import { computeDigest, computeYearCharts } from '../../digest/figures';
import { loadDigestInput } from '../../digest/digestQueries';
import { ManualClock } from '../../runtime/clock';
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
    expect(seeded).toEqual({ created: true, schoolId: expect.any(String), staff: 7, pupils: 8, history: expect.objectContaining({ conversationsHeld: 7 }) });
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
    expect(new Set(contacts.map((c) => c.preferredLanguage))).toEqual(new Set(['en', 'pl', 'ur', 'ro']));
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

  describe.each([
    // Twelve weeks into the year: the whole story, ratings from before the last half term included.
    ['in the autumn term (Wednesday 25 November 2026, 13:41)', '2026-11-25T13:41:00Z', ['Autumn 2026', 'Spring 2027', 'Summer 2027'], true],
    // Six weeks into the year: the same story told faster, all of it since September, so no trend yet.
    ['a year later, in the next school year (Wednesday 13 October 2027, 10:00)', '2027-10-13T09:00:00Z', ['Autumn 2027', 'Spring 2028', 'Summer 2028'], false],
  ])('Given the demo starts %s', (_when, iso, termNames, trend) => {
    const now = new Date(iso);

    it("Then its calendar is that school year's, and a term of history before now fills every figure of the digest and every chart", async () => {
      const prisma = testDb.db.prisma;
      const seeded = await seedDemoSchool(prisma, new ManualClock(now));
      if (!seeded.created) throw new Error('not seeded');
      const school = await prisma.school.findFirstOrThrow({ include: { terms: { orderBy: { startsOn: 'asc' } } } });
      expect(school.terms.map((t) => t.name)).toEqual(termNames);
      expect(school.terms.every((t) => t.startsOn.getUTCDay() !== 0 && t.startsOn.getUTCDay() !== 6)).toBe(true);

      const input = await loadDigestInput(prisma, seeded.schoolId, now);
      const f = computeDigest(input, now);
      expect(f.pupilsOnRegister).toBe(8);
      expect(f.conversations).toMatchObject({ dueThisWeek: 1, heldLastSevenDays: 1, overdue: 1, initialOutstanding: 1 });
      expect(f.conversations.heldThisTerm).toBeGreaterThanOrEqual(3);
      for (const area of ['ENGLISH', 'MATHS', 'WIDER'] as const) expect(f.targets.byArea[area].set).toBeGreaterThan(0);
      expect(f.targets.total).toMatchObject({ set: 14, achieved: 3 });
      expect(f.targets.total.reviewedOnTime).toBeGreaterThanOrEqual(5);
      // Oliwia's turn-taking target needs a change; Jayden's behaviour target missed its review.
      expect(f.targets.total.offTrack).toBe(2);
      expect(f.parents).toMatchObject({ contacts: 10, optedOut: 1, repliesWaiting: { count: 1 } });
      expect(f.parents.reachedLastHalfTerm).toBeGreaterThanOrEqual(5);
      expect(f.parents.neverReached).toBe(2); // the social worker and the grandfather did not agree to texts
      expect(f.pupilVoice.withoutViewsThisTerm).toBeLessThan(8);
      expect(f.confidence.latestAverage).toBeGreaterThan(3);
      expect(f.confidence.parentsRating).toBeGreaterThanOrEqual(6);
      if (trend) expect(f.confidence.change).toBeGreaterThan(0);
      expect(f.delivery.failedSms).toBe(1);

      const charts = computeYearCharts(input, now);
      expect(charts.heldPerMonth.filter((m) => m.held > 0).length).toBeGreaterThanOrEqual(2);
      expect(charts.confidencePerMonth.filter((m) => m.average !== null).length).toBeGreaterThanOrEqual(2);
      for (const g of charts.targetsByStatus) expect(Object.values(g.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    });

    it('Then the history is all in the past, marked as demo data, on fictional numbers only, with the views and progress recorded by the key teachers', async () => {
      const prisma = testDb.db.prisma;
      await seedDemoSchool(prisma, new ManualClock(now));
      const texts = await prisma.message.findMany({ where: { channel: 'SMS' } });
      expect(texts.length).toBeGreaterThan(30);
      expect(texts.every((m) => m.idempotencyKey?.startsWith('demo:'))).toBe(true);
      expect(texts.every((m) => /^\+447700900\d{3}$/.test(m.toAddress ?? m.fromAddress ?? ''))).toBe(true);
      expect(texts.every((m) => m.createdAt <= now)).toBe(true);
      expect(new Set(texts.map((m) => m.language))).toEqual(new Set(['en', 'pl', 'ur', 'ro']));
      const waiting = texts.filter((m) => m.direction === 'INBOUND' && m.handledAt === null);
      expect(waiting.map((m) => m.body)).toEqual([expect.stringContaining('sports day')]);

      const held = await prisma.structuredConversation.findMany({ where: { status: 'HELD' }, include: { targets: true, views: true } });
      expect(held).toHaveLength(7);
      for (const c of held) {
        expect(c).toMatchObject({ recordState: 'FINAL', exploreStrengths: expect.any(String), focusNotes: expect.any(String), planNotes: expect.any(String), pupilInvolvement: expect.any(String) });
        expect(c.heldAt!.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(c.targets.length).toBeGreaterThanOrEqual(2);
        expect(c.views).toHaveLength(1);
      }
      const progress = await prisma.progressEntry.findMany();
      expect(progress.length).toBeGreaterThanOrEqual(6);
      expect(progress.every((e) => e.recordedById !== null && e.recordedAt <= now)).toBe(true);
      expect(await prisma.confidenceRating.count()).toBe(10);
      const [marked] = await prisma.auditEvent.findMany({ where: { action: 'demo.history' } });
      expect(marked).toMatchObject({ actorKind: 'SYSTEM', actorLabel: 'demo data' });
      // Opening the demo again adds nothing.
      expect(await seedDemoSchool(prisma, new ManualClock(now))).toEqual({ created: false });
      expect(await prisma.message.count({ where: { channel: 'SMS' } })).toBe(texts.length);
    });
  });
});
