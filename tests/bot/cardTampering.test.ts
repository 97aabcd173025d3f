import fc from 'fast-check';
import { FAULT_ID } from '../../cards/cardAction';
import type { BotConnector } from '../support/botConnector';
import type { RunningService } from '../support/testService';
import { memberFor, personal, post, startTeamsSchool, stopTeamsSchool, type SeededSchool } from './teamsActivities';

/**
 * Card data comes back from Teams as the client sent it, so a key teacher (or anyone holding her
 * Teams session) can change it: another teacher's pupil, a pupil of another school, a conversation
 * that is not the pupil's, an old version, a verb that does not exist, fields of the wrong type or
 * size. Each is answered with a card saying no (or the form again, with the problem), and nothing in
 * the school's records changes. Refusals are not audited: the audit trail records changes, and a
 * refused action changed nothing (as with the API's 403s).
 */
let svc: RunningService;
let connector: BotConnector;
let school: SeededSchool;

/** Hannah Jones's pupil Amir, and what belongs to others: Leo (Imran Khan's pupil) and a pupil of another school. */
let mine: { targetId: string; messageId: string; outboundId: string };
let others: { conversation: string[]; pupil: string[]; target: string[]; message: string[]; staff: string[] };

beforeAll(async () => {
  ({ svc, connector, school } = await startTeamsSchool());
  connector.members.set('29:jones', memberFor(school.jones, '29:jones'));
  await post(svc.baseUrl, jones().install());
  const p = svc.ctx.prisma;

  const target = (pupilId: string, conversationId: string) => p.target.create({ data: { pupilId, conversationId, area: 'ENGLISH', description: 'Read aloud to a small group', reviewBy: new Date('2026-10-23') } });
  const parentText = (schoolId: string, pupilId: string, contactId: string) =>
    p.message.create({ data: { schoolId, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body: 'Can we talk?', contactId, pupilId } });

  const amirTarget = await target(school.amir.id, school.conversation.id);
  const amirText = await parentText(school.school.id, school.amir.id, school.parent.id);
  const outbound = await p.message.create({ data: { schoolId: school.school.id, channel: 'SMS', direction: 'OUTBOUND', status: 'SENT', body: 'Hello', contactId: school.parent.id, pupilId: school.amir.id } });
  mine = { targetId: amirTarget.id, messageId: amirText.id, outboundId: outbound.id };

  const leoParent = await p.contact.create({ data: { schoolId: school.school.id, displayName: 'Jo Smith', mobile: '+447700900456', smsConsent: true } });
  await p.pupilContact.create({ data: { pupilId: school.other.id, contactId: leoParent.id, relationship: 'MOTHER' } });
  const leoConversation = await p.structuredConversation.create({ data: { pupilId: school.other.id, keyTeacherId: school.khan.id, kind: 'INITIAL', dueBy: new Date('2026-10-02'), status: 'TO_BOOK' } });
  const leoTarget = await target(school.other.id, leoConversation.id);
  const leoText = await parentText(school.school.id, school.other.id, leoParent.id);

  const elsewhere = await p.school.create({ data: { name: 'Riverside Academy' } });
  const theirTeacher = await p.staff.create({ data: { schoolId: elsewhere.id, displayName: 'Sam Reed', email: 'sam.reed@riverside.sch.uk', roles: ['KEY_TEACHER', 'TEACHER'] } });
  const theirPupil = await p.pupil.create({ data: { schoolId: elsewhere.id, misId: 'R1', firstName: 'Mia', lastName: 'Reed', yearGroup: 5, senStatus: 'SEN_SUPPORT', keyTeacherId: theirTeacher.id, onRegisterSince: new Date('2026-09-01') } });
  const theirParent = await p.contact.create({ data: { schoolId: elsewhere.id, displayName: 'Kim Reed', mobile: '+447700900789', smsConsent: true } });
  await p.pupilContact.create({ data: { pupilId: theirPupil.id, contactId: theirParent.id, relationship: 'MOTHER' } });
  const theirConversation = await p.structuredConversation.create({ data: { pupilId: theirPupil.id, keyTeacherId: theirTeacher.id, kind: 'INITIAL', dueBy: new Date('2026-10-02'), status: 'TO_BOOK' } });
  const theirTarget = await target(theirPupil.id, theirConversation.id);
  const theirText = await parentText(elsewhere.id, theirPupil.id, theirParent.id);

  others = {
    conversation: [leoConversation.id, theirConversation.id],
    pupil: [school.other.id, theirPupil.id],
    target: [leoTarget.id, theirTarget.id],
    message: [leoText.id, theirText.id, outbound.id],
    staff: [theirTeacher.id],
  };
});
afterAll(() => stopTeamsSchool(svc, connector));

const jones = () => personal(connector, memberFor(school.jones, '29:jones'));

/** Presses a button with the data given; the answer must be a card, and never the card for a fault on our side. */
async function press(verb: unknown, data: unknown): Promise<string> {
  const res = await post(svc.baseUrl, { ...jones().cardAction('', {}), value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });
  const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
  expect([res.status, body.statusCode, body.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
  const card = JSON.stringify(body.value);
  expect(card).not.toContain(`"id":"${FAULT_ID}"`);
  return card;
}

/** Everything a card action could change. */
async function records() {
  const p = svc.ctx.prisma;
  return Promise.all([
    p.structuredConversation.findMany({ orderBy: { id: 'asc' } }),
    p.target.findMany({ orderBy: { id: 'asc' } }),
    p.message.findMany({ select: { id: true, handledAt: true, handledById: true, status: true }, orderBy: { id: 'asc' } }),
    p.progressEntry.count(),
    p.pupilView.count(),
    p.bookingOffer.count(),
    p.auditEvent.count(),
    p.job.count(),
  ]);
}

const refused = /Sorry|Only the pupil|no longer|could not be read|older version|missing what it refers to|another pupil|another conversation|Someone saved this record|Choose|Write|Offer at least|needs both/;

const completeRecord = {
  exploreStrengths: 'Reads to his brother',
  focusNotes: 'Reading aloud',
  t0_area: 'ENGLISH',
  t0_description: 'Read a short passage aloud each week',
  t0_reviewBy: '2026-10-23',
  heldOn: '2026-09-07',
  state: 'FINAL',
};

/**
 * For every verb: a card Jones could really press (for her own pupil Amir) and which of its fields
 * point at a record, so the property below can point them elsewhere. `required`: without it the
 * action cannot run, so any value at all that is not hers must be refused.
 */
type Ref = { key: string; kind: keyof typeof others; required: boolean; list?: 'array' | 'comma' };
const CARDS: Record<string, { data: () => Record<string, unknown>; refs: Ref[]; pointedAt?: (data: Record<string, unknown>) => Record<string, unknown> }> = {
  'record.open': { data: () => ({ conversationId: school.conversation.id }), refs: [{ key: 'conversationId', kind: 'conversation', required: true }] },
  'record.refresh': { data: () => ({ conversationId: school.conversation.id }), refs: [{ key: 'conversationId', kind: 'conversation', required: true }] },
  'record.addTarget': {
    data: () => ({ conversationId: school.conversation.id, version: 1, targetIds: [mine.targetId], t0_description: 'Read aloud' }),
    refs: [{ key: 'conversationId', kind: 'conversation', required: true }],
  },
  'prepare.open': { data: () => ({ pupilId: school.amir.id }), refs: [{ key: 'pupilId', kind: 'pupil', required: true }] },
  'record.save': {
    data: () => ({ ...completeRecord, conversationId: school.conversation.id, version: 1, targetIds: [mine.targetId] }),
    refs: [
      { key: 'conversationId', kind: 'conversation', required: true },
      { key: 'targetIds', kind: 'target', required: true, list: 'array' },
    ],
  },
  'views.open': { data: () => ({ pupilId: school.amir.id }), refs: [{ key: 'pupilId', kind: 'pupil', required: true }] },
  'views.save': {
    data: () => ({ pupilId: school.amir.id, conversationId: school.conversation.id, goodAt: 'Football', gatheredBy: 'WITH_KEY_TEACHER' }),
    refs: [
      { key: 'pupilId', kind: 'pupil', required: true },
      { key: 'conversationId', kind: 'conversation', required: false },
    ],
  },
  'progress.open': { data: () => ({ pupilId: school.amir.id }), refs: [{ key: 'pupilId', kind: 'pupil', required: true }] },
  'progress.save': {
    data: () => ({ pupilId: school.amir.id, targetIds: [mine.targetId], [`status_${mine.targetId}`]: 'WORKING_TOWARDS', tellParent: 'false' }),
    refs: [
      { key: 'pupilId', kind: 'pupil', required: true },
      { key: 'targetIds', kind: 'target', required: true, list: 'array' },
    ],
    // A listed target is acted on only with a status chosen for it: give every listed one a status.
    pointedAt: (data) => ({ ...data, ...Object.fromEntries([data.targetIds].flat().map((t) => [`status_${String(t)}`, 'ACHIEVED'])) }),
  },
  'reply.sms': { data: () => ({ messageId: mine.messageId, replyText: 'Thank you, I will call you.' }), refs: [{ key: 'messageId', kind: 'message', required: true }] },
  'reply.handled': { data: () => ({ messageId: mine.messageId, whatWeDid: 'Moved his seat' }), refs: [{ key: 'messageId', kind: 'message', required: true }] },
  'reply.open': { data: () => ({ messageId: mine.messageId }), refs: [{ key: 'messageId', kind: 'message', required: true }] },
  'booking.open': { data: () => ({ conversationId: school.conversation.id }), refs: [{ key: 'conversationId', kind: 'conversation', required: true }] },
  'booking.offerTimes': {
    data: () => ({ conversationId: school.conversation.id, slot1_date: '2026-09-14', slot1_time: '15:30', slot2_date: '2026-09-15', slot2_time: '15:30' }),
    refs: [{ key: 'conversationId', kind: 'conversation', required: true }],
  },
  'subjectTeachers.open': { data: () => ({ conversationId: school.conversation.id }), refs: [{ key: 'conversationId', kind: 'conversation', required: true }] },
  'subjectTeachers.tell': {
    data: () => ({ conversationId: school.conversation.id, staffIds: school.maths.id, confirmWithParents: 'false' }),
    refs: [
      { key: 'conversationId', kind: 'conversation', required: true },
      { key: 'staffIds', kind: 'staff', required: true, list: 'comma' },
    ],
  },
};

it('covers every verb a card button can carry (a new verb needs its tampering cases here)', () => {
  expect(Object.keys(CARDS).sort()).toEqual(svc.service.cardActionVerbs().sort());
});

/** A value that is not Jones's to use in that field: someone else's record, an id of nothing, or not an id at all. */
function notHers(ref: Ref): fc.Arbitrary<unknown> {
  const foreign = fc.oneof(fc.constantFrom(...others[ref.kind]), fc.uuid());
  const value = ref.required ? fc.oneof({ weight: 3, arbitrary: foreign }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }) : foreign;
  if (ref.list === 'array') return fc.oneof(value.map((v) => [v]), foreign.map((v) => [mine.targetId, v]));
  if (ref.list === 'comma') return foreign.map(String);
  return value;
}

describe('tampered card data is refused and changes nothing', () => {
  it.each(Object.keys(CARDS))('Given a "%s" card whose references were changed to records that are not hers (or to nonsense), Then she gets a card saying no and nothing changes', async (verb) => {
    const card = CARDS[verb]!;
    const before = await records();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...card.refs).chain((ref) => notHers(ref).map((value) => ({ ref, value }))),
        async ({ ref, value }) => {
          // A list that still names a record of hers alongside one that is not: the one that is not spoils the whole action.
          const data = { ...card.data(), [ref.key]: value };
          const text = await press(verb, card.pointedAt?.(data) ?? data);
          expect(text).toMatch(refused);
        },
      ),
      { numRuns: 10 },
    );
    expect(await records()).toEqual(before);
  });

  const unchanged = async (verb: unknown, data: unknown, expected: RegExp) => {
    const before = await records();
    expect(await press(verb, data)).toMatch(expected);
    expect(await records()).toEqual(before);
  };

  it.each([
    ['an unknown verb', 'record.delete', {}],
    ['a verb that is not text', 42, {}],
    ['no verb', undefined, {}],
    ['data that is not an object', 'record.open', 'conversationId'],
    ['data that is a list', 'record.open', [1, 2]],
    ['no data', 'record.open', null],
  ])('Given %s, Then she is told the card cannot be used and nothing changes', async (_label, verb, data) => {
    await unchanged(verb, data, /older version|missing what it refers to/);
  });

  it('Given the record card as it was before a colleague saved a draft, When she saves it, Then she is told someone saved since and nothing changes', async () => {
    await press('record.save', { conversationId: school.conversation.id, version: 1, state: 'DRAFT', targetIds: [], exploreStrengths: 'Loves football' });
    await unchanged('record.save', { ...completeRecord, conversationId: school.conversation.id, version: 1, targetIds: [] }, /Someone saved this record since you opened it/);
  });

  it.each([
    ['a version from the future', () => ({ ...completeRecord, conversationId: school.conversation.id, version: 99, targetIds: [] }), /Someone saved this record since you opened it/],
    ['version 0', () => ({ ...completeRecord, conversationId: school.conversation.id, version: 0, targetIds: [] }), /Some things are missing/],
    ['a version that is not a number', () => ({ ...completeRecord, conversationId: school.conversation.id, version: 'latest', targetIds: [] }), /Some things are missing/],
    ['a field that is an object', () => ({ ...completeRecord, conversationId: school.conversation.id, targetIds: [], exploreStrengths: { $ne: null } }), /could not be read/],
    ['a field of 100,000 characters', () => ({ ...completeRecord, conversationId: school.conversation.id, targetIds: [], focusNotes: 'x'.repeat(100_000) }), /Keep this under/],
    ['a state that does not exist', () => ({ ...completeRecord, conversationId: school.conversation.id, targetIds: [], state: 'DELETED' }), /Some things are missing/],
    ['a target of another pupil among hers', () => ({ ...completeRecord, conversationId: school.conversation.id, targetIds: [others.target[0]] }), /belongs to another conversation/],
  ])('Given the record card with %s, When she saves it, Then the form comes back with the problem and nothing changes', async (_label, data, expected) => {
    const { version } = await svc.ctx.prisma.structuredConversation.findUniqueOrThrow({ where: { id: school.conversation.id } });
    // The record's current version, unless the case is about the version.
    await unchanged('record.save', { version, ...data() }, expected);
  });

  it("Given the views card for Amir naming Leo's conversation, Then she is refused and no views are saved", async () => {
    await unchanged('views.save', { pupilId: school.amir.id, conversationId: others.conversation[0], goodAt: 'Football', gatheredBy: 'WITH_KEY_TEACHER' }, /That conversation is about another pupil/);
  });

  it("Given the same through the recording API (the dashboard's way), Then it is a 400 naming the problem, not a fault", async () => {
    const before = await records();
    const res = await svc.api(`/api/pupils/${school.amir.id}/views`, { method: 'POST', body: JSON.stringify({ conversationId: others.conversation[1], goodAt: 'Football', gatheredBy: 'WITH_KEY_TEACHER' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'another_pupil' });
    expect(await records()).toEqual(before);
  });

  it('Given the views card with answers of the wrong type or a made-up way of gathering them, Then the form asks again and nothing is saved', async () => {
    await unchanged('views.save', { pupilId: school.amir.id, goodAt: ['Football'], findHard: 7, gatheredBy: 'WITH_KEY_TEACHER' }, /Write down at least one thing/);
    await unchanged('views.save', { pupilId: school.amir.id, goodAt: 'Football', gatheredBy: 'BY_THE_HEAD' }, /Sorry|Please|Invalid|option/i);
  });

  it("Given the progress card for Amir listing a target of Leo's, Then she is refused and no target moves", async () => {
    const target = others.target[0]!;
    await unchanged('progress.save', { pupilId: school.amir.id, targetIds: [mine.targetId, target], [`status_${mine.targetId}`]: 'ACHIEVED', [`status_${target}`]: 'ACHIEVED' }, /That target belongs to another pupil/);
  });

  it('Given the progress card with a status that does not exist, Then the form asks for a status and nothing is recorded', async () => {
    await unchanged('progress.save', { pupilId: school.amir.id, targetIds: [mine.targetId], [`status_${mine.targetId}`]: 'DELETED' }, /Choose a status/);
  });

  it("Given a reply card pointing at one of the school's own outgoing texts, Then she is refused: only a parent's message can be answered", async () => {
    await unchanged('reply.handled', { messageId: mine.outboundId }, /no longer available/);
  });

  it('Given the booking card with times that are not times, Then the card asks again and nothing is offered', async () => {
    await unchanged('booking.offerTimes', { conversationId: school.conversation.id, slot1_date: '2026-13-45', slot1_time: '25:99', slot2_date: { a: 1 }, slot2_time: ['15:30'] }, /needs both|Offer at least|not a|invalid|Sorry/i);
  });
});
