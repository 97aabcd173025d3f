import express, { type Express } from 'express';
import { decodeJwt, SignJWT } from 'jose';
import { z } from 'zod';
import { LOCAL_ISSUER } from '../api/auth';
import { HttpError, route } from '../api/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../platform/context';

/**
 * Demo only (config.localSignIn: the embedded default, never production): outside Teams the
 * dashboard lists the demo school's staff and signs in as the one picked, with a short-lived
 * token that api/auth.ts accepts like an Entra token.
 */
export const LOCAL_TOKEN_MINUTES = 60;

const signInBody = z.object({ staffId: z.uuid() });

export function mountLocalSignIn(app: Express, ctx: ServiceContext, signingKey: Uint8Array): void {
  const demoStaff = { active: true, school: { isDemo: true } };

  app.get(
    '/auth/local/staff',
    route(async (_req, res) => {
      const staff = await ctx.prisma.staff.findMany({
        where: demoStaff,
        select: { id: true, displayName: true, roles: true, jobTitle: true, school: { select: { name: true } } },
        orderBy: [{ school: { name: 'asc' } }, { displayName: 'asc' }],
      });
      res.json({ staff: staff.map((s) => ({ id: s.id, displayName: s.displayName, roles: s.roles, jobTitle: s.jobTitle, school: s.school.name })) });
    }),
  );

  app.post(
    '/auth/local',
    express.json({ limit: '4kb' }),
    route(async (req, res) => {
      const { staffId } = signInBody.parse(req.body);
      const staff = await ctx.prisma.staff.findFirst({ where: { id: staffId, ...demoStaff } });
      if (!staff) throw new HttpError(404, 'not_found', 'No such member of staff at the demo school');
      const token = await new SignJWT({ preferred_username: staff.email, ...(staff.aadObjectId ? { oid: staff.aadObjectId } : {}), name: staff.displayName })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(LOCAL_ISSUER)
        .setSubject(staff.id)
        // jose checks expiry against the real time when the token comes back, so it is issued by it too.
        .setIssuedAt()
        .setExpirationTime(`${LOCAL_TOKEN_MINUTES}m`)
        .sign(signingKey);
      const exp = decodeJwt(token).exp!;
      await recordAudit(ctx.prisma, { kind: 'STAFF', id: staff.id, label: staff.email }, { schoolId: staff.schoolId, action: 'staff.localSignIn', entityType: 'Staff', entityId: staff.id });
      res.json({ token, expiresAt: new Date(exp * 1000).toISOString() });
    }),
  );
}
