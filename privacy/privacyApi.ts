import { z } from 'zod';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import { actorOf, recordAudit } from '../audit/audit';
import type { Principal } from '../domain/access';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { eraseContact, erasePupil, privacySubject, pupilErasureSchema } from './erasure';
import { contactSubjectAccess, pupilSubjectAccess } from './subjectAccess';
import { subjectAccessHtml } from './subjectAccessPage';
import { PRINTABLE_PAGE_POLICY } from '../dashboard/printablePage';

/**
 * Subject access and erasure, for a pupil or a parent or carer: the school's admins and SENCOs
 * (and the API key) only, as they answer such requests for the school. Every export and every
 * erasure is audited; the audit entries hold counts, never what was exported or erased.
 */
type Subject = 'pupil' | 'contact';

/** JSON for a computer; html, a page to print or send to the person who asked. */
const exportQuery = z.object({ format: z.enum(['json', 'html']).default('json') });

/** Everything held about a pupil or a parent, audited with its format and counts. */
async function subjectAccess(d: UseCaseDeps, by: Principal, subject: Subject, id: unknown, format: 'json' | 'html') {
  const s = await privacySubject(d.prisma, by, subject, id);
  const now = d.clock.now();
  const data = subject === 'pupil' ? await pupilSubjectAccess(d.prisma, s.id, now) : await contactSubjectAccess(d.prisma, s.id, now);
  await recordAudit(d.prisma, actorOf(by), {
    schoolId: s.schoolId,
    action: `${subject}.subjectAccess`,
    entityType: subject === 'pupil' ? 'Pupil' : 'Contact',
    entityId: s.id,
    after: { format, messages: data.messages.length, auditEntries: data.auditTrail.length },
  });
  return { data, schoolId: s.schoolId, now };
}

export function privacyCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  const { prisma } = ctx;
  return {
    name: 'privacy',
    apiRoutes(api) {
      for (const subject of ['pupil', 'contact'] as const) {
        api.get(
          `/${subject}s/:id/subject-access`,
          route(async (req, res) => {
            const { format } = exportQuery.parse(req.query);
            const { data, schoolId, now } = await subjectAccess(d, principalOf(req), subject, req.params.id, format);
            const file = `subject-access-${subject}-${now.toISOString().slice(0, 10)}`;
            if (format === 'html') {
              const { timezone } = await prisma.school.findUniqueOrThrow({ where: { id: schoolId }, select: { timezone: true } });
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
          const by = principalOf(req);
          const { id } = await privacySubject(prisma, by, 'pupil', req.params.id);
          res.json(await erasePupil(d, by, id, pupilErasureSchema.parse(req.body ?? {})));
        }),
      );

      api.post(
        '/contacts/:id/erasure',
        route(async (req, res) => {
          const by = principalOf(req);
          const { id } = await privacySubject(prisma, by, 'contact', req.params.id);
          z.strictObject({}).parse(req.body ?? {});
          res.json(await eraseContact(d, by, id));
        }),
      );
    },
  };
}
