import { BOOKING_OFFER, bookingCard, parseSlotInputs } from '../cards/bookingCard';
import { idFrom, type CardAction, type NoticeCard } from '../cards/cardAction';
import { DomainError } from '../domain/errors';
import type { UseCaseDeps } from '../platform/useCase';
import { conversationFor } from '../pupils/access';
import { loadBookingCardData } from './cardData';
import { offerTimes, offerTimesInput } from './useCases';

/** Booking on Teams: the "Book it" card (the `reminder.book` notice) and its Offer times button. */
export function bookingCards(d: UseCaseDeps, publicBaseUrl: string): { cardActions: Record<string, CardAction>; noticeCards: Record<string, NoticeCard> } {
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
        return bookingCard({ ...shown, values: typed.values, error: `${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}.` });
      }
      throw err;
    }
    const fresh = await loadBookingCardData(d.prisma, publicBaseUrl, conversationId, d.clock.now());
    return bookingCard({ ...fresh, notice: `Texted to ${fresh.parents.join(', ')}. I will tell you when a time is chosen.` });
  };

  return {
    cardActions: { [BOOKING_OFFER]: offer },
    noticeCards: {
      'reminder.book': async (m, now) => (m.conversationId ? bookingCard(await loadBookingCardData(d.prisma, publicBaseUrl, m.conversationId, now)) : undefined),
    },
  };
}
