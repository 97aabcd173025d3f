import { startTestService, type RunningService } from '../support/testService';
import { fakeEntra, TENANT_ID, type FakeEntra } from './entraTokens';

/**
 * Trust leads and local authority officers sign in the ways staff do: an Entra token from their
 * organisation's own tenant (matched to that organisation's members only), or from the school's
 * tenant (an account there, matched by object id or address, after staff).
 */
const TRUST_TENANT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

describe('signing in above the school', () => {
  let svc: RunningService;
  let entra: FakeEntra;
  const me = async (claims: Parameters<FakeEntra['token']>[0]) => fetch(`${svc.baseUrl}/api/me`, { headers: { authorization: `Bearer ${await entra.token(claims)}` } });
  const fromTenant = (tenant: string) => ({ tid: tenant, iss: `https://login.microsoftonline.com/${tenant}/v2.0` });

  beforeAll(async () => {
    entra = await fakeEntra();
    svc = await startTestService(entra.serviceOptions);
    const trust = await svc.ctx.prisma.organisation.create({ data: { name: 'Oak Trust', kind: 'TRUST', entraTenantId: TRUST_TENANT } });
    const la = await svc.ctx.prisma.organisation.create({ data: { name: 'Northshire Council', kind: 'LOCAL_AUTHORITY' } });
    const school = await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary', trustId: trust.id } });
    await svc.ctx.prisma.staff.create({ data: { schoolId: school.id, displayName: 'Hana Lead', email: 'hana@oakfield.example', roles: ['SCHOOL_LEAD'] } });
    await svc.ctx.prisma.organisationMember.create({ data: { organisationId: trust.id, displayName: 'Tess Trust', email: 'tess@oaktrust.example', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' } });
    await svc.ctx.prisma.organisationMember.create({ data: { organisationId: la.id, displayName: 'Lou Officer', email: 'lou@northshire.example' } });
    await svc.ctx.prisma.organisationMember.create({ data: { organisationId: la.id, displayName: 'Left Officer', email: 'gone@northshire.example', active: false } });
  });
  afterAll(() => svc.close());

  it("Given a token from the trust's own tenant, Then it signs in the trust lead it names (object id, else address) as an organisation member", async () => {
    const byOid = await me({ ...fromTenant(TRUST_TENANT), oid: 'aaaaaaaa-0000-4000-8000-000000000001', preferred_username: 'someone@oaktrust.example' });
    expect(byOid.status).toBe(200);
    expect(await byOid.json()).toMatchObject({ kind: 'organisation', member: { displayName: 'Tess Trust', role: 'TRUST_LEAD' }, organisation: { name: 'Oak Trust', kind: 'TRUST' } });
    expect((await me({ ...fromTenant(TRUST_TENANT), oid: 'bbbbbbbb-0000-4000-8000-000000000002', preferred_username: 'Tess@OakTrust.example' })).status).toBe(200);
  });

  it("Given a token from the trust's tenant carrying a school's staff address, Then it is refused (403): an organisation's tenant speaks only for its members", async () => {
    const res = await me({ ...fromTenant(TRUST_TENANT), preferred_username: 'hana@oakfield.example' });
    expect(res.status).toBe(403);
    // Nor another organisation's member, however the token names them.
    expect((await me({ ...fromTenant(TRUST_TENANT), preferred_username: 'lou@northshire.example' })).status).toBe(403);
  });

  it("Given a token from the school's tenant for a local authority officer's account there, Then it signs him in as the officer; one who left is refused", async () => {
    const res = await me({ tid: TENANT_ID, preferred_username: 'lou@northshire.example' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'organisation', member: { role: 'LA_OFFICER' }, organisation: { kind: 'LOCAL_AUTHORITY' } });
    expect((await me({ tid: TENANT_ID, preferred_username: 'gone@northshire.example' })).status).toBe(403);
    // Staff still come first in the school's tenant.
    expect(await (await me({ tid: TENANT_ID, preferred_username: 'hana@oakfield.example' })).json()).toMatchObject({ kind: 'staff' });
  });

  it('Given a token from a tenant no organisation signs in with, Then it is not valid (401)', async () => {
    expect((await me({ ...fromTenant(OTHER_TENANT), preferred_username: 'tess@oaktrust.example' })).status).toBe(401);
    // A token claiming the trust's tenant but issued by another is refused too.
    expect((await me({ tid: TRUST_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0`, preferred_username: 'tess@oaktrust.example' })).status).toBe(401);
  });

  it("Given the trust lead signed in, When she asks for a school's own work (its pupils, its settings, its audit trail), Then she is refused at the door (403 organisation_member)", async () => {
    const token = await entra.token({ ...fromTenant(TRUST_TENANT), preferred_username: 'tess@oaktrust.example' });
    const school = await svc.ctx.prisma.school.findFirstOrThrow();
    for (const path of ['/api/dashboard/pupils', `/api/schools/${school.id}/settings`, `/api/audit?schoolId=${school.id}`, '/api/sms/outbox', '/api/parent-replies']) {
      const res = await fetch(`${svc.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect([path, res.status, ((await res.json()) as { error: string }).error]).toEqual([path, 403, 'organisation_member']);
    }
  });
});
