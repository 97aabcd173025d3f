import { ManualClock } from '../../runtime/clock';
import type { WondeSchool } from '../../standins/wondeSchool';
import { connect, misOf, runDue, schoolWithAdmin, startMisWorld, type MisWorld } from './misSupport';

/**
 * A school that imported its register as CSV switches to the nightly sync: the same pupils,
 * contacts and staff are matched (UPN, mobile, email), never added twice. The service here hands a
 * sync over after every step (a budget of 0 ms), so this is also the whole sync carried on across
 * many runs of its job from the cursor.
 */
describe('a school moving from CSV imports to the MIS sync', () => {
  const clock = new ManualClock(new Date('2026-09-07T09:00:00Z'));
  const WONDE = { id: 'A910000001', token: 'standin-token-csv-0123456789abcdef', size: { pupils: 600, staff: 40 } };
  let w: MisWorld;
  let school: WondeSchool;
  let schoolId: string;
  const count = async () => ({
    pupils: await w.svc.ctx.prisma.pupil.count({ where: { schoolId } }),
    contacts: await w.svc.ctx.prisma.contact.count({ where: { schoolId } }),
    staff: await w.svc.ctx.prisma.staff.count({ where: { schoolId } }),
    links: await w.svc.ctx.prisma.pupilContact.count({ where: { pupil: { schoolId } } }),
  });
  const post = async (path: string, csv: string) => {
    const res = await w.svc.api(`/api/roster/${path}?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    return (await res.json()) as { imported: number; rejected: number };
  };

  beforeAll(async () => {
    w = await startMisWorld(clock, [WONDE], { budgetMs: 0 });
    school = w.wonde.school(WONDE.id);
    ({ schoolId } = await schoolWithAdmin(w.svc, 'CSV Academy'));
  });
  afterAll(() => w.close());

  it('Given the register and staff list were imported as CSV exports of the MIS, When the school connects Wonde and the first sync runs, Then nothing is added twice', async () => {
    const sen = school.senStudents();
    const tutors = [...new Map(sen.map((s) => [school.tutorOf(s)!.id, school.tutorOf(s)!])).values()];
    const staffCsv = ['Name,Email,Role', ...tutors.map((t) => `${t.forename} ${t.surname},${t.email},Key Teacher`)].join('\n');
    expect(await post('staff', staffCsv)).toMatchObject({ imported: tutors.length, rejected: 0 });
    const line = (s: (typeof sen)[number]) => {
      const [mother, second] = s.contacts.map((l) => ({ link: l, c: school.contacts.get(l.contactId)! }));
      const contact = (x: typeof mother) => (x?.c.mobile ? [`${x.c.forename} ${x.c.surname}`, x.c.mobile, x.link.relationship, x.link.parentalResponsibility ? 'Y' : 'N'] : ['', '', '', '']);
      return [s.upn, s.forename, s.surname, `Year ${s.year}`, s.senStatus, s.needs[0] ?? '', s.needs[1] ?? '', s.inCare ? 'Y' : 'N', school.tutorOf(s)!.email, ...contact(mother), ...contact(second)].join(',');
    };
    const header = 'UPN,Forename,Surname,NC Year,SEN Status,Primary Need,Secondary Need,Looked After,Key Teacher Email,Contact 1 Name,Contact 1 Mobile,Contact 1 Relationship,Contact 1 PR,Contact 2 Name,Contact 2 Mobile,Contact 2 Relationship,Contact 2 PR';
    expect(await post('pupils', [header, ...sen.map(line)].join('\n'))).toMatchObject({ imported: 100, rejected: 0 });
    const before = await count();
    expect(before).toMatchObject({ pupils: 100, staff: tutors.length + 1 });

    expect((await connect(w.svc, schoolId, { wondeSchoolId: WONDE.id, token: WONDE.token })).status).toBe(201);
    await runDue(w.svc);
    const { last } = await misOf(w.svc, schoolId);
    expect(last).toMatchObject({ status: 'SUCCEEDED', pupils: { added: 0, updated: 0, unchanged: 100, rejected: 0, left: 0 }, staff: { added: 0, updated: 0, unchanged: tutors.length, rejected: 0 } });
    expect(await count()).toEqual(before);
    // The sync handed over after every step and carried on: its job ran many times, and only the run that finished counts as an attempt.
    const job = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync', schoolId } });
    expect(job).toMatchObject({ status: 'DONE', attempts: 1, lastError: null });
    expect(last!.pages).toBe(3);
  });

  it('Given the sync has run, When a full re-sync is asked for, Then still nothing is added', async () => {
    const before = await count();
    const res = await w.svc.api(`/api/schools/${schoolId}/mis/sync`, { method: 'POST', body: '{"full":true}' });
    expect(res.status).toBe(202);
    await runDue(w.svc);
    expect((await misOf(w.svc, schoolId)).last).toMatchObject({ mode: 'FULL', pupils: { added: 0, unchanged: 100 } });
    expect(await count()).toEqual(before);
  });
});
