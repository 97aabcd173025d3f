import type { PrismaClient } from '../db/database';
import { recordUrl, whenLabel } from '../cards/adaptive';
import type { NoticeCard } from '../cards/cardAction';
import { parentUnreachableCard, unknownNumberCard } from '../cards/noticeCards';

/** Cards for what the SMS side tells staff: a parent texts no longer reach, a text from a number we do not know. */
export function smsNoticeCards(prisma: PrismaClient, publicBaseUrl: string): Record<string, NoticeCard> {
  return {
    'contact.unreachable': async (m) => {
      if (!m.pupilId) return undefined;
      const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id: m.pupilId }, select: { id: true, firstName: true } });
      return parentUnreachableCard({ pupil, what: m.body, recordUrl: recordUrl(publicBaseUrl, m.pupilId) });
    },
    'parent.unknownNumber': async (m) => {
      const inbound = m.inReplyToId ? await prisma.message.findUnique({ where: { id: m.inReplyToId }, include: { school: { select: { timezone: true } } } }) : null;
      return unknownNumberCard({ from: inbound?.fromAddress ?? null, receivedLabel: inbound?.school ? whenLabel(inbound.createdAt, inbound.school.timezone) : null, text: inbound?.body ?? null });
    },
  };
}
