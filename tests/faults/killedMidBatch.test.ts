import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { systemClock } from '../../runtime/clock';
import { DELIVER_MESSAGE } from '../../messaging/outbox';
import { startTwilioStandIn, type Answer, type TwilioStandIn } from '../sms/twilioStandIn';
import { startServiceProcess, type ServiceProcess } from '../support/serviceProcess';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { queueProgressUpdates, seedSchoolOfParents } from './schoolOfParents';
import { TWILIO_ENV } from './twilioEnv';

/**
 * The service's process is killed outright (the host reboots, the container is evicted, the OOM
 * killer) while it is sending, and new instances start: two at once, as an orchestrator replacing
 * a dead replica does. They run as real processes from service/main.ts on the real clock.
 */
describe('the service killed mid-batch and started again', () => {
  let t: TestDatabase;
  let standIn: TwilioStandIn;
  const started: ServiceProcess[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    standIn = await startTwilioStandIn();
  });
  afterAll(async () => {
    await Promise.all(started.map((p) => p.kill('SIGKILL')));
    await standIn?.close();
    await t?.drop();
  });

  const start = (): Promise<ServiceProcess> =>
    startServiceProcess({ DATABASE_URL: t.url, API_KEY: 'fault-tests-api-key-0123456789', ...TWILIO_ENV, TWILIO_API_ORIGIN: standIn.url }).then((p) => {
      started.push(p);
      return p;
    });

  it('Given 40 progress texts going out, When the instance is killed (SIGKILL) just as Twilio takes the 10th and two new instances start together, Then every parent gets their text exactly once', async () => {
    const { prisma } = t.db;
    // The processes run on the real clock: this school texts at any hour of any day except an hour well away from now.
    const inHours = (h: number) => DateTime.utc().plus({ hours: h }).toFormat('HH:mm');
    const school = await seedSchoolOfParents(prisma, {
      pupils: 40,
      school: { timezone: 'UTC', messagesAtWeekends: true, messagesInHolidays: true, quietHoursStart: inHours(6), quietHoursEnd: inHours(7) },
    });
    const ids = await queueProgressUpdates(prisma, systemClock, school.pupilIds);

    // Twilio is slow (40 ms a text); the instance dies as Twilio accepts the 10th, before it hears back.
    const slowly: Answer = async () => {
      await sleep(40);
      return 'accept';
    };
    let killed!: (how: number | NodeJS.Signals) => void;
    const dead = new Promise<number | NodeJS.Signals>((resolve) => (killed = resolve));
    const first = start();
    standIn.answers = Array.from({ length: 40 }, (_, i): Answer =>
      i === 9
        ? async () => {
            killed(await (await first).kill('SIGKILL'));
            return 'accept';
          }
        : slowly,
    );
    expect(await dead).toBe('SIGKILL');

    expect(await prisma.job.count({ where: { kind: DELIVER_MESSAGE, status: 'RUNNING' } })).toBeGreaterThan(0);
    expect(await prisma.message.count({ where: { id: { in: ids }, status: 'SENDING' } })).toBeGreaterThan(0);
    // Five minutes on, the dead instance's leases have run out (moved back here rather than waited for).
    await prisma.job.updateMany({ where: { status: 'RUNNING' }, data: { lockedUntil: new Date(Date.now() - 1000) } });

    const [a, b] = await Promise.all([start(), start()]);
    for (let waited = 0; waited < 30_000; waited += 200) {
      if ((await prisma.job.count({ where: { kind: DELIVER_MESSAGE, subjectId: { in: ids }, status: { not: 'DONE' } } })) === 0) break;
      await sleep(200);
    }

    // Each of the 40 texts reached Twilio once, and Twilio got nothing twice (whatever else the new instances planned).
    const sms = await prisma.message.findMany({ where: { id: { in: ids } }, select: { toAddress: true, body: true, status: true, providerId: true, attempts: true } });
    expect(sms).toHaveLength(40);
    expect(sms.filter((m) => m.status !== 'SENT')).toEqual([]);
    const atTwilio = standIn.accepted.map((m) => `${m.to} ${m.body}`);
    expect(new Set(atTwilio).size).toBe(atTwilio.length);
    for (const m of sms) expect(standIn.accepted.filter((a) => a.to === m.toAddress && a.body === m.body).map((a) => a.sid)).toEqual([m.providerId]);
    // The text Twilio took as the instance died was found at Twilio by a successor, not sent again.
    const tenth = standIn.requests.filter((r) => r.method === 'POST')[9]!.form;
    const tenthSid = standIn.accepted.find((a) => a.to === tenth.To && a.body === tenth.Body)!.sid;
    expect(sms.find((m) => m.providerId === tenthSid)).toMatchObject({ attempts: 2 });
    // Nothing is left claimed by the dead instance (worker ids start with the process id).
    expect(await prisma.job.count({ where: { lockedBy: { startsWith: `${(await first).pid}-` } } })).toBe(0);

    // Both successors stop cleanly when asked.
    expect(await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')])).toEqual([0, 0]);
  });
});
