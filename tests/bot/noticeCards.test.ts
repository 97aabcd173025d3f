import { notifyStaff } from '../../messaging/staffNotifier';
import { markContactUndeliverable } from '../../sms/contactStatus';
import type { BotConnector } from '../support/botConnector';
import type { RunningService } from '../support/testService';
import { memberFor, personal, post, startTeamsSchool, stopTeamsSchool, type SeededSchool } from './teamsActivities';
import { transaction } from '../../db/transaction';

/**
 * Reminders and alerts that used to arrive as plain text now arrive as cards built when they are
 * sent (bot/templateCards.ts), each with the action that deals with it. Monday 7 September 2026.
 */
let svc: RunningService;
let connector: BotConnector;
let school: SeededSchool;

beforeAll(async () => {
  ({ svc, connector, school } = await startTeamsSchool());
  await svc.ctx.prisma.schoolTerm.create({ data: { schoolId: school.school.id, name: 'Autumn 2026', startsOn: new Date('2026-09-01'), endsOn: new Date('2026-12-18') } });
  for (const [staff, id] of [[school.jones, '29:jones'], [school.khan, '29:khan'], [school.admin, '29:admin']] as const) {
    connector.members.set(id, memberFor(staff, id));
    await post(svc.baseUrl, personal(connector, memberFor(staff, id)).install());
  }
});
afterAll(() => stopTeamsSchool(svc, connector));
beforeEach(() => {
  connector.sent.length = 0;
});

const jones = () => personal(connector, memberFor(school.jones, '29:jones'));

/** Runs the delivery jobs and returns the card each person received, as text. */
async function deliveredCardFor(teamsUserId: string): Promise<string> {
  await svc.service.jobs.runDue();
  const sent = connector.sent.filter((s) => s.conversationId === `a:personal-${teamsUserId}`);
  expect(sent).toHaveLength(1);
  const card = sent[0]!.activity.attachments?.[0]?.content;
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  return JSON.stringify(card);
}

async function press(verb: string, data: Record<string, unknown>): Promise<string> {
  const res = await post(svc.baseUrl, jones().cardAction(verb, data));
  const body = (await res.json()) as { statusCode: number; value: unknown };
  expect(body.statusCode).toBe(200);
  return JSON.stringify(body.value);
}

describe('"book it" (reminder.book): offering times from the card', () => {
  let conversationId: string;
  let contactId: string;

  beforeAll(async () => {
    const mother = await svc.ctx.prisma.contact.create({ data: { schoolId: school.school.id, displayName: 'Marta Nowak', mobile: '+447700900321', smsConsent: true, smsConsentAt: new Date('2026-09-01'), smsConsentMethod: 'ADMISSION_FORM' } });
    contactId = mother.id;
    await svc.ctx.prisma.pupilContact.create({ data: { pupilId: school.sara.id, contactId: mother.id, relationship: 'MOTHER' } });
    const c = await svc.ctx.prisma.structuredConversation.create({ data: { pupilId: school.sara.id, keyTeacherId: school.jones.id, kind: 'INITIAL', dueBy: new Date('2026-10-02') } });
    conversationId = c.id;
  });

  it('Given a conversation to book, When the reminder is sent, Then the key teacher gets a card naming Sara and the parent to be texted, with "Offer times"', async () => {
    await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.jones.id, template: 'reminder.book', text: 'Sara Nowak needs an initial structured conversation by Fri 2 Oct.', pupilId: school.sara.id, conversationId }));
    const card = await deliveredCardFor('29:jones');
    expect(card).toContain("Book Sara's structured conversation");
    expect(card).toContain('due by Fri 2 Oct 2026');
    expect(card).toContain('"title":"Offer times"');
    expect(card).toContain('Marta Nowak');
    expect(card).toContain(`"verb":"booking.offerTimes","data":{"conversationId":"${conversationId}"}`);
  });

  const refusals = [
    { when: 'time 2 has a day but no start', inputs: { slot1_date: '2026-09-15', slot1_time: '15:30', slot2_date: '2026-09-16' }, says: 'Time 2 needs both a day and a start time.' },
    { when: 'only one time is given', inputs: { slot1_date: '2026-09-15', slot1_time: '15:30' }, says: 'Offer at least 2 times.' },
    { when: 'a time is in the past', inputs: { slot1_date: '2026-09-01', slot1_time: '15:30', slot2_date: '2026-09-16', slot2_time: '08:45' }, says: 'is in the past' },
  ];
  it.each(refusals)('Given $when, When she presses "Text the parents", Then the card says so, keeps what she typed, and nothing is offered', async ({ inputs, says }) => {
    const card = await press('booking.offerTimes', { conversationId, ...inputs });
    expect(card).toContain(says);
    expect(card).toContain(`"value":"${inputs.slot1_date}"`);
    expect(await svc.ctx.prisma.bookingOffer.count({ where: { conversationId } })).toBe(0);
  });

  it('Given two good times in school time, When she presses "Text the parents", Then the parent is offered them (read in the school\'s zone) and the card says who was texted', async () => {
    const card = await press('booking.offerTimes', { conversationId, slot1_date: '2026-09-16', slot1_time: '08:45', slot2_date: '2026-09-15', slot2_time: '15:30', slot3_date: '', slot3_time: '' });
    expect(card).toContain('Texted to Marta Nowak. I will tell you when a time is chosen.');
    expect(card).toContain('Times offered, waiting for an answer: Tue 15 Sept, 15:30; Wed 16 Sept, 08:45');
    expect(card).toContain('"title":"Offer other times"');
    const offer = await svc.ctx.prisma.bookingOffer.findFirstOrThrow({ where: { conversationId }, include: { slots: { orderBy: { position: 'asc' } } } });
    expect(offer).toMatchObject({ contactId, createdById: school.jones.id, status: 'OPEN' });
    // British Summer Time: 15:30 in school is 14:30 UTC.
    expect(offer.slots.map((s) => s.startsAt.toISOString())).toEqual(['2026-09-15T14:30:00.000Z', '2026-09-16T07:45:00.000Z']);
    expect(await svc.ctx.prisma.message.count({ where: { conversationId, template: 'booking.offer', contactId, channel: 'SMS' } })).toBe(1);
    expect(await svc.ctx.prisma.structuredConversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: 'OFFERED' });
    expect(await svc.ctx.prisma.auditEvent.count({ where: { entityId: conversationId, action: 'booking.offer', actorId: school.jones.id } })).toBe(1);
  });

  it("Given another teacher's pupil, When she presses the button, Then she is refused and nothing is offered", async () => {
    const leo = await svc.ctx.prisma.structuredConversation.create({ data: { pupilId: school.other.id, keyTeacherId: school.khan.id, kind: 'INITIAL', dueBy: new Date('2026-10-02') } });
    const card = await press('booking.offerTimes', { conversationId: leo.id, slot1_date: '2026-09-15', slot1_time: '15:30', slot2_date: '2026-09-16', slot2_time: '15:30' });
    expect(card).toContain("Only the pupil's key teacher, the SENCO or an admin can do this.");
    expect(await svc.ctx.prisma.bookingOffer.count({ where: { conversationId: leo.id } })).toBe(0);
  });
});

describe('target review (reminder.targetReview)', () => {
  it('Given a target due for review tomorrow and one in December, When the reminder is sent, Then the card shows the one due, and "Open targets" opens the progress form', async () => {
    const target = (description: string, reviewBy: string) =>
      svc.ctx.prisma.target.create({ data: { pupilId: school.amira.id, area: 'ENGLISH', description, reviewBy: new Date(reviewBy), status: 'WORKING_TOWARDS' } });
    await target('Read a short passage aloud each week', '2026-09-08');
    await target('Write a paragraph on her own', '2026-12-01');
    await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.jones.id, template: 'reminder.targetReview', text: "Amira Begum's English target is due for review on Tue 8 Sep.", pupilId: school.amira.id }));
    const card = await deliveredCardFor('29:jones');
    expect(card).toContain("Time to review Amira's target");
    expect(card).toContain('Read a short passage aloud each week');
    expect(card).not.toContain('Write a paragraph on her own');
    expect(card).toContain(`"title":"Open targets","verb":"progress.open","data":{"pupilId":"${school.amira.id}"}`);
    expect(card).toContain(`/dashboard/#/pupils/${school.amira.id}`);
    const form = await press('progress.open', { pupilId: school.amira.id });
    expect(form).toContain('Progress update: Amira Begum');
    expect(form).toContain('Write a paragraph on her own');
  });
});

describe('a parent texts no longer reach (contact.unreachable)', () => {
  it("Given Amir's mother's number stops working, Then the key teacher gets a card saying so, what to do, and the record", async () => {
    await transaction(svc.ctx.prisma, (tx) => markContactUndeliverable(tx, svc.clock, school.parent.id, '30006'));
    const card = await deliveredCardFor('29:jones');
    expect(card).toContain('Texts no longer reach a parent of Amir');
    expect(card).toContain('Samina Hussain, parent or carer of Amir Hussain, cannot be reached by text');
    expect(card).toContain('reach them another way');
    expect(card).toContain(`/dashboard/#/pupils/${school.amir.id}`);
  });
});

describe("alerts for the school's admins", () => {
  it('Given a text from a number on no contact record, Then the admin gets a card with the number, the text and what to do', async () => {
    const inbound = await svc.ctx.prisma.message.create({
      data: { schoolId: school.school.id, channel: 'SMS', direction: 'INBOUND', status: 'DELIVERED', body: 'Is Zara in school today?', fromAddress: '+447700900999', createdAt: svc.clock.now() },
    });
    await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.admin.id, template: 'parent.unknownNumber', text: 'A text came from +447700900999, a number not on any contact record.', inReplyToId: inbound.id }));
    const card = await deliveredCardFor('29:admin');
    expect(card).toContain('A text from a number we do not know');
    expect(card).toContain('{"title":"From","value":"+447700900999"}');
    expect(card).toContain('{"type":"TextRun","text":"Is Zara in school today?"}');
    expect(card).toContain('What to do');
  });

  it('Given someone with no staff record writes to the bot, Then the admin gets a card saying who and how to add them', async () => {
    const stranger = { id: '29:stranger', name: 'Val Visitor', aadObjectId: '0b0b0b0b-0000-4000-8000-000000000001', email: 'val@elsewhere.org', tenantId: 'x' };
    connector.members.set(stranger.id, stranger);
    await post(svc.baseUrl, personal(connector, stranger).message('hello'));
    connector.sent.length = 0;
    const card = await deliveredCardFor('29:admin');
    expect(card).toContain('Someone without a staff record opened the app');
    expect(card).toContain('Val Visitor, val@elsewhere.org');
    expect(card).toContain('add them to the staff list with their school email address');
  });

  it('Given Teams refuses a message to a colleague (403), Then the admin gets a card naming them and how to bring the app back', async () => {
    connector.failNext({ status: 403 });
    await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.khan.id, template: 'booking.confirmed', text: 'Leo’s father booked Thursday' }));
    // One run: the refused send queues the alert, which goes out in the same run.
    const card = await deliveredCardFor('29:admin');
    expect(card).toContain('A colleague can no longer be reached in Teams');
    expect(card).toContain('Imran Khan can no longer be reached in Teams');
    expect(card).toContain('Ask them to add the SEND engagement app again');
  });
});
