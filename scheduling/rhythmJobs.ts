import type { ConversationKind, ConversationStatus, RecordState, TargetStatus } from '../generated/prisma/client';
import {
  beyondCalendar,
  confidenceCheckAt,
  confirmWithParentAt,
  gatherViewsAt,
  nextProgressRound,
  nextStaffReminderTime,
  OPEN_STATUSES,
  overdueEscalationAt,
  parentMessageAt,
  prepareAt,
  recordAt,
  targetReviewAt,
  tellSubjectTeachersAt,
  unansweredReplyEscalationAt,
  updateEveryWeeks,
} from '../domain/conversationCycle';
import { addDays, localDate, type IsoDate } from '../domain/schoolCalendar';
import type { JobSpec } from '../jobs/jobQueue';
import { reviewedForItsDate } from '../domain/targetReview';
import type { Rhythm } from './rhythm';

/**
 * Which jobs a conversation, a target, a pupil's parents or a parent's reply need, given their
 * state now. One function per subject, used twice: by the planner (to plan, move and cancel jobs)
 * and by each job's handler at run time (a job runs only if its key is still wanted), so the two
 * can never disagree. The planner also learns from each the first date its answer may change with
 * nothing changed but the date (`replanOn`): the day rollover plans the subject again then, and
 * only then. Every rule that depends on the date does so by the school-local day, never the hour,
 * so planning again later the same day changes nothing.
 */
export const RHYTHM_JOB = {
  book: 'reminder.book',
  gatherViews: 'reminder.gatherViews',
  prepare: 'reminder.prepare',
  record: 'reminder.record',
  tellSubjectTeachers: 'reminder.tellSubjectTeachers',
  confirmWithParent: 'reminder.confirmWithParent',
  confidence: 'confidence.check',
  overdue: 'escalation.overdueConversation',
  targetReview: 'reminder.targetReview',
  progress: 'progress.update',
  progressRecheck: 'progress.recheck',
  unansweredReply: 'escalation.unansweredReply',
} as const;

export type RhythmJobKind = (typeof RHYTHM_JOB)[keyof typeof RHYTHM_JOB];

export const CONVERSATION_JOB_KINDS: RhythmJobKind[] = [
  RHYTHM_JOB.book,
  RHYTHM_JOB.gatherViews,
  RHYTHM_JOB.prepare,
  RHYTHM_JOB.record,
  RHYTHM_JOB.tellSubjectTeachers,
  RHYTHM_JOB.confirmWithParent,
  RHYTHM_JOB.confidence,
  RHYTHM_JOB.overdue,
];

/** A confidence question is not worth asking about a conversation recorded more than this many days ago. */
const CONFIDENCE_CHECK_DAYS = 7;
/** A target's review reminder is not sent once its day is this many days past (the overdue escalation takes over). */
const TARGET_REMINDER_DAYS = 7;

/** A subject's jobs now, and the first school-local date they may differ with nothing changed but the date. */
export interface SubjectPlan {
  specs: JobSpec[];
  replanOn?: IsoDate;
}

/** A window that closes on `closes`: worth planning again then only if a job it wants may still be waiting then. */
function closing(r: Rhythm, spec: JobSpec | undefined, closes: IsoDate): IsoDate | undefined {
  return spec && localDate(spec.runAt, r.cal.timezone) >= closes ? closes : undefined;
}

const iso = (d: Date): string => d.toISOString();
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Staff are only reminded in working hours; a reminder whose moment passed before it was planned
 * (booked late, the service was down) goes at the next staff reminder time.
 */
function staffRunAt(r: Rhythm, at: Date, now: Date): Date {
  return nextStaffReminderTime(r.cal, at >= now ? at : now, r.settings.staffReminderTime);
}

export interface ConversationState {
  id: string;
  pupilId: string;
  kind: ConversationKind;
  status: ConversationStatus;
  dueBy: Date;
  scheduledAt: Date | null;
  durationMinutes: number;
  recordState: RecordState;
  recordedAt: Date | null;
  subjectTeachersToldAt: Date | null;
  parentConfirmedAt: Date | null;
}

export function conversationJobs(r: Rhythm, c: ConversationState, now: Date): JobSpec[] {
  return conversationPlan(r, c, now).specs;
}

export function conversationPlan(r: Rhythm, c: ConversationState, now: Date): SubjectPlan {
  if (c.status === 'CANCELLED') return { specs: [] };
  const { cal, settings } = r;
  const time = settings.staffReminderTime;
  const base = { schoolId: r.schoolId, subjectId: c.id, payload: { conversationId: c.id, pupilId: c.pupilId } };
  const specs: JobSpec[] = [];
  const staffJob = (kind: RhythmJobKind, key: string, at: Date): JobSpec => ({ ...base, kind, dedupeKey: key, runAt: staffRunAt(r, at, now) });

  if (c.status === 'TO_BOOK') specs.push(staffJob(RHYTHM_JOB.book, `${RHYTHM_JOB.book}:${c.id}`, now));

  const meeting = c.scheduledAt ? { scheduledAt: c.scheduledAt, durationMinutes: c.durationMinutes } : undefined;
  if (c.status === 'BOOKED' && meeting && !beyondCalendar(cal, localDate(meeting.scheduledAt, cal.timezone))) {
    const anchor = iso(meeting.scheduledAt);
    const gather = staffJob(RHYTHM_JOB.gatherViews, `${RHYTHM_JOB.gatherViews}:${c.id}:${anchor}`, gatherViewsAt(cal, meeting, time));
    const prepare = staffJob(RHYTHM_JOB.prepare, `${RHYTHM_JOB.prepare}:${c.id}:${anchor}`, prepareAt(cal, meeting, time));
    // A "before" reminder that can no longer arrive before the meeting is not sent at all; booked
    // at such short notice that both would go at once, the Prepare card alone says it all.
    if (gather.runAt < meeting.scheduledAt && gather.runAt < prepare.runAt) specs.push(gather);
    if (prepare.runAt < meeting.scheduledAt) specs.push(prepare);
  }
  if ((c.status === 'BOOKED' || c.status === 'HELD') && c.recordState !== 'FINAL') {
    const anchor = meeting ? iso(meeting.scheduledAt) : 'unscheduled';
    specs.push(staffJob(RHYTHM_JOB.record, `${RHYTHM_JOB.record}:${c.id}:${anchor}`, meeting ? recordAt(meeting) : now));
  }

  let replanOn: IsoDate | undefined;
  if (c.recordState === 'FINAL' && c.recordedAt) {
    if (!c.subjectTeachersToldAt) {
      specs.push(staffJob(RHYTHM_JOB.tellSubjectTeachers, `${RHYTHM_JOB.tellSubjectTeachers}:${c.id}`, tellSubjectTeachersAt(cal, c.recordedAt, time)));
    }
    if (!c.parentConfirmedAt) {
      specs.push(staffJob(RHYTHM_JOB.confirmWithParent, `${RHYTHM_JOB.confirmWithParent}:${c.id}`, confirmWithParentAt(cal, c.recordedAt, time)));
    }
    const closes = addDays(localDate(c.recordedAt, cal.timezone), CONFIDENCE_CHECK_DAYS + 1);
    if (localDate(now, cal.timezone) < closes) {
      const at = confidenceCheckAt(cal, c.recordedAt);
      const ask: JobSpec = { ...base, kind: RHYTHM_JOB.confidence, dedupeKey: `${RHYTHM_JOB.confidence}:${c.id}`, runAt: at >= now ? at : now };
      specs.push(ask);
      replanOn = closing(r, ask, closes);
    }
  }

  if (OPEN_STATUSES.includes(c.status)) {
    const due = isoDate(c.dueBy);
    specs.push(staffJob(RHYTHM_JOB.overdue, `${RHYTHM_JOB.overdue}:${c.id}:${due}`, overdueEscalationAt(cal, due, settings.overdueEscalationDays, time)));
  }
  return { specs, replanOn };
}

const FINISHED_TARGET: TargetStatus[] = ['ACHIEVED', 'CLOSED'];

type TargetState = { id: string; pupilId: string; status: TargetStatus; reviewBy: Date; reviewedAt: Date | null };

export function targetJobs(r: Rhythm, t: TargetState, now: Date): JobSpec[] {
  return targetPlan(r, t, now).specs;
}

export function targetPlan(r: Rhythm, t: TargetState, now: Date): SubjectPlan {
  if (FINISHED_TARGET.includes(t.status)) return { specs: [] };
  const reviewBy = isoDate(t.reviewBy);
  // Reviewed for this date already (domain/record.ts, the rule the due list and the figures use): nothing to remind about.
  if (reviewedForItsDate({ reviewBy, reviewedOn: t.reviewedAt && localDate(t.reviewedAt, r.cal.timezone) }, localDate(now, r.cal.timezone))) return { specs: [] };
  if (beyondCalendar(r.cal, reviewBy)) return { specs: [] };
  const at = targetReviewAt(r.cal, reviewBy, r.settings.staffReminderTime);
  // A review date long past is the overdue-conversation escalation's business, not a fresh reminder.
  const closes = addDays(localDate(at, r.cal.timezone), TARGET_REMINDER_DAYS + 1);
  if (localDate(now, r.cal.timezone) >= closes) return { specs: [] };
  const reminder: JobSpec = {
    kind: RHYTHM_JOB.targetReview,
    dedupeKey: `${RHYTHM_JOB.targetReview}:${t.id}:${reviewBy}`,
    runAt: staffRunAt(r, at, now),
    schoolId: r.schoolId,
    subjectId: t.id,
    payload: { targetId: t.id, pupilId: t.pupilId },
  };
  return { specs: [reminder], replanOn: closing(r, reminder, closes) };
}

export interface ProgressAnchor {
  pupilId: string;
  /** The last conversation held: updates run between it and the next. */
  conversationId: string;
  heldAt: Date;
}

/** The next round for each parent; once a round's date has passed, the one after it (the day after). */
export function progressPlan(r: Rhythm, anchor: ProgressAnchor, contacts: { id: string; updateEveryWeeks: number | null }[], now: Date): SubjectPlan {
  const today = localDate(now, r.cal.timezone);
  const heldOn = localDate(anchor.heldAt, r.cal.timezone);
  let replanOn: IsoDate | undefined;
  const specs = contacts.flatMap((contact): JobSpec[] => {
    const weeks = updateEveryWeeks(contact.updateEveryWeeks, r.settings.progressUpdateEveryWeeks);
    const next = nextProgressRound(r.cal, heldOn, weeks, today);
    if (!next) return [];
    const { round, date } = next;
    const after = addDays(date, 1);
    if (!replanOn || after < replanOn) replanOn = after;
    const at = parentMessageAt(r.cal, date);
    return [{
      kind: RHYTHM_JOB.progress,
      // The rhythm is part of the key: a parent who changes it gets the new rhythm, not a skipped round.
      dedupeKey: `${RHYTHM_JOB.progress}:${anchor.pupilId}:${contact.id}:${anchor.conversationId}:${weeks}w:${round}`,
      runAt: at >= now ? at : now,
      schoolId: r.schoolId,
      subjectId: anchor.pupilId,
      payload: { pupilId: anchor.pupilId, contactId: contact.id, conversationId: anchor.conversationId, weeks, round, date },
    }];
  });
  return { specs, replanOn };
}

export function unansweredReplyJobs(r: Rhythm, reply: { id: string; pupilId: string; createdAt: Date; handledAt: Date | null }, now: Date): JobSpec[] {
  if (reply.handledAt) return [];
  const time = r.settings.staffReminderTime;
  const at = unansweredReplyEscalationAt(r.cal, reply.createdAt, r.settings.replyEscalationSchoolDays, time);
  return [
    {
      kind: RHYTHM_JOB.unansweredReply,
      dedupeKey: `${RHYTHM_JOB.unansweredReply}:${reply.id}`,
      runAt: staffRunAt(r, at, now),
      schoolId: r.schoolId,
      subjectId: reply.id,
      payload: { messageId: reply.id, pupilId: reply.pupilId },
    },
  ];
}
