import fc from 'fast-check';
import type { BotConnector } from '../support/botConnector';
import { startTestService, type RunningService } from '../support/testService';
import { memberFor, personal, post, startTeamsSchool, stopTeamsSchool, type SeededSchool } from './teamsActivities';

/**
 * Bad input at /api/messages: what is not a Bot Framework activity gets a clear 4xx before the bot
 * runs, whether or not authentication is on, and leaves nothing behind: no stored Teams address, no
 * message, no audit entry, nothing sent to the connector.
 */
let svc: RunningService;
let connector: BotConnector;
let school: SeededSchool;

beforeAll(async () => {
  ({ svc, connector, school } = await startTeamsSchool());
  connector.members.set('29:jones', memberFor(school.jones, '29:jones'));
});
afterAll(() => stopTeamsSchool(svc, connector));

const jones = () => personal(connector, memberFor(school.jones, '29:jones'));

async function traces(s: RunningService) {
  const p = s.ctx.prisma;
  const [addresses, messages, audit] = await Promise.all([p.teamsConversationReference.count(), p.message.count(), p.auditEvent.count()]);
  return { addresses, messages, audit, sent: connector.sent.length };
}

const raw = (s: RunningService, body: BodyInit, contentType?: string) => fetch(`${s.baseUrl}/api/messages`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });

/** Activities Teams never sends, each missing or spoiling something the bot relies on. */
const MALFORMED: [string, (m: Record<string, unknown>) => unknown][] = [
  ['no type', ({ type: _t, ...m }) => m],
  ['an empty type', (m) => ({ ...m, type: '' })],
  ['no sender', ({ from: _f, ...m }) => m],
  ['a sender without an id', (m) => ({ ...m, from: { name: 'Hannah Jones' } })],
  ['no conversation', ({ conversation: _c, ...m }) => m],
  ['no recipient', ({ recipient: _r, ...m }) => m],
  ['no service URL', ({ serviceUrl: _s, ...m }) => m],
  ['a service URL that is not a web address', (m) => ({ ...m, serviceUrl: 'javascript:alert(1)' })],
  ['no channel', ({ channelId: _c, ...m }) => m],
  ['a text that is a number', (m) => ({ ...m, text: 42 })],
  ['a text that is an object', (m) => ({ ...m, text: { $gt: '' } })],
  ['a list of activities', (m) => [m]],
];

describe('the bot refuses what is not an activity (local mode, no authentication)', () => {
  it.each(MALFORMED)('Given a message activity with %s, Then it gets 400 and nothing is stored or sent', async (_label, spoil) => {
    const before = await traces(svc);
    const res = await post(svc.baseUrl, spoil(jones().message('help') as Record<string, unknown>));
    expect(res.status).toBe(400);
    expect(await traces(svc)).toEqual(before);
  });

  it.each([
    ['JSON that is cut short', 400, '{"type":"message","text":', 'application/json'],
    ['JSON null', 400, 'null', 'application/json'],
    ['a JSON string', 400, '"help"', 'application/json'],
    ['an activity sent as plain text', 415, () => JSON.stringify(jones().message('help')), 'text/plain'],
    ['an activity sent as a form', 415, () => new URLSearchParams({ type: 'message', text: 'help' }).toString(), 'application/x-www-form-urlencoded'],
    ['an activity with no content type', 415, () => new Blob([JSON.stringify(jones().message('help'))]), undefined],
    ['an activity over 1 MB', 413, () => JSON.stringify(jones().message('x'.repeat(1_100_000))), 'application/json'],
  ] as const)('Given %s, Then it gets %d and nothing is stored or sent', async (_label, status, body, contentType) => {
    const before = await traces(svc);
    const res = await raw(svc, typeof body === 'function' ? body() : body, contentType);
    expect(res.status).toBe(status);
    expect(await traces(svc)).toEqual(before);
  });

  it('Given any required field of any activity replaced by a value of another type, Then it gets 400, never a fault, and nothing is stored', async () => {
    const before = await traces(svc);
    const kinds = [() => jones().message('help'), () => jones().install(), () => jones().cardAction('record.open', { conversationId: school.conversation.id })];
    const notText = fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'string');
    const notObject = fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));
    const spoilt = fc.oneof(
      fc.record({ path: fc.constantFrom('type', 'channelId', 'serviceUrl', 'from.id', 'recipient.id', 'conversation.id'), value: notText }),
      fc.record({ path: fc.constantFrom('from', 'recipient', 'conversation'), value: notObject }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(kinds.length - 1), spoilt, async (kind, { path, value }) => {
        const activity = structuredClone(kinds[kind]!()) as Record<string, unknown>;
        const [field, inner] = path.split('.') as [string, string | undefined];
        if (inner) (activity[field] as Record<string, unknown>)[inner] = value;
        else activity[field] = value;
        const res = await post(svc.baseUrl, activity);
        expect(res.status).toBe(400);
      }),
      { numRuns: 60 },
    );
    expect(await traces(svc)).toEqual(before);
  });

  it('Given a well-formed message after all that, Then the bot answers as usual', async () => {
    const res = await post(svc.baseUrl, jones().message('help'));
    expect(res.status).toBe(200);
    expect(connector.sent.at(-1)?.conversationId).toBe(jones().conversationId);
  });
});

describe('with authentication switched on, malformed requests get the same 4xx (the SDK checks the shape before the token)', () => {
  let authed: RunningService;
  beforeAll(async () => {
    authed = await startTestService({ env: { MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '72f988bf-0000-4000-8000-000000000001' } });
  });
  afterAll(() => authed.close());

  it.each(MALFORMED)('Given an unauthenticated activity with %s, Then it gets 400 and nothing is stored or sent', async (_label, spoil) => {
    const before = await traces(authed);
    expect((await post(authed.baseUrl, spoil(jones().message('help') as Record<string, unknown>))).status).toBe(400);
    expect(await traces(authed)).toEqual(before);
  });

  it('Given a body that is not JSON, the wrong content type or too large, Then 400, 415 or 413; a well-formed one without a token still gets 401', async () => {
    const before = await traces(authed);
    expect((await raw(authed, '{"type":', 'application/json')).status).toBe(400);
    expect((await raw(authed, JSON.stringify(jones().message('help')), 'text/plain')).status).toBe(415);
    expect((await raw(authed, JSON.stringify(jones().message('x'.repeat(1_100_000))), 'application/json')).status).toBe(413);
    expect((await post(authed.baseUrl, jones().message('help'))).status).toBe(401);
    expect(await traces(authed)).toEqual(before);
  });
});
