import { ManualClock } from '../../runtime/clock';
import { DELIVER_MESSAGE } from '../../messaging/outbox';
import { startTwilioStandIn, type Answer, type TwilioStandIn } from '../sms/twilioStandIn';
import { startPrivateCluster, type PrivateCluster } from '../support/privateCluster';
import { startTestService, type RunningService } from '../support/testService';
import { queueProgressUpdates, seedSchoolOfParents } from './schoolOfParents';
import { TWILIO_ENV } from './twilioEnv';

/**
 * The school's PostgreSQL server is restarted (a managed database's maintenance, a failover, a
 * crash) while a round of progress texts is going out. The service runs on a server of the test's
 * own, which the test really stops and starts again under it.
 */
describe('PostgreSQL restarted during a send batch', () => {
  let cluster: PrivateCluster;
  let standIn: TwilioStandIn;
  let svc: RunningService;
  const clock = new ManualClock(new Date('2026-09-08T09:00:00Z')); // Tuesday 10:00 in London, in term

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    standIn = await startTwilioStandIn();
    svc = await startTestService({ clock, database: await cluster.createDatabase(), env: { ...TWILIO_ENV, TWILIO_API_ORIGIN: standIn.url } });
  });
  afterAll(async () => {
    await svc?.close();
    await standIn?.close();
    await cluster?.destroy();
  });

  const ready = async () => (await fetch(`${svc.baseUrl}/readyz`)).status;

  /** An answer from Twilio that first stops PostgreSQL: Twilio takes the text just as the database goes away. */
  function outage(mode: 'fast' | 'immediate'): { answer: Answer; down: Promise<void> } {
    let markDown!: () => void;
    const down = new Promise<void>((resolve) => (markDown = resolve));
    const answer = async () => {
      await cluster.stop(mode);
      markDown();
      return 'accept' as const;
    };
    return { answer, down };
  }

  /** A run of the jobs meets the outage: the service says it is not ready, the run gives up, PostgreSQL comes back, the service is ready again. */
  async function rideOut(o: { down: Promise<void> }): Promise<void> {
    const run = svc.service.jobs.runDue();
    run.catch(() => undefined);
    await o.down;
    expect(await ready()).toBe(503);
    // The run stops at the first outcome it cannot write; the scheduler's next tick starts another.
    await expect(run).rejects.toThrow();
    await cluster.start();
    expect(await ready()).toBe(200);
  }

  it('Given 200 progress texts going out, When PostgreSQL is restarted (fast) as Twilio takes the 60th and crashes (immediate) as it takes the 130th, Then /readyz says 503 then 200 each time and every parent gets their text exactly once', async () => {
    const { prisma } = svc.ctx;
    const school = await seedSchoolOfParents(prisma, { pupils: 200 });
    const ids = await queueProgressUpdates(prisma, clock, school.pupilIds);
    expect(ids).toHaveLength(200);
    expect(await ready()).toBe(200);

    const restart = outage('fast');
    const crash = outage('immediate');
    standIn.answers = [...Array<Answer>(59).fill('accept'), restart.answer, ...Array<Answer>(69).fill('accept'), crash.answer];
    await rideOut(restart);
    await rideOut(crash);

    // The scheduler's ticks, a minute apart, for two minutes: what an interrupted run had claimed is
    // taken again at once, not when its five-minute lease runs out; a retry's first wait is 30 s.
    for (let minute = 0; minute < 3; minute += 1) {
      await svc.service.jobs.runDue();
      clock.advance(60_000);
    }

    expect(standIn.accepted.map((m) => m.to).sort()).toEqual([...school.mobiles].sort());
    const messages = await prisma.message.findMany({ where: { id: { in: ids } }, select: { status: true, providerId: true, attempts: true } });
    expect(messages.filter((m) => m.status !== 'SENT')).toEqual([]);
    expect(new Set(messages.map((m) => m.providerId))).toEqual(new Set(standIn.accepted.map((m) => m.sid)));
    // The texts Twilio took as the database went down were found at Twilio on the retry, not sent again.
    expect(messages.filter((m) => m.attempts > 1).length).toBeGreaterThanOrEqual(2);
    expect(await prisma.job.count({ where: { kind: DELIVER_MESSAGE, status: { not: 'DONE' } } })).toBe(0);
  });
});
