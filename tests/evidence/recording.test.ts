import { ManualClock } from '../../runtime/clock';
import { staffBearer } from '../support/staffTokens';
import { startTestService, type RunningService } from '../support/testService';
import { setUpOakfield } from './evidenceSchool';

/**
 * Staff recording evidence over the API, one operation at a time: the SENCO setting up how subjects
 * are assessed, key teachers recording their pupils' assessments, attendance, exclusions and events,
 * and everyone reading what they may. Today is Monday 1 March 2027, in the spring term.
 */
const NOW = new Date('2027-03-01T10:00:00Z');

describe('recording evidence over the API', () => {
  let svc: RunningService;
  let schoolId: string;
  let pupils: Awaited<ReturnType<typeof setUpOakfield>>['pupils'];
  const as: Record<'senco' | 'lead' | 'admin' | 'tom' | 'aisha', string> = { senco: '', lead: '', admin: '', tom: '', aisha: '' };

  const call = (who: keyof typeof as, method: string, path: string, body?: unknown) =>
    svc.api(`/api${path}`, { method, headers: { authorization: as[who], 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = async (res: Promise<Response>): Promise<[number, any]> => {
    const r = await res;
    return [r.status, await r.json()];
  };
  const audits = (action: string) => svc.ctx.prisma.auditEvent.findMany({ where: { schoolId, action }, orderBy: { at: 'asc' } });

  beforeAll(async () => {
    svc = await startTestService({ clock: new ManualClock(NOW), env: { LOCAL_SIGN_IN: 'true' } });
    ({ schoolId, pupils } = await setUpOakfield(svc));
    as.senco = await staffBearer(svc, { email: 'r.okafor@oakfield.example' });
    as.lead = await staffBearer(svc, { email: 'd.hughes@oakfield.example' });
    as.admin = await staffBearer(svc, { email: 'p.shah@oakfield.example' });
    // Tom is Amir's key teacher; Aisha is Sara's and Jayden's.
    as.tom = await staffBearer(svc, { email: 't.fletcher@oakfield.example' });
    as.aisha = await staffBearer(svc, { email: 'a.begum@oakfield.example' });
  });
  afterAll(async () => {
    await svc.close();
  });

  describe('how the school assesses', () => {
    it('Given the school chose presets for reading, writing and maths, when a key teacher looks, then they see the presets, the copies and the subjects', async () => {
      const [status, setup] = await json(call('tom', 'GET', `/schools/${schoolId}/assessment`));
      expect(status).toBe(200);
      expect(setup.presets.map((p: { key: string }) => p.key)).toEqual(['age-related', 'small-steps', 'pre-key-stage-1', 'pre-key-stage-2', 'engagement-model', 'standardised-score']);
      expect(setup.schemes.map((s: { presetKey: string; expectedPerTerm: number }) => [s.presetKey, s.expectedPerTerm])).toEqual([['age-related', 0], ['standardised-score', 0]]);
      const ageRelated = setup.schemes[0].id;
      expect(setup.subjects).toEqual([
        { key: 'maths', name: 'Maths', schemeId: setup.schemes[1].id },
        { key: 'reading', name: 'Reading', schemeId: ageRelated },
        { key: 'writing', name: 'Writing', schemeId: ageRelated },
      ]);
    });

    it('Given the SENCO, when she defines the school\'s own phonics scheme and assesses phonics in it, then both are audited', async () => {
      const [status, scheme] = await json(call('senco', 'POST', `/schools/${schoolId}/assessment-schemes`, { kind: 'STEPS', name: 'Phonics phases', steps: ['Phase 1', 'Phase 2', 'Phase 3', 'Phase 4', 'Phase 5'] }));
      expect([status, scheme]).toEqual([201, expect.objectContaining({ name: 'Phonics phases', kind: 'STEPS', expectedPerTerm: 1, presetKey: null })]);
      const [chosen, subject] = await json(call('senco', 'PUT', `/schools/${schoolId}/subjects/phonics`, { schemeId: scheme.id }));
      expect([chosen, subject]).toEqual([200, { outcome: 'added', subject: { key: 'phonics', name: 'Phonics', schemeId: scheme.id } }]);
      expect(await json(call('senco', 'PUT', `/schools/${schoolId}/subjects/phonics`, { schemeId: scheme.id }))).toEqual([200, expect.objectContaining({ outcome: 'unchanged' })]);
      expect((await audits('assessmentScheme.create')).at(-1)).toMatchObject({ actorLabel: 'r.okafor@oakfield.example', entityId: scheme.id, after: { name: 'Phonics phases', steps: ['Phase 1', 'Phase 2', 'Phase 3', 'Phase 4', 'Phase 5'] } });
      expect((await audits('assessmentSubject.choose')).filter((a) => a.entityType === 'AssessmentSubject' && (a.after as { key?: string }).key === 'phonics')).toHaveLength(1);
    });

    it.each<[string, unknown, number, string]>([
      ['the same name twice', { kind: 'STEPS', name: 'phonics PHASES', steps: ['A', 'B'] }, 409, 'name_taken'],
      ["a preset's name", { kind: 'DESCRIPTIVE', name: 'The engagement model', steps: ['A', 'B'] }, 409, 'name_taken'],
      ['a single step', { kind: 'STEPS', name: 'Tiny', steps: ['Only'] }, 400, 'invalid_request'],
    ])('refuses a scheme with %s', async (_case, body, status, error) => {
      expect(await json(call('admin', 'POST', `/schools/${schoolId}/assessment-schemes`, body))).toEqual([status, expect.objectContaining({ error })]);
    });

    it('Given points recorded in Phase 2, when the SENCO changes the scheme, then the rate may change and steps may be added, but Phase 2 may not go', async () => {
      const [, setup] = await json(call('senco', 'GET', `/schools/${schoolId}/assessment`));
      const phonics = setup.schemes.find((s: { name: string }) => s.name === 'Phonics phases');
      expect((await json(call('tom', 'PUT', `/pupils/${pupils.amir}/assessments`, { subject: 'phonics', window: 'Autumn 2026', value: 'phase 2' })))[0]).toBe(200);
      const [changed, after] = await json(call('senco', 'PATCH', `/assessment-schemes/${phonics.id}`, { expectedPerTerm: 0.5, steps: ['Phase 1', 'Phase 2', 'Phase 3', 'Phase 4', 'Phase 5', 'Phase 6'] }));
      expect([changed, after.expectedPerTerm, after.steps.length]).toEqual([200, 0.5, 6]);
      expect((await audits('assessmentScheme.update')).at(-1)).toMatchObject({ before: { expectedPerTerm: 1, steps: ['Phase 1', 'Phase 2', 'Phase 3', 'Phase 4', 'Phase 5'] }, after: { expectedPerTerm: 0.5 } });
      expect(await json(call('senco', 'PATCH', `/assessment-schemes/${phonics.id}`, { steps: ['Phase 1', 'Phase 3'] }))).toEqual([409, expect.objectContaining({ error: 'step_in_use', details: { steps: ['Phase 2'] } })]);
      expect(await json(call('senco', 'PATCH', `/assessment-schemes/${phonics.id}`, { minScore: 3 }))).toEqual([400, expect.objectContaining({ error: 'invalid_scheme' })]);
    });

    it("Given a preset's copy, then only its rate and tolerance are the school's to set", async () => {
      const [, setup] = await json(call('senco', 'GET', `/schools/${schoolId}/assessment`));
      const scores = setup.schemes.find((s: { presetKey: string }) => s.presetKey === 'standardised-score');
      expect(await json(call('senco', 'PATCH', `/assessment-schemes/${scores.id}`, { tolerance: 4 }))).toEqual([200, expect.objectContaining({ tolerance: 4, minScore: 70, maxScore: 141 })]);
      expect(await json(call('senco', 'PATCH', `/assessment-schemes/${scores.id}`, { maxScore: 150 }))).toEqual([400, expect.objectContaining({ error: 'preset_fixed' })]);
    });

    it('refuses a key teacher and a school lead changing how the school assesses', async () => {
      const [, setup] = await json(call('senco', 'GET', `/schools/${schoolId}/assessment`));
      expect((await call('tom', 'POST', `/schools/${schoolId}/assessment-schemes`, { kind: 'STEPS', name: 'Mine', steps: ['A', 'B'] })).status).toBe(403);
      expect((await call('lead', 'PUT', `/schools/${schoolId}/subjects/science`, { preset: 'age-related' })).status).toBe(403);
      expect((await call('tom', 'PATCH', `/assessment-schemes/${setup.schemes[0].id}`, { expectedPerTerm: 1 })).status).toBe(403);
    });
  });

  describe("a pupil's assessments", () => {
    it("Given Tom, Amir's key teacher, when he records Amir's writing this term, then it is recorded; again it is unchanged; changed it is corrected, audited before and after", async () => {
      const record = (value: string) => json(call('tom', 'PUT', `/pupils/${pupils.amir}/assessments`, { subject: 'Writing', window: 'Spring 2027', value }));
      const [status, first] = await record('Working towards');
      expect([status, first.outcome, first.point]).toEqual([200, 'recorded', expect.objectContaining({ subject: 'writing', window: { name: 'Spring 2027', startsOn: '2027-01-05' }, step: 'Working towards', baseline: false, source: 'STAFF' })]);
      expect((await record('working towards'))[1].outcome).toBe('unchanged');
      expect((await record('Working towards +'))[1].outcome).toBe('corrected');
      const trail = (await audits('assessmentPoint.correct')).filter((a) => a.entityId === first.point.id);
      expect(trail.map((a) => [a.actorLabel, a.before, a.after])).toEqual([['t.fletcher@oakfield.example', { pupilId: pupils.amir, step: 'Working towards' }, { pupilId: pupils.amir, step: 'Working towards +' }]]);
    });

    it.each<[string, unknown, string, string]>([
      ['a subject the school does not assess', { subject: 'Latin', window: 'Autumn 2026', value: 'Expected' }, 'unknown_subject', '"Latin" is not a subject the school assesses (its subjects are maths, phonics, reading, writing)'],
      ['a score off the scale', { subject: 'maths', window: 'Autumn 2026', value: 160 }, 'not_in_scheme', '"160" is not a score on this scale (use a whole number from 70 to 141), Maths is assessed in Standardised scores (70 to 141)'],
      ['a term not started', { subject: 'maths', window: 'Summer 2027', value: 100 }, 'window_not_started', 'Summer 2027 has not started yet'],
    ])('refuses %s, saying why', async (_case, body, error, message) => {
      expect(await json(call('tom', 'PUT', `/pupils/${pupils.amir}/assessments`, body))).toEqual([400, { error, message }]);
    });

    it("refuses another key teacher (the pupil is not theirs to know: 404) and a school lead (403)", async () => {
      const body = { subject: 'maths', window: 'Autumn 2026', value: 100 };
      expect((await call('aisha', 'PUT', `/pupils/${pupils.amir}/assessments`, body)).status).toBe(404);
      expect((await call('lead', 'PUT', `/pupils/${pupils.amir}/assessments`, body)).status).toBe(403);
    });
  });

  describe('attendance, exclusions and wider outcomes', () => {
    it("Given Aisha, Sara's key teacher, when she records Sara's autumn attendance and then this term's to date, then both are kept; an overlapping range is refused", async () => {
      expect(await json(call('aisha', 'PUT', `/pupils/${pupils.sara}/attendance`, { term: 'Autumn 2026', sessionsPossible: 142, sessionsAttended: 126 }))).toEqual([
        200,
        { outcome: 'recorded', record: expect.objectContaining({ from: '2026-09-02', to: '2026-12-18', percent: 88.7, persistentAbsence: true, source: 'STAFF' }) },
      ]);
      expect((await json(call('aisha', 'PUT', `/pupils/${pupils.sara}/attendance`, { from: '2027-01-05', to: '2027-02-12', sessionsPossible: 56, sessionsAttended: 54 })))[1].outcome).toBe('recorded');
      // A week later, the term to date from the same first day replaces it.
      const [, later] = await json(call('aisha', 'PUT', `/pupils/${pupils.sara}/attendance`, { from: '2027-01-05', to: '2027-02-26', sessionsPossible: 66, sessionsAttended: 64 }));
      expect([later.outcome, later.record.to, later.record.percent]).toEqual(['corrected', '2027-02-26', 97]);
      expect(await json(call('aisha', 'PUT', `/pupils/${pupils.sara}/attendance`, { from: '2026-12-01', to: '2027-01-08', sessionsPossible: 20, sessionsAttended: 20 }))).toEqual([409, expect.objectContaining({ error: 'overlapping_attendance', details: { from: '2026-09-02', to: '2026-12-18' } })]);
    });

    it("Given the SENCO, when she gives the whole school's autumn attendance, then it is kept to one decimal place; a key teacher may not", async () => {
      expect(await json(call('senco', 'PUT', `/schools/${schoolId}/attendance`, { term: 'Autumn 2026', percent: 94.64 }))).toEqual([200, { outcome: 'recorded', record: { from: '2026-09-02', to: '2026-12-18', percent: 94.6 } }]);
      expect((await call('aisha', 'PUT', `/schools/${schoolId}/attendance`, { term: 'Autumn 2026', percent: 90 })).status).toBe(403);
    });

    it("Given Jayden's suspension, then it is recorded once (201), recorded again unchanged (200); a permanent exclusion has no days", async () => {
      const suspension = { kind: 'SUSPENSION', startsOn: '2027-02-24', days: 1.5 };
      expect(await json(call('aisha', 'POST', `/pupils/${pupils.jayden}/exclusions`, suspension))).toEqual([201, expect.objectContaining({ outcome: 'recorded' })]);
      expect(await json(call('aisha', 'POST', `/pupils/${pupils.jayden}/exclusions`, suspension))).toEqual([200, expect.objectContaining({ outcome: 'unchanged' })]);
      expect(await json(call('aisha', 'POST', `/pupils/${pupils.jayden}/exclusions`, { kind: 'PERMANENT', startsOn: '2027-02-26', days: 2 }))).toEqual([400, { error: 'invalid_days', message: 'a permanent exclusion has no length in days' }]);
    });

    it('Given incidents, an achievement, a bullying report and a club, then each is an occurrence of its own; only a bullying report is resolved or not', async () => {
      for (let i = 0; i < 2; i += 1) expect((await call('aisha', 'POST', `/pupils/${pupils.jayden}/behaviour-incidents`, { on: '2027-02-22', category: 'Disruption' })).status).toBe(201);
      expect(await json(call('aisha', 'POST', `/pupils/${pupils.jayden}/achievements`, { on: '2027-02-23', category: 'Good behaviour' }))).toEqual([201, expect.objectContaining({ kind: 'ACHIEVEMENT', resolved: null })]);
      expect(await json(call('aisha', 'POST', `/pupils/${pupils.jayden}/bullying-reports`, { on: '2027-02-10', category: 'Online' }))).toEqual([201, expect.objectContaining({ kind: 'BULLYING_REPORT', resolved: false })]);
      expect((await call('aisha', 'POST', `/pupils/${pupils.jayden}/participation`, { on: '2027-02-24', category: 'Football club' })).status).toBe(201);
      expect(await json(call('aisha', 'POST', `/pupils/${pupils.jayden}/achievements`, { on: '2027-02-23', resolved: true }))).toEqual([400, expect.objectContaining({ error: 'not_a_bullying_report' })]);
      expect((await call('aisha', 'POST', `/pupils/${pupils.jayden}/behaviour-incidents`, { on: '2027-02-22', category: 'He threw a chair at\nanother pupil' })).status).toBe(400);
      expect(await svc.ctx.prisma.widerOutcomeEvent.count({ where: { pupilId: pupils.jayden } })).toBe(5);
    });
  });

  describe('reading the evidence', () => {
    it("Given Jayden's record, when Aisha reads his evidence, then she sees this term's figures and flags, and the read is audited", async () => {
      const [status, evidence] = await json(call('aisha', 'GET', `/pupils/${pupils.jayden}/evidence`));
      expect(status).toBe(200);
      expect(evidence).toMatchObject({
        pupilId: pupils.jayden,
        today: '2027-03-01',
        term: { name: 'Spring 2027' },
        cohort: 'SEN',
        exclusions: { thisTerm: { suspensions: 1, days: 1.5, permanent: 0 } },
        outcomes: { thisTerm: { behaviourIncidents: 2, achievements: 1, bullyingReports: 1, bullyingResolved: 0, participation: 1 } },
        flags: { offCourse: [], persistentAbsence: false, newExclusion: true },
      });
      expect(evidence.records.exclusions).toEqual([expect.objectContaining({ kind: 'SUSPENSION', startsOn: '2027-02-24', days: 1.5 })]);
      expect((await audits('pupil.evidence.view')).map((a) => [a.actorLabel, a.entityType, a.entityId])).toEqual([['a.begum@oakfield.example', 'Pupil', pupils.jayden]]);
    });

    it("refuses Tom reading Jayden's evidence (not his pupil) and a key teacher the school's figures; the lead reads them", async () => {
      expect((await call('tom', 'GET', `/pupils/${pupils.jayden}/evidence`)).status).toBe(404);
      expect((await call('tom', 'GET', `/schools/${schoolId}/evidence`)).status).toBe(403);
      const [status, figures] = await json(call('lead', 'GET', `/schools/${schoolId}/evidence`));
      expect([status, figures.cohort, figures.widerOutcomes]).toEqual([200, { pupils: 4, formerSen: 0 }, ['ATTENDANCE', 'BEHAVIOUR']]);
    });
  });
});
