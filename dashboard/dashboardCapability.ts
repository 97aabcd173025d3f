import type { AuthOptions } from '../api/auth';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import { mountDashboardApi } from './dashboardApi';
import { mountLocalSignIn } from './localSignIn';
import { DashboardWeb } from './webBundle';

/**
 * School leads' dashboard: a Teams personal tab at /dashboard/, its JSON under /api/dashboard, and
 * the demo's local sign-in.
 */
export function dashboardCapability(ctx: ServiceContext, auth: AuthOptions): Capability {
  const web = new DashboardWeb(ctx.logger);
  return {
    name: 'dashboard',
    publicRoutes(app) {
      web.mount(app);
      if (ctx.config.localSignIn && auth.localSigningKey) mountLocalSignIn(app, ctx, auth.localSigningKey);
    },
    apiRoutes: (api) => mountDashboardApi(api, ctx),
    start: () => web.build(),
  };
}
