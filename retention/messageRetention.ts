import type { Capability } from '../api/app';
import { recordAudit, systemActor } from '../audit/audit';
import type { PrismaClient } from '../db/database';
import type { Platform } from '../service/capabilities';
import type { Clock } from '../service/clock';
import type { ServiceContext } from '../service/context';
import { planJob } from '../scheduling/jobQueue';

/**
 * Message logs are kept shorter than the SEN record itself (UK GDPR minimisation): after the
 * retention period a message keeps its date, channel, status and links, but loses its text,
 * card and phone numbers. Provider receipts and answered questions go entirely.
 */
export const REDACTED_BODY = '[removed after the retention period]';
const JOB = 'retention.messages';
const DAY_MS = 24 * 3600_000;

export interface RetentionResult {
  messagesRedacted: number;
  receiptsDeleted: number;
  awaitedRepliesDeleted: number;
}

export async function applyMessageRetention(prisma: PrismaClient, clock: Clock, retentionDays: number): Promise<RetentionResult> {
  const cutoff = new Date(clock.now().getTime() - retentionDays * DAY_MS);
  return prisma.$transaction(async (tx) => {
    const redacted = await tx.message.updateMany({
      where: { createdAt: { lt: cutoff }, NOT: { body: REDACTED_BODY } },
      data: { body: REDACTED_BODY, fromAddress: null, toAddress: null, errorMessage: null },
    });
    // A nullable Json column is cleared with SQL NULL directly (Prisma would need DbNull).
    await tx.$executeRaw`UPDATE "Message" SET "card" = NULL WHERE "createdAt" < ${cutoff} AND "card" IS NOT NULL`;
    const receipts = await tx.messageStatusEvent.deleteMany({ where: { receivedAt: { lt: cutoff } } });
    const awaited = await tx.awaitedReply.deleteMany({ where: { createdAt: { lt: cutoff } } });
    const result = { messagesRedacted: redacted.count, receiptsDeleted: receipts.count, awaitedRepliesDeleted: awaited.count };
    if (result.messagesRedacted + result.receiptsDeleted + result.awaitedRepliesDeleted > 0) {
      await recordAudit(tx, systemActor, { action: 'retention.messages', entityType: 'Message', after: { ...result, cutoff: cutoff.toISOString(), retentionDays } });
    }
    return result;
  });
}

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);

/** Runs once a day (02:30 UTC, outside school hours); each run plans the next, keyed by date so instances agree. */
export function retentionCapability(ctx: ServiceContext, platform: Platform): Capability {
  const planFor = async (from: Date): Promise<void> => {
    const next = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), 2, 30));
    const runAt = next > from ? next : new Date(next.getTime() + DAY_MS);
    await planJob(ctx.prisma, { kind: JOB, dedupeKey: `${JOB}:${dayKey(runAt)}`, runAt });
  };
  platform.jobs.register(JOB, async () => {
    const result = await applyMessageRetention(ctx.prisma, ctx.clock, ctx.config.MESSAGE_RETENTION_DAYS);
    ctx.logger.info(result, 'message retention applied');
    await planFor(new Date(ctx.clock.now().getTime() + 60_000));
  });
  return {
    name: 'retention',
    start: () => planFor(ctx.clock.now()),
  };
}
