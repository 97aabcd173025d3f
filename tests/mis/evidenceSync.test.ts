import { ManualClock } from '../../runtime/clock';
import { STAND_IN_ASPECTS, type WondeSchool } from '../../standins/wondeSchool';
import { STANDIN_SCHOOL, STANDIN_TOKEN } from '../support/wondeStandIn';
import { connect, misOf, runDue, schoolWithAdmin, startMisWorld, type MisWorld } from './misSupport';

/**
 * The evidence of the pupils the sync keeps comes from the MIS through the evidence imports: a
 * small school (60 pupils, 10 on the SEN register) whose MIS holds attendance, exclusions,
 * incidents, achievements and marksheet results (standins/wondeSchool.ts, generatedEvidence), and
 * a calendar of two terms. Exact numbers from the stand-in's records.
 */
describe("a school whose kept pupils' evidence comes from its MIS", () => {
  const clock = new ManualClock(new Date('2026-09-21T08:00:00Z')); // Monday 21 September, 09:00 in school
  let w: MisWorld;
  let school: WondeSchool;
  let schoolId: string;

  const sen = () => school.senStudents();
  const pupilOf = (upn: string) => w.svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId: upn } } });
  const attendanceOf = async (upn: string) =>
    (await w.svc.ctx.prisma.attendanceRecord.findMany({ where: { pupil: { schoolId, misId: upn } }, orderBy: { fromDate: 'asc' } })).map((r) => [r.fromDate.toISOString().slice(0, 10), r.toDate.toISOString().slice(0, 10), r.sessionsPossible, r.sessionsAttended, r.source]);
  const nextNight = async () => {
    const job = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync.nightly', schoolId, status: 'PENDING' }, orderBy: { runAt: 'asc' } });
    if (job.runAt > clock.now()) clock.set(job.runAt);
    w.wonde.requests.length = 0;
    await runDue(w.svc);
    return (await misOf(w.svc, schoolId)).last!;
  };
  const patch = (body: unknown) => w.svc.api(`/api/schools/${schoolId}/mis`, { method: 'PATCH', body: JSON.stringify(body) });

  beforeAll(async () => {
    w = await startMisWorld(clock, [{ id: STANDIN_SCHOOL, token: STANDIN_TOKEN, size: { pupils: 60, staff: 10 } }]);
    school = w.wonde.school(STANDIN_SCHOOL);
    ({ schoolId } = await schoolWithAdmin(w.svc, 'Wonde Stand-in Academy'));
    await w.svc.ctx.prisma.schoolTerm.createMany({
      data: [
        { schoolId, name: 'Autumn 2026', startsOn: new Date('2026-09-02'), endsOn: new Date('2026-12-18') },
        { schoolId, name: 'Spring 2027', startsOn: new Date('2027-01-05'), endsOn: new Date('2027-03-26') },
      ],
    });
    for (const [subject, preset] of [['reading', 'age-related'], ['maths', 'standardised-score']]) {
      expect((await w.svc.api(`/api/schools/${schoolId}/subjects/${subject}`, { method: 'PUT', body: JSON.stringify({ preset }) })).status).toBe(200);
    }
  });
  afterAll(() => w.close());

  it('Given the admin maps an aspect to a subject the school does not assess, When they save it, Then it is refused naming the subjects, and nothing is stored', async () => {
    const res = await connect(w.svc, schoolId, { wondeSchoolId: STANDIN_SCHOOL, token: STANDIN_TOKEN, aspects: [{ aspect: 'Reading', subject: 'phonics' }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unknown_subject', message: expect.stringContaining('its subjects: maths, reading') });
    expect(await w.svc.ctx.prisma.misConnection.count({ where: { schoolId } })).toBe(0);
  });

  it('Given the MIS connected with Reading mapped by name and Maths by its Wonde id, When the first sync runs, Then each kept pupil has this term\'s attendance, their exclusions, incidents, achievements and the two subjects\' results, from the MIS', async () => {
    const res = await connect(w.svc, schoolId, { wondeSchoolId: STANDIN_SCHOOL, token: STANDIN_TOKEN, aspects: [{ aspect: 'Reading', subject: 'Reading' }, { aspect: STAND_IN_ASPECTS[1].id, subject: 'maths' }] });
    expect(res.status).toBe(201);
    expect((await res.json()).settings.aspects).toEqual([{ aspect: 'Reading', subject: 'reading' }, { aspect: 'A7000002', subject: 'maths' }]);
    await runDue(w.svc);
    const last = (await misOf(w.svc, schoolId)).last!;
    expect(last).toMatchObject({ mode: 'FULL', status: 'SUCCEEDED', pupils: { added: 10, rejected: 0 }, problems: [] });
    expect(last.evidence).toEqual({
      attendance: { imported: 10, updated: 0, unchanged: 0, rejected: 0 },
      exclusions: { imported: 1, updated: 0, unchanged: 0, rejected: 0 },
      behaviour: { imported: 8, updated: 0, unchanged: 0, rejected: 0 },
      achievements: { imported: 10, updated: 0, unchanged: 0, rejected: 0 },
      assessments: { imported: 20, updated: 0, unchanged: 0, rejected: 0 },
    });
    // 14 weekdays since 1 September, two sessions each; pupil 6 misses 6 in every 100 (one session).
    expect(await attendanceOf(sen()[0]!.upn)).toEqual([['2026-09-02', '2026-09-21', 28, 28, 'MIS']]);
    expect(await attendanceOf(sen()[1]!.upn)).toEqual([['2026-09-02', '2026-09-21', 28, 27, 'MIS']]);
    const first = await pupilOf(sen()[0]!.upn);
    expect(await w.svc.ctx.prisma.exclusion.findMany({ where: { pupilId: first.id }, select: { kind: true, days: true, source: true } })).toEqual([{ kind: 'SUSPENSION', days: 1, source: 'MIS' }]);
    // Two incidents on one day, as the MIS holds them; the category is the MIS's code, never its description.
    expect(await w.svc.ctx.prisma.widerOutcomeEvent.findMany({ where: { pupilId: first.id, kind: 'BEHAVIOUR_INCIDENT' }, select: { category: true } })).toEqual([{ category: 'DISR' }, { category: 'DISR' }]);
    const points = await w.svc.ctx.prisma.assessmentPoint.findMany({ where: { pupilId: first.id }, include: { subject: true }, orderBy: { subject: { key: 'asc' } } });
    expect(points.map((p) => [p.subject.key, p.windowName, p.step ?? p.score, p.source])).toEqual([
      ['maths', 'Autumn 2026', 85, 'MIS'],
      ['reading', 'Autumn 2026', 'Working towards', 'MIS'],
    ]);
    // Science is not mapped: its results are not the programme's and stay in the MIS.
    expect(await w.svc.ctx.prisma.assessmentPoint.count({ where: { pupil: { schoolId } } })).toBe(20);
    // Only the kept pupils' records were read, each once with their contacts and evidence.
    const asked = w.wonde.requests.filter((r) => /\/students\/A/.test(r.path));
    expect(asked.map((r) => r.path.split('/').pop()).sort()).toEqual(sen().map((s) => s.id).sort());
    expect(new Set(asked.map((r) => r.query.include))).toEqual(new Set(['contacts,contacts.contact_details,attendance_summary,behaviours,achievements,exclusions,assessment_results']));
    expect(w.wonde.requests.some((r) => /behaviours|achievements|exclusions|attendance-summaries|assessment\/results/.test(r.path))).toBe(false);
  });

  it('Given a new incident, a corrected result and a day more of school, When the next night comes, Then only those are written, and everything else is unchanged', async () => {
    const pupil = sen()[1]!;
    school.addBehaviour(pupil.id, '2026-09-21', 'DISR');
    school.setResult(pupil.id, STAND_IN_ASPECTS[0].id, '2026-09-04', 'Expected');
    const last = await nextNight();
    expect(last).toMatchObject({ mode: 'CHANGES', status: 'SUCCEEDED', problems: [] });
    expect(last.evidence).toEqual({
      attendance: { imported: 0, updated: 10, unchanged: 0, rejected: 0 },
      exclusions: { imported: 0, updated: 0, unchanged: 1, rejected: 0 },
      behaviour: { imported: 1, updated: 0, unchanged: 8, rejected: 0 },
      achievements: { imported: 0, updated: 0, unchanged: 10, rejected: 0 },
      assessments: { imported: 0, updated: 1, unchanged: 19, rejected: 0 },
    });
    expect(await attendanceOf(pupil.upn)).toEqual([['2026-09-02', '2026-09-22', 30, 29, 'MIS']]);
    const id = (await pupilOf(pupil.upn)).id;
    expect(await w.svc.ctx.prisma.auditEvent.findFirst({ where: { action: 'assessmentPoint.correct', actorLabel: 'MIS sync (Wonde)' }, select: { before: true, after: true } })).toEqual({
      before: { pupilId: id, step: 'Working towards' },
      after: { pupilId: id, step: 'Expected' },
    });
  });

  it("Given the autumn term ended and spring began, When the nights come, Then autumn keeps the term's sessions and spring gets only its own share of the MIS's year to date", async () => {
    const pupil = sen()[2]!;
    school.setAttendance(pupil.id, 150, 140);
    clock.set(new Date('2026-12-20T12:00:00Z')); // the Christmas holiday: the year to date is autumn's
    await nextNight();
    school.setAttendance(pupil.id, 160, 148);
    clock.set(new Date('2027-01-11T12:00:00Z'));
    const last = await nextNight();
    expect(last.problems).toEqual([]);
    expect(await attendanceOf(pupil.upn)).toEqual([
      ['2026-09-02', '2026-12-18', 150, 140, 'MIS'],
      ['2027-01-05', '2027-01-11', 10, 8, 'MIS'],
    ]);
  });

  it('Given the admin changes the aspect mapping without a new token, Then it is validated and audited with before and after', async () => {
    expect((await patch({ aspects: [{ aspect: 'Maths', subject: 'maths' }, { aspect: 'maths', subject: 'reading' }] })).status).toBe(400);
    const res = await patch({ aspects: [{ aspect: 'Maths', subject: 'maths' }] });
    expect(res.status).toBe(200);
    expect((await res.json()).aspects).toEqual([{ aspect: 'Maths', subject: 'maths' }]);
    expect(await w.svc.ctx.prisma.auditEvent.findFirst({ where: { schoolId, action: 'mis.settings' }, select: { before: true, after: true } })).toEqual({
      before: { aspects: [{ aspect: 'Reading', subject: 'reading' }, { aspect: 'A7000002', subject: 'maths' }] },
      after: { aspects: [{ aspect: 'Maths', subject: 'maths' }] },
    });
  });
});
