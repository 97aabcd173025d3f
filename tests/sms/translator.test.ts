import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { messageParentsOf } from '../../messaging/parentMessages';
import { outbox, runJobs, seedFamily, startSmsService, type SmsService } from './smsSupport';
import { transaction } from '../../db/transaction';

/** A local stand-in for Azure AI Translator (REST v3): records requests, "translates" by tagging the text. */
async function startTranslatorStandIn(fail: { now: boolean }) {
  const requests: { query: Record<string, string>; key?: string; region?: string; body: unknown }[] = [];
  const app = express();
  app.use(express.json());
  app.post('/translate', (req, res) => {
    requests.push({ query: req.query as Record<string, string>, key: req.header('Ocp-Apim-Subscription-Key'), region: req.header('Ocp-Apim-Subscription-Region'), body: req.body });
    if (fail.now) {
      res.status(503).json({ error: { code: 503000, message: 'unavailable' } });
      return;
    }
    const items = req.body as { Text: string }[];
    res.json(items.map((i) => ({ translations: [{ text: `[${req.query.to}] ${i.Text}`, to: req.query.to }] })));
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { requests, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("a teacher's own words to a parent who reads Polish", () => {
  let svc: SmsService;
  let translator: Awaited<ReturnType<typeof startTranslatorStandIn>>;
  const fail = { now: false };

  beforeAll(async () => {
    translator = await startTranslatorStandIn(fail);
    svc = await startSmsService({ TRANSLATOR_KEY: 'translator-key', TRANSLATOR_REGION: 'uksouth', TRANSLATOR_ENDPOINT: translator.url });
  });
  afterAll(async () => {
    await svc.close();
    await translator.close();
  });

  const send = async (words: string) => {
    const f = await seedFamily(svc.ctx.prisma, { parents: [{ name: 'Anna Nowak', language: 'PL' }, { name: 'John Smith' }] });
    await transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'teacher.message', params: { text: words } }));
    await runJobs(svc);
    return { polish: (await outbox(svc, f.contacts[0]!.mobile))[0]!, english: (await outbox(svc, f.contacts[1]!.mobile))[0]! };
  };

  it('Given Azure AI Translator is configured, Then only the teacher\'s words are translated, the message stays flagged as free text, and English readers get them as written', async () => {
    const { polish, english } = await send('Amir read beautifully today.');
    expect(polish).toMatchObject({ status: 'SENT', freeText: true, language: 'PL' });
    expect(polish.body).toBe('Oakfield Primary, od nauczyciela (Amir): [pl] Amir read beautifully today.');
    expect(english.body).toBe("Oakfield Primary, from Amir's teacher: Amir read beautifully today.");
    const [request] = translator.requests;
    expect(request).toMatchObject({ query: { 'api-version': '3.0', from: 'en', to: 'pl' }, key: 'translator-key', region: 'uksouth', body: [{ Text: 'Amir read beautifully today.' }] });
    expect(translator.requests).toHaveLength(1);
  });

  it('Given the translator is down, Then the words go as written, still flagged', async () => {
    fail.now = true;
    const { polish } = await send('See you at sports day.');
    expect(polish).toMatchObject({ status: 'SENT', freeText: true });
    expect(polish.body).toBe('Oakfield Primary, od nauczyciela (Amir): See you at sports day.');
  });
});

describe('without a translator', () => {
  it("sends the teacher's words as written, flagged as free text", async () => {
    const svc = await startSmsService();
    try {
      const f = await seedFamily(svc.ctx.prisma, { parents: [{ name: 'Ioana Pop', language: 'RO' }] });
      await transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'teacher.message', params: { text: 'Great week!' } }));
      await runJobs(svc);
      const [m] = await outbox(svc, f.contacts[0]!.mobile);
      expect(m).toMatchObject({ status: 'SENT', freeText: true, language: 'RO', body: 'Oakfield Primary, mesaj de la profesor despre Amir: Great week!' });
    } finally {
      await svc.close();
    }
  });
});
