import { openDatabase, type Database } from '../../db/database';
import { ManualClock } from '../../runtime/clock';
import { loadConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';
import { createService, type Service } from '../../service/service';
import type { ServiceContext } from '../../platform/context';
import { notifyStaff } from '../../messaging/staffNotifier';
import { claimDueJobs } from '../../jobs/jobQueue';
import { RetryLater } from '../../jobs/jobRunner';
import { planAllSchools } from '../../scheduling/planner';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { transaction } from '../../db/transaction';
import { switchableSenders, type SwitchableSenders } from '../support/switchableSenders';
import type { SendOutcome } from '../../messaging/delivery';

/**
 * Two service instances on one PostgreSQL database, as behind a load balancer: both plan, both
 * run due jobs, at the same time and over and over. The provider (the test sender) must see every
 * planned message exactly once, including when an instance dies mid-send and when sends fail
 * for a while.
 */
describe('two engine instances on one database', () => {
  let t: TestDatabase;
  const extraDbs: Database[] = [];
  const clock = new ManualClock(new Date('2026-09-08T08:00:00Z')); // Tue 09:00 in London, in term

  const instance = async (providers?: SwitchableSenders): Promise<{ ctx: ServiceContext; service: Service }> => {
    const db = await openDatabase({ databaseUrl: t.url, dataDir: '/nonexistent', poolSize: 4 });
    extraDbs.push(db);
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: t.url, SCHEDULER_ENABLED: 'false' });
    const ctx: ServiceContext = { config, db, prisma: db.prisma, clock, logger: createLogger('silent') };
    return { ctx, service: createService(ctx, { senders: providers?.senders }) };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    for (const db of extraDbs) await db.close();
    await t.drop();
  });

  it('delivers every planned message exactly once while both plan and run concurrently, one dies mid-send, and sends fail for a while', async () => {
    const providerOfA = switchableSenders();
    const providerOfB = switchableSenders();
    const a = await instance(providerOfA);
    const b = await instance(providerOfB);
    const prisma = a.ctx.prisma;
    const school = await prisma.school.create({ data: { name: 'Twin Town Academy' } });
    await prisma.schoolTerm.create({ data: { schoolId: school.id, name: 'Autumn 2026', startsOn: new Date('2026-09-03'), endsOn: new Date('2026-12-18') } });
    const teachers = await Promise.all(
      ['Ms Ash', 'Mr Birch', 'Mrs Cedar'].map((displayName, i) => prisma.staff.create({ data: { schoolId: school.id, displayName, email: `t${i}@twin.example`, roles: ['KEY_TEACHER'] } })),
    );
    for (let i = 0; i < 30; i += 1) {
      await prisma.pupil.create({
        data: { schoolId: school.id, misId: `P${i}`, firstName: `Pupil${i}`, lastName: 'Test', yearGroup: 5, senStatus: 'SEN_SUPPORT', keyTeacherId: teachers[i % 3]!.id, onRegisterSince: new Date('2026-09-08') },
      });
    }

    // The provider: counts what reaches it. Instance A hangs for ever on its 5th send (a crash
    // after claiming and marking the message SENDING, before the provider saw it); every 7th call
    // fails with a 503 once.
    const delivered: string[] = [];
    const deliveredBy = { a: 0, b: 0 };
    let calls = 0;
    let aCalls = 0;
    let lastCallOfA = 0;
    const failedOnce = new Set<string>();
    const provider = (name: 'a' | 'b') => ({
      async send(m: { id: string }): Promise<SendOutcome> {
        calls += 1;
        if (name === 'a') {
          aCalls += 1;
          lastCallOfA = Date.now();
          if (aCalls === 5) return new Promise<never>(() => undefined);
        }
        if (calls % 7 === 0 && !failedOnce.has(m.id)) {
          failedOnce.add(m.id);
          throw new RetryLater('Teams 503');
        }
        delivered.push(m.id);
        deliveredBy[name] += 1;
        return { kind: 'sent', providerId: `p-${m.id}` };
      },
    });
    providerOfA.use('TEAMS', provider('a'));
    providerOfB.use('TEAMS', provider('b'));

    // Both instances plan the school at the same moment (and again), while each queues its own
    // messages; then both run due work concurrently, round after round.
    const queueFrom = (inst: typeof a, prefix: string) =>
      (async () => {
        for (let i = 0; i < 60; i += 1) {
          await transaction(inst.ctx.prisma, (tx) => notifyStaff(tx, clock, { staffId: teachers[i % 3]!.id, template: 'booking.confirmed', text: `${prefix} ${i}`, idempotencyKey: `${prefix}:${i}` }));
        }
      })();
    const plan = (inst: typeof a) => planAllSchools(inst.ctx.prisma, clock, (_id, err) => { throw err; });
    await Promise.all([plan(a), plan(b), queueFrom(a, 'a'), queueFrom(b, 'b'), plan(a), plan(b), b.service.jobs.runDue()]);
    await Promise.all([queueFrom(a, 'a2'), queueFrom(b, 'b2')]);
    // A third instance claims a batch and dies before running any of it.
    const orphaned = await claimDueJobs(t.db.pool, { workerId: 'crashed-instance', now: clock.now(), limit: 5, leaseMs: 5 * 60_000 });
    // A runs alongside B until its hung send; it never comes back.
    // (Its run would give up on the hung send after the job timeout, long after this test.)
    void a.service.jobs.runDue().catch(() => undefined);
    // Until A has hung and its other lanes have gone quiet: on a busy machine they could still be
    // sending when B's rounds move the clock past their leases, and B would take them over.
    while (aCalls < 5 || Date.now() - lastCallOfA < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    for (let round = 0; round < 12; round += 1) {
      await Promise.all([b.service.jobs.runDue(), plan(b), b.service.jobs.runDue()]);
      clock.advance(60_000);
    }

    const conversations = await prisma.structuredConversation.count();
    expect(conversations).toBe(30);
    const messages = await prisma.message.findMany({ select: { id: true, status: true } });
    expect(messages).toHaveLength(30 + 240); // one "book a conversation" reminder per pupil + the queued notices
    expect(orphaned).toHaveLength(5);
    expect(failedOnce.size).toBeGreaterThan(0);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(new Set(delivered)).toEqual(new Set(messages.map((m) => m.id)));
    expect(messages.every((m) => m.status === 'SENT')).toBe(true);
    // A's hung send blocks only its lane; A finishes that batch's other lanes, then never claims again.
    expect(aCalls).toBeGreaterThanOrEqual(5);
    expect(aCalls).toBeLessThanOrEqual(5 + 19);
    expect(deliveredBy.a).toBeGreaterThan(0);
    expect(deliveredBy.a + deliveredBy.b).toBe(270);
    // The message A hung on was taken over after its lease, knowing the earlier attempt was uncertain.
    expect(await prisma.message.count({ where: { attempts: { gt: 1 } } })).toBeGreaterThan(0);
    expect(await prisma.job.count({ where: { kind: 'deliver-message', status: { not: 'DONE' } } })).toBe(0);
  });
});
