import { fakeEntra, type FakeEntra } from '../api/entraTokens';
import { startTestService, type RunningService } from '../support/testService';

/** How a school changes its rhythm: settings, terms and closures, and a parent's own rhythm of updates. */
describe('school settings, calendar and parent rhythm API', () => {
  let s: RunningService;
  let entra: FakeEntra;
  let schoolId: string;
  const token: Record<'senco' | 'keyTeacher' | 'otherTeacher', string> = { senco: '', keyTeacher: '', otherTeacher: '' };
  let contactId: string;
  let conversationId: string;

  const as = (who: keyof typeof token | 'apiKey', method: string, path: string, body?: unknown) =>
    s.api(path, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: who === 'apiKey' ? {} : { authorization: `Bearer ${token[who]}` } });

  beforeAll(async () => {
    entra = await fakeEntra();
    s = await startTestService(entra.serviceOptions);
    const db = s.ctx.prisma;
    const school = await db.school.create({ data: { name: 'Oakfield Primary' } });
    schoolId = school.id;
    await db.schoolTerm.create({ data: { schoolId, name: 'Autumn 2026', startsOn: new Date('2026-09-03'), endsOn: new Date('2026-12-18') } });
    const staff = async (email: string, roles: ('SENCO' | 'KEY_TEACHER')[]) => {
      const st = await db.staff.create({ data: { schoolId, displayName: email, email, roles } });
      return { st, token: await entra.token({ oid: undefined, preferred_username: email }) };
    };
    const senco = await staff('senco@oakfield.example', ['SENCO']);
    const keyTeacher = await staff('khan@oakfield.example', ['KEY_TEACHER']);
    const other = await staff('evans@oakfield.example', ['KEY_TEACHER']);
    token.senco = senco.token;
    token.keyTeacher = keyTeacher.token;
    token.otherTeacher = other.token;
    const pupil = await db.pupil.create({
      data: { schoolId, misId: 'A1', firstName: 'Amir', lastName: 'Hussain', yearGroup: 4, senStatus: 'SEN_SUPPORT', keyTeacherId: keyTeacher.st.id, onRegisterSince: new Date('2026-09-07') },
    });
    const contact = await db.contact.create({ data: { schoolId, displayName: 'Sana Hussain', mobile: '+447700900111', smsConsent: true } });
    contactId = contact.id;
    await db.pupilContact.create({ data: { pupilId: pupil.id, contactId, relationship: 'MOTHER' } });
    const c = await db.structuredConversation.create({
      data: { pupilId: pupil.id, keyTeacherId: keyTeacher.st.id, kind: 'INITIAL', status: 'BOOKED', dueBy: new Date('2026-10-02'), scheduledAt: new Date('2026-09-22T14:30:00Z') },
    });
    conversationId = c.id;
  });
  afterAll(async () => {
    await s.close();
  });

  it('Given a SENCO, when they change the reminder time, then the settings change, the change is audited and planned reminders move to the new time', async () => {
    await as('senco', 'PATCH', `/api/schools/${schoolId}/settings`, { reviewByWeekOfTerm: 6 });
    const gather = () => s.ctx.prisma.job.findFirstOrThrow({ where: { subjectId: conversationId, kind: 'reminder.gatherViews', status: 'PENDING' } });
    expect((await gather()).runAt.toISOString()).toBe('2026-09-15T08:00:00.000Z'); // 09:00 BST, a week before

    const res = await as('senco', 'PATCH', `/api/schools/${schoolId}/settings`, { staffReminderTime: '08:30', progressUpdateEveryWeeks: 4 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ staffReminderTime: '08:30', progressUpdateEveryWeeks: 4, quietHoursStart: '20:00' });
    expect((await gather()).runAt.toISOString()).toBe('2026-09-15T07:30:00.000Z');
    const audit = await s.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'school.settings', entityId: schoolId }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ actorLabel: 'senco@oakfield.example', before: { staffReminderTime: '09:00', progressUpdateEveryWeeks: 3 }, after: { staffReminderTime: '08:30', progressUpdateEveryWeeks: 4 } });
  });

  it.each([
    ['a review before week 1 (before the term starts)', { reviewByWeekOfTerm: 1 }],
    ['a time that is not HH:MM', { quietHoursStart: '8pm' }],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }],
    ['updates rarer than every 6 weeks', { progressUpdateEveryWeeks: 7 }],
    ['three wider outcomes', { widerOutcomes: ['ATTENDANCE', 'BEHAVIOUR', 'BULLYING'] }],
    ['staff reminders in the evening', { staffReminderTime: '19:00' }],
    ['quiet hours that start and end together', { quietHoursStart: '08:00' }],
    ['a field that is not a setting', { isDemo: true }],
  ])('refuses %s with 400 and changes nothing', async (_what, body) => {
    const res = await as('apiKey', 'PATCH', `/api/schools/${schoolId}/settings`, body);
    expect(res.status).toBe(400);
    expect(await s.ctx.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).toMatchObject({ reviewByWeekOfTerm: 6, quietHoursStart: '20:00', timezone: 'Europe/London' });
  });

  it.each([
    ['PATCH', 'settings', { reviewByWeekOfTerm: 5 }],
    ['PUT', 'calendar', { terms: [], closures: [] }],
    ['GET', 'settings', undefined],
  ])('Given a key teacher, %s %s is forbidden', async (method, what, body) => {
    expect((await as('keyTeacher', method, `/api/schools/${schoolId}/${what}`, body)).status).toBe(403);
  });

  it('Given a SENCO, when they replace the terms and closures, then the calendar is replaced in one go and audited', async () => {
    const calendar = {
      terms: [
        { name: 'Autumn 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' },
        { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
      ],
      closures: [
        { name: 'October half term', startsOn: '2026-10-26', endsOn: '2026-10-30' },
        { name: 'INSET', kind: 'TRAINING_DAY', startsOn: '2026-11-02', endsOn: '2026-11-02' },
      ],
    };
    const res = await as('senco', 'PUT', `/api/schools/${schoolId}/calendar`, calendar);
    expect(res.status).toBe(200);
    const expected = { ...calendar, closures: [{ ...calendar.closures[0], kind: 'HOLIDAY' }, calendar.closures[1]] };
    expect(await res.json()).toEqual(expected);
    expect(await (await as('senco', 'GET', `/api/schools/${schoolId}/calendar`)).json()).toEqual(expected);
    const audit = await s.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'school.calendar' } });
    expect(audit.before).toEqual({ terms: [{ name: 'Autumn 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' }], closures: [] });
  });

  it('Given the SENCO saving the same calendar from three devices at once, then every save succeeds and the terms are there once', async () => {
    const calendar = { terms: [{ name: 'Autumn 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' }, { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' }], closures: [] };
    const saves = await Promise.all([as('senco', 'PUT', `/api/schools/${schoolId}/calendar`, calendar), as('apiKey', 'PUT', `/api/schools/${schoolId}/calendar`, calendar), as('senco', 'PUT', `/api/schools/${schoolId}/calendar`, calendar)]);
    expect(saves.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await s.ctx.prisma.schoolTerm.count({ where: { schoolId } })).toBe(2);
  });

  it.each([
    ['overlapping terms', { terms: [{ name: 'A', startsOn: '2026-09-03', endsOn: '2026-12-18' }, { name: 'B', startsOn: '2026-12-01', endsOn: '2027-03-26' }], closures: [] }],
    ['a closure ending before it starts', { terms: [], closures: [{ name: 'X', startsOn: '2026-10-30', endsOn: '2026-10-26' }] }],
    ['a date that is not a date', { terms: [{ name: 'A', startsOn: '3 Sept', endsOn: '2026-12-18' }], closures: [] }],
    ['an unknown kind of closure', { terms: [], closures: [{ name: 'X', kind: 'SNOW_DAY', startsOn: '2026-10-30', endsOn: '2026-10-30' }] }],
  ])('refuses a calendar with %s', async (_what, body) => {
    expect((await as('senco', 'PUT', `/api/schools/${schoolId}/calendar`, body)).status).toBe(400);
    expect(await s.ctx.prisma.schoolTerm.count({ where: { schoolId } })).toBe(2);
  });

  it("Given the key teacher, when a parent asks to hear every 2 weeks, then the parent's rhythm is saved and audited; out-of-range choices are refused; another teacher may not", async () => {
    const res = await as('keyTeacher', 'PUT', `/api/contacts/${contactId}/progress-updates`, { everyWeeks: 2 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: contactId, updateEveryWeeks: 2 });
    expect(await s.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'contact.progressRhythm', entityId: contactId } })).toMatchObject({ before: { updateEveryWeeks: null }, after: { updateEveryWeeks: 2 } });
    expect((await as('keyTeacher', 'PUT', `/api/contacts/${contactId}/progress-updates`, { everyWeeks: 9 })).status).toBe(400);
    expect((await as('otherTeacher', 'PUT', `/api/contacts/${contactId}/progress-updates`, { everyWeeks: 1 })).status).toBe(403);
    expect(await (await as('senco', 'PUT', `/api/contacts/${contactId}/progress-updates`, { everyWeeks: null })).json()).toEqual({ id: contactId, updateEveryWeeks: null });
  });

  it('Given a SENCO asks for a full re-plan, then the school is planned in full and the request audited; asked again with nothing changed, nothing new is planned', async () => {
    const jobs = () => s.ctx.prisma.job.findMany({ where: { schoolId, status: 'PENDING' }, orderBy: { dedupeKey: 'asc' }, select: { dedupeKey: true, runAt: true } });
    const first = await as('senco', 'POST', `/api/schools/${schoolId}/replan`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ planned: true, conversationsCreated: 0 });
    const planned = await jobs();
    expect(planned.length).toBeGreaterThan(0);
    expect(await as('apiKey', 'POST', `/api/schools/${schoolId}/replan`).then((r) => r.json())).toEqual({ planned: true, conversationsCreated: 0 });
    expect(await jobs()).toEqual(planned);
    expect(await s.ctx.prisma.auditEvent.count({ where: { action: 'school.replan', entityId: schoolId } })).toBe(2);
    expect((await as('keyTeacher', 'POST', `/api/schools/${schoolId}/replan`)).status).toBe(403);
  });
});
