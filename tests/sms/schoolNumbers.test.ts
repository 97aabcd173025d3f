import { transaction } from '../../db/transaction';
import { messageParentsOf } from '../../messaging/parentMessages';
import { staffBearer } from '../support/staffTokens';
import { newSid, outbox, postSigned, runJobs, seedFamily, staffNotices, startSmsService, type Family, type SmsService } from './smsSupport';
import { startTwilioStandIn, type TwilioStandIn } from './twilioStandIn';

const ACCOUNT_SID = `AC${'3'.repeat(32)}`;
const AUTH_TOKEN = 'twilio-auth-token-for-school-numbers';
const SHARED = '+447700900300';
const ASHDOWN_NUMBER = '+447700900301';
const BEECH_NUMBER = '+447700900302';

/**
 * Nothing shown to the wrong school: one phone is a parent at Ashdown (of Amir) and at Beech (of
 * Leo and Zara). Texts go through Twilio (a local stand-in), so the number each leaves from is seen.
 */
async function twoSchools(svc: SmsService, numbers: { ashdown: string | null; beech: string | null }) {
  const prisma = svc.ctx.prisma;
  const ashdown = await seedFamily(prisma, { school: 'Ashdown Primary', children: [{ firstName: 'Amir', lastName: 'Khan' }], parents: [{ name: 'Farah Khan' }] });
  const beech = await seedFamily(prisma, { school: 'Beech Academy', children: [{ firstName: 'Zara', lastName: 'Khan' }, { firstName: 'Leo', lastName: 'Khan' }], parents: [{ name: 'Farah Khan' }] });
  const from = ashdown.contacts[0]!.mobile;
  await prisma.contact.update({ where: { id: beech.contacts[0]!.id }, data: { mobile: from } });
  beech.contacts[0]!.mobile = from;
  const unique = (n: string | null) => (n ? `${n.slice(0, -3)}${String(Math.floor(Math.random() * 900) + 100)}` : null);
  const [a, b] = [unique(numbers.ashdown), unique(numbers.beech)];
  await prisma.school.update({ where: { id: ashdown.schoolId }, data: { smsNumber: a } });
  await prisma.school.update({ where: { id: beech.schoolId }, data: { smsNumber: b } });
  return { ashdown, beech, from, numbers: { ashdown: a, beech: b } };
}

async function textTo(svc: SmsService, from: string, to: string, body: string) {
  svc.clock.advance(1000);
  const sid = newSid();
  const res = await postSigned(svc, '/sms/inbound', { MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, To: to, Body: body, NumMedia: '0' });
  expect(res.status).toBe(200);
  svc.clock.advance(1000);
  return svc.ctx.prisma.message.findUniqueOrThrow({ where: { providerId: sid } });
}

/** Every text to the number, with the number it left from (after delivery). */
async function sentTo(svc: SmsService, standIn: TwilioStandIn, to: string) {
  await runJobs(svc);
  return (await outbox(svc, to)).reverse().map((m) => ({ template: m.template, body: m.body, from: standIn.accepted.find((a) => a.sid === m.providerId)?.from }));
}

const CHILDREN = ['Amir', 'Zara', 'Leo'];
const named = (body: string) => CHILDREN.filter((c) => body.includes(c));

describe('two schools, one number each', () => {
  let svc: SmsService;
  let standIn: TwilioStandIn;
  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    svc = await startSmsService({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: SHARED, TWILIO_API_ORIGIN: standIn.url, LOCAL_SIGN_IN: 'true' });
  });
  afterAll(async () => {
    await svc.close();
    await standIn.close();
  });
  beforeEach(() => svc.clock.set(new Date('2026-09-07T09:00:00Z')));

  it("Given a text to Ashdown's number from a parent at both schools, Then it is Ashdown's alone: filed under Amir, answered from Ashdown's number, and Beech's staff see nothing", async () => {
    const s = await twoSchools(svc, { ashdown: ASHDOWN_NUMBER, beech: BEECH_NUMBER });
    const m = await textTo(svc, s.from, s.numbers.ashdown!, 'Can we talk about his reading?');
    expect([m.schoolId, m.pupilId, m.contactId]).toEqual([s.ashdown.schoolId, s.ashdown.pupils[0]!.id, s.ashdown.contacts[0]!.id]);
    expect((await staffNotices(svc.ctx.prisma, s.ashdown.keyTeacherId)).map((n) => n.template)).toEqual(['parent.reply']);
    expect(await staffNotices(svc.ctx.prisma, s.beech.keyTeacherId)).toEqual([]);
    expect(await sentTo(svc, standIn, s.from)).toEqual([{ template: 'reply.received', body: "Ashdown Primary: thank you. We have passed your message to Amir's teacher.", from: s.numbers.ashdown }]);
  });

  it("Given a text to Beech's number, Then the which-child question names only Beech's children, comes from Beech's number, and the answer files it at Beech", async () => {
    const s = await twoSchools(svc, { ashdown: ASHDOWN_NUMBER, beech: BEECH_NUMBER });
    const m = await textTo(svc, s.from, s.numbers.beech!, 'The homework is too hard');
    const [ask] = await sentTo(svc, standIn, s.from);
    expect(ask).toEqual({ template: 'which.child', body: 'Beech Academy: which child is this about? Reply 1 for Leo, 2 for Zara.', from: s.numbers.beech });
    await textTo(svc, s.from, s.numbers.beech!, '2');
    const filed = await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: m.id } });
    expect([filed.schoolId, filed.pupilId]).toEqual([s.beech.schoolId, s.beech.pupils.find((p) => p.firstName === 'Zara')!.id]);
    expect(await staffNotices(svc.ctx.prisma, s.ashdown.keyTeacherId)).toEqual([]);
    for (const t of await sentTo(svc, standIn, s.from)) expect(named(t.body).filter((c) => c === 'Amir')).toEqual([]);
  });

  it("Given STOP and HELP to Ashdown's number, Then the parent stops hearing from Ashdown only, and HELP names Ashdown only", async () => {
    const s = await twoSchools(svc, { ashdown: ASHDOWN_NUMBER, beech: BEECH_NUMBER });
    await textTo(svc, s.from, s.numbers.ashdown!, 'HELP');
    await runJobs(svc);
    await textTo(svc, s.from, s.numbers.ashdown!, 'STOP');
    const contacts = await svc.ctx.prisma.contact.findMany({ where: { mobile: s.from }, select: { schoolId: true, optedOutAt: true } });
    expect(contacts.find((c) => c.schoolId === s.ashdown.schoolId)!.optedOutAt).not.toBeNull();
    expect(contacts.find((c) => c.schoolId === s.beech.schoolId)!.optedOutAt).toBeNull();
    const sent = await sentTo(svc, standIn, s.from);
    expect(sent.map((t) => [t.template, t.from])).toEqual([
      ['help', s.numbers.ashdown],
      ['stop.confirmed', s.numbers.ashdown],
    ]);
    expect(sent[0]!.body).toMatch(/^Ashdown Primary sends you messages/);
  });

  it("Given a number neither school knows texts Beech's number, Then only Beech's admins are told and the text is Beech's", async () => {
    const s = await twoSchools(svc, { ashdown: ASHDOWN_NUMBER, beech: BEECH_NUMBER });
    const m = await textTo(svc, '+447700900999', s.numbers.beech!, 'Who is this?');
    expect(m.schoolId).toBe(s.beech.schoolId);
    expect((await staffNotices(svc.ctx.prisma, s.beech.adminId)).map((n) => n.template)).toEqual(['parent.unknownNumber']);
    expect(await staffNotices(svc.ctx.prisma, s.ashdown.adminId)).toEqual([]);
  });

  it("Given a number neither school knows texts the shared number, Then the school that sends from it is told, and the school with its own number reads nothing of it", async () => {
    const s = await twoSchools(svc, { ashdown: null, beech: BEECH_NUMBER });
    const m = await textTo(svc, '+447700900998', SHARED, 'Is this about my son?');
    expect(m.schoolId).not.toBe(s.beech.schoolId);
    expect((await staffNotices(svc.ctx.prisma, s.ashdown.adminId)).map((n) => n.template)).toEqual(['parent.unknownNumber']);
    expect(await staffNotices(svc.ctx.prisma, s.beech.adminId)).toEqual([]);
  });

  it("Given a school with its own number and one without, Then each school's own texts leave from its number, or the deployment's", async () => {
    const s = await twoSchools(svc, { ashdown: null, beech: BEECH_NUMBER });
    const update = (f: Family) => transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: f.pupils[0]!.id, template: 'progress.update', params: { achieved: [], workingOn: ['MATHS'] } }));
    await update(s.ashdown);
    svc.clock.advance(1000);
    await update(s.beech);
    expect((await sentTo(svc, standIn, s.from)).map((t) => [t.body.split(':')[0], t.from])).toEqual([
      ['Ashdown Primary', SHARED],
      ['Beech Academy', s.numbers.beech],
    ]);
  });

  it("Given a school's own number, Then its admins set it (audited), the SENCO may not, and no two schools share one", async () => {
    const s = await twoSchools(svc, { ashdown: null, beech: null });
    const bearer = async (id: string) => staffBearer(svc, await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id } }));
    const patch = async (schoolId: string, staffId: string, smsNumber: unknown) =>
      svc.api(`/api/schools/${schoolId}/settings`, { method: 'PATCH', body: JSON.stringify({ smsNumber }), headers: { authorization: await bearer(staffId) } });
    const number = `+4477009004${String(Math.floor(Math.random() * 90) + 10)}`;
    expect((await patch(s.ashdown.schoolId, s.ashdown.senco, number)).status).toBe(403);
    expect((await patch(s.ashdown.schoolId, s.ashdown.adminId, '07700 900400')).status).toBe(400);
    const saved = await patch(s.ashdown.schoolId, s.ashdown.adminId, number);
    expect([saved.status, ((await saved.json()) as { smsNumber: string }).smsNumber]).toEqual([200, number]);
    expect(await svc.ctx.prisma.auditEvent.findFirst({ where: { action: 'school.settings', entityId: s.ashdown.schoolId }, orderBy: { at: 'desc' } })).toMatchObject({ before: { smsNumber: null }, after: { smsNumber: number } });
    const taken = await patch(s.beech.schoolId, s.beech.adminId, number);
    expect([taken.status, ((await taken.json()) as { error: string }).error]).toEqual([409, 'sms_number_taken']);
  });
});

describe('two schools, one shared number', () => {
  let svc: SmsService;
  let standIn: TwilioStandIn;
  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    svc = await startSmsService({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: SHARED, TWILIO_API_ORIGIN: standIn.url });
  });
  afterAll(async () => {
    await svc.close();
    await standIn.close();
  });
  beforeEach(() => svc.clock.set(new Date('2026-09-07T09:00:00Z')));

  it('Given a parent at both schools texts the shared number, Then they are asked which school without a child named, and the answer handles the text for that school alone', async () => {
    const s = await twoSchools(svc, { ashdown: null, beech: null });
    const m = await textTo(svc, s.from, SHARED, 'Can we talk?');
    const [ask] = await sentTo(svc, standIn, s.from);
    expect(ask).toEqual({ template: 'which.school', body: 'Which school is this about? Reply 1 for Ashdown Primary, 2 for Beech Academy.', from: SHARED });
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: m.id } })).pupilId).toBeNull();

    await textTo(svc, s.from, SHARED, '2');
    const [, again] = await sentTo(svc, standIn, s.from);
    expect(again!.body).toBe('Beech Academy: which child is this about? Reply 1 for Leo, 2 for Zara.');
    await textTo(svc, s.from, SHARED, '1');
    const filed = await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: m.id } });
    expect([filed.schoolId, filed.pupilId]).toEqual([s.beech.schoolId, s.beech.pupils.find((p) => p.firstName === 'Leo')!.id]);
    expect(await staffNotices(svc.ctx.prisma, s.ashdown.keyTeacherId)).toEqual([]);
    expect(await staffNotices(svc.ctx.prisma, s.ashdown.adminId)).toEqual([]);
    // No text to this phone ever named a child of the school it was not about.
    for (const t of await sentTo(svc, standIn, s.from)) expect(named(t.body).includes('Amir')).toBe(false);
  });

  it('Given HELP to the shared number, Then each school answers for itself; a booking answer goes to the school that asked', async () => {
    const s = await twoSchools(svc, { ashdown: null, beech: null });
    await textTo(svc, s.from, SHARED, 'HELP');
    expect((await sentTo(svc, standIn, s.from)).map((t) => t.body.split(' sends')[0]).sort()).toEqual(['Ashdown Primary', 'Beech Academy']);
    const conversation = await svc.ctx.prisma.structuredConversation.create({ data: { pupilId: s.ashdown.pupils[0]!.id, keyTeacherId: s.ashdown.keyTeacherId, kind: 'INITIAL', dueBy: new Date('2026-10-01') } });
    const offered = await svc.api(`/api/conversations/${conversation.id}/offers`, { method: 'POST', body: JSON.stringify({ slots: ['2026-09-15T14:30:00Z', '2026-09-16T14:30:00Z'] }) });
    expect(offered.status).toBe(201);
    await textTo(svc, s.from, SHARED, '2');
    expect((await svc.ctx.prisma.structuredConversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe('BOOKED');
    expect((await sentTo(svc, standIn, s.from)).filter((t) => t.template === 'which.school')).toEqual([]);
  });

  it('Given the parent never says which school, Then they are asked once more a school day later, and then the text goes to the school the number was last in touch with', async () => {
    const s = await twoSchools(svc, { ashdown: null, beech: null });
    // Beech texted them last week.
    await transaction(svc.ctx.prisma, (tx) => messageParentsOf(tx, svc.clock, { pupilId: s.beech.pupils[0]!.id, template: 'progress.update', params: { achieved: [], workingOn: ['MATHS'] } }));
    svc.clock.advance(60_000);
    const m = await textTo(svc, s.from, SHARED, 'Is there school tomorrow?');
    svc.clock.set(new Date('2026-09-08T09:05:00Z'));
    await runJobs(svc);
    expect((await sentTo(svc, standIn, s.from)).filter((t) => t.template === 'which.school')).toHaveLength(2);
    svc.clock.set(new Date('2026-09-09T09:10:00Z'));
    await runJobs(svc);
    const passed = await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: m.id } });
    expect([passed.schoolId, passed.passedToStaffAt !== null]).toEqual([s.beech.schoolId, true]);
    expect((await staffNotices(svc.ctx.prisma, s.beech.keyTeacherId)).map((n) => n.template)).toEqual(['parent.unfiled']);
    expect(await staffNotices(svc.ctx.prisma, s.ashdown.keyTeacherId)).toEqual([]);
  });
});

describe('schools with their own numbers behind a Messaging Service', () => {
  let svc: SmsService;
  let standIn: TwilioStandIn;
  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    svc = await startSmsService({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_MESSAGING_SERVICE_SID: `MG${'4'.repeat(32)}`, TWILIO_API_ORIGIN: standIn.url });
  });
  afterAll(async () => {
    await svc.close();
    await standIn.close();
  });

  it("Given a text arriving at one school's number, Then it is not taken to say which school (the service's pool answers from any of its numbers): the parent is asked, and texts leave through the service", async () => {
    svc.clock.set(new Date('2026-09-07T09:00:00Z'));
    const s = await twoSchools(svc, { ashdown: ASHDOWN_NUMBER, beech: BEECH_NUMBER });
    await textTo(svc, s.from, s.numbers.ashdown!, 'Can we talk?');
    const [ask] = await sentTo(svc, standIn, s.from);
    expect(ask!.template).toBe('which.school');
    const accepted = standIn.accepted.find((a) => a.to === s.from)!;
    expect([accepted.from, accepted.messagingServiceSid]).toEqual([undefined, `MG${'4'.repeat(32)}`]);
  });
});
