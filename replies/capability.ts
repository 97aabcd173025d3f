import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { repliesCards } from './cards';
import { repliesRoutes } from './routes';

/** Parents' replies: the list staff work from, marking one handled, answering in the teacher's own words (REST and Teams). */
export function repliesCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  return {
    name: 'replies',
    apiRoutes: (api) => repliesRoutes(api, d),
    ...repliesCards(d, ctx.config.publicBaseUrl),
  };
}
