import { Prisma, type Channel } from '../generated/prisma/client';
import type { Tx } from '../db/transaction';
import { planJob, type JobSpec } from '../jobs/jobQueue';
import type { LanguageCode } from './languages';

/**
 * Every message is stored before it is sent: queueing writes the Message row and plans its
 * delivery job, and it takes only a transaction (`Tx`), so the two commit together with whatever
 * made the message (a booking, a parent's text): a crash loses nothing and a retry sends nothing
 * twice. Messages left without a job by anything else (an older version, a restore) are found by
 * `sweepUnplannedMessages` and given one.
 */
export const DELIVER_MESSAGE = 'deliver-message';

export interface OutgoingMessage {
  /** Null only for a message to a trust lead or local authority officer, which belongs to no one school. */
  schoolId: string | null;
  channel: Channel;
  body: string;
  /** Staff recipient (Teams) or parent contact (SMS). */
  staffId?: string;
  /** A trust lead or local authority officer (Teams). */
  organisationMemberId?: string;
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

/** The delivery job of a stored message: one lane per recipient, so their messages go in the order they were written. */
export function deliveryJob(
  m: { id: string; schoolId: string | null; contactId?: string | null; staffId?: string | null; organisationMemberId?: string | null; toAddress?: string | null },
  runAt: Date,
): JobSpec {
  return {
    kind: DELIVER_MESSAGE,
    dedupeKey: `${DELIVER_MESSAGE}:${m.id}`,
    runAt,
    payload: { messageId: m.id, lane: m.contactId ?? m.staffId ?? m.organisationMemberId ?? m.toAddress ?? m.id },
    schoolId: m.schoolId,
    subjectId: m.id,
  };
}

export async function queueMessage(tx: Tx, m: OutgoingMessage): Promise<QueuedMessage> {
  // Insert-or-nothing in one statement: two transactions queueing the same key at once wait for
  // each other instead of one failing with a unique violation (which would roll back its whole
  // operation, a parent's text included).
  const [created] = await tx.message.createManyAndReturn({
    data: [
      {
        schoolId: m.schoolId,
        channel: m.channel,
        direction: 'OUTBOUND',
        status: 'QUEUED',
        body: m.body,
        staffId: m.staffId,
        organisationMemberId: m.organisationMemberId,
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
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!created) {
    const existing = await tx.message.findUniqueOrThrow({ where: { idempotencyKey: m.idempotencyKey }, select: { id: true } });
    return { messageId: existing.id, created: false };
  }
  await planJob(tx, deliveryJob({ ...m, id: created.id }, m.notBefore));
  return { messageId: created.id, created: true };
}

/**
 * Outbound messages still to send (queued, or caught mid-send) with no delivery job pending or
 * running: each gets its job back, due at once or at its own time. Cheap (the status index and the
 * job's unique key), so the scheduler runs it at start and at every planning tick.
 */
export async function sweepUnplannedMessages(db: Pick<Tx, '$queryRaw'>, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ subjectId: string }[]>`
    INSERT INTO "Job" ("kind", "dedupeKey", "payload", "runAt", "schoolId", "subjectId", "updatedAt")
    SELECT ${DELIVER_MESSAGE}, ${`${DELIVER_MESSAGE}:`} || m."id",
           jsonb_build_object('messageId', m."id", 'lane', COALESCE(m."contactId"::text, m."staffId"::text, m."organisationMemberId"::text, m."toAddress", m."id"::text)),
           GREATEST(COALESCE(m."notBefore", ${now}::timestamptz), ${now}::timestamptz), m."schoolId", m."id", now()
      FROM "Message" m
     WHERE m."status" IN ('QUEUED', 'SENDING') AND m."direction" = 'OUTBOUND'
       AND NOT EXISTS (SELECT 1 FROM "Job" j WHERE j."dedupeKey" = ${`${DELIVER_MESSAGE}:`} || m."id" AND j."status" IN ('PENDING', 'RUNNING'))
    ON CONFLICT ("dedupeKey") DO UPDATE
       SET "status" = 'PENDING', "runAt" = EXCLUDED."runAt", "attempts" = 0, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL, "completedAt" = NULL, "updatedAt" = now()
     WHERE "Job"."status" NOT IN ('PENDING', 'RUNNING')
    RETURNING "subjectId"`;
  return rows.map((r) => r.subjectId);
}
