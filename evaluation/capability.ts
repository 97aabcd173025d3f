import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { evaluationRoutes } from './routes';
import { EVALUATION_JOB, planAllEvaluations, termEndHandler } from './termlyReports';

/** Figures across schools for trusts and local authorities, the termly evaluation (a job at each term's end) and the gap analysis. */
export function evaluationCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  return {
    name: 'evaluation',
    apiRoutes: (api) => evaluationRoutes(api, d),
    jobs: { [EVALUATION_JOB]: termEndHandler(ctx.prisma, ctx.clock, ctx.config.publicBaseUrl) },
    start: () => planAllEvaluations(ctx.prisma, ctx.clock),
  };
}
