import type { Message } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { AdaptiveCard } from '../cards/adaptive';
import { bookingCard } from '../cards/bookingCard';
import { parentUnreachableCard, targetReviewCard, teamsUnreachableCard, unknownNumberCard, unknownTeamsUserCard } from '../cards/noticeCards';
import { progressFormCard } from '../cards/progressCard';
import { pupilViewsFormCard } from '../cards/pupilViewsCard';
import { recordFormCard } from '../cards/recordCard';
import { subjectTeachersCard } from '../cards/subjectTeachersCard';
import { TELL_SUBJECT_TEACHERS } from '../recording/conversationRecord';
import { loadBookingCardData, loadParentReplyCard, loadPrepareCard, loadProgressCardData, loadRecordCardData, loadSubjectTeachersData, loadTargetReviewData, recordUrl, whenLabel } from './cardData';

/**
 * Cards built at send time for notices queued as text (`notifyStaff` with a template and the ids it
 * is about): the card shows the record as it is when it arrives, not as it was when queued.
 */
type Builder = (prisma: PrismaClient, publicBaseUrl: string, m: Message, now: Date) => Promise<AdaptiveCard | undefined>;

const fromConversation = (build: (prisma: PrismaClient, base: string, id: string, now: Date) => Promise<AdaptiveCard>): Builder => (prisma, base, m, now) =>
  m.conversationId ? build(prisma, base, m.conversationId, now) : Promise.resolve(undefined);

const fromPupil = (build: (prisma: PrismaClient, base: string, pupilId: string, m: Message, now: Date) => Promise<AdaptiveCard>): Builder => (prisma, base, m, now) =>
  m.pupilId ? build(prisma, base, m.pupilId, m, now) : Promise.resolve(undefined);

const fromReply: Builder = (prisma, base, m) => (m.inReplyToId ? loadParentReplyCard(prisma, base, m.inReplyToId) : Promise.resolve(undefined));

const builders: Record<string, Builder> = {
  'reminder.book': fromConversation(async (prisma, base, id, now) => bookingCard(await loadBookingCardData(prisma, base, id, now))),
  'reminder.targetReview': fromPupil(async (prisma, base, pupilId, _m, now) => targetReviewCard(await loadTargetReviewData(prisma, base, pupilId, now))),
  'contact.unreachable': fromPupil(async (prisma, base, pupilId, m) => {
    const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id: pupilId }, select: { id: true, firstName: true } });
    return parentUnreachableCard({ pupil, what: m.body, recordUrl: recordUrl(base, pupilId) });
  }),
  'parent.unknownNumber': async (prisma, _base, m) => {
    const inbound = m.inReplyToId ? await prisma.message.findUnique({ where: { id: m.inReplyToId }, include: { school: { select: { timezone: true } } } }) : null;
    return unknownNumberCard({ from: inbound?.fromAddress ?? null, receivedLabel: inbound ? whenLabel(inbound.createdAt, inbound.school.timezone) : null, text: inbound?.body ?? null });
  },
  'staff.unknownTeamsUser': async (_prisma, _base, m) => unknownTeamsUserCard(m.body),
  'staff.teamsUnreachable': async (_prisma, _base, m) => teamsUnreachableCard(m.body),
  'parent.reply': fromReply,
  'escalation.unansweredReply': fromReply,
  'reminder.prepare': async (prisma, base, m) => {
    const pupilId = m.pupilId ?? (m.conversationId ? (await prisma.structuredConversation.findUnique({ where: { id: m.conversationId } }))?.pupilId : undefined);
    return pupilId ? loadPrepareCard(prisma, base, pupilId) : undefined;
  },
  'reminder.record': fromConversation(async (prisma, base, id, now) => recordFormCard(await loadRecordCardData(prisma, base, id, now))),
  [TELL_SUBJECT_TEACHERS]: fromConversation(async (prisma, base, id) => subjectTeachersCard(await loadSubjectTeachersData(prisma, base, id))),
  'reminder.gatherViews': async (prisma, _base, m) => {
    if (!m.pupilId) return undefined;
    const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id: m.pupilId } });
    return pupilViewsFormCard({ pupil, conversationId: m.conversationId ?? undefined });
  },
  'progress.askTeacher': async (prisma, _base, m) => {
    if (!m.pupilId) return undefined;
    const data = await loadProgressCardData(prisma, m.pupilId);
    return data.targets.length > 0 ? progressFormCard(data) : undefined;
  },
};

export async function cardForMessage(prisma: PrismaClient, publicBaseUrl: string, m: Message, now: Date): Promise<Record<string, unknown> | undefined> {
  if (m.card && typeof m.card === 'object') return m.card as Record<string, unknown>;
  const build = m.template ? builders[m.template] : undefined;
  const card = build ? await build(prisma, publicBaseUrl, m, now) : undefined;
  return card as unknown as Record<string, unknown> | undefined;
}
