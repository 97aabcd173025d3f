import { attendanceShare, evidenceRows, type HeldAttendance } from '../../mis/wonde/evidenceRows';
import type { WondeStudent } from '../../mis/wonde/shapes';
import type { Term } from '../../evidence/windows';

/** A kept pupil's evidence in Wonde as the evidence imports' rows (mis/wonde/evidenceRows.ts), pure. */
const TERMS: Term[] = [
  { name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' },
  { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
  { name: 'Summer 2027', startsOn: '2027-04-12', endsOn: '2027-07-21' },
];
const date = (d: string) => ({ date: `${d} 00:00:00.000000`, timezone_type: 3, timezone: 'UTC' });
const autumn: HeldAttendance = { from: '2026-09-02', to: '2026-12-18', possible: 150, attended: 140 };

describe("this term's share of the MIS's school year to date", () => {
  it.each<[string, string, HeldAttendance[], { possible_marks?: number | string | null; present?: number | string | null; authorised_absence?: number; unauthorised_absence?: number }, ReturnType<typeof attendanceShare>]>([
    ['the first term: all of it', '2026-10-01', [], { possible_marks: 40, present: 38 }, { row: { from: '2026-09-02', to: '2026-10-01', possible: 40, attended: 38 } }],
    ['written as strings, present from the absences', '2026-10-01', [], { possible_marks: '40', authorised_absence: 1, unauthorised_absence: 2 }, { row: { from: '2026-09-02', to: '2026-10-01', possible: 40, attended: 37 } }],
    ['in the holiday after a term: the term, to its last day', '2026-12-22', [], { possible_marks: 150, present: 140 }, { row: { from: '2026-09-02', to: '2026-12-18', possible: 150, attended: 140 } }],
    ['the second term, the first held', '2027-01-20', [autumn], { possible_marks: 170, present: 158 }, { row: { from: '2027-01-05', to: '2027-01-20', possible: 20, attended: 18 } }],
    ["the second term, the record of the term itself left out of the sum", '2027-01-20', [autumn, { from: '2027-01-05', to: '2027-01-19', possible: 18, attended: 16 }], { possible_marks: 170, present: 158 }, { row: { from: '2027-01-05', to: '2027-01-20', possible: 20, attended: 18 } }],
    ['the third term, with autumn held but not spring', '2027-05-01', [autumn], { possible_marks: 300, present: 280 }, { problem: expect.stringContaining('Spring 2027 is not held for this pupil') }],
    ['the year to date less than the earlier terms held', '2027-01-20', [autumn], { possible_marks: 120, present: 110 }, { problem: expect.stringContaining('less than the earlier terms held') }],
    ['no session yet this term', '2027-01-05', [autumn], { possible_marks: 150, present: 140 }, { nothing: true }],
    ['before the first term of the calendar', '2026-08-20', [], { possible_marks: 0, present: 0 }, { nothing: true }],
    ['a withheld scope (null sessions)', '2026-10-01', [], { possible_marks: null, present: null }, { nothing: true }],
  ])('%s', (_, today, held, summary, expected) => {
    expect(attendanceShare(summary, TERMS, today, held)).toEqual(expected);
  });

  it('names each earlier term missing, so the school knows what to import', () => {
    expect(attendanceShare({ possible_marks: 300, present: 280 }, TERMS, '2027-05-01', [])).toEqual({ problem: expect.stringContaining('Autumn 2026, Spring 2027 are not held') });
  });
});

describe("a kept pupil's evidence as rows", () => {
  const student: WondeStudent = {
    id: 'A1',
    attendance_summary: { data: { possible_marks: 40, present: 39 } },
    exclusions: { data: [{ id: 'X1', type: 'FIXD', start_date: date('2026-09-20'), sessions: 3 }, { id: 'X2', type: 'LNCH', start_date: date('2026-09-25'), sessions: null }] },
    behaviours: { data: [{ id: 'B1', type: 'DISR', incident: 'Threw a chair at Sam', comment: 'Mother told', date: date('2026-09-15') }] },
    achievements: { data: [{ id: 'C1', type: 'MERIT', comment: 'Kind to a new pupil', date: date('2026-09-16') }] },
    assessment_results: {
      data: [
        { id: 'R1', aspect: 'ASP-1', result: 'Expected', collection_date: date('2026-09-30') },
        { id: 'R2', aspect: { id: 'ASP-2' }, result: 104, collection_date: date('2026-09-30') },
        { id: 'R3', aspect: 'ASP-3', result: 'Secure', collection_date: date('2026-09-30') },
        { id: 'R4', aspect: 'ASP-1', result: null, collection_date: date('2026-10-30') },
      ],
    },
  };
  const made = evidenceRows([{ student, misId: 'W801100000001', held: [] }], {
    terms: TERMS,
    today: '2026-10-01',
    aspects: [{ aspect: 'asp-1', subject: 'reading' }, { aspect: 'Maths', subject: 'maths' }],
    aspectNames: new Map([['ASP-2', 'Maths'], ['ASP-3', 'Science']]),
  });

  it('keys every row by the import headers, each from its Wonde student', () => {
    expect(made.rows).toEqual({
      attendance: [{ wondeId: 'A1', row: { UPN: 'W801100000001', From: '2026-09-02', To: '2026-10-01', 'Sessions Possible': '40', 'Sessions Attended': '39' } }],
      exclusions: [
        { wondeId: 'A1', row: { UPN: 'W801100000001', 'Start Date': '2026-09-20', Kind: 'FIXD', Sessions: '3' } },
        { wondeId: 'A1', row: { UPN: 'W801100000001', 'Start Date': '2026-09-25', Kind: 'LNCH', Sessions: '' } },
      ],
      behaviour: [{ wondeId: 'A1', row: { UPN: 'W801100000001', Date: '2026-09-15', Type: 'DISR' } }],
      achievements: [{ wondeId: 'A1', row: { UPN: 'W801100000001', Date: '2026-09-16', Type: 'MERIT' } }],
      // An aspect mapped by id (any case) or by its name; Science is not mapped, and a blank result is no result.
      assessments: [
        { wondeId: 'A1', row: { UPN: 'W801100000001', Subject: 'reading', Window: '2026-09-30', Value: 'Expected' } },
        { wondeId: 'A1', row: { UPN: 'W801100000001', Subject: 'maths', Window: '2026-09-30', Value: '104' } },
      ],
    });
    expect(made.problems).toEqual([]);
  });

  it('never carries a description or comment of an incident or achievement', () => {
    expect(JSON.stringify(made.rows)).not.toMatch(/chair|Mother|Kind to/);
  });
});
