import { newSid, outbox, postSigned, seedFamily, startSmsService, text, type Family, type SmsService } from './smsSupport';

describe('the inbound SMS webhook guards its door', () => {
  let svc: SmsService;
  let family: Family;
  const inboundCount = () => svc.ctx.prisma.message.count({ where: { direction: 'INBOUND' } });

  beforeAll(async () => {
    svc = await startSmsService();
    family = await seedFamily(svc.ctx.prisma);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given a properly signed text from a parent, When it arrives, Then it is stored once and answered with empty TwiML', async () => {
    const res = await text(svc, family.contacts[0]!.mobile, 'Thank you, Amir loved the trip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    expect(await res.text()).toContain('<Response/>');
    expect(await inboundCount()).toBe(1);
  });

  it.each([
    ['a missing signature', null],
    ['a forged signature', 'bm90IGEgcmVhbCBzaWduYXR1cmU='],
  ])('Given %s, When the request arrives, Then it gets 403 and nothing is stored', async (_label, signature) => {
    const before = await inboundCount();
    const res = await postSigned(svc, '/sms/inbound', { MessageSid: newSid(), From: family.contacts[0]!.mobile, Body: 'STOP' }, { signature });
    expect(res.status).toBe(403);
    expect(await inboundCount()).toBe(before);
    expect((await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: family.contacts[0]!.id } })).optedOutAt).toBeNull();
  });

  it('Given a request signed with another token, Then it gets 403', async () => {
    const res = await postSigned(svc, '/sms/inbound', { MessageSid: newSid(), From: family.contacts[0]!.mobile, Body: 'hi' }, { token: 'someone-elses-token' });
    expect(res.status).toBe(403);
  });

  it('Given a signed request whose body was changed on the way, Then it gets 403', async () => {
    const params = { MessageSid: newSid(), From: family.contacts[0]!.mobile, Body: 'hello' };
    const { getExpectedTwilioSignature } = await import('twilio');
    const signature = getExpectedTwilioSignature(svc.token, 'https://engage.school.example/sms/inbound', params);
    const res = await postSigned(svc, '/sms/inbound', { ...params, Body: 'STOP' }, { signature });
    expect(res.status).toBe(403);
  });

  it('Given a signature for the internal address instead of the public one, Then it gets 403 (the public URL decides)', async () => {
    const params = { MessageSid: newSid(), From: family.contacts[0]!.mobile, Body: 'hello' };
    const { getExpectedTwilioSignature } = await import('twilio');
    const signature = getExpectedTwilioSignature(svc.token, `${svc.baseUrl}/sms/inbound`, params);
    expect((await postSigned(svc, '/sms/inbound', params, { signature })).status).toBe(403);
  });

  it.each([
    ['no From', { MessageSid: newSid(), Body: 'hi' }],
    ['no MessageSid', { From: '+447700900123', Body: 'hi' }],
    ['no Body', { MessageSid: newSid(), From: '+447700900123' }],
    ['a From that is not a phone number', { MessageSid: newSid(), From: 'robert); DROP TABLE', Body: 'hi' }],
  ])('Given a signed but malformed request with %s, Then it gets 400 and nothing is stored', async (_label, params) => {
    const before = await inboundCount();
    const res = await postSigned(svc, '/sms/inbound', params as Record<string, string>);
    expect(res.status).toBe(400);
    expect(await inboundCount()).toBe(before);
  });

  it('Given an oversized request, Then it gets 413 and nothing is stored', async () => {
    const before = await inboundCount();
    const res = await postSigned(svc, '/sms/inbound', { MessageSid: newSid(), From: family.contacts[0]!.mobile, Body: 'x'.repeat(40_000) });
    expect(res.status).toBe(413);
    expect(await inboundCount()).toBe(before);
  });

  it('Given Twilio retries the same MessageSid, Then the retry is acknowledged and the text is handled once', async () => {
    const sid = newSid();
    const first = await text(svc, family.contacts[0]!.mobile, 'Can we talk about homework?', sid);
    const again = await text(svc, family.contacts[0]!.mobile, 'Can we talk about homework?', sid);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await again.text()).toContain('<Response/>');
    expect(await svc.ctx.prisma.message.count({ where: { providerId: sid } })).toBe(1);
    const notices = await svc.ctx.prisma.message.count({ where: { template: 'parent.reply', inReplyTo: { providerId: sid } } });
    expect(notices).toBe(1);
  });

  it('Given two deliveries of the same MessageSid at the same moment, Then exactly one is processed', async () => {
    const sid = newSid();
    const results = await Promise.all(Array.from({ length: 5 }, () => text(svc, family.contacts[0]!.mobile, 'Is the trip on Friday?', sid)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await svc.ctx.prisma.message.count({ where: { providerId: sid } })).toBe(1);
    expect(await svc.ctx.prisma.message.count({ where: { template: 'parent.reply', inReplyTo: { providerId: sid } } })).toBe(1);
    const acks = (await outbox(svc, family.contacts[0]!.mobile)).filter((m) => m.template === 'reply.received');
    expect(new Set(acks.map((a) => a.id)).size).toBe(acks.length);
  });

  it('keeps the webhook token in the data folder, readable by its owner only', async () => {
    const { statSync } = await import('node:fs');
    const { webhookSecretFile } = await import('../../sms/webhookSecret');
    expect(statSync(webhookSecretFile(svc.dataDir)).mode & 0o077).toBe(0);
  });
});
