import type { Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { messageParentsOf, type ParentsMessaged } from '../messaging/parentMessages';

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Step 5 of the process information trail: the agreed targets confirmed to the parents in plain
 * words (the areas only, never the target wording), in their language, with the next review date.
 * Idempotent per conversation; sets `parentConfirmedAt` once a parent has been messaged. A step of
 * the "tell subject teachers" use case, run in its transaction.
 */
export async function confirmAgreedTargets(tx: Tx, clock: Clock, conversationId: string): Promise<ParentsMessaged> {
  const conversation = await tx.structuredConversation.findUniqueOrThrow({
    where: { id: conversationId },
    include: { targets: { where: { status: { not: 'CLOSED' } }, orderBy: { createdAt: 'asc' }, select: { area: true, reviewBy: true } } },
  });
  const reviewDates = conversation.targets.map((t) => t.reviewBy.getTime());
  const nextReview = conversation.nextReviewBy ?? (reviewDates.length > 0 ? new Date(Math.min(...reviewDates)) : conversation.dueBy);
  const sent = await messageParentsOf(tx, clock, {
    pupilId: conversation.pupilId,
    template: 'targets.confirmed',
    params: { areas: conversation.targets.map((t) => t.area), nextReview: iso(nextReview) },
    conversationId,
    idempotencyKey: `targets.confirmed:${conversationId}`,
  });
  if (sent.queued.length > 0 && !conversation.parentConfirmedAt) {
    await tx.structuredConversation.update({ where: { id: conversationId }, data: { parentConfirmedAt: clock.now() } });
  }
  return sent;
}
