import { staffBearer } from '../support/staffTokens';
import { startTestService, type RunningService } from '../support/testService';
import { parent, pupilWithRecord, schoolWithStaff, smsText, type SeededPupil } from './families';

/**
 * A subject access request at Oakfield: Amirul and his sister Sarafina share their mother,
 * Sadia; their father Imran is linked to Amirul only. What each export holds, and what it must not.
 */
describe('subject access export for a pupil or a parent', () => {
  let svc: RunningService;
  let oak: Awaited<ReturnType<typeof schoolWithStaff>>;
  let elm: Awaited<ReturnType<typeof schoolWithStaff>>;
  let amir: SeededPupil;
  let sara: SeededPupil;
  const ids: Record<string, string> = {};
  let dad: Awaited<ReturnType<typeof parent>>;

  const get = async (path: string, as: { email: string } | 'apiKey') => svc.api(path, { headers: as === 'apiKey' ? {} : { authorization: await staffBearer(svc, as) } });

  beforeAll(async () => {
    svc = await startTestService({ env: { LOCAL_SIGN_IN: 'true' } });
    const db = svc.ctx.prisma;
    oak = await schoolWithStaff(db, 'Oakfield Primary', 'oakfield.example');
    elm = await schoolWithStaff(db, 'Elm Academy', 'elm.example');
    const at = { schoolId: oak.schoolId, keyTeacherId: oak.keyTeacher.id };
    amir = await pupilWithRecord(db, at, { misId: 'UPN-AMIRUL-1', firstName: 'Amirul', lastName: 'Khan', yearGroup: 4 });
    sara = await pupilWithRecord(db, at, { misId: 'UPN-SARAFI-2', firstName: 'Sarafina', lastName: 'Khan', yearGroup: 2 });
    const mum = await parent(db, oak.schoolId, 'Sadia Khan', '+447700900301', [{ pupilId: amir.id, relationship: 'MOTHER' }, { pupilId: sara.id, relationship: 'MOTHER' }]);
    dad = await parent(db, oak.schoolId, 'Imran Khan', '+447700900302', [{ pupilId: amir.id, relationship: 'FATHER' }]);
    ids.mum = mum.id;
    const sms = (c: typeof mum, pupilId: string | null, direction: 'INBOUND' | 'OUTBOUND', body: string, at: string) => smsText(db, { schoolId: oak.schoolId, contactId: c.id, mobile: c.mobile, pupilId, direction, body, at: new Date(at) });
    await sms(mum, amir.id, 'OUTBOUND', 'Amirul: how confident are you? Reply 1-5', '2026-09-10T15:00:00Z');
    await sms(mum, sara.id, 'INBOUND', 'Sadia: Sarafina had a bad day', '2026-09-11T15:00:00Z');
    await sms(mum, null, 'INBOUND', 'Sadia: running late today', '2026-09-12T15:00:00Z');
    await sms(dad, null, 'INBOUND', 'Imran: thanks for the meeting', '2026-09-13T15:00:00Z');
    await db.confidenceRating.create({ data: { contactId: mum.id, pupilId: amir.id, score: 3 } });
    await db.confidenceRating.create({ data: { contactId: mum.id, pupilId: sara.id, score: 2 } });
    // Evidence: Amirul's attendance and a club, audited; Sarafina's suspension is hers alone.
    const recordedAt = new Date('2026-09-20T12:00:00Z');
    const attendance = await db.attendanceRecord.create({ data: { pupilId: amir.id, fromDate: new Date('2026-09-02'), toDate: new Date('2026-09-18'), sessionsPossible: 26, sessionsAttended: 25, source: 'IMPORT', recordedAt } });
    await db.auditEvent.create({ data: { schoolId: oak.schoolId, actorKind: 'API_KEY', actorLabel: 'api-key', action: 'attendance.record', entityType: 'AttendanceRecord', entityId: attendance.id, after: { pupilId: amir.id, sessionsAttended: 25 } } });
    await db.widerOutcomeEvent.create({ data: { pupilId: amir.id, kind: 'PARTICIPATION', occurredOn: new Date('2026-09-16'), category: 'Lego club', recordedAt } });
    await db.exclusion.create({ data: { pupilId: sara.id, kind: 'SUSPENSION', startsOn: new Date('2026-09-17'), days: 1, recordedAt } });
  });
  afterAll(async () => {
    await svc.close();
  });

  it("Given the SENCO, Amirul's export holds his whole record, his texts and their audit trail, and nothing about his sister", async () => {
    const res = await get(`/api/pupils/${amir.id}/subject-access`, oak.senco);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?subject-access-pupil-2026-09-07\.json"?$/);
    const text = await res.text();
    const data = JSON.parse(text);

    expect(data.pupil).toMatchObject({ firstName: 'Amirul', lastName: 'Khan', misId: 'UPN-AMIRUL-1', yearGroup: 4, senStatus: 'SEN_SUPPORT', primaryNeed: 'SLCN', keyTeacher: 'Tom Fletcher' });
    expect(data.conversations).toEqual([
      expect.objectContaining({ kind: 'INITIAL', status: 'HELD', explore: { strengths: 'Amirul builds Lego for hours', barriers: 'Amirul freezes when asked to read aloud', aspirations: 'Amirul wants to be a vet' }, focus: "Amirul's reading confidence", plan: 'Amirul reads to his brother at home', review: 'Amirul read in assembly' }),
    ]);
    expect(data.pupilViews).toEqual([expect.objectContaining({ goodAt: 'Amirul is good at drawing', findHard: 'Amirul finds spelling hard' })]);
    expect(data.targets).toEqual([expect.objectContaining({ area: 'ENGLISH', description: 'Amirul reads a page aloud to an adult', progress: [expect.objectContaining({ status: 'ACHIEVED', note: 'Amirul read to the class' })] })]);
    expect(data.parentsAndCarers).toEqual([
      { name: 'Sadia Khan', relationship: 'MOTHER', parentalResponsibility: true },
      { name: 'Imran Khan', relationship: 'FATHER', parentalResponsibility: true },
    ]);
    expect(data.parentsConfidence).toEqual([expect.objectContaining({ by: 'Sadia Khan', score: 3 })]);
    // His own texts, and his father's unnamed one (Imran has no other child here).
    expect(data.messages.map((m: { text: string; status: string }) => [m.text, m.status])).toEqual([
      ['Amirul: how confident are you? Reply 1-5', 'DELIVERED'],
      ['Imran: thanks for the meeting', 'RECEIVED'],
    ]);
    expect(data.auditTrail.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['pupil.create', 'conversation.record', 'pupilContact.create']));

    // Nothing of Sarafina's, nothing Sadia said without naming a child (it may be about Sarafina), no parent's number.
    for (const word of [...sara.words, sara.id, 'Sadia: running late', '+447700900301', '+447700900302']) expect(text).not.toContain(word);
  });

  it('audits the export with counts, never its content', async () => {
    const audit = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'pupil.subjectAccess', entityId: amir.id } });
    expect(audit).toMatchObject({ actorLabel: 'senco@oakfield.example', schoolId: oak.schoolId, after: { messages: 2, auditEntries: expect.any(Number) } });
    expect(JSON.stringify(audit)).not.toContain('Amirul');
  });

  it("Sadia's own export holds her details, both children's names and every text to or from her, but not the children's SEN records", async () => {
    const res = await get(`/api/contacts/${ids.mum}/subject-access`, 'apiKey');
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.contact).toMatchObject({ name: 'Sadia Khan', mobile: '+447700900301', smsConsent: true, smsConsentMethod: 'ROSTER_IMPORT', optedOutAt: null });
    expect(data.children.map((c: { firstName: string; relationship: string }) => [c.firstName, c.relationship])).toEqual([
      ['Amirul', 'MOTHER'],
      ['Sarafina', 'MOTHER'],
    ]);
    expect(data.messages.map((m: { text: string }) => m.text)).toEqual(['Amirul: how confident are you? Reply 1-5', 'Sadia: Sarafina had a bad day', 'Sadia: running late today']);
    expect(data.confidenceRatings.map((r: { score: number }) => r.score).sort()).toEqual([2, 3]);
    expect(data.auditTrail.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['contact.create', 'pupilContact.create']));
    for (const word of ['Amirul builds Lego', 'Sarafina is good at drawing', 'Imran', '+447700900302']) expect(text).not.toContain(word);
  });

  it.each([
    ['a key teacher', () => oak.keyTeacher],
    ["another school's SENCO", () => elm.senco],
  ])('refuses %s with 403', async (_who, staff) => {
    expect((await get(`/api/pupils/${amir.id}/subject-access`, staff())).status).toBe(403);
    expect((await get(`/api/contacts/${ids.mum}/subject-access`, staff())).status).toBe(403);
  });

  it("Given the SENCO, Amirul's export holds his evidence (attendance, clubs) and its audit trail, not his sister's suspension", async () => {
    const data = await (await get(`/api/pupils/${amir.id}/subject-access`, oak.senco)).json();
    expect([data.assessments, data.attendance, data.exclusions, data.widerOutcomes]).toEqual([
      [],
      [{ from: '2026-09-02', to: '2026-09-18', sessionsPossible: 26, sessionsAttended: 25, source: 'IMPORT' }],
      [],
      [{ kind: 'PARTICIPATION', on: '2026-09-16', category: 'Lego club', resolved: null, source: 'STAFF' }],
    ]);
    expect(data.auditTrail.filter((e: { action: string }) => e.action === 'attendance.record')).toHaveLength(1);
  });

  // Last: it adds a text of its own.
  it("Given the SENCO asks for a page to send to the family, Then Amirul's export reads in plain words, in school time, shows a parent's words as written, and still holds nothing of his sister", async () => {
    await smsText(svc.ctx.prisma, { schoolId: oak.schoolId, contactId: dad.id, mobile: dad.mobile, pupilId: amir.id, direction: 'INBOUND', body: '<script>alert("Imran")</script> & thanks', at: new Date('2026-09-14T15:00:00Z') });
    const res = await get(`/api/pupils/${amir.id}/subject-access?format=html`, oak.senco);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers.get('content-disposition')).toMatch(/subject-access-pupil-2026-09-07\.html/);
    const page = await res.text();

    expect(page).toContain('<h1>Information Oakfield Primary holds about <bdi dir="auto">Amirul Khan</bdi></h1>');
    const sections = [...page.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(sections).toEqual(['Pupil', 'SEN history', 'Parents and carers', 'Conversations', 'Pupil views', 'Targets', 'Parents confidence', 'Assessments', 'Attendance', 'Exclusions', 'Wider outcomes', 'Messages', 'Audit trail']);
    for (const words of ['SEN support', 'Speech, language and communication', 'Amirul builds Lego for hours', 'Amirul reads a page aloud to an adult', 'Mother', 'Delivered']) expect(page).toContain(words);
    // 15:00 UTC on 10 September is 16:00 in London.
    expect(page).toContain('10 Sept 2026, 16:00');
    expect(page).toContain('&lt;script&gt;alert(&quot;Imran&quot;)&lt;/script&gt; &amp; thanks');
    expect(page).not.toContain('<script');
    for (const word of [...sara.words, 'Sadia: running late', '+447700900301', '+447700900302']) expect(page).not.toContain(word);
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'pupil.subjectAccess', entityId: amir.id, after: { path: ['format'], equals: 'html' } } })).toBe(1);
  });

  it('answers 404 for a pupil or parent who does not exist', async () => {
    expect((await get('/api/pupils/00000000-0000-4000-8000-000000000000/subject-access', oak.senco)).status).toBe(404);
    expect((await get('/api/contacts/not-an-id/subject-access', oak.senco)).status).toBe(404);
  });
});
