import type { Channel, Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { planJob } from '../jobs/jobQueue';
import type { LanguageCode } from './languages';

/**
 * Every message is stored before it is sent: queueing writes the Message row and plans its
 * delivery job in the same transaction, so a crash loses nothing and a retry sends nothing twice.
 */
export const DELIVER_MESSAGE = 'deliver-message';

type Db = PrismaClient | Prisma.TransactionClient;

export interface OutgoingMessage {
  schoolId: string;
  channel: Channel;
  body: string;
  /** Staff recipient (Teams) or parent contact (SMS). */
  staffId?: string;
  contactId?: string;
  pupilId?: string;
  conversationId?: string;
  targetId?: string;
  inReplyToId?: string;
  template?: string;
  freeText?: boolean;
  /** BCP 47 code of the text (messaging/languages.ts). */
  language?: LanguageCode;
  card?: Record<string, unknown>;
  segments?: number;
  encoding?: string;
  toAddress?: string;
  fromAddress?: string;
  /** The same key never yields a second message. */
  idempotencyKey?: string;
  /** Earliest delivery (quiet hours, a reminder's time). */
  notBefore: Date;
  /** When it was written, from the injected clock (reports and escalations reason on it). */
  createdAt: Date;
}

export interface QueuedMessage {
  messageId: string;
  /** False when a message with the same idempotency key already existed. */
  created: boolean;
}

export async function queueMessage(db: Db, m: OutgoingMessage): Promise<QueuedMessage> {
  if (m.idempotencyKey) {
    const existing = await db.message.findUnique({ where: { idempotencyKey: m.idempotencyKey }, select: { id: true } });
    if (existing) return { messageId: existing.id, created: false };
  }
  const message = await db.message.create({
    data: {
      schoolId: m.schoolId,
      channel: m.channel,
      direction: 'OUTBOUND',
      status: 'QUEUED',
      body: m.body,
      staffId: m.staffId,
      contactId: m.contactId,
      pupilId: m.pupilId,
      conversationId: m.conversationId,
      targetId: m.targetId,
      inReplyToId: m.inReplyToId,
      template: m.template,
      freeText: m.freeText ?? false,
      language: m.language,
      card: m.card as Prisma.InputJsonValue | undefined,
      segments: m.segments,
      encoding: m.encoding,
      toAddress: m.toAddress,
      fromAddress: m.fromAddress,
      idempotencyKey: m.idempotencyKey,
      notBefore: m.notBefore,
      createdAt: m.createdAt,
    },
    select: { id: true },
  });
  await planJob(db, {
    kind: DELIVER_MESSAGE,
    dedupeKey: `${DELIVER_MESSAGE}:${message.id}`,
    runAt: m.notBefore,
    // One lane per recipient: their messages go in the order they were written.
    payload: { messageId: message.id, lane: m.contactId ?? m.staffId ?? m.toAddress ?? message.id },
    schoolId: m.schoolId,
    subjectId: message.id,
  });
  return { messageId: message.id, created: true };
}
