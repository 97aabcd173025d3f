import { ManualClock } from '../../runtime/clock';
import { fileBytes } from '../roster/fileBytes';
import { startTestService, type RunningService } from '../support/testService';
import { evidenceSample, setUpOakfield, UPN } from './evidenceSchool';

/**
 * Evidence files from the MIS, imported over HTTP as the office would: the samples of every kind,
 * again unchanged, bad rows with their reasons, awkward encodings, and a failure part-way that
 * leaves nothing. Today is Monday 1 March 2027, in the spring term.
 */
const NOW = new Date('2027-03-01T10:00:00Z');

describe('importing evidence from the MIS over the API', () => {
  let svc: RunningService;
  let schoolId: string;
  let pupils: Awaited<ReturnType<typeof setUpOakfield>>['pupils'];

  const post = (kind: string, body: Uint8Array | string, contentType = 'text/csv') =>
    svc.api(`/api/evidence/import/${kind}?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const importSample = async (kind: string) => {
    const res = await post(kind, evidenceSample(`${kind}.csv`));
    expect(res.status).toBe(200);
    return res.json();
  };
  const auditEvents = () => svc.ctx.prisma.auditEvent.count({ where: { schoolId } });
  const counted = async () => ({
    points: await svc.ctx.prisma.assessmentPoint.count({ where: { pupil: { schoolId } } }),
    attendance: await svc.ctx.prisma.attendanceRecord.count({ where: { pupil: { schoolId } } }),
    exclusions: await svc.ctx.prisma.exclusion.count({ where: { pupil: { schoolId } } }),
    events: await svc.ctx.prisma.widerOutcomeEvent.count({ where: { pupil: { schoolId } } }),
  });

  beforeAll(async () => {
    svc = await startTestService({ clock: new ManualClock(NOW) });
    ({ schoolId, pupils } = await setUpOakfield(svc));
  });
  afterAll(async () => {
    await svc.close();
  });

  it.each([
    ['assessments', 12, ['Legal Surname', 'Legal Forename']],
    ['attendance', 7, ['Legal Surname', 'Legal Forename', 'Attendance %']],
    ['exclusions', 3, ['Legal Surname', 'Legal Forename']],
    ['behaviour', 5, ['Comments']],
    ['achievements', 4, ['Points']],
    ['bullying', 2, []],
    ['participation', 6, []],
  ])('Given the %s sample, when the office imports it, then every row goes in and the columns it does not keep are listed', async (kind, rows, ignored) => {
    expect(await importSample(kind)).toMatchObject({ imported: rows, updated: 0, unchanged: 0, rejected: 0, rejections: [], ignoredColumns: ignored, encoding: 'utf-8' });
  });

  it('Given the samples imported, then the records are what the files say, in the school\'s terms, marked as imported', async () => {
    const amir = await svc.ctx.prisma.assessmentPoint.findMany({ where: { pupilId: pupils.amir }, include: { subject: true }, orderBy: [{ subject: { key: 'asc' } }, { windowStartsOn: 'asc' }] });
    expect(amir.map((p) => [p.subject.key, p.windowName, p.step ?? p.score, p.baseline, p.source])).toEqual([
      ['maths', 'Autumn 2026', 86, true, 'IMPORT'],
      ['maths', 'Spring 2027', 88, false, 'IMPORT'],
      ['reading', 'Autumn 2026', 'Working towards', true, 'IMPORT'],
      ['reading', 'Spring 2027', 'Working towards +', false, 'IMPORT'],
      ['writing', 'Autumn 2026', 'Working towards -', true, 'IMPORT'],
      ['writing', 'Spring 2027', 'Working towards -', false, 'IMPORT'],
    ]);
    const sara = await svc.ctx.prisma.attendanceRecord.findMany({ where: { pupilId: pupils.sara }, orderBy: { fromDate: 'asc' } });
    // Attended is possible less authorised and unauthorised absences.
    expect(sara.map((r) => [r.fromDate.toISOString().slice(0, 10), r.toDate.toISOString().slice(0, 10), r.sessionsPossible, r.sessionsAttended])).toEqual([
      ['2026-09-02', '2026-12-18', 142, 126],
      ['2027-01-05', '2027-03-26', 110, 104],
    ]);
    const exclusions = await svc.ctx.prisma.exclusion.findMany({ where: { pupilId: pupils.jayden }, orderBy: { startsOn: 'asc' } });
    // Sessions are halves of a day; a lunchtime suspension with no length is half a day.
    expect(exclusions.map((e) => [e.startsOn.toISOString().slice(0, 10), e.kind, e.days])).toEqual([
      ['2026-11-12', 'SUSPENSION', 2],
      ['2027-02-03', 'SUSPENSION', 0.5],
      ['2027-02-24', 'SUSPENSION', 1],
    ]);
    const events = await svc.ctx.prisma.widerOutcomeEvent.findMany({ where: { pupil: { schoolId } }, orderBy: [{ kind: 'asc' }, { occurredOn: 'asc' }] });
    expect(events.filter((e) => e.kind === 'BULLYING_REPORT').map((e) => [e.category, e.resolved])).toEqual([['Verbal', true], ['Online', false]]);
    expect(events.filter((e) => e.kind === 'BEHAVIOUR_INCIDENT').map((e) => e.category)).toEqual(['Disruption', 'Disruption', 'Refusal to follow instructions', 'Late to lesson', 'Disruption']);
    expect(events.every((e) => e.source === 'IMPORT')).toBe(true);
    const imports = await svc.ctx.prisma.rosterImport.findMany({ where: { schoolId, kind: { notIn: ['PUPILS', 'STAFF'] } }, orderBy: { startedAt: 'asc' } });
    expect(imports.map((i) => [i.kind, i.imported])).toEqual([['ASSESSMENTS', 12], ['ATTENDANCE', 7], ['EXCLUSIONS', 3], ['BEHAVIOUR', 5], ['ACHIEVEMENTS', 4], ['BULLYING', 2], ['PARTICIPATION', 6]]);
  });

  it('Given every record imported, then each was audited as created by whoever imported, once', async () => {
    const audits = await svc.ctx.prisma.auditEvent.groupBy({ by: ['action'], where: { schoolId, action: { in: ['assessmentPoint.record', 'attendance.record', 'exclusion.record', 'widerOutcome.record'] } }, _count: true });
    expect(Object.fromEntries(audits.map((a) => [a.action, a._count]))).toEqual({ 'assessmentPoint.record': 12, 'attendance.record': 7, 'exclusion.record': 3, 'widerOutcome.record': 17 });
    const one = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { schoolId, action: 'exclusion.record' } });
    expect(one).toMatchObject({ actorKind: 'API_KEY', entityType: 'Exclusion', after: { pupilId: pupils.jayden, kind: 'SUSPENSION', startsOn: '2026-11-12', days: 2 } });
  });

  it('Given the same files imported again, then nothing changes: every row unchanged, no record and no audit event added', async () => {
    const before = { records: await counted(), audits: await auditEvents() };
    for (const [kind, rows] of [['assessments', 12], ['attendance', 7], ['exclusions', 3], ['behaviour', 5], ['achievements', 4], ['bullying', 2], ['participation', 6]] as const) {
      expect(await importSample(kind)).toMatchObject({ imported: 0, updated: 0, unchanged: rows, rejected: 0 });
    }
    expect({ records: await counted(), audits: await auditEvents() }).toEqual(before);
  });

  it('Given a later export with a corrected result, another incident on a day already counted and a report now resolved, then only those change, audited before and after', async () => {
    const assessments = await post('assessments', `UPN,Subject,Term,Result\n${UPN.sara},Maths,Spring 2027,93\n${UPN.sara},Reading,Spring 2027,Expected\n`);
    expect(await assessments.json()).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
    const corrected = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { schoolId, action: 'assessmentPoint.correct' } });
    expect([corrected.before, corrected.after]).toEqual([{ pupilId: pupils.sara, score: 90 }, { pupilId: pupils.sara, score: 93 }]);
    const behaviour = await post('behaviour', `UPN,Incident Date,Behaviour Type\n${UPN.jayden},09/11/2026,Disruption\n${UPN.jayden},09/11/2026,Disruption\n${UPN.jayden},09/11/2026,Disruption\n`);
    expect(await behaviour.json()).toMatchObject({ imported: 1, unchanged: 2 });
    const bullying = await post('bullying', `UPN,Date Reported,Bullying Type,Status\n${UPN.jayden},18/01/2027,Online,Resolved\n`);
    expect(await bullying.json()).toMatchObject({ imported: 0, updated: 1 });
    expect(await svc.ctx.prisma.widerOutcomeEvent.findFirst({ where: { pupilId: pupils.jayden, kind: 'BULLYING_REPORT' } })).toMatchObject({ category: 'Online', resolved: true });
  });

  it('Given bad assessment rows, then each is rejected with its row, column and what is accepted, and the good rows go in', async () => {
    const file = [
      'UPN,Aspect,Result Set,Result',
      `${UPN.oliwia},Reading,Autumn 2026,Expected -`,
      `X999,Reading,Autumn 2026,Expected`,
      `${UPN.oliwia},Science,Autumn 2026,Expected`,
      `${UPN.oliwia},Writing,Autumn 2026,Expected plus`,
      `${UPN.oliwia},Maths,Autumn 2026,150`,
      `${UPN.oliwia},Maths,Winter 2026,100`,
      `${UPN.oliwia},Maths,Summer 2027,100`,
      '',
      `${UPN.oliwia},Reading,2026-11-20,Expected`,
      `${UPN.oliwia},Writing,Spring 2027,`,
    ].join('\n');
    const res = await post('assessments', file);
    expect(await res.json()).toEqual(
      expect.objectContaining({
        imported: 1,
        rejected: 8,
        rejections: [
          { row: 3, column: 'UPN', reason: 'no pupil at this school has the UPN or admission number X999 (import the register first)' },
          { row: 4, column: 'Aspect', reason: '"Science" is not a subject the school assesses (its subjects are maths, reading, writing)' },
          {
            row: 5,
            column: 'Result',
            reason:
              '"Expected plus" is not a step of this scheme (use Working towards -, Working towards, Working towards +, Expected -, Expected, Expected +, Greater depth -, Greater depth, Greater depth +), Writing is assessed in Age-related expectations (working towards, expected, greater depth)',
          },
          { row: 6, column: 'Result', reason: '"150" is not a score on this scale (use a whole number from 70 to 141), Maths is assessed in Standardised scores (70 to 141)' },
          { row: 7, column: 'Result Set', reason: '"Winter 2026" is not a term of this school (use a term of the school (Autumn 2026, Spring 2027, Summer 2027) or a date in one)' },
          { row: 8, column: 'Result Set', reason: 'Summer 2027 has not started yet' },
          // Row 9 is blank: skipped, but counted, as the spreadsheet numbers it.
          { row: 10, column: 'Result Set', reason: 'is the same assessment as row 2 (Reading, Autumn 2026)' },
          { row: 11, column: 'Result', reason: 'missing value' },
        ],
      }),
    );
  });

  it('Given bad attendance, exclusion and event rows, then each is rejected with its reason and nothing of them is written', async () => {
    const before = await counted();
    const attendance = await post('attendance', ['UPN,Start Date,End Date,Possible Sessions,Attended', `${UPN.oliwia},2027-01-05,2027-02-12,60,61`, `${UPN.oliwia},2027-01-05,2027-01-02,10,10`, `${UPN.oliwia},2026-12-01,2027-01-10,20,20`, `${UPN.oliwia},2027-01-05,2027-01-09,12,10`, `${UPN.oliwia},2027-01-11,2027-01-15,ten,10`].join('\n'));
    expect((await attendance.json()).rejections).toEqual([
      { row: 2, column: 'Attended', reason: '61 sessions attended is more than the 60 possible' },
      { row: 3, column: 'End Date', reason: 'ends (2027-01-02) before it starts (2027-01-05)' },
      { row: 4, column: 'Start Date', reason: '2026-12-01 to 2027-01-10 overlaps 2026-09-02 to 2026-12-18 (the attendance already recorded): give each period once' },
      { row: 5, column: 'Possible Sessions', reason: '12 sessions possible is more than two a day over 5 days' },
      { row: 6, column: 'Possible Sessions', reason: '"ten" is not a number of sessions (a whole number, 0 or more)' },
    ]);
    const exclusions = await post('exclusions', ['UPN,Start Date,Exclusion Type,Days', `${UPN.sara},01/03/2027,Detention,1`, `${UPN.sara},01/03/2027,PERM,2`, `${UPN.sara},02/03/2027,FIXD,0.3`].join('\n'));
    expect((await exclusions.json()).rejections).toEqual([
      { row: 2, column: 'Exclusion Type', reason: '"Detention" is not a kind of exclusion (use Suspension or FIXD, Lunchtime or LNCH, Permanent or PERM)' },
      { row: 3, column: 'Days', reason: 'a permanent exclusion has no length in days' },
      { row: 4, column: 'Days', reason: 'a suspension is half a day to 45 days, in halves' },
    ]);
    const bullying = await post('bullying', ['UPN,Date Reported,Bullying Type,Status', `${UPN.sara},31/02/2027,Verbal,Open`, `${UPN.sara},01/02/2027,${'x'.repeat(61)},Open`, `${UPN.sara},01/02/2027,Verbal,Maybe`].join('\n'));
    expect((await bullying.json()).rejections).toEqual([
      { row: 2, column: 'Date Reported', reason: '"31/02/2027" is not a date (use DD/MM/YYYY, YYYY-MM-DD or 12-Sep-2019)' },
      { row: 3, column: 'Bullying Type', reason: 'a category is at most 60 characters: the type of event, not a description' },
      { row: 4, column: 'Status', reason: '"Maybe" does not say whether it was resolved (use Yes or No, Resolved or Open)' },
    ]);
    expect(await counted()).toEqual(before);
  });

  it('refuses a file without a required column, naming the missing columns, and records nothing', async () => {
    const imports = await svc.ctx.prisma.rosterImport.count({ where: { schoolId } });
    const res = await post('attendance', `UPN,Term,Attended\n${UPN.amir},Autumn 2026,100\n`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_file', message: expect.stringContaining('The file has no column for the "Sessions Possible"'), details: expect.objectContaining({ missingColumns: ['Sessions Possible'] }) });
    const workbook = await post('attendance', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]));
    expect(await workbook.json()).toMatchObject({ error: 'invalid_file', message: expect.stringContaining('Excel workbook') });
    expect(await svc.ctx.prisma.rosterImport.count({ where: { schoolId } })).toBe(imports);
  });

  it.each([
    ['windows-1252', ','],
    ['utf-16le', '\t'],
  ] as const)('Given a participation file saved by Excel as %s, then "Café club" is stored as written', async (savedAs, sep) => {
    const text = [['UPN', 'Session Date', 'Activity'], [UPN.oliwia, savedAs === 'utf-16le' ? '03/02/2027' : '02/02/2027', 'Café club']].map((r) => r.join(sep)).join('\r\n');
    const res = await post('participation', fileBytes(text, savedAs));
    expect(await res.json()).toMatchObject({ imported: 1, encoding: savedAs });
    expect(await svc.ctx.prisma.widerOutcomeEvent.count({ where: { pupilId: pupils.oliwia, category: 'Café club' } })).toBeGreaterThan(0);
  });

  it('takes JSON { csv } too, and needs the school named when the API key imports', async () => {
    const json = await svc.api(`/api/evidence/import/participation?schoolId=${schoolId}`, { method: 'POST', body: JSON.stringify({ csv: `UPN,Session Date,Activity\n${UPN.amir},21/10/2026,Lego club\n`, fileName: 'clubs.csv' }) });
    expect(await json.json()).toMatchObject({ imported: 1 });
    const unnamed = await svc.api('/api/evidence/import/participation', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'UPN,Date\n' });
    expect(await unnamed.json()).toMatchObject({ error: 'school_required' });
  });

  it('Given the database refuses one row part-way through writing, then nothing of the file is kept: no record, audit event or import report', async () => {
    await svc.ctx.db.pool.query(`CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW."category" = 'Boom' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await svc.ctx.db.pool.query(`CREATE TRIGGER refuse_boom BEFORE INSERT ON "WiderOutcomeEvent" FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
    try {
      const before = { records: await counted(), audits: await auditEvents(), imports: await svc.ctx.prisma.rosterImport.count({ where: { schoolId } }) };
      const res = await post('achievements', `UPN,Date,Achievement Type\n${UPN.amir},01/03/2027,Star of the week\n${UPN.sara},01/03/2027,Boom\n`);
      expect(res.status).toBe(500);
      expect({ records: await counted(), audits: await auditEvents(), imports: await svc.ctx.prisma.rosterImport.count({ where: { schoolId } }) }).toEqual(before);
    } finally {
      await svc.ctx.db.pool.query('DROP TRIGGER refuse_boom ON "WiderOutcomeEvent"; DROP FUNCTION refuse_boom()');
    }
  });
});
