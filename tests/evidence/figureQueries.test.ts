import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../db/database';
import { loadPupilEvidence, loadSchoolEvidence, PUPIL_EVIDENCE_STATEMENTS, SCHOOL_EVIDENCE_STATEMENTS } from '../../achievement/figureQueries';
import { countQueries, type QueryCounter } from '../support/queryCounter';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/**
 * The guard against N+1 queries in the evidence figures: a school of 3 pupils and one of 60, each
 * pupil with assessments, attendance, an exclusion, events and a history, cost the same statements.
 */
const AT = new Date('2027-03-01T10:00:00Z');
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

async function schoolOf(db: PrismaClient, pupils: number): Promise<{ schoolId: string; pupilId: string }> {
  const school = await db.school.create({ data: { name: `School of ${pupils}`, terms: { create: [{ name: 'Autumn 2026', startsOn: day('2026-09-02'), endsOn: day('2026-12-18') }, { name: 'Spring 2027', startsOn: day('2027-01-05'), endsOn: day('2027-03-26') }] } } });
  const scheme = await db.assessmentScheme.create({ data: { schoolId: school.id, name: 'Steps', kind: 'STEPS', steps: ['A', 'B', 'C'] } });
  const subject = await db.assessmentSubject.create({ data: { schoolId: school.id, key: 'reading', name: 'Reading', schemeId: scheme.id } });
  const ids = Array.from({ length: pupils }, () => randomUUID());
  const recordedAt = AT;
  await db.pupil.createMany({ data: ids.map((id, i) => ({ id, schoolId: school.id, misId: `P${i}`, firstName: 'P', lastName: `${i}`, yearGroup: 3, senStatus: i % 4 === 0 ? 'NOT_ON_REGISTER' : 'SEN_SUPPORT', onRegisterSince: day('2025-09-03') })) });
  await db.senStatusChange.createMany({ data: ids.flatMap((pupilId, i) => [{ pupilId, senStatus: 'SEN_SUPPORT' as const, effectiveOn: day('2025-09-03') }, ...(i % 4 === 0 ? [{ pupilId, senStatus: 'NOT_ON_REGISTER' as const, effectiveOn: day('2026-07-20') }] : [])]) });
  await db.assessmentPoint.createMany({
    data: ids.flatMap((pupilId) => [
      { pupilId, subjectId: subject.id, schemeId: scheme.id, windowStartsOn: day('2026-09-02'), windowName: 'Autumn 2026', step: 'A', recordedAt },
      { pupilId, subjectId: subject.id, schemeId: scheme.id, windowStartsOn: day('2027-01-05'), windowName: 'Spring 2027', step: 'B', recordedAt },
    ]),
  });
  await db.attendanceRecord.createMany({ data: ids.map((pupilId) => ({ pupilId, fromDate: day('2027-01-05'), toDate: day('2027-02-26'), sessionsPossible: 80, sessionsAttended: 75, recordedAt })) });
  await db.exclusion.createMany({ data: ids.map((pupilId) => ({ pupilId, kind: 'SUSPENSION' as const, startsOn: day('2027-02-01'), days: 1, recordedAt })) });
  await db.widerOutcomeEvent.createMany({ data: ids.flatMap((pupilId) => [{ pupilId, kind: 'BEHAVIOUR_INCIDENT' as const, occurredOn: day('2027-02-02'), recordedAt }, { pupilId, kind: 'PARTICIPATION' as const, occurredOn: day('2027-02-03'), recordedAt }]) });
  await db.schoolAttendance.create({ data: { schoolId: school.id, fromDate: day('2027-01-05'), toDate: day('2027-02-26'), percent: 95, recordedAt } });
  return { schoolId: school.id, pupilId: ids[1]! };
}

describe('Given a 3-pupil school and a 60-pupil school, each pupil with a year of evidence', () => {
  let testDb: TestDatabase;
  let queries: QueryCounter;
  let small: { schoolId: string; pupilId: string };
  let large: { schoolId: string; pupilId: string };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    small = await schoolOf(testDb.db.prisma, 3);
    large = await schoolOf(testDb.db.prisma, 60);
    queries = countQueries(testDb.db.pool);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it.each([
    ["the school's evidence", (s: typeof small) => loadSchoolEvidence(testDb.db.prisma, s.schoolId, AT), SCHOOL_EVIDENCE_STATEMENTS],
    ["a pupil's evidence", (s: typeof small) => loadPupilEvidence(testDb.db.prisma, s.pupilId, AT), PUPIL_EVIDENCE_STATEMENTS],
  ] as const)('When %s is loaded, Then the larger school costs exactly as many SQL statements as the smaller', async (_what, load, statements) => {
    const forSmall = await queries.during(() => load(small));
    const forLarge = await queries.during(() => load(large));
    expect([forSmall, forLarge]).toEqual([statements, statements]);
  });

  it('and the loaded rows are the school\'s own, whole', async () => {
    const input = await loadSchoolEvidence(testDb.db.prisma, large.schoolId, AT);
    expect([input.pupils.length, input.points.length, input.attendance.length, input.exclusions.length, input.events.length]).toEqual([60, 120, 60, 60, 120]);
    expect(input.pupils.filter((p) => p.history.length === 2)).toHaveLength(15);
  });
});
