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
    // The school re-syncs in full on Mondays.
    const res = await connect(w.svc, schoolId, { wondeSchoolId: STANDIN_SCHOOL, token: STANDIN_TOKEN, fullSyncWeekday: 1 });
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
    // Their evidence came with them (the school has no calendar yet, so no attendance term and no assessment mapping).
    const sen = school.senStudents();
    const all = (f: (s: (typeof sen)[number]) => number) => sen.reduce((n, s) => n + f(s), 0);
    expect(mis.last!.evidence).toEqual({
      behaviour: { imported: all((s) => s.evidence.behaviours.length), updated: 0, unchanged: 0, rejected: 0 },
      achievements: { imported: all((s) => s.evidence.achievements.length), updated: 0, unchanged: 0, rejected: 0 },
      exclusions: { imported: all((s) => s.evidence.exclusions.length), updated: 0, unchanged: 0, rejected: 0 },
    });
    expect([all((s) => s.evidence.behaviours.length), all((s) => s.evidence.achievements.length), all((s) => s.evidence.exclusions.length)]).toEqual([188, 250, 25]);
    expect(await w.svc.ctx.prisma.widerOutcomeEvent.count({ where: { pupil: { schoolId }, kind: 'BEHAVIOUR_INCIDENT', source: 'MIS' } })).toBe(188);

    const first = school.senStudents()[0]!;
    const pupil = await pupilByUpn(first.upn);
    expect(pupil).toMatchObject({ firstName: first.forename, lastName: first.surname, yearGroup: 7, senStatus: 'EHC_PLAN', primaryNeed: 'SPLD', archivedAt: null });
    expect(pupil.keyTeacher?.email).toBe(school.tutorOf(first)!.email);
    expect(pupil.contacts.map((l) => [l.contact.mobile, l.relationship, l.parentalResponsibility, l.priority])).toEqual([
      ['+447400100000', 'MOTHER', true, 1],
      ['+447400100001', 'FATHER', true, 2],
    ]);
  });

  it("Given nothing changed in the MIS, When the next night comes, Then only the changes are asked for, each kept pupil's own evidence is read, and nothing is written", async () => {
    const last = await nextNight();
    expect(last).toMatchObject({ mode: 'CHANGES', trigger: 'SCHEDULE', status: 'SUCCEEDED', pupils: { added: 0, updated: 0, unchanged: 0, rejected: 0, left: 0 }, problems: [] });
    expect(last.since).toBe('2026-09-07T08:50:00.000Z');
    const paths = w.wonde.requests.map((r) => `${r.path.replace(/^\/v1\.0\/schools\/\w+/, '')} ${r.query.updated_after ?? r.query.include ?? ''}`);
    expect(paths.slice(0, 6)).toEqual([
      '/employees contact_details,employment_details,roles',
      '/groups employees',
      '/students 2026-09-07 08:50:00',
      '/contacts 2026-09-07 08:50:00',
      '/deletions 2026-09-07 08:50:00',
      '/deletions 2026-09-07 08:50:00',
    ]);
    // An incident or an exclusion does not change the pupil's own record, so each kept pupil's evidence is read: theirs only.
    expect(paths.slice(6).sort()).toEqual(school.senStudents().map((s) => `/students/${s.id} education_details,attendance_summary,behaviours,achievements,exclusions`).sort());
    expect(last.requests).toBe(6 + 250);
    expect(last.evidence).toEqual({
      behaviour: { imported: 0, updated: 0, unchanged: 188, rejected: 0 },
      achievements: { imported: 0, updated: 0, unchanged: 250, rejected: 0 },
      exclusions: { imported: 0, updated: 0, unchanged: 25, rejected: 0 },
    });
  });

  it('Given a pupil joins the SEN register in the MIS, When the next night comes, Then they arrive with their contacts, and no one else is read', async () => {
    const joiner = [...school.students.values()].find((s) => s.senStatus === 'N' && s.year === 9)!;
    school.joinRegister(joiner.id, 'K', ['SEMH']);
    const last = await nextNight();
    expect(last.pupils).toEqual({ added: 1, updated: 0, unchanged: 0, rejected: 0, left: 0 });
    expect(await pupils()).toBe(251);
    const pupil = await pupilByUpn(joiner.upn);
    expect(pupil).toMatchObject({ senStatus: 'SEN_SUPPORT', primaryNeed: 'SEMH', yearGroup: 9 });
    expect(pupil.keyTeacher?.email).toBe(school.tutorOf(joiner)!.email);
    expect(pupil.contacts).toHaveLength(2);
    expect(w.wonde.requests.filter((r) => /\/students\/A/.test(r.path) && r.query.include?.includes('contacts')).map((r) => r.path.split('/').pop())).toEqual([joiner.id]);
  });

  it("Given a parent's mobile changes in the MIS, When the next night comes, Then their child's record has the new number and the old one is no longer linked", async () => {
    const child = school.senStudents()[5]!;
    const mother = child.contacts[0]!.contactId;
    const before = await pupilByUpn(child.upn);
    school.changeMobile(mother, '07400 199999');
    const last = await nextNight();
    expect(last.pupils).toEqual({ added: 0, updated: 1, unchanged: 0, rejected: 0, left: 0 });
    const after = await pupilByUpn(child.upn);
    expect(after.contacts.map((l) => l.contact.mobile)).toEqual(['+447400199999', before.contacts[1]!.contact.mobile]);
    expect(after.contacts[0]!.contact.displayName).toBe(before.contacts[0]!.contact.displayName);
    // The old contact record stays (with its history), unlinked: what the register import does with a number that changed.
    expect(await w.svc.ctx.prisma.pupilContact.count({ where: { contactId: before.contacts[0]!.contactId } })).toBe(0);
  });

  it('Given a form gets a new tutor in the MIS, When the next night comes, Then the new tutor is a key teacher here and the form\'s pupils on the register are theirs', async () => {
    const form = school.groups.get(school.senStudents()[10]!.groupIds[0]!)!;
    const inForm = school.senStudents().filter((s) => s.groupIds.includes(form.id));
    const newcomer = school.addEmployee('Priya', 'Raman', ['Form Tutor', 'Teacher']);
    school.setTutor(form.id, newcomer.id);
    const last = await nextNight();
    expect(last.pupils).toEqual({ added: 0, updated: inForm.length, unchanged: 0, rejected: 0, left: 0 });
    expect(last.staff).toEqual({ added: 1, updated: 0, unchanged: 0, rejected: 0 });
    const staff = await w.svc.ctx.prisma.staff.findUniqueOrThrow({ where: { schoolId_email: { schoolId, email: newcomer.email } } });
    expect(staff.roles).toEqual(['KEY_TEACHER']);
    for (const s of inForm) expect((await pupilByUpn(s.upn)).keyTeacherId).toBe(staff.id);
    expect(inForm.length).toBe(4);
  });

  it('Given a pupil leaves the school (Wonde lists their deletion), When the next night comes, Then they are off the roll from that day and counted as left', async () => {
    const leaver = school.senStudents()[20]!;
    school.leave(leaver.id);
    const last = await nextNight();
    expect(last.pupils).toEqual({ added: 0, updated: 0, unchanged: 0, rejected: 0, left: 1 });
    const pupil = await pupilByUpn(leaver.upn);
    expect(pupil.archivedAt?.toISOString().slice(0, 10)).toBe(school.deletions.at(-1)!.deletedAt.toISOString().slice(0, 10));
    expect(pupil.contacts).toHaveLength(2);
    expect(await pupils()).toBe(251);
  });

  it('Given a contact is deleted in the MIS, When the next night comes, Then their pupil has only their other contact, and the contact record itself stays', async () => {
    const child = school.senStudents()[30]!;
    const father = child.contacts[1]!.contactId;
    const fatherMobile = `+44${school.contacts.get(father)!.mobile!.replace(/\s/g, '').slice(1)}`;
    school.deleteContact(father);
    const last = await nextNight();
    expect(last.pupils).toEqual({ added: 0, updated: 1, unchanged: 0, rejected: 0, left: 0 });
    const pupil = await pupilByUpn(child.upn);
    expect(pupil.contacts.map((l) => l.contact.mobile)).toEqual([`+44${school.contacts.get(child.contacts[0]!.contactId)!.mobile!.replace(/\s/g, '').slice(1)}`]);
    expect(await w.svc.ctx.prisma.contact.count({ where: { schoolId, mobile: fatherMobile } })).toBe(1);
  });

  it("Given a parent texted STOP and the admin is also a form tutor, When the weekly full sync runs, Then the opt-out and the admin's role stay, and every pupil is unchanged", async () => {
    const child = school.senStudents()[40]!;
    const mother = (await pupilByUpn(child.upn)).contacts[0]!.contact;
    await w.svc.ctx.prisma.contact.update({ where: { id: mother.id }, data: { optedOutAt: clock.now() } });
    const tutor = school.tutorOf(child)!;
    await w.svc.ctx.prisma.staff.update({ where: { schoolId_email: { schoolId, email: tutor.email } }, data: { roles: ['KEY_TEACHER', 'ADMIN'] } });
    // Monday is the school's full re-sync day.
    for (let night = await nextNight(); night.mode !== 'FULL'; night = await nextNight());
    const last = (await misOf(w.svc, schoolId)).last!;
    expect(last).toMatchObject({ mode: 'FULL', status: 'SUCCEEDED', pupils: { added: 0, updated: 0, unchanged: 250, rejected: 0, left: 0 }, staff: { added: 0, updated: 0, unchanged: 60, rejected: 0 } });
    expect((await w.svc.ctx.prisma.contact.findUniqueOrThrow({ where: { id: mother.id } })).optedOutAt).not.toBeNull();
    expect((await w.svc.ctx.prisma.staff.findUniqueOrThrow({ where: { schoolId_email: { schoolId, email: tutor.email } } })).roles).toEqual(['KEY_TEACHER', 'ADMIN']);
    expect(clock.now().toISOString()).toBe('2026-09-14T01:00:00.000Z');
  });

  it('Given the nights above, Then the audit trail holds each sync\'s start and finish with its counts, and the pupils\' changes by the MIS sync', async () => {
    const events = await w.svc.ctx.prisma.auditEvent.findMany({ where: { schoolId, action: { startsWith: 'mis.' } }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.action)).toEqual(['mis.connect', ...Array.from({ length: 8 }, () => ['mis.sync.start', 'mis.sync.finish']).flat()]);
    expect(events.at(-1)).toMatchObject({ actorKind: 'SYSTEM', actorLabel: 'MIS sync (Wonde)', after: { status: 'SUCCEEDED', mode: 'FULL', unchanged: 250 } });
    const leaver = await pupilByUpn(school.senStudents()[19]!.upn);
    expect(await w.svc.ctx.prisma.auditEvent.count({ where: { entityId: leaver.id, actorLabel: 'MIS sync (Wonde)' } })).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(STANDIN_TOKEN);
  });
});
