import type { AssessmentSchemeKind, EvidenceSource, ExclusionKind, SenStatus, TargetArea, WiderOutcomeKind } from '../generated/prisma/client';
import { progressOf, type Progress } from '../assessment/progress';
import { valueNumber } from '../assessment/schemes';
import { addSessions, attendancePercent, attendanceTrend, persistentlyAbsent, type Sessions, type Trend } from '../attendance/attendance';
import { cohortStatus, type CohortStatus, type StatusChange } from '../domain/formerSen';
import { localDate, type IsoDate } from '../domain/schoolCalendar';
import { countsByWeek } from '../outcomes/outcomes';
import { rangeInTerm, termBefore, termOf, termsOfSchoolYear, windowNumbers, type Term } from '../evidence/windows';

/**
 * The evidence figures: for a pupil (progress since the starting point and since last time in each
 * subject, attendance this term and its trend, exclusions, wider outcomes, flags) and for a school
 * (pupils off course, the cohort's attendance against the whole school's, persistent absence,
 * exclusions, and each wider outcome over the school year by term). Pure: plain rows of ONE school
 * (or one pupil of it) loaded by evidence/figureQueries.ts, and the reporting instant; dates are
 * school-local. The cohort is the pupils on the SEN register and former SEN pupils (domain/formerSen.ts).
 */
export interface CohortPupilFact {
  id: string;
  senStatus: SenStatus;
  history: StatusChange[];
}

export interface SchemeFact {
  id: string;
  name: string;
  kind: AssessmentSchemeKind;
  steps: string[];
  minScore: number | null;
  maxScore: number | null;
  expectedPerTerm: number;
  tolerance: number | null;
}

export interface SubjectFact {
  id: string;
  key: string;
  name: string;
  schemeId: string;
}

export interface PointFact {
  pupilId: string;
  subjectId: string;
  schemeId: string;
  windowStartsOn: IsoDate;
  windowName: string;
  step: string | null;
  score: number | null;
  baseline: boolean;
  source: EvidenceSource;
}

export interface AttendanceFact {
  pupilId: string;
  from: IsoDate;
  to: IsoDate;
  possible: number;
  attended: number;
}

export interface SchoolAttendanceFact {
  from: IsoDate;
  to: IsoDate;
  percent: number;
}

export interface ExclusionFact {
  pupilId: string;
  kind: ExclusionKind;
  startsOn: IsoDate;
  days: number | null;
}

export interface OutcomeEventFact {
  pupilId: string;
  kind: WiderOutcomeKind;
  on: IsoDate;
  resolved: boolean | null;
}

export interface EvidenceInput {
  timezone: string;
  terms: Term[];
  widerOutcomes: TargetArea[];
  pupils: CohortPupilFact[];
  schemes: SchemeFact[];
  subjects: SubjectFact[];
  /** Every window any point of the school was recorded in: with the terms, they number the windows. */
  windowStarts: IsoDate[];
  points: PointFact[];
  attendance: AttendanceFact[];
  schoolAttendance: SchoolAttendanceFact[];
  exclusions: ExclusionFact[];
  events: OutcomeEventFact[];
}

// ---------------------------------------------------------------- one pupil

export interface SubjectEvidence {
  key: string;
  name: string;
  scheme: { id: string; name: string; kind: AssessmentSchemeKind; expectedPerTerm: number };
  /** Every point, oldest first; points in an earlier scheme of the subject are listed but not counted. */
  points: { window: string; windowStartsOn: IsoDate; value: string; baseline: boolean; source: EvidenceSource; inCurrentScheme: boolean }[];
  progress: Progress & { startValue: string | null; latestValue: string | null };
}

export interface TermAttendance extends Sessions {
  term: string;
  percent: number | null;
  persistentAbsence: boolean;
}

export interface PupilFigures {
  at: string;
  today: IsoDate;
  term: Term | null;
  cohort: CohortStatus | null;
  subjects: SubjectEvidence[];
  attendance: { thisTerm: TermAttendance | null; lastTerm: TermAttendance | null; trend: Trend | null };
  exclusions: { thisTerm: { suspensions: number; days: number; permanent: number } };
  outcomes: {
    thisTerm: { behaviourIncidents: number; achievements: number; bullyingReports: number; bullyingResolved: number; participation: number };
    /** Monday by Monday since the term started. */
    behaviourByWeek: { week: IsoDate; count: number }[];
    achievementsByWeek: { week: IsoDate; count: number }[];
  };
  flags: { offCourse: string[]; persistentAbsence: boolean; newExclusion: boolean };
}

const labelOf = (scheme: SchemeFact, p: { step: string | null; score: number | null }): string => (scheme.kind === 'SCORE' ? String(p.score) : (p.step ?? ''));

function subjectsOf(input: EvidenceInput, pupilId: string, numbers: Map<IsoDate, number>): SubjectEvidence[] {
  const schemes = new Map(input.schemes.map((s) => [s.id, s]));
  const points = input.points.filter((p) => p.pupilId === pupilId).sort((a, b) => a.windowStartsOn.localeCompare(b.windowStartsOn));
  return [...input.subjects]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((subject) => {
      const scheme = schemes.get(subject.schemeId)!;
      const own = points.filter((p) => p.subjectId === subject.id);
      // Progress is reckoned in the subject's current scheme: a step of another scheme is not comparable.
      const counted = own.flatMap((p) => {
        const value = p.schemeId === scheme.id ? valueNumber(scheme, p) : undefined;
        return value === undefined ? [] : [{ window: numbers.get(p.windowStartsOn)!, value, baseline: p.baseline, fact: p }];
      });
      const progress = progressOf(scheme, counted);
      const label = (at: { window: number } | null) => (at ? labelOf(scheme, counted.find((c) => c.window === at.window)!.fact) : null);
      return {
        key: subject.key,
        name: subject.name,
        scheme: { id: scheme.id, name: scheme.name, kind: scheme.kind, expectedPerTerm: scheme.expectedPerTerm },
        points: own.map((p) => ({
          window: p.windowName,
          windowStartsOn: p.windowStartsOn,
          value: labelOf(schemes.get(p.schemeId) ?? scheme, p),
          baseline: p.baseline,
          source: p.source,
          inCurrentScheme: p.schemeId === scheme.id,
        })),
        progress: { ...progress, startValue: label(progress.start), latestValue: label(progress.latest) },
      };
    })
    .filter((s) => s.points.length > 0);
}

function sessionsIn(input: EvidenceInput, pupilIds: Set<string>, term: Term): Map<string, Sessions> {
  const byPupil = new Map<string, Sessions>();
  for (const a of input.attendance) {
    if (!pupilIds.has(a.pupilId) || !rangeInTerm(input.terms, term, a)) continue;
    byPupil.set(a.pupilId, addSessions([byPupil.get(a.pupilId) ?? { possible: 0, attended: 0 }, a]));
  }
  return byPupil;
}

function termAttendance(term: Term, s: Sessions | undefined): TermAttendance | null {
  return s ? { term: term.name, ...s, percent: attendancePercent(s), persistentAbsence: persistentlyAbsent(s) } : null;
}

/** In a term: from its first day until the next term starts (the holiday after it counts with it). */
const inTerm = (terms: Term[], term: Term, day: IsoDate): boolean => termOf(terms, day)?.startsOn === term.startsOn;

const numbersOf = (input: EvidenceInput): Map<IsoDate, number> => windowNumbers([...input.terms.map((t) => t.startsOn), ...input.windowStarts, ...input.points.map((p) => p.windowStartsOn)]);

/**
 * One pupil's evidence. `since` is when "new" starts (the pupil's last conversation, else the term's
 * first day): an exclusion starting since then is flagged new.
 */
export function pupilFigures(input: EvidenceInput, pupilId: string, at: Date, since: IsoDate | null): PupilFigures {
  const today = localDate(at, input.timezone);
  const term = termOf(input.terms, today) ?? null;
  const pupil = input.pupils.find((p) => p.id === pupilId);
  const subjects = subjectsOf(input, pupilId, numbersOf(input));
  const me = new Set([pupilId]);
  const lastTerm = term ? (termBefore(input.terms, term) ?? null) : null;
  const thisTerm = term ? termAttendance(term, sessionsIn(input, me, term).get(pupilId)) : null;
  const previous = lastTerm ? termAttendance(lastTerm, sessionsIn(input, me, lastTerm).get(pupilId)) : null;
  const exclusions = input.exclusions.filter((e) => e.pupilId === pupilId);
  const termExclusions = term ? exclusions.filter((e) => inTerm(input.terms, term, e.startsOn)) : [];
  const events = input.events.filter((e) => e.pupilId === pupilId && term !== null && inTerm(input.terms, term, e.on));
  const of = (kind: WiderOutcomeKind) => events.filter((e) => e.kind === kind);
  const newFrom = since ?? term?.startsOn ?? null;
  const weeks = (kind: WiderOutcomeKind) => (term ? countsByWeek(of(kind).map((e) => e.on), term.startsOn, today) : []);
  return {
    at: at.toISOString(),
    today,
    term,
    cohort: pupil ? cohortStatus(pupil.senStatus, pupil.history, today) : null,
    subjects,
    attendance: { thisTerm, lastTerm: previous, trend: thisTerm && previous ? attendanceTrend(previous, thisTerm) : null },
    exclusions: {
      thisTerm: {
        suspensions: termExclusions.filter((e) => e.kind === 'SUSPENSION').length,
        days: termExclusions.reduce((sum, e) => sum + (e.days ?? 0), 0),
        permanent: termExclusions.filter((e) => e.kind === 'PERMANENT').length,
      },
    },
    outcomes: {
      thisTerm: {
        behaviourIncidents: of('BEHAVIOUR_INCIDENT').length,
        achievements: of('ACHIEVEMENT').length,
        bullyingReports: of('BULLYING_REPORT').length,
        bullyingResolved: of('BULLYING_REPORT').filter((e) => e.resolved).length,
        participation: of('PARTICIPATION').length,
      },
      behaviourByWeek: weeks('BEHAVIOUR_INCIDENT'),
      achievementsByWeek: weeks('ACHIEVEMENT'),
    },
    flags: {
      offCourse: subjects.filter((s) => s.progress.status === 'off_course').map((s) => s.key),
      persistentAbsence: thisTerm?.persistentAbsence ?? false,
      newExclusion: newFrom !== null && exclusions.some((e) => e.startsOn >= newFrom && e.startsOn <= today),
    },
  };
}

// ---------------------------------------------------------------- the school

export interface TermOutcomes {
  term: string;
  from: IsoDate;
  to: IsoDate;
  attendance: { cohortPercent: number | null; wholeSchoolPercent: number | null; persistentAbsence: number; pupilsWithAttendance: number };
  exclusions: { suspensions: number; permanent: number; days: number; pupils: number };
  behaviour: { incidents: number; pupils: number };
  achievements: { count: number; pupils: number };
  bullying: { reports: number; resolved: number };
  participation: { attendances: number; pupils: number };
}

export interface SchoolFigures {
  at: string;
  today: IsoDate;
  term: Term | null;
  /** What the school chose to lead with (strand 3); every outcome is kept. */
  widerOutcomes: TargetArea[];
  cohort: { pupils: number; formerSen: number };
  attainment: {
    offCourse: { pupils: number; pupilIds: string[] };
    bySubject: { key: string; name: string; assessed: number; offCourse: number; onCourse: number }[];
  };
  /** This term, with the whole school's figure when the school gave it. */
  attendance: TermOutcomes['attendance'] & { gap: number | null };
  exclusions: TermOutcomes['exclusions'];
  /** The school year so far, term by term. */
  byTerm: TermOutcomes[];
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

function termOutcomes(input: EvidenceInput, term: Term, cohort: Set<string>): TermOutcomes {
  const sessions = sessionsIn(input, cohort, term);
  const total = addSessions([...sessions.values()]);
  const whole = input.schoolAttendance.filter((s) => rangeInTerm(input.terms, term, s)).sort((a, b) => a.to.localeCompare(b.to)).at(-1);
  const exclusions = input.exclusions.filter((e) => cohort.has(e.pupilId) && inTerm(input.terms, term, e.startsOn));
  const events = input.events.filter((e) => cohort.has(e.pupilId) && inTerm(input.terms, term, e.on));
  const of = (kind: WiderOutcomeKind) => events.filter((e) => e.kind === kind);
  const pupils = (list: { pupilId: string }[]) => new Set(list.map((x) => x.pupilId)).size;
  return {
    term: term.name,
    from: term.startsOn,
    to: term.endsOn,
    attendance: {
      cohortPercent: attendancePercent(total),
      wholeSchoolPercent: whole?.percent ?? null,
      persistentAbsence: [...sessions.values()].filter(persistentlyAbsent).length,
      pupilsWithAttendance: sessions.size,
    },
    exclusions: {
      suspensions: exclusions.filter((e) => e.kind === 'SUSPENSION').length,
      permanent: exclusions.filter((e) => e.kind === 'PERMANENT').length,
      days: exclusions.reduce((sum, e) => sum + (e.days ?? 0), 0),
      pupils: pupils(exclusions),
    },
    behaviour: { incidents: of('BEHAVIOUR_INCIDENT').length, pupils: pupils(of('BEHAVIOUR_INCIDENT')) },
    achievements: { count: of('ACHIEVEMENT').length, pupils: pupils(of('ACHIEVEMENT')) },
    bullying: { reports: of('BULLYING_REPORT').length, resolved: of('BULLYING_REPORT').filter((e) => e.resolved).length },
    participation: { attendances: of('PARTICIPATION').length, pupils: pupils(of('PARTICIPATION')) },
  };
}

export function schoolFigures(input: EvidenceInput, at: Date): SchoolFigures {
  const today = localDate(at, input.timezone);
  const term = termOf(input.terms, today) ?? null;
  const cohortOf = new Map(input.pupils.map((p) => [p.id, cohortStatus(p.senStatus, p.history, today)]));
  const cohort = new Set([...cohortOf].filter(([, s]) => s !== null).map(([id]) => id));
  const numbers = numbersOf(input);
  const bySubject = new Map(input.subjects.map((s) => [s.key, { key: s.key, name: s.name, assessed: 0, offCourse: 0, onCourse: 0 }]));
  const offCourse = new Set<string>();
  const pointsOf = new Map<string, PointFact[]>();
  for (const p of input.points) if (cohort.has(p.pupilId)) pointsOf.set(p.pupilId, [...(pointsOf.get(p.pupilId) ?? []), p]);
  for (const [pupilId, points] of pointsOf) {
    for (const s of subjectsOf({ ...input, points }, pupilId, numbers)) {
      const row = bySubject.get(s.key)!;
      row.assessed += 1;
      if (s.progress.status === 'off_course') {
        row.offCourse += 1;
        offCourse.add(pupilId);
      }
      if (s.progress.status === 'on_course') row.onCourse += 1;
    }
  }
  const year = termsOfSchoolYear(input.terms, today).filter((t) => t.startsOn <= today);
  const byTerm = year.map((t) => termOutcomes(input, t, cohort));
  const now = term ? termOutcomes(input, term, cohort) : null;
  const attendance = now?.attendance ?? { cohortPercent: null, wholeSchoolPercent: null, persistentAbsence: 0, pupilsWithAttendance: 0 };
  return {
    at: at.toISOString(),
    today,
    term,
    widerOutcomes: input.widerOutcomes,
    cohort: { pupils: cohort.size, formerSen: [...cohortOf.values()].filter((s) => s === 'FORMER_SEN').length },
    attainment: {
      offCourse: { pupils: offCourse.size, pupilIds: [...offCourse].sort() },
      bySubject: [...bySubject.values()].sort((a, b) => a.key.localeCompare(b.key)),
    },
    attendance: {
      ...attendance,
      gap: attendance.cohortPercent !== null && attendance.wholeSchoolPercent !== null ? round1(attendance.cohortPercent - attendance.wholeSchoolPercent) : null,
    },
    exclusions: now?.exclusions ?? { suspensions: 0, permanent: 0, days: 0, pupils: 0 },
    byTerm,
  };
}
