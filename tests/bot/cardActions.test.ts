import type { BotConnector } from '../support/botConnector';
import type { RunningService } from '../support/testService';
import { memberFor, personal, post, startTeamsSchool, stopTeamsSchool, type SeededSchool } from './teamsActivities';

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

/** Presses a card button (Action.Execute) and returns the card Teams would show instead. */
async function press(verb: string, data: Record<string, unknown>) {
  const res = await post(svc.baseUrl, jones().cardAction(verb, data));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { statusCode: number; type: string; value: Record<string, unknown> };
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return { card: body.value, text: JSON.stringify(body.value) };
}

const complete = {
  exploreStrengths: 'Reads confidently to his younger brother at home',
  exploreBarriers: 'Loses heart when reading aloud in class',
  focusNotes: 'Confidence with reading aloud',
  t0_area: 'ENGLISH',
  t0_horizon: 'MEDIUM',
  t0_description: 'Read a short passage aloud to a small group each week',
  t0_successLooksLike: 'Volunteers to read in guided reading',
  t0_schoolActions: 'Reading mentor for Year 2 on Fridays',
  t0_homeActions: 'Reads to his brother three evenings a week',
  t0_reviewBy: '2026-10-23',
  t1_area: 'PARTICIPATION',
  t1_description: 'Join the chess club',
  t1_reviewBy: '2026-10-23',
  attendees: 'Samina Hussain (mother)\nHannah Jones (key teacher)',
  pupilInvolvement: 'TOOK_PART_IN_PART',
  heldOn: '2026-09-07',
};

describe('recording the structured conversation from the card', () => {
  it('Given a half-filled card, When the teacher saves it as draft, Then the draft keeps what was typed and the card stays editable', async () => {
    const { text } = await press('record.save', { conversationId: school.conversation.id, version: 1, state: 'DRAFT', targetIds: [], exploreStrengths: 'Loves football' });
    expect(text).toContain('Draft saved');
    expect(text).toContain('Loves football');
    const c = await svc.ctx.prisma.structuredConversation.findUniqueOrThrow({ where: { id: school.conversation.id } });
    expect(c).toMatchObject({ recordState: 'DRAFT', exploreStrengths: 'Loves football', version: 2, status: 'BOOKED' });
  });

  it('Given a card missing the focus and targets, When the teacher saves it as final, Then the card comes back with the problems next to the fields and nothing is saved', async () => {
    const { text } = await press('record.save', { conversationId: school.conversation.id, version: 2, state: 'FINAL', targetIds: [], exploreStrengths: 'Loves football' });
    expect(text).toContain('Some things are missing');
    expect(text).toContain('Say what matters most now');
    expect(text).toContain('Agree at least one target');
    expect(text).toContain('Loves football');
    expect((await svc.ctx.prisma.structuredConversation.findUniqueOrThrow({ where: { id: school.conversation.id } })).version).toBe(2);
  });

  it('Given a target without an area, When saved, Then the card asks for the area on that target', async () => {
    const { text } = await press('record.save', { ...complete, t0_area: '', conversationId: school.conversation.id, version: 2, state: 'FINAL', targetIds: [] });
    expect(text).toContain('Choose the area');
  });

  it('Given a complete card, When saved as final, Then targets are created with the conversation, the card turns into a read-only summary refreshed for the teacher, and she is asked who to tell', async () => {
    const { card, text } = await press('record.save', { ...complete, conversationId: school.conversation.id, version: 2, state: 'FINAL', targetIds: [] });
    expect(text).toContain('Saved as the final record');
    expect(text).not.toContain('Input.Text');
    expect(card.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'record.refresh' }, userIds: ['29:jones'] });
    const c = await svc.ctx.prisma.structuredConversation.findUniqueOrThrow({ where: { id: school.conversation.id }, include: { targets: { orderBy: { createdAt: 'asc' } } } });
    expect(c).toMatchObject({ recordState: 'FINAL', status: 'HELD', version: 3, pupilInvolvement: 'TOOK_PART_IN_PART', attendees: [{ name: 'Samina Hussain', role: 'mother' }, { name: 'Hannah Jones', role: 'key teacher' }] });
    expect(c.targets.map((t) => [t.area, t.pupilId, t.conversationId])).toEqual([
      ['ENGLISH', school.amir.id, c.id],
      ['PARTICIPATION', school.amir.id, c.id],
    ]);
    expect(c.nextReviewBy?.toISOString().slice(0, 10)).toBe('2026-10-23');
    const actions = await svc.ctx.prisma.auditEvent.findMany({ where: { OR: [{ entityId: c.id }, { entityType: 'Target' }] }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(['conversation.record', 'conversation.recordFinal', 'target.create', 'target.create']);
    const prompt = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'reminder.tellSubjectTeachers', conversationId: c.id } });
    expect(prompt.staffId).toBe(school.jones.id);

    connector.sent.length = 0;
    await svc.service.jobs.runDue();
    const picker = connector.cards().find((k) => JSON.stringify(k).includes("Share Amir's agreed targets"));
    expect(JSON.stringify(picker)).toContain('Olu Maths (Maths lead)');
  });

  it('Given an old copy of the card, When saved, Then the save is refused as a conflict and the typed text is kept', async () => {
    const { text } = await press('record.save', { ...complete, focusNotes: 'Changed on my phone', conversationId: school.conversation.id, version: 2, state: 'FINAL', targetIds: [] });
    expect(text).toContain('Someone saved this record since you opened it');
    expect(text).toContain('Changed on my phone');
  });

  it('When the card refreshes for the key teacher, Then she sees the summary with an Edit button', async () => {
    const { text } = await press('record.refresh', { conversationId: school.conversation.id });
    expect(text).toContain('Edit the record');
    expect(text).toContain('Read a short passage aloud');
  });

  it('When the key teacher tells the maths lead and confirms with the parents, Then the maths lead gets the targets and the parent gets a plain SMS', async () => {
    const { text } = await press('subjectTeachers.tell', { conversationId: school.conversation.id, staffIds: school.maths.id, confirmWithParents: 'true' });
    expect(text).toContain('Sent to Olu Maths');
    const outcome = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'subjectTeachers.outcome', staffId: school.maths.id } });
    expect(JSON.stringify(outcome.card)).toContain('Read a short passage aloud');
    const c = await svc.ctx.prisma.structuredConversation.findUniqueOrThrow({ where: { id: school.conversation.id } });
    expect(c.subjectTeachersToldAt).not.toBeNull();
    const sms = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'targets.confirmed', contactId: school.parent.id } });
    expect(sms.channel).toBe('SMS');
    expect(sms.body).not.toContain('passage');
  });
});

describe('pupil views, progress and parent replies from cards', () => {
  it('When the teacher saves Amir\'s views, Then they are stored with who recorded them', async () => {
    const { text } = await press('views.save', { pupilId: school.amir.id, conversationId: '', goodAt: 'Football and reading to my brother', findHard: 'Reading out loud in class', gatheredBy: 'WITH_KEY_TEACHER' });
    expect(text).toContain('Saved');
    const v = await svc.ctx.prisma.pupilView.findFirstOrThrow({ where: { pupilId: school.amir.id } });
    expect(v).toMatchObject({ goodAt: 'Football and reading to my brother', recordedById: school.jones.id });
  });

  it('When the teacher saves an empty views card, Then the card asks for at least one answer', async () => {
    const { text } = await press('views.save', { pupilId: school.amir.id });
    expect(text).toContain('Write down at least one thing');
  });

  it('When the teacher marks a target achieved and asks to tell the parent, Then a progress entry is stored and one plain SMS names only the area', async () => {
    const target = await svc.ctx.prisma.target.findFirstOrThrow({ where: { pupilId: school.amir.id, area: 'ENGLISH' } });
    const { text } = await press('progress.save', { pupilId: school.amir.id, targetIds: [target.id], [`status_${target.id}`]: 'ACHIEVED', [`note_${target.id}`]: 'Read to the class on Friday', tellParent: 'true' });
    expect(text).toContain('is on its way');
    const entry = await svc.ctx.prisma.progressEntry.findFirstOrThrow({ where: { targetId: target.id } });
    expect(entry).toMatchObject({ status: 'ACHIEVED', tellParent: true });
    expect(entry.sharedWithParentAt).not.toBeNull();
    const sms = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'progress.update', contactId: school.parent.id } });
    expect(sms.body).not.toContain('passage');
  });

  it('Given a parent reply, When the teacher replies by SMS from the card, Then the reply is queued to that parent and the message is handled', async () => {
    const inbound = await svc.ctx.prisma.message.create({
      data: { schoolId: school.school.id, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body: 'Amir was upset about reading today', contactId: school.parent.id, pupilId: school.amir.id },
    });
    const { text } = await press('reply.sms', { messageId: inbound.id, replyText: 'Thank you for telling me. I will talk with him tomorrow.' });
    expect(text).toContain('Your reply is on its way');
    const reply = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'teacher.message', inReplyToId: inbound.id } });
    expect(reply).toMatchObject({ channel: 'SMS', contactId: school.parent.id, freeText: true });
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: inbound.id } })).handledById).toBe(school.jones.id);
  });

  it('Given a parent reply, When the teacher marks it handled saying what was done, Then the parent is told "what we have done"', async () => {
    const inbound = await svc.ctx.prisma.message.create({
      data: { schoolId: school.school.id, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body: 'Can he sit nearer the board?', contactId: school.parent.id, pupilId: school.amir.id },
    });
    const { text } = await press('reply.handled', { messageId: inbound.id, whatWeDid: 'moved Amir to the front table' });
    expect(text).toContain('Marked as handled');
    const told = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'reply.actioned', inReplyToId: inbound.id } });
    expect(told.body).toContain('moved Amir to the front table');
  });

  it("Given a pupil who is not hers, When the teacher presses a card button for them, Then she is refused on the card", async () => {
    const { text } = await press('views.open', { pupilId: school.other.id });
    expect(text).toContain("Only the pupil's key teacher");
  });
});

describe('when something fails on our side', () => {
  it('Given the pupils table cannot be read (a fault, not a refusal), When the teacher opens the views card, Then she reads a card telling her to try again, and it works once the fault is gone', async () => {
    await svc.ctx.db.pool.query('ALTER TABLE "Pupil" RENAME TO "PupilAway"');
    try {
      const { text } = await press('views.open', { pupilId: school.amir.id });
      expect(text).toContain('could not be done just now, on our side');
      expect(text).not.toMatch(/PupilAway|prisma|relation/i);
    } finally {
      await svc.ctx.db.pool.query('ALTER TABLE "PupilAway" RENAME TO "Pupil"');
    }
    const { text } = await press('views.open', { pupilId: school.amir.id });
    expect(text).toContain("Amir's views");
  });
});
