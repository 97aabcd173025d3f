import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * HTTP hardening shared by every route: security headers (helmet). Rate limits are in rateLimits.ts.
 *
 * Headers: every answer is nosniff, no-referrer, HSTS, same-origin opener and resource policy, and by
 * default under a policy that loads nothing and may be framed by no one (the API answers JSON).
 * Pages widen it for themselves with `pagePolicy`. No X-Frame-Options: it cannot name Teams, and
 * every browser Teams runs in reads `frame-ancestors` instead.
 */
type Directives = Record<string, string[]>;

const NOTHING: Directives = { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: NOTHING },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: false,
  });
}

/** A page's own Content-Security-Policy, replacing the default one. */
export function pagePolicy(directives: Directives): RequestHandler {
  return helmet.contentSecurityPolicy({ useDefaults: false, directives });
}

/**
 * Microsoft's hosts allowed to frame a Teams tab (learn.microsoft.com, Teams "tab requirements"):
 * Teams, the Microsoft 365 app and Outlook, their move to *.cloud.microsoft, and Teams for UK and US
 * government clouds' *.teams.microsoft.us.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office365.com',
  'https://*.teams.microsoft.us',
];
