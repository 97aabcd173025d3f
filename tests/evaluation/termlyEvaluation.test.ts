import { parse } from 'csv-parse/sync';
import { evaluationReport, type Cells, type EvaluationReport } from '../../evaluation/report';
import { reportCsv, reportHtml } from '../../evaluation/reportPage';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { REPORTED_AT, seedKnownTrust, type KnownTrust } from './knownTrust';

/** The figures of the known trust (tests/evaluation/knownTrust.ts says where each number comes from). */
const texts = (cells: Cells | null | undefined, keys: string[]): Record<string, string | undefined> => Object.fromEntries(keys.map((k) => [k, cells?.[k]?.text]));
const F = 'fewer than 5';

describe('the termly evaluation of a known trust, Autumn 2026 against the baseline', () => {
  let testDb: TestDatabase;
  let known: KnownTrust;
  let oakfield: EvaluationReport;
  let northshire: EvaluationReport;
  let oakTrust: EvaluationReport;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    known = await seedKnownTrust(testDb.db.prisma);
    const prisma = testDb.db.prisma;
    oakfield = await evaluationReport(prisma, { subject: { kind: 'school', id: known.oakfield, name: 'Oakfield Primary' }, schoolIds: [known.oakfield], request: { baselineOn: null, suppress: false }, asOf: REPORTED_AT });
    northshire = await evaluationReport(prisma, {
      subject: { kind: 'organisation', id: known.northshire, name: 'Northshire Council' },
      schoolIds: [known.oakfield, known.beech],
      request: { baselineOn: null, suppress: true },
      asOf: REPORTED_AT,
    });
    oakTrust = await evaluationReport(prisma, {
      subject: { kind: 'organisation', id: known.oakTrust, name: 'Oak Trust' },
      schoolIds: [known.oakfield, known.beech, known.cedar],
      request: { baselineOn: null, suppress: true },
      asOf: REPORTED_AT,
    });
  });
  afterAll(async () => {
    await testDb.drop();
  });

  describe("Given Oakfield's own report (its leads see exact figures)", () => {
    it('Then it reports the last term that ended against the first term the school used the product', () => {
      const s = oakfield.schools[0]!;
      expect(s.term).toEqual({ name: 'Autumn 2026', from: '2026-09-02', to: '2026-12-18', complete: true });
      expect(s.baseline).toEqual({ name: 'Summer 2026', from: '2026-04-13', to: '2026-07-17', complete: true, chosenBy: 'firstTerm' });
      expect(oakfield.smallNumbersSuppressed).toBe(false);
    });

    it('Then the cohort counts the register at the end of term, who joined, who left (the register or the school), and former SEN pupils still tracked', () => {
      const keys = ['cohort.onRegister', 'cohort.joined', 'cohort.left', 'cohort.formerSen'];
      expect(texts(oakfield.schools[0]!.now, keys)).toEqual({ 'cohort.onRegister': '13', 'cohort.joined': '1', 'cohort.left': '2', 'cohort.formerSen': '1' });
      expect(texts(oakfield.schools[0]!.baselineCells, keys)).toEqual({ 'cohort.onRegister': '14', 'cohort.joined': '0', 'cohort.left': '0', 'cohort.formerSen': '0' });
    });

    it('Then conversations are counted by kind, initial ones within the deadline, and those with a parent or carer taking part', () => {
      const keys = ['held', 'initialHeld', 'initialOnTime', 'reviewsHeld', 'additionalHeld', 'parentsAttended'].map((k) => `conversations.${k}`);
      expect(Object.values(texts(oakfield.schools[0]!.now, keys))).toEqual(['11', '2', '1', '8', '1', '8']);
      expect(Object.values(texts(oakfield.schools[0]!.baselineCells, keys))).toEqual(['6', '6', '6', '0', '0', '3']);
    });

    it('Then parents are counted once (a parent of two), reached or not this term, by language, with the latest confidence of each', () => {
      const keys = ['parents', 'reached', 'notReached', 'parents.en', 'reached.en', 'notReached.en', 'parents.pl', 'reached.pl', 'parents.ur', 'reached.ur', 'parents.ro', 'notReached.ro', 'confidence', 'parentsRating'].map((k) => `parents.${k}`);
      expect(Object.values(texts(oakfield.schools[0]!.now, keys))).toEqual(['13', '10', '3', '8', '8', '0', '2', '1', '2', '1', '1', '1', '3.50', '6']);
      expect(Object.values(texts(oakfield.schools[0]!.baselineCells, keys))).toEqual(['13', '5', '8', '9', '5', '4', '2', '0', '2', '0', '0', '0', '2.00', '1']);
    });

    it("Then the pupil's views, targets by area and key teachers' load are counted, and the key teachers are named (in the school's own report only)", () => {
      const keys = [
        'pupilVoice.viewsGathered', 'pupilVoice.pupilTookPart',
        'targets.set', 'targets.set.ENGLISH', 'targets.set.MATHS', 'targets.set.WIDER', 'targets.reviewed', 'targets.reviewed.MATHS', 'targets.achieved', 'targets.achieved.MATHS', 'targets.achieved.WIDER',
        'keyTeachers.keyTeachers', 'keyTeachers.overManageable', 'keyTeachers.averageLoad', 'keyTeachers.withoutKeyTeacher',
      ];
      expect(Object.values(texts(oakfield.schools[0]!.now, keys))).toEqual(['10', '7', '17', '8', '8', '1', '11', '4', '5', '4', '1', '3', '1', '4.0', '1']);
      expect(Object.values(texts(oakfield.schools[0]!.baselineCells, keys))).toEqual(['6', '6', '6', '6', '0', '0', '2', '0', '2', '0', '0', '3', '2', '4.3', '1']);
      expect(oakfield.schools[0]!.caseloads).toEqual([
        { name: 'Tara One', pupils: 7, overManageable: true },
        { name: 'Tom Two', pupils: 5, overManageable: false },
        { name: 'No key teacher', pupils: 1, overManageable: false },
        { name: 'Tia Three', pupils: 0, overManageable: false },
      ]);
    });
  });

  describe('Given the local authority’s report of Oakfield and Beech (figures leave the schools)', () => {
    it('Then every cell about fewer than five pupils or parents shows "fewer than 5", 0 included, and no key teacher is named', () => {
      const oak = northshire.schools.find((s) => s.id === known.oakfield)!;
      expect(texts(oak.now, ['cohort.onRegister', 'cohort.joined', 'cohort.left', 'cohort.formerSen', 'conversations.initialHeld', 'targets.achieved.ENGLISH', 'keyTeachers.withoutKeyTeacher'])).toEqual({
        'cohort.onRegister': '13',
        'cohort.joined': F,
        'cohort.left': F,
        'cohort.formerSen': F,
        'conversations.initialHeld': F,
        'targets.achieved.ENGLISH': F,
        'keyTeachers.withoutKeyTeacher': F,
      });
      expect(oak.caseloads).toBeUndefined();
      // Staff figures are not about children: shown as they are.
      expect(texts(oak.now, ['keyTeachers.keyTeachers', 'keyTeachers.overManageable'])).toEqual({ 'keyTeachers.keyTeachers': '3', 'keyTeachers.overManageable': '1' });
    });

    it('Then a figure whose complement beside it is under five is suppressed (8 of 11 conversations with a parent; 10 of 13 pupils with views)', () => {
      const oak = northshire.schools.find((s) => s.id === known.oakfield)!;
      expect(texts(oak.now, ['conversations.held', 'conversations.parentsAttended', 'pupilVoice.viewsGathered', 'cohort.onRegister'])).toEqual({
        'conversations.held': '11',
        'conversations.parentsAttended': F,
        'pupilVoice.viewsGathered': F,
        'cohort.onRegister': '13',
      });
    });

    it('Then a total that would give a suppressed part away is suppressed (parents = reached + not reached, with 3 not reached)', () => {
      const oak = northshire.schools.find((s) => s.id === known.oakfield)!;
      expect(texts(oak.now, ['parents.parents', 'parents.reached', 'parents.notReached', 'parents.parents.en', 'parents.reached.en', 'parents.notReached.en'])).toEqual({
        'parents.parents': F,
        'parents.reached': '10',
        'parents.notReached': F,
        'parents.parents.en': F,
        'parents.reached.en': '8',
        'parents.notReached.en': F,
      });
      // Targets set: English 8, maths 8, wider outcomes 1 (suppressed), so the total of 17 is suppressed too.
      expect(texts(oak.now, ['targets.set', 'targets.set.ENGLISH', 'targets.set.MATHS', 'targets.set.WIDER'])).toEqual({ 'targets.set': F, 'targets.set.ENGLISH': '8', 'targets.set.MATHS': '8', 'targets.set.WIDER': F });
    });

    it('Then the totals add the schools, each over its own term; averages weigh each school by its parents; and a total that would give a school away is suppressed', () => {
      expect(texts(northshire.total?.now, ['cohort.onRegister', 'conversations.held', 'conversations.reviewsHeld', 'parents.reached', 'parents.confidence', 'parents.parentsRating', 'pupilVoice.viewsGathered', 'keyTeachers.averageLoad'])).toEqual({
        'cohort.onRegister': '19',
        'conversations.held': '17',
        'conversations.reviewsHeld': '14',
        'parents.reached': '16',
        'parents.confidence': '3.82',
        'parents.parentsRating': '11',
        'pupilVoice.viewsGathered': '13',
        'keyTeachers.averageLoad': '4.5',
      });
      // Oakfield's targets set are suppressed, Beech's (6) shown: the total (23) would give Oakfield's away.
      expect(texts(northshire.total?.now, ['targets.set', 'targets.achieved', 'conversations.parentsAttended'])).toEqual({ 'targets.set': F, 'targets.achieved': F, 'conversations.parentsAttended': F });
    });

    it("Then Beech's baseline is its first term with the product, Autumn itself", () => {
      const beech = northshire.schools.find((s) => s.id === known.beech)!;
      expect(beech.baseline).toMatchObject({ name: 'Autumn 2026', chosenBy: 'firstTerm' });
      expect(beech.baselineCells).toEqual(beech.now);
    });
  });

  describe('Given the trust’s report with Cedar, just joined (3 pupils, nothing held, no baseline)', () => {
    it('Then Cedar shows no baseline, and the trust’s total of pupils on the register (22) is suppressed, since it would give Cedar’s 3 away', () => {
      const cedar = oakTrust.schools.find((s) => s.id === known.cedar)!;
      expect(cedar.baseline).toBeNull();
      expect(cedar.baselineCells).toBeNull();
      expect(cedar.now['cohort.onRegister']!.text).toBe(F);
      expect(oakTrust.total?.now['cohort.onRegister']!.text).toBe(F);
      // No suppressed cell can be worked out: in every column with one suppressed school, the total is suppressed too.
      for (const key of Object.keys(oakTrust.total!.now)) {
        const hidden = oakTrust.schools.filter((s) => s.now[key]?.suppressed).length;
        if (hidden === 1) expect([key, oakTrust.total!.now[key]!.suppressed]).toEqual([key, true]);
      }
    });
  });

  describe('Given an organisation that sets its baseline date', () => {
    it('Then every school compares with the term containing that date (Summer 2026 for Beech too, where nothing was counted yet)', async () => {
      const report = await evaluationReport(testDb.db.prisma, {
        subject: { kind: 'organisation', id: known.northshire, name: 'Northshire Council' },
        schoolIds: [known.oakfield, known.beech],
        request: { baselineOn: '2026-05-01', suppress: false },
        asOf: REPORTED_AT,
      });
      const beech = report.schools.find((s) => s.id === known.beech)!;
      expect(beech.baseline).toMatchObject({ name: 'Summer 2026', chosenBy: 'organisation' });
      expect(beech.baselineCells?.['conversations.held']?.text).toBe('0');
      expect(beech.baselineCells?.['cohort.onRegister']?.text).toBe('6');
    });

    it('Then a report asked for a term still going counts it so far', async () => {
      const report = await evaluationReport(testDb.db.prisma, { subject: { kind: 'school', id: known.oakfield, name: 'Oakfield Primary' }, schoolIds: [known.oakfield], request: { on: '2027-01-06', baselineOn: null, suppress: false }, asOf: REPORTED_AT });
      expect(report.schools[0]!.term).toEqual({ name: 'Spring 2027', from: '2027-01-05', to: '2027-03-26', complete: false });
    });
  });

  describe('Given the report as a CSV and as a page', () => {
    it('Then the CSV comes from the shared writer (byte-order mark, quoted cells, CRLF), one row per school and figure and the total, suppressed as the report is', () => {
      const csv = reportCsv(northshire);
      expect(csv.startsWith('\uFEFF"School","Section","Figure"')).toBe(true);
      expect(csv).toContain('\r\n');
      const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
      const figures = northshire.sections.flatMap((s) => s.figures).length;
      expect(rows).toHaveLength(figures * 3);
      expect(rows.find((r) => r.School === 'Oakfield Primary' && r.Figure === 'Joined the register this term')).toMatchObject({ Term: 'Autumn 2026', 'This term': F, 'Baseline term': 'Summer 2026', 'At baseline': F });
      expect(rows.find((r) => r.School === 'All schools' && r.Figure === 'Pupils on the SEN register at the end of the term')).toMatchObject({ 'This term': '19' });
    });

    it('Then the page names each school, says how each figure is counted and what is not counted yet, and carries no pupil', () => {
      const html = reportHtml(northshire);
      expect(html).toContain('<bdi dir="auto">Oakfield Primary</bdi>');
      expect(html).toContain('How each figure is counted');
      expect(html).toContain('Attainment progress from starting points');
      expect(html).not.toMatch(/P\d+ Known|Tara One/);
    });
  });
});
