import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { recordingCards } from './cards';
import { recordingRoutes } from './routes';

/**
 * Recording the structured conversation (explore, focus, plan, review), the pupil's views, progress
 * on targets and telling subject teachers: over REST and on Teams cards, through the same use cases.
 */
export function recordingCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  return {
    name: 'recording',
    apiRoutes: (api) => recordingRoutes(api, d),
    ...recordingCards({ ...d, publicBaseUrl: ctx.config.publicBaseUrl }),
  };
}
