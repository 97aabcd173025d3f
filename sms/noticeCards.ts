import type { PrismaClient } from '../db/database';
import { recordUrl, whenLabel } from '../cards/adaptive';
import { dropNotice, sendNotice, type NoticeCard } from '../cards/cardAction';
import { parentReachableCard, parentUnreachableCard, unknownNumberCard } from '../cards/noticeCards';
import { mayMessage } from '../messaging/textRule';
import { contactOfNotice } from './contactStatus';

/**
 * Cards for what the SMS side tells staff: a parent texts no longer reach (and reach again), a text
 * from a number we do not know. Each is re-checked at delivery: a parent who texted STOP and START
 * seconds later leaves the teacher told nothing, or that texts reach them again.
 */
export function smsNoticeCards(prisma: PrismaClient, publicBaseUrl: string): Record<string, NoticeCard> {
  const contactFor = async (key: string | null) => {
    const id = contactOfNotice(key);
    return id ? prisma.contact.findUnique({ where: { id } }) : null;
  };
  return {
    'contact.unreachable': async (m) => {
      if (!m.pupilId) return sendNotice();
      const contact = await contactFor(m.idempotencyKey);
      if (contact && mayMessage(contact)) return dropNotice('texts reach the parent again');
      const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id: m.pupilId }, select: { id: true, firstName: true } });
      return sendNotice(parentUnreachableCard({ pupil, what: m.body, recordUrl: recordUrl(publicBaseUrl, m.pupilId) }));
    },
    // News only to a teacher who was told of the opt-out, and only while it stays true.
    'contact.reachable': async (m) => {
      const contact = await contactFor(m.idempotencyKey);
      if (!contact || !m.pupilId || !mayMessage(contact)) return dropNotice('texts do not reach the parent now');
      const told = await prisma.message.count({
        where: { channel: 'TEAMS', template: 'contact.unreachable', staffId: m.staffId, pupilId: m.pupilId, status: { in: ['SENT', 'DELIVERED'] }, idempotencyKey: { startsWith: `contact.unreachable:${contact.id}:` } },
      });
      if (told === 0) return dropNotice('the teacher was never told texts had stopped');
      const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id: m.pupilId }, select: { id: true, firstName: true } });
      return sendNotice(parentReachableCard({ pupil, what: m.body, recordUrl: recordUrl(publicBaseUrl, m.pupilId) }));
    },
    // A text that came from a number on no record: it happened, and stays true.
    'parent.unknownNumber': async (m) => {
      const inbound = m.inReplyToId ? await prisma.message.findUnique({ where: { id: m.inReplyToId }, include: { school: { select: { timezone: true } } } }) : null;
      return sendNotice(unknownNumberCard({ from: inbound?.fromAddress ?? null, receivedLabel: inbound?.school ? whenLabel(inbound.createdAt, inbound.school.timezone) : null, text: inbound?.body ?? null }));
    },
  };
}
