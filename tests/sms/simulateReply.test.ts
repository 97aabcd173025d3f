import { readArguments, simulateReply, typeOfFile } from '../../scripts/sms';
import { TEST_API_KEY } from '../support/testService';
import { PUBLIC_BASE_URL, runJobs, seedFamily, startSmsService, staffNotices, type SmsService } from './smsSupport';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('npm run sms (a parent simulated against the running service)', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService();
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given a parent number in national format, When it texts HELP, Then the signed request is accepted and the queued answer printed', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const national = f.contacts[0]!.mobile.replace('+44', '0');
    const { status, replies } = await simulateReply({ serviceUrl: svc.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, token: svc.token, apiKey: TEST_API_KEY, from: national, text: 'HELP' });
    expect(status).toBe(200);
    expect(replies.map((r) => r.template)).toEqual(['help']);
    expect(replies[0]!.body).toContain('Oakfield Primary sends you messages');
  });

  it('Given the wrong secret, Then the service refuses it', async () => {
    const { status } = await simulateReply({ serviceUrl: svc.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, token: 'wrong', apiKey: TEST_API_KEY, from: '07700900123', text: 'hi' });
    expect(status).toBe(403);
  });

  it("Given --picture without Twilio (the local outbox), Then the picture goes to the stand-in the service mounts, and the service fetches it from there over HTTP as from Twilio and deletes it", async () => {
    expect(readArguments(['07700900011', 'the', 'letter', '--picture', 'letter.jpg', '--to', '+447700900555'])).toEqual({ from: '07700900011', text: 'the letter', pictures: ['letter.jpg'], to: '+447700900555' });
    expect([typeOfFile('a/Letter.JPG'), typeOfFile('form.pdf'), typeOfFile('notes.txt')]).toEqual(['image/jpeg', 'application/pdf', 'application/octet-stream']);
    const f = await seedFamily(svc.ctx.prisma);
    const { status } = await simulateReply({ serviceUrl: svc.baseUrl, publicBaseUrl: PUBLIC_BASE_URL, token: svc.token, apiKey: TEST_API_KEY, from: f.contacts[0]!.mobile, text: '', pictures: [{ bytes: PNG, contentType: 'image/png' }] });
    expect(status).toBe(200);
    const inbound = await svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', contactId: f.contacts[0]!.id }, include: { media: true } });
    expect(inbound.providerId).toMatch(/^MM/);
    await runJobs(svc);
    const [item] = await svc.ctx.prisma.messageMedia.findMany({ where: { messageId: inbound.id } });
    expect(item).toMatchObject({ status: 'STORED', contentType: 'image/png', size: PNG.length });
    expect(item!.providerDeletedAt).not.toBeNull();
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId)).map((n) => n.body)).toEqual(['Farah Khan, parent or carer of Amir Khan, sent a picture']);
  });

  it('Given the stand-in is asked without the local secret, Then it refuses the picture', async () => {
    const res = await fetch(`${svc.baseUrl}/standins/twilio/standin/incoming-media?messageSid=MM${'0'.repeat(32)}`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(PNG) });
    expect(res.status).toBe(401);
  });
});
