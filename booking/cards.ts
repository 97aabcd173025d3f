import { BOOKING_OFFER, BOOKING_OPEN, bookingCard, parseSlotInputs } from '../cards/bookingCard';
import { dropNotice, idFrom, sendNotice, type CardAction, type NoticeCard } from '../cards/cardAction';
import { DomainError } from '../domain/errors';
import { localDate } from '../domain/schoolCalendar';
import type { UseCaseDeps } from '../platform/useCase';
import { conversationFor } from '../pupils/access';
import { loadBookingCardData } from './cardData';
import { offerTimes, offerTimesInput } from './useCases';

/**
 * Booking on Teams: the "Book it" card and its Offer times button, and the notices that bring it:
 * the reminder to book, a parent who cannot come to any time offered or asked to change the
 * meeting, the SENCO's escalation of an overdue conversation and a parent's booking. Each notice is
 * re-checked when it is delivered: one asking for times about a conversation booked since is not sent.
 * A notice that names no conversation has nothing to re-check and goes as it was written.
 */
export function bookingCards(d: UseCaseDeps, publicBaseUrl: string): { cardActions: Record<string, CardAction>; noticeCards: Record<string, NoticeCard> } {
  const open: CardAction = async ({ principal, data }) => {
    const conversationId = idFrom(data, 'conversationId');
    await conversationFor(d.prisma, principal, conversationId, 'edit');
    return bookingCard(await loadBookingCardData(d.prisma, publicBaseUrl, conversationId, d.clock.now()));
  };

  const offer: CardAction = async ({ principal, data }) => {
    const conversationId = idFrom(data, 'conversationId');
    // Checked before the card shows anything of the record.
    await conversationFor(d.prisma, principal, conversationId, 'act');
    const shown = await loadBookingCardData(d.prisma, publicBaseUrl, conversationId, d.clock.now());
    const typed = parseSlotInputs(data);
    if (typed.problems.length > 0) return bookingCard({ ...shown, values: typed.values, error: typed.problems.join(' ') });
    // School-local times, as the teacher picked them; the booking rules read them in the school's zone.
    const input = offerTimesInput.parse({ conversationId, slots: typed.slots.map((s) => `${s.date}T${s.time}`) });
    try {
      await offerTimes(d, principal, input);
    } catch (err) {
      // The booking rules' own words (past or repeated times, already booked, no parent to text), on the form.
      if (err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'conflict')) {
        // One sentence per time refused, each starting with the time as the teacher reads it.
        const problems = Array.isArray(err.details?.problems) ? err.details.problems.map(String) : [err.message];
        return bookingCard({ ...shown, values: typed.values, error: problems.map((p) => `${p.charAt(0).toUpperCase()}${p.slice(1)}.`).join(' ') });
      }
      throw err;
    }
    const fresh = await loadBookingCardData(d.prisma, publicBaseUrl, conversationId, d.clock.now());
    return bookingCard({ ...fresh, notice: `Texted to ${fresh.parents.join(', ')}. I will tell you when a time is chosen.` });
  };

  /** A notice that asks for times: sent with the card to offer them while the conversation still needs booking, else dropped. */
  const asksForTimes =
    (o: { prompt: boolean }): NoticeCard =>
    async (m, now) => {
      if (!m.conversationId) return sendNotice();
      const shown = await loadBookingCardData(d.prisma, publicBaseUrl, m.conversationId, now);
      if (shown.status !== 'TO_BOOK' && shown.status !== 'OFFERED') return dropNotice(`the conversation is ${shown.status.toLowerCase().replace('_', ' ')} now`);
      return sendNotice(bookingCard({ ...shown, ...(o.prompt ? { prompt: m.body } : {}) }));
    };

  return {
    cardActions: { [BOOKING_OFFER]: offer, [BOOKING_OPEN]: open },
    noticeCards: {
      'reminder.book': asksForTimes({ prompt: false }),
      'booking.declined': asksForTimes({ prompt: true }),
      'booking.cancelledByParent': asksForTimes({ prompt: true }),
      // The SENCO is told a conversation is overdue only while it is: still open and its due date passed.
      'escalation.overdueConversation': async (m, now) => {
        if (!m.conversationId) return sendNotice();
        const shown = await loadBookingCardData(d.prisma, publicBaseUrl, m.conversationId, now);
        const open = shown.status === 'TO_BOOK' || shown.status === 'OFFERED' || shown.status === 'BOOKED';
        if (!open || localDate(shown.dueBy, 'UTC') >= shown.today) return dropNotice('the conversation is no longer overdue');
        return sendNotice(bookingCard({ ...shown, prompt: m.body }));
      },
      // "A parent booked": true while the meeting stays booked (the card shows when it is now).
      'booking.confirmed': async (m, now) => {
        if (!m.conversationId) return sendNotice();
        const shown = await loadBookingCardData(d.prisma, publicBaseUrl, m.conversationId, now);
        return shown.status === 'BOOKED' ? sendNotice(bookingCard({ ...shown, notice: m.body })) : dropNotice(`the conversation is ${shown.status.toLowerCase().replace('_', ' ')} now`);
      },
    },
  };
}
