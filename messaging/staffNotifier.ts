import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { queueMessage, type QueuedMessage } from './outbox';

/**
 * Everything the product pushes to staff (reminders, parent replies, digests, alerts) goes
 * through here: stored as a Teams message and delivered by the bot, proactively. A member of
 * staff who has not installed the app yet keeps the message waiting, visible through the API.
 */
/**
 * Every kind of notice the product pushes to staff. Each is re-checked against the record when it
 * is delivered (a capability's `noticeCards`): the service refuses to start with a kind that has no check.
 */
export const STAFF_NOTICES = [
  'reminder.book',
  'reminder.gatherViews',
  'reminder.prepare',
  'reminder.record',
  'reminder.tellSubjectTeachers',
  'reminder.confirmWithParent',
  'reminder.targetReview',
  'progress.askTeacher',
  'escalation.overdueConversation',
  'escalation.unansweredReply',
  'parent.reply',
  'parent.unfiled',
  'parent.unknownNumber',
  'contact.unreachable',
  'contact.reachable',
  'booking.confirmed',
  'booking.declined',
  'booking.cancelledByParent',
  'subjectTeachers.outcome',
  'digest.weekly',
  'staff.unknownTeamsUser',
  'staff.teamsUnreachable',
  'mis.accessRevoked',
  'evaluation.ready',
] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICES)[number];

export const isStaffNotice = (kind: string): kind is StaffNoticeKind => (STAFF_NOTICES as readonly string[]).includes(kind);

export interface StaffNotice {
  staffId: string;
  /** Plain text: the notification preview and the fallback where cards are not shown. */
  text: string;
  card?: Record<string, unknown>;
  /** What kind of notice, e.g. "parent.reply", "reminder.prepare", "digest.weekly". */
  template: StaffNoticeKind;
  pupilId?: string;
  conversationId?: string;
  inReplyToId?: string;
  idempotencyKey?: string;
  /** Not before this instant (default: now). */
  at?: Date;
}

export async function notifyStaff(tx: Tx, clock: Clock, notice: StaffNotice): Promise<QueuedMessage> {
  const staff = await tx.staff.findUniqueOrThrow({ where: { id: notice.staffId }, select: { schoolId: true } });
  return queueMessage(tx, {
    schoolId: staff.schoolId,
    channel: 'TEAMS',
    staffId: notice.staffId,
    body: notice.text,
    card: notice.card,
    template: notice.template,
    pupilId: notice.pupilId,
    conversationId: notice.conversationId,
    inReplyToId: notice.inReplyToId,
    idempotencyKey: notice.idempotencyKey,
    notBefore: notice.at ?? clock.now(),
    createdAt: clock.now(),
  });
}

/** A notice to a trust lead or local authority officer (the termly evaluation is ready): a Teams message of no one school's. */
export async function notifyOrganisationMember(tx: Tx, clock: Clock, notice: Omit<StaffNotice, 'staffId' | 'pupilId' | 'conversationId' | 'inReplyToId'> & { memberId: string }): Promise<QueuedMessage> {
  return queueMessage(tx, {
    schoolId: null,
    channel: 'TEAMS',
    organisationMemberId: notice.memberId,
    body: notice.text,
    card: notice.card,
    template: notice.template,
    idempotencyKey: notice.idempotencyKey,
    notBefore: notice.at ?? clock.now(),
    createdAt: clock.now(),
  });
}

/** Staff holding a role in a school (e.g. every admin, for an alert). */
export async function staffWithRole(db: PrismaClient | Prisma.TransactionClient, schoolId: string, role: 'ADMIN' | 'SENCO' | 'SCHOOL_LEAD'): Promise<string[]> {
  const rows = await db.staff.findMany({ where: { schoolId, active: true, roles: { has: role } }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  return rows.map((r) => r.id);
}

/** Who hears about a pupil: their key teacher, or the school's SENCOs when they have none. */
export async function keyTeacherOrSencos(db: PrismaClient | Prisma.TransactionClient, pupil: { keyTeacherId: string | null; schoolId: string }): Promise<string[]> {
  return pupil.keyTeacherId ? [pupil.keyTeacherId] : staffWithRole(db, pupil.schoolId, 'SENCO');
}
