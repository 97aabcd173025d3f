import type { MessageStatus } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction, type Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { planJob } from '../jobs/jobQueue';
import { z } from 'zod';
import { payloadOf, type JobHandler } from '../jobs/jobRunner';
import { markContactUndeliverable, OPTED_OUT_CODE, UNREACHABLE_CODES } from './contactStatus';

/**
 * Twilio's delivery receipts. They repeat and arrive out of order: each (MessageSid, status) is
 * stored once, and a message only moves forward (queued < sending < sent < delivered / undelivered
 * / failed); a final state is never left.
 */

export const RECONCILE_STATUS = 'sms-status-reconcile';
const RECONCILE_AFTER_MS = 2 * 60_000;

const FROM_TWILIO: Record<string, MessageStatus> = {
  queued: 'QUEUED',
  accepted: 'QUEUED',
  scheduled: 'QUEUED',
  sending: 'SENDING',
  sent: 'SENT',
  delivered: 'DELIVERED',
  read: 'DELIVERED',
  undelivered: 'UNDELIVERED',
  failed: 'FAILED',
  canceled: 'FAILED',
};

const RANK: Partial<Record<MessageStatus, number>> = { QUEUED: 0, SENDING: 1, SENT: 2, DELIVERED: 3, UNDELIVERED: 3, FAILED: 3 };
const FINAL = 3;

/** The status a message should have after `next`, or undefined to leave it. Pure. */
export function advance(current: MessageStatus, next: MessageStatus): MessageStatus | undefined {
  const from = RANK[current];
  const to = RANK[next];
  if (from === undefined || to === undefined || from >= FINAL || to <= from) return undefined;
  return next;
}

export interface StatusReport {
  messageSid: string;
  status: string;
  errorCode?: string;
  /** Our message id, from the status callback URL (known before Twilio's sid is stored). */
  messageId?: string;
}

/** Moves the message on for one receipt; `receivedAt` is when that receipt came, which dates a delivery. */
async function apply(tx: Tx, clock: Clock, messageId: string, status: MessageStatus, providerId: string, receivedAt: Date, errorCode?: string): Promise<void> {
  const message = await tx.message.findUnique({ where: { id: messageId } });
  if (!message) return;
  const next = advance(message.status, status);
  if (next) {
    await tx.message.update({
      where: { id: messageId },
      data: {
        status: next,
        providerId: message.providerId ?? providerId,
        ...(next === 'DELIVERED' ? { deliveredAt: receivedAt } : {}),
        ...(errorCode ? { errorCode } : {}),
        // The digest dates an undelivered text by updatedAt: the service's clock, not the database server's.
        updatedAt: clock.now(),
      },
    });
  }
  if (errorCode && message.contactId && (errorCode === OPTED_OUT_CODE || UNREACHABLE_CODES.has(errorCode))) {
    await markContactUndeliverable(tx, clock, message.contactId, errorCode);
  }
}

/** Records one receipt. Returns false for a repeat. */
export async function recordStatus(prisma: PrismaClient, clock: Clock, r: StatusReport): Promise<boolean> {
  const status = r.status.toLowerCase();
  return transaction(prisma, async (tx) => {
    const byProvider = await tx.message.findUnique({ where: { providerId: r.messageSid }, select: { id: true, status: true, channel: true } });
    const byId = !byProvider && r.messageId ? await tx.message.findFirst({ where: { id: r.messageId, channel: 'SMS', direction: 'OUTBOUND' }, select: { id: true, status: true, channel: true } }) : null;
    const message = byProvider ?? byId;
    const receivedAt = clock.now();
    const inserted = await tx.$executeRaw`
      INSERT INTO "MessageStatusEvent" ("messageId", "providerId", "status", "errorCode", "receivedAt")
      VALUES (${message?.id ?? null}::uuid, ${r.messageSid}, ${status}, ${r.errorCode ?? null}, ${receivedAt})
      ON CONFLICT ("providerId", "status") DO NOTHING`;
    if (inserted === 0) return false;
    const mapped = FROM_TWILIO[status];
    if (!message || !mapped) return true;
    await apply(tx, clock, message.id, mapped, r.messageSid, receivedAt, r.errorCode);
    if (message.status === 'QUEUED' || message.status === 'SENDING') {
      // The receipt overtook our own "sent" write: look again once delivery has recorded it.
      await planJob(tx, { kind: RECONCILE_STATUS, dedupeKey: `${RECONCILE_STATUS}:${message.id}`, runAt: new Date(clock.now().getTime() + RECONCILE_AFTER_MS), payload: { messageId: message.id }, subjectId: message.id });
    }
    return true;
  });
}

/** Re-applies every stored receipt of a message, furthest first: the state it should be in, dated by that receipt. */
export function reconcileStatusHandler(prisma: PrismaClient, clock: Clock): JobHandler {
  return async (job) => {
    const { messageId } = payloadOf(job, z.object({ messageId: z.uuid() }));
    await transaction(prisma, async (tx) => {
      const message = await tx.message.findUnique({ where: { id: messageId } });
      if (!message?.providerId) return;
      await tx.messageStatusEvent.updateMany({ where: { providerId: message.providerId, messageId: null }, data: { messageId } });
      const events = await tx.messageStatusEvent.findMany({ where: { providerId: message.providerId } });
      const furthest = events
        .map((e) => ({ e, s: FROM_TWILIO[e.status] }))
        .filter((x): x is { e: (typeof events)[number]; s: MessageStatus } => x.s !== undefined)
        .sort((a, b) => (RANK[b.s] ?? 0) - (RANK[a.s] ?? 0))[0];
      if (furthest) await apply(tx, clock, messageId, furthest.s, message.providerId, furthest.e.receivedAt, furthest.e.errorCode ?? undefined);
    });
  };
}
