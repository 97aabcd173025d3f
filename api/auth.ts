import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { PrismaClient } from '../db/database';
import type { Principal } from '../domain/access';
import { HttpError } from './errors';

/**
 * The REST API is never open. It accepts:
 * - `Bearer <API_KEY>` for scripts and the embedded default;
 * - Microsoft Entra ID access tokens from the school's tenant (the bot's app registration, Teams SSO),
 *   mapped to a staff record by object id, else by UPN/email;
 * - in the embedded default only, local sign-in tokens for the dashboard demo.
 * Every token must carry an expiry (`exp`), and it is checked: jose checks `exp` only when present,
 * so a token without one would otherwise be good for ever.
 */
export interface EntraOptions {
  tenantId: string;
  appId: string;
  /** Also accepted as audience: Teams SSO uses api://<host>/<appId>. */
  publicBaseUrl: string;
  /** Injected in tests; Microsoft's published keys otherwise. */
  keys?: JWTVerifyGetKey;
}

export interface AuthOptions {
  apiKey?: string;
  entra?: EntraOptions;
  /** HMAC secret for local sign-in tokens (embedded default only). */
  localSigningKey?: Uint8Array;
}

const LOCAL_ISSUER = 'school-engagement-bot/local';

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function entraAudiences(o: EntraOptions): string[] {
  const host = new URL(o.publicBaseUrl).host;
  return [o.appId, `api://${o.appId}`, `api://${host}/${o.appId}`];
}

async function staffPrincipal(prisma: PrismaClient, claims: JWTPayload): Promise<Principal> {
  const oid = typeof claims.oid === 'string' ? claims.oid : undefined;
  const upn = [claims.preferred_username, claims.upn, claims.email].find((c): c is string => typeof c === 'string');
  const byOid = oid ? await prisma.staff.findUnique({ where: { aadObjectId: oid } }) : null;
  // An address is unique within a school only: someone on two schools' staff lists by the same
  // address (and no object id) is refused rather than signed in to whichever comes first.
  const byUpn = !byOid && upn ? await prisma.staff.findMany({ where: { email: upn.toLowerCase(), active: true }, take: 2 }) : [];
  const staff = byOid ?? (byUpn.length === 1 ? byUpn[0] : undefined);
  if (!staff || !staff.active) throw new HttpError(403, 'unknown_staff', 'You are signed in, but not registered as staff at a school using this service');
  return { kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, roles: staff.roles, label: staff.email };
}

export function authenticate(prisma: PrismaClient, options: AuthOptions): RequestHandler {
  const entraKeys =
    options.entra &&
    (options.entra.keys ??
      createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${options.entra.tenantId}/discovery/v2.0/keys`)));
  return (req, res, next) => {
    (async () => {
      const header = req.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new HttpError(401, 'unauthenticated', 'Send Authorization: Bearer <token>');
      const token = match[1]!;
      if (options.apiKey && sameSecret(token, options.apiKey)) {
        res.locals.principal = { kind: 'apiKey', label: 'api-key' } satisfies Principal;
        return;
      }
      if (token.split('.').length !== 3) throw new HttpError(401, 'unauthenticated', 'The token is not valid');
      if (options.localSigningKey) {
        const local = await jwtVerify(token, options.localSigningKey, { issuer: LOCAL_ISSUER, requiredClaims: ['exp'] }).catch(() => undefined);
        if (local) {
          res.locals.principal = await staffPrincipal(prisma, local.payload);
          return;
        }
      }
      if (options.entra && entraKeys) {
        const { tenantId } = options.entra;
        const verified = await jwtVerify(token, entraKeys, {
          audience: entraAudiences(options.entra),
          issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
          requiredClaims: ['exp'],
        }).catch(() => undefined);
        if (verified) {
          res.locals.principal = await staffPrincipal(prisma, verified.payload);
          return;
        }
      }
      throw new HttpError(401, 'unauthenticated', 'The token is not valid');
    })().then(() => next(), next);
  };
}

export { LOCAL_ISSUER };

/** Who is calling, with the request's id (for the audit trail of whatever they change). */
export function principalOf(req: Request): Principal {
  const p = req.res?.locals.principal as Principal | undefined;
  if (!p) throw new HttpError(401, 'unauthenticated', 'Not signed in');
  const requestId = req.res?.locals.requestId as string | undefined;
  return requestId ? { ...p, requestId } : p;
}

