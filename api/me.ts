import type { Capability } from '../platform/capability';
import { callerOf } from './auth';
import { route } from './errors';
import type { ServiceContext } from '../platform/context';

/** GET /api/me: who the caller is, for the dashboard and for scripts checking their key. */
export function meCapability(ctx: ServiceContext): Capability {
  return {
    name: 'me',
    apiRoutes(api) {
      api.get(
        '/me',
        route(async (req, res) => {
          const principal = callerOf(req);
          if (principal.kind === 'apiKey') {
            res.json({ kind: 'apiKey' });
            return;
          }
          if (principal.kind === 'organisation') {
            const member = await ctx.prisma.organisationMember.findUniqueOrThrow({
              where: { id: principal.memberId },
              select: { id: true, displayName: true, email: true, jobTitle: true, organisation: { select: { id: true, name: true, kind: true, isDemo: true } } },
            });
            const { organisation, ...who } = member;
            res.json({ kind: 'organisation', member: { ...who, role: principal.role }, organisation });
            return;
          }
          const staff = await ctx.prisma.staff.findUniqueOrThrow({
            where: { id: principal.staffId },
            select: { id: true, displayName: true, email: true, roles: true, jobTitle: true, school: { select: { id: true, name: true, timezone: true, isDemo: true } } },
          });
          res.json({ kind: 'staff', staff: { id: staff.id, displayName: staff.displayName, email: staff.email, roles: staff.roles, jobTitle: staff.jobTitle }, school: staff.school });
        }),
      );
    },
  };
}
