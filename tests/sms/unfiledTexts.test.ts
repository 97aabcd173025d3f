import { randomUUID } from 'node:crypto';
import { startBotConnector, type BotConnector } from '../support/botConnector';
import { staffBearer } from '../support/staffTokens';
import { personal, post, TENANT } from '../bot/teamsActivities';
import { outbox, runJobs, seedFamily, staffNotices, startSmsService, text, type Family, type SmsService } from './smsSupport';

/**
 * No parent's words end unseen: a parent of two children who never says which one a text is
 * about is asked once, asked again a school day later, and a school day after that the texts go to
 * both children's key teachers as about neither in particular, on the jobs table with the clock.
 * The school has no terms entered, so every weekday is a school day; texts go 08:00-20:00 London.
 */
describe('texts a parent never says the child of', () => {
  let svc: SmsService;
  let connector: BotConnector;
  beforeAll(async () => {
    svc = await startSmsService();
    connector = await startBotConnector();
  });
  afterAll(async () => {
    await svc.close();
    await connector.close();
  });

  /** A parent of Amir (Mr Key's pupil) and Sara (Ms Second's), and a key teacher of neither. */
  async function family(o: { consent?: boolean } = {}) {
    const f = await seedFamily(svc.ctx.prisma, { children: [{ firstName: 'Amir', lastName: 'Khan' }, { firstName: 'Sara', lastName: 'Khan' }], parents: [{ name: 'Farah Khan', consent: o.consent }] });
    const n = randomUUID().slice(0, 8);
    const second = await svc.ctx.prisma.staff.create({ data: { schoolId: f.schoolId, displayName: 'Ms Second', email: `second.${n}@school.example`, roles: ['KEY_TEACHER'], aadObjectId: randomUUID() } });
    const stranger = await svc.ctx.prisma.staff.create({ data: { schoolId: f.schoolId, displayName: 'Mr Other', email: `other.${n}@school.example`, roles: ['KEY_TEACHER'] } });
    const sara = f.pupils.find((p) => p.firstName === 'Sara')!;
    await svc.ctx.prisma.pupil.update({ where: { id: sara.id }, data: { keyTeacherId: second.id } });
    return { ...f, from: f.contacts[0]!.mobile, amir: f.pupils.find((p) => p.firstName === 'Amir')!, sara, second, stranger };
  }
  const asked = async (from: string) => (await outbox(svc, from)).filter((m) => m.template === 'which.child');
  const inbound = (f: Family, body: string) => svc.ctx.prisma.message.findFirstOrThrow({ where: { direction: 'INBOUND', contactId: f.contacts[0]!.id, body } });
  const at = async (iso: string) => {
    svc.clock.set(new Date(iso));
    await runJobs(svc);
  };
  const replies = async (staff: { email: string }) =>
    ((await (await svc.api('/api/parent-replies?unhandled=true', { headers: { authorization: await staffBearer(svc, staff) } })).json()) as { replies: { id: string; aboutNoSingleChild: boolean }[] }).replies;

  it("Given a parent of two texts on Monday at 10:00 and again before answering, When they never say which child, Then one question covers both texts, it is asked once more on Tuesday at 10:00, and on Wednesday at 10:00 both texts reach both key teachers as about neither child in particular", async () => {
    const f = await family();
    svc.clock.set(new Date('2026-09-07T09:00:00Z')); // Monday, 10:00 in London
    await text(svc, f.from, 'Can someone call me about the trip?');
    await text(svc, f.from, 'Also the bus was late again');
    expect((await asked(f.from)).map((m) => m.body)).toEqual(['Oakfield Primary: which child is this about? Reply 1 for Amir, 2 for Sara.']);

    await at('2026-09-07T18:00:00Z'); // Monday evening: nothing yet
    expect(await asked(f.from)).toHaveLength(1);
    await at('2026-09-08T09:00:30Z'); // Tuesday 10:00: asked once more
    expect((await asked(f.from)).map((m) => m.body)).toEqual(Array(2).fill('Oakfield Primary: which child is this about? Reply 1 for Amir, 2 for Sara.'));
    await at('2026-09-08T18:00:00Z');
    await at('2026-09-09T08:59:00Z'); // Wednesday 09:59: still waiting
    expect(await staffNotices(svc.ctx.prisma, f.keyTeacherId)).toEqual([]);
    await at('2026-09-09T09:00:30Z'); // Wednesday 10:00: to staff

    const texts = [await inbound(f, 'Can someone call me about the trip?'), await inbound(f, 'Also the bus was late again')];
    expect(texts.map((m) => [m.pupilId, m.passedToStaffAt?.toISOString()])).toEqual(Array(2).fill([null, '2026-09-09T09:00:30.000Z']));
    for (const staffId of [f.keyTeacherId, f.second.id]) {
      // Both are passed in the same moment: compared in no particular order.
      const notices = await staffNotices(svc.ctx.prisma, staffId);
      const byText = (xs: (string | null)[][]) => [...xs].sort((a, b) => String(a[1]).localeCompare(String(b[1])));
      expect(byText(notices.map((n) => [n.template, n.inReplyToId, n.pupilId]))).toEqual(byText(texts.map((m) => ['parent.unfiled', m.id, null])));
      expect(notices.find((n) => n.inReplyToId === texts[0]!.id)!.body).toBe(
        'Farah Khan, parent or carer of Amir Khan and Sara Khan, texted: "Can someone call me about the trip?". They did not say which child it is about, so it comes to each of their children\'s key teachers.',
      );
    }
    const card = JSON.stringify(await svc.service.noticeCard((await staffNotices(svc.ctx.prisma, f.second.id)).find((n) => n.inReplyToId === texts[0]!.id)!));
    expect(card).toContain('Message from Farah Khan');
    expect(card).toContain('They did not say which child it is about: Amir and Sara.');
    expect(card).toMatch(/Their records: \[Amir\]\([^)]*#\/pupils\/[^)]+\), \[Sara\]\([^)]*#\/pupils\/[^)]+\)/);
    expect(card).toContain('"verb":"reply.sms"');

    // Both key teachers see them among the replies waiting; a key teacher of neither child does not.
    for (const staff of [await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id: f.keyTeacherId } }), f.second]) {
      expect((await replies(staff)).filter((r) => texts.some((t) => t.id === r.id)).map((r) => r.aboutNoSingleChild)).toEqual([true, true]);
    }
    expect((await replies(f.stranger)).filter((r) => texts.some((t) => t.id === r.id))).toEqual([]);
    // Nothing more is planned for the question.
    await at('2026-09-14T09:00:00Z');
    expect(await asked(f.from)).toHaveLength(2);
    expect((await staffNotices(svc.ctx.prisma, f.keyTeacherId)).length).toBe(2);
  });

  it("Given the texts reached staff, When Sara's key teacher answers on the card and the parent then says '2', Then the answer names no child, the texts are filed under Sara, and Amir's key teacher can no longer answer them", async () => {
    const f = await family();
    svc.clock.set(new Date('2026-09-07T09:00:00Z'));
    await text(svc, f.from, 'Who do I ask about the uniform?');
    await at('2026-09-08T09:00:30Z');
    await at('2026-09-09T09:00:30Z');
    const unfiled = await inbound(f, 'Who do I ask about the uniform?');

    const res = await post(
      svc.baseUrl,
      personal(connector, { id: `29:${f.second.id}`, name: f.second.displayName, aadObjectId: f.second.aadObjectId!, tenantId: TENANT }).cardAction('reply.sms', { messageId: unfiled.id, replyText: 'The office has spares, just ask at reception.' }),
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('Your reply is on its way.');
    const [answer] = (await outbox(svc, f.from)).filter((m) => m.template === 'school.message');
    expect(answer).toMatchObject({ body: 'Oakfield Primary, a reply to your message: The office has spares, just ask at reception.', pupilId: null, freeText: true });
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: unfiled.id } })).handledAt).not.toBeNull();

    // A teacher's words about no single child still keep out the children's surnames.
    const other = await text(svc, f.from, 'And the PE kit?').then(() => inbound(f, 'And the PE kit?'));
    await at('2026-09-10T09:05:00Z');
    await at('2026-09-11T09:05:00Z');
    const refused = await svc.api(`/api/parent-replies/${other.id}/handled`, { method: 'POST', body: JSON.stringify({ note: 'Sara Khan can borrow one' }) });
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([422, 'content_rules']);

    // A late answer files what is not handled yet under the child it names.
    await text(svc, f.from, '2');
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: other.id } })).pupilId).toBe(f.sara.id);
    const amirsTeacher = await staffBearer(svc, await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id: f.keyTeacherId } }));
    expect((await svc.api(`/api/parent-replies/${other.id}/handled`, { method: 'POST', body: '{}', headers: { authorization: amirsTeacher } })).status).toBe(404);
    const saras = await staffBearer(svc, f.second);
    expect((await svc.api(`/api/parent-replies/${other.id}/handled`, { method: 'POST', body: JSON.stringify({ note: 'She can borrow one from the office' }), headers: { authorization: saras } })).status).toBe(200);
    expect((await outbox(svc, f.from)).find((m) => m.template === 'reply.actioned')!.body).toContain('about Sara. What we have done: She can borrow one from the office');
  });

  it('Given the parent answers the question in time, Then every text it held is filed under that child and passed on as usual, and the follow-ups do nothing', async () => {
    const f = await family();
    svc.clock.set(new Date('2026-09-07T09:00:00Z'));
    await text(svc, f.from, 'She had a nosebleed yesterday');
    await text(svc, f.from, 'She is fine today');
    await text(svc, f.from, '2');
    const held = [await inbound(f, 'She had a nosebleed yesterday'), await inbound(f, 'She is fine today')];
    expect(held.map((m) => m.pupilId)).toEqual([f.sara.id, f.sara.id]);
    expect((await staffNotices(svc.ctx.prisma, f.second.id)).map((n) => [n.template, n.inReplyToId])).toEqual(held.map((m) => ['parent.reply', m.id]));
    await at('2026-09-08T09:00:30Z');
    await at('2026-09-09T09:00:30Z');
    expect(await asked(f.from)).toHaveLength(1);
    expect(await staffNotices(svc.ctx.prisma, f.keyTeacherId)).toEqual([]);
  });

  it('Given a parent of two who cannot be texted (no consent), Then no question is texted and their words reach both key teachers at once', async () => {
    const f = await family({ consent: false });
    svc.clock.set(new Date('2026-09-07T09:00:00Z'));
    await text(svc, f.from, 'Running late today');
    expect(await outbox(svc, f.from)).toEqual([]);
    const m = await inbound(f, 'Running late today');
    expect(m.passedToStaffAt).not.toBeNull();
    for (const staffId of [f.keyTeacherId, f.second.id]) expect((await staffNotices(svc.ctx.prisma, staffId)).map((n) => n.template)).toEqual(['parent.unfiled']);
  });

  it('Given the parent texts STOP before the question is asked again, Then it is not asked again and their words reach staff a school day later', async () => {
    const f = await family();
    svc.clock.set(new Date('2026-09-07T09:00:00Z'));
    await text(svc, f.from, 'Please call me');
    await text(svc, f.from, 'STOP');
    await at('2026-09-08T09:00:30Z');
    expect(await asked(f.from)).toHaveLength(1);
    expect((await inbound(f, 'Please call me')).passedToStaffAt).not.toBeNull();
    expect((await staffNotices(svc.ctx.prisma, f.second.id)).map((n) => n.template)).toContain('parent.unfiled');
  });
});
