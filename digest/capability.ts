import { dropNotice, sendNotice } from '../cards/cardAction';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import { DIGEST_TEMPLATE } from './digestQueries';
import { buildDigest, DIGEST_JOB, planAllDigests, weeklyDigestHandler } from './weeklyDigest';

/** The weekly digest for school leads and SENCOs: a job per school per week (its bot command is in ./digestCommand.ts). */
export function digestCapability(ctx: ServiceContext): Capability {
  const { prisma, clock, config } = ctx;
  return {
    name: 'digest',
    jobs: { [DIGEST_JOB]: weeklyDigestHandler(prisma, clock, config.publicBaseUrl) },
    // Figures as they are when the lead reads them: a digest waiting for the app to be installed is not last week's.
    noticeCards: {
      [DIGEST_TEMPLATE]: async (m, now) => {
        if (!m.schoolId) return dropNotice('a digest belongs to a school');
        const digest = await buildDigest(prisma, m.schoolId, now, config.publicBaseUrl);
        return sendNotice(digest.card, digest.text);
      },
    },
    start: () => planAllDigests(prisma, clock),
  };
}
