import type { PrismaClient } from '../db/database';
import { recordUrl, whenLabel } from '../cards/adaptive';
import { parentReplyCard, type ParentReplyCardData } from '../cards/parentReplyCard';
import { MEDIA_FACTS, mediaWords } from '../sms/mediaItems';
import { pupilsOfReply } from './useCases';

/** The parent's message card as it stands now (handled by whom, when), read when it is shown. */
export async function loadParentReplyData(prisma: PrismaClient, publicBaseUrl: string, messageId: string): Promise<ParentReplyCardData | undefined> {
  const m = await prisma.message.findUnique({
    where: { id: messageId },
    include: {
      contact: { select: { displayName: true } },
      pupil: { select: { id: true, schoolId: true, keyTeacherId: true, firstName: true, lastName: true } },
      school: { select: { timezone: true } },
      media: { select: MEDIA_FACTS },
    },
  });
  if (!m?.school) return undefined;
  const children = m.pupil ? [] : await pupilsOfReply(prisma, m);
  if (!m.pupil && children.length === 0) return undefined;
  const handledBy = m.handledById ? await prisma.staff.findUnique({ where: { id: m.handledById }, select: { displayName: true } }) : null;
  return {
    messageId: m.id,
    ...(m.pupil
      ? { pupil: m.pupil, recordUrl: recordUrl(publicBaseUrl, m.pupil.id) }
      : { children: children.map((c) => ({ id: c.id, firstName: c.firstName, recordUrl: recordUrl(publicBaseUrl, c.id) })) }),
    from: m.contact?.displayName ?? 'a parent',
    body: m.body,
    attached: mediaWords(m.media),
    receivedLabel: whenLabel(m.createdAt, m.school.timezone),
    handled: m.handledAt ? { by: handledBy?.displayName ?? 'a colleague', whenLabel: whenLabel(m.handledAt, m.school.timezone), whatWeDid: null } : null,
  };
}

export async function loadParentReplyCard(prisma: PrismaClient, publicBaseUrl: string, messageId: string) {
  const data = await loadParentReplyData(prisma, publicBaseUrl, messageId);
  return data && parentReplyCard(data);
}
