import { transaction } from '../../db/transaction';
import { nextConversationWords } from '../../domain/words';
import { notifyStaff, STAFF_NOTICES } from '../../messaging/staffNotifier';
import { startBotConnector, type BotConnector } from '../support/botConnector';
import { runJobs, startSmsService, text, type SmsService } from '../sms/smsSupport';
import { memberFor, personal, post, seedSchool, type SeededSchool } from './teamsActivities';

/**
 * What a teacher is told is true when they read it, and lets them act on it. Monday 7 September
 * 2026, Oakfield Primary (autumn term to 18 December, then the Christmas holidays). Hannah Jones
 * has the app installed; Imran Khan has not yet.
 */
let svc: SmsService;
let connector: BotConnector;
let school: SeededSchool;

beforeAll(async () => {
  svc = await startSmsService();
  connector = await startBotConnector();
  school = await seedSchool(svc.ctx.prisma);
  await svc.ctx.prisma.schoolTerm.create({ data: { schoolId: school.school.id, name: 'Autumn 2026', startsOn: new Date('2026-09-01'), endsOn: new Date('2026-12-18') } });
  await svc.ctx.prisma.schoolClosure.create({ data: { schoolId: school.school.id, name: 'Christmas holidays', kind: 'HOLIDAY', startsOn: new Date('2026-12-21'), endsOn: new Date('2027-01-01') } });
  connector.members.set('29:jones', memberFor(school.jones, '29:jones'));
  await post(svc.baseUrl, jones().install());
});
afterAll(async () => {
  await svc.close();
  await connector.close();
});
beforeEach(() => {
  connector.sent.length = 0;
});

const jones = () => personal(connector, memberFor(school.jones, '29:jones'));
const khan = () => personal(connector, memberFor(school.khan, '29:khan'));
const delivered = (teamsUserId: string) => connector.sent.filter((s) => s.conversationId === `a:personal-${teamsUserId}`).map((s) => JSON.stringify(s.activity));
const notices = (template: string, staffId: string) => svc.ctx.prisma.message.findMany({ where: { channel: 'TEAMS', template, staffId }, orderBy: { createdAt: 'asc' } });

async function press(verb: string, data: Record<string, unknown>): Promise<string> {
  const res = await post(svc.baseUrl, jones().cardAction(verb, data));
  const body = (await res.json()) as { statusCode: number; value: unknown };
  expect(body.statusCode).toBe(200);
  return JSON.stringify(body.value);
}

/** A parent of a pupil of Jones's, with consent to texts. */
async function parentOf(pupilId: string, displayName: string, mobile: string) {
  const contact = await svc.ctx.prisma.contact.create({ data: { schoolId: school.school.id, displayName, mobile, smsConsent: true, smsConsentAt: new Date('2026-09-01'), smsConsentMethod: 'ADMISSION_FORM' } });
  await svc.ctx.prisma.pupilContact.create({ data: { pupilId, contactId: contact.id, relationship: 'MOTHER' } });
  return contact;
}

describe('every kind of notice is re-checked when it is delivered', () => {
  it('Given the kinds of notice the product sends staff, Then each has a check at delivery (the service would not start otherwise)', () => {
    expect(svc.service.noticeKinds()).toEqual(expect.arrayContaining([...STAFF_NOTICES]));
  });
});

describe('a parent who texts STOP and then START', () => {
  it('Given STOP and START two seconds apart before the notice went out, Then the key teacher is told nothing: the STOP notice is no longer true', async () => {
    await text(svc, school.parent.mobile!, 'STOP');
    await text(svc, school.parent.mobile!, 'START');
    await runJobs(svc);
    expect(delivered('29:jones').filter((a) => a.includes('Samina'))).toEqual([]);
    const [stop] = await notices('contact.unreachable', school.jones.id);
    expect(stop).toMatchObject({ status: 'SUPPRESSED', errorMessage: expect.stringContaining('no longer true') });
    expect(await notices('contact.reachable', school.jones.id)).toEqual([]);
  });

  it('Given the STOP notice reached the key teacher, When the parent texts START, Then she is told texts reach them again', async () => {
    await text(svc, school.parent.mobile!, 'STOP');
    await runJobs(svc);
    expect(delivered('29:jones').some((a) => a.includes('Texts no longer reach a parent of Amir'))).toBe(true);
    connector.sent.length = 0;
    await text(svc, school.parent.mobile!, 'START');
    await runJobs(svc);
    const told = delivered('29:jones');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Texts reach a parent of Amir again');
    expect(told[0]).toContain('Samina Hussain, parent or carer of Amir Hussain, replied START');
  });
});

describe('a parent who cannot come to any time offered', () => {
  it('Given Sara\'s mother answers "0", Then the key teacher gets the booking card with her words and "Offer times", not a line of text', async () => {
    const mother = await parentOf(school.sara.id, 'Marta Nowak', '+447700900301');
    const c = await svc.ctx.prisma.structuredConversation.create({ data: { pupilId: school.sara.id, keyTeacherId: school.jones.id, kind: 'INITIAL', dueBy: new Date('2026-10-02') } });
    expect((await svc.api(`/api/conversations/${c.id}/offers`, { method: 'POST', body: JSON.stringify({ slots: ['2026-09-14T15:30', '2026-09-15T15:30'] }) })).status).toBe(201);
    await text(svc, mother.mobile!, '0');
    await runJobs(svc);
    const [card] = delivered('29:jones').filter((a) => a.includes('Book Sara'));
    expect(card).toBeDefined();
    expect(card).toContain('Marta Nowak cannot make any of the times offered for the conversation about Sara Nowak. Please offer new times.');
    expect(card).toContain('"title":"Offer times"');
    expect(card).toContain(`"verb":"booking.offerTimes","data":{"conversationId":"${c.id}"}`);
  });

  it('Given she offers a time in the Christmas holidays from that card, Then it is refused starting with the time as she reads it, naming the holiday, never an ISO time', async () => {
    const c = await svc.ctx.prisma.structuredConversation.findFirstOrThrow({ where: { pupilId: school.sara.id, status: { in: ['TO_BOOK', 'OFFERED'] } } });
    const card = await press('booking.offerTimes', { conversationId: c.id, slot1_date: '2026-12-23', slot1_time: '15:30', slot2_date: '2026-09-16', slot2_time: '15:30' });
    expect(card).toContain('Wed 23 Dec 2026, 15:30 is in the Christmas holidays.');
    expect(card).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});

describe('notices queued days before, for a conversation booked since', () => {
  it("Given Khan's reminder to book Leo's conversation waited three days for the app, and the parent booked meanwhile, When he installs the app, Then he is told it is booked, and the reminder to book is not sent", async () => {
    const dad = await parentOf(school.other.id, 'Tom Smith', '+447700900302');
    const c = await svc.ctx.prisma.structuredConversation.create({ data: { pupilId: school.other.id, keyTeacherId: school.khan.id, kind: 'INITIAL', dueBy: new Date('2026-10-02') } });
    await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.khan.id, template: 'reminder.book', text: 'Leo Smith needs an initial structured conversation by Fri 2 Oct. Offer the parents some times.', pupilId: school.other.id, conversationId: c.id }));
    await runJobs(svc);
    svc.clock.advance(3 * 24 * 3600_000);
    expect((await svc.api(`/api/conversations/${c.id}/offers`, { method: 'POST', body: JSON.stringify({ slots: ['2026-09-21T15:30', '2026-09-22T15:30'] }) })).status).toBe(201);
    await text(svc, dad.mobile!, '2');
    connector.members.set('29:khan', memberFor(school.khan, '29:khan'));
    await post(svc.baseUrl, khan().install());
    await runJobs(svc);
    const told = delivered('29:khan');
    expect(told.filter((a) => a.includes('Book Leo') && a.includes('Offer times'))).toEqual([]);
    expect(told.some((a) => a.includes('Tom Smith booked the conversation about Leo Smith for Tue 22 Sept, 15:30'))).toBe(true);
    const [book] = await notices('reminder.book', school.khan.id);
    expect(book).toMatchObject({ status: 'SUPPRESSED', errorMessage: expect.stringContaining('the conversation is booked now') });
  });

  it("Given a reminder to review a target, When the target is reviewed before the reminder goes out, Then it is not sent", async () => {
    const t = await svc.ctx.prisma.target.create({ data: { pupilId: school.amira.id, area: 'MATHS', description: 'Count in threes', reviewBy: new Date('2026-09-08'), status: 'WORKING_TOWARDS' } });
    await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.jones.id, template: 'reminder.targetReview', text: "Amira Begum's maths target is due for review on Tue 8 Sept.", pupilId: school.amira.id }));
    svc.clock.advance(24 * 3600_000);
    await press('progress.save', { pupilId: school.amira.id, targetIds: [t.id], [`status_${t.id}`]: 'WORKING_TOWARDS', tellParent: 'false' });
    connector.sent.length = 0;
    await runJobs(svc);
    expect(delivered('29:jones').filter((a) => a.includes('Time to review'))).toEqual([]);
    const [reminder] = await notices('reminder.targetReview', school.jones.id);
    expect(reminder!.status).toBe('SUPPRESSED');
  });
});

describe('"due": what needs the key teacher this week', () => {
  it('Given two waiting messages, a conversation to book and targets, Then each item is listed once with its own button in words, the messages with their words, and a target reviewed since its date is not listed', async () => {
    await text(svc, school.parent.mobile!, 'Amir was upset about reading today');
    await text(svc, school.parent.mobile!, 'He also lost his reading book');
    // Reviewed before its date, which has passed: reviewed on time, nothing to do.
    await svc.ctx.prisma.target.create({ data: { pupilId: school.amir.id, area: 'ENGLISH', description: 'Read to a partner', reviewBy: new Date('2026-09-09'), reviewedAt: new Date('2026-09-08T10:00:00Z'), status: 'WORKING_TOWARDS' } });
    await svc.ctx.prisma.target.create({ data: { pupilId: school.amir.id, area: 'PARTICIPATION', description: 'Join the chess club', reviewBy: new Date('2026-09-15'), status: 'NOT_STARTED' } });
    await post(svc.baseUrl, jones().message('due'));
    const [reply] = connector.sent.filter((s) => s.conversationId === 'a:personal-29:jones');
    const card = reply!.activity.attachments![0]!.content as Record<string, unknown>;
    const json = JSON.stringify(card);
    expect(json).toContain('{"type":"TextRun","text":"Amir was upset about reading today"}');
    expect(json).toContain('{"type":"TextRun","text":"He also lost his reading book"}');
    expect(json).toContain('participation (clubs and activities) (review by Tue 15 Sept 2026)');
    expect(json).not.toContain('English (review by');
    expect(json).toContain('Offer times for Sara');

    const buttons: { type: string; title: string; verb?: string; data?: Record<string, unknown> }[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.type === 'string' && o.type.startsWith('Action.')) buttons.push(o as never);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    const verbs = svc.service.cardActionVerbs();
    const items = buttons.filter((b) => b.type === 'Action.Execute');
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(new Set(buttons.map((b) => b.title)).size).toBe(buttons.length);
    expect(new Set(items.map((b) => `${b.verb} ${JSON.stringify(b.data)}`)).size).toBe(items.length);
    for (const b of items) {
      expect(verbs).toContain(b.verb);
      // Words, starting with a capital: never a command typed for the teacher.
      expect(b.title).toMatch(/^[A-Z]/);
      expect(b.title).not.toMatch(/^(prepare|record|targets|due|my pupils) /);
    }
    // Each message's button opens that message's card, where it can be answered.
    const answer = items.find((b) => b.verb === 'reply.open')!;
    const opened = await press('reply.open', answer.data!);
    expect(opened).toContain('Reply by text message');
  });
});

describe('booked or not, the same words everywhere', () => {
  it("Given Amir's conversation is booked, Then `my pupils` and the dashboard's pupil list both say it is booked, for when", async () => {
    await post(svc.baseUrl, jones().message('my pupils'));
    const [reply] = connector.sent.filter((s) => s.conversationId === 'a:personal-29:jones');
    const words = nextConversationWords({ kind: 'INITIAL', status: 'BOOKED', dueBy: '2026-10-02', scheduledAt: school.conversation.scheduledAt }, 'Europe/London');
    expect(words).toBe('Initial structured conversation booked for Wed 9 Sept, 16:30');
    expect(JSON.stringify(reply!.activity)).toContain(words);
    const { pupils } = (await (await svc.api(`/api/dashboard/pupils?schoolId=${school.school.id}`)).json()) as { pupils: { id: string; nextConversation: Parameters<typeof nextConversationWords>[0] }[] };
    const amir = pupils.find((p) => p.id === school.amir.id)!;
    expect(nextConversationWords(amir.nextConversation, 'Europe/London')).toBe(words);
  });
});

describe('a review date the teacher chose on a closed day', () => {
  it('Given a target to be reviewed on Sunday 27 December, When the record is saved, Then it is refused next to the date, naming the holiday, and nothing is saved', async () => {
    const res = await svc.api(`/api/conversations/${school.conversation.id}/record`, {
      method: 'PUT',
      body: JSON.stringify({ state: 'DRAFT', version: school.conversation.version, exploreStrengths: 'Loves lego', targets: [{ area: 'ENGLISH', description: 'Read aloud', reviewBy: '2026-12-27' }] }),
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('"field":"targets.0.reviewBy","message":"Sun 27 Dec 2026 is in the Christmas holidays: choose a school day"');
    expect(await svc.ctx.prisma.target.count({ where: { conversationId: school.conversation.id } })).toBe(0);
  });
});
