import type { Prisma } from '../generated/prisma/client';
import { localDate, type IsoDate } from '../domain/schoolCalendar';
import { attendanceView, type AttendanceView } from '../attendance/attendanceRecords';
import { exclusionView, outcomeEventView, type ExclusionView, type OutcomeEventView } from '../outcomes/outcomeRecords';
import { isoDay } from '../evidence/access';
import type { EvidenceInput } from './figures';
import { schoolYearStartOf } from '../evidence/windows';

/**
 * The rows the evidence figures need, one loader per figure set. Each costs a fixed number of SQL
 * statements whatever the school's size: every list is one query narrowed by a join on the pupil
 * (never one query per pupil, nor a list of ids that grows with the school). Pupils on the roll only.
 * Attendance, exclusions and events are read from the start of the previous school year (this
 * term's figures compare with the last term, which in the autumn is the summer before); assessment
 * points are read whole, since a starting point may be years old.
 */
/** The bare client or a transaction: a read needs neither more nor less. */
type Db = Prisma.TransactionClient;

/** Statements each loader sends (tests/evidence/figureQueries.test.ts holds them to it). */
export const SCHOOL_EVIDENCE_STATEMENTS = 11;
export const PUPIL_EVIDENCE_STATEMENTS = 13;

/** The first day of the school year before the one `at` is in (a day early is harmless: it only reads more). */
const readFrom = (at: Date): Date => {
  const thisYear = schoolYearStartOf(at.toISOString().slice(0, 10));
  return new Date(`${Number(thisYear.slice(0, 4)) - 1}-08-31T00:00:00.000Z`);
};

const pointSelect = { pupilId: true, subjectId: true, schemeId: true, windowStartsOn: true, windowName: true, step: true, score: true, baseline: true, source: true } satisfies Prisma.AssessmentPointSelect;

// One statement after another, never Promise.all: a transaction's connection runs one at a time anyway.
async function shared(db: Db, schoolId: string) {
  return [
    await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { timezone: true, widerOutcomes: true } }),
    await db.schoolTerm.findMany({ where: { schoolId }, select: { name: true, startsOn: true, endsOn: true }, orderBy: { startsOn: 'asc' } }),
    await db.assessmentScheme.findMany({ where: { schoolId } }),
    await db.assessmentSubject.findMany({ where: { schoolId }, select: { id: true, key: true, name: true, schemeId: true } }),
    await db.schoolAttendance.findMany({ where: { schoolId }, select: { fromDate: true, toDate: true, percent: true } }),
  ] as const;
}

type Shared = Awaited<ReturnType<typeof shared>>;
type PointRow = Prisma.AssessmentPointGetPayload<{ select: typeof pointSelect }>;
type Rows = {
  pupils: { id: string; senStatus: EvidenceInput['pupils'][number]['senStatus'] }[];
  history: { pupilId: string; senStatus: EvidenceInput['pupils'][number]['senStatus']; effectiveOn: Date }[];
  windows: IsoDate[];
  points: PointRow[];
  attendance: { pupilId: string; fromDate: Date; toDate: Date; sessionsPossible: number; sessionsAttended: number }[];
  exclusions: { pupilId: string; kind: EvidenceInput['exclusions'][number]['kind']; startsOn: Date; days: number | null }[];
  events: { pupilId: string; kind: EvidenceInput['events'][number]['kind']; occurredOn: Date; resolved: boolean | null }[];
};

function inputOf([school, terms, schemes, subjects, schoolAttendance]: Shared, rows: Rows): EvidenceInput {
  return {
    timezone: school.timezone,
    widerOutcomes: school.widerOutcomes,
    terms: terms.map((t) => ({ name: t.name, startsOn: isoDay(t.startsOn), endsOn: isoDay(t.endsOn) })),
    pupils: rows.pupils.map((p) => ({
      id: p.id,
      senStatus: p.senStatus,
      history: rows.history.filter((h) => h.pupilId === p.id).map((h) => ({ senStatus: h.senStatus, effectiveOn: isoDay(h.effectiveOn) })),
    })),
    schemes: schemes.map((s) => ({ id: s.id, name: s.name, kind: s.kind, steps: s.steps, minScore: s.minScore, maxScore: s.maxScore, expectedPerTerm: s.expectedPerTerm, tolerance: s.tolerance })),
    subjects,
    windowStarts: rows.windows,
    points: rows.points.map((p) => ({ ...p, windowStartsOn: isoDay(p.windowStartsOn) })),
    attendance: rows.attendance.map((a) => ({ pupilId: a.pupilId, from: isoDay(a.fromDate), to: isoDay(a.toDate), possible: a.sessionsPossible, attended: a.sessionsAttended })),
    schoolAttendance: schoolAttendance.map((s) => ({ from: isoDay(s.fromDate), to: isoDay(s.toDate), percent: s.percent })),
    exclusions: rows.exclusions.map((e) => ({ pupilId: e.pupilId, kind: e.kind, startsOn: isoDay(e.startsOn), days: e.days })),
    events: rows.events.map((e) => ({ pupilId: e.pupilId, kind: e.kind, on: isoDay(e.occurredOn), resolved: e.resolved })),
  };
}

/** A school's evidence: its pupils on the roll, everything the school figures need. */
export async function loadSchoolEvidence(db: Db, schoolId: string, at: Date): Promise<EvidenceInput> {
  const onRoll: Prisma.PupilWhereInput = { schoolId, archivedAt: null };
  const from = readFrom(at);
  return inputOf(await shared(db, schoolId), {
    pupils: await db.pupil.findMany({ where: onRoll, select: { id: true, senStatus: true } }),
    // Only a pupil off the register needs their history (were they on it, and when did they leave).
    history: await db.senStatusChange.findMany({ where: { pupil: { ...onRoll, senStatus: 'NOT_ON_REGISTER' } }, select: { pupilId: true, senStatus: true, effectiveOn: true } }),
    windows: [],
    points: await db.assessmentPoint.findMany({ where: { pupil: onRoll }, select: pointSelect }),
    attendance: await db.attendanceRecord.findMany({ where: { pupil: onRoll, toDate: { gte: from } }, select: { pupilId: true, fromDate: true, toDate: true, sessionsPossible: true, sessionsAttended: true } }),
    exclusions: await db.exclusion.findMany({ where: { pupil: onRoll, startsOn: { gte: from } }, select: { pupilId: true, kind: true, startsOn: true, days: true } }),
    events: await db.widerOutcomeEvent.findMany({ where: { pupil: onRoll, occurredOn: { gte: from } }, select: { pupilId: true, kind: true, occurredOn: true, resolved: true } }),
  });
}

export interface PupilEvidenceRows {
  input: EvidenceInput;
  /** The day of the pupil's last conversation held (school-local): what is "new" since. */
  lastConversationOn: IsoDate | null;
  records: { attendance: AttendanceView[]; exclusions: ExclusionView[]; events: OutcomeEventView[] };
}

/** One pupil's evidence, with the records behind it. */
export async function loadPupilEvidence(db: Db, pupilId: string, at: Date): Promise<PupilEvidenceRows> {
  const pupil = await db.pupil.findUniqueOrThrow({ where: { id: pupilId }, select: { id: true, schoolId: true, senStatus: true } });
  const from = readFrom(at);
  const base = await shared(db, pupil.schoolId);
  const history = await db.senStatusChange.findMany({ where: { pupilId }, select: { pupilId: true, senStatus: true, effectiveOn: true } });
  // Windows the school's points were recorded in number the terms between this pupil's points.
  const windows = await db.assessmentPoint.groupBy({ by: ['windowStartsOn'], where: { pupil: { schoolId: pupil.schoolId } } });
  const points = await db.assessmentPoint.findMany({ where: { pupilId }, select: pointSelect });
  const attendance = await db.attendanceRecord.findMany({ where: { pupilId, toDate: { gte: from } }, orderBy: { fromDate: 'asc' } });
  const exclusions = await db.exclusion.findMany({ where: { pupilId }, orderBy: { startsOn: 'asc' } });
  const events = await db.widerOutcomeEvent.findMany({ where: { pupilId, occurredOn: { gte: from } }, orderBy: [{ occurredOn: 'asc' }, { recordedAt: 'asc' }] });
  const lastConversation = await db.structuredConversation.findFirst({ where: { pupilId, status: 'HELD', heldAt: { not: null, lte: at } }, orderBy: { heldAt: 'desc' }, select: { heldAt: true } });
  const input = inputOf(base, {
    pupils: [pupil],
    history,
    windows: windows.map((w) => isoDay(w.windowStartsOn)),
    points,
    attendance,
    exclusions,
    events,
  });
  return {
    input,
    lastConversationOn: lastConversation?.heldAt ? localDate(lastConversation.heldAt, input.timezone) : null,
    records: { attendance: attendance.map(attendanceView), exclusions: exclusions.map(exclusionView), events: events.map(outcomeEventView) },
  };
}
