import type { Channel, Direction, Prisma } from '../generated/prisma/client';

/**
 * "A parent's message awaiting an answer": one definition for the digest figures, the dashboard,
 * `GET /api/parent-replies?unhandled=true` and the unanswered-reply escalation. It is an inbound
 * text filed under a pupil (so it belongs to that pupil's key teacher) and not yet handled.
 *
 * That is exactly the parent's own voice passed to the key teacher because the SMS side
 * (sms/inbound.ts) marks every other inbound text handled, with no member of staff, the moment
 * the product answers it itself: keywords (STOP, START, HELP), CHANGE, a booking number or
 * "another time", the number that says which child, a confidence score. We mark at the source
 * rather than filter in each reader (e.g. on a `parent.reply` notice sent in reply) because
 * `handledAt` is the one column every view already reads: the timeline shows a booking "1" as
 * answered, a bot command listing unhandled texts is right without knowing our rules, and the
 * digest can ask how things stood at an earlier instant (handled after it = still waiting then).
 * A text from a parent of several children counts once the parent has said which child.
 */
export const AWAITING_ANSWER = {
  channel: 'SMS',
  direction: 'INBOUND',
  pupilId: { not: null },
  handledAt: null,
} satisfies Prisma.MessageWhereInput;

export interface MessageFacts {
  channel: Channel;
  direction: Direction;
  pupilId: string | null;
  createdAt: Date;
  handledAt: Date | null;
}

/** The same rule for a message already read, as things stood at `at` (default: now, as stored). */
export function awaitsAnswer(m: MessageFacts, at?: Date): boolean {
  if (m.channel !== 'SMS' || m.direction !== 'INBOUND' || m.pupilId === null) return false;
  if (!at) return m.handledAt === null;
  return m.createdAt <= at && (m.handledAt === null || m.handledAt > at);
}

/**
 * The texts the product sent or dealt with by itself, with nothing of substance for the record:
 * its acknowledgements and answers to keywords, and a parent's keyword, number or score it
 * answered itself: handled by no member of staff in the moment it arrived (sms/inbound.ts marks it
 * in the same transaction; a reply marked handled later through the API key is a parent's words).
 * The pupil's timeline folds them away.
 */
const ANSWERED_AT_ONCE_MS = 60_000;

const AUTOMATIC_TEMPLATES: ReadonlySet<string> = new Set([
  'reply.received',
  'confidence.thanks',
  'stop.confirmed',
  'start.confirmed',
  'help',
  'which.child',
  'unknown.number',
  'booking.declinedAck',
  'booking.changeAck',
  'booking.invalidChoice',
  'booking.offerClosed',
  'booking.alreadyBooked',
  'updates.changed',
  'updates.current',
  'updates.invalid',
]);

export function isAutomaticText(m: { direction: Direction; template: string | null; createdAt: Date; handledAt: Date | null; handledById: string | null }): boolean {
  if (m.direction === 'OUTBOUND') return m.template !== null && AUTOMATIC_TEMPLATES.has(m.template);
  return m.handledAt !== null && m.handledById === null && m.handledAt.getTime() - m.createdAt.getTime() < ANSWERED_AT_ONCE_MS;
}
