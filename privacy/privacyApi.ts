import type { Request } from 'express';
import { z } from 'zod';
import type { Capability } from '../api/app';
import { principalOf } from '../api/auth';
import { actorOf } from '../audit/audit';
import { forbidden, notFound, route } from '../api/errors';
import { recordAudit } from '../audit/audit';
import type { PrismaClient } from '../db/database';
import { canAdministerSchool } from '../domain/access';
import type { ServiceContext } from '../platform/context';
import { eraseContact, erasePupil, pupilErasureSchema } from './erasure';
import { contactSubjectAccess, pupilSubjectAccess } from './subjectAccess';
import { subjectAccessHtml } from './subjectAccessPage';
import { PRINTABLE_PAGE_POLICY } from '../dashboard/printablePage';

/**
 * Subject access and erasure, for a pupil or a parent or carer: the school's admins and SENCOs
 * (and the API key) only, as they answer such requests for the school. Every export and every
 * erasure is audited; the audit entries hold counts, never what was exported or erased.
 */
const requestIdOf = (req: Request): string | undefined => req.res?.getHeader('x-request-id')?.toString();

type Subject = 'pupil' | 'contact';

/** JSON for a computer; html, a page to print or send to the person who asked. */
const exportQuery = z.object({ format: z.enum(['json', 'html']).default('json') });

async function schoolOf(prisma: PrismaClient, subject: Subject, rawId: unknown): Promise<{ id: string; schoolId: string }> {
  const id = z.uuid().safeParse(rawId);
  const found = !id.success
    ? null
    : subject === 'pupil'
      ? await prisma.pupil.findUnique({ where: { id: id.data }, select: { id: true, schoolId: true } })
      : await prisma.contact.findUnique({ where: { id: id.data }, select: { id: true, schoolId: true } });
  if (!found) throw notFound(subject === 'pupil' ? 'Pupil' : 'Parent or carer');
  return found;
}

export function privacyCapability(ctx: ServiceContext): Capability {
  const { prisma, clock } = ctx;

  const allowed = async (req: Request, subject: Subject) => {
    const p = principalOf(req);
    const s = await schoolOf(prisma, subject, req.params.id);
    if (!canAdministerSchool(p, s.schoolId)) throw forbidden('Only admins and SENCOs answer subject access and erasure requests');
    return { p, s };
  };

  return {
    name: 'privacy',
    mountApi(api) {
      for (const subject of ['pupil', 'contact'] as const) {
        api.get(
          `/${subject}s/:id/subject-access`,
          route(async (req, res) => {
            const { p, s } = await allowed(req, subject);
            const { format } = exportQuery.parse(req.query);
            const now = clock.now();
            const data = subject === 'pupil' ? await pupilSubjectAccess(prisma, s.id, now) : await contactSubjectAccess(prisma, s.id, now);
            await recordAudit(prisma, actorOf(p), {
              schoolId: s.schoolId,
              action: `${subject}.subjectAccess`,
              entityType: subject === 'pupil' ? 'Pupil' : 'Contact',
              entityId: s.id,
              after: { format, messages: data.messages.length, auditEntries: data.auditTrail.length },
              requestId: requestIdOf(req),
            });
            const file = `subject-access-${subject}-${now.toISOString().slice(0, 10)}`;
            if (format === 'html') {
              const { timezone } = await prisma.school.findUniqueOrThrow({ where: { id: s.schoolId }, select: { timezone: true } });
              res.setHeader('content-security-policy', PRINTABLE_PAGE_POLICY);
              res.type('html').attachment(`${file}.html`).send(subjectAccessHtml(data, timezone));
              return;
            }
            res.attachment(`${file}.json`).json(data);
          }),
        );
      }

      api.post(
        '/pupils/:id/erasure',
        route(async (req, res) => {
          const { p, s } = await allowed(req, 'pupil');
          const request = pupilErasureSchema.parse(req.body ?? {});
          res.json(await erasePupil(prisma, clock, actorOf(p), s.id, request, requestIdOf(req)));
        }),
      );

      api.post(
        '/contacts/:id/erasure',
        route(async (req, res) => {
          const { p, s } = await allowed(req, 'contact');
          z.strictObject({}).parse(req.body ?? {});
          res.json(await eraseContact(prisma, clock, actorOf(p), s.id, requestIdOf(req)));
        }),
      );
    },
  };
}
