import type { PrismaClient } from '../db/database';
import type { Tx } from '../db/transaction';
import { addDays, localDate, schoolDayOnOrBefore } from '../domain/schoolCalendar';
import { loadSchoolCalendar } from '../school/calendar';
import { isoDay, recordUrl, whenLabel } from '../cards/adaptive';
import type { TargetReviewCardData } from '../cards/noticeCards';
import { prepareCard } from '../cards/prepareCard';
import { yearGroupWords } from '../domain/words';
import type { ProgressCardData } from '../cards/progressCard';
import type { RecordCardData } from '../cards/recordCard';
import { subjectTeacherOutcomeCard, type SubjectTeachersCardData } from '../cards/subjectTeachersCard';
import type { Attendee } from '../domain/record';
import { dueForReview, REVIEW_LOOKAHEAD_DAYS } from '../domain/targetReview';
import { attendeesOf } from './attendees';
import { currentConversation, lastRecordedConversation, latestPupilViews, openParentReplies, pupilTargets } from './queries';

/** Reads what each recording card shows from the database, at the moment it is shown (never from memory). */
type Reader = PrismaClient | Tx;

/** Six school weeks is the usual span of a medium-term target. */
const DEFAULT_TARGET_WEEKS = 6;

export async function loadPrepareCard(prisma: PrismaClient, publicBaseUrl: string, pupilId: string) {
  const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id: pupilId }, include: { school: { select: { timezone: true } } } });
  const tz = pupil.school.timezone;
  const conversation = await currentConversation(prisma, pupilId);
  const [targets, views, last, replies] = await Promise.all([
    pupilTargets(prisma, pupilId),
    latestPupilViews(prisma, pupilId),
    lastRecordedConversation(prisma, pupilId, conversation?.id),
    openParentReplies(prisma, pupilId),
  ]);
  return prepareCard({
    pupil,
    conversation: conversation && { id: conversation.id, kind: conversation.kind, dueBy: conversation.dueBy, whenLabel: conversation.scheduledAt ? whenLabel(conversation.scheduledAt, tz) : null },
    targets: targets.map((t) => ({ area: t.area, description: t.description, status: t.status, reviewBy: t.reviewBy, latestNote: t.latestProgress?.note ?? null })),
    views,
    lastConversation: last && { heldAt: last.heldAt, planNotes: last.planNotes, actions: last.targets.filter((t) => t.schoolActions || t.homeActions) },
    openReplies: replies.map((r) => ({ from: r.contact?.displayName ?? 'a parent', body: r.body, receivedLabel: whenLabel(r.createdAt, tz) })),
    recordUrl: recordUrl(publicBaseUrl, pupilId),
  });
}

export async function loadRecordCardData(prisma: PrismaClient, publicBaseUrl: string, conversationId: string, now: Date): Promise<RecordCardData> {
  const c = await prisma.structuredConversation.findUniqueOrThrow({
    where: { id: conversationId },
    include: { pupil: { include: { school: { select: { timezone: true } } } }, targets: { where: { status: { not: 'CLOSED' } }, orderBy: { createdAt: 'asc' } } },
  });
  const today = localDate(now, c.pupil.school.timezone);
  const cal = await loadSchoolCalendar(prisma, c.pupil.schoolId);
  return {
    conversation: { ...c, attendees: attendeesOf(c.attendees) satisfies Attendee[] },
    pupil: c.pupil,
    targets: c.targets.map((t) => ({ ...t, reviewBy: isoDay(t.reviewBy) })),
    // Six weeks on, moved back to a school day if that falls in a holiday or at a weekend.
    defaultReviewBy: schoolDayOnOrBefore(cal, addDays(today > isoDay(c.dueBy)! ? today : isoDay(c.dueBy)!, DEFAULT_TARGET_WEEKS * 7)),
    recordUrl: recordUrl(publicBaseUrl, c.pupilId),
  };
}

export async function loadProgressCardData(prisma: PrismaClient, pupilId: string): Promise<ProgressCardData> {
  const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id: pupilId } });
  return { pupil, targets: await pupilTargets(prisma, pupilId) };
}

export async function loadSubjectTeachersData(prisma: PrismaClient, publicBaseUrl: string, conversationId: string): Promise<SubjectTeachersCardData> {
  const c = await prisma.structuredConversation.findUniqueOrThrow({
    where: { id: conversationId },
    include: { pupil: true, targets: { where: { status: { not: 'CLOSED' } }, orderBy: { createdAt: 'asc' } } },
  });
  const staff = await prisma.staff.findMany({
    where: { schoolId: c.pupil.schoolId, active: true, id: { not: c.keyTeacherId ?? undefined } },
    orderBy: { displayName: 'asc' },
    select: { id: true, displayName: true, jobTitle: true },
  });
  return { conversationId, pupil: c.pupil, targets: c.targets, staff, toldAt: c.subjectTeachersToldAt, parentConfirmedAt: c.parentConfirmedAt, recordUrl: recordUrl(publicBaseUrl, c.pupilId) };
}

/** The card subject teachers get: the targets as agreed, read inside the use case that sends it. */
export async function loadSubjectTeacherOutcome(db: Reader, publicBaseUrl: string, conversationId: string) {
  const c = await db.structuredConversation.findUniqueOrThrow({
    where: { id: conversationId },
    include: { pupil: true, keyTeacher: { select: { displayName: true } }, targets: { where: { status: { not: 'CLOSED' } }, orderBy: { createdAt: 'asc' } } },
  });
  return subjectTeacherOutcomeCard({
    pupil: { ...c.pupil, yearLabel: yearGroupWords(c.pupil.yearGroup) },
    keyTeacher: c.keyTeacher?.displayName ?? 'the key teacher',
    heldAt: c.heldAt,
    targets: c.targets,
    recordUrl: recordUrl(publicBaseUrl, c.pupilId),
  });
}

/**
 * The pupil's targets due for review: neither achieved nor closed, and not reviewed for their date
 * (domain/record.ts), up to the fortnight ahead the reminder may come in.
 */
export async function loadTargetReviewData(prisma: PrismaClient, publicBaseUrl: string, pupilId: string, now: Date): Promise<TargetReviewCardData> {
  const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id: pupilId }, include: { school: { select: { timezone: true } } } });
  const tz = pupil.school.timezone;
  const today = localDate(now, tz);
  const due = (await pupilTargets(prisma, pupilId)).filter((t) => dueForReview({ status: t.status, reviewBy: isoDay(t.reviewBy)!, reviewedOn: t.reviewedAt && localDate(t.reviewedAt, tz) }, today, addDays(today, REVIEW_LOOKAHEAD_DAYS)));
  return {
    pupil,
    targets: due.map((t) => ({ area: t.area, description: t.description, status: t.status, reviewBy: t.reviewBy, latestNote: t.latestProgress?.note ?? null })),
    recordUrl: recordUrl(publicBaseUrl, pupilId),
  };
}
