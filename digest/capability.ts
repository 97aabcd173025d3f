import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import { DIGEST_JOB, planAllDigests, weeklyDigestHandler } from './weeklyDigest';

/** The weekly digest for school leads and SENCOs: a job per school per week (its bot command is in ./digestCommand.ts). */
export function digestCapability(ctx: ServiceContext): Capability {
  return {
    name: 'digest',
    jobs: { [DIGEST_JOB]: weeklyDigestHandler(ctx.prisma, ctx.clock, ctx.config.publicBaseUrl) },
    start: () => planAllDigests(ctx.prisma, ctx.clock),
  };
}
