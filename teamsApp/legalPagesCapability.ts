import type { Capability } from '../platform/capability';
import { pagePolicy } from '../api/hardening';
import { route } from '../api/errors';
import type { ServiceContext } from '../platform/context';
import { privacyPage, PRIVACY_PATH, termsPage, TERMS_PATH, type LegalPageFacts } from './legalPages';

// Static pages: nothing to load but their inline styles, nothing to frame them.
const legalPolicy = pagePolicy({ defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] });

/**
 * GET /privacy and /terms, open to anyone (the Teams admin centre links to them). The school's own
 * name and contact details when the deployment serves one school; a generic line otherwise.
 */
export function legalPagesCapability(ctx: ServiceContext): Capability {
  const facts = async (): Promise<LegalPageFacts> => {
    const schools = await ctx.prisma.school.findMany({ select: { name: true, contactPhone: true, contactEmail: true, messageRetentionDays: true }, take: 2 });
    const school = schools.length === 1 ? schools[0] : undefined;
    return { school, messageRetentionDays: school?.messageRetentionDays ?? ctx.config.MESSAGE_RETENTION_DAYS };
  };
  const serve = (render: (f: LegalPageFacts) => string) =>
    route(async (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      res.type('html').send(render(await facts()));
    });
  return {
    name: 'legal-pages',
    publicRoutes(app) {
      app.get(PRIVACY_PATH, legalPolicy, serve(privacyPage));
      app.get(TERMS_PATH, legalPolicy, serve(termsPage));
    },
  };
}
