import type { PrismaClient } from '../db/database';
import { localDate } from '../domain/schoolCalendar';
import { recordUrl, whenLabel } from '../cards/adaptive';
import type { BookingCardData } from '../cards/bookingCard';
import { mayMessage } from '../messaging/textRule';

/** What the "Book it" card shows, read when it is shown. */
export async function loadBookingCardData(prisma: PrismaClient, publicBaseUrl: string, conversationId: string, now: Date): Promise<BookingCardData> {
  const c = await prisma.structuredConversation.findUniqueOrThrow({
    where: { id: conversationId },
    include: {
      pupil: { include: { school: { select: { timezone: true } }, contacts: { where: { parentalResponsibility: true }, include: { contact: true }, orderBy: { priority: 'asc' } } } },
      bookingOffers: { where: { status: 'OPEN' }, include: { slots: { orderBy: { position: 'asc' } } }, orderBy: { createdAt: 'desc' }, take: 1 },
    },
  });
  const tz = c.pupil.school.timezone;
  return {
    conversationId: c.id,
    pupil: c.pupil,
    kind: c.kind,
    status: c.status,
    dueBy: c.dueBy,
    parents: c.pupil.contacts.map((l) => l.contact).filter(mayMessage).map((p) => p.displayName),
    offered: c.bookingOffers[0]?.slots.map((slot) => whenLabel(slot.startsAt, tz)) ?? [],
    bookedLabel: c.scheduledAt ? whenLabel(c.scheduledAt, tz) : null,
    recordUrl: recordUrl(publicBaseUrl, c.pupilId),
    today: localDate(now, tz),
  };
}
