import type { Capability } from '../api/app';
import type { AuthOptions } from '../api/auth';
import type { ServiceContext } from '../platform/context';
import type { Platform } from '../service/capabilities';
import { DIGEST_JOB, planAllDigests, weeklyDigestHandler } from '../digest/weeklyDigest';
import { mountDashboardApi } from './dashboardApi';
import { mountLocalSignIn } from './localSignIn';
import { DashboardWeb } from './webBundle';
import '../digest/digestCommand';

/**
 * School leads: the weekly digest (a job per school per week) and the dashboard (a Teams personal
 * tab at /dashboard/, its JSON under /api/dashboard, and the demo's local sign-in).
 */
export function schoolLeadsCapability(ctx: ServiceContext, auth: AuthOptions, platform: Platform): Capability {
  platform.jobs.register(DIGEST_JOB, weeklyDigestHandler(ctx.prisma, ctx.clock, ctx.config.publicBaseUrl));
  const web = new DashboardWeb(ctx.logger);
  return {
    name: 'school-leads',
    mountPublic(app) {
      web.mount(app);
      if (ctx.config.localSignIn && auth.localSigningKey) mountLocalSignIn(app, ctx, auth.localSigningKey);
    },
    mountApi(api) {
      mountDashboardApi(api, ctx);
    },
    async start() {
      await web.build();
      await planAllDigests(ctx.prisma, ctx.clock);
    },
  };
}
