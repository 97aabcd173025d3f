import { seedDemoSchool } from '../../demo/demoSchool';
import { DEMO_COUNCIL_NAME, DEMO_JOINED_NAME, DEMO_SECONDARY_NAME, DEMO_TRUST_NAME, seedDemoTrust, type DemoTrust } from '../../demo/demoTrust';
import { evaluationReport } from '../../evaluation/report';
import { gapChecklist, loadGapFacts } from '../../evaluation/gaps';
import { ManualClock } from '../../runtime/clock';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const texts = (cells: Record<string, { text: string }>, keys: string[]) => keys.map((k) => cells[k]?.text);

/** The demo's trust, as a new user gets it in the autumn term (Wednesday 25 November 2026) and in the spring (10 February 2027). */
describe.each([
  ['in the autumn term', '2026-11-25T13:41:00Z', 'Autumn 2026', false],
  ['in the spring term, with the autumn term over', '2027-02-10T10:00:00Z', 'Autumn 2026', true],
])('the demo trust, started %s', (_when, iso, reported, complete) => {
  let testDb: TestDatabase;
  let trust: DemoTrust;
  const clock = new ManualClock(new Date(iso));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const seeded = await seedDemoSchool(testDb.db.prisma, clock);
    if (!seeded.created) throw new Error('no demo school');
    trust = await seedDemoTrust(testDb.db.prisma, clock, seeded.schoolId, 'https://demo.example');
  });
  afterAll(() => testDb.drop());

  it('Then a trust of three schools (the demo primary, a secondary, one just joined) and a local authority, all marked as demo data, with a lead and an officer to sign in as', async () => {
    const prisma = testDb.db.prisma;
    const organisations = await prisma.organisation.findMany({ include: { trustSchools: { select: { name: true } }, localAuthoritySchools: { select: { name: true } }, members: true }, orderBy: { kind: 'asc' } });
    expect(organisations.map((o) => [o.name, o.isDemo, o.trustSchools.map((s) => s.name).sort(), o.localAuthoritySchools.map((s) => s.name).sort(), o.members.map((m) => m.displayName)])).toEqual([
      [DEMO_TRUST_NAME, true, ['Demo High School (demo data)', 'Demo Junior School (demo data)', 'Demo Primary School (demo data)'], [], ['Priya Shah']],
      [DEMO_COUNCIL_NAME, true, [], ['Demo Junior School (demo data)', 'Demo Primary School (demo data)'], ['Tom Bennett']],
    ]);
    expect((await prisma.school.findMany()).every((s) => s.isDemo)).toBe(true);
    expect((await prisma.contact.findMany()).every((c) => /^\+447700900\d{3}$/.test(c.mobile))).toBe(true);
  });

  it(`Then the report for the last term (${reported}) waits in Teams for the trust lead, the officer and the primary's leads, and no text goes to a demo parent`, async () => {
    const prisma = testDb.db.prisma;
    const cards = await prisma.message.findMany({ where: { template: 'evaluation.ready' }, include: { staff: true, organisationMember: true } });
    expect(cards.map((m) => m.organisationMember?.displayName ?? m.staff?.displayName).sort()).toEqual(['David Osei', 'Helen Carter', 'Priya Shah', 'Tom Bennett']);
    expect(cards.find((m) => m.organisationMember?.displayName === 'Priya Shah')?.body).toContain(`Termly evaluation: ${DEMO_TRUST_NAME}, ${reported} is ready`);
    expect(await prisma.message.count({ where: { channel: 'SMS', direction: 'OUTBOUND', status: 'QUEUED' } })).toBe(0);
  });

  it("Then the trust's report has figures to show: the primary's and the secondary's terms against their baseline, the junior school's empty, small numbers suppressed", async () => {
    const report = await evaluationReport(testDb.db.prisma, { subject: { kind: 'organisation', id: trust.trustId, name: DEMO_TRUST_NAME }, schoolIds: trust.schools, request: { baselineOn: null, suppress: true }, asOf: clock.now() });
    const high = report.schools.find((s) => s.name === DEMO_SECONDARY_NAME)!;
    expect(high.term).toMatchObject({ name: reported, complete });
    expect(high.now['cohort.onRegister']?.text).toBe('24');
    // 21 held: 6 initial, 15 reviews and no additional one; that 0 is suppressed, so the total that would give it away is too.
    expect(texts(high.now, ['conversations.initialHeld', 'conversations.reviewsHeld', 'conversations.additionalHeld', 'conversations.held'])).toEqual(['6', '15', 'fewer than 5', 'fewer than 5']);
    expect(report.schools.find((s) => s.name === DEMO_JOINED_NAME)!.term).toBeNull();
    expect(report.schools.flatMap((s) => Object.values(s.now)).some((c) => c.suppressed)).toBe(true);
  });

  it('Then the school just joined has its gaps to close: no terms, no SENCO or lead, pupils without a key teacher, parents without consent, a number that does not work', async () => {
    const joined = await testDb.db.prisma.school.findFirstOrThrow({ where: { name: DEMO_JOINED_NAME } });
    const items = gapChecklist((await loadGapFacts(testDb.db.prisma, [joined.id], clock.now())).get(joined.id)!, false);
    const open = items.filter((i) => !i.done).map((i) => i.id);
    expect(open).toEqual(expect.arrayContaining(['terms', 'closures', 'senco', 'digestReaders', 'keyTeacher', 'consent', 'numbers', 'widerOutcomes']));
    expect(items.find((i) => i.id === 'keyTeacher')?.detail).toBe('2 pupils without a key teacher');
  });
});
