import { sendNotice, storedCard } from '../cards/cardAction';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { evaluationRoutes } from './routes';
import { EVALUATION_JOB, EVALUATION_TEMPLATE, planAllEvaluations, termEndHandler } from './termlyReports';

/** Figures across schools for trusts and local authorities, the termly evaluation (a job at each term's end) and the gap analysis. */
export function evaluationCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  return {
    name: 'evaluation',
    apiRoutes: (api) => evaluationRoutes(api, d),
    jobs: { [EVALUATION_JOB]: termEndHandler(ctx.prisma, ctx.clock, ctx.config.publicBaseUrl) },
    // A term's report is built from dated records, so it reads the same whenever it is delivered.
    noticeCards: { [EVALUATION_TEMPLATE]: async (m) => sendNotice(storedCard(m)) },
    start: () => planAllEvaluations(ctx.prisma, ctx.clock),
  };
}
