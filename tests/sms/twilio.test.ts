import twilio from 'twilio';
import { twilioTransport } from '../../sms/twilioTransport';
import { messageParentsOf } from '../../messaging/parentMessages';
import { withAdmin } from '../support/postgres';
import { outbox, PUBLIC_BASE_URL, postSigned, runJobs, seedFamily, staffNotices, startSmsService, type Family, type SmsService } from './smsSupport';
import { startTwilioStandIn, type TwilioStandIn } from './twilioStandIn';
import { transaction } from '../../db/transaction';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const FROM = '+447700900001';

/** Sending through Twilio's Messages API (a local stand-in for api.twilio.com) and Twilio's delivery receipts. */
describe('sending through Twilio', () => {
  let svc: SmsService;
  let standIn: TwilioStandIn;

  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    // The capability's own Twilio transport, pointed at the stand-in instead of api.twilio.com.
    svc = await startSmsService({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: FROM, TWILIO_API_ORIGIN: standIn.url });
  });
  afterAll(async () => {
    await svc.close();
    await standIn.close();
  });
  beforeEach(() => {
    svc.clock.set(new Date('2026-09-07T09:00:00Z'));
    standIn.answers = [];
  });

  const update = (f: Family) =>
    transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'progress.update', params: { achieved: ['MATHS'], workingOn: ['ENGLISH'] } }));
  const message = (id: string) => svc.ctx.prisma.message.findUniqueOrThrow({ where: { id } });
  const status = (params: Record<string, string>, query = '') => postSigned(svc, `/sms/status${query}`, params);

  it('Given a queued update, When delivery runs, Then Twilio gets it from our number with a status callback to the public URL, and the sid is stored', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const { queued } = await update(f);
    await runJobs(svc);
    const [sent] = standIn.accepted.filter((m) => m.to === f.contacts[0]!.mobile);
    expect(sent).toMatchObject({ from: FROM, statusCallback: `${PUBLIC_BASE_URL}/sms/status?m=${queued[0]}` });
    expect(sent!.body).toContain('news about Amir');
    const post = standIn.requests.find((r) => r.method === 'POST' && r.form.To === f.contacts[0]!.mobile)!;
    expect(post.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(post.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(await message(queued[0]!)).toMatchObject({ status: 'SENT', providerId: sent!.sid, segments: 1, encoding: 'GSM-7' });
  });

  it('Given Twilio answers 429 and then 201, Then the message is retried and sent exactly once', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    standIn.answers = [{ status: 429, code: 20429, message: 'Too Many Requests' }];
    const { queued } = await update(f);
    expect(await runJobs(svc)).toMatchObject({ retried: 1 });
    expect((await message(queued[0]!)).status).toBe('QUEUED');
    svc.clock.advance(60_000);
    await runJobs(svc);
    expect((await message(queued[0]!)).status).toBe('SENT');
    expect(standIn.accepted.filter((m) => m.to === f.contacts[0]!.mobile)).toHaveLength(1);
  });

  it('Given Twilio accepts the message but the answer is lost, Then the retry finds it at Twilio and does not send it again', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    standIn.answers = ['accept-then-hang-up'];
    const { queued } = await update(f);
    await runJobs(svc);
    expect((await message(queued[0]!)).status).toBe('QUEUED');
    svc.clock.advance(60_000);
    await runJobs(svc);
    const atTwilio = standIn.accepted.filter((m) => m.to === f.contacts[0]!.mobile);
    expect(atTwilio).toHaveLength(1);
    expect(await message(queued[0]!)).toMatchObject({ status: 'SENT', providerId: atTwilio[0]!.sid });
  });

  it("Given the database's connections are cut while Twilio is being called, Then the message still goes exactly once and is recorded", async () => {
    const f = await seedFamily(svc.ctx.prisma);
    standIn.answers = [
      async () => {
        await withAdmin((a) => a.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [svc.testDb.name]));
        return 'accept';
      },
    ];
    const { queued } = await update(f);
    for (let i = 0; i < 5 && (await svc.ctx.prisma.message.findUnique({ where: { id: queued[0]! } }).catch(() => null))?.status !== 'SENT'; i += 1) {
      await runJobs(svc).catch(() => undefined);
      svc.clock.advance(6 * 60_000);
    }
    expect((await message(queued[0]!)).status).toBe('SENT');
    expect(standIn.accepted.filter((m) => m.to === f.contacts[0]!.mobile)).toHaveLength(1);
  });

  it('Given the database restarts between queueing and delivery, Then delivery still happens once', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const { queued } = await update(f);
    await withAdmin((a) => a.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [svc.testDb.name]));
    await new Promise((r) => setTimeout(r, 100));
    await runJobs(svc).catch(() => runJobs(svc));
    expect((await message(queued[0]!)).status).toBe('SENT');
    expect(standIn.accepted.filter((m) => m.to === f.contacts[0]!.mobile)).toHaveLength(1);
  });

  it('Given Twilio refuses with 21610 (the parent blocked our number), Then the opt-out is recorded, the message suppressed, and the key teacher told', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    standIn.answers = [{ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' }];
    const { queued } = await update(f);
    await runJobs(svc);
    expect(await message(queued[0]!)).toMatchObject({ status: 'SUPPRESSED' });
    expect((await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: f.contacts[0]!.id } })).optedOutAt).not.toBeNull();
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId)).map((n) => n.template)).toEqual(['contact.unreachable']);
    expect((await update(f)).suppressed).toEqual([f.contacts[0]!.id]);
  });

  it.each([21211, 21614])('Given Twilio refuses with %i (not a valid mobile), Then the contact is marked unreachable and the key teacher told', async (code) => {
    const f = await seedFamily(svc.ctx.prisma);
    standIn.answers = [{ status: 400, code }];
    const { queued } = await update(f);
    await runJobs(svc);
    expect((await message(queued[0]!)).status).toBe('SUPPRESSED');
    expect((await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: f.contacts[0]!.id } })).unreachableReason).toBe(`Twilio error ${code}`);
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId)).map((n) => n.template)).toEqual(['contact.unreachable']);
  });

  it('Given Twilio refuses for another reason (e.g. 21606), Then the message fails without retrying and the contact is untouched', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    standIn.answers = [{ status: 400, code: 21606 }];
    const { queued } = await update(f);
    expect(await runJobs(svc)).toMatchObject({ failed: 1 });
    expect(await message(queued[0]!)).toMatchObject({ status: 'FAILED', errorCode: '21606' });
    expect((await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: f.contacts[0]!.id } })).unreachableAt).toBeNull();
  });

  describe('delivery receipts', () => {
    async function sentMessage(f: Family) {
      const { queued } = await update(f);
      await runJobs(svc);
      return message(queued[0]!);
    }

    it('move a message forward, never back from a final state, and repeats are stored once', async () => {
      const f = await seedFamily(svc.ctx.prisma);
      const m = await sentMessage(f);
      const sid = m.providerId!;
      expect((await status({ MessageSid: sid, MessageStatus: 'delivered' })).status).toBe(204);
      expect(await message(m.id)).toMatchObject({ status: 'DELIVERED' });
      expect((await message(m.id)).deliveredAt).not.toBeNull();
      for (const late of ['sent', 'queued', 'delivered', 'undelivered']) await status({ MessageSid: sid, MessageStatus: late });
      expect((await message(m.id)).status).toBe('DELIVERED');
      expect(await svc.ctx.prisma.messageStatusEvent.count({ where: { providerId: sid, status: 'delivered' } })).toBe(1);
    });

    it('Given a receipt arrives before our own "sent" write, Then the message ends delivered once delivery has recorded it, dated when the receipt came', async () => {
      const f = await seedFamily(svc.ctx.prisma);
      const { queued } = await update(f);
      const id = queued[0]!;
      await svc.ctx.prisma.message.update({ where: { id }, data: { status: 'SENDING' } });
      const sid = `SM${'a'.repeat(24)}${id.replace(/-/g, '').slice(0, 8)}`;
      const receiptAt = svc.clock.now();
      await status({ MessageSid: sid, MessageStatus: 'delivered' }, `?m=${id}`);
      expect(await message(id)).toMatchObject({ status: 'DELIVERED', providerId: sid, deliveredAt: receiptAt });
      // Delivery then writes its own "sent" over it, as messaging/delivery.ts does after Twilio answers.
      await svc.ctx.prisma.message.update({ where: { id }, data: { status: 'SENT' } });
      svc.clock.advance(3 * 60_000);
      await svc.ctx.prisma.job.updateMany({ where: { subjectId: id, kind: 'deliver-message' }, data: { status: 'CANCELLED' } });
      await runJobs(svc);
      // Re-applied three minutes later, but delivered when the receipt said so, not when we looked again.
      expect(await message(id)).toMatchObject({ status: 'DELIVERED', deliveredAt: receiptAt });
    });

    it('Given an undelivered receipt with 30006 (landline or unreachable), Then the contact is marked unreachable, the key teacher told, and nothing more is sent to them', async () => {
      const f = await seedFamily(svc.ctx.prisma);
      const m = await sentMessage(f);
      await status({ MessageSid: m.providerId!, MessageStatus: 'undelivered', ErrorCode: '30006' });
      expect(await message(m.id)).toMatchObject({ status: 'UNDELIVERED', errorCode: '30006' });
      const contact = await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: f.contacts[0]!.id } });
      expect(contact.unreachableAt).not.toBeNull();
      const notices = await staffNotices(svc.ctx.prisma, f.keyTeacherId);
      expect(notices.map((n) => n.template)).toEqual(['contact.unreachable']);
      expect(notices[0]!.body).toContain('Amir Khan');
      await status({ MessageSid: m.providerId!, MessageStatus: 'failed', ErrorCode: '30006' });
      expect(await staffNotices(svc.ctx.prisma, f.keyTeacherId)).toHaveLength(1);
      expect((await update(f)).suppressed).toEqual([f.contacts[0]!.id]);
    });

    it('Given a forged receipt, Then it gets 403 and changes nothing', async () => {
      const f = await seedFamily(svc.ctx.prisma);
      const m = await sentMessage(f);
      const res = await postSigned(svc, '/sms/status', { MessageSid: m.providerId!, MessageStatus: 'failed', ErrorCode: '30003' }, { token: 'not-the-token' });
      expect(res.status).toBe(403);
      expect((await message(m.id)).status).toBe('SENT');
      expect(await svc.ctx.prisma.messageStatusEvent.count({ where: { providerId: m.providerId! } })).toBe(0);
    });

    it('are signed with TWILIO_AUTH_TOKEN when Twilio is configured', async () => {
      const params = { MessageSid: `SM${'b'.repeat(32)}`, MessageStatus: 'sent' };
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/sms/status`, params);
      expect((await postSigned(svc, '/sms/status', params, { signature })).status).toBe(204);
    });
  });

  it('sends from a messaging service when one is configured instead of a number', async () => {
    const transport = twilioTransport({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, messagingServiceSid: `MG${'2'.repeat(32)}`, statusCallbackUrl: () => `${PUBLIC_BASE_URL}/sms/status`, apiOrigin: standIn.url });
    await transport.send({ messageId: 'x', to: '+447700900999', body: 'Hello' });
    const last = standIn.requests.filter((r) => r.method === 'POST').at(-1)!;
    expect(last.form).toMatchObject({ MessagingServiceSid: `MG${'2'.repeat(32)}`, To: '+447700900999' });
    expect(last.form.From).toBeUndefined();
  });

  it('shows messages in the outbox newest first', async () => {
    const all = await outbox(svc);
    const times = all.map((m) => (m as unknown as { createdAt: string }).createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
