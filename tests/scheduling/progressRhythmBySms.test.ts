import { planSchool } from '../../scheduling/planner';
import { RHYTHM_JOB } from '../../scheduling/rhythmJobs';
import { seedFamily, startSmsService, text, type SmsService } from '../sms/smsSupport';

/** The parent's own rhythm, set by text, moves the next progress update at once (no staff, no wait for the next planning tick). */
describe('a parent sets their rhythm of progress updates by SMS', () => {
  let svc: SmsService;
  beforeAll(async () => {
    svc = await startSmsService({}, '2026-09-07T09:00:00Z');
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given a conversation held on Mon 7 Sep and the school rhythm of 3 weeks, when the parent texts UPDATES 1 the next update moves to Mon 14 Sep (the 3-week one is gone), and UPDATES DEFAULT moves it back', async () => {
    const db = svc.ctx.prisma;
    const f = await seedFamily(db);
    await db.schoolTerm.create({ data: { schoolId: f.schoolId, name: 'Autumn 2026', startsOn: new Date('2026-09-03'), endsOn: new Date('2026-12-18') } });
    const held = new Date('2026-09-07T08:00:00Z');
    await db.structuredConversation.create({
      data: { pupilId: f.pupils[0]!.id, keyTeacherId: f.keyTeacherId, kind: 'INITIAL', status: 'HELD', dueBy: new Date('2026-10-01'), scheduledAt: held, heldAt: held },
    });
    const nextUpdate = async () =>
      (await db.job.findMany({ where: { subjectId: f.pupils[0]!.id, kind: RHYTHM_JOB.progress, status: 'PENDING' }, orderBy: { runAt: 'asc' } })).map((j) => j.runAt.toISOString());

    await planSchool(db, svc.clock, f.schoolId);
    const schoolRhythm = await nextUpdate();
    expect(schoolRhythm).toEqual(['2026-09-28T15:00:00.000Z']); // Mon 28 Sep 16:00 BST, 3 school weeks on

    await text(svc, f.contacts[0]!.mobile, 'UPDATES 1');
    expect(await nextUpdate()).toEqual(['2026-09-14T15:00:00.000Z']);

    await text(svc, f.contacts[0]!.mobile, 'updates default');
    expect(await nextUpdate()).toEqual(schoolRhythm);
  });
});
