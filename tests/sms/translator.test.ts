import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { messageParentsOf } from '../../messaging/parentMessages';
import { TranslatorError, azureTranslator } from '../../messaging/translator';
import { translatorStandIn } from '../../standins/translator';
import { outbox, runJobs, seedFamily, startSmsService, type SmsService } from './smsSupport';
import { transaction } from '../../db/transaction';

/**
 * The Azure AI Translator client against the local stand-in (standins/translator.ts) over real
 * HTTP: the requests as Azure documents them, its answers and its refusals read back.
 */
const KEY = 'translator-key';
const REGION = 'uksouth';

async function startTranslator(fail: { now: boolean }) {
  const requests: { path: string; query: Record<string, unknown>; key?: string; region?: string; body: unknown }[] = [];
  const app = express();
  // Recorded once answered, with the body as the stand-in read it.
  app.use((req, res, next) => {
    const path = req.path;
    res.on('finish', () => requests.push({ path, query: req.query, key: req.header('Ocp-Apim-Subscription-Key'), region: req.header('Ocp-Apim-Subscription-Region'), body: req.body }));
    next();
  });
  // An outage, as Azure answers one.
  app.use((_req, res, next) => (fail.now ? res.status(503).json({ error: { code: 503000, message: 'Service is temporarily unavailable.' } }) : next()));
  app.use(translatorStandIn({ key: KEY, region: REGION }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { requests, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the Azure AI Translator client against the stand-in', () => {
  let translator: Awaited<ReturnType<typeof startTranslator>>;
  const fail = { now: false };
  beforeAll(async () => {
    translator = await startTranslator(fail);
  });
  afterAll(() => translator.close());
  const client = (key = KEY, region: string | null = REGION) => azureTranslator({ key, region: region ?? undefined, endpoint: translator.url });

  it('Given a teacher\'s words in the phrasebook, When translated into Polish, Then the Polish phrase comes back, asked for as Azure documents', async () => {
    translator.requests.length = 0;
    expect(await client().translate('Great week!', 'pl')).toBe('Świetny tydzień!');
    expect(translator.requests).toEqual([{ path: '/translate', query: { 'api-version': '3.0', from: 'en', to: 'pl' }, key: KEY, region: REGION, body: [{ Text: 'Great week!' }] }]);
  });

  it('Given our language codes, Then each is sent as Azure\'s own (Portuguese as pt-pt, Gurmukhi as pa)', async () => {
    translator.requests.length = 0;
    expect(await client().translate('Thank you very much', 'pt')).toBe('Muito obrigado');
    expect(await client().translate('Thank you', 'pa-Guru')).toBe('ਧੰਨਵਾਦ');
    expect(translator.requests.map((r) => r.query.to)).toEqual(['pt-pt', 'pa']);
  });

  it('Given a parent\'s reply in Urdu, When translated into English, Then the English comes back', async () => {
    expect(await client().translate('میرا بچہ آج بیمار ہے', 'en', 'ur')).toBe('My child is ill today');
  });

  it('Given words the phrasebook does not have, Then they come back exactly as sent, never invented', async () => {
    expect(await client().translate('Amir read beautifully today.', 'ro')).toBe('Amir read beautifully today.');
  });

  it.each([
    ['Moje dziecko jest dziś chore', 'pl'],
    ['Copilul meu este bolnav azi', 'ro'],
    ['Ilmahaygu maanta waa jiran yahay', 'so'],
    ['O meu filho está doente hoje', 'pt'],
    ['Mano vaikas šiandien serga', 'lt'],
    ['میرا بچہ آج بیمار ہے', 'ur'],
    ['طفلي مريض اليوم', 'ar'],
    ['ਮੇਰਾ ਬੱਚਾ ਅੱਜ ਬਿਮਾਰ ਹੈ', 'pa'],
    ['আমার সন্তান আজ অসুস্থ', 'bn'],
    ['મારું બાળક આજે બીમાર છે', 'gu'],
    ['என் குழந்தைக்கு இன்று உடம்பு சரியில்லை', 'ta'],
    ['ወደ ቤት እየሄድኩ እዩ', 'ti'],
    ['سوپاس بۆ ئێوە', 'ckb'],
    ['Thank you, see you on Tuesday', 'en'],
  ])('Given "%s", When detected, Then it is %s, in our own codes', async (text, language) => {
    const d = await client().detect(text);
    expect(d).toMatchObject({ language, isTranslationSupported: true });
    expect(d.score).toBeGreaterThan(0);
  });

  it('Given no key, a wrong key or no region for a regional resource, Then Azure\'s 401000 is read back', async () => {
    for (const c of [client(''), client('wrong'), client(KEY, null)]) {
      await expect(c.translate('Thank you', 'pl')).rejects.toMatchObject({ status: 401, code: 401000 });
    }
  });

  it('Given a language Azure has no code for (Sylheti), Then the client refuses before asking', async () => {
    translator.requests.length = 0;
    await expect(client().translate('Thank you', 'syl')).rejects.toBeInstanceOf(TranslatorError);
    expect(translator.requests).toEqual([]);
  });

  it('Given an outage, Then the client says so with the code Azure gave', async () => {
    fail.now = true;
    try {
      await expect(client().detect('Dziękuję')).rejects.toMatchObject({ status: 503, code: 503000 });
    } finally {
      fail.now = false;
    }
  });

  it('answers as Azure documents: detection and every translation per text, its limits and its error shapes', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${translator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'Ocp-Apim-Subscription-Key': KEY, 'Ocp-Apim-Subscription-Region': REGION, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const ok = await post('/translate?api-version=3.0&to=fr&to=es', [{ Text: 'Thank you' }, { Text: 'Merci' }]);
    expect(await ok.json()).toEqual([
      { detectedLanguage: { language: 'en', score: expect.any(Number) }, translations: [{ text: 'Merci', to: 'fr' }, { text: 'Gracias', to: 'es' }] },
      { detectedLanguage: { language: 'fr', score: expect.any(Number) }, translations: [{ text: 'Merci', to: 'fr' }, { text: 'Gracias', to: 'es' }] },
    ]);
    const detect = await post('/detect?api-version=3.0', [{ Text: 'شكرا' }]);
    expect(await detect.json()).toEqual([{ language: 'ar', score: 1, isTranslationSupported: true, isTransliterationSupported: true }]);
    const cases: [string, unknown, Record<string, string>, number, number][] = [
      ['/translate?api-version=2.0&to=fr', [{ Text: 'x' }], {}, 400, 400021],
      ['/translate?api-version=3.0', [{ Text: 'x' }], {}, 400, 400036],
      ['/translate?api-version=3.0&to=xx', [{ Text: 'x' }], {}, 400, 400036],
      ['/translate?api-version=3.0&to=fr&from=zz', [{ Text: 'x' }], {}, 400, 400035],
      ['/translate?api-version=3.0&to=fr', '[{"Text":', {}, 400, 400074],
      ['/translate?api-version=3.0&to=fr', [{ Words: 'x' }], {}, 400, 400005],
      ['/detect?api-version=3.0', Array.from({ length: 101 }, () => ({ Text: 'x' })), {}, 400, 400072],
      ['/translate?api-version=3.0&to=fr', [{ Text: 'x'.repeat(50_001) }], {}, 400, 400077],
      ['/translate?api-version=3.0&to=fr', 'Text=x', { 'content-type': 'text/plain' }, 415, 415000],
      ['/translate?api-version=3.0&to=fr', [{ Text: 'x' }], { 'Ocp-Apim-Subscription-Key': 'nope' }, 401, 401000],
    ];
    for (const [path, body, headers, status, code] of cases) {
      const res = await post(path, body, headers);
      expect({ path, status: res.status, body: await res.json() }).toEqual({ path, status, body: { error: { code, message: expect.any(String) } } });
    }
  });
});

describe("a teacher's own words to a parent who reads Polish", () => {
  let svc: SmsService;
  let translator: Awaited<ReturnType<typeof startTranslator>>;
  const fail = { now: false };

  beforeAll(async () => {
    translator = await startTranslator(fail);
    svc = await startSmsService({ TRANSLATOR_KEY: KEY, TRANSLATOR_REGION: REGION, TRANSLATOR_ENDPOINT: translator.url });
  });
  afterAll(async () => {
    await svc.close();
    await translator.close();
  });

  const send = async (words: string) => {
    const f = await seedFamily(svc.ctx.prisma, { parents: [{ name: 'Anna Nowak', language: 'pl' }, { name: 'John Smith' }] });
    await transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'teacher.message', params: { text: words } }));
    await runJobs(svc);
    return { polish: (await outbox(svc, f.contacts[0]!.mobile))[0]!, english: (await outbox(svc, f.contacts[1]!.mobile))[0]! };
  };

  it("Given Azure AI Translator is configured, Then only the teacher's words are translated, the message stays flagged as free text, and English readers get them as written", async () => {
    translator.requests.length = 0;
    const { polish, english } = await send('Great week!');
    expect(polish).toMatchObject({ status: 'SENT', freeText: true, language: 'pl' });
    expect(polish.body).toBe('Oakfield Primary, od nauczyciela dziecka (Amir): Świetny tydzień!');
    expect(english.body).toBe("Oakfield Primary, from Amir's teacher: Great week!");
    expect(translator.requests).toEqual([{ path: '/translate', query: { 'api-version': '3.0', from: 'en', to: 'pl' }, key: KEY, region: REGION, body: [{ Text: 'Great week!' }] }]);
  });

  it('Given the translator is down, Then the words go as written, still flagged', async () => {
    fail.now = true;
    const { polish } = await send('See you at sports day.');
    expect(polish).toMatchObject({ status: 'SENT', freeText: true });
    expect(polish.body).toBe('Oakfield Primary, od nauczyciela dziecka (Amir): See you at sports day.');
  });
});

describe('without a translator', () => {
  it("sends the teacher's words as written, flagged as free text", async () => {
    const svc = await startSmsService();
    try {
      const f = await seedFamily(svc.ctx.prisma, { parents: [{ name: 'Ioana Pop', language: 'ro' }] });
      await transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'teacher.message', params: { text: 'Great week!' } }));
      await runJobs(svc);
      const [m] = await outbox(svc, f.contacts[0]!.mobile);
      expect(m).toMatchObject({ status: 'SENT', freeText: true, language: 'ro', body: 'Oakfield Primary, mesaj de la profesor despre Amir: Great week!' });
    } finally {
      await svc.close();
    }
  });
});
