import { notifyStaff } from '../../messaging/staffNotifier';
import { queueMessage } from '../../messaging/outbox';
import { staffBearer } from '../support/staffTokens';
import { startTestService, type RunningService } from '../support/testService';
import { everythingStored, parent, pupilWithRecord, schoolWithStaff, smsText, type SeededPupil } from './families';
import { transaction } from '../../db/transaction';

/**
 * Erasure requests at Oakfield: Amirul and Sarafina share their mother Sadia; their father Imran
 * is linked to Amirul only; Zak was imported by mistake and has no record yet.
 */
describe('erasure of a parent or a pupil on request', () => {
  let svc: RunningService;
  let oak: Awaited<ReturnType<typeof schoolWithStaff>>;
  let elm: Awaited<ReturnType<typeof schoolWithStaff>>;
  let amir: SeededPupil;
  let sara: SeededPupil;
  const ids: Record<string, string> = {};

  const post = async (path: string, as: { email: string } | 'apiKey', body: unknown = {}) =>
    svc.api(path, { method: 'POST', body: JSON.stringify(body), headers: as === 'apiKey' ? {} : { authorization: await staffBearer(svc, as) } });

  beforeAll(async () => {
    svc = await startTestService({ env: { LOCAL_SIGN_IN: 'true' } });
    const db = svc.ctx.prisma;
    const now = svc.clock.now();
    oak = await schoolWithStaff(db, 'Oakfield Primary', 'oakfield.example');
    elm = await schoolWithStaff(db, 'Elm Academy', 'elm.example');
    const at = { schoolId: oak.schoolId, keyTeacherId: oak.keyTeacher.id };
    amir = await pupilWithRecord(db, at, { misId: 'UPN-AMIRUL-1', firstName: 'Amirul', lastName: 'Khan', yearGroup: 4 });
    sara = await pupilWithRecord(db, at, { misId: 'UPN-SARAFI-2', firstName: 'Sarafina', lastName: 'Khan', yearGroup: 2 });
    const zak = await db.pupil.create({ data: { schoolId: oak.schoolId, misId: 'UPN-ZAKARY-3', firstName: 'Zakary', lastName: 'Mistake', yearGroup: 5, senStatus: 'SEN_SUPPORT', onRegisterSince: new Date('2026-09-01') } });
    ids.zak = zak.id;
    const mum = await parent(db, oak.schoolId, 'Sadia Khan', '+447700900301', [{ pupilId: amir.id, relationship: 'MOTHER' }, { pupilId: sara.id, relationship: 'MOTHER' }]);
    const dad = await parent(db, oak.schoolId, 'Imran Khan', '+447700900302', [{ pupilId: amir.id, relationship: 'FATHER' }]);
    await parent(db, oak.schoolId, 'Zoe Mistake', '+447700900303', [{ pupilId: zak.id, relationship: 'MOTHER' }]);
    ids.mum = mum.id;
    ids.dad = dad.id;

    // Imran's reply reached the key teacher in Teams, a text to him is waiting for the morning, and he was asked a question.
    const reply = await smsText(db, { schoolId: oak.schoolId, contactId: dad.id, mobile: dad.mobile, pupilId: null, direction: 'INBOUND', body: 'Imran: can we meet on Friday?', at: now });
    await transaction(db, (tx) => notifyStaff(tx, svc.clock, { staffId: oak.keyTeacher.id, template: 'parent.reply', text: 'Imran Khan: can we meet on Friday?', card: { quote: 'Imran: can we meet on Friday?' }, inReplyToId: reply.id }));
    ids.queued = (await transaction(db, (tx) => queueMessage(tx, { schoolId: oak.schoolId, channel: 'SMS', contactId: dad.id, toAddress: dad.mobile, body: 'Imran, Friday at 3pm is booked', notBefore: new Date(now.getTime() + 3600_000), createdAt: now }))).messageId;
    await db.awaitedReply.create({ data: { contactId: dad.id, kind: 'CONFIDENCE', payload: { pupilId: amir.id }, expiresAt: new Date(now.getTime() + 86_400_000) } });
    await smsText(db, { schoolId: oak.schoolId, contactId: mum.id, mobile: mum.mobile, pupilId: sara.id, direction: 'INBOUND', body: 'Sadia: Sarafina loved the trip', at: now });
    // A reminder planned about Amirul's next conversation.
    await db.job.create({ data: { kind: 'reminder.prepare', dedupeKey: 'reminder.prepare:amir', runAt: new Date(now.getTime() + 86_400_000), schoolId: oak.schoolId, subjectId: amir.conversationId } });
  });
  afterAll(async () => {
    await svc.close();
  });

  it.each([
    ['a key teacher', () => oak.keyTeacher],
    ["another school's SENCO", () => elm.senco],
  ])('refuses %s with 403 and erases nothing', async (_who, staff) => {
    expect((await post(`/api/contacts/${ids.dad}/erasure`, staff())).status).toBe(403);
    expect((await post(`/api/pupils/${ids.zak}/erasure`, staff())).status).toBe(403);
    expect(await svc.ctx.prisma.contact.count({ where: { anonymisedAt: { not: null } } })).toBe(0);
  });

  it("Given the SENCO erases Imran, his name, number and words are gone everywhere, his waiting text is never sent, and Amirul's record stands", async () => {
    const res = await post(`/api/contacts/${ids.dad}/erasure`, oak.senco);
    expect(res.status).toBe(200);
    // His reply, the Teams notice quoting it and the waiting text; both queued ones had a delivery job.
    expect(await res.json()).toEqual({
      erased: { pupils: 0, contacts: 1, conversations: 0, pupilViews: 0, targets: 0, messages: 3, auditEntries: 2, jobsCancelled: 2, awaitedRepliesDeleted: 1 },
      numbersSuppressed: 1,
      reason: null,
    });
    const db = svc.ctx.prisma;
    const stored = await everythingStored(db);
    for (const word of ['Imran', '+447700900302', 'meet on Friday', 'Friday at 3pm']) expect(stored).not.toContain(word);
    for (const word of amir.words) expect(stored).toContain(word);
    expect(await db.message.findUniqueOrThrow({ where: { id: ids.queued! } })).toMatchObject({ status: 'SUPPRESSED', body: '[removed]', toAddress: null });
    expect(await db.job.findFirstOrThrow({ where: { subjectId: ids.queued! } })).toMatchObject({ status: 'CANCELLED' });
    expect(await db.pupilContact.count({ where: { contactId: ids.dad! } })).toBe(0);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'contact.erasure' } });
    expect(audit).toMatchObject({ actorLabel: 'senco@oakfield.example', entityId: ids.dad, after: { numbersSuppressed: 1 } });
  });

  it('Given the school imports its register again with his number, he comes back opted out: only his own START would let texts reach him', async () => {
    const csv = 'UPN,Forename,Surname,Year,SEN Status,Key Teacher Email,Contact 1 Name,Contact 1 Mobile,Contact 1 SMS Consent\nUPN-PRIYA-4,Priya,Khan,Year 1,SEN Support,fletcher@oakfield.example,Imran Khan,07700 900302,Yes\n';
    const res = await svc.api(`/api/roster/pupils?schoolId=${oak.schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    expect(await svc.ctx.prisma.contact.findFirstOrThrow({ where: { mobile: '+447700900302' } })).toMatchObject({ smsConsent: true, optedOutAt: svc.clock.now() });
  });

  it("refuses to erase Amirul, who is on the roll with an SEN record, with 409 naming the reasons that allow it, and changes nothing", async () => {
    const res = await post(`/api/pupils/${amir.id}/erasure`, oak.senco);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'record_must_be_kept', details: { keptUntil: null, reasons: ['ENTERED_IN_ERROR', 'RECORD_TRANSFERRED', 'DATA_PROTECTION_OFFICER_DECISION'] } });
    expect(await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { id: amir.id } })).toMatchObject({ firstName: 'Amirul', anonymisedAt: null });
    expect((await post(`/api/pupils/${amir.id}/erasure`, oak.senco, { reason: 'BECAUSE' })).status).toBe(400);
  });

  it("Given the data protection officer's decision, erasing Amirul removes his record's words everywhere and cancels his reminders; Sarafina and their mother are untouched", async () => {
    const res = await post(`/api/pupils/${amir.id}/erasure`, oak.senco, { reason: 'DATA_PROTECTION_OFFICER_DECISION' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ erased: { pupils: 1, contacts: 0, conversations: 1, pupilViews: 1, targets: 1, jobsCancelled: 1 }, reason: 'DATA_PROTECTION_OFFICER_DECISION' });
    const db = svc.ctx.prisma;
    const stored = await everythingStored(db);
    for (const word of amir.words) expect(stored).not.toContain(word);
    for (const word of [...sara.words, 'Sadia Khan', '+447700900301', 'Sadia: Sarafina loved the trip']) expect(stored).toContain(word);
    expect(await db.pupil.findUniqueOrThrow({ where: { id: amir.id } })).toMatchObject({ firstName: 'Former pupil', archivedAt: expect.any(Date) });
    expect(await db.pupilContact.findMany({ where: { contactId: ids.mum! }, select: { pupilId: true } })).toEqual([{ pupilId: sara.id }]);
    expect(await db.job.findFirstOrThrow({ where: { dedupeKey: 'reminder.prepare:amir' } })).toMatchObject({ status: 'CANCELLED' });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'pupil.erasure' } });
    expect(JSON.stringify(audit)).not.toContain('Amirul');
  });

  it('erases Zakary, imported by mistake with no record, at once, with his mother who is nobody else’s', async () => {
    const res = await post(`/api/pupils/${ids.zak}/erasure`, 'apiKey');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ erased: { pupils: 1, contacts: 1 }, numbersSuppressed: 1, reason: null });
    const stored = await everythingStored(svc.ctx.prisma);
    for (const word of ['Zakary', 'UPN-ZAKARY-3', 'Zoe Mistake', '+447700900303']) expect(stored).not.toContain(word);
    // Asking again finds nothing more to erase.
    expect(await (await post(`/api/pupils/${ids.zak}/erasure`, 'apiKey')).json()).toMatchObject({ erased: { pupils: 0, contacts: 0 } });
  });
});
