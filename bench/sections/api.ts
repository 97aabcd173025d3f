import { Pool } from 'pg';
import twilio from 'twilio';
import { rateLimitStore } from '../../api/rateLimits';
import { startChild } from '../support/child';
import { freshDatabase } from '../support/database';
import { describe, hammer } from '../support/load';
import { record } from '../support/results';
import { BENCH_API_KEY, NOW, PUBLIC_BASE_URL, serviceEnv, TWILIO } from '../support/scene';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * The cost of the staff API's plumbing alone (an authenticated GET /api/me, 16 at once, which now
 * includes the read of the address's refused sign-ins), and what a refused request costs now that
 * refusals are counted in PostgreSQL for the whole deployment: a forged webhook (signature checked,
 * refusal counted) against a signed but malformed one (signature checked, refused, not counted),
 * and the count's own statement timed from this process.
 */
export async function api(): Promise<void> {
  const fresh = await freshDatabase();
  const service = await startChild('service', serviceEnv(fresh.url));
  try {
    const me = { url: service.url, path: '/api/me', method: 'GET' as const, next: () => ({ headers: { authorization: `Bearer ${BENCH_API_KEY}` } }) };
    await hammer(me, 16, 2);
    record('api', 'authenticated API round trip (GET /api/me), 16 at once', describe(await hammer(me, 16)));

    const forged = { url: service.url, path: '/sms/inbound', next: () => ({ headers: { ...FORM, 'x-twilio-signature': 'forged' }, body: 'From=%2B447700900999&Body=hi' }) };
    // Signed with the service's token but without a MessageSid: refused with 400 after the signature, never counted.
    const fields = { From: '+447700900999', Body: 'hi' };
    const signature = twilio.getExpectedTwilioSignature(TWILIO.TWILIO_AUTH_TOKEN, `${PUBLIC_BASE_URL}/sms/inbound`, fields);
    const malformed = { url: service.url, path: '/sms/inbound', next: () => ({ headers: { ...FORM, 'x-twilio-signature': signature }, body: new URLSearchParams(fields).toString() }) };
    await hammer(forged, 16, 2);
    await hammer(malformed, 16, 2);
    for (const connections of [1, 16]) {
      const counted = await hammer(forged, connections);
      const uncounted = await hammer(malformed, connections);
      const extra = 1000 / counted.requestsPerSecond - 1000 / uncounted.requestsPerSecond;
      record(
        'api',
        `refused webhook requests, ${connections} at once: forged (counted in PostgreSQL, 403 then 429) vs signed but malformed (400, not counted)`,
        `${counted.requestsPerSecond.toFixed(0)} vs ${uncounted.requestsPerSecond.toFixed(0)} req/s, p50 ${counted.p50} vs ${uncounted.p50} ms; counting costs **${extra.toFixed(2)} ms** of service time per refused request`,
      );
    }
  } finally {
    await service.stop();
  }

  // The statements themselves, from this process over one connection and over ten.
  const pool = new Pool({ connectionString: fresh.url, max: 10 });
  try {
    const store = rateLimitStore(pool, { now: () => NOW });
    const time = async (what: string, n: number, at: number, step: (i: number) => Promise<unknown>) => {
      const started = performance.now();
      let next = 0;
      await Promise.all(Array.from({ length: at }, async () => {
        while (next < n) await step((next += 1));
      }));
      const total = performance.now() - started;
      record('api', `${what}, ${at} at once`, `${n} in ${(total / 1000).toFixed(2)} s: **${((total * 1000 * at) / n).toFixed(0)} µs** each (${(n / (total / 1000)).toFixed(0)} a second)`);
    };
    await time('count a refusal (one upsert), one address', 5000, 1, () => store.add('bench', '203.0.113.1'));
    await time('count a refusal (one upsert), a new address each', 5000, 1, (i) => store.add('bench', `198.51.${i >> 8}.${i & 255}`));
    await time('count a refusal (one upsert), one address', 20000, 10, () => store.add('bench', '203.0.113.2'));
    await time("read an address's refused sign-ins (the API's guard)", 5000, 1, () => store.current('bench', '203.0.113.1'));
  } finally {
    await pool.end();
    await fresh.drop();
  }
}
