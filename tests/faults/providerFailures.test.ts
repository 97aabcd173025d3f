import type { PrismaClient } from '../../db/database';
import { ManualClock } from '../../runtime/clock';
import { messageParentsOf } from '../../messaging/parentMessages';
import { createSmsSender } from '../../sms/smsSender';
import { twilioTransport } from '../../sms/twilioTransport';
import { notifyStaff } from '../../messaging/staffNotifier';
import { planAllDigests } from '../../digest/weeklyDigest';
import { factsOf } from '../digest/cardFacts';
import { memberFor, personal, post, seedSchool, type SeededSchool } from '../bot/teamsActivities';
import { postSigned, seedFamily, startSmsService, type Family, type SmsService } from '../sms/smsSupport';
import { startTwilioStandIn, type Answer, type TwilioStandIn } from '../sms/twilioStandIn';
import { startBotConnector, type BotConnector } from '../support/botConnector';
import { TWILIO_ENV } from './twilioEnv';
import { transaction } from '../../db/transaction';

/**
 * Twilio and Teams misbehave the ways they do in real life: throttling, server errors, no answer,
 * a bot blocked by a teacher. Each failure is retried with backoff (or as long as the provider asks),
 * what cannot be delivered ends recorded as failed, and the school's leads see it in Monday's digest.
 */
// Long enough that a loaded test machine never times out an answer that came; short enough to wait for.
const TWILIO_TIMEOUT_MS = 1000;
const never = (): Promise<'accept'> => new Promise(() => undefined);
const TOO_MANY: Answer = { status: 429, code: 20429, message: 'Too Many Requests' };
const SERVER_ERROR: Answer = { status: 500, code: 20500, message: 'Internal Server Error' };

describe('Twilio and Teams failing', () => {
  let svc: SmsService;
  let clock: ManualClock;
  let standIn: TwilioStandIn;
  let connector: BotConnector;
  let oakfield: SeededSchool;
  let prisma: PrismaClient;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    connector = await startBotConnector();
    // The service's own Twilio transport, at the stand-in, waiting a second for an answer instead of 30 s.
    svc = await startSmsService(TWILIO_ENV, '2026-09-08T09:00:00Z', {
      senders: (ctx) => ({
        SMS: createSmsSender({
          ...ctx,
          transport: twilioTransport({
            accountSid: TWILIO_ENV.TWILIO_ACCOUNT_SID,
            authToken: TWILIO_ENV.TWILIO_AUTH_TOKEN,
            from: TWILIO_ENV.TWILIO_FROM,
            statusCallbackUrl: (id) => `${TWILIO_ENV.PUBLIC_BASE_URL}/sms/status?m=${id}`,
            apiOrigin: standIn.url,
            timeoutMs: TWILIO_TIMEOUT_MS,
          }),
        }),
      }),
    }); // Tuesday 10:00 in London, in term
    clock = svc.clock;
    prisma = svc.ctx.prisma;
    oakfield = await seedSchool(prisma);
    for (const [staff, teamsId] of [[oakfield.jones, '29:jones'], [oakfield.khan, '29:khan']] as const) {
      connector.members.set(teamsId, memberFor(staff, teamsId));
      expect((await post(svc.baseUrl, personal(connector, memberFor(staff, teamsId)).install())).status).toBeLessThan(300);
    }
    connector.sent.length = 0;
  });
  afterAll(async () => {
    await svc?.close();
    await standIn?.close();
    await connector?.close();
  });

  const progressUpdate = async (f: Family) =>
    (await transaction(prisma, (tx) => messageParentsOf(tx, clock, { pupilId: f.pupils[0]!.id, template: 'progress.update', params: { achieved: ['MATHS'], workingOn: ['ENGLISH'] } }))).queued[0]!;
  const jobOf = (messageId: string) => prisma.job.findFirstOrThrow({ where: { subjectId: messageId } });
  const messageOf = (messageId: string) => prisma.message.findUniqueOrThrow({ where: { id: messageId } });

  /** Runs the jobs until the message's job is done or failed; each time it is put back, waits exactly as long as it was told to. Returns the waits in seconds. */
  async function deliverWithRetries(messageId: string): Promise<number[]> {
    const waits: number[] = [];
    for (;;) {
      await svc.service.jobs.runDue();
      const job = await jobOf(messageId);
      if (job.status !== 'PENDING') return waits;
      const wait = job.runAt.getTime() - clock.now().getTime();
      waits.push(wait / 1000);
      clock.advance(wait);
    }
  }
  const sentTo = (f: Family) => standIn.accepted.filter((m) => m.to === f.contacts[0]!.mobile);

  describe('Twilio', () => {
    it('Given Twilio answers 429, then 500, then nothing within the timeout, When the text is retried, Then it waits 30 s, 1 min and 2 min and goes out once on the fourth attempt', async () => {
      const family = await seedFamily(prisma, { schoolId: oakfield.school.id, children: [{ firstName: 'Leo', lastName: 'Smith' }], parents: [{ name: 'Anna Smith' }] });
      standIn.answers = [TOO_MANY, SERVER_ERROR, never];
      const id = await progressUpdate(family);
      expect(await deliverWithRetries(id)).toEqual([30, 60, 120]);
      expect(sentTo(family)).toHaveLength(1);
      expect(await messageOf(id)).toMatchObject({ status: 'SENT', attempts: 4, providerId: sentTo(family)[0]!.sid, errorMessage: null });
      expect(await jobOf(id)).toMatchObject({ status: 'DONE', attempts: 4 });
    });

    it('Given Twilio takes the text but its answer never comes, When the text is retried, Then it is found at Twilio and not sent again', async () => {
      const family = await seedFamily(prisma, { schoolId: oakfield.school.id, children: [{ firstName: 'Maya', lastName: 'Patel' }], parents: [{ name: 'Ravi Patel' }] });
      standIn.answers = ['accept-then-silence'];
      const id = await progressUpdate(family);
      expect(await deliverWithRetries(id)).toEqual([30]);
      expect(sentTo(family)).toHaveLength(1);
      expect(await messageOf(id)).toMatchObject({ status: 'SENT', attempts: 2, providerId: sentTo(family)[0]!.sid });
    });

    it('Given Twilio keeps failing (429, 500, no answer) on every attempt, Then after 8 attempts with growing waits the text is recorded as failed with the last error, and its job failed', async () => {
      const family = await seedFamily(prisma, { schoolId: oakfield.school.id, children: [{ firstName: 'Zara', lastName: 'Ali' }], parents: [{ name: 'Omar Ali' }] });
      standIn.answers = [TOO_MANY, SERVER_ERROR, never, TOO_MANY, SERVER_ERROR, TOO_MANY, SERVER_ERROR, SERVER_ERROR];
      const id = await progressUpdate(family);
      expect(await deliverWithRetries(id)).toEqual([30, 60, 120, 240, 480, 960, 1920]);
      expect(sentTo(family)).toHaveLength(0);
      expect(await messageOf(id)).toMatchObject({ status: 'FAILED', attempts: 8, errorMessage: expect.stringMatching(/^Twilio unavailable: 500/) });
      expect(await jobOf(id)).toMatchObject({ status: 'FAILED', attempts: 8, lastError: expect.stringMatching(/^Twilio unavailable: 500/) });
    });

    it("Given Twilio sends the text but its receipt says it was not delivered (30008), Then the text is recorded as undelivered", async () => {
      const family = await seedFamily(prisma, { schoolId: oakfield.school.id, children: [{ firstName: 'Tom', lastName: 'Green' }], parents: [{ name: 'Lucy Green' }] });
      const id = await progressUpdate(family);
      expect(await deliverWithRetries(id)).toEqual([]);
      clock.advance(60_000);
      expect((await postSigned(svc, '/sms/status', { MessageSid: sentTo(family)[0]!.sid, MessageStatus: 'undelivered', ErrorCode: '30008' })).status).toBe(204);
      expect(await messageOf(id)).toMatchObject({ status: 'UNDELIVERED', errorCode: '30008' });
    });
  });

  describe('Teams', () => {
    it('Given Teams throttles the bot on every attempt (429 with Retry-After), Then each retry waits as long as Teams asked, and after 8 attempts the notice is recorded as failed', async () => {
      const retryAfter = [5, 30, 120, 300, 45, 600, 900, 60];
      connector.failNext(...retryAfter.map((s) => ({ status: 429, headers: { 'retry-after': String(s) } })));
      const { messageId } = await transaction(prisma, (tx) => notifyStaff(tx, clock, { staffId: oakfield.jones.id, template: 'booking.confirmed', text: 'Leo’s father booked Thursday 15:30' }));
      expect(await deliverWithRetries(messageId)).toEqual(retryAfter.slice(0, 7));
      expect(connector.sent).toHaveLength(0);
      expect(await messageOf(messageId)).toMatchObject({ status: 'FAILED', attempts: 8, errorMessage: 'Teams is throttling the bot (429)' });
      expect(await jobOf(messageId)).toMatchObject({ status: 'FAILED', attempts: 8 });
    });

    it('Given a key teacher has blocked the bot (403), Then the notice fails at once, the app is marked removed for them and the admin is told', async () => {
      connector.failNext({ status: 403 });
      const { messageId } = await transaction(prisma, (tx) => notifyStaff(tx, clock, { staffId: oakfield.khan.id, template: 'booking.confirmed', text: 'Amir’s mother booked Friday 09:00' }));
      expect(await deliverWithRetries(messageId)).toEqual([]);
      expect(await messageOf(messageId)).toMatchObject({ status: 'FAILED', attempts: 1, errorCode: 'teams_403' });
      expect((await prisma.teamsConversationReference.findUniqueOrThrow({ where: { staffId: oakfield.khan.id } })).uninstalledAt).not.toBeNull();
      expect(await prisma.message.count({ where: { template: 'staff.teamsUnreachable', staffId: oakfield.admin.id } })).toBe(1);
    });
  });

  it("When Monday's digest goes out, Then Oakfield's leads see the two texts and the two Teams messages that were not delivered, and another school sees none", async () => {
    const lead = await prisma.staff.create({ data: { schoolId: oakfield.school.id, displayName: 'Grace Head', email: 'grace.head@oakfield.sch.uk', roles: ['SCHOOL_LEAD'] } });
    const birchwood = await seedFamily(prisma, { school: 'Birchwood Academy' });
    await planAllDigests(prisma, clock);
    clock.set(new Date('2026-09-14T07:00:00Z')); // Monday 08:00 in London
    await svc.service.jobs.runDue();

    const digestFor = async (staffId: string) => factsOf((await prisma.message.findFirstOrThrow({ where: { template: 'digest.weekly', staffId } })).card as Record<string, unknown>);
    expect(await digestFor(lead.id)).toMatchObject({ 'Texts to parents not delivered': '2', 'Teams messages not delivered': '2', 'Scheduled tasks that failed': '0' });
    expect(await digestFor(birchwood.senco)).toMatchObject({ 'Texts to parents not delivered': '0', 'Teams messages not delivered': '0' });
  });
});
