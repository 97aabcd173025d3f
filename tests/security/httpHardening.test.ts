import { loadConfig } from '../../runtime/config';
import { newSid, postSigned, startSmsService, TWILIO_NUMBER, type SmsService } from '../sms/smsSupport';
import { TEST_API_KEY } from '../support/testService';

/**
 * HTTP hardening over real HTTP: security headers on every kind of answer, a body limit on every
 * parser, and per-address rate limits on the open doors (Twilio's webhooks, the bot, the demo
 * sign-in) and on refused sign-ins to the API. The service runs behind one proxy (TRUST_PROXY_HOPS=1),
 * so each test speaks from its own X-Forwarded-For address, as the proxy would write it.
 */
const LIMITS = { WEBHOOK_RATE_LIMIT_PER_MINUTE: '5', SIGN_IN_RATE_LIMIT_PER_MINUTE: '3', API_AUTH_FAILURES_PER_MINUTE: '4' };

let svc: SmsService;
let nextAddress = 10;
/** A client address of its own, so no test spends another's allowance. */
const newClient = () => `203.0.113.${(nextAddress += 1)}`;

beforeAll(async () => {
  svc = await startSmsService({ TRUST_PROXY_HOPS: '1', ...LIMITS });
});
afterAll(() => svc.close());

function send(path: string, client: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return fetch(`${svc.baseUrl}${path}`, { method: init.method ?? 'GET', headers: { 'x-forwarded-for': client, ...init.headers }, body: init.body });
}
const form = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
const json = (body: unknown, authorization?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const statuses = async (n: number, call: () => Promise<Response>): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push((await call()).status);
  return out;
};

describe('security headers', () => {
  it('Given any API answer, Then it is nosniff, no-referrer, HSTS, not cached, loads nothing and may be framed by no one, and does not name its framework', async () => {
    const res = await svc.api('/api/me');
    expect(res.status).toBe(200);
    expect(Object.fromEntries(['x-content-type-options', 'referrer-policy', 'cache-control', 'content-security-policy', 'cross-origin-opener-policy'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8}/);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect((await svc.api('/api/no-such-thing')).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('Given the dashboard, Then Teams, Microsoft 365 and Outlook may frame it and it loads only its own files and the Teams host list', async () => {
    const res = await fetch(`${svc.baseUrl}/dashboard/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split(';').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1);
    expect(directive('frame-ancestors')).toEqual(expect.arrayContaining(["'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.office.com', 'https://*.microsoft365.com']));
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('connect-src')).toEqual(["'self'", 'https://res.cdn.office.net']);
    // X-Frame-Options cannot name Teams; frame-ancestors is what browsers read.
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('Given the privacy notice, Then it loads nothing but its own styles and no one may frame it', async () => {
    const res = await fetch(`${svc.baseUrl}/privacy`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none';style-src 'unsafe-inline';frame-ancestors 'none';base-uri 'none';form-action 'none'");
  });
});

describe('body limits: every parser refuses a body past its limit with 413 before doing anything with it', () => {
  const kb = (n: number) => 'x'.repeat(n * 1024);

  it.each([
    ['the API (JSON, 1 MB)', '/api/schools', () => json({ name: kb(1100) }, `Bearer ${TEST_API_KEY}`)],
    ['a roster file (CSV, 10 MB)', '/api/roster/staff', () => ({ method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${TEST_API_KEY}` }, body: `Name,Email,Role\n${kb(10_300)}` })],
    ["Twilio's inbound webhook (form, 32 KB)", '/sms/inbound', () => form(`Body=${kb(40)}`)],
    ["Twilio's status webhook (form, 32 KB)", '/sms/status', () => form(`MessageStatus=${kb(40)}`)],
    ['the bot (JSON, 1 MB)', '/api/messages', () => json({ type: 'message', text: kb(1100) })],
    ['the demo sign-in (JSON, 4 KB)', '/auth/local', () => json({ staffId: kb(5) })],
  ])('%s', async (_, path, init) => {
    const res = await send(path, newClient(), init());
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'entity.too.large' });
  });

  it('Given a large body without a valid token, Then the API refuses it (401) without reading it', async () => {
    const res = await send('/api/schools', newClient(), json({ name: kb(1100) }, 'Bearer nonsense'));
    expect(res.status).toBe(401);
  });

  it('Given a body the API has no parser for, Then it is not read at all: the route sees no body', async () => {
    const res = await send('/api/schools', newClient(), { ...form(`name=${kb(2000)}`), headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${TEST_API_KEY}` } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_request');
  });
});

describe('rate limits per client address', () => {
  it("Given a flood to Twilio's webhooks from one address, When past the limit, Then 429 with Retry-After, both webhooks counting together, while another address is still served", async () => {
    const flood = newClient();
    // Unsigned, so each is refused (403) on its signature, and each refusal counts.
    expect(await statuses(3, () => send('/sms/inbound', flood, form('Body=hi')))).toEqual([403, 403, 403]);
    expect(await statuses(2, () => send('/sms/status', flood, form('MessageStatus=sent')))).toEqual([403, 403]);
    const limited = await send('/sms/inbound', flood, form('Body=hi'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({ error: 'too_many_requests', message: expect.stringContaining('wait a minute') });
    expect((await send('/sms/inbound', newClient(), form('Body=hi'))).status).toBe(403);
  });

  it('Given Twilio passing on a busy evening of parents\' texts from one of its addresses, Then none is refused: only refused requests count, and Twilio would not retry a text answered 429', async () => {
    const twilioAddress = newClient();
    const genuine = () => postSigned(svc, '/sms/inbound', { MessageSid: newSid(), AccountSid: `AC${'0'.repeat(32)}`, From: '+447700900999', To: TWILIO_NUMBER, Body: 'Thank you', NumMedia: '0' }, { headers: { 'x-forwarded-for': twilioAddress } });
    expect(new Set(await statuses(12, genuine))).toEqual(new Set([200]));
    expect(await statuses(6, () => send('/sms/inbound', twilioAddress, form('Body=forged')))).toEqual([403, 403, 403, 403, 403, 429]);
  });

  it('Given a client that writes its own X-Forwarded-For, When it changes it on every request, Then it is still one client: only the address our proxy added counts', async () => {
    const real = newClient();
    const spoofed = (i: number) => `198.51.100.${i}, ${real}`;
    const codes = await statuses(7, async () => send('/sms/inbound', spoofed(Math.floor(Math.random() * 250)), form('Body=hi')));
    expect(codes).toEqual([403, 403, 403, 403, 403, 429, 429]);
  });

  it("Given a flood to the bot's endpoint, Then it has its own allowance and is limited the same way", async () => {
    const flood = newClient();
    const codes = await statuses(6, () => send('/api/messages', flood, json({})));
    expect(codes.slice(0, 5).every((c) => c !== 429)).toBe(true);
    expect(codes[5]).toBe(429);
  });

  it('Given someone trying staff one after another on the demo sign-in, Then after the limit they wait', async () => {
    const guesser = newClient();
    const codes = await statuses(4, () => send('/auth/local', guesser, json({ staffId: crypto.randomUUID() })));
    expect(codes).toEqual([404, 404, 404, 429]);
  });

  it('Given refused sign-ins to the API from one address, When past the limit, Then that address gets 429 even with the right key for the rest of the minute; others are not affected', async () => {
    const guesser = newClient();
    expect(await statuses(4, () => send('/api/me', guesser, { headers: { authorization: `Bearer wrong-key-${Math.random()}` } }))).toEqual([401, 401, 401, 401]);
    const blocked = await send('/api/me', guesser, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await send('/api/me', newClient(), { headers: { authorization: `Bearer ${TEST_API_KEY}` } })).status).toBe(200);
  });

  it('Given a busy member of staff, Then signed-in requests never count towards the failed sign-in limit', async () => {
    const busy = newClient();
    expect(new Set(await statuses(12, () => send('/api/me', busy, { headers: { authorization: `Bearer ${TEST_API_KEY}` } })))).toEqual(new Set([200]));
  });
});

describe('whose address counts (TRUST_PROXY_HOPS)', () => {
  const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x' };
  it('Deployed (a database server), the service sits behind one proxy; the embedded default is reached directly; either can be set', () => {
    expect(loadConfig(base).trustProxyHops).toBe(1);
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ ...base, TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
    expect(() => loadConfig({ ...base, TRUST_PROXY_HOPS: 'yes' })).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('The defaults stay far above a school: 600 webhook requests a minute from one address', () => {
    expect(loadConfig(base)).toMatchObject({ WEBHOOK_RATE_LIMIT_PER_MINUTE: 600, SIGN_IN_RATE_LIMIT_PER_MINUTE: 30, API_AUTH_FAILURES_PER_MINUTE: 60 });
  });
});
