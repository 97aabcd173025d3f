import { recordAudit, systemActor } from '../audit/audit';
import type { PrismaClient } from '../db/database';
import { REMOVED_TEXT } from '../privacy/anonymise';
import type { Clock } from '../runtime/clock';

/**
 * Message logs are kept shorter than the SEN record itself (UK GDPR minimisation): after the
 * school's retention period a message keeps its date, channel, status and links, but loses its
 * text, card, phone numbers and the bytes of any picture sent with it (its kind and size stay). Provider receipts and answered questions go entirely. Register
 * import reports keep their counts but lose their rejected rows, whose reasons quote the file.
 */
export const REDACTED_BODY = '[removed after the retention period]';
const DAY_MS = 24 * 3600_000;

export interface MessageRetentionResult {
  messagesRedacted: number;
  picturesRemoved: number;
  receiptsDeleted: number;
  awaitedRepliesDeleted: number;
  importReportsCleared: number;
}

export async function applyMessageRetention(prisma: PrismaClient, clock: Clock, schoolId: string, retentionDays: number): Promise<MessageRetentionResult> {
  const cutoff = new Date(clock.now().getTime() - retentionDays * DAY_MS);
  return prisma.$transaction(async (tx) => {
    const redacted = await tx.message.updateMany({
      // Messages of an erased person already lost their text (REMOVED_TEXT).
      where: { schoolId, createdAt: { lt: cutoff }, body: { notIn: [REDACTED_BODY, REMOVED_TEXT] } },
      data: { body: REDACTED_BODY, fromAddress: null, toAddress: null, errorMessage: null },
    });
    const pictures = await tx.messageMedia.updateMany({
      where: { message: { schoolId, createdAt: { lt: cutoff } }, status: { not: 'REMOVED' } },
      data: { status: 'REMOVED', data: null, sourceUrl: null, reason: 'removed after the retention period' },
    });
    // A nullable Json column is cleared with SQL NULL directly (Prisma would need DbNull).
    await tx.$executeRaw`UPDATE "Message" SET "card" = NULL WHERE "schoolId" = ${schoolId}::uuid AND "createdAt" < ${cutoff} AND "card" IS NOT NULL`;
    const receipts = await tx.messageStatusEvent.deleteMany({ where: { receivedAt: { lt: cutoff }, message: { schoolId } } });
    const awaited = await tx.awaitedReply.deleteMany({ where: { createdAt: { lt: cutoff }, contact: { schoolId } } });
    const importReports = await tx.$executeRaw`
      UPDATE "RosterImport" SET "rejections" = '[]'::jsonb WHERE "schoolId" = ${schoolId}::uuid AND "startedAt" < ${cutoff} AND "rejections" <> '[]'::jsonb`;
    const result = { messagesRedacted: redacted.count, picturesRemoved: pictures.count, receiptsDeleted: receipts.count, awaitedRepliesDeleted: awaited.count, importReportsCleared: importReports };
    if (Object.values(result).some((n) => n > 0)) {
      await recordAudit(tx, systemActor, { schoolId, action: 'retention.messages', entityType: 'Message', after: { ...result, cutoff: cutoff.toISOString(), retentionDays } });
    }
    return result;
  });
}

/** Receipts Twilio sent for messages we do not hold carry no school: they follow the service's default period. */
export async function deleteOrphanReceipts(prisma: PrismaClient, clock: Clock, retentionDays: number): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - retentionDays * DAY_MS);
  return (await prisma.messageStatusEvent.deleteMany({ where: { receivedAt: { lt: cutoff }, messageId: null } })).count;
}
