import { ManualClock } from '../../runtime/clock';
import { createLogger } from '../../runtime/logger';
import { cancelJobs, claimDueJobs, planJob } from '../../jobs/jobQueue';
import { JobRunner, PermanentFailure, RetryLater } from '../../jobs/jobRunner';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const logger = createLogger('silent');
const T0 = new Date('2026-09-08T08:00:00Z');

describe('the jobs table', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  const runner = (workerId: string, leaseMs?: number): JobRunner => new JobRunner({ pool: t.db.pool, clock, logger, workerId, leaseMs });

  beforeEach(async () => {
    t = await createTestDatabase();
    clock = new ManualClock(T0);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('plans the same reminder twice as one job, and a changed date moves it', async () => {
    await planJob(t.db.prisma, { kind: 'reminder', dedupeKey: 'reminder:c1', runAt: new Date('2026-09-10T08:00:00Z') });
    await planJob(t.db.prisma, { kind: 'reminder', dedupeKey: 'reminder:c1', runAt: new Date('2026-09-11T08:00:00Z') });
    const jobs = await t.db.prisma.job.findMany();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.runAt.toISOString()).toBe('2026-09-11T08:00:00.000Z');
  });

  it('does not revive a job that already ran when planned again', async () => {
    const ran: string[] = [];
    const r = runner('a');
    r.register('reminder', async (job) => void ran.push(job.dedupeKey));
    await planJob(t.db.prisma, { kind: 'reminder', dedupeKey: 'reminder:c1', runAt: T0 });
    await r.runDue();
    await planJob(t.db.prisma, { kind: 'reminder', dedupeKey: 'reminder:c1', runAt: T0 });
    await r.runDue();
    expect(ran).toEqual(['reminder:c1']);
  });

  it('cancels the pending jobs about a cancelled conversation only', async () => {
    const conversation = '00000000-0000-4000-8000-000000000001';
    await planJob(t.db.prisma, { kind: 'reminder', dedupeKey: 'r1', runAt: T0, subjectId: conversation });
    await planJob(t.db.prisma, { kind: 'prompt', dedupeKey: 'r2', runAt: T0, subjectId: conversation });
    await planJob(t.db.prisma, { kind: 'reminder', dedupeKey: 'other', runAt: T0 });
    expect(await cancelJobs(t.db.prisma, conversation)).toBe(2);
    expect((await t.db.prisma.job.findMany({ where: { status: 'PENDING' } })).map((j) => j.dedupeKey)).toEqual(['other']);
  });

  it('runs nothing before it is due', async () => {
    const r = runner('a');
    const ran: string[] = [];
    r.register('reminder', async (job) => void ran.push(job.dedupeKey));
    await planJob(t.db.prisma, { kind: 'reminder', dedupeKey: 'later', runAt: new Date(T0.getTime() + 60_000) });
    expect(await r.runDue()).toMatchObject({ done: 0 });
    clock.advance(60_000);
    expect(await r.runDue()).toMatchObject({ done: 1 });
    expect(ran).toEqual(['later']);
  });

  it('gives each due job to exactly one of several workers claiming at once', async () => {
    for (let i = 0; i < 200; i += 1) await planJob(t.db.prisma, { kind: 'k', dedupeKey: `job-${i}`, runAt: T0 });
    const claims = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((workerId) => claimDueJobs(t.db.pool, { workerId, now: T0, limit: 80, leaseMs: 60_000 })));
    const ids = claims.flat().map((j) => j.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  it('takes over the job of an instance that crashed mid-run once its lease has passed', async () => {
    await planJob(t.db.prisma, { kind: 'k', dedupeKey: 'crashy', runAt: T0 });
    const [claimed] = await claimDueJobs(t.db.pool, { workerId: 'crashed', now: T0, limit: 1, leaseMs: 60_000 });
    expect(claimed).toBeDefined();
    const r = runner('survivor');
    const ran: number[] = [];
    r.register('k', async (job) => void ran.push(job.attempts));
    expect(await r.runDue()).toMatchObject({ done: 0 });
    clock.advance(61_000);
    expect(await r.runDue()).toMatchObject({ done: 1 });
    expect(ran).toEqual([2]);
  });

  it("takes its own interrupted claims again at its next run, without waiting for the lease, and leaves another instance's live claim alone", async () => {
    await planJob(t.db.prisma, { kind: 'k', dedupeKey: 'mine', runAt: new Date(T0.getTime() - 60_000) });
    await planJob(t.db.prisma, { kind: 'k', dedupeKey: 'theirs', runAt: T0 });
    // As a run of 'me' leaves it when the database went away before it could write the outcome.
    await claimDueJobs(t.db.pool, { workerId: 'me', now: T0, limit: 1, leaseMs: 5 * 60_000 });
    await claimDueJobs(t.db.pool, { workerId: 'other', now: T0, limit: 1, leaseMs: 5 * 60_000 });
    const r = runner('me');
    const ran: string[] = [];
    r.register('k', async (job) => void ran.push(`${job.dedupeKey}#${job.attempts}`));
    expect(await r.runDue()).toMatchObject({ done: 1 });
    expect(ran).toEqual(['mine#2']);
    expect(await t.db.prisma.job.findUniqueOrThrow({ where: { dedupeKey: 'theirs' } })).toMatchObject({ status: 'RUNNING', lockedBy: 'other' });
  });

  it('retries a transient failure with backoff, then succeeds', async () => {
    const r = runner('a');
    let calls = 0;
    r.register('k', async () => {
      calls += 1;
      if (calls < 3) throw new RetryLater('Twilio 503');
    });
    await planJob(t.db.prisma, { kind: 'k', dedupeKey: 'flaky', runAt: T0 });
    expect(await r.runDue()).toMatchObject({ retried: 1 });
    const after1 = await t.db.prisma.job.findUniqueOrThrow({ where: { dedupeKey: 'flaky' } });
    expect(after1.runAt.getTime() - T0.getTime()).toBe(30_000);
    expect(after1.lastError).toBe('Twilio 503');
    clock.advance(30_000);
    expect(await r.runDue()).toMatchObject({ retried: 1 });
    clock.advance(60_000);
    expect(await r.runDue()).toMatchObject({ done: 1 });
    expect(calls).toBe(3);
  });

  it('records a permanent failure and does not retry it', async () => {
    const r = runner('a');
    r.register('k', async () => {
      throw new PermanentFailure('number does not exist');
    });
    await planJob(t.db.prisma, { kind: 'k', dedupeKey: 'dead', runAt: T0 });
    expect(await r.runDue()).toMatchObject({ failed: 1 });
    clock.advance(24 * 3600_000);
    expect(await r.runDue()).toMatchObject({ failed: 0, done: 0 });
    expect(await t.db.prisma.job.findUniqueOrThrow({ where: { dedupeKey: 'dead' } })).toMatchObject({ status: 'FAILED', lastError: 'number does not exist' });
  });

  it('gives up after the last allowed attempt', async () => {
    const r = runner('a');
    r.register('k', async () => {
      throw new Error('still down');
    });
    await planJob(t.db.prisma, { kind: 'k', dedupeKey: 'down', runAt: T0, maxAttempts: 2 });
    await r.runDue();
    clock.advance(3600_000);
    expect(await r.runDue()).toMatchObject({ failed: 1 });
    expect((await t.db.prisma.job.findUniqueOrThrow({ where: { dedupeKey: 'down' } })).status).toBe('FAILED');
  });

  it('holds a job until later without counting an attempt', async () => {
    const r = runner('a');
    let first = true;
    r.register('k', async () => {
      if (first) {
        first = false;
        return { rescheduleAt: new Date(T0.getTime() + 3600_000) };
      }
      return undefined;
    });
    await planJob(t.db.prisma, { kind: 'k', dedupeKey: 'quiet', runAt: T0 });
    expect(await r.runDue()).toMatchObject({ rescheduled: 1 });
    expect((await t.db.prisma.job.findUniqueOrThrow({ where: { dedupeKey: 'quiet' } })).attempts).toBe(0);
    clock.advance(3600_000);
    expect(await r.runDue()).toMatchObject({ done: 1 });
  });

  it("runs one parent's messages in order, one at a time, while other parents' go side by side", async () => {
    const r = new JobRunner({ pool: t.db.pool, clock, logger, workerId: 'a', concurrency: 4 });
    const log: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    r.register('send', async (job) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      log.push(`start ${job.dedupeKey}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`end ${job.dedupeKey}`);
      running -= 1;
    });
    for (let i = 0; i < 3; i += 1) {
      await planJob(t.db.prisma, { kind: 'send', dedupeKey: `mum-${i}`, runAt: new Date(T0.getTime() - 1000 + i), payload: { lane: 'mum' } });
      await planJob(t.db.prisma, { kind: 'send', dedupeKey: `dad-${i}`, runAt: new Date(T0.getTime() - 1000 + i), payload: { lane: 'dad' } });
    }
    await r.runDue();
    const mum = log.filter((l) => l.includes('mum'));
    expect(mum).toEqual(['start mum-0', 'end mum-0', 'start mum-1', 'end mum-1', 'start mum-2', 'end mum-2']);
    expect(mostAtOnce).toBe(2);
  });

  it('gives up on a send that never answers, so one stuck provider call does not stall the instance', async () => {
    const r = new JobRunner({ pool: t.db.pool, clock, logger, workerId: 'a', jobTimeoutMs: 50 });
    let calls = 0;
    r.register('k', async () => {
      calls += 1;
      if (calls === 1) await new Promise<never>(() => undefined);
    });
    await planJob(t.db.prisma, { kind: 'k', dedupeKey: 'stuck', runAt: T0 });
    expect(await r.runDue()).toMatchObject({ retried: 1 });
    expect((await t.db.prisma.job.findUniqueOrThrow({ where: { dedupeKey: 'stuck' } })).lastError).toBe('no answer within 0 s');
    clock.advance(30_000);
    expect(await r.runDue()).toMatchObject({ done: 1 });
  });

  it('fails a job nobody knows how to run', async () => {
    await planJob(t.db.prisma, { kind: 'mystery', dedupeKey: 'm', runAt: T0 });
    expect(await runner('a').runDue()).toMatchObject({ failed: 1 });
  });
});
