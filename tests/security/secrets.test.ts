import twilio from 'twilio';
import { ConfigError, loadConfig } from '../../runtime/config';
import { startServiceProcess, type ServiceProcess } from '../support/serviceProcess';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/**
 * Secrets come from the environment only, and go nowhere else: not into the log (at its most
 * talkative level, through start-up, sign-ins, a signed webhook, a database failure and shutdown),
 * not into an error answer, not into a configuration message.
 */
const SECRETS = {
  API_KEY: 'api-key-SECRET-4f9c1e7a2b3d5f60718293a4',
  TWILIO_AUTH_TOKEN: 'twilio-token-SECRET-8d7c6b5a49382716',
  MicrosoftAppPassword: 'app-password-SECRET-Q~1a2b3c4d5e6f',
  TRANSLATOR_KEY: 'translator-key-SECRET-0a1b2c3d4e5f',
  databasePassword: 'db-password-SECRET-5e6f7a8b',
  MIS_TOKEN_KEY: Buffer.from('mis-token-key-SECRET-0123456789a').toString('base64'),
  wondeToken: 'wonde-token-SECRET-7e76896f9aca62569048',
};
const PUBLIC_BASE_URL = 'https://engage.oakfield.example';
const PARENT = { mobile: '+447700900555', words: 'Aisha had a rough night, can we talk?' };

describe('configuration problems name the variable, never its value', () => {
  it.each([
    ['a key too short to be a key', { API_KEY: 'short-SECRET-value' }, 'API_KEY', 'short-SECRET-value'],
    ['a database address of the wrong kind', { DATABASE_URL: `mysql://root:${SECRETS.databasePassword}@db.internal/engage` }, 'DATABASE_URL', SECRETS.databasePassword],
    ['a Twilio token without the rest of Twilio', { TWILIO_AUTH_TOKEN: SECRETS.TWILIO_AUTH_TOKEN }, 'TWILIO_', SECRETS.TWILIO_AUTH_TOKEN],
    ['an MIS token key of the wrong length', { MIS_TOKEN_KEY: `${SECRETS.MIS_TOKEN_KEY.slice(0, -4)}` }, 'MIS_TOKEN_KEY', SECRETS.MIS_TOKEN_KEY.slice(0, -4)],
  ])('%s', (_, env, named, secret) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(named);
    expect(() => loadConfig(env)).not.toThrow(secret);
  });
});

describe('the running service, configured for production with every secret set', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  const answers: { status: number; body: string }[] = [];
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${service.baseUrl}${path}`, init);
    const body = await res.text();
    answers.push({ status: res.status, body });
    return { status: res.status, body };
  };
  const withKey = (init: RequestInit = {}): RequestInit => ({ ...init, headers: { authorization: `Bearer ${SECRETS.API_KEY}`, 'content-type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    db = await createTestDatabase();
    service = await startServiceProcess({
      NODE_ENV: 'production',
      LOG_LEVEL: 'trace',
      SCHEDULER_ENABLED: 'false',
      DATABASE_URL: db.url.replace('postgres@', `postgres:${SECRETS.databasePassword}@`),
      PUBLIC_BASE_URL,
      API_KEY: SECRETS.API_KEY,
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: SECRETS.TWILIO_AUTH_TOKEN,
      TWILIO_FROM: '+447700900123',
      MicrosoftAppId: '00000000-0000-4000-8000-00000000a99d',
      MicrosoftAppPassword: SECRETS.MicrosoftAppPassword,
      MicrosoftAppTenantId: '00000000-0000-4000-8000-0000000071e7',
      TRANSLATOR_KEY: SECRETS.TRANSLATOR_KEY,
      TRANSLATOR_REGION: 'uksouth',
      MIS_TOKEN_KEY: SECRETS.MIS_TOKEN_KEY,
    });

    expect((await call('/api/me', withKey())).status).toBe(200);
    expect((await call('/api/me', withKey({ headers: { authorization: `Bearer ${SECRETS.API_KEY}x` } }))).status).toBe(401);
    const school = JSON.parse((await call('/api/schools', withKey({ method: 'POST', body: JSON.stringify({ name: 'Oakfield Primary' }) }))).body) as { id: string };
    // The school connects its MIS with its Wonde token: stored sealed, never answered back.
    expect((await call(`/api/schools/${school.id}/mis`, withKey({ method: 'POST', body: JSON.stringify({ wondeSchoolId: 'A1930499544', token: SECRETS.wondeToken }) }))).status).toBe(201);
    expect((await call(`/api/schools/${school.id}/mis`, withKey())).status).toBe(200);
    expect((await db.db.prisma.misConnection.findUniqueOrThrow({ where: { schoolId: school.id } })).tokenCiphertext).not.toContain(SECRETS.wondeToken);
    const contact = await db.db.prisma.contact.create({ data: { schoolId: school.id, displayName: 'Aisha Begum', mobile: PARENT.mobile, smsConsent: true } });
    expect(contact.id).toBeDefined();
    const params = { MessageSid: `SM${'1'.repeat(32)}`, From: PARENT.mobile, To: '+447700900123', Body: PARENT.words };
    const signature = twilio.getExpectedTwilioSignature(SECRETS.TWILIO_AUTH_TOKEN, `${PUBLIC_BASE_URL}/sms/inbound`, params);
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() };
    expect((await call('/sms/inbound', { ...form, headers: { ...form.headers, 'x-twilio-signature': signature } })).status).toBe(200);
    expect((await call('/sms/inbound', { ...form, headers: { ...form.headers, 'x-twilio-signature': 'forged' } })).status).toBe(403);
    expect((await call('/api/schools', withKey({ method: 'POST', body: '{"name": ' }))).status).toBe(400);
    // The database fails under a request: the table it reads is gone for a moment.
    await db.db.pool.query('ALTER TABLE "School" RENAME TO "SchoolAway"');
    try {
      expect((await call('/api/schools', withKey())).status).toBe(500);
    } finally {
      await db.db.pool.query('ALTER TABLE "SchoolAway" RENAME TO "School"');
    }
    expect(await service.kill('SIGTERM')).toBe(0);
  });
  afterAll(async () => {
    if (service) await service.kill('SIGKILL');
    await db.drop();
  });

  it('Then its log, at trace level, went through all of it (start, requests, the failure, shutdown)', () => {
    const log = service.output();
    expect(log).toMatch(/"msg":"listening on https:\/\/engage\.oakfield\.example/);
    expect(log).toContain('"msg":"inbound SMS"');
    expect(log).toContain('"msg":"request failed"');
    expect(log).toContain('"msg":"stopped"');
  });

  it.each(Object.entries(SECRETS))('Then the log never holds %s', (_, secret) => {
    expect(service.output()).not.toContain(secret);
  });

  it("Then the log never holds the parent's number or words", () => {
    expect(service.output()).not.toContain(PARENT.mobile);
    expect(service.output()).not.toContain(PARENT.words);
  });

  it('Then the failed request was answered with a plain apology: no stack, no SQL, no table, no library, no secret', () => {
    const failed = answers.find((a) => a.status === 500)!;
    expect(JSON.parse(failed.body)).toEqual({ error: 'internal', message: 'Something went wrong; nothing was lost. Please try again.' });
    for (const a of answers) {
      expect(a.body).not.toMatch(/\bat \S+ \(|node_modules|prisma|SELECT|"School"|postgres/i);
      for (const secret of Object.values(SECRETS)) expect(a.body).not.toContain(secret);
    }
  });
});
