import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { BOOKING_REMINDER, bookingReminderHandler } from './booking';
import { bookingCards } from './cards';
import { bookingRoutes } from './routes';

/**
 * Booking structured conversations: staff offer, move and cancel (the API and the Teams card call
 * the same use cases), parents choose by SMS (the SMS capability calls the booking steps), and the
 * day-before reminder.
 */
export function bookingCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  return {
    name: 'booking',
    apiRoutes: (api) => bookingRoutes(api, d),
    ...bookingCards(d, ctx.config.publicBaseUrl),
    jobs: { [BOOKING_REMINDER]: bookingReminderHandler(ctx.prisma, ctx.clock) },
  };
}
