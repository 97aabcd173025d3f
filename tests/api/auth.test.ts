import { decodeJwt, SignJWT } from 'jose';
import { LOCAL_ISSUER } from '../../api/auth';
import { authOptions } from '../../service/service';
import { startTestService, TEST_API_KEY, type RunningService } from '../support/testService';
import { APP_ID, fakeEntra, TENANT_ID, type FakeEntra } from './entraTokens';

describe('who may call the API', () => {
  let svc: RunningService;
  let entra: FakeEntra;
  let staffId: string;
  const OID = '3d1c9a2e-7b6f-4c5d-9e8a-1b2c3d4e5f60';

  const me = (authorization?: string) => fetch(`${svc.baseUrl}/api/me`, { headers: authorization ? { authorization } : {} });
  const withToken = async (claims: Parameters<FakeEntra['token']>[0], options?: Parameters<FakeEntra['token']>[1]) => me(`Bearer ${await entra.token(claims, options)}`);

  beforeAll(async () => {
    entra = await fakeEntra();
    svc = await startTestService({ ...entra.serviceOptions, env: { ...entra.serviceOptions.env, LOCAL_SIGN_IN: 'true' } });
    const school = await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } });
    staffId = (
      await svc.ctx.prisma.staff.create({
        data: { schoolId: school.id, displayName: 'Ruth Okafor', email: 'r.okafor@oakfield.example', roles: ['SENCO', 'KEY_TEACHER'], jobTitle: 'SENCO', aadObjectId: OID },
      })
    ).id;
    await svc.ctx.prisma.staff.create({ data: { schoolId: school.id, displayName: 'Left Last Year', email: 'gone@oakfield.example', roles: ['KEY_TEACHER'], active: false } });
  });
  afterAll(async () => {
    await svc.close();
  });

  describe('with the API key', () => {
    it('accepts the key', async () => {
      const res = await me(`Bearer ${TEST_API_KEY}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ kind: 'apiKey' });
    });
    it.each([
      ['a wrong key', `Bearer ${TEST_API_KEY}x`],
      ['no header', undefined],
      ['another scheme', `Basic ${Buffer.from(`x:${TEST_API_KEY}`).toString('base64')}`],
    ])('refuses %s with 401', async (_, header) => {
      const res = await me(header);
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe('unauthenticated');
    });
  });

  describe('with Microsoft Entra ID tokens from the school tenant', () => {
    it('maps a token to the member of staff by object id (oid)', async () => {
      const res = await withToken({ oid: OID, preferred_username: 'someone.else@oakfield.example' });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        kind: 'staff',
        staff: { id: staffId, displayName: 'Ruth Okafor', roles: ['SENCO', 'KEY_TEACHER'] },
        school: { name: 'Oakfield Primary', timezone: 'Europe/London', isDemo: false },
      });
    });

    it('maps a token without a known oid by preferred_username, whatever its case', async () => {
      const res = await withToken({ oid: '99999999-9999-4999-8999-999999999999', preferred_username: 'R.Okafor@Oakfield.example' });
      expect(res.status).toBe(200);
      expect((await res.json()).staff.id).toBe(staffId);
    });

    it.each([
      ['the app id', APP_ID],
      ['api://<app id>', `api://${APP_ID}`],
      ['the Teams SSO audience api://<host>/<app id>', `api://engage.oakfield.example/${APP_ID}`],
    ])('accepts the audience %s', async (_, aud) => {
      expect((await withToken({ oid: OID, aud })).status).toBe(200);
    });

    it('accepts the v1 issuer of the tenant', async () => {
      expect((await withToken({ oid: OID, iss: `https://sts.windows.net/${TENANT_ID}/` })).status).toBe(200);
    });

    it.each([
      ['another audience', { oid: OID, aud: 'api://some-other-app' }],
      ['another tenant as issuer', { oid: OID, iss: 'https://login.microsoftonline.com/00000000-0000-4000-8000-000000000000/v2.0' }],
    ])('refuses a token for %s with 401', async (_, claims) => {
      expect((await withToken(claims)).status).toBe(401);
    });

    it('refuses an expired token with 401', async () => {
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      expect((await withToken({ oid: OID }, { issuedAt: hourAgo - 3600, expiresIn: hourAgo })).status).toBe(401);
    });

    it('Given an otherwise valid token with no expiry (no exp claim), Then it is refused with 401: no token is good for ever', async () => {
      expect((await withToken({ oid: OID }, { expiresIn: null })).status).toBe(401);
    });

    it('refuses a token signed by another key with 401', async () => {
      const impostor = await fakeEntra();
      expect((await me(`Bearer ${await impostor.token({ oid: OID })}`)).status).toBe(401);
    });

    it('refuses a valid token for someone who is not staff here, or has left, with 403', async () => {
      const stranger = await withToken({ oid: '12121212-1212-4212-8212-121212121212', preferred_username: 'stranger@elsewhere.example' });
      expect(stranger.status).toBe(403);
      expect((await stranger.json()).error).toBe('unknown_staff');
      expect((await withToken({ preferred_username: 'gone@oakfield.example' })).status).toBe(403);
    });

    it('Given the same address on two schools\' staff lists, When a token carries only that address, Then it is refused (403) rather than signed in to either school; one who left the first school signs in to the second', async () => {
      const riverside = await svc.ctx.prisma.school.create({ data: { name: 'Riverside Academy' } });
      const oakfield = await svc.ctx.prisma.school.findFirstOrThrow({ where: { name: 'Oakfield Primary' } });
      await svc.ctx.prisma.staff.create({ data: { schoolId: oakfield.id, displayName: 'Sam Both', email: 'sam@trust.example', roles: ['SENCO'] } });
      const atRiverside = await svc.ctx.prisma.staff.create({ data: { schoolId: riverside.id, displayName: 'Sam Both', email: 'sam@trust.example', roles: ['KEY_TEACHER'] } });
      const both = await withToken({ oid: '34343434-3434-4434-8434-343434343434', preferred_username: 'sam@trust.example' });
      expect(both.status).toBe(403);
      expect((await both.json()).error).toBe('unknown_staff');
      await svc.ctx.prisma.staff.updateMany({ where: { schoolId: oakfield.id, email: 'sam@trust.example' }, data: { active: false } });
      const moved = await withToken({ oid: '34343434-3434-4434-8434-343434343434', preferred_username: 'sam@trust.example' });
      expect(moved.status).toBe(200);
      expect((await moved.json()).staff.id).toBe(atRiverside.id);
    });
  });

  describe('with local sign-in tokens (the embedded demo)', () => {
    const localKey = () => authOptions(svc.ctx, { apiKey: TEST_API_KEY }).localSigningKey!;
    const local = (expires: boolean) => {
      const jwt = new SignJWT({ preferred_username: 'r.okafor@oakfield.example' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setIssuedAt();
      return (expires ? jwt.setExpirationTime('1h') : jwt).sign(localKey());
    };

    it('Given a token signed with the local key but no expiry, Then it is refused with 401; the same token with one is accepted', async () => {
      expect((await me(`Bearer ${await local(false)}`)).status).toBe(401);
      expect((await me(`Bearer ${await local(true)}`)).status).toBe(200);
    });

    it('Given the demo sign-in, Then the token it issues expires within the hour', async () => {
      const staff = await svc.ctx.prisma.staff.findFirstOrThrow({ where: { email: 'r.okafor@oakfield.example' } });
      await svc.ctx.prisma.school.update({ where: { id: staff.schoolId }, data: { isDemo: true } });
      const res = await fetch(`${svc.baseUrl}/auth/local`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: staff.id }) });
      expect(res.status).toBe(200);
      const { exp, iat } = decodeJwt(((await res.json()) as { token: string }).token);
      expect(exp! - iat!).toBe(3600);
    });
  });
});
