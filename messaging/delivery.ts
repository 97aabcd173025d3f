import type { Channel, Message } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import { z } from 'zod';
import { payloadOf, PermanentFailure, RetryLater, type JobHandler } from '../jobs/jobRunner';

/**
 * Sends one stored message on its channel (Twilio for SMS, the bot for Teams). Throw RetryLater
 * for transient trouble and PermanentFailure when retrying cannot help.
 */
export interface ChannelSender {
  send(message: Message, context: { previousAttemptUncertain: boolean }): Promise<SendOutcome>;
}

export type SendOutcome =
  /** `body`: the text as delivered, when it was re-written at delivery (a staff notice re-checked against the record). */
  | { kind: 'sent'; providerId?: string; body?: string }
  /** Not now (quiet hours, holidays): try again then, without counting an attempt. */
  | { kind: 'hold'; until: Date }
  /** Never to be sent (opted out, dead number, staff member gone). */
  | { kind: 'suppressed'; reason: string };

const PENDING_STATUSES = ['QUEUED', 'SENDING'] as const;

/** The job handler behind every queued message. Idempotent: a message already sent is not sent again. */
export function deliverMessage(prisma: PrismaClient, clock: Clock, senders: Partial<Record<Channel, ChannelSender>>): JobHandler {
  return async (job) => {
    const { messageId } = payloadOf(job, z.object({ messageId: z.uuid() }));
    const message = await prisma.message.findUnique({ where: { id: messageId } });
    if (!message || !PENDING_STATUSES.includes(message.status as (typeof PENDING_STATUSES)[number])) return;
    const sender = senders[message.channel];
    if (!sender) throw new RetryLater(`no sender configured for ${message.channel}`);

    // SENDING is committed before the provider is called: if we crash after it, the retry knows.
    const previousAttemptUncertain = message.status === 'SENDING';
    await prisma.message.update({ where: { id: messageId }, data: { status: 'SENDING', attempts: { increment: 1 } } });
    try {
      const outcome = await sender.send(message, { previousAttemptUncertain });
      const now = clock.now();
      if (outcome.kind === 'hold') {
        await prisma.message.update({ where: { id: messageId }, data: { status: 'QUEUED', notBefore: outcome.until } });
        return { rescheduleAt: outcome.until };
      }
      if (outcome.kind === 'suppressed') {
        await prisma.message.update({ where: { id: messageId }, data: { status: 'SUPPRESSED', errorMessage: outcome.reason } });
        return;
      }
      await prisma.message.update({
        where: { id: messageId },
        data: { status: 'SENT', providerId: outcome.providerId ?? null, sentAt: now, errorCode: null, errorMessage: null, ...(outcome.body ? { body: outcome.body } : {}) },
      });
    } catch (err) {
      const finalAttempt = err instanceof PermanentFailure || job.attempts >= job.maxAttempts;
      const code = (err as { code?: unknown }).code;
      await prisma.message.update({
        where: { id: messageId },
        data: {
          status: finalAttempt ? 'FAILED' : 'QUEUED',
          errorCode: code === undefined ? null : String(code),
          errorMessage: err instanceof Error ? err.message : String(err),
          // The digest dates a failure by updatedAt: the service's clock, not the database server's.
          updatedAt: clock.now(),
        },
      });
      throw err;
    }
  };
}
