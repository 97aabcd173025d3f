import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';
import { connect, misOf, MIS_TOKEN_KEY, runDue, schoolWithAdmin, startMisWorld, type MisWorld } from './misSupport';

/**
 * Two instances of the service on one database, both running the jobs that are due when a school's
 * sync asked for now and its nightly sync fall due together: one sync runs at a time (the lease on
 * the connection), the other job waits its turn, and every pupil arrives once.
 */
describe('two instances and one school to sync', () => {
  const clock = new ManualClock(new Date('2026-09-07T09:00:00Z'));
  const WONDE = { id: 'A920000001', token: 'standin-token-two-0123456789abcdef', size: { pupils: 300, staff: 20 } };
  let w: MisWorld;
  let other: RunningService;

  beforeAll(async () => {
    w = await startMisWorld(clock, [WONDE], { client: { perPage: 50 } });
    other = await startTestService({
      clock,
      database: w.svc.testDb,
      env: { WONDE_API_ORIGIN: w.wonde.origin, MIS_TOKEN_KEY },
      service: { mis: { budgetMs: 60_000, client: { sleep: async () => undefined, perPage: 50 } } },
    });
  });
  afterAll(async () => {
    await other.service.stop();
    await w.close();
  });

  it('Given the first sync and the nightly sync are due at once, When both instances run their due jobs together, Then one sync runs at a time and each pupil is added once', async () => {
    const { schoolId } = await schoolWithAdmin(w.svc, 'Twin Academy');
    expect((await connect(w.svc, schoolId, { wondeSchoolId: WONDE.id, token: WONDE.token })).status).toBe(201);
    const night = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync.nightly', schoolId } });
    clock.set(night.runAt);
    await Promise.all([runDue(w.svc), runDue(other)]);
    // Whichever job took the lease carried the first sync through; the other waited a minute, then found it finished
    // (the sync asked for now has nothing left to do; tonight's starts a changes-only sync of its own, which finds nothing new).
    clock.advance(61_000);
    await Promise.all([runDue(w.svc), runDue(other)]);

    const syncs = await w.svc.ctx.prisma.misSync.findMany({ where: { connection: { schoolId } }, orderBy: { createdAt: 'asc' } });
    expect(syncs[0]).toMatchObject({ mode: 'FULL', status: 'SUCCEEDED', added: 50, unchanged: 0, pages: 6 });
    expect(syncs.slice(1).map((s) => [s.mode, s.status, s.added, s.updated])).toEqual(syncs.length === 2 ? [['CHANGES', 'SUCCEEDED', 0, 0]] : []);
    expect(await w.svc.ctx.prisma.pupil.count({ where: { schoolId } })).toBe(50);
    expect(await w.svc.ctx.prisma.auditEvent.count({ where: { schoolId, action: 'pupil.create' } })).toBe(50);
    expect(await w.svc.ctx.prisma.job.findMany({ where: { schoolId, kind: { startsWith: 'mis.' }, status: { in: ['FAILED', 'RUNNING'] } } })).toEqual([]);
    expect((await misOf(w.svc, schoolId)).current).toBeNull();
  });
});
