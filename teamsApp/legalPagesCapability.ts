import type { Capability } from '../api/app';
import { route } from '../api/errors';
import type { ServiceContext } from '../service/context';
import { privacyPage, PRIVACY_PATH, termsPage, TERMS_PATH, type LegalPageFacts } from './legalPages';

// Static pages: nothing to load, nothing to frame them.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

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
      res.setHeader('content-security-policy', CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'no-cache');
      res.type('html').send(render(await facts()));
    });
  return {
    name: 'legal-pages',
    mountPublic(app) {
      app.get(PRIVACY_PATH, serve(privacyPage));
      app.get(TERMS_PATH, serve(termsPage));
    },
  };
}
