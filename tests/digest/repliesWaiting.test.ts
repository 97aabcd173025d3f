import { computeDigest } from '../../digest/figures';
import { loadDigestInput } from '../../digest/digestQueries';
import { planSchool } from '../../scheduling/planner';
import { RHYTHM_JOB } from '../../scheduling/rhythmJobs';
import { staffBearer } from '../support/staffTokens';
import { seedFamily, startSmsService, text, type Family, type SmsService } from '../sms/smsSupport';

/**
 * "Replies waiting" means one thing everywhere (messaging/parentVoice.ts): a parent's own words,
 * filed under the child they are about, not yet answered. Keywords and answers to our own
 * questions are not replies waiting, and a parent of two children is not counted twice.
 */
describe('Given Nadia, mother of Zara (Grace Lee is her key teacher) and Sam (Owen Price), texts HELP, books Sam\'s meeting with "1", writes "Zara loved the trip" and then texts STOP', () => {
  let svc: SmsService;
  let f: Family;
  let zara: string;
  let sam: string;
  let grace: { id: string; email: string };
  let owen: { id: string; email: string };

  beforeAll(async () => {
    svc = await startSmsService();
    f = await seedFamily(svc.ctx.prisma, {
      children: [
        { firstName: 'Zara', lastName: 'Hussain' },
        { firstName: 'Sam', lastName: 'Hussain' },
      ],
      parents: [{ name: 'Nadia Hussain' }],
    });
    zara = f.pupils.find((p) => p.firstName === 'Zara')!.id;
    sam = f.pupils.find((p) => p.firstName === 'Sam')!.id;
    owen = await svc.ctx.prisma.staff.update({ where: { id: f.keyTeacherId }, data: { displayName: 'Owen Price' } });
    grace = await svc.ctx.prisma.staff.create({ data: { schoolId: f.schoolId, displayName: 'Grace Lee', email: 'grace.lee@school.example', roles: ['KEY_TEACHER'] } });
    await svc.ctx.prisma.pupil.update({ where: { id: zara }, data: { keyTeacherId: grace.id } });

    const conversation = await (await svc.api('/api/conversations', { method: 'POST', body: JSON.stringify({ pupilId: sam }) })).json();
    const offered = await svc.api(`/api/conversations/${conversation.id}/offers`, { method: 'POST', body: JSON.stringify({ slots: ['2026-09-15T15:30', '2026-09-16T15:30'] }) });
    expect(offered.status).toBe(201);
    const from = f.contacts[0]!.mobile;
    for (const body of ['HELP', '1', 'Zara loved the trip', 'STOP']) expect((await text(svc, from, body)).status).toBe(200);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Then the digest counts exactly one reply waiting, on Zara, and so in Grace Lee\'s figures, not Owen Price\'s', async () => {
    const at = svc.clock.now();
    const school = computeDigest(await loadDigestInput(svc.ctx.prisma, f.schoolId, at), at);
    expect(school.parents.repliesWaiting).toEqual({ count: 1, oldestMinutes: 0, medianMinutes: 0 });
    const graceOnly = computeDigest(await loadDigestInput(svc.ctx.prisma, f.schoolId, at, { keyTeacherId: grace.id }), at);
    const owenOnly = computeDigest(await loadDigestInput(svc.ctx.prisma, f.schoolId, at, { keyTeacherId: owen.id }), at);
    expect([graceOnly.parents.repliesWaiting.count, owenOnly.parents.repliesWaiting.count]).toEqual([1, 0]);
  });

  it("Then the dashboard's key-teacher table puts it with Grace Lee", async () => {
    const { keyTeachers } = await (await svc.api(`/api/dashboard/key-teachers?schoolId=${f.schoolId}`)).json();
    expect(keyTeachers.map((k: { name: string; repliesWaiting: number }) => [k.name, k.repliesWaiting])).toEqual([
      ['Grace Lee', 1],
      ['Owen Price', 0],
    ]);
  });

  it('Then the replies awaiting an answer are that one text, for Grace and not for Owen', async () => {
    const unhandled = async (who: { email: string }) =>
      (await (await svc.api('/api/parent-replies?unhandled=true', { headers: { authorization: await staffBearer(svc, who) } })).json()).replies as { body: string; pupilId: string }[];
    expect((await unhandled(grace)).map((r) => [r.body, r.pupilId])).toEqual([['Zara loved the trip', zara]]);
    expect(await unhandled(owen)).toEqual([]);
  });

  it("Then the booking answer shows as answered on Sam's timeline, and the reply as waiting on Zara's", async () => {
    const waiting = async (pupilId: string) =>
      ((await (await svc.api(`/api/dashboard/pupils/${pupilId}`)).json()).timeline as { kind: string; direction?: string; body?: string; awaitingAnswer?: boolean }[])
        .filter((e) => e.kind === 'message' && e.direction === 'INBOUND')
        .map((e) => [e.body, e.awaitingAnswer]);
    expect(await waiting(sam)).toEqual(expect.arrayContaining([['1', false]]));
    expect((await waiting(sam)).filter(([, w]) => w)).toEqual([]);
    expect((await waiting(zara)).filter(([, w]) => w)).toEqual([['Zara loved the trip', true]]);
  });

  it('Then only that text is planned to be escalated if it goes unanswered', async () => {
    await planSchool(svc.ctx.prisma, svc.clock, f.schoolId);
    const reply = await svc.ctx.prisma.message.findFirstOrThrow({ where: { body: 'Zara loved the trip' } });
    const jobs = await svc.ctx.prisma.job.findMany({ where: { schoolId: f.schoolId, kind: RHYTHM_JOB.unansweredReply } });
    expect(jobs.map((j) => j.dedupeKey)).toEqual([`${RHYTHM_JOB.unansweredReply}:${reply.id}`]);
  });
});
