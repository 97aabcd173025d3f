import { askConfidence } from '../../messaging/parentMessages';
import { outbox, runJobs, seedFamily, staffNotices, startSmsService, text, mobile, type Family, type SmsService } from './smsSupport';
import { staffBearer } from '../support/staffTokens';
import { transaction } from '../../db/transaction';

/** What parents text, and what the school stores and sends back: each row is one short exchange. */
describe('conversations by SMS', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService();
  });
  afterAll(async () => {
    await svc.close();
  });
  beforeEach(() => svc.clock.set(new Date('2026-09-07T09:00:00Z')));

  const contact = (f: Family, i = 0) => svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: f.contacts[i]!.id } });
  const templatesTo = async (to: string) => (await outbox(svc, to)).map((m) => m.template).reverse();

  describe('keywords', () => {
    it.each([
      ['STOP', 'stop', 'STOP'],
      [' Stop! ', 'stop', 'STOP'],
      ['CANCEL', 'stop', 'CANCEL'],
      ['unsubscribe', 'stop', 'UNSUBSCRIBE'],
      ['Quit', 'stop', 'QUIT'],
      ['END', 'stop', 'END'],
      ['STOPALL', 'stop', 'STOPALL'],
      ['wypisz', 'stop', 'WYPISZ'],
      ['DEZABONARE', 'stop', 'DEZABONARE'],
      ['nie', 'voice', null],
      ['No thanks', 'voice', null],
      ['Please stop sending homework so late', 'voice', null],
    ])('Given a parent texts %j, Then it is treated as %s', async (body, expected, keyword) => {
      const f = await seedFamily(svc.ctx.prisma);
      expect((await text(svc, f.contacts[0]!.mobile, body)).status).toBe(200);
      const c = await contact(f);
      const inbound = await svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', contactId: c.id } });
      if (expected === 'stop') {
        expect(c.optedOutAt).not.toBeNull();
        expect(await templatesTo(c.mobile)).toEqual(['stop.confirmed']);
        const audit = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: 'contact.optOut' } });
        expect(audit).toMatchObject({ actorKind: 'PARENT', actorId: c.id, after: { keyword } });
        // Answered by the product itself: not a reply waiting for anyone.
        expect(inbound).toMatchObject({ handledById: null, handledAt: expect.any(Date) });
      } else {
        expect(c.optedOutAt).toBeNull();
        expect(await templatesTo(c.mobile)).toEqual(['reply.received']);
        expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId)).map((n) => n.template)).toEqual(['parent.reply']);
        expect(inbound).toMatchObject({ pupilId: f.pupils[0]!.id, handledAt: null });
      }
    });

    it('Given a parent texts STOP twice, Then they are confirmed once', async () => {
      const f = await seedFamily(svc.ctx.prisma);
      await text(svc, f.contacts[0]!.mobile, 'STOP');
      await text(svc, f.contacts[0]!.mobile, 'stop');
      expect(await templatesTo(f.contacts[0]!.mobile)).toEqual(['stop.confirmed']);
    });

    it('Given an opted-out parent texts START, Then they are opted back in, told so, and it is audited', async () => {
      const f = await seedFamily(svc.ctx.prisma);
      await text(svc, f.contacts[0]!.mobile, 'STOP');
      await text(svc, f.contacts[0]!.mobile, 'start');
      expect((await contact(f)).optedOutAt).toBeNull();
      expect(await templatesTo(f.contacts[0]!.mobile)).toEqual(['stop.confirmed', 'start.confirmed']);
      expect(await svc.ctx.prisma.auditEvent.count({ where: { entityId: f.contacts[0]!.id, action: 'contact.optIn', actorKind: 'PARENT' } })).toBe(1);
    });

    it('Given a parent texts HELP, Then they hear who is writing and how to reach the school, and nothing about their child', async () => {
      const f = await seedFamily(svc.ctx.prisma, { school: 'Hillside Primary', children: [{ firstName: 'Amir', lastName: 'Khan' }] });
      await text(svc, f.contacts[0]!.mobile, 'help');
      const [help] = await outbox(svc, f.contacts[0]!.mobile);
      expect(help!.body).toBe("Hillside Primary sends you messages about your child's learning. To talk to the school, call 01632 960123. Reply UPDATES to choose how often you hear about progress. Reply STOP to stop messages.");
      expect(help!.body).not.toContain('Amir');
    });

    it.each([
      ['+441614960000', '0161 496 0000'],
      ['0161 496 0000', '0161 496 0000'],
      ['+33 1 23 45 67 89', '+33 1 23 45 67 89'],
      ['the school office', 'the school office'],
    ])('Given the school wrote its phone as %j, When a parent texts HELP, Then they are told to call %j', async (written, said) => {
      const f = await seedFamily(svc.ctx.prisma);
      await svc.ctx.prisma.school.update({ where: { id: f.schoolId }, data: { contactPhone: written } });
      await text(svc, f.contacts[0]!.mobile, 'HELP');
      expect((await outbox(svc, f.contacts[0]!.mobile))[0]!.body).toContain(`call ${said}.`);
    });

    it('Given a Polish-speaking parent texts POMOC, Then the answer is in Polish', async () => {
      const f = await seedFamily(svc.ctx.prisma, { parents: [{ name: 'Anna Nowak', language: 'pl' }] });
      await text(svc, f.contacts[0]!.mobile, 'Pomoc');
      const [help] = await outbox(svc, f.contacts[0]!.mobile);
      expect(help).toMatchObject({ template: 'help', language: 'pl' });
      expect(help!.body).toContain('prosimy odpisać AKTUALIZACJE; aby zrezygnować, STOP');
    });
  });

  it('Given a text from a number no school knows, Then it gets a generic answer and every school admin is alerted, with nothing about any child', async () => {
    const a = await seedFamily(svc.ctx.prisma, { school: 'Alpha Primary' });
    const b = await seedFamily(svc.ctx.prisma, { school: 'Beta Academy' });
    const stranger = mobile();
    await text(svc, stranger, 'Hi is this the school? Amir Khan is ill');
    const [answer, ...rest] = await outbox(svc, stranger);
    expect(rest).toEqual([]);
    expect(answer).toMatchObject({ template: 'unknown.number', pupilId: null });
    expect(answer!.body).not.toMatch(/Alpha|Beta|Amir/);
    for (const f of [a, b]) expect((await staffNotices(svc.ctx.prisma, f.adminId)).map((n) => n.template)).toContain('parent.unknownNumber');
    expect(await staffNotices(svc.ctx.prisma, a.keyTeacherId)).toEqual([]);
  });

  it('Given a parent whose only child has left the register, When they text, Then the school admin is told, not a key teacher', async () => {
    const f = await seedFamily(svc.ctx.prisma, { school: 'Gamma Primary' });
    await svc.ctx.prisma.pupil.update({ where: { id: f.pupils[0]!.id }, data: { archivedAt: svc.clock.now() } });
    await text(svc, f.contacts[0]!.mobile, 'Can I have a copy of his plan?');
    const alerts = await staffNotices(svc.ctx.prisma, f.adminId);
    expect(alerts.map((n) => n.template)).toEqual(['parent.unknownNumber']);
    expect(alerts[0]!.body).toContain('no longer on the register');
    expect(await staffNotices(svc.ctx.prisma, f.keyTeacherId)).toEqual([]);
  });

  it('Given an unknown number texts again the same day, or texts STOP, Then it gets no second answer and the STOP no answer at all', async () => {
    await seedFamily(svc.ctx.prisma);
    const stranger = mobile();
    await text(svc, stranger, 'Hello?');
    await text(svc, stranger, 'Hello??');
    await text(svc, stranger, 'STOP');
    expect((await outbox(svc, stranger)).map((m) => m.template)).toEqual(['unknown.number']);
    expect(await svc.ctx.prisma.message.count({ where: { direction: 'INBOUND', fromAddress: stranger } })).toBe(3);
  });

  it("Given a parent of two children texts, Then they are asked which child, and their number files the original message under that child", async () => {
    const f = await seedFamily(svc.ctx.prisma, { children: [{ firstName: 'Sara', lastName: 'Ali' }, { firstName: 'Amir Hassan', lastName: 'Ali' }] });
    const from = f.contacts[0]!.mobile;
    await text(svc, from, 'The reading book is lost, sorry');
    const [ask] = await outbox(svc, from);
    expect(ask!.body).toBe('Oakfield Primary: which child is this about? Reply 1 for Amir, 2 for Sara.');
    const original = await svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', fromAddress: from } });
    expect(original.pupilId).toBeNull();

    await text(svc, from, '2');
    const sara = f.pupils.find((p) => p.firstName === 'Sara')!;
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: original.id } })).pupilId).toBe(sara.id);
    const notices = await staffNotices(svc.ctx.prisma, f.keyTeacherId);
    expect(notices.map((n) => [n.template, n.inReplyToId, n.pupilId])).toEqual([['parent.reply', original.id, sara.id]]);
    expect(await templatesTo(from)).toEqual(['which.child', 'reply.received']);
    const replies = await (await svc.api('/api/parent-replies?unhandled=true')).json();
    expect(replies.replies.filter((r: { id: string }) => r.id === original.id)).toHaveLength(1);
  });

  it('Given a parent of two children on the register without consent to texts, When they text, Then no which-child question is texted to them (as no other answer is), and their words go straight to the key teacher as about neither child', async () => {
    const f = await seedFamily(svc.ctx.prisma, { children: [{ firstName: 'Sara', lastName: 'Ali' }, { firstName: 'Amir', lastName: 'Ali' }], parents: [{ name: 'Nadia Ali', consent: false }] });
    const from = f.contacts[0]!.mobile;
    await text(svc, from, 'The reading book is lost, sorry');
    expect(await templatesTo(from)).toEqual([]);
    const kept = await svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', fromAddress: from, body: 'The reading book is lost, sorry' } });
    expect(kept.pupilId).toBeNull();
    expect(kept.passedToStaffAt).not.toBeNull();
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId)).map((n) => [n.template, n.inReplyToId])).toEqual([['parent.unfiled', kept.id]]);
    // Naming one child files it and tells the key teacher; still nothing is texted back.
    await text(svc, from, 'Sara loved the trip');
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId)).map((n) => n.template)).toEqual(['parent.unfiled', 'parent.reply']);
    expect(await templatesTo(from)).toEqual([]);
  });

  it('Given a parent replies at 3 a.m., Then the reply is stored and passed on at once, and the answer waits until 08:00', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    svc.clock.set(new Date('2026-09-08T02:00:00Z')); // 03:00 in London
    await text(svc, f.contacts[0]!.mobile, 'Amir could not sleep, he is worried about the test');
    const [ack] = await outbox(svc, f.contacts[0]!.mobile);
    expect(ack).toMatchObject({ template: 'reply.received', status: 'QUEUED', notBefore: '2026-09-08T07:00:00.000Z' });
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId)).map((n) => n.template)).toEqual(['parent.reply']);
    await runJobs(svc);
    expect((await outbox(svc, f.contacts[0]!.mobile))[0]!.status).toBe('QUEUED');
    svc.clock.set(new Date('2026-09-08T07:00:00Z'));
    await runJobs(svc);
    expect((await outbox(svc, f.contacts[0]!.mobile))[0]!.status).toBe('SENT');
  });

  it('Given a parent texts STOP at 3 a.m., Then the confirmation goes at once (a carrier requirement)', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    svc.clock.set(new Date('2026-09-08T02:00:00Z'));
    await text(svc, f.contacts[0]!.mobile, 'STOP');
    await runJobs(svc);
    const [confirmation] = await outbox(svc, f.contacts[0]!.mobile);
    expect(confirmation).toMatchObject({ template: 'stop.confirmed', status: 'SENT' });
    expect(confirmation!.providerId).toMatch(/^local-/);
  });

  it('Given we asked how confident a parent feels, When they reply 4, Then the rating is stored and they are thanked', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const conversation = await svc.ctx.prisma.structuredConversation.create({ data: { pupilId: f.pupils[0]!.id, kind: 'INITIAL', status: 'HELD', dueBy: new Date('2026-09-30'), heldAt: new Date('2026-09-07T08:00:00Z') } });
    await transaction(svc.ctx.prisma, (tx) => askConfidence(tx, svc.clock, { pupilId: f.pupils[0]!.id, conversationId: conversation.id }));
    await text(svc, f.contacts[0]!.mobile, '4');
    const rating = await svc.ctx.prisma.confidenceRating.findFirstOrThrow({ where: { contactId: f.contacts[0]!.id } });
    expect(rating).toMatchObject({ score: 4, pupilId: f.pupils[0]!.id, conversationId: conversation.id });
    expect(await templatesTo(f.contacts[0]!.mobile)).toEqual(['confidence.check', 'confidence.thanks']);
    expect(await staffNotices(svc.ctx.prisma, f.keyTeacherId)).toEqual([]);
  });

  it('Given a parent reply, When the key teacher marks it handled with what they did, Then the parent hears back, and it is audited', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    const conversation = await svc.ctx.prisma.structuredConversation.create({ data: { pupilId: f.pupils[0]!.id, kind: 'REVIEW', status: 'TO_BOOK', dueBy: new Date('2026-10-20') } });
    await text(svc, f.contacts[0]!.mobile, 'He finds the board hard to see');
    const reply = await svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', contactId: f.contacts[0]!.id } });
    expect(reply).toMatchObject({ pupilId: f.pupils[0]!.id, conversationId: conversation.id });

    const staff = (id: string) => svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id } });
    const teacher = await staffBearer(svc, await staff(f.keyTeacherId));
    const other = await seedFamily(svc.ctx.prisma, { schoolId: f.schoolId });
    const stranger = await staffBearer(svc, await staff(other.keyTeacherId));
    const mine = await (await svc.api('/api/parent-replies?unhandled=true', { headers: { authorization: teacher } })).json();
    expect(mine.replies.map((r: { id: string }) => r.id)).toEqual([reply.id]);
    const theirs = await (await svc.api('/api/parent-replies', { headers: { authorization: stranger } })).json();
    expect(theirs.replies).toEqual([]);

    const res = await svc.api(`/api/parent-replies/${reply.id}/handled`, {
      method: 'POST',
      headers: { authorization: teacher },
      body: JSON.stringify({ note: 'We have moved his seat to the front \u2013 thank you.' }),
    });
    expect(res.status).toBe(200);
    const told = (await outbox(svc, f.contacts[0]!.mobile))[0]!;
    expect(told).toMatchObject({ template: 'reply.actioned', freeText: true, encoding: 'GSM-7' });
    expect(told.body).toBe('Oakfield Primary: thank you for your message about Amir. What we have done: We have moved his seat to the front - thank you.');
    const audit = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { entityId: reply.id, action: 'parentReply.handled' } });
    expect(audit).toMatchObject({ actorKind: 'STAFF', actorId: f.keyTeacherId });
    const again = await svc.api(`/api/parent-replies/${reply.id}/handled`, { method: 'POST', headers: { authorization: teacher }, body: JSON.stringify({ note: 'Again' }) });
    expect((await again.json()).alreadyHandled).toBe(true);
    expect((await outbox(svc, f.contacts[0]!.mobile)).filter((m) => m.template === 'reply.actioned')).toHaveLength(1);
    expect((await (await svc.api('/api/parent-replies?unhandled=true', { headers: { authorization: teacher } })).json()).replies).toEqual([]);
  });

  it('Given a teacher writes the pupil\'s surname or a diagnosis in the handled note, Then nothing is sent and they are told why', async () => {
    const f = await seedFamily(svc.ctx.prisma);
    await text(svc, f.contacts[0]!.mobile, 'Any news?');
    const reply = await svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', contactId: f.contacts[0]!.id } });
    const res = await svc.api(`/api/parent-replies/${reply.id}/handled`, { method: 'POST', body: JSON.stringify({ note: 'Amir Khan had his dyslexia assessment' }) });
    expect(res.status).toBe(422);
    expect((await res.json()).details.problems).toEqual(expect.arrayContaining(['contains a surname', 'mentions "dyslexia"']));
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: reply.id } })).handledAt).toBeNull();
  });
});
