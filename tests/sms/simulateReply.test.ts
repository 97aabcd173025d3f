import { simulateReply } from '../../scripts/sms';
import { TEST_API_KEY } from '../support/testService';
import { PUBLIC_BASE_URL, seedFamily, startSmsService, type SmsService } from './smsSupport';

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
});
