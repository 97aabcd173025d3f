import type { Capability } from '../platform/capability';
import type { SchoolDeps } from '../settings/useCases';
import { organisationRoutes } from './routes';

/** Trusts and local authorities: who they are, their members, their schools, their defaults. */
export function organisationsCapability(d: SchoolDeps): Capability {
  return { name: 'organisations', apiRoutes: (api) => organisationRoutes(api, d) };
}
