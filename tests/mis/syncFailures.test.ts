import { ManualClock } from '../../runtime/clock';
import { connect, misOf, runDue, schoolWithAdmin, startMisWorld, type MisWorld } from './misSupport';

/**
 * What goes wrong between a school and Wonde, over real HTTP against the stand-in: a page that
 * fails half way, 5xx and timeouts, a rate limit, revoked access, a malformed record, a school that
 * disconnects. Each scene has a school of its own at the stand-in (300 pupils, 50 on the register,
 * 200 to a page when read, so two pages; the client reads 100 a page here: three pages).
 */
const SIZE = { pupils: 300, staff: 20 };
const schools = ['half', 'busy', 'slow', 'revoked401', 'revoked403', 'malformed', 'leaving', 'down'].map((name, i) => ({ name, id: `A90000000${i}`, token: `standin-token-${name}-0123456789abcdef`, size: SIZE }));
const scene = (name: string) => schools.find((s) => s.name === name)!;

describe('when the MIS sync meets trouble', () => {
  const clock = new ManualClock(new Date('2026-09-07T09:00:00Z'));
  let w: MisWorld;

  const setUp = async (name: string) => {
    const s = scene(name);
    const { schoolId, adminId } = await schoolWithAdmin(w.svc, `School ${name}`);
    w.wonde.requests.length = 0;
    w.waits.length = 0;
    const res = await connect(w.svc, schoolId, { wondeSchoolId: s.id, token: s.token });
    expect(res.status).toBe(201);
    return { schoolId, adminId, school: w.wonde.school(s.id) };
  };
  const pupils = (schoolId: string) => w.svc.ctx.prisma.pupil.count({ where: { schoolId } });
  const studentPages = () => w.wonde.requests.filter((r) => /\/students$/.test(r.path)).map((r) => Number(r.query.page ?? 1));

  beforeAll(async () => {
    w = await startMisWorld(clock, schools, { client: { perPage: 100 } });
  });
  afterAll(() => w.close());

  it('Given Wonde fails on the third page of students (503, four tries), Then the first two pages are applied whole, and the next try resumes at the third page and finishes with no duplicates', async () => {
    const { schoolId } = await setUp('half');
    w.wonde.failNext([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }], /\/students$/, 2);
    await runDue(w.svc);
    let mis = await misOf(w.svc, schoolId);
    expect(mis.last).toBeNull();
    expect(mis.current).toMatchObject({ status: 'RUNNING', pupils: { added: 34, updated: 0, unchanged: 0, rejected: 0, left: 0 }, error: 'Wonde answered 503 4 times; trying again later' });
    expect(await pupils(schoolId)).toBe(34);
    expect(studentPages()).toEqual([1, 2, 3, 3, 3, 3]);
    // Retried with backoff inside the request (1 s, 2 s, 4 s), then the job waits 30 s.
    expect(w.waits).toEqual([1000, 2000, 4000]);
    const job = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync', schoolId } });
    expect(job).toMatchObject({ status: 'PENDING', attempts: 1, runAt: new Date(clock.now().getTime() + 30_000) });

    w.wonde.requests.length = 0;
    clock.advance(30_000);
    await runDue(w.svc);
    mis = await misOf(w.svc, schoolId);
    expect(mis.last).toMatchObject({ status: 'SUCCEEDED', error: null, pupils: { added: 50, updated: 0, unchanged: 0, rejected: 0, left: 0 } });
    expect(studentPages()).toEqual([3]);
    expect(await pupils(schoolId)).toBe(50);
  });

  it('Given Wonde answers 429 asking for 5 s, Then the sync waits 5 s as told and carries on; asking for 20 minutes, Then the sync resumes exactly then', async () => {
    const { schoolId } = await setUp('busy');
    w.wonde.rateLimit(1, 5);
    await runDue(w.svc);
    expect(w.waits).toEqual([5000]);
    expect((await misOf(w.svc, schoolId)).last).toMatchObject({ status: 'SUCCEEDED', pupils: { added: 50 } });

    const asked = await w.svc.api(`/api/schools/${schoolId}/mis/sync`, { method: 'POST', body: '{}' });
    expect(asked.status).toBe(202);
    expect(await asked.json()).toMatchObject({ alreadyUnderWay: false, sync: { mode: 'CHANGES', status: 'PENDING', trigger: 'ON_DEMAND' } });
    w.wonde.rateLimit(1, 1200);
    const before = clock.now();
    await runDue(w.svc);
    expect((await misOf(w.svc, schoolId)).current).toMatchObject({ status: 'RUNNING', error: "Wonde's rate limit: asked to wait 1200 s; carrying on then" });
    const job = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync', schoolId, status: 'PENDING' } });
    expect(job.runAt).toEqual(new Date(before.getTime() + 1_200_000));
    clock.set(job.runAt);
    await runDue(w.svc);
    expect((await misOf(w.svc, schoolId)).last).toMatchObject({ mode: 'CHANGES', status: 'SUCCEEDED', error: null });
  });

  it('Given Wonde does not answer in time twice, Then the request is retried and the sync succeeds', async () => {
    const { schoolId } = await setUp('slow');
    w.wonde.failNext(['timeout', 'timeout'], /\/employees$/);
    await runDue(w.svc);
    expect(w.waits).toEqual([1000, 2000]);
    expect((await misOf(w.svc, schoolId)).last).toMatchObject({ status: 'SUCCEEDED', pupils: { added: 50 } });
  });

  it.each([
    ['revoked401', 401],
    ['revoked403', 403],
  ] as const)('Given the school withdrew access in Wonde (%s), Then the connection is marked revoked, the admins are told in Teams, and no sync runs until it is connected again', async (name, status) => {
    const { schoolId, adminId } = await setUp(name);
    await runDue(w.svc);
    w.wonde.revoke(scene(name).id, status);
    const asked = await w.svc.api(`/api/schools/${schoolId}/mis/sync`, { method: 'POST', body: '{"full":true}' });
    expect(asked.status).toBe(202);
    await runDue(w.svc);
    const mis = await misOf(w.svc, schoolId);
    expect(mis).toMatchObject({ state: 'revoked', current: null, nextSyncAt: null, last: { status: 'FAILED', mode: 'FULL', error: expect.stringContaining(`(${status})`) } });
    const told = await w.svc.ctx.prisma.message.findMany({ where: { staffId: adminId, template: 'mis.accessRevoked' } });
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('connect the MIS again');
    expect(await w.svc.service.noticeNow(told[0]!)).toMatchObject({ send: true });
    expect(await w.svc.ctx.prisma.auditEvent.count({ where: { schoolId, action: 'mis.revoked' } })).toBe(1);

    // The nightly job comes and does nothing; asking for a sync is refused with the reason.
    const refused = await w.svc.api(`/api/schools/${schoolId}/mis/sync`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'access_revoked' });
    w.wonde.requests.length = 0;
    const night = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync.nightly', schoolId }, orderBy: { runAt: 'asc' } });
    clock.set(night.runAt);
    await runDue(w.svc);
    expect(w.wonde.requests.filter((r) => r.path.includes(scene(name).id))).toEqual([]);
    expect(await w.svc.ctx.prisma.job.count({ where: { kind: 'mis.sync.nightly', schoolId, status: 'PENDING' } })).toBe(0);

    // Approved again with a new token: connected, and a full sync starts.
    w.wonde.restore(scene(name).id);
    expect((await connect(w.svc, schoolId, { wondeSchoolId: scene(name).id, token: scene(name).token })).status).toBe(201);
    await runDue(w.svc);
    expect(await misOf(w.svc, schoolId)).toMatchObject({ state: 'connected', last: { status: 'SUCCEEDED', mode: 'FULL', pupils: { added: 0, unchanged: 50 } } });
    // The alarm still waiting for the admin's Teams is no longer true: it is not delivered.
    expect(await w.svc.service.noticeNow(told[0]!)).toEqual({ send: false, why: 'the MIS is connected again' });
  });

  it('Given one pupil record Wonde sends is malformed, Then it is rejected and reported by its Wonde id, and the other 49 are applied', async () => {
    const { schoolId, school } = await setUp('malformed');
    const bad = school.senStudents()[7]!;
    school.corrupt(bad.id);
    await runDue(w.svc);
    const { last } = await misOf(w.svc, schoolId);
    expect(last).toMatchObject({ status: 'SUCCEEDED', pupils: { added: 49, updated: 0, unchanged: 0, rejected: 1, left: 0 } });
    expect(last!.problems).toEqual([{ record: `student ${bad.id}`, column: '', reason: expect.stringMatching(/^not the shape Wonde documents, so it was not imported: /) }]);
    expect(await pupils(schoolId)).toBe(49);
  });

  it('Given the admin disconnects the MIS, Then the nightly sync stops, the token is dropped, and every pupil stays', async () => {
    const { schoolId } = await setUp('leaving');
    await runDue(w.svc);
    const res = await w.svc.api(`/api/schools/${schoolId}/mis`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ state: 'disconnected' });
    expect(await misOf(w.svc, schoolId)).toMatchObject({ state: 'disconnected', nextSyncAt: null, last: { status: 'SUCCEEDED' } });
    expect(await w.svc.ctx.prisma.misConnection.findUniqueOrThrow({ where: { schoolId } })).toMatchObject({ state: 'DISCONNECTED', tokenCiphertext: '' });
    expect(await w.svc.ctx.prisma.job.count({ where: { schoolId, kind: { startsWith: 'mis.' }, status: 'PENDING' } })).toBe(0);
    expect(await pupils(schoolId)).toBe(50);
    expect((await w.svc.api(`/api/schools/${schoolId}/mis/sync`, { method: 'POST', body: '{}' })).status).toBe(409);
    expect(await w.svc.ctx.prisma.auditEvent.count({ where: { schoolId, action: 'mis.disconnect' } })).toBe(1);
  });

  it('Given Wonde stays down through every retry of the sync (8 tries over about two hours), Then the sync is marked failed, and the next night carries it on from the page it stopped at', async () => {
    const { schoolId } = await setUp('down');
    w.wonde.failNext(Array.from({ length: 4 * 8 }, () => ({ status: 503 })), /\/students$/, 1);
    for (let attempt = 1; attempt <= 8; attempt++) {
      await runDue(w.svc);
      const job = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync', schoolId } });
      if (attempt < 8) clock.set(job.runAt);
      else expect(job).toMatchObject({ status: 'FAILED', attempts: 8 });
    }
    let mis = await misOf(w.svc, schoolId);
    expect(mis.last).toMatchObject({ status: 'FAILED', pupils: { added: 17 }, error: 'Wonde answered 503 4 times; the next sync carries on from where this one stopped' });
    const stopped = mis.last!.id;
    expect(mis.current).toMatchObject({ id: stopped });

    w.wonde.requests.length = 0;
    const night = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync.nightly', schoolId, status: 'PENDING' }, orderBy: { runAt: 'asc' } });
    clock.set(night.runAt);
    await runDue(w.svc);
    mis = await misOf(w.svc, schoolId);
    expect(mis.current).toBeNull();
    expect(mis.last).toMatchObject({ id: stopped, status: 'SUCCEEDED', mode: 'FULL', trigger: 'ON_DEMAND', error: null, pupils: { added: 50 } });
    expect(w.wonde.requests.filter((r) => r.path.includes(scene('down').id) && /\/students$/.test(r.path)).map((r) => Number(r.query.page))).toEqual([2, 3]);
  });
});
