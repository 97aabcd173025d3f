import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import twilio from 'twilio';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { loadConfig } from '../runtime/config';
import { resolveWebhookToken } from '../sms/webhookSecret';

/**
 * Pretends to be a parent texting the school: `npm run sms -- <from> "<text>"`. Posts the form
 * Twilio would post to the running service's /sms/inbound, signed with the same token the service
 * checks (TWILIO_AUTH_TOKEN, or the local secret in <DATA_DIR>/sms-webhook-secret), then prints the
 * replies the service queued, read from GET /api/sms/outbox with the API key.
 */
export interface SimulatedReply {
  /** Where the service listens, e.g. http://127.0.0.1:3978. */
  serviceUrl: string;
  /** The URL Twilio would have called (what the signature covers). */
  publicBaseUrl: string;
  token: string;
  apiKey?: string;
  from: string;
  text: string;
}

export interface OutboxLine {
  status: string;
  template: string | null;
  body: string;
  notBefore: string;
}

export async function simulateReply(o: SimulatedReply): Promise<{ status: number; replies: OutboxLine[] }> {
  const from = parsePhoneNumberFromString(o.from, 'GB')?.number;
  if (!from) throw new Error(`not a phone number: ${o.from}`);
  const params = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: 'AClocal', From: from, To: 'local', Body: o.text, NumMedia: '0' };
  const signature = twilio.getExpectedTwilioSignature(o.token, `${o.publicBaseUrl}/sms/inbound`, params);
  // The replies are what the outbox holds for this number afterwards and did not hold before
  // (compared by id: the service's clock need not be this machine's).
  const outbox = async (): Promise<(OutboxLine & { id: string })[]> => {
    if (!o.apiKey) return [];
    const res = await fetch(`${o.serviceUrl}/api/sms/outbox?to=${encodeURIComponent(from)}`, { headers: { authorization: `Bearer ${o.apiKey}` } });
    return ((await res.json()) as { messages: (OutboxLine & { id: string })[] }).messages;
  };
  const before = new Set((await outbox()).map((m) => m.id));
  const res = await fetch(`${o.serviceUrl}/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  if (res.status !== 200) return { status: res.status, replies: [] };
  return { status: res.status, replies: (await outbox()).filter((m) => !before.has(m.id)).reverse() };
}

async function main(): Promise<void> {
  const [from, ...words] = process.argv.slice(2);
  if (!from || words.length === 0) {
    console.error('usage: npm run sms -- <from> "<text>"   e.g. npm run sms -- 07700900123 "STOP"');
    process.exit(64);
  }
  const config = loadConfig();
  const keyFile = path.join(config.dataDir, 'api-key');
  const apiKey = config.API_KEY ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : undefined);
  const { status, replies } = await simulateReply({
    serviceUrl: process.env.SMS_SERVICE_URL ?? `http://127.0.0.1:${config.PORT}`,
    publicBaseUrl: config.publicBaseUrl,
    token: resolveWebhookToken(config),
    apiKey,
    from,
    text: words.join(' '),
  });
  if (status !== 200) {
    console.error(`the service answered ${status}${status === 403 ? ' (signature refused: is it running with the same DATA_DIR / TWILIO_AUTH_TOKEN?)' : ''}`);
    process.exit(1);
  }
  if (!apiKey) console.log('delivered (no API key found, so the replies cannot be shown)');
  else if (replies.length === 0) console.log('delivered; the service queued no reply');
  for (const r of replies) {
    const waits = new Date(r.notBefore).getTime() > Date.now() ? ` (waits until ${new Date(r.notBefore).toLocaleString('en-GB')})` : '';
    console.log(`[${r.status}${waits}] ${r.template ?? 'free text'}: ${r.body}`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
