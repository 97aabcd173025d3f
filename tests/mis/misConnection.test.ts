import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';
import { MIS_TOKEN_KEY } from './misSupport';

/** Connecting a school's MIS: what the API takes, refuses and answers (no sync runs here). */
describe("connecting a school's MIS through Wonde", () => {
  const clock = new ManualClock(new Date('2026-10-23T14:00:00Z')); // Friday before the clocks go back
  let svc: RunningService;
  let withoutKey: RunningService;
  let schoolId: string;
  const TOKEN = 'connection-test-token-0123456789abcdef';
  const post = (s: RunningService, body: unknown, id = schoolId) => s.api(`/api/schools/${id}/mis`, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    svc = await startTestService({ clock, env: { MIS_TOKEN_KEY } });
    withoutKey = await startTestService({ clock });
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } })).id;
  });
  afterAll(async () => {
    await svc.close();
    await withoutKey.close();
  });

  it('Given nothing connected yet, Then the state says so', async () => {
    expect(await (await svc.api(`/api/schools/${schoolId}/mis`)).json()).toEqual({ state: 'not_connected' });
    expect((await svc.api(`/api/schools/${schoolId}/mis/sync`, { method: 'POST', body: '{}' })).status).toBe(409);
  });

  it.each([
    ['a sync time that is no time', { syncTime: '25:00' }],
    ['a weekday past Sunday', { fullSyncWeekday: 8 }],
    ['a key teacher field source without the field', { keyTeacher: { source: 'FIELD' } }],
    ['a staff role that does not exist', { staffRoles: [{ misRole: 'SENCO', roles: ['HEAD'] }] }],
    ['a domain that is not one of Wonde\'s', { domain: 'api.wonde.example' }],
    ['a field the API does not take', { tokenCiphertext: 'x' }],
    ['no token', { token: undefined }],
  ])('Given %s, Then 400 and nothing stored', async (_, change) => {
    const res = await post(svc, { wondeSchoolId: 'A1930499544', token: TOKEN, ...change });
    expect(res.status).toBe(400);
    expect(await svc.ctx.prisma.misConnection.count({ where: { schoolId } })).toBe(0);
  });

  it('Given the local stand-in outside the embedded default, Then it is refused', async () => {
    const res = await post(svc, { wondeSchoolId: 'A1930499544', token: TOKEN, domain: 'local-stand-in' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'stand_in_unavailable' });
  });

  it('Given a deployment without MIS_TOKEN_KEY, Then connecting is refused with the reason, and nothing is stored', async () => {
    const other = (await withoutKey.ctx.prisma.school.create({ data: { name: 'Riverside' } })).id;
    const res = await post(withoutKey, { wondeSchoolId: 'A1930499544', token: TOKEN }, other);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'mis_key_missing' });
    expect(await withoutKey.ctx.prisma.misConnection.count()).toBe(0);
  });

  it.each([['not-a-school-id'], ['00000000-0000-4000-8000-000000000000']])('Given the school %s, Then 404', async (id) => {
    expect((await post(svc, { wondeSchoolId: 'A1930499544', token: TOKEN }, id)).status).toBe(404);
  });

  it("Given the admin connects with the school's settings, Then the answer and the state carry the settings and the next night's time, never the token", async () => {
    const settings = { wondeSchoolId: 'A1930499544', domain: 'api.wonde.com', syncTime: '01:30', fullSyncWeekday: 6, pupilKey: 'ADMISSION_NUMBER', keyTeacher: { source: 'CLASS' }, staffRoles: [{ misRole: 'SENCO', roles: ['SENCO'] }] };
    const res = await post(svc, { ...settings, token: TOKEN });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(text)).toMatchObject({ state: 'connected', settings, firstSync: { mode: 'FULL', trigger: 'ON_DEMAND', status: 'PENDING' } });
    const state = await (await svc.api(`/api/schools/${schoolId}/mis`)).text();
    expect(state).not.toContain(TOKEN);
    // Saturday 24 October, 01:30 in school (BST): 00:30 UTC.
    expect(JSON.parse(state)).toMatchObject({ state: 'connected', ...settings, nextSyncAt: '2026-10-24T00:30:00.000Z', current: { status: 'PENDING' }, last: null });
    const audit = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { schoolId, action: 'mis.connect' } });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it('Given a sync is already waiting, When the admin asks for another, Then the answer is the one waiting', async () => {
    const res = await svc.api(`/api/schools/${schoolId}/mis/sync`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(202);
    const { sync, alreadyUnderWay } = (await res.json()) as { sync: { id: string }; alreadyUnderWay: boolean };
    expect(alreadyUnderWay).toBe(true);
    expect(sync.id).toBe(((await (await svc.api(`/api/schools/${schoolId}/mis`)).json()) as { current: { id: string } }).current.id);
    expect(await svc.ctx.prisma.misSync.count()).toBe(1);
  });

  it('Given the nights after the clocks go back, Then the sync stays at 01:30 school time (01:30 UTC after Sunday 25 October)', async () => {
    clock.set(new Date('2026-10-25T12:00:00Z'));
    const reconnect = await post(svc, { wondeSchoolId: 'A1930499544', token: TOKEN, syncTime: '01:30' });
    expect(reconnect.status).toBe(201);
    expect(await (await svc.api(`/api/schools/${schoolId}/mis`)).json()).toMatchObject({ nextSyncAt: '2026-10-26T01:30:00.000Z' });
    expect(await svc.ctx.prisma.job.count({ where: { schoolId, kind: 'mis.sync.nightly', status: 'PENDING' } })).toBe(1);
  });
});
