import { ManualClock } from '../../service/clock';
import { DELIVER_MESSAGE } from '../../messaging/outbox';
import { startTwilioStandIn, type TwilioStandIn } from '../sms/twilioStandIn';
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

  it.each(['fast', 'immediate'] as const)(
    'Given 200 progress texts going out, When PostgreSQL stops (%s) as Twilio takes the 60th and then starts again, Then /readyz says 503 then 200 and every parent gets their text exactly once',
    async (mode) => {
      const { prisma } = svc.ctx;
      standIn.accepted.length = 0;
      const school = await seedSchoolOfParents(prisma, { pupils: 200 });
      const ids = await queueProgressUpdates(prisma, clock, school.pupilIds);
      expect(ids).toHaveLength(200);
      expect(await ready()).toBe(200);

      // Twilio takes the 60th text just as PostgreSQL goes away: the service cannot record that it went.
      let markDown!: () => void;
      const down = new Promise<void>((resolve) => (markDown = resolve));
      standIn.answers = [
        ...Array<'accept'>(59).fill('accept'),
        async () => {
          await cluster.stop(mode);
          markDown();
          return 'accept';
        },
      ];
      const batch = svc.service.platform.jobs.runDue();
      batch.catch(() => undefined);
      await down;
      expect(await ready()).toBe(503);
      // The run stops at the first outcome it cannot write; the scheduler's next tick starts another.
      await expect(batch).rejects.toThrow();
      const stranded = standIn.accepted.length;
      await cluster.start();
      expect(await ready()).toBe(200);

      // The scheduler's ticks, a minute apart: what was claimed before the restart is taken again when its lease runs out.
      for (let minute = 0; minute < 8; minute += 1) {
        await svc.service.platform.jobs.runDue();
        clock.advance(60_000);
      }

      const atTwilio = standIn.accepted.filter((m) => school.mobiles.includes(m.to));
      expect(stranded).toBeGreaterThanOrEqual(60);
      expect(atTwilio.map((m) => m.to).sort()).toEqual([...school.mobiles].sort());
      const messages = await prisma.message.findMany({ where: { id: { in: ids } }, select: { status: true, providerId: true, attempts: true } });
      expect(messages.filter((m) => m.status !== 'SENT')).toEqual([]);
      expect(new Set(messages.map((m) => m.providerId))).toEqual(new Set(atTwilio.map((m) => m.sid)));
      // The text Twilio took as the database went down was found at Twilio on the retry, not sent again.
      expect(messages.filter((m) => m.attempts > 1).length).toBeGreaterThan(0);
      expect(await prisma.job.count({ where: { kind: DELIVER_MESSAGE, subjectId: { in: ids }, status: { not: 'DONE' } } })).toBe(0);
    },
  );
});
