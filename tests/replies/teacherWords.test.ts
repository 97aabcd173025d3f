import type { BotConnector } from '../support/botConnector';
import type { RunningService } from '../support/testService';
import { memberFor, personal, post, startTeamsSchool, stopTeamsSchool, type SeededSchool } from '../bot/teamsActivities';

/**
 * A teacher's own words to a parent pass the SMS content rules, whichever edge they come from. On
 * the card, words that break them come back with the reason and the parent's text stays waiting;
 * nothing is marked handled and nothing is queued. (Before: the reply was marked handled in a
 * transaction of its own, the text to the parent then failed the rules, the teacher read "try
 * again in a minute" and the parent was never told.)
 */
let svc: RunningService;
let connector: BotConnector;
let school: SeededSchool;

beforeAll(async () => {
  ({ svc, connector, school } = await startTeamsSchool());
  connector.members.set('29:jones', memberFor(school.jones, '29:jones'));
  await post(svc.baseUrl, jones().install());
});
afterAll(() => stopTeamsSchool(svc, connector));

const jones = () => personal(connector, memberFor(school.jones, '29:jones'));

async function press(verb: string, data: Record<string, unknown>): Promise<string> {
  const res = await post(svc.baseUrl, jones().cardAction(verb, data));
  return JSON.stringify(((await res.json()) as { value: unknown }).value);
}

async function aParentsText(body: string) {
  return svc.ctx.prisma.message.create({
    data: { schoolId: school.school.id, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body, contactId: school.parent.id, pupilId: school.amir.id, createdAt: svc.clock.now() },
  });
}

const textsToTheParent = () => svc.ctx.prisma.message.count({ where: { contactId: school.parent.id, direction: 'OUTBOUND' } });

describe("a teacher's words that break the SMS content rules", () => {
  it.each([
    ['Mark as handled, saying what we did', 'reply.handled', 'whatWeDid'],
    ['Reply by text message', 'reply.sms', 'replyText'],
  ])('Given "%s" with the pupil\'s surname and a link, Then the card gives the reason, the text is still waiting and nothing goes to the parent', async (_what, verb, field) => {
    const inbound = await aParentsText('Can we talk about his reading?');
    const before = await textsToTheParent();
    const card = await press(verb, { messageId: inbound.id, [field]: 'Amir Hussain is doing well, see https://example.com' });
    expect(card).toContain('cannot be sent to a parent by SMS');
    expect(card).toContain('contains a surname');
    expect(card).not.toContain('try again in a minute');
    expect(await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: inbound.id } })).toMatchObject({ handledAt: null, handledById: null });
    expect(await textsToTheParent()).toBe(before);
    expect(await svc.ctx.prisma.auditEvent.count({ where: { entityId: inbound.id, action: 'parentReply.handled' } })).toBe(0);
  });

  it('Given the same words put right, Then the reply is handled and the parent told, once', async () => {
    const inbound = await aParentsText('Is the trip still on?');
    const card = await press('reply.handled', { messageId: inbound.id, whatWeDid: 'Yes, the trip is on Friday.' });
    expect(card).toContain('Marked as handled');
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: inbound.id } })).handledById).toBe(school.jones.id);
    expect(await svc.ctx.prisma.message.count({ where: { inReplyToId: inbound.id, template: 'reply.actioned' } })).toBe(1);
  });
});
