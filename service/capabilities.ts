import { randomUUID } from 'node:crypto';
import type { Capability } from '../api/app';
import type { AuthOptions } from '../api/auth';
import type { ServiceContext } from '../platform/context';
import { JobRunner } from '../jobs/jobRunner';
import { DELIVER_MESSAGE } from '../messaging/outbox';
import { deliverMessage, type ChannelSender } from '../messaging/delivery';
import type { Channel } from '../generated/prisma/client';
import { rosterCapability } from '../roster/rosterApi';
import { meCapability } from '../api/me';
import { auditCapability } from '../audit/auditApi';
import { retentionCapability } from '../retention/nightlyRetention';
import { privacyCapability } from '../privacy/privacyApi';
import { schoolsCapability } from '../school/schoolsApi';
import { schedulerCapability } from '../scheduling/scheduler';
import { schoolLeadsCapability } from '../dashboard/dashboardCapability';
import { smsCapability } from '../sms/smsCapability';
import { teamsCapability } from '../bot/teamsCapability';
import { legalPagesCapability } from '../teamsApp/legalPagesCapability';
import { misCapability } from '../mis/misApi';
import type { MisOptions } from '../mis/sync';

/** The parts every capability shares: one job runner per process, one sender per channel. */
export interface Platform {
  jobs: JobRunner;
  senders: Partial<Record<Channel, ChannelSender>>;
}

export function createPlatform(ctx: ServiceContext): Platform {
  const jobs = new JobRunner({ pool: ctx.db.pool, clock: ctx.clock, logger: ctx.logger, workerId: `${process.pid}-${randomUUID().slice(0, 8)}` });
  const senders: Platform['senders'] = {};
  jobs.register(DELIVER_MESSAGE, deliverMessage(ctx.prisma, ctx.clock, senders));
  return { jobs, senders };
}

/** The product's capabilities, in the order their routes are mounted and their work is started. */
export function capabilities(ctx: ServiceContext, auth: AuthOptions, platform: Platform, mis: Partial<MisOptions> = {}): Capability[] {
  return [
    meCapability(ctx),
    schoolsCapability(ctx),
    rosterCapability(ctx),
    misCapability(ctx, platform, mis),
    auditCapability(ctx),
    retentionCapability(ctx, platform),
    privacyCapability(ctx),
    schedulerCapability(ctx, platform),
    schoolLeadsCapability(ctx, auth, platform),
    smsCapability(ctx, platform),
    teamsCapability(ctx, platform),
    legalPagesCapability(ctx),
  ];
}
