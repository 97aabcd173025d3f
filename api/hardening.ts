import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from '../runtime/logger';

/**
 * HTTP hardening shared by every route: security headers (helmet) and per-address rate limits.
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

export interface Limit {
  /** Names the limit in logs and in the RateLimit header. */
  name: string;
  perMinute: number;
  /** Which answers count towards the limit; every request when absent. */
  counts?: (status: number) => boolean;
}

/** Refused sign-ins to the API: a member of staff at work never spends the allowance. */
export const refusedSignIn = (status: number): boolean => status === 401;

/**
 * Requests the webhook refused (forged, malformed, too big): Twilio does not retry an inbound text
 * answered 429, so a genuine, signed request must never be what trips the limit.
 */
export const refusedRequest = (status: number): boolean => status >= 400 && status < 500;

/**
 * At most `perMinute` requests a minute from one client address (req.ip: see `trust proxy` in
 * api/app.ts), then 429 with Retry-After until the minute is over. Counted in this process: with
 * several instances behind a balancer, each counts its own share.
 */
export function perAddressLimit(limit: Limit, logger: Logger): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limit.perMinute,
    identifier: limit.name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(limit.counts ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req, res) => !limit.counts!(res.statusCode) } : {}),
    handler: (req, res) => {
      logger.warn({ limit: limit.name, path: req.path }, 'rate limited');
      res.status(429).json({ error: 'too_many_requests', message: 'Too many requests from your address; please wait a minute and try again.' });
    },
    logger: { warn: (err, message) => logger.warn({ err }, message ?? 'rate limiter'), error: (err, message) => logger.error({ err }, message ?? 'rate limiter') },
  });
}
