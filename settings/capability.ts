import type { Capability } from '../platform/capability';
import { schoolRoutes } from './routes';
import type { SchoolDeps } from './useCases';

/** The schools a deployment serves, their settings and calendars, and parents' own rhythms. */
export function schoolCapability(d: SchoolDeps): Capability {
  return { name: 'school', apiRoutes: (api) => schoolRoutes(api, d) };
}
