import type { PrismaClient } from '../db/database';
import { recordUrl, whenLabel } from '../cards/adaptive';
import { parentReplyCard, type ParentReplyCardData } from '../cards/parentReplyCard';

/** The parent's message card as it stands now (handled by whom, when), read when it is shown. */
export async function loadParentReplyData(prisma: PrismaClient, publicBaseUrl: string, messageId: string): Promise<ParentReplyCardData | undefined> {
  const m = await prisma.message.findUnique({
    where: { id: messageId },
    include: { contact: { select: { displayName: true } }, pupil: { select: { id: true, firstName: true } }, school: { select: { timezone: true } } },
  });
  if (!m?.pupil || !m.school) return undefined;
  const handledBy = m.handledById ? await prisma.staff.findUnique({ where: { id: m.handledById }, select: { displayName: true } }) : null;
  return {
    messageId: m.id,
    pupil: m.pupil,
    from: m.contact?.displayName ?? 'a parent',
    body: m.body,
    receivedLabel: whenLabel(m.createdAt, m.school.timezone),
    recordUrl: recordUrl(publicBaseUrl, m.pupil.id),
    handled: m.handledAt ? { by: handledBy?.displayName ?? 'a colleague', whenLabel: whenLabel(m.handledAt, m.school.timezone), whatWeDid: null } : null,
  };
}

export async function loadParentReplyCard(prisma: PrismaClient, publicBaseUrl: string, messageId: string) {
  const data = await loadParentReplyData(prisma, publicBaseUrl, messageId);
  return data && parentReplyCard(data);
}
