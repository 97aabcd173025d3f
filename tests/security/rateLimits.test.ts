import { openDatabase } from '../../db/database';
import { newSid, postSigned, seedFamily, startSmsService, TWILIO_NUMBER, type SmsService } from '../sms/smsSupport';
import { startTestService, TEST_API_KEY, type RunningService } from '../support/testService';

/**
 * Rate limits that hold for the whole deployment and never cost a parent's words: refused requests
 * are counted in PostgreSQL (so two instances on one database allow what one does), and a correctly
 * signed text is never refused, however many forgeries came from the same (shared) address.
 */
const LIMIT = 5;
const LIMITS = { TRUST_PROXY_HOPS: '1', WEBHOOK_RATE_LIMIT_PER_MINUTE: String(LIMIT), SIGN_IN_RATE_LIMIT_PER_MINUTE: '3', API_AUTH_FAILURES_PER_MINUTE: '4' };

let first: SmsService;
let second: RunningService;
let nextAddress = 10;
/** A client address of its own (as the proxy in front would write it), so no test spends another's allowance. */
const newClient = () => `198.51.100.${(nextAddress += 1)}`;

const forged = (svc: RunningService, client: string) =>
  fetch(`${svc.baseUrl}/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client, 'x-twilio-signature': 'forged' }, body: `MessageSid=${newSid()}&From=%2B447700900999&Body=hi` });
const genuine = (client: string, from: string, body: string, sid = newSid()) =>
  postSigned(first, '/sms/inbound', { MessageSid: sid, AccountSid: `AC${'0'.repeat(32)}`, From: from, To: TWILIO_NUMBER, Body: body, NumMedia: '0' }, { headers: { 'x-forwarded-for': client } });
const withKey = (svc: RunningService, client: string, key: string) => fetch(`${svc.baseUrl}/api/me`, { headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': client } });

beforeAll(async () => {
  first = await startSmsService(LIMITS);
  // A second instance of the same build on the same database (its own pool, app and routes), with
  // the same data folder (so the same webhook secret) and the same clock.
  const db = await openDatabase({ databaseUrl: first.testDb.url, dataDir: '/nonexistent', poolSize: 3 });
  second = await startTestService({
    clock: first.clock,
    env: { PUBLIC_BASE_URL: 'https://engage.school.example', DATA_DIR: first.dataDir, LOCAL_SIGN_IN: 'true', ...LIMITS },
    database: { db, url: first.testDb.url, name: first.testDb.name, drop: () => db.close() },
  });
});
afterAll(async () => {
  await second.close();
  await first.close();
});

describe('a flood of forgeries from the address Twilio sends from', () => {
  it('Given forged requests interleaved with genuine signed texts from one address, When far past the limit, Then every forgery past it gets 429 and every genuine text is answered 200 and stored', async () => {
    const family = await seedFamily(first.ctx.prisma, { school: 'Flood Primary' });
    const twilio = newClient();
    const sids: string[] = [];
    const forgeries: number[] = [];
    const texts: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      forgeries.push((await forged(first, twilio)).status);
      if (i % 4 === 3) {
        const sid = newSid();
        sids.push(sid);
        texts.push((await genuine(twilio, family.contacts[0]!.mobile, `Thank you (${i})`, sid)).status);
      }
    }
    expect(forgeries.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(403));
    expect(new Set(forgeries.slice(LIMIT))).toEqual(new Set([429]));
    expect(texts).toEqual(Array(10).fill(200));
    const stored = await first.ctx.prisma.message.findMany({ where: { providerId: { in: sids } }, select: { body: true, direction: true, contactId: true } });
    expect(stored).toHaveLength(10);
    expect(stored.every((m) => m.direction === 'INBOUND' && m.contactId === family.contacts[0]!.id)).toBe(true);
  });
});

describe('the limits hold across instances (counted in PostgreSQL)', () => {
  it('Given forgeries from one address shared between two instances, Then the limit is reached after the one allowance, not two', async () => {
    const flood = newClient();
    const codes: number[] = [];
    for (let i = 0; i < 8; i += 1) codes.push((await forged(i % 2 === 0 ? first : second, flood)).status);
    expect(codes).toEqual([403, 403, 403, 403, 403, 429, 429, 429]);
    const limited = await forged(second, flood);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('Given refused sign-ins to the API split between two instances, When together past the limit, Then the right key waits on both', async () => {
    const guesser = newClient();
    const wrong = (svc: RunningService) => withKey(svc, guesser, `wrong-key-${Math.random()}`);
    expect([(await wrong(first)).status, (await wrong(second)).status, (await wrong(first)).status, (await wrong(second)).status]).toEqual([401, 401, 401, 401]);
    expect((await withKey(first, guesser, TEST_API_KEY)).status).toBe(429);
    expect((await withKey(second, guesser, TEST_API_KEY)).status).toBe(429);
    expect((await withKey(second, newClient(), TEST_API_KEY)).status).toBe(200);
  });

  it('Given demo sign-in attempts split between two instances, Then they share one allowance', async () => {
    const guesser = newClient();
    const attempt = (svc: RunningService) => fetch(`${svc.baseUrl}/auth/local`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': guesser }, body: JSON.stringify({ staffId: crypto.randomUUID() }) });
    expect([(await attempt(first)).status, (await attempt(second)).status, (await attempt(first)).status, (await attempt(second)).status]).toEqual([404, 404, 404, 429]);
  });

  it('Given a new minute, Then the allowance is whole again and the minutes that are over are pruned from the table', async () => {
    const flood = newClient();
    for (let i = 0; i < LIMIT; i += 1) await forged(first, flood);
    expect((await forged(second, flood)).status).toBe(429);
    first.clock.advance(60_000);
    expect((await forged(second, flood)).status).toBe(403);
    const minutes = await first.ctx.db.pool.query<{ minute: Date }>('SELECT DISTINCT "minute" FROM "RateLimitCount"');
    expect(minutes.rows.map((r) => r.minute.getTime())).toEqual([first.clock.now().getTime() - (first.clock.now().getTime() % 60_000)]);
  });
});

describe('whose count an address spends', () => {
  it('Given IPv6 clients, Then one /56 (what one home or office is given) is one client, and the next /56 another', async () => {
    const codes = [];
    for (let i = 0; i < LIMIT + 1; i += 1) codes.push((await forged(first, `2001:db8:abcd:12${(i + 10).toString(16).padStart(2, '0')}::${i + 1}`)).status);
    expect(codes).toEqual([...Array(LIMIT).fill(403), 429]);
    expect((await forged(first, '2001:db8:abcd:1300::1')).status).toBe(403);
    expect((await forged(second, '::ffff:198.51.100.200')).status).toBe(403);
  });
});

describe('the counts are kept where a crash may lose them', () => {
  it('The table is UNLOGGED: no write-ahead log is written per refused request', async () => {
    const { rows } = await first.ctx.db.pool.query<{ relpersistence: string }>(`SELECT relpersistence FROM pg_class WHERE relname = 'RateLimitCount'`);
    expect(rows).toEqual([{ relpersistence: 'u' }]);
  });
});
