import express, { type Express } from 'express';
import { decodeJwt, SignJWT } from 'jose';
import { z } from 'zod';
import { LOCAL_ISSUER } from '../api/auth';
import { HttpError, route } from '../api/errors';
import { recordAudit } from '../audit/audit';
import { roleInOrganisation } from '../domain/access';
import type { ServiceContext } from '../platform/context';

/**
 * Demo only (config.localSignIn: the embedded default, never production): outside Teams the
 * dashboard lists the demo schools' staff, and the demo trust's lead and local authority's
 * officer, and signs in as the one picked, with a short-lived token that api/auth.ts accepts like
 * an Entra token (matched by object id, like a token from the school's tenant).
 */
export const LOCAL_TOKEN_MINUTES = 60;

const signInBody = z.union([z.strictObject({ staffId: z.uuid() }), z.strictObject({ memberId: z.uuid() })]);

export function mountLocalSignIn(app: Express, ctx: ServiceContext, signingKey: Uint8Array): void {
  const demoStaff = { active: true, school: { isDemo: true } };
  const demoMembers = { active: true, organisation: { isDemo: true } };

  app.get(
    '/auth/local/staff',
    route(async (_req, res) => {
      const [staff, members] = await Promise.all([
        ctx.prisma.staff.findMany({
          where: demoStaff,
          select: { id: true, displayName: true, roles: true, jobTitle: true, school: { select: { name: true } } },
          orderBy: [{ school: { name: 'asc' } }, { displayName: 'asc' }],
        }),
        ctx.prisma.organisationMember.findMany({
          where: demoMembers,
          select: { id: true, displayName: true, jobTitle: true, organisation: { select: { name: true, kind: true } } },
          orderBy: [{ organisation: { name: 'asc' } }, { displayName: 'asc' }],
        }),
      ]);
      res.json({
        staff: staff.map((s) => ({ id: s.id, displayName: s.displayName, roles: s.roles, jobTitle: s.jobTitle, school: s.school.name })),
        members: members.map((m) => ({ id: m.id, displayName: m.displayName, role: roleInOrganisation(m.organisation.kind), jobTitle: m.jobTitle, organisation: m.organisation.name })),
      });
    }),
  );

  app.post(
    '/auth/local',
    express.json({ limit: '4kb' }),
    route(async (req, res) => {
      const body = signInBody.parse(req.body);
      const person =
        'staffId' in body
          ? await ctx.prisma.staff.findFirst({ where: { id: body.staffId, ...demoStaff } })
          : await ctx.prisma.organisationMember.findFirst({ where: { id: body.memberId, ...demoMembers } });
      if (!person) throw new HttpError(404, 'not_found', 'No such person in the demo');
      const token = await new SignJWT({ preferred_username: person.email, ...(person.aadObjectId ? { oid: person.aadObjectId } : {}), name: person.displayName })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(LOCAL_ISSUER)
        .setSubject(person.id)
        // jose checks expiry against the real time when the token comes back, so it is issued by it too.
        .setIssuedAt()
        .setExpirationTime(`${LOCAL_TOKEN_MINUTES}m`)
        .sign(signingKey);
      const exp = decodeJwt(token).exp!;
      if ('schoolId' in person) {
        await recordAudit(ctx.prisma, { kind: 'STAFF', id: person.id, label: person.email }, { schoolId: person.schoolId, action: 'staff.localSignIn', entityType: 'Staff', entityId: person.id });
      } else {
        await recordAudit(ctx.prisma, { kind: 'ORGANISATION_MEMBER', id: person.id, label: person.email }, { action: 'organisationMember.localSignIn', entityType: 'OrganisationMember', entityId: person.id });
      }
      res.json({ token, expiresAt: new Date(exp * 1000).toISOString() });
    }),
  );
}
