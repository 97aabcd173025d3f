import { ManualClock } from '../../runtime/clock';
import { REDACTED_BODY } from '../../retention/messageRetention';
import { startTestService, type RunningService } from '../support/testService';

const DAY = 24 * 3600_000;

describe('message retention (UK GDPR: message logs are kept shorter than the SEN record)', () => {
  let svc: RunningService;
  let clock: ManualClock;
  let schoolId: string;

  beforeEach(async () => {
    clock = new ManualClock(new Date('2026-11-25T12:00:00Z'));
    svc = await startTestService({ clock, env: { MESSAGE_RETENTION_DAYS: '400' } });
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oak Primary' } })).id;
  });
  afterEach(async () => {
    await svc.close();
  });

  const message = (body: string, ageDays: number) =>
    svc.ctx.prisma.message.create({
      data: {
        schoolId,
        channel: 'SMS',
        direction: 'INBOUND',
        status: 'RECEIVED',
        body,
        fromAddress: '+447700900123',
        providerId: `SM${body}`,
        createdAt: new Date(clock.now().getTime() - ageDays * DAY),
      },
    });

  it('removes the text and numbers of old messages but keeps that they happened', async () => {
    const old = await message('old', 401);
    const recent = await message('recent', 30);
    await svc.ctx.prisma.messageStatusEvent.create({ data: { messageId: old.id, providerId: 'SMold', status: 'delivered', receivedAt: new Date(clock.now().getTime() - 401 * DAY) } });

    // The first nightly run is planned at start-up for 02:30 UTC.
    clock.set(new Date('2026-11-26T02:30:00Z'));
    await svc.service.jobs.runDue();

    const oldNow = await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: old.id } });
    expect(oldNow).toMatchObject({ body: REDACTED_BODY, fromAddress: null, channel: 'SMS', status: 'RECEIVED' });
    expect((await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id: recent.id } })).body).toBe('recent');
    expect(await svc.ctx.prisma.messageStatusEvent.count()).toBe(0);
    expect(await svc.ctx.prisma.auditEvent.findFirst({ where: { action: 'retention.messages' } })).toMatchObject({ actorKind: 'SYSTEM', after: { messagesRedacted: 1, receiptsDeleted: 1 } });
  });

  it("clears the rejected rows of old register imports (their reasons quote UPNs, names and numbers) but keeps the import's counts", async () => {
    const report = (ageDays: number) =>
      svc.ctx.prisma.rosterImport.create({
        data: { schoolId, kind: 'PUPILS', imported: 3, rejected: 1, rejections: [{ row: 4, column: 'Contact 1 Mobile', reason: 'not a mobile number: 01632 960123' }], actorLabel: 'SENCO', startedAt: new Date(clock.now().getTime() - ageDays * DAY) },
      });
    const old = await report(401);
    const recent = await report(30);

    clock.set(new Date('2026-11-26T02:30:00Z'));
    await svc.service.jobs.runDue();

    expect(await svc.ctx.prisma.rosterImport.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ imported: 3, rejected: 1, rejections: [] });
    expect((await svc.ctx.prisma.rosterImport.findUniqueOrThrow({ where: { id: recent.id } })).rejections).toHaveLength(1);
    expect(await svc.ctx.prisma.auditEvent.findFirst({ where: { action: 'retention.messages' } })).toMatchObject({ after: { importReportsCleared: 1 } });
  });

  it('runs again the next night, once, however many instances plan it', async () => {
    clock.set(new Date('2026-11-26T02:30:00Z'));
    await svc.service.jobs.runDue();
    const planned = await svc.ctx.prisma.job.findMany({ where: { kind: 'retention.messages' }, orderBy: { runAt: 'asc' } });
    expect(planned.map((j) => [j.runAt.toISOString(), j.status])).toEqual([
      ['2026-11-26T02:30:00.000Z', 'DONE'],
      ['2026-11-27T02:30:00.000Z', 'PENDING'],
    ]);
    // A second instance starting now plans the same next run, not another.
    for (const c of svc.service.capabilities) if (c.name === 'retention') await c.start?.({ port: 0 });
    expect(await svc.ctx.prisma.job.count({ where: { kind: 'retention.messages', status: 'PENDING' } })).toBe(1);
  });
});
