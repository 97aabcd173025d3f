import { z } from 'zod';
import { actorOf } from '../audit/audit';
import type { Principal } from '../domain/access';
import { conversationFor, pupilFor } from '../pupils/access';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { cancelConversation, offerSlots, openAdHocConversation, reschedule } from './booking';
import { MAX_SLOTS, MIN_SLOTS } from './slots';

/**
 * What staff do to book a structured conversation, from any edge (the API, the Teams card): each
 * checks the caller may change the pupil's record, then runs the booking steps in one transaction.
 * A time is an ISO date-time with an offset ("2026-12-01T15:30:00Z") or without one
 * ("2026-12-01T15:30"), which is school-local; the booking rules (booking/slots.ts) read it in the
 * school's zone.
 */
const instant = z.iso.datetime({ offset: true, local: true, error: 'must be a date and time such as 2026-12-01T15:30 (school time) or 2026-12-01T15:30:00Z' });
const slotCount = `offer between ${MIN_SLOTS} and ${MAX_SLOTS} times`;
const slots = z.array(instant).min(MIN_SLOTS, slotCount).max(MAX_SLOTS, slotCount);
const conversationId = z.uuid();

export const openConversationInput = z.object({
  pupilId: z.uuid(),
  kind: z.enum(['INITIAL', 'REVIEW', 'ADDITIONAL']).default('ADDITIONAL'),
  dueBy: z.iso.date().optional(),
});
export const offerTimesInput = z.object({ conversationId, slots });
export const rescheduleInput = z.union([z.object({ conversationId, at: instant }), z.object({ conversationId, slots })]);
export const cancelInput = z.object({ conversationId, reason: z.string().trim().max(500).optional() });

/** A booking texts every parent and re-plans reminders: more than a request's usual few seconds. */
const BOOKING = { timeout: 20_000 };

export function openConversation(d: UseCaseDeps, by: Principal, input: z.infer<typeof openConversationInput>) {
  return inTransaction(d, async (tx) => {
    await pupilFor(tx, by, input.pupilId, 'act');
    return openAdHocConversation(tx, d.clock, actorOf(by), input.pupilId, input.kind, input.dueBy);
  });
}

export function offerTimes(d: UseCaseDeps, by: Principal, input: z.infer<typeof offerTimesInput>) {
  return inTransaction(
    d,
    async (tx) => {
      await conversationFor(tx, by, input.conversationId, 'act');
      return offerSlots(tx, d.clock, actorOf(by), input.conversationId, input.slots);
    },
    BOOKING,
  );
}

export function rescheduleConversation(d: UseCaseDeps, by: Principal, input: z.infer<typeof rescheduleInput>) {
  return inTransaction(
    d,
    async (tx) => {
      await conversationFor(tx, by, input.conversationId, 'act');
      return reschedule(tx, d.clock, actorOf(by), input.conversationId, 'at' in input ? { at: input.at } : { slots: input.slots });
    },
    BOOKING,
  );
}

export function cancel(d: UseCaseDeps, by: Principal, input: z.infer<typeof cancelInput>) {
  return inTransaction(
    d,
    async (tx) => {
      await conversationFor(tx, by, input.conversationId, 'act');
      await cancelConversation(tx, d.clock, actorOf(by), input.conversationId, input.reason);
    },
    BOOKING,
  );
}
