import { ManualClock } from '../../runtime/clock';
import type { WondeSchool } from '../../standins/wondeSchool';
import { STANDIN_SCHOOL, STANDIN_TOKEN } from '../support/wondeStandIn';
import { connect, misOf, runDue, schoolWithAdmin, startMisWorld, type MisWorld } from './misSupport';

/**
 * A 1,500-pupil secondary school connects its MIS through Wonde (the stand-in): the first sync
 * brings its SEN register in full, then each night brings only what changed. Exact numbers come
 * from the stand-in's generated school (standins/wondeSchool.ts): 250 pupils on the register in
 * 60 forms, each with their own family of two contacts.
 */
describe('a school whose register keeps itself up to date from its MIS', () => {
  const clock = new ManualClock(new Date('2026-09-07T09:00:00Z')); // Monday 7 September, 10:00 in school
  let w: MisWorld;
  let school: WondeSchool;
  let schoolId: string;

  const pupils = () => w.svc.ctx.prisma.pupil.count({ where: { schoolId } });
  const pupilByUpn = (upn: string) =>
    w.svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId: upn } }, include: { keyTeacher: true, contacts: { include: { contact: true }, orderBy: { priority: 'asc' } } } });
  /** The next night's sync, at 02:00 school time. */
  const nextNight = async () => {
    const job = await w.svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync.nightly', schoolId, status: 'PENDING' }, orderBy: { runAt: 'asc' } });
    clock.set(job.runAt);
    w.wonde.requests.length = 0;
    await runDue(w.svc);
    return (await misOf(w.svc, schoolId)).last!;
  };

  beforeAll(async () => {
    w = await startMisWorld(clock, [{ id: STANDIN_SCHOOL, token: STANDIN_TOKEN }]);
    school = w.wonde.school(STANDIN_SCHOOL);
    ({ schoolId } = await schoolWithAdmin(w.svc, 'Wonde Stand-in Academy'));
  });
  afterAll(() => w.close());

  it('Given the admin connects the MIS with the Wonde school id and token, When the first sync runs, Then the 250 pupils on the register arrive in full with their contacts and key teachers', async () => {
    const res = await connect(w.svc, schoolId, { wondeSchoolId: STANDIN_SCHOOL, token: STANDIN_TOKEN });
    expect(res.status).toBe(201);
    const body = await res.text();
    expect(body).not.toContain(STANDIN_TOKEN);
    expect(JSON.parse(body)).toMatchObject({ state: 'connected', firstSync: { mode: 'FULL', status: 'PENDING' } });

    await runDue(w.svc);
    const mis = await misOf(w.svc, schoolId);
    const families = school.senStudents().map((s) => s.contacts.filter((l) => school.contacts.get(l.contactId)?.mobile).length);
    expect(mis).toMatchObject({
      state: 'connected',
      current: null,
      last: { mode: 'FULL', status: 'SUCCEEDED', pupils: { added: 250, updated: 0, unchanged: 0, rejected: 0, left: 0 }, staff: { added: 60, updated: 0, unchanged: 0, rejected: 0 }, problems: [], error: null },
    });
    // Employees, forms, 8 pages of students, each pupil on the register read again with their contacts, two lists of deletions.
    expect(mis.last!.requests).toBe(1 + 1 + 8 + 250 + 2);
    expect(await pupils()).toBe(250);
    expect(await w.svc.ctx.prisma.contact.count({ where: { schoolId } })).toBe(families.reduce((a, b) => a + b, 0));
    expect(await w.svc.ctx.prisma.contact.count({ where: { schoolId } })).toBe(494);
    // Only pupils on the register were asked for their contacts.
    const asked = w.wonde.requests.filter((r) => /\/students\/A/.test(r.path)).map((r) => r.path.split('/').pop());
    expect(asked.sort()).toEqual(school.senStudents().map((s) => s.id).sort());

    const first = school.senStudents()[0]!;
    const pupil = await pupilByUpn(first.upn);
    expect(pupil).toMatchObject({ firstName: first.forename, lastName: first.surname, yearGroup: 7, senStatus: 'EHC_PLAN', primaryNeed: 'SPLD', archivedAt: null });
    expect(pupil.keyTeacher?.email).toBe(school.tutorOf(first)!.email);
    expect(pupil.contacts.map((l) => [l.contact.mobile, l.relationship, l.parentalResponsibility, l.priority])).toEqual([
      ['+447400100000', 'MOTHER', true, 1],
      ['+447400100001', 'FATHER', true, 2],
    ]);
  });

  it('Given nothing changed in the MIS, When the next night comes, Then only the changes are asked for and nothing is written', async () => {
    const last = await nextNight();
    expect(last).toMatchObject({ mode: 'CHANGES', trigger: 'SCHEDULE', status: 'SUCCEEDED', pupils: { added: 0, updated: 0, unchanged: 0, rejected: 0, left: 0 } });
    expect(last.since).toBe('2026-09-07T08:50:00.000Z');
    expect(w.wonde.requests.map((r) => `${r.path.replace(/^\/v1\.0\/schools\/\w+/, '')} ${r.query.updated_after ?? ''}`)).toEqual([
      '/employees ',
      '/groups ',
      '/students 2026-09-07 08:50:00',
      '/contacts 2026-09-07 08:50:00',
      '/deletions 2026-09-07 08:50:00',
      '/deletions 2026-09-07 08:50:00',
    ]);
  });
});
