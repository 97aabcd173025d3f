import { z } from 'zod';
import type { Capability } from '../platform/capability';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import { forbidden, invalid } from '../domain/errors';
import { seesWholeSchool } from '../domain/access';
import type { ServiceContext } from '../platform/context';

const query = z.object({
  schoolId: z.uuid().optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The `next` of the previous page (pages go back in time). */
  before: z.string().max(200).optional(),
});

/**
 * Pages are cut on (at, id): one import writes hundreds of events in the same millisecond, so a
 * cursor on the time alone would skip the rest of them.
 */
const cursor = {
  of: (e: { at: Date; id: string }): string => Buffer.from(`${e.at.toISOString()}|${e.id}`).toString('base64url'),
  parse(value: string): { at: Date; id: string } {
    const [at, id] = Buffer.from(value, 'base64url').toString().split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !z.uuid().safeParse(id).success) throw invalid('invalid_request', '"before" is not a cursor this API gave');
    return { at: new Date(at), id };
  },
};

/**
 * `GET /api/audit`: who changed or viewed what, newest first, for the school leads, SENCO and
 * admins of one school (a script with the API key names the school or sees all).
 */
export function auditCapability(ctx: ServiceContext): Capability {
  return {
    name: 'audit',
    apiRoutes(api) {
      api.get(
        '/audit',
        route(async (req, res) => {
          const p = principalOf(req);
          const q = query.parse(req.query);
          const schoolId = p.kind === 'staff' ? (q.schoolId ?? p.schoolId) : q.schoolId;
          if (p.kind === 'staff' && (!schoolId || !seesWholeSchool(p, schoolId))) throw forbidden('Only school leads, the SENCO and admins read the audit trail');
          if (q.from && q.to && q.from > q.to) throw invalid('invalid_request', '"from" is after "to"');
          const after = q.before ? cursor.parse(q.before) : undefined;
          const events = await ctx.prisma.auditEvent.findMany({
            where: {
              schoolId,
              entityType: q.entityType,
              entityId: q.entityId,
              actorId: q.actorId,
              action: q.action,
              at: { gte: q.from ? new Date(q.from) : undefined, lte: q.to ? new Date(q.to) : undefined },
              ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
            },
            orderBy: [{ at: 'desc' }, { id: 'desc' }],
            take: q.limit,
          });
          res.json({ events, next: events.length === q.limit ? cursor.of(events[events.length - 1]!) : null });
        }),
      );
    },
  };
}
