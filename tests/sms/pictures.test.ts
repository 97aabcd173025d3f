import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyMessageRetention } from '../../retention/messageRetention';
import { staffBearer } from '../support/staffTokens';
import { newSid, postSigned, runJobs, seedFamily, staffNotices, startSmsService, TWILIO_NUMBER, type Family, type SmsService } from './smsSupport';
import { startTwilioStandIn, type TwilioStandIn } from './twilioStandIn';

const ACCOUNT_SID = `AC${'2'.repeat(32)}`;
const AUTH_TOKEN = 'twilio-auth-token-for-pictures';
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
/** A real 1x1 PNG: a parent's photograph of a letter, as small as a test needs. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * A parent photographs a letter (MMS): the picture is kept in our own store, fetched from Twilio (a
 * local stand-in of its API) with the account's credentials and then deleted there; staff see it
 * through an authenticated route, and retention, erasure and subject access treat it like the text.
 */
describe("a parent's pictures", () => {
  let svc: SmsService;
  let standIn: TwilioStandIn;
  let elsewhere: Server;
  let elsewhereHits = 0;

  beforeAll(async () => {
    standIn = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    svc = await startSmsService({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: TWILIO_NUMBER, TWILIO_API_ORIGIN: standIn.url });
    // A server that is not Twilio: a form naming it must never make the service call it.
    elsewhere = createServer((_req, res) => {
      elsewhereHits += 1;
      res.end('<html><script>alert(1)</script></html>');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await svc.close();
    await standIn.close();
    await new Promise((resolve) => elsewhere.close(resolve));
  });
  beforeEach(() => {
    svc.clock.set(new Date('2026-09-07T09:00:00Z'));
    standIn.mediaAnswers = [];
  });

  /** An MMS as Twilio posts it: each item is first at Twilio (the stand-in), as a phone's picture is. */
  async function mms(from: string, body: string, items: ({ bytes: Buffer; type: string } | { url: string; type: string })[]) {
    const sid = newSid('MM');
    const fields: Record<string, string> = { MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, To: TWILIO_NUMBER, Body: body, NumMedia: String(items.length) };
    const sids: string[] = [];
    for (const [i, item] of items.entries()) {
      const url = 'url' in item ? item.url : standIn.addMedia({ messageSid: sid, contentType: item.type, bytes: item.bytes, accountSid: ACCOUNT_SID }).mediaUrl;
      sids.push(url.split('/').at(-1)!);
      fields[`MediaUrl${i}`] = url;
      fields[`MediaContentType${i}`] = item.type;
    }
    svc.clock.advance(1000);
    const res = await postSigned(svc, '/sms/inbound', fields);
    expect(res.status).toBe(200);
    svc.clock.advance(1000);
    const message = await svc.ctx.prisma.message.findUniqueOrThrow({ where: { providerId: sid }, include: { media: { orderBy: { position: 'asc' } } } });
    return { message, sids };
  }
  const itemsOf = (messageId: string) => svc.ctx.prisma.messageMedia.findMany({ where: { messageId }, orderBy: { position: 'asc' } });
  const mediaRequests = (sid: string) => standIn.requests.filter((r) => r.path.includes(sid)).map((r) => `${r.method} ${r.path.endsWith('.json') ? '.json' : 'bytes'}`);
  const keyTeacher = async (f: Family) => staffBearer(svc, await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id: f.keyTeacherId } }));

  it("Given a parent photographs a letter and sends no words, Then the picture is pending in the same request, the job keeps its bytes and deletes Twilio's copy, and the key teacher reads 'sent a picture' with a button to the record, never an empty quote", async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const { message, sids } = await mms(f.contacts[0]!.mobile, '', [{ bytes: PNG, type: 'image/png' }]);
    expect(message.media).toMatchObject([{ position: 0, status: 'PENDING', declaredType: 'image/png', providerSid: sids[0], data: null }]);
    expect(message.media[0]!.sourceUrl).toContain(`https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${message.providerId}/Media/`);
    expect(await svc.ctx.prisma.job.count({ where: { kind: 'sms.fetchMedia', subjectId: message.media[0]!.id, status: 'PENDING' } })).toBe(1);

    const [notice] = await staffNotices(svc.ctx.prisma, f.keyTeacherId);
    expect(notice!.body).toBe('Farah Khan, parent or carer of Amir Khan, sent a picture');
    await runJobs(svc);

    const [kept] = await itemsOf(message.id);
    expect(kept).toMatchObject({ status: 'STORED', contentType: 'image/png', size: PNG.length, sourceUrl: null });
    expect(Buffer.from(kept!.data!)).toEqual(PNG);
    expect(kept!.providerDeletedAt).not.toBeNull();
    expect(mediaRequests(sids[0]!)).toEqual(['GET bytes', 'DELETE .json']);
    expect(standIn.requests.filter((r) => r.path.includes(sids[0]!)).every((r) => r.authorization === BASIC)).toBe(true);
    expect(standIn.media.get(sids[0]!)!.deleted).toBe(true);

    const card = JSON.stringify(await svc.service.noticeCard(notice!));
    expect(card).toContain('Farah Khan sent a picture: open the record to see it.');
    expect(card).toContain('"title":"Open the record"');
    expect(card).not.toContain('"text":""');
  });

  it("Given a stored picture, When the key teacher opens it, Then it comes with the type read from its bytes, nosniff and a sandboxing policy, inline, and the look is audited", async () => {
    const f = await seedFamily(svc.ctx.prisma);
    // The phone called it a JPEG; the bytes are a PNG, and it is served as what it is.
    const { message } = await mms(f.contacts[0]!.mobile, 'The letter about the trip', [{ bytes: PNG, type: 'image/jpeg' }]);
    await runJobs(svc);
    const [item] = await itemsOf(message.id);
    const res = await fetch(`${svc.baseUrl}/api/media/${item!.id}`, { headers: { authorization: await keyTeacher(f) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(res.headers.get('content-disposition')).toBe('inline; filename="picture-1.png"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    const audit = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'message.media.view', entityId: message.id } });
    expect(audit).toMatchObject({ actorKind: 'STAFF', actorId: f.keyTeacherId, entityType: 'Message', after: { mediaId: item!.id, position: 0, pupilIds: [f.pupils[0]!.id] } });
    // The notice says both what they wrote and what they sent.
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId))[0]!.body).toBe('Farah Khan, parent or carer of Amir Khan, replied by text: "The letter about the trip" and sent a picture');
  });

  it('Given a PDF, Then it is kept and offered as a download, never shown as a page', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const { message } = await mms(f.contacts[0]!.mobile, '', [{ bytes: PDF, type: 'application/pdf' }]);
    await runJobs(svc);
    const [item] = await itemsOf(message.id);
    const res = await fetch(`${svc.baseUrl}/api/media/${item!.id}`, { headers: { authorization: await keyTeacher(f) } });
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-disposition')]).toEqual([200, 'application/pdf', 'attachment; filename="document-1.pdf"']);
  });

  it.each([
    ['a page of HTML labelled a picture', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'image/jpeg', 'not a picture or a PDF', ['GET bytes', 'DELETE .json']],
    ['an SVG (it can carry script)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml', 'a image/svg+xml file: only pictures and PDFs are kept', ['DELETE .json']],
    ['a video', Buffer.from('\0\0\0\x18ftypmp42'), 'video/mp4', 'a video/mp4 file: only pictures and PDFs are kept', ['DELETE .json']],
    ['a picture over 5 MB (Twilio\'s own MMS limit)', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'image/png', 'larger than 5 MB', ['GET bytes', 'DELETE .json']],
  ])("Given %s, Then nothing of it is kept, Twilio's copy is deleted all the same, and staff are told why", async (_, bytes, type, reason, requests) => {
    const f = await seedFamily(svc.ctx.prisma);
    const { message, sids } = await mms(f.contacts[0]!.mobile, '', [{ bytes, type }]);
    await runJobs(svc);
    const [item] = await itemsOf(message.id);
    expect(item).toMatchObject({ status: 'REFUSED', reason, data: null });
    expect(mediaRequests(sids[0]!)).toEqual(requests);
    expect(standIn.media.get(sids[0]!)!.deleted).toBe(true);
    const res = await fetch(`${svc.baseUrl}/api/media/${item!.id}`, { headers: { authorization: await keyTeacher(f) } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'media_not_kept' });
  });

  it.each([
    ['a server that is not Twilio', () => `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM${'0'.repeat(32)}/Media/ME${'1'.repeat(32)}`],
    ["another Twilio account's media", () => `https://api.twilio.com/2010-04-01/Accounts/AC${'9'.repeat(32)}/Messages/MM${'0'.repeat(32)}/Media/ME${'1'.repeat(32)}`],
  ])('Given a form whose media URL names %s, Then the text is kept, the item refused, and nothing is fetched from anywhere', async (_, url) => {
    const f = await seedFamily(svc.ctx.prisma);
    const mediaAtTwilio = () => standIn.requests.filter((r) => r.path.includes('/Media/')).length;
    const before = { hits: elsewhereHits, requests: mediaAtTwilio() };
    const { message } = await mms(f.contacts[0]!.mobile, 'see attached', [{ url: url(), type: 'image/png' }]);
    await runJobs(svc);
    expect((await itemsOf(message.id)).map((i) => [i.status, i.reason, i.sourceUrl])).toEqual([['REFUSED', expect.stringMatching(/nothing was fetched/), null]]);
    expect({ hits: elsewhereHits, requests: mediaAtTwilio() }).toEqual(before);
    expect(await svc.ctx.prisma.job.count({ where: { kind: 'sms.fetchMedia', subjectId: message.media[0]!.id } })).toBe(0);
    expect(message.body).toBe('see attached');
  });

  it("Given Twilio answers 500, then the picture, Then the job tries again and keeps it once; a picture Twilio no longer has is marked failed", async () => {
    const f = await seedFamily(svc.ctx.prisma);
    standIn.mediaAnswers = [{ status: 500 }];
    const { message } = await mms(f.contacts[0]!.mobile, '', [{ bytes: PNG, type: 'image/png' }]);
    expect(await runJobs(svc)).toMatchObject({ retried: 1 });
    expect((await itemsOf(message.id))[0]!.status).toBe('PENDING');
    svc.clock.advance(60_000);
    await runJobs(svc);
    expect((await itemsOf(message.id))[0]!.status).toBe('STORED');

    const gone = await mms(f.contacts[0]!.mobile, '', [{ bytes: PNG, type: 'image/png' }]);
    standIn.media.get(gone.sids[0]!)!.deleted = true;
    await runJobs(svc);
    expect((await itemsOf(gone.message.id)).map((i) => [i.status, i.reason])).toEqual([['FAILED', 'Twilio no longer had it']]);
  });

  it('Given ten pictures in one text (as many as Twilio allows), Then each is kept in its place', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const { message } = await mms(f.contacts[0]!.mobile, 'All the pages', Array.from({ length: 10 }, () => ({ bytes: PNG, type: 'image/png' })));
    await runJobs(svc);
    expect((await itemsOf(message.id)).map((i) => [i.position, i.status])).toEqual(Array.from({ length: 10 }, (_, i) => [i, 'STORED']));
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId))[0]!.body).toContain('and sent 10 pictures');
  });

  it("Given a parent erased before their picture was fetched, Then it is never fetched, only deleted at Twilio", async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const { message, sids } = await mms(f.contacts[0]!.mobile, '', [{ bytes: PNG, type: 'image/png' }]);
    expect((await svc.api(`/api/contacts/${f.contacts[0]!.id}/erasure`, { method: 'POST' })).status).toBe(200);
    await runJobs(svc);
    expect((await itemsOf(message.id)).map((i) => [i.status, i.data, i.reason])).toEqual([['REMOVED', null, 'removed on erasure']]);
    expect(mediaRequests(sids[0]!)).toEqual(['DELETE .json']);
  });

  it("Given a kept picture, Then the pupil's record shows it and subject access lists it by kind and size; after the school's retention period its bytes go with the text", async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const { message } = await mms(f.contacts[0]!.mobile, 'Here is the letter', [{ bytes: PNG, type: 'image/png' }]);
    await runJobs(svc);
    const [item] = await itemsOf(message.id);
    const record = (await (await svc.api(`/api/dashboard/pupils/${f.pupils[0]!.id}`)).json()) as { timeline: { id: string; media?: unknown }[] };
    expect(record.timeline.find((e) => e.id === message.id)!.media).toEqual([{ id: item!.id, kind: 'picture', shownInline: true, kept: true, size: PNG.length, reason: null }]);
    const access = async () =>
      ((await (await svc.api(`/api/contacts/${f.contacts[0]!.id}/subject-access`)).json()) as { messages: { id: string; attachments: string | null }[] }).messages.find((m) => m.id === message.id)!.attachments;
    expect(await access()).toBe('picture, 1 KB');
    const csv = await (await svc.api(`/api/dashboard/pupils/${f.pupils[0]!.id}/export.csv`)).text();
    expect(csv).toContain('Here is the letter (picture, 1 KB)');

    svc.clock.advance(31 * 86_400_000);
    await applyMessageRetention(svc.ctx.prisma, svc.clock, f.schoolId, 30);
    expect((await itemsOf(message.id)).map((i) => [i.status, i.data, i.size])).toEqual([['REMOVED', null, PNG.length]]);
    expect(await access()).toBe('picture not kept: removed after the retention period');
  });
});
