import { z } from 'zod';
import { actorOf, type Actor } from '../audit/audit';
import type { Tx } from '../db/transaction';
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

/** A booking step on one conversation, once the caller is known to be one who may change it. */
function onConversation<T>(d: UseCaseDeps, by: Principal, conversationId: string, step: (tx: Tx, actor: Actor) => Promise<T>): Promise<T> {
  return inTransaction(
    d,
    async (tx) => {
      await conversationFor(tx, by, conversationId, 'act');
      return step(tx, actorOf(by));
    },
    BOOKING,
  );
}

export function offerTimes(d: UseCaseDeps, by: Principal, input: z.infer<typeof offerTimesInput>) {
  return onConversation(d, by, input.conversationId, (tx, actor) => offerSlots(tx, d.clock, actor, input.conversationId, input.slots));
}

export function rescheduleConversation(d: UseCaseDeps, by: Principal, input: z.infer<typeof rescheduleInput>) {
  return onConversation(d, by, input.conversationId, (tx, actor) => reschedule(tx, d.clock, actor, input.conversationId, 'at' in input ? { at: input.at } : { slots: input.slots }));
}

export function cancel(d: UseCaseDeps, by: Principal, input: z.infer<typeof cancelInput>) {
  return onConversation(d, by, input.conversationId, (tx, actor) => cancelConversation(tx, d.clock, actor, input.conversationId, input.reason));
}
