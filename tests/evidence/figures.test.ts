import { loadPupilEvidence, loadSchoolEvidence } from '../../achievement/figureQueries';
import { pupilFigures, schoolFigures, type SchoolFigures } from '../../achievement/figures';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { REPORT_AT, seedKnownEvidence, type KnownEvidence } from './knownEvidence';

const week = (weekOf: string, count: number) => ({ week: weekOf, count });
const SPRING_WEEKS = ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22', '2027-03-01'];

describe("the evidence figures of Oakfield on Monday 1 March 2027 (known data set)", () => {
  let testDb: TestDatabase;
  let known: KnownEvidence;
  let school: SchoolFigures;
  const pupil = async (who: keyof KnownEvidence['pupils']) => {
    const rows = await loadPupilEvidence(testDb.db.prisma, known.pupils[who], REPORT_AT);
    return pupilFigures(rows.input, known.pupils[who], REPORT_AT, rows.lastConversationOn);
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    known = await seedKnownEvidence(testDb.db.prisma);
    school = schoolFigures(await loadSchoolEvidence(testDb.db.prisma, known.oakfield, REPORT_AT), REPORT_AT);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  describe('for the school', () => {
    it('reports on the spring term, leading with the wider outcomes the school chose', () => {
      expect([school.today, school.term, school.widerOutcomes]).toEqual(['2027-03-01', { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' }, ['ATTENDANCE', 'BEHAVIOUR']]);
    });

    it('counts the SEN register and former SEN pupils, not a pupil who left the register over two years ago, one never on it, a leaver or another school', () => {
      expect(school.cohort).toEqual({ pupils: 4, formerSen: 1 });
    });

    it('counts pupils off course and, by subject, pupils assessed, off course and on course', () => {
      expect(school.attainment).toEqual({
        offCourse: { pupils: 3, pupilIds: [known.pupils.amir, known.pupils.bella, known.pupils.caleb].sort() },
        bySubject: [
          // The engagement model is never on or off course.
          { key: 'engagement', name: 'Engagement', assessed: 1, offCourse: 0, onCourse: 0 },
          // Bella fell 7 points; Caleb is 6 below his starting point; Amir wobbles within 5.
          { key: 'maths', name: 'Maths', assessed: 3, offCourse: 2, onCourse: 1 },
          { key: 'phonics', name: 'Phonics', assessed: 1, offCourse: 1, onCourse: 0 },
          // Caleb's one point is too early to say.
          { key: 'reading', name: 'Reading', assessed: 4, offCourse: 1, onCourse: 2 },
          { key: 'writing', name: 'Writing', assessed: 1, offCourse: 0, onCourse: 1 },
        ],
      });
    });

    it("compares the cohort's attendance this term with the whole school's, and counts persistent absence (exactly 90% included)", () => {
      // 284 of 306 sessions; Bella 87.5% and Caleb 90.0% are persistently absent.
      expect(school.attendance).toEqual({ cohortPercent: 92.8, wholeSchoolPercent: 95.1, persistentAbsence: 2, pupilsWithAttendance: 4, gap: -2.3 });
    });

    it('counts exclusions this term', () => {
      expect(school.exclusions).toEqual({ suspensions: 1, permanent: 1, days: 1.5, pupils: 2 });
    });

    it('shows each wider outcome over the school year so far, term by term (a holiday counts with the term before it)', () => {
      expect(school.byTerm).toEqual([
        {
          term: 'Autumn 2026',
          from: '2026-09-02',
          to: '2026-12-18',
          attendance: { cohortPercent: 93, wholeSchoolPercent: 95.5, persistentAbsence: 1, pupilsWithAttendance: 3 },
          exclusions: { suspensions: 1, permanent: 0, days: 2, pupils: 1 },
          behaviour: { incidents: 1, pupils: 1 },
          achievements: { count: 2, pupils: 2 },
          bullying: { reports: 1, resolved: 1 },
          participation: { attendances: 2, pupils: 1 },
        },
        {
          term: 'Spring 2027',
          from: '2027-01-05',
          to: '2027-03-26',
          attendance: { cohortPercent: 92.8, wholeSchoolPercent: 95.1, persistentAbsence: 2, pupilsWithAttendance: 4 },
          exclusions: { suspensions: 1, permanent: 1, days: 1.5, pupils: 2 },
          behaviour: { incidents: 4, pupils: 2 },
          achievements: { count: 2, pupils: 1 },
          bullying: { reports: 2, resolved: 1 },
          participation: { attendances: 3, pupils: 2 },
        },
      ]);
    });
  });

  describe('for a pupil', () => {
    it("Bella: fell back in maths and reading, persistently absent but improving, suspended since her last conversation", async () => {
      const bella = await pupil('bella');
      expect(bella.cohort).toBe('SEN');
      expect(bella.subjects.map((s) => [s.key, s.progress.status, s.progress.reasons, s.progress.startValue, s.progress.latestValue, s.progress.sinceStart, s.progress.sinceLast])).toEqual([
        ['maths', 'off_course', ['fell_back', 'below_starting_point'], '90', '83', { change: -7, terms: 1, expected: 0, perTerm: -7 }, { change: -7, terms: 1, expected: 0, perTerm: -7 }],
        ['reading', 'off_course', ['fell_back'], 'Expected', 'Expected -', { change: -1, terms: 1, expected: 0, perTerm: -1 }, { change: -1, terms: 1, expected: 0, perTerm: -1 }],
      ]);
      expect(bella.attendance).toEqual({
        thisTerm: { term: 'Spring 2027', possible: 80, attended: 70, percent: 87.5, persistentAbsence: true },
        lastTerm: { term: 'Autumn 2026', possible: 142, attended: 120, percent: 84.5, persistentAbsence: true },
        trend: { change: 3, direction: 'up' },
      });
      expect(bella.exclusions).toEqual({ thisTerm: { suspensions: 1, days: 1.5, permanent: 0 } });
      expect(bella.outcomes).toEqual({
        thisTerm: { behaviourIncidents: 3, achievements: 0, bullyingReports: 0, bullyingResolved: 0, participation: 2 },
        behaviourByWeek: SPRING_WEEKS.map((w) => week(w, w === '2027-01-11' ? 3 : 0)),
        achievementsByWeek: SPRING_WEEKS.map((w) => week(w, 0)),
      });
      expect(bella.flags).toEqual({ offCourse: ['maths', 'reading'], persistentAbsence: true, newExclusion: true });
    });

    it('Amir: on course but for phonics; writing counted in its new scheme only; no exclusion since his last conversation', async () => {
      const amir = await pupil('amir');
      const writing = amir.subjects.find((s) => s.key === 'writing')!;
      expect(writing.points.map((p) => [p.window, p.value, p.baseline, p.inCurrentScheme])).toEqual([
        ['Summer 2026', 'Year 2 step 1', true, false],
        ['Autumn 2026', 'Working towards', false, true],
        ['Spring 2027', 'Working towards', false, true],
      ]);
      expect(writing.progress).toMatchObject({ status: 'on_course', startValue: 'Working towards', sinceStart: { change: 0, terms: 1, expected: 0, perTerm: 0 } });
      expect(amir.subjects.find((s) => s.key === 'reading')!.progress.sinceStart).toEqual({ change: 2, terms: 2, expected: 0, perTerm: 1 });
      expect(amir.subjects.find((s) => s.key === 'phonics')!.progress).toMatchObject({ status: 'off_course', reasons: ['below_expected_twice'], sinceStart: { change: 0, terms: 2, expected: 2, perTerm: 0 } });
      expect(amir.attendance.trend).toEqual({ change: 1.7, direction: 'up' });
      expect(amir.outcomes.achievementsByWeek.filter((w) => w.count > 0)).toEqual([week('2027-02-08', 1), week('2027-02-22', 1)]);
      expect(amir.flags).toEqual({ offCourse: ['phonics'], persistentAbsence: false, newExclusion: false });
    });

    it('Daisy is former SEN; Ethan, off the register for over two years, is in no cohort but his record still reads', async () => {
      expect((await pupil('daisy')).cohort).toBe('FORMER_SEN');
      const ethan = await pupil('ethan');
      expect([ethan.cohort, ethan.flags]).toEqual([null, { offCourse: ['reading'], persistentAbsence: true, newExclusion: true }]);
    });
  });
});
