import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { PrismaClient } from '../db/database';
import type { OrganisationKind } from '../generated/prisma/client';
import { insideSchool, roleInOrganisation, type Principal, type SchoolPrincipal } from '../domain/access';
import { HttpError } from './errors';

/**
 * The REST API is never open. It accepts:
 * - `Bearer <API_KEY>` for scripts and the embedded default;
 * - Microsoft Entra ID access tokens from the school's tenant (the bot's app registration, Teams SSO),
 *   mapped to a staff record by object id, else by UPN/email, or to a trust lead or local authority
 *   officer the same way; and from a trust's or local authority's own tenant, mapped to its members only;
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

const UNKNOWN = 'You are signed in, but not registered as staff at a school, or at a trust or local authority, using this service';

const addressOf = (claims: JWTPayload): string | undefined =>
  [claims.preferred_username, claims.upn, claims.email].find((c): c is string => typeof c === 'string')?.toLowerCase();

type Member = { id: string; organisationId: string; email: string; active: boolean; organisation: { kind: OrganisationKind } };
const MEMBER = { id: true, organisationId: true, email: true, active: true, organisation: { select: { kind: true } } } as const;

function memberPrincipal(m: Member | null | undefined): Principal {
  if (!m || !m.active) throw new HttpError(403, 'unknown_staff', UNKNOWN);
  return { kind: 'organisation', memberId: m.id, organisationId: m.organisationId, role: roleInOrganisation(m.organisation.kind), label: m.email };
}

/**
 * A token from the school's tenant (or a local sign-in): a member of staff, matched by object id,
 * else by address; failing that, a trust lead or local authority officer with an account there
 * (a local authority often runs its schools' tenant), matched the same way.
 */
async function schoolTenantPrincipal(prisma: PrismaClient, claims: JWTPayload): Promise<Principal> {
  const oid = typeof claims.oid === 'string' ? claims.oid : undefined;
  const upn = addressOf(claims);
  const byOid = oid ? await prisma.staff.findUnique({ where: { aadObjectId: oid } }) : null;
  if (byOid && !byOid.active) throw new HttpError(403, 'unknown_staff', UNKNOWN);
  // An address is unique within a school only: someone on two schools' staff lists by the same
  // address (and no object id) is refused rather than signed in to whichever comes first.
  const byUpn = !byOid && upn ? await prisma.staff.findMany({ where: { email: upn, active: true }, take: 2 }) : [];
  const staff = byOid ?? (byUpn.length === 1 ? byUpn[0] : undefined);
  if (staff) return { kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, roles: staff.roles, label: staff.email };
  if (byUpn.length > 1) throw new HttpError(403, 'unknown_staff', UNKNOWN);
  const memberByOid = oid ? await prisma.organisationMember.findUnique({ where: { aadObjectId: oid }, select: MEMBER }) : null;
  if (memberByOid) return memberPrincipal(memberByOid);
  const byAddress = upn ? await prisma.organisationMember.findMany({ where: { email: upn, active: true }, select: MEMBER, take: 2 }) : [];
  return memberPrincipal(byAddress.length === 1 ? byAddress[0] : undefined);
}

/**
 * A token from an organisation's own tenant names only that organisation's members: its addresses
 * and claims say nothing about anyone's school.
 */
async function organisationTenantPrincipal(prisma: PrismaClient, organisationId: string, claims: JWTPayload): Promise<Principal> {
  const oid = typeof claims.oid === 'string' ? claims.oid : undefined;
  const upn = addressOf(claims);
  const byOid = oid ? await prisma.organisationMember.findFirst({ where: { aadObjectId: oid, organisationId }, select: MEMBER }) : null;
  const byAddress = !byOid && upn ? await prisma.organisationMember.findUnique({ where: { organisationId_email: { organisationId, email: upn } }, select: MEMBER }) : null;
  return memberPrincipal(byOid ?? byAddress);
}

export function authenticate(prisma: PrismaClient, options: AuthOptions): RequestHandler {
  const entra = options.entra;
  const tenantKeys = new Map<string, JWTVerifyGetKey>();
  // Microsoft publishes each tenant's signing keys at its own address (tests inject theirs).
  const keysOf = (tenant: string): JWTVerifyGetKey => {
    if (entra?.keys) return entra.keys;
    let keys = tenantKeys.get(tenant);
    if (!keys) tenantKeys.set(tenant, (keys = createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`))));
    return keys;
  };
  const verifiedIn = (token: string, tenant: string) =>
    jwtVerify(token, keysOf(tenant), {
      audience: entraAudiences(entra!),
      issuer: [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`],
      requiredClaims: ['exp'],
    }).catch(() => undefined);

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
          res.locals.principal = await schoolTenantPrincipal(prisma, local.payload);
          return;
        }
      }
      if (entra) {
        // Which tenant the token says it is from picks the keys and issuer it must then verify against.
        const claimed = tenantOf(token);
        if (claimed === entra.tenantId) {
          const verified = await verifiedIn(token, claimed);
          if (verified) {
            res.locals.principal = await schoolTenantPrincipal(prisma, verified.payload);
            return;
          }
        } else if (claimed) {
          const organisation = await prisma.organisation.findUnique({ where: { entraTenantId: claimed }, select: { id: true } });
          const verified = organisation ? await verifiedIn(token, claimed) : undefined;
          if (organisation && verified) {
            res.locals.principal = await organisationTenantPrincipal(prisma, organisation.id, verified.payload);
            return;
          }
        }
      }
      throw new HttpError(401, 'unauthenticated', 'The token is not valid');
    })().then(() => next(), next);
  };
}

/** The tenant an Entra token claims (`tid`), read before it is verified, only to choose what to verify it against. */
function tenantOf(token: string): string | undefined {
  try {
    const tid = decodeJwt(token).tid;
    return typeof tid === 'string' && /^[0-9a-f-]{36}$/i.test(tid) ? tid.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

export { LOCAL_ISSUER };

/** Whoever is calling, a trust or local authority included, with the request's id (for the audit trail). */
export function callerOf(req: Request): Principal {
  const p = req.res?.locals.principal as Principal | undefined;
  if (!p) throw new HttpError(401, 'unauthenticated', 'Not signed in');
  const requestId = req.res?.locals.requestId as string | undefined;
  return requestId ? { ...p, requestId } : p;
}

/**
 * Who is calling a school's own route: its staff or the API key. A trust lead or local authority
 * officer is refused at the door (403 organisation_member), whatever the route's own rules would say,
 * so that no route is ever opened to them by accident; the routes made for them read `callerOf`.
 */
export function principalOf(req: Request): SchoolPrincipal {
  return insideSchool(callerOf(req));
}

