import { Pool } from 'pg';
import twilio from 'twilio';
import { startChild } from '../support/child';
import { againstCeiling, type Target } from '../support/load';
import { record } from '../support/results';
import { PUBLIC_BASE_URL, serviceEnv, TWILIO, trustDatabase } from '../support/scene';

/**
 * Parents' texts arriving: Twilio's signed webhook (a new MessageSid each time, from a parent on
 * record among the trust's 45,000) against the whole service in its own process; the reply is
 * verified, stored, filed under the child and passed to the key teacher.
 */
const SECTION = 'inbound';

export async function inbound(): Promise<void> {
  const fresh = await trustDatabase(SECTION);
  const pool = new Pool({ connectionString: fresh.url, max: 1 });
  const service = await startChild('service', serviceEnv(fresh.url));
  const bare = await startChild('bare-sms');
  try {
    const mobiles = (await pool.query<{ mobile: string }>(`SELECT mobile FROM "Contact" ORDER BY random()`)).rows.map((r) => r.mobile);
    let sent = 0;
    const signedText = (): { body: string; headers: Record<string, string> } => {
      sent += 1;
      const params = { MessageSid: `SM${sent.toString(16).padStart(32, '0')}`, AccountSid: TWILIO.TWILIO_ACCOUNT_SID, From: mobiles[sent % mobiles.length]!, To: TWILIO.TWILIO_FROM, Body: 'He read to his brother every night this week', NumMedia: '0' };
      const signature = twilio.getExpectedTwilioSignature(TWILIO.TWILIO_AUTH_TOKEN, `${PUBLIC_BASE_URL}/sms/inbound`, params);
      return { body: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature } };
    };
    const target = (url: string): Target => ({ url, path: '/sms/inbound', next: signedText });
    const results = await againstCeiling(SECTION, 'parent texts in (signed webhook, stored, key teacher told)', target(service.url), target(bare.url));

    const stored = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Message" WHERE direction = 'INBOUND' AND "providerId" LIKE 'SM0%'`)).rows[0]!.n;
    const answered = results.reduce((n, r) => n + r.ok, 0);
    // Each text the service answered 200 to is stored once (the warm-up's too).
    if (stored < answered) throw new Error(`${answered} texts answered 200 but only ${stored} stored`);
    record(SECTION, 'texts stored', `${stored} (every one answered 200 is in the database)`);
  } finally {
    await service.stop();
    await bare.stop();
    await pool.end();
    await fresh.drop();
  }
}
