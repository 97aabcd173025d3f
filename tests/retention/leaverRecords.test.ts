import { REDACTED_BODY } from '../../retention/messageRetention';
import { ManualClock } from '../../runtime/clock';
import { staffBearer } from '../support/staffTokens';
import { startTestService, type RunningService } from '../support/testService';
import { everythingStored, parent, pupilWithRecord, schoolWithStaff, smsText, type SeededPupil } from '../privacy/families';

const DAY = 24 * 3600_000;

/**
 * Two schools keep leavers' records and message text for different periods; the nightly job
 * applies each school's own. Oak keeps leavers' records 2 years and texts 60 days; Elm keeps
 * leavers' records 6 years and texts for the service's default (400 days).
 */
describe("retention of leavers' records and message text, per school", () => {
  let svc: RunningService;
  let clock: ManualClock;
  let oak: Awaited<ReturnType<typeof schoolWithStaff>>;
  let elm: Awaited<ReturnType<typeof schoolWithStaff>>;
  let liam: SeededPupil; // left Oak on 25 November 2024: 2 years are up on the first night, 26 November 2026
  let maya: SeededPupil; // left Oak on 27 November 2024: 2 years are not up until the next night
  let noah: SeededPupil; // Liam's brother, still at Oak
  let olly: SeededPupil; // left Elm on the same day as Liam
  const ids: Record<string, string> = {};

  const night = (iso: string) => {
    clock.set(new Date(iso));
    return svc.service.jobs.runDue();
  };
  const daysAgo = (n: number) => new Date(clock.now().getTime() - n * DAY);

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-11-25T12:00:00Z'));
    svc = await startTestService({ clock, env: { MESSAGE_RETENTION_DAYS: '400', LOCAL_SIGN_IN: 'true' } });
    const db = svc.ctx.prisma;
    oak = await schoolWithStaff(db, 'Oak Primary', 'oak.example');
    elm = await schoolWithStaff(db, 'Elm Academy', 'elm.example');
    const atOak = { schoolId: oak.schoolId, keyTeacherId: oak.keyTeacher.id };
    liam = await pupilWithRecord(db, atOak, { misId: 'UPN-LIAMW-01', firstName: 'Liamson', lastName: 'Walker', yearGroup: 6, leftAt: new Date('2024-11-25T15:00:00Z') });
    maya = await pupilWithRecord(db, atOak, { misId: 'UPN-MAYAP-02', firstName: 'Mayabelle', lastName: 'Price', yearGroup: 6, leftAt: new Date('2024-11-27T15:00:00Z') });
    noah = await pupilWithRecord(db, atOak, { misId: 'UPN-NOAHW-03', firstName: 'Noahfield', lastName: 'Walker', yearGroup: 3 });
    olly = await pupilWithRecord(db, { schoolId: elm.schoolId, keyTeacherId: elm.keyTeacher.id }, { misId: 'UPN-OLLYB-04', firstName: 'Ollivander', lastName: 'Brook', yearGroup: 6, leftAt: new Date('2024-11-25T15:00:00Z') });

    const mum = await parent(db, oak.schoolId, 'Gemma Walker', '+447700900201', [{ pupilId: liam.id, relationship: 'MOTHER' }, { pupilId: noah.id, relationship: 'MOTHER' }]);
    const dad = await parent(db, oak.schoolId, 'Carl Walker', '+447700900202', [{ pupilId: liam.id, relationship: 'FATHER' }]);
    await parent(db, elm.schoolId, 'Owen Brook', '+447700900203', [{ pupilId: olly.id, relationship: 'FATHER' }]);
    ids.mum = mum.id;
    ids.dad = dad.id;
    const sms = (contact: { id: string; mobile: string }, schoolId: string, pupilId: string | null, body: string, ageDays: number) =>
      smsText(db, { schoolId, contactId: contact.id, mobile: contact.mobile, pupilId, direction: 'INBOUND', body, at: daysAgo(ageDays) });
    ids.aboutLiam = (await sms(mum, oak.schoolId, liam.id, 'Liamson loved the trip, Gemma', 800)).id;
    ids.dadText = (await sms(dad, oak.schoolId, null, 'Carl here, running late', 790)).id;
    ids.mumUnnamed = (await sms(mum, oak.schoolId, null, 'Gemma: thanks for today', 30)).id;
    ids.oakOld = (await sms(mum, oak.schoolId, noah.id, 'Gemma: Noahfield slept badly', 61)).id;
    ids.oakRecent = (await sms(mum, oak.schoolId, noah.id, 'Gemma: Noahfield is better', 59)).id;
    const owen = await db.contact.findFirstOrThrow({ where: { displayName: 'Owen Brook' } });
    ids.elmOld = (await sms(owen, elm.schoolId, olly.id, 'Owen: Ollivander has a cold', 61)).id;
    await db.confidenceRating.create({ data: { contactId: dad.id, pupilId: liam.id, score: 4, receivedAt: new Date('2024-10-02T16:00:00Z') } });

    // Each school's SENCO sets its own periods through the settings API.
    for (const [school, change] of [
      [oak, { leaverRecordsYears: 2, messageRetentionDays: 60 }],
      [elm, { leaverRecordsYears: 6 }],
    ] as const) {
      const res = await svc.api(`/api/schools/${school.schoolId}/settings`, { method: 'PATCH', body: JSON.stringify(change), headers: { authorization: await staffBearer(svc, school.senco) } });
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => {
    await svc.close();
  });

  it("Given Oak's 2-year rule, the first night anonymises Liam's record (left 2 years and a day ago) and his father, and nothing of it is left anywhere", async () => {
    await night('2026-11-26T02:30:00Z');
    const db = svc.ctx.prisma;

    const stored = await everythingStored(db);
    for (const word of [...liam.words, 'Carl', '+447700900202', 'Liamson loved the trip']) expect(stored).not.toContain(word);

    // The dated facts stay, for the school's history.
    expect(await db.pupil.findUniqueOrThrow({ where: { id: liam.id } })).toMatchObject({ firstName: 'Former pupil', lastName: '', primaryNeed: null, yearGroup: 6, senStatus: 'SEN_SUPPORT', keyTeacherId: null });
    expect(await db.structuredConversation.findUniqueOrThrow({ where: { id: liam.conversationId } })).toMatchObject({ kind: 'INITIAL', status: 'HELD', recordState: 'FINAL', heldAt: new Date('2024-10-01T15:30:00Z'), exploreStrengths: null, attendees: [] });
    expect(await db.target.findUniqueOrThrow({ where: { id: liam.targetId } })).toMatchObject({ area: 'ENGLISH', status: 'ACHIEVED', description: '[removed]' });
    expect(await db.confidenceRating.findFirstOrThrow({ where: { pupilId: liam.id } })).toMatchObject({ score: 4 });
    expect(await db.contact.findUniqueOrThrow({ where: { id: ids.dad! } })).toMatchObject({ displayName: 'Former parent or carer', smsConsent: false, optedOutAt: expect.any(Date) });
    expect((await db.message.findUniqueOrThrow({ where: { id: ids.aboutLiam! } })).body).toBe('[removed]');

    // His mother is still Noah's: she, her link to Noah and her texts about Noah stay.
    expect(await db.contact.findUniqueOrThrow({ where: { id: ids.mum! }, include: { pupils: true } })).toMatchObject({ displayName: 'Gemma Walker', mobile: '+447700900201', pupils: [{ pupilId: noah.id }] });
    expect((await db.message.findUniqueOrThrow({ where: { id: ids.mumUnnamed! } })).body).toBe('Gemma: thanks for today');

    // The audit trail says what the job did, in numbers.
    const audit = await db.auditEvent.findMany({ where: { action: 'retention.leavers' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ schoolId: oak.schoolId, actorKind: 'SYSTEM', after: { pupils: 1, contacts: 1, conversations: 1, targets: 1, pupilViews: 1, rule: { untilAge: 31, years: 2 } } });
  });

  it('leaves alone a leaver just inside the period, a pupil on the roll, and the same leaver at a school with a longer period', async () => {
    const stored = await everythingStored(svc.ctx.prisma);
    for (const word of [...maya.words, ...noah.words, ...olly.words]) expect(stored).toContain(word);
    expect(await svc.ctx.prisma.pupil.count({ where: { anonymisedAt: { not: null } } })).toBe(1);
  });

  it("applies each school's message period: Oak's 61-day-old text loses its words, Elm's keeps them for 400 days", async () => {
    const body = async (id: string) => (await svc.ctx.prisma.message.findUniqueOrThrow({ where: { id } })).body;
    expect(await body(ids.oakOld!)).toBe(REDACTED_BODY);
    expect(await body(ids.oakRecent!)).toBe('Gemma: Noahfield is better');
    expect(await body(ids.elmOld!)).toBe('Owen: Ollivander has a cold');
  });

  it("anonymises Maya's record the next night, once her 2 years have passed, and never does a record twice", async () => {
    await night('2026-11-27T02:30:00Z');
    expect(await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { id: maya.id } })).toMatchObject({ firstName: 'Former pupil' });
    await night('2026-11-28T02:30:00Z');
    const runs = await svc.ctx.prisma.auditEvent.findMany({ where: { action: 'retention.leavers' }, orderBy: { at: 'asc' } });
    expect(runs.map((r) => (r.after as { pupils: number }).pupils)).toEqual([1, 1]);
  });
});
