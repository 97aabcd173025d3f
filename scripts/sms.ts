import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import twilio from 'twilio';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { loadConfig } from '../runtime/config';
import { resolveWebhookToken } from '../sms/webhookSecret';
import { LOCAL_ACCOUNT_SID } from '../standins/twilio';

/**
 * Pretends to be a parent texting the school: `npm run sms -- <from> "<text>"`, with
 * `--picture <file>` (a photo or PDF, as many as Twilio allows) and `--to <number>` (the school's
 * own number it is sent to). Posts the form Twilio would post to the running service's
 * /sms/inbound, signed with the same token the service checks (TWILIO_AUTH_TOKEN, or the local
 * secret in <DATA_DIR>/sms-webhook-secret), then prints the replies the service queued, read from
 * GET /api/sms/outbox with the API key. A picture is first handed to the Twilio stand-in the
 * service mounts without Twilio credentials (/standins/twilio), as a phone's MMS reaches Twilio;
 * the form carries its MediaUrl and the service fetches it from there as it would from Twilio.
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
  /** Files sent with the text (MMS). */
  pictures?: { bytes: Buffer; contentType: string }[];
  /** The number texted (a school's own); default "local". */
  to?: string;
}

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', pdf: 'application/pdf' };

/** A file's type as a phone would declare it, from its name. */
export const typeOfFile = (file: string): string => TYPES[path.extname(file).slice(1).toLowerCase()] ?? 'application/octet-stream';

/** Hands each picture to the stand-in's Twilio (as a phone's MMS reaches Twilio): the MediaUrl fields of the webhook. */
async function uploadPictures(o: SimulatedReply, messageSid: string): Promise<Record<string, string>> {
  const fields: Record<string, string> = { NumMedia: String(o.pictures?.length ?? 0) };
  for (const [i, picture] of (o.pictures ?? []).entries()) {
    const res = await fetch(`${o.serviceUrl}/standins/twilio/standin/incoming-media?messageSid=${messageSid}`, {
      method: 'POST',
      headers: { 'content-type': picture.contentType, authorization: `Basic ${Buffer.from(`${LOCAL_ACCOUNT_SID}:${o.token}`).toString('base64')}` },
      body: new Uint8Array(picture.bytes),
    });
    if (res.status === 404) throw new Error('the service has no Twilio stand-in to take the picture: pictures can be sent only to a service without Twilio credentials (the local outbox)');
    if (res.status !== 201) throw new Error(`the Twilio stand-in refused the picture (${res.status})`);
    fields[`MediaUrl${i}`] = ((await res.json()) as { mediaUrl: string }).mediaUrl;
    fields[`MediaContentType${i}`] = picture.contentType;
  }
  return fields;
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
  const messageSid = `${o.pictures?.length ? 'MM' : 'SM'}${randomBytes(16).toString('hex')}`;
  const params = { MessageSid: messageSid, AccountSid: LOCAL_ACCOUNT_SID, From: from, To: o.to ?? 'local', Body: o.text, ...(await uploadPictures(o, messageSid)) };
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

/** `<from> [words...] [--picture <file>]... [--to <number>]` */
export function readArguments(argv: string[]): { from?: string; text: string; pictures: string[]; to?: string } {
  const rest: string[] = [];
  const pictures: string[] = [];
  let to: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--picture' && argv[i + 1]) pictures.push(argv[(i += 1)]!);
    else if (argv[i] === '--to' && argv[i + 1]) to = argv[(i += 1)];
    else rest.push(argv[i]!);
  }
  const [from, ...words] = rest;
  return { from, text: words.join(' '), pictures, to };
}

async function main(): Promise<void> {
  const args = readArguments(process.argv.slice(2));
  const { from } = args;
  if (!from || (args.text === '' && args.pictures.length === 0)) {
    console.error('usage: npm run sms -- <from> "<text>" [--picture photo.jpg] [--to +447700900123]   e.g. npm run sms -- 07700900123 "STOP"');
    process.exit(64);
  }
  for (const file of args.pictures) {
    if (!existsSync(file)) {
      console.error(`no such file: ${file}`);
      process.exit(66);
    }
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
    text: args.text,
    to: args.to,
    pictures: args.pictures.map((file) => ({ bytes: readFileSync(file), contentType: typeOfFile(file) })),
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
