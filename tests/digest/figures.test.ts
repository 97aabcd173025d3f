import { computeDigest, computeYearCharts, median, weekOf, type DigestFigures, type YearCharts } from '../../digest/figures';
import { loadDigestInput } from '../../digest/digestQueries';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { REPORT_AT, seedKnownSchools, type KnownSchools } from './knownSchools';

describe('the digest figures of Oakfield on Monday 16 November 2026, 08:00 (known data set)', () => {
  let testDb: TestDatabase;
  let known: KnownSchools;
  let figures: DigestFigures;
  let charts: YearCharts;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    known = await seedKnownSchools(testDb.db.prisma);
    const input = await loadDigestInput(testDb.db.prisma, known.oakfield, REPORT_AT);
    figures = computeDigest(input, REPORT_AT);
    charts = computeYearCharts(input, REPORT_AT);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('reports on the school-local week, the current term and a six-week half term', () => {
    expect(figures.week).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(figures.term).toEqual({ name: 'Autumn 2026', from: '2026-09-02' });
    expect(figures.halfTermFrom).toBe('2026-10-05T08:00:00.000Z');
    // Archived pupils and pupils who left the register do not count.
    expect(figures.pupilsOnRegister).toBe(8);
  });

  it('counts structured conversations: due this week, held, overdue by key teacher, initial ones outstanding', () => {
    expect(figures.conversations).toEqual({
      dueThisWeek: 1,
      heldLastSevenDays: 1,
      heldThisTerm: 3,
      overdue: 3,
      overdueByKeyTeacher: [
        { staffId: known.staff.kate, name: 'Kate Morgan', count: 2 },
        { staffId: known.staff.tom, name: 'Tom Reid', count: 1 },
      ],
      initialOutstanding: 4,
    });
  });

  it('counts targets set this school year, reviewed on time (school-local date), achieved and off track, by area', () => {
    expect(figures.targets.byArea).toEqual({
      ENGLISH: { set: 2, reviewedOnTime: 1, achieved: 0, offTrack: 0 },
      MATHS: { set: 2, reviewedOnTime: 0, achieved: 1, offTrack: 1 },
      WIDER: { set: 3, reviewedOnTime: 1, achieved: 0, offTrack: 1 },
    });
    expect(figures.targets.total).toEqual({ set: 7, reviewedOnTime: 2, achieved: 1, offTrack: 2 });
  });

  it('counts parents reached in the last half term, never reached, opted out, numbers dead, and replies waiting', () => {
    expect(figures.parents).toEqual({
      contacts: 7,
      reachedLastHalfTerm: 3,
      neverReached: 3,
      optedOut: 1,
      numbersDead: 1,
      // Waiting 4320 (George's) and 1440 minutes (Amir's, handled after the reporting instant); texts filed under no child do not count.
      repliesWaiting: { count: 2, oldestMinutes: 4320, medianMinutes: 2880 },
    });
  });

  it('counts pupils with no views recorded this term', () => {
    expect(figures.pupilVoice).toEqual({ withoutViewsThisTerm: 6 });
  });

  it("averages each parent's latest confidence rating, and compares with half a term ago", () => {
    expect(figures.confidence).toEqual({ latestAverage: 3.67, parentsRating: 3, halfTermAgoAverage: 2.5, change: 1.17 });
  });

  it('counts delivery problems since the last weekly digest (failed SMS, failed Teams messages, failed jobs)', () => {
    expect(figures.delivery).toEqual({ since: '2026-11-09T08:00:00.000Z', failedSms: 2, failedTeams: 1, failedJobs: 1 });
  });

  it('shows pupils per key teacher, flagging more than the five the programme found manageable', () => {
    expect(figures.workload).toEqual([
      { staffId: known.staff.kate, name: 'Kate Morgan', pupils: 6, overManageable: true },
      { staffId: null, name: 'No key teacher', pupils: 1, overManageable: false },
      { staffId: known.staff.tom, name: 'Tom Reid', pupils: 1, overManageable: false },
      { staffId: known.staff.una, name: 'Una Price', pupils: 0, overManageable: false },
    ]);
  });

  it('charts the school year month by month', () => {
    expect(charts.schoolYearFrom).toBe('2026-09-01');
    expect(charts.heldPerMonth).toEqual([
      { month: '2026-09', held: 1 },
      { month: '2026-10', held: 1 },
      { month: '2026-11', held: 1 },
    ]);
    expect(charts.confidencePerMonth).toEqual([
      { month: '2026-09', average: 2 },
      { month: '2026-10', average: 2.5 },
      { month: '2026-11', average: 3.67 },
    ]);
    expect(charts.targetsByStatus).toEqual([
      { area: 'ENGLISH', counts: { NOT_STARTED: 0, WORKING_TOWARDS: 1, ACHIEVED: 0, NEEDS_CHANGE: 0, CLOSED: 1 } },
      { area: 'MATHS', counts: { NOT_STARTED: 1, WORKING_TOWARDS: 0, ACHIEVED: 1, NEEDS_CHANGE: 0, CLOSED: 0 } },
      { area: 'WIDER', counts: { NOT_STARTED: 0, WORKING_TOWARDS: 2, ACHIEVED: 0, NEEDS_CHANGE: 1, CLOSED: 0 } },
    ]);
  });

  it("Given a second school on the same database, When Birchwood's digest is computed, Then it holds only Birchwood's records", async () => {
    const input = await loadDigestInput(testDb.db.prisma, known.birchwood, REPORT_AT);
    const birch = computeDigest(input, REPORT_AT);
    expect(birch.pupilsOnRegister).toBe(1);
    expect(birch.conversations.overdueByKeyTeacher).toEqual([{ staffId: known.staff.birchLead, name: 'Bea Birch', count: 1 }]);
    expect(birch.targets.total).toEqual({ set: 1, reviewedOnTime: 0, achieved: 0, offTrack: 1 });
    expect(birch.parents).toMatchObject({ contacts: 1, reachedLastHalfTerm: 1, repliesWaiting: { count: 1, oldestMinutes: 8700, medianMinutes: 8700 } });
    expect(birch.confidence.latestAverage).toBe(1);
    expect(birch.delivery).toMatchObject({ failedSms: 0, failedTeams: 1, failedJobs: 1 });
  });

  it('narrows every figure to a filter (Year 7 only: Amir, Bella, George)', async () => {
    const input = await loadDigestInput(testDb.db.prisma, known.oakfield, REPORT_AT, { yearGroup: 7 });
    const y7 = computeDigest(input, REPORT_AT);
    expect(y7.pupilsOnRegister).toBe(3);
    expect(y7.conversations.overdue).toBe(1);
    expect(y7.parents.contacts).toBe(3);
    // Failed messages are narrowed to those about the filtered pupils: none is.
    expect(y7.delivery).toMatchObject({ failedSms: 0, failedTeams: 0, failedJobs: 0 });
  });
});

describe('digest arithmetic', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[60, 4320, 720], 720],
    [[60, 4320, 720, 1440], 1080],
  ])('the median of %j is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('reads the week in school-local time: Sunday 23:30 UTC in summer is already Monday in London', () => {
    expect(weekOf(new Date('2026-09-06T23:30:00Z'), 'Europe/London')).toEqual({ from: '2026-09-07', to: '2026-09-13' });
    expect(weekOf(new Date('2026-09-06T23:30:00Z'), 'UTC')).toEqual({ from: '2026-08-31', to: '2026-09-06' });
  });
});
