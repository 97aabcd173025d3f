import { notifyStaff } from '../../messaging/staffNotifier';
import type { ManualClock } from '../../runtime/clock';
import type { BotConnector } from '../support/botConnector';
import type { RunningService } from '../support/testService';
import { memberFor, personal, post, startTeamsSchool, stopTeamsSchool, type SeededSchool } from './teamsActivities';
import { transaction } from '../../db/transaction';

let svc: RunningService;
let connector: BotConnector;
let school: SeededSchool;

beforeAll(async () => {
  ({ svc, connector, school } = await startTeamsSchool());
});
afterAll(() => stopTeamsSchool(svc, connector));
beforeEach(() => {
  connector.sent.length = 0;
});

const jonesTeams = () => personal(connector, memberFor(school.jones, '29:jones'));
const cardText = (card: Record<string, unknown>): string => JSON.stringify(card);

describe('installing the app', () => {
  it('Given a key teacher known by Entra id, When she installs the app, Then the bot greets her and remembers where to reach her', async () => {
    connector.members.set('29:jones', memberFor(school.jones, '29:jones'));
    const res = await post(svc.baseUrl, jonesTeams().install());
    expect(res.status).toBeLessThan(300);
    expect(connector.sent).toHaveLength(1);
    expect(cardText(connector.cards()[0]!)).toContain('Hello Hannah');
    const ref = await svc.ctx.prisma.teamsConversationReference.findUniqueOrThrow({ where: { staffId: school.jones.id } });
    expect(ref).toMatchObject({ conversationId: 'a:personal-29:jones', serviceUrl: connector.serviceUrl, uninstalledAt: null });
    expect((ref.reference as { conversation: { id: string } }).conversation.id).toBe('a:personal-29:jones');
    expect(await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id: school.jones.id } })).toMatchObject({ teamsUserId: '29:jones' });
  });

  it('Given a teacher with no Entra id on record, When he first writes, Then the member lookup matches him by email and links his Teams identity', async () => {
    const member = memberFor(school.khan, '29:khan');
    connector.members.set('29:khan', member);
    await post(svc.baseUrl, personal(connector, member).message('help'));
    expect(cardText(connector.cards()[0]!)).toContain('What I can do');
    const khan = await svc.ctx.prisma.staff.findUniqueOrThrow({ where: { id: school.khan.id } });
    expect(khan).toMatchObject({ teamsUserId: '29:khan', aadObjectId: member.aadObjectId });
    expect(await svc.ctx.prisma.teamsConversationReference.count({ where: { staffId: school.khan.id } })).toBe(1);
  });

  it('Given someone with no staff record, When they write, Then they get a polite refusal and the school admin is told', async () => {
    const stranger = { id: '29:stranger', name: 'Val Visitor', aadObjectId: '0b0b0b0b-0000-4000-8000-000000000000', email: 'val@elsewhere.org', tenantId: 'x' };
    connector.members.set(stranger.id, stranger);
    await post(svc.baseUrl, personal(connector, stranger).message('my pupils'));
    expect(connector.sent).toHaveLength(1);
    expect(connector.sent[0]!.activity.text).toMatch(/could not find you in your school's staff list/);
    const alert = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'staff.unknownTeamsUser' } });
    expect(alert).toMatchObject({ staffId: school.admin.id, channel: 'TEAMS', status: 'QUEUED' });
    expect(alert.body).toContain('Val Visitor');
    // Writing again the same day does not alert twice.
    await post(svc.baseUrl, personal(connector, stranger).message('hello?'));
    expect(await svc.ctx.prisma.message.count({ where: { template: 'staff.unknownTeamsUser' } })).toBe(1);
  });

  it('Given an installed teacher, When she removes the app and adds it again, Then sending stops and resumes, and what waited goes out', async () => {
    await post(svc.baseUrl, jonesTeams().uninstall());
    expect((await svc.ctx.prisma.teamsConversationReference.findUniqueOrThrow({ where: { staffId: school.jones.id } })).uninstalledAt).not.toBeNull();

    await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.jones.id, template: 'reminder.gatherViews', text: "Gather Amir's views before Wednesday", pupilId: school.amir.id }));
    await svc.service.jobs.runDue();
    const waiting = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'reminder.gatherViews' } });
    expect(waiting.status).toBe('QUEUED');
    expect(waiting.notBefore!.getTime()).toBeGreaterThan(svc.clock.now().getTime());
    expect(connector.sent).toHaveLength(0);

    await post(svc.baseUrl, jonesTeams().install());
    expect((await svc.ctx.prisma.teamsConversationReference.findUniqueOrThrow({ where: { staffId: school.jones.id } })).uninstalledAt).toBeNull();
    await svc.service.jobs.runDue();
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe('SENT');
    const views = connector.cards().find((c) => cardText(c).includes("Amir's views"));
    expect(views).toBeDefined();
    expect(await svc.ctx.prisma.auditEvent.count({ where: { entityId: school.jones.id, action: { in: ['teams.install', 'teams.uninstall', 'teams.reinstall'] } } })).toBe(3);
  });
});

describe('commands', () => {
  const cases: { says: string; expect: RegExp; card?: RegExp }[] = [
    { says: 'help', expect: /What I can do/, card: /prepare <pupil>/ },
    { says: 'my pupils', expect: /3 pupils/, card: /Amir Hussain.*Amira Begum.*Sara Nowak/ },
    { says: 'due', expect: /What needs you this week/, card: /Conversations to hold.*Amir Hussain/ },
    { says: 'prepare amir hussain', expect: /Prepare: Amir Hussain/, card: /94% this term/ },
    { says: 'prepare am', expect: /Which pupil\?/, card: /prepare Amir Hussain.*prepare Amira Begum/ },
    { says: 'record Amir', expect: /Initial conversation with Amir Hussain's parents/, card: /Save as draft/ },
    { says: 'targets sara', expect: /no targets yet/ },
    { says: 'prepare Leo', expect: /could not find "Leo" among your pupils/ },
    { says: 'what is the weather', expect: /did not understand/, card: /What I can do/ },
  ];
  it.each(cases)('When the key teacher types "$says", Then the bot answers with $expect', async (c) => {
    await post(svc.baseUrl, jonesTeams().message(c.says));
    expect(connector.sent).toHaveLength(1);
    const sent = connector.sent[0]!.activity;
    const all = `${sent.text ?? ''} ${sent.summary ?? ''} ${JSON.stringify(sent.attachments ?? [])}`;
    expect(all).toMatch(c.expect);
    if (c.card) expect(JSON.stringify(sent.attachments?.[0]?.content).replace(/\n/g, ' ')).toMatch(c.card);
  });
});

describe('proactive messages', () => {
  it('Given an installed teacher, When a notice is queued and the jobs run, Then the connector receives it from the stored reference', async () => {
    const { messageId } = await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.jones.id, template: 'reminder.prepare', text: 'Your conversation with Amir’s mother is on Wednesday', conversationId: school.conversation.id }));
    await svc.service.jobs.runDue();
    expect(connector.sent).toHaveLength(1);
    expect(connector.sent[0]!.conversationId).toBe('a:personal-29:jones');
    expect(cardText(connector.cards()[0]!)).toContain('Prepare: Amir Hussain');
    const m = await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(m.status).toBe('SENT');
    expect(m.providerId).toMatch(/^teams:a:personal-29:jones:activity-/);
  });

  it('Given Teams throttles the bot (429, Retry-After 30), When the jobs run, Then the send is retried after 30 seconds and then delivered once', async () => {
    const clock = svc.clock as ManualClock;
    connector.failNext({ status: 429, headers: { 'retry-after': '30' } });
    const { messageId } = await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, clock, { staffId: school.jones.id, template: 'booking.confirmed', text: 'Amir’s mother booked Wednesday 15:30' }));
    const first = await svc.service.jobs.runDue();
    expect(first.retried).toBe(1);
    expect(connector.sent).toHaveLength(0);
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: messageId } })).status).toBe('QUEUED');
    const job = await svc.ctx.prisma.job.findFirstOrThrow({ where: { subjectId: messageId } });
    expect(job.runAt.getTime() - clock.now().getTime()).toBe(30_000);
    clock.advance(30_000);
    await svc.service.jobs.runDue();
    expect(connector.sent).toHaveLength(1);
    expect(connector.sent[0]!.activity.text).toContain('booked Wednesday');
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: messageId } })).status).toBe('SENT');
  });

  it('Given the connector fails with 502, When the jobs run, Then the message waits for a retry instead of being lost', async () => {
    connector.failNext({ status: 502 });
    const { messageId } = await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.jones.id, template: 'booking.confirmed', text: 'Another booking' }));
    expect((await svc.service.jobs.runDue()).retried).toBe(1);
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: messageId } })).status).toBe('QUEUED');
    (svc.clock as ManualClock).advance(60_000);
    await svc.service.jobs.runDue();
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: messageId } })).status).toBe('SENT');
  });

  it('Given the teacher blocked the bot (403), When a notice is sent, Then it fails with a clear error, the app is marked removed and the admin is told', async () => {
    connector.failNext({ status: 403 });
    const { messageId } = await transaction(svc.ctx.prisma, (tx) => notifyStaff(tx, svc.clock, { staffId: school.khan.id, template: 'booking.confirmed', text: 'Leo’s father booked Thursday' }));
    const run = await svc.service.jobs.runDue();
    expect(run.failed).toBe(1);
    const m = await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(m).toMatchObject({ status: 'FAILED', errorCode: 'teams_403' });
    expect(m.errorMessage).toMatch(/removed or blocked by Imran Khan/);
    expect((await svc.ctx.prisma.teamsConversationReference.findUniqueOrThrow({ where: { staffId: school.khan.id } })).uninstalledAt).not.toBeNull();
    const alert = await svc.ctx.prisma.message.findFirstOrThrow({ where: { template: 'staff.teamsUnreachable' } });
    expect(alert).toMatchObject({ staffId: school.admin.id });
  });
});
