import { ManualClock } from '../../runtime/clock';
import { digestOnDemand, DIGEST_JOB, planAllDigests } from '../../digest/weeklyDigest';
import { startTestService, type RunningService } from '../support/testService';
import { seedKnownSchools, type KnownSchools } from './knownSchools';

/** The weekly digest job on the running service: Oakfield's digest is Monday 08:00 London time. */
describe('the weekly digest to school leads', () => {
  let svc: RunningService;
  let clock: ManualClock;
  let known: KnownSchools;

  const digests = () =>
    svc.ctx.prisma.message.findMany({
      where: { template: 'digest.weekly', idempotencyKey: { not: null } },
      orderBy: [{ notBefore: 'asc' }, { staffId: 'asc' }],
      select: { staffId: true, schoolId: true, notBefore: true, card: true, body: true, channel: true },
    });
  const nextDigestJob = (schoolId: string) =>
    svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: DIGEST_JOB, schoolId, status: 'PENDING' }, select: { runAt: true, dedupeKey: true } });

  beforeAll(async () => {
    // Wednesday 14 October 2026, midday in London (BST).
    clock = new ManualClock(new Date('2026-10-14T11:00:00Z'));
    svc = await startTestService({ clock });
    known = await seedKnownSchools(svc.ctx.prisma);
    await planAllDigests(svc.ctx.prisma, clock);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given Oakfield sends its digest on Mondays at 08:00, Then the next one is planned for Monday 19 October 08:00 BST', async () => {
    expect(await nextDigestJob(known.oakfield)).toEqual({ runAt: new Date('2026-10-19T07:00:00Z'), dedupeKey: `${DIGEST_JOB}:${known.oakfield}:2026-10-19` });
  });

  it('When the clock reaches 07:59 London time, Then nothing is sent yet', async () => {
    clock.set(new Date('2026-10-19T06:59:00Z'));
    await svc.service.jobs.runDue();
    expect(await digests()).toEqual([]);
  });

  it("When it reaches 08:00, Then each lead and SENCO of a school gets one card with their school's figures and a dashboard link", async () => {
    clock.set(new Date('2026-10-19T07:00:00Z'));
    await svc.service.jobs.runDue();
    const sent = await digests();
    const oak = sent.filter((m) => m.schoolId === known.oakfield);
    expect(oak.map((m) => m.staffId).sort()).toEqual([known.staff.lead, known.staff.senco].sort());
    expect(sent.filter((m) => m.schoolId === known.birchwood).map((m) => m.staffId)).toEqual([known.staff.birchLead]);
    const card = oak[0]!.card as { version: string; actions: { url: string }[]; body: unknown[] };
    expect(oak[0]!.channel).toBe('TEAMS');
    expect(card.version).toBe('1.5');
    expect(card.actions[0]!.url).toBe(`${svc.ctx.config.publicBaseUrl}/dashboard/`);
    expect(oak[0]!.body).toContain('Weekly digest for Oakfield Academy: week of 19 October 2026');
    // Birchwood's card never mentions Oakfield's staff.
    expect(JSON.stringify(sent.find((m) => m.schoolId === known.birchwood)!.card)).not.toContain('Kate Morgan');
  });

  it('Then the next digest is planned for Monday 26 October at 08:00 GMT, after the clocks go back', async () => {
    expect((await nextDigestJob(known.oakfield)).runAt).toEqual(new Date('2026-10-26T08:00:00Z'));
  });

  it('When the job runs again or digests are planned again, Then nothing is sent twice', async () => {
    await svc.ctx.prisma.job.updateMany({ where: { kind: DIGEST_JOB, dedupeKey: { endsWith: '2026-10-19' } }, data: { status: 'PENDING' } });
    await svc.service.jobs.runDue();
    await planAllDigests(svc.ctx.prisma, clock);
    await svc.service.jobs.runDue();
    expect(await digests()).toHaveLength(3);
    expect(await svc.ctx.prisma.job.count({ where: { kind: DIGEST_JOB, schoolId: known.oakfield, status: 'PENDING' } })).toBe(1);
  });

  it('When the clock reaches 08:00 GMT on 26 October (not 07:00), Then the second week goes out', async () => {
    clock.set(new Date('2026-10-26T07:00:00Z'));
    await svc.service.jobs.runDue();
    expect(await digests()).toHaveLength(3);
    clock.set(new Date('2026-10-26T08:00:00Z'));
    await svc.service.jobs.runDue();
    const sent = await digests();
    expect(sent).toHaveLength(6);
    expect(sent.filter((m) => m.body.includes('week of 26 October 2026'))).toHaveLength(3);
    const ran = await svc.ctx.prisma.job.findUniqueOrThrow({ where: { dedupeKey: `${DIGEST_JOB}:${known.oakfield}:2026-10-26` } });
    expect(ran).toMatchObject({ status: 'DONE', runAt: new Date('2026-10-26T08:00:00Z'), completedAt: new Date('2026-10-26T08:00:00Z') });
  });

  it('Given the bot command `digest`, Then a lead gets the card now and a key teacher is refused', async () => {
    const forLead = await digestOnDemand(svc.ctx.prisma, clock, 'https://school.example', known.staff.lead);
    expect(forLead.card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the dashboard', url: 'https://school.example/dashboard/' }]);
    await expect(digestOnDemand(svc.ctx.prisma, clock, 'https://school.example', known.staff.kate)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it("Given Oakfield's register sync from the MIS last succeeded four days before its digest, When the digest goes out, Then its admin gets it too, with the sync's counts and what to do", async () => {
    await svc.ctx.prisma.misConnection.create({
      data: { schoolId: known.oakfield, wondeSchoolId: 'A1930499544', tokenCiphertext: 'sealed', connectedAt: new Date('2026-10-01T01:00:00Z'), lastGoodSyncStartedAt: new Date('2026-10-29T01:00:00Z') },
    });
    clock.set(new Date('2026-11-02T08:00:00Z'));
    await svc.service.jobs.runDue();
    const week = (await digests()).filter((m) => m.schoolId === known.oakfield && m.body.includes('week of 2 November 2026'));
    expect(week.map((m) => m.staffId).sort()).toEqual([known.staff.lead, known.staff.senco, known.staff.admin].sort());
    expect(week[0]!.body).toContain('Register sync from the MIS: last good sync 4 days ago, 0 failed since.');
    expect(JSON.stringify(week[0]!.card)).toContain(`No sync from the MIS has finished for 4 days. An admin checks how the link stands at ${svc.ctx.config.publicBaseUrl}/api/schools/${known.oakfield}/mis`);
    // Birchwood imports its register from files: nothing about an MIS, and no admin copy.
    expect(JSON.stringify((await digests()).filter((m) => m.schoolId === known.birchwood).at(-1)!.card)).not.toContain('Register sync');
  });
});
