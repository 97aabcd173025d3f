import type { Capability } from '../api/app';
import { principalOf } from '../api/auth';
import { actorOf } from '../audit/audit';
import { forbidden, route } from '../api/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../platform/context';
import { refuseEmptyQuietHours, settingsSchema, SETTINGS_SELECT } from './settingsApi';

/** A new school: its name is needed; every other setting has the product's default. */
const newSchoolSchema = settingsSchema.required({ name: true });

/**
 * The schools a deployment serves. Whoever runs the service (the API key) adds a school before its
 * staff and register are imported; staff see their own school only.
 */
export function schoolsCapability(ctx: ServiceContext): Capability {
  const { prisma } = ctx;
  return {
    name: 'schools',
    mountApi(api) {
      api.get(
        '/schools',
        route(async (req, res) => {
          const p = principalOf(req);
          const schools = await prisma.school.findMany({
            where: p.kind === 'staff' ? { id: p.schoolId } : {},
            select: { id: true, name: true, timezone: true, isDemo: true },
            orderBy: { createdAt: 'asc' },
          });
          res.json({ schools });
        }),
      );
      api.post(
        '/schools',
        route(async (req, res) => {
          const p = principalOf(req);
          if (p.kind !== 'apiKey') throw forbidden('Schools are added by whoever runs the service, with the API key');
          const data = newSchoolSchema.parse(req.body);
          const school = await prisma.$transaction(async (tx) => {
            const created = await tx.school.create({ data, select: { id: true, ...SETTINGS_SELECT } });
            refuseEmptyQuietHours(created);
            await recordAudit(tx, actorOf(p), { schoolId: created.id, action: 'school.create', entityType: 'School', entityId: created.id, after: created });
            return created;
          });
          res.status(201).json(school);
        }),
      );
    },
  };
}
