import { randomUUID } from 'node:crypto';
import { EVALUATION_JOB, EVALUATION_TEMPLATE, planAllEvaluations } from '../../evaluation/termlyReports';
import { ManualClock } from '../../runtime/clock';
import { startBotConnector, type BotConnector } from '../support/botConnector';
import { startTestService, type RunningService } from '../support/testService';
import { personal, post, TENANT } from '../bot/teamsActivities';
import { seedKnownTrust, type KnownTrust } from './knownTrust';

/**
 * The end of term on the running service: the known trust's schools all end Autumn 2026 on Friday
 * 18 December; at 16:00 each school's leads get their report in Teams, and the trust's and the
 * local authority's members theirs (suppressed), through the same outbox and Teams sender as staff.
 */
describe('the termly evaluation sent at the end of term', () => {
  let svc: RunningService;
  let connector: BotConnector;
  let clock: ManualClock;
  let known: KnownTrust;
  let lead: { id: string };
  let tess: { id: string; aadObjectId: string; displayName: string; email: string };
  let lou: { id: string };

  const reports = () =>
    svc.ctx.prisma.message.findMany({ where: { template: EVALUATION_TEMPLATE }, orderBy: { createdAt: 'asc' }, select: { id: true, staffId: true, organisationMemberId: true, schoolId: true, status: true, body: true, card: true } });
  const tessInTeams = () => personal(connector, { id: '29:tess', name: tess.displayName, aadObjectId: tess.aadObjectId, email: tess.email, tenantId: TENANT });

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
    svc = await startTestService({ clock });
    connector = await startBotConnector();
    known = await seedKnownTrust(svc.ctx.prisma);
    lead = await svc.ctx.prisma.staff.create({ data: { schoolId: known.oakfield, displayName: 'Hana Lead', email: 'hana.lead@oakfield.example', roles: ['SCHOOL_LEAD'] } });
    tess = (await svc.ctx.prisma.organisationMember.create({ data: { organisationId: known.oakTrust, displayName: 'Tess Trust', email: 'tess@oaktrust.example', aadObjectId: randomUUID() } })) as typeof tess;
    lou = await svc.ctx.prisma.organisationMember.create({ data: { organisationId: known.northshire, displayName: 'Lou Officer', email: 'lou@northshire.example' } });
    await planAllEvaluations(svc.ctx.prisma, clock);
  });
  afterAll(async () => {
    await svc.close();
    await connector.close();
  });

  it("Given a trust lead who installs the app, Then the bot remembers where to reach her and tells her what it brings (no school's commands)", async () => {
    await post(svc.baseUrl, tessInTeams().install());
    expect(connector.sent.at(-1)?.activity.text).toMatch(/^Hello Tess\. I will bring you each term's evaluation of your schools here/);
    const ref = await svc.ctx.prisma.teamsConversationReference.findUniqueOrThrow({ where: { organisationMemberId: tess.id } });
    expect(ref).toMatchObject({ staffId: null, conversationId: 'a:personal-29:tess', uninstalledAt: null });
    await post(svc.baseUrl, tessInTeams().message('my pupils'));
    expect(connector.sent.at(-1)?.activity.text).toMatch(/figures, side by side, are in the dashboard/);
    // A card button is a school's: she is refused like anyone who is not the school's staff.
    expect((await post(svc.baseUrl, tessInTeams().cardAction('record.refresh', { conversationId: randomUUID() }))).status).toBe(403);
  });

  it('Given Autumn ends on 18 December, Then each school has its evaluation planned for 16:00 that day', async () => {
    const jobs = await svc.ctx.prisma.job.findMany({ where: { kind: EVALUATION_JOB, status: 'PENDING' }, select: { schoolId: true, runAt: true, dedupeKey: true } });
    expect(jobs).toHaveLength(3);
    expect(new Set(jobs.map((j) => j.runAt.toISOString()))).toEqual(new Set(['2026-12-18T16:00:00.000Z']));
    expect(jobs.find((j) => j.schoolId === known.oakfield)?.dedupeKey).toBe(`${EVALUATION_JOB}:${known.oakfield}:2026-12-18`);
  });

  it('When 16:00 on the last day comes, Then the school lead gets the school’s own report, and each organisation’s members theirs, once', async () => {
    clock.set(new Date('2026-12-18T15:59:00Z'));
    await svc.service.jobs.runDue();
    expect(await reports()).toEqual([]);
    clock.set(new Date('2026-12-18T16:00:00Z'));
    await svc.service.jobs.runDue();
    const sent = await reports();
    expect(sent.filter((m) => m.staffId).map((m) => m.staffId)).toEqual([lead.id]);
    expect(sent.filter((m) => m.organisationMemberId).map((m) => m.organisationMemberId).sort()).toEqual([tess.id, lou.id].sort());
    // Three schools ran the job; the trust's report went out once (its last school to finish sent it).
    expect(sent).toHaveLength(3);
    const forTess = sent.find((m) => m.organisationMemberId === tess.id)!;
    expect(forTess.schoolId).toBeNull();
    expect(forTess.body).toBe(`Termly evaluation: Oak Trust, Autumn 2026 is ready. Open it in the dashboard: ${svc.ctx.config.publicBaseUrl}/dashboard/#/evaluation?on=2026-12-18`);
    const card = JSON.stringify(forTess.card);
    expect(card).toContain('fewer than 5');
    expect(card).not.toMatch(/P\d+|Tara One|Known/);
    const forLead = JSON.stringify(sent.find((m) => m.staffId === lead.id)!.card);
    expect(forLead).toContain('Termly evaluation: Oakfield Primary, Autumn 2026 is ready');
    expect(forLead).not.toContain('fewer than 5');
  });

  it('Then the trust lead’s card reaches her in Teams; the local authority officer’s waits until he installs the app', async () => {
    await svc.service.jobs.runDue();
    const status = Object.fromEntries((await reports()).map((m) => [m.organisationMemberId ?? m.staffId, m.status]));
    expect(status[tess.id]).toBe('SENT');
    expect(status[lou.id]).toBe('QUEUED');
    const delivered = connector.cards().map((c) => JSON.stringify(c));
    expect(delivered.some((c) => c.includes('Termly evaluation: Oak Trust, Autumn 2026 is ready') && c.includes('Open the report'))).toBe(true);
  });

  it('When the jobs run again, Then nothing is sent twice, and the next end of term (Spring, 26 March) is planned', async () => {
    await svc.ctx.prisma.job.updateMany({ where: { kind: EVALUATION_JOB, dedupeKey: { endsWith: '2026-12-18' } }, data: { status: 'PENDING' } });
    await svc.service.jobs.runDue();
    expect(await reports()).toHaveLength(3);
    const next = await svc.ctx.prisma.job.findMany({ where: { kind: EVALUATION_JOB, status: 'PENDING' }, select: { runAt: true } });
    expect(next.map((j) => j.runAt.toISOString())).toEqual(Array(3).fill('2027-03-26T16:00:00.000Z'));
  });
});
