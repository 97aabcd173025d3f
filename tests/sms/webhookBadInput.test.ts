import fc from 'fast-check';
import twilio from 'twilio';
import { intentOf } from '../../sms/keywords';
import { newSid, postSigned, PUBLIC_BASE_URL, seedFamily, startSmsService, text, TWILIO_NUMBER, type Family, type SmsService } from './smsSupport';

/**
 * Bad input at Twilio's two doors, /sms/inbound (a parent's text) and /sms/status (a delivery
 * receipt), over real HTTP and the real database. Whatever arrives, the school's records change
 * only for a request Twilio signed, in the form Twilio sends, with the fields Twilio sends; and a
 * parent's words, however they are written, reach the key teacher as written.
 */
let svc: SmsService;
let family: Family;

beforeAll(async () => {
  // Several hundred requests a minute from one address: the rate limit (tests/security) is not what is tested here.
  svc = await startSmsService({ WEBHOOK_RATE_LIMIT_PER_MINUTE: '100000' });
  family = await seedFamily(svc.ctx.prisma, { children: [{ firstName: 'Amir', lastName: 'Khan' }] });
});
afterAll(() => svc.close());

const parent = () => family.contacts[0]!;

/** Everything a request could have left behind. */
async function stored() {
  const p = svc.ctx.prisma;
  const [messages, statusEvents, audit, jobs, awaited, optedOut] = await Promise.all([
    p.message.count(),
    p.messageStatusEvent.count(),
    p.auditEvent.count(),
    p.job.count(),
    p.awaitedReply.count(),
    p.contact.count({ where: { optedOutAt: { not: null } } }),
  ]);
  return { messages, statusEvents, audit, jobs, awaited, optedOut };
}

type Params = Record<string, string>;
const ENDPOINTS = ['/sms/inbound', '/sms/status'] as const;
type Endpoint = (typeof ENDPOINTS)[number];

const hex32 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 });
const sid = hex32.map((h) => `SM${h}`);

/** A request Twilio could have sent to that endpoint (a STOP among them: forging one must not silence a parent). */
const validParams = (endpoint: Endpoint): fc.Arbitrary<Params> =>
  endpoint === '/sms/inbound'
    ? fc.record({ MessageSid: sid, From: fc.constant(parent().mobile), To: fc.constant(TWILIO_NUMBER), Body: fc.oneof(fc.constant('STOP'), fc.string({ maxLength: 200 })), NumMedia: fc.constant('0') })
    : fc.record({ MessageSid: sid, MessageStatus: fc.constantFrom('sent', 'delivered', 'undelivered', 'failed'), ErrorCode: fc.constantFrom('30003', '21610') }, { requiredKeys: ['MessageSid', 'MessageStatus'] });

const anyEndpoint = fc.constantFrom(...ENDPOINTS).chain((endpoint) => validParams(endpoint).map((params) => ({ endpoint, params })));

// ------------------------------------------------------------------ forged requests

/** One way a request differs from what was signed. */
type Forgery =
  | { kind: 'changedValue'; key: number; value: string }
  | { kind: 'addedParam'; key: string; value: string }
  | { kind: 'removedParam'; key: number }
  | { kind: 'signedForAnotherUrl'; url: string }
  | { kind: 'signedWithAnotherToken'; token: string }
  | { kind: 'notASignature'; signature: string };

const forgery: fc.Arbitrary<Forgery> = fc.oneof(
  fc.record({ kind: fc.constant('changedValue' as const), key: fc.nat(), value: fc.string({ maxLength: 40 }) }),
  fc.record({ kind: fc.constant('addedParam' as const), key: fc.string({ minLength: 1, maxLength: 12 }), value: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('removedParam' as const), key: fc.nat() }),
  fc.record({
    kind: fc.constant('signedForAnotherUrl' as const),
    url: fc.constantFrom('http://engage.school.example', 'https://evil.example', 'https://engage.school.example.evil.example', 'https://engage.school.example/sms', 'internal').chain((base) =>
      fc.constantFrom('/sms/inbound', '/sms/status', '/sms/inbound/', '/sms/inbound?x=1').map((p) => `${base}${p}`),
    ),
  }),
  fc.record({ kind: fc.constant('signedWithAnotherToken' as const), token: fc.string({ minLength: 1, maxLength: 40 }) }),
  fc.record({ kind: fc.constant('notASignature' as const), signature: fc.oneof(fc.string(), fc.base64String({ maxLength: 40 })) }),
);

/** The params actually sent and the signature they carry, for a request signed as `params` then forged. */
function forge(endpoint: Endpoint, params: Params, f: Forgery): { sent: Params; signature: string } | undefined {
  const keys = Object.keys(params);
  const sign = (url = `${PUBLIC_BASE_URL}${endpoint}`, token = svc.token) => twilio.getExpectedTwilioSignature(token, url, params);
  switch (f.kind) {
    case 'changedValue': {
      const key = keys[f.key % keys.length]!;
      return f.value === params[key] ? undefined : { sent: { ...params, [key]: f.value }, signature: sign() };
    }
    case 'addedParam':
      return keys.includes(f.key) ? undefined : { sent: { ...params, [f.key]: f.value }, signature: sign() };
    case 'removedParam': {
      const key = keys[f.key % keys.length]!;
      const { [key]: _gone, ...rest } = params;
      return { sent: rest, signature: sign() };
    }
    case 'signedForAnotherUrl': {
      const url = f.url.startsWith('internal') ? `${svc.baseUrl}${endpoint}` : f.url;
      return url === `${PUBLIC_BASE_URL}${endpoint}` ? undefined : { sent: params, signature: sign(url) };
    }
    case 'signedWithAnotherToken':
      return f.token === svc.token ? undefined : { sent: params, signature: sign(undefined, f.token) };
    case 'notASignature':
      return { sent: params, signature: f.signature };
  }
}

describe('a request Twilio did not sign, exactly as it arrives, is refused', () => {
  it('Given any signed request changed on the way (a value, an added or removed field, another address or token), Then it gets 403 and nothing is stored', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(anyEndpoint, forgery, async ({ endpoint, params }, f) => {
        const forged = forge(endpoint, params, f);
        fc.pre(forged !== undefined);
        const res = await postSigned(svc, endpoint, forged!.sent, { signature: forged!.signature });
        expect(res.status).toBe(403);
      }),
      { numRuns: 80 },
    );
    expect(await stored()).toEqual(before);
  });

  // Found by the property above: the form parser drops these keys, so the signature was checked without them.
  it.each(['__proto__', 'constructor', 'toString'])('Given a genuine text with a field named %s added on the way, Then it gets 403: the signature covers the fields as they arrived', async (key) => {
    const before = await stored();
    const params = { MessageSid: newSid(), From: '+447700910890', To: TWILIO_NUMBER, Body: 'Hello', NumMedia: '0' };
    const forged = forge('/sms/inbound', params, { kind: 'addedParam', key, value: '' })!;
    expect((await postSigned(svc, '/sms/inbound', forged.sent, { signature: forged.signature })).status).toBe(403);
    expect(await stored()).toEqual(before);
  });
});

// ------------------------------------------------------------------ signed, but not what Twilio sends

const twilioSid = /^(SM|MM)[0-9a-fA-F]{32}$/;
const e164 = /^\+[1-9]\d{6,14}$/;

/** A value Twilio never sends in that field. */
const garbled: Record<string, fc.Arbitrary<string>> = {
  MessageSid: fc.oneof(fc.string({ maxLength: 40 }), hex32.map((h) => `AC${h}`), hex32.map((h) => `SM${h}\u0000`), hex32.map((h) => `SM${h.slice(1)}`)).filter((s) => !twilioSid.test(s)),
  From: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('07700900123', '+44 7700 900123', '+447700900123\u0000', 'robert); DROP TABLE contacts;--', '+0123456789')).filter((s) => !e164.test(s)),
  To: fc.oneof(fc.constantFrom('', '+44 7700 900000', 'our number', '+447700900000\u0000', 'x'.repeat(65)), fc.string({ minLength: 1, maxLength: 10 }).map((s) => `${s} ${s}`)),
  Body: fc.string({ minLength: 1601, maxLength: 2000 }),
  MessageStatus: fc.oneof(fc.constantFrom('', 'deli vered', 'delivered\u0000', 'x'.repeat(41), 'sent;drop'), fc.string({ maxLength: 10 }).map((s) => `${s}!`)),
  ErrorCode: fc.constantFrom('', 'E30003', '30003 ', '-1', '3e4'),
};
const REQUIRED: Record<Endpoint, string[]> = { '/sms/inbound': ['MessageSid', 'From', 'Body'], '/sms/status': ['MessageSid', 'MessageStatus'] };
const OPTIONAL: Record<Endpoint, string[]> = { '/sms/inbound': ['To'], '/sms/status': ['ErrorCode'] };

type Spoilt = { how: 'missing'; field: string } | { how: 'garbled'; field: string; value: string } | { how: 'repeated'; field: string; value: string };

const spoilt = (endpoint: Endpoint): fc.Arbitrary<Spoilt> =>
  fc.oneof(
    fc.record({ how: fc.constant('missing' as const), field: fc.constantFrom(...REQUIRED[endpoint]) }),
    fc.constantFrom(...REQUIRED[endpoint], ...OPTIONAL[endpoint]).chain((field) => garbled[field]!.map((value) => ({ how: 'garbled' as const, field, value }))),
    fc.record({ how: fc.constant('repeated' as const), field: fc.constantFrom(...REQUIRED[endpoint]), value: fc.string({ minLength: 1, maxLength: 10 }) }),
  );

/** Posts the form exactly as given (a field may repeat), signed the way Twilio signs it. */
async function postSignedForm(endpoint: Endpoint, fields: [string, string][]): Promise<Response> {
  const params: Record<string, string | string[]> = {};
  for (const [k, v] of fields) params[k] = k in params ? [params[k]!].flat().concat(v) : v;
  const signature = twilio.getExpectedTwilioSignature(svc.token, `${PUBLIC_BASE_URL}${endpoint}`, params);
  return fetch(`${svc.baseUrl}${endpoint}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(fields).toString() });
}

describe('a signed request without the fields Twilio sends is refused with 400, and nothing is stored', () => {
  it.each(ENDPOINTS)('Given a signed request to %s with a field missing, garbled or repeated, Then it gets 400, not a fault, and the school records nothing', async (endpoint) => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(validParams(endpoint), spoilt(endpoint), async (params, s) => {
        const fields = Object.entries(params).filter(([k]) => !(s.how === 'missing' && k === s.field));
        if (s.how === 'garbled') fields.splice(0, fields.length, ...fields.filter(([k]) => k !== s.field), [s.field, s.value]);
        if (s.how === 'repeated') fields.push([s.field, s.value]);
        const res = await postSignedForm(endpoint, fields);
        expect(res.status).toBe(400);
      }),
      { numRuns: 60 },
    );
    expect(await stored()).toEqual(before);
  });

  it('Given a receipt for a message we never sent (well formed), Then it is kept as a receipt of no message and changes nothing else', async () => {
    const before = await stored();
    const receipt = { MessageSid: newSid(), MessageStatus: 'delivered' };
    expect((await postSigned(svc, '/sms/status', receipt)).status).toBe(204);
    expect(await svc.ctx.prisma.messageStatusEvent.findMany({ where: { providerId: receipt.MessageSid } })).toEqual([expect.objectContaining({ messageId: null, status: 'delivered' })]);
    expect(await stored()).toEqual({ ...before, statusEvents: before.statusEvents + 1 });
  });
});

// ------------------------------------------------------------------ the wrong form, or too much of it

describe('only forms, of a sensible size, are read', () => {
  const params = () => ({ MessageSid: newSid(), From: parent().mobile, To: TWILIO_NUMBER, Body: 'STOP' });
  const bodies: [string, (p: Params) => { body: BodyInit; contentType?: string }][] = [
    ['JSON', (p) => ({ body: JSON.stringify(p), contentType: 'application/json' })],
    ['plain text', (p) => ({ body: new URLSearchParams(p).toString(), contentType: 'text/plain' })],
    ['XML', (p) => ({ body: `<Message><Body>${p.Body}</Body></Message>`, contentType: 'application/xml' })],
    ['a multipart form', (p) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(p)) form.append(k, v);
      return { body: form };
    }],
    ['no content type', (p) => ({ body: new Blob([new URLSearchParams(p).toString()]) })],
  ];

  it.each(ENDPOINTS.flatMap((endpoint) => bodies.map(([label, make]) => [endpoint, label, make] as const)))(
    'Given a correctly signed %s request sent as %s, Then it gets 415 saying what Twilio posts, and nothing is stored',
    async (endpoint, _label, make) => {
      const before = await stored();
      const p = endpoint === '/sms/inbound' ? params() : { MessageSid: newSid(), MessageStatus: 'delivered' };
      const { body, contentType } = make(p);
      const headers: Record<string, string> = { 'x-twilio-signature': twilio.getExpectedTwilioSignature(svc.token, `${PUBLIC_BASE_URL}${endpoint}`, p) };
      if (contentType) headers['content-type'] = contentType;
      const res = await fetch(`${svc.baseUrl}${endpoint}`, { method: 'POST', headers, body });
      expect(res.status).toBe(415);
      expect(await res.text()).toContain('application/x-www-form-urlencoded');
      expect(await stored()).toEqual(before);
    },
  );

  it.each(ENDPOINTS.flatMap((endpoint) => [[endpoint, 'signed'], [endpoint, 'unsigned']] as const))('Given a %s request over 32 kB (%s), Then it gets 413 and nothing is stored', async (endpoint, signed) => {
    const before = await stored();
    const p: Params = endpoint === '/sms/inbound' ? { ...params(), Body: '🙏'.repeat(20_000) } : { MessageSid: newSid(), MessageStatus: 'delivered', Padding: 'x'.repeat(40_000) };
    const res = await postSigned(svc, endpoint, p, signed === 'signed' ? {} : { signature: null });
    expect(res.status).toBe(413);
    expect(await stored()).toEqual(before);
  });
});

// ------------------------------------------------------------------ the same text or receipt again

describe('Twilio repeats itself; the school hears once', () => {
  it('Given any pattern of deliveries of a few texts, some at the same moment and some later, Then each text is stored once and reaches the key teacher once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.nat(2), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), async (waves) => {
        const sids = [newSid(), newSid(), newSid()];
        for (const wave of waves) {
          const answers = await Promise.all(wave.map((i) => text(svc, parent().mobile, `Is the trip on Friday? (${i})`, sids[i])));
          expect(answers.map((r) => r.status)).toEqual(wave.map(() => 200));
        }
        const sent = new Set(waves.flat().map((i) => sids[i]!));
        expect(await svc.ctx.prisma.message.count({ where: { providerId: { in: sids } } })).toBe(sent.size);
        expect(await svc.ctx.prisma.message.count({ where: { template: 'parent.reply', inReplyTo: { providerId: { in: sids } } } })).toBe(sent.size);
      }),
      { numRuns: 8 },
    );
  });

  it('Given the same receipt five times at once and again a day later, Then it is stored once', async () => {
    const receipt = { MessageSid: newSid(), MessageStatus: 'undelivered', ErrorCode: '30003' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => postSigned(svc, '/sms/status', receipt)));
    expect(answers.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    svc.clock.advance(24 * 60 * 60_000);
    expect((await postSigned(svc, '/sms/status', receipt)).status).toBe(204);
    expect(await svc.ctx.prisma.messageStatusEvent.count({ where: { providerId: receipt.MessageSid } })).toBe(1);
  });

  it('Given a STOP delivered again a day later, Then the parent is opted out once, with one confirmation and one audit entry', async () => {
    const sid = newSid();
    await text(svc, parent().mobile, 'STOP', sid);
    svc.clock.advance(24 * 60 * 60_000);
    expect((await text(svc, parent().mobile, 'STOP', sid)).status).toBe(200);
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'contact.optOut', entityId: parent().id } })).toBe(1);
    expect(await svc.ctx.prisma.message.count({ where: { template: 'stop.confirmed', inReplyTo: { providerId: sid } } })).toBe(1);
    await text(svc, parent().mobile, 'START');
  });
});

// ------------------------------------------------------------------ how parents write

/** Pieces of what parents really send, and of what phones and carriers add unseen. */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('Thank you', 'He was upset after school', 'Can we talk?', 'Amir', ' ', '\n', '\r\n', '\t', '.', '!', '"', "'", '\\', '/') },
  { weight: 3, arbitrary: fc.constantFrom('🙏', '👍🏽', '👨‍👩‍👧', '❤️', '1️⃣', '🇬🇧', '😂😂😂') },
  { weight: 3, arbitrary: fc.constantFrom('شکریہ، وہ آج خوش تھا', 'مدد', 'مرحبا بكم', '۳', 'Dziękuję', 'Mulțumesc', 'שלום') },
  { weight: 2, arbitrary: fc.constantFrom('\u200B', '\u200C', '\u200D', '\uFEFF', '\u200E', '\u200F', '\u202E', '\u2066', '\u00AD') },
  { weight: 2, arbitrary: fc.constantFrom('e\u0301', '\u0301', 'n\u0303\u0323', 'Z\u0351\u0352\u0357\u035b') },
  { weight: 1, arbitrary: fc.constantFrom('\uD83D', '\uDE4F', '\uDBFF\uD800') },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0007', '\u001B[31m', '\u007F', '\u0085', '\u2028') },
  { weight: 1, arbitrary: fc.constantFrom('**bold**', '[link](https://evil.example)', '</script>', '{"type":"AdaptiveCard","body":[]}', '${pupil}', '{{name}}', '%s%n') },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(400), `${'word '.repeat(120)}\n`) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const parentText = fc.array(piece, { minLength: 1, maxLength: 10 }).map((pieces) => pieces.join('').slice(0, 1600));

/** A lone surrogate cannot be written in UTF-8: the form encoding (on the phone's side, as on ours) makes it U+FFFD. */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** All the text in a card, wherever it sits. */
function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : textsOf(v)));
  return [];
}

describe("a parent's words, however they are written", () => {
  it("Given any text (emoji, Urdu and Arabic, invisible marks, combining marks, control characters, long lines), Then it is stored as sent (NUL removed), and the key teacher's card carries it whole", async () => {
    await fc.assert(
      fc.asyncProperty(parentText, async (sent) => {
        const arrived = wellFormed(sent);
        fc.pre(intentOf(arrived).kind === 'text');
        const sid = newSid();
        const res = await text(svc, parent().mobile, arrived, sid);
        expect(res.status).toBe(200);
        const inbound = await svc.ctx.prisma.message.findUniqueOrThrow({ where: { providerId: sid } });
        expect(inbound.body).toBe(arrived.replaceAll('\u0000', ''));
        expect(inbound.pupilId).toBe(family.pupils[0]!.id);
        const notice = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'parent.reply', inReplyToId: inbound.id } });
        expect(notice.staffId).toBe(family.keyTeacherId);
        expect(notice.body).toContain(inbound.body);
        const card = await svc.service.noticeCard(notice);
        // What the Bot Framework puts on the wire: the card must survive JSON and still say exactly what the parent wrote.
        const onTheWire = JSON.parse(JSON.stringify(card)) as unknown;
        // A text with nothing in it (a lone NUL, say) is shown as such, never as a blank line.
        expect(textsOf(onTheWire)).toContain(inbound.body === '' ? '(an empty text)' : inbound.body);
      }),
      { numRuns: 40 },
    );
  });
});

/** Whatever a phone might put around or inside a keyword without the parent seeing it. */
const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C', '\u00AD', '\uFE0F');
const visibleNoise = fc.constantFrom(' ', '  ', '\n', '\t', '.', '!', '!!', '🙏', '❤️', '👍🏽', '"', '*');
const padding = fc.array(fc.oneof(invisible, visibleNoise), { maxLength: 4 }).map((p) => p.join(''));
const casing = (word: string) => fc.constantFrom(word.toUpperCase(), word.toLowerCase(), word[0]!.toUpperCase() + word.slice(1).toLowerCase());
/** The keyword written by a phone: any case, padded, and invisible characters between its letters. */
const hidden = (word: string) =>
  fc
    .tuple(casing(word), padding, padding, fc.array(fc.option(invisible, { nil: '' }), { minLength: word.length, maxLength: word.length }))
    .map(([w, before, after, inside]) => `${before}${[...w].map((ch, i) => ch + (i < w.length - 1 ? inside[i] : '')).join('')}${after}`);

describe('keywords hidden among invisible characters still work', () => {
  it('Given STOP written with invisible marks around or inside it, emoji or punctuation, When the parent sends it, Then they are opted out; START brings them back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hidden('stop'), hidden('unsubscribe'), hidden('wypisz')), async (stop) => {
        expect((await text(svc, parent().mobile, stop)).status).toBe(200);
        const contact = await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: parent().id } });
        expect(contact.optedOutAt).not.toBeNull();
        await text(svc, parent().mobile, 'START');
        expect((await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: parent().id } })).optedOutAt).toBeNull();
      }),
      { numRuns: 15 },
    );
  });
});
