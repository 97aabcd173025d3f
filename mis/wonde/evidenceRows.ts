import { ASSESSMENT_COLUMNS } from '../../assessment/assessmentImport';
import { ATTENDANCE_COLUMNS } from '../../attendance/attendanceImport';
import type { IsoDate } from '../../domain/schoolCalendar';
import type { EvidenceImportKind } from '../../evidence/importFile';
import { termOf, termsOfSchoolYear, type Term } from '../../evidence/windows';
import { EXCLUSION_COLUMNS } from '../../outcomes/exclusionImport';
import { EVENT_COLUMNS } from '../../outcomes/outcomeImport';
import type { Row } from '../../roster/rows';
import { MIS_ID_HEADER } from './rows';
import { calendarDate, type WondeAttendanceSummary, type WondeStudent } from './shapes';

/**
 * A kept pupil's evidence in Wonde as the rows of the MIS's evidence exports (keyed by the first
 * header of each field of the evidence imports' own column tables), so the sync goes through the
 * same validation, matching, idempotency and audit as a file. Pure: what we hold comes in as
 * arguments. What is read: the attendance summary's sessions, each exclusion's start, kind and
 * length, each behaviour incident's and achievement's date and type (never `incident` or `comment`:
 * descriptions), and the results of the aspects the school maps to its subjects. A pupil's rows of a
 * kind are all their records of it, so the events' count per day is the MIS's (evidence/importFile.ts).
 */
export const EVIDENCE_KINDS = ['attendance', 'exclusions', 'behaviour', 'achievements', 'assessments'] as const satisfies readonly EvidenceImportKind[];
export type MisEvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The school's mapping of a Wonde assessment aspect (its id or name) to one of its subjects. */
export interface AspectSubject {
  aspect: string;
  subject: string;
}

/** The student includes a kept pupil's evidence is read with; results only when the school maps an aspect. */
export function evidenceIncludes(aspects: AspectSubject[]): string[] {
  return ['attendance_summary', 'behaviours', 'achievements', 'exclusions', ...(aspects.length > 0 ? ['assessment_results'] : [])];
}

const h = <T extends Record<string, readonly string[]>>(columns: T, field: keyof T): string => columns[field]![0]!;

/** Sessions of a period we hold for the pupil (any source). */
export interface HeldAttendance {
  from: IsoDate;
  to: IsoDate;
  possible: number;
  attended: number;
}

const count = (v: number | string | null | undefined): number | undefined => {
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
};

export type AttendanceShare = { row: { from: IsoDate; to: IsoDate; possible: number; attended: number } } | { problem: string } | { nothing: true };

/**
 * This term's share of the MIS's school-year-to-date summary: the year's sessions less those of the
 * year's earlier terms we hold (the sync wrote them on the nights of those terms, or a file did), so
 * the record is the term's own, as the school's termly figures count it. A pupil whose earlier terms
 * this year are not held (the MIS connected mid-year) cannot be split: reported, nothing written.
 */
export function attendanceShare(summary: WondeAttendanceSummary, terms: Term[], today: IsoDate, held: HeldAttendance[]): AttendanceShare {
  const term = termOf(terms, today);
  const possible = count(summary.possible_marks);
  if (!term || possible === undefined) return { nothing: true };
  const present = count(summary.present) ?? (() => {
    const authorised = count(summary.authorised_absence);
    const unauthorised = count(summary.unauthorised_absence);
    return authorised === undefined || unauthorised === undefined ? undefined : possible - authorised - unauthorised;
  })();
  if (present === undefined) return { problem: 'the attendance summary gives neither the sessions present nor the absences' };
  const earlier = termsOfSchoolYear(terms, term.startsOn).filter((t) => t.startsOn < term.startsOn);
  const heldBefore = held.filter((r) => r.from >= (earlier[0]?.startsOn ?? term.startsOn) && r.from < term.startsOn);
  const missing = earlier.filter((t) => !heldBefore.some((r) => termOf(terms, r.from)?.startsOn === t.startsOn));
  if (missing.length > 0) {
    return { problem: `the MIS gives attendance for the school year to date, and ${missing.map((t) => t.name).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not held for this pupil, so ${term.name}'s share cannot be told: import the earlier terms from the MIS's attendance report once` };
  }
  const share = { possible: possible - heldBefore.reduce((n, r) => n + r.possible, 0), attended: present - heldBefore.reduce((n, r) => n + r.attended, 0) };
  if (share.possible < 0 || share.attended < 0) return { problem: `the MIS's school year to date (${possible} sessions) is less than the earlier terms held here: check the attendance recorded for them` };
  if (share.possible === 0) return { nothing: true };
  return { row: { from: term.startsOn, to: today < term.endsOn ? today : term.endsOn, ...share } };
}

export interface EvidenceInput {
  student: WondeStudent;
  /** The pupil's key in the register (rows.misIdOf). */
  misId: string;
  /** Attendance we hold for the pupil. */
  held: HeldAttendance[];
}

export interface EvidenceRows {
  /** Each kind's rows, and the Wonde student each row came from (rejections name row n as rows[n - 2]). */
  rows: Record<MisEvidenceKind, { row: Row; wondeId: string }[]>;
  problems: { wondeId: string; column: string; reason: string }[];
}

export function evidenceRows(items: EvidenceInput[], o: { terms: Term[]; today: IsoDate; aspects: AspectSubject[]; aspectNames: Map<string, string> }): EvidenceRows {
  const out: EvidenceRows = { rows: { attendance: [], exclusions: [], behaviour: [], achievements: [], assessments: [] }, problems: [] };
  // An aspect is named by its Wonde id or its name (compared without case).
  const subjectOf = new Map(o.aspects.map((a) => [a.aspect.trim().toLowerCase(), a.subject]));
  const subjectOfAspect = (id: string | undefined): string | undefined => (id ? (subjectOf.get(id.toLowerCase()) ?? subjectOf.get((o.aspectNames.get(id) ?? '').trim().toLowerCase())) : undefined);
  const idOf = (l: string | { id: string } | null | undefined): string | undefined => (typeof l === 'string' ? l : l?.id);

  for (const { student, misId, held } of items) {
    const push = (kind: MisEvidenceKind, cells: Row) => out.rows[kind].push({ row: { [MIS_ID_HEADER]: misId, ...cells }, wondeId: student.id });
    const summary = student.attendance_summary?.data;
    if (summary) {
      const share = attendanceShare(summary, o.terms, o.today, held);
      if ('problem' in share) out.problems.push({ wondeId: student.id, column: 'attendance_summary', reason: share.problem });
      if ('row' in share) {
        const r = share.row;
        push('attendance', { [h(ATTENDANCE_COLUMNS, 'from')]: r.from, [h(ATTENDANCE_COLUMNS, 'to')]: r.to, [h(ATTENDANCE_COLUMNS, 'possible')]: String(r.possible), [h(ATTENDANCE_COLUMNS, 'attended')]: String(r.attended) });
      }
    }
    for (const e of student.exclusions?.data ?? []) {
      const sessions = count(e.sessions);
      push('exclusions', { [h(EXCLUSION_COLUMNS, 'startsOn')]: calendarDate(e.start_date) ?? '', [h(EXCLUSION_COLUMNS, 'kind')]: e.type ?? '', [h(EXCLUSION_COLUMNS, 'sessions')]: sessions ? String(sessions) : '' });
    }
    for (const b of student.behaviours?.data ?? []) push('behaviour', { [h(EVENT_COLUMNS, 'on')]: calendarDate(b.date) ?? '', [h(EVENT_COLUMNS, 'category')]: b.type ?? '' });
    for (const a of student.achievements?.data ?? []) push('achievements', { [h(EVENT_COLUMNS, 'on')]: calendarDate(a.date) ?? '', [h(EVENT_COLUMNS, 'category')]: a.type ?? '' });
    for (const r of student.assessment_results?.data ?? []) {
      const subject = subjectOfAspect(idOf(r.aspect));
      // Results of aspects the school has not mapped to a subject are not the programme's: left unread.
      if (!subject || r.result === null || r.result === undefined) continue;
      push('assessments', {
        [h(ASSESSMENT_COLUMNS, 'subject')]: subject,
        [h(ASSESSMENT_COLUMNS, 'window')]: calendarDate(r.collection_date) ?? '',
        [h(ASSESSMENT_COLUMNS, 'value')]: String(r.result),
      });
    }
  }
  return out;
}
