import { staffBearer } from '../support/staffTokens';
import { startTestService, type RunningService } from '../support/testService';
import { seedSchool } from '../bot/teamsActivities';

let svc: RunningService;
let school: Awaited<ReturnType<typeof seedSchool>>;

beforeAll(async () => {
  svc = await startTestService({ env: { LOCAL_SIGN_IN: 'true' } });
  school = await seedSchool(svc.ctx.prisma);
});
afterAll(async () => {
  await svc.close();
});

async function as(staff: { email: string }) {
  return { authorization: await staffBearer(svc, staff) };
}

const finalRecord = (version: number) => ({
  state: 'FINAL',
  version,
  exploreStrengths: 'Kind to younger pupils',
  focusNotes: 'Times tables',
  attendees: [{ name: 'Samina Hussain', role: 'mother' }],
  pupilInvolvement: 'VIEWS_GATHERED_BEFOREHAND',
  heldOn: '2026-09-07',
  targets: [{ area: 'MATHS', description: 'Know the 3, 4 and 8 times tables', reviewBy: '2026-10-30', homeActions: 'Times-tables game after tea' }],
});

describe('the recording REST API', () => {
  it('Given an incomplete final record, When PUT, Then 422 lists what is missing', async () => {
    const res = await svc.api(`/api/conversations/${school.conversation.id}/record`, { method: 'PUT', body: JSON.stringify({ state: 'FINAL', version: 1 }), headers: await as(school.jones) });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.details.problems.map((p: { field: string }) => p.field)).toEqual(expect.arrayContaining(['focusNotes', 'targets', 'attendees', 'pupilInvolvement']));
  });

  it('Given the key teacher, When she PUTs a complete record, Then it is FINAL with its targets; a stale version is refused with 409', async () => {
    const res = await svc.api(`/api/conversations/${school.conversation.id}/record`, { method: 'PUT', body: JSON.stringify(finalRecord(1)), headers: await as(school.jones) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.conversation).toMatchObject({ recordState: 'FINAL', version: 2 });
    expect(body.targets).toHaveLength(1);
    // The trail's follow-ups are planned with the record, not at the next planning tick.
    const followUps = await svc.ctx.prisma.job.findMany({ where: { subjectId: school.conversation.id, status: 'PENDING' }, select: { kind: true } });
    expect(followUps.map((j) => j.kind)).toEqual(expect.arrayContaining(['reminder.confirmWithParent', 'confidence.check']));
    const stale = await svc.api(`/api/conversations/${school.conversation.id}/record`, { method: 'PUT', body: JSON.stringify(finalRecord(1)), headers: await as(school.jones) });
    expect(stale.status).toBe(409);
    expect((await stale.json()).details).toEqual({ currentVersion: 2 });
  });

  it('Given another key teacher, When he tries to record or read Amir, Then he is refused (404: not his pupil)', async () => {
    const put = await svc.api(`/api/conversations/${school.conversation.id}/record`, { method: 'PUT', body: JSON.stringify(finalRecord(2)), headers: await as(school.khan) });
    expect(put.status).toBe(404);
    const get = await svc.api(`/api/pupils/${school.amir.id}/targets`, { headers: await as(school.khan) });
    expect(get.status).toBe(404);
  });

  it('When views and progress are posted, Then they are stored, audited and the targets show the latest progress', async () => {
    const views = await svc.api(`/api/pupils/${school.amir.id}/views`, { method: 'POST', body: JSON.stringify({ goodAt: 'Drawing', helpsMe: 'A quiet corner' }), headers: await as(school.jones) });
    expect(views.status).toBe(201);
    const { targets } = await (await svc.api(`/api/pupils/${school.amir.id}/targets`, { headers: await as(school.jones) })).json();
    const progress = await svc.api(`/api/targets/${targets[0].id}/progress`, { method: 'POST', body: JSON.stringify({ status: 'WORKING_TOWARDS', note: 'Knows the 3s', tellParent: false }), headers: await as(school.jones) });
    expect(progress.status).toBe(201);
    const after = await (await svc.api(`/api/pupils/${school.amir.id}/targets`)).json();
    expect(after.targets[0]).toMatchObject({ status: 'WORKING_TOWARDS', latestProgress: { status: 'WORKING_TOWARDS', note: 'Knows the 3s' } });
    const audit = await svc.ctx.prisma.auditEvent.findMany({ where: { action: { in: ['pupilView.create', 'target.progress'] } } });
    expect(audit.map((a) => a.actorId)).toEqual([school.jones.id, school.jones.id]);
  });

  it('When a progress status is not one a teacher can report, Then 400', async () => {
    const { targets } = await (await svc.api(`/api/pupils/${school.amir.id}/targets`)).json();
    const res = await svc.api(`/api/targets/${targets[0].id}/progress`, { method: 'POST', body: JSON.stringify({ status: 'CLOSED' }) });
    expect(res.status).toBe(400);
  });
});
