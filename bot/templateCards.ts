import type { Message } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { AdaptiveCard } from '../cards/adaptive';
import { progressFormCard } from '../cards/progressCard';
import { pupilViewsFormCard } from '../cards/pupilViewsCard';
import { recordFormCard } from '../cards/recordCard';
import { subjectTeachersCard } from '../cards/subjectTeachersCard';
import { TELL_SUBJECT_TEACHERS } from '../recording/conversationRecord';
import { loadParentReplyCard, loadPrepareCard, loadProgressCardData, loadRecordCardData, loadSubjectTeachersData } from './cardData';

/**
 * Cards built at send time for notices queued as text (`notifyStaff` with a template and the ids it
 * is about): the card shows the record as it is when it arrives, not as it was when queued.
 */
type Builder = (prisma: PrismaClient, publicBaseUrl: string, m: Message, now: Date) => Promise<AdaptiveCard | undefined>;

const fromConversation = (build: (prisma: PrismaClient, base: string, id: string, now: Date) => Promise<AdaptiveCard>): Builder => (prisma, base, m, now) =>
  m.conversationId ? build(prisma, base, m.conversationId, now) : Promise.resolve(undefined);

const builders: Record<string, Builder> = {
  'parent.reply': (prisma, base, m) => (m.inReplyToId ? loadParentReplyCard(prisma, base, m.inReplyToId) : Promise.resolve(undefined)),
  'escalation.unansweredReply': (prisma, base, m) => (m.inReplyToId ? loadParentReplyCard(prisma, base, m.inReplyToId) : Promise.resolve(undefined)),
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
