import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import { planJob } from '../jobs/jobQueue';
import { applyLeaverRetention } from './leaverRecords';
import { applyMessageRetention, deleteOrphanReceipts } from './messageRetention';

/** The job's name from before leavers' records joined it: pending jobs planned under it still run. */
const JOB = 'retention.messages';
const DAY_MS = 24 * 3600_000;

/** Each school's own periods: message text (its setting, else MESSAGE_RETENTION_DAYS) and leavers' records. */
export async function applyRetention(ctx: ServiceContext): Promise<void> {
  const schools = await ctx.prisma.school.findMany({ select: { id: true, messageRetentionDays: true, leaverRecordsUntilAge: true, leaverRecordsYears: true } });
  for (const s of schools) {
    const messages = await applyMessageRetention(ctx.prisma, ctx.clock, s.id, s.messageRetentionDays ?? ctx.config.MESSAGE_RETENTION_DAYS);
    const leavers = await applyLeaverRetention(ctx.prisma, ctx.clock, s.id, { untilAge: s.leaverRecordsUntilAge, years: s.leaverRecordsYears });
    ctx.logger.info({ schoolId: s.id, ...messages, leavers }, 'retention applied');
  }
  await deleteOrphanReceipts(ctx.prisma, ctx.clock, ctx.config.MESSAGE_RETENTION_DAYS);
}

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);

/** Runs once a day (02:30 UTC, outside school hours); each run plans the next, keyed by date so instances agree. */
export function retentionCapability(ctx: ServiceContext): Capability {
  const planFor = async (from: Date): Promise<void> => {
    const next = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), 2, 30));
    const runAt = next > from ? next : new Date(next.getTime() + DAY_MS);
    await planJob(ctx.prisma, { kind: JOB, dedupeKey: `${JOB}:${dayKey(runAt)}`, runAt });
  };
  return {
    name: 'retention',
    jobs: {
      [JOB]: async () => {
        await applyRetention(ctx);
        await planFor(new Date(ctx.clock.now().getTime() + 60_000));
      },
    },
    start: () => planFor(ctx.clock.now()),
  };
}
