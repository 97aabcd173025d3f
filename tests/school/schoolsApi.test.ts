import { staffBearer } from '../support/staffTokens';
import { startTestService, type RunningService } from '../support/testService';

describe('adding a school to a new deployment', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startTestService({ env: { LOCAL_SIGN_IN: 'true' } });
  });
  afterAll(async () => {
    await svc.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) => svc.api('/api/schools', { method: 'POST', body: JSON.stringify(body), headers });

  it('Given an empty database, When the operator adds Oakfield with the API key, Then it exists with the defaults, its HELP phone, and an audit event', async () => {
    const res = await post({ name: 'Oakfield Primary', contactPhone: '0161 496 0000', contactEmail: 'office@oakfield.example' });
    expect(res.status).toBe(201);
    const school = await res.json();
    expect(school).toMatchObject({ name: 'Oakfield Primary', contactPhone: '0161 496 0000', timezone: 'Europe/London', quietHoursStart: '20:00', quietHoursEnd: '08:00', staffReminderTime: '09:00' });
    const audit = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'school.create', entityId: school.id } });
    expect(audit).toMatchObject({ actorKind: 'API_KEY', after: expect.objectContaining({ name: 'Oakfield Primary' }) });
    const { schools } = await (await svc.api('/api/schools')).json();
    expect(schools.map((s: { name: string }) => s.name)).toContain('Oakfield Primary');
  });

  it('refuses a school without a name, with a setting it does not know, or with quiet hours that start and end together', async () => {
    expect((await post({ contactPhone: '0161 496 0000' })).status).toBe(400);
    expect((await post({ name: 'Elm', colour: 'green' })).status).toBe(400);
    expect((await post({ name: 'Elm', quietHoursStart: '20:00', quietHoursEnd: '20:00' })).status).toBe(400);
    // One end given, equal to the default of the other.
    expect((await post({ name: 'Elm', quietHoursStart: '08:00' })).status).toBe(400);
    expect(await svc.ctx.prisma.school.count({ where: { name: 'Elm' } })).toBe(0);
  });

  it('does not let staff add schools, and shows them only their own', async () => {
    const oak = await svc.ctx.prisma.school.findFirstOrThrow({ where: { name: 'Oakfield Primary' } });
    const other = await svc.ctx.prisma.school.create({ data: { name: 'Birchwood Academy' } });
    await svc.ctx.prisma.staff.create({ data: { schoolId: oak.id, displayName: 'Ms Patel', email: 'patel@oakfield.example', roles: ['ADMIN'] } });
    const admin = await staffBearer(svc, { email: 'patel@oakfield.example' });
    expect((await post({ name: 'Sneaky School' }, { authorization: admin })).status).toBe(403);
    const { schools } = await (await svc.api('/api/schools', { headers: { authorization: admin } })).json();
    expect(schools.map((s: { id: string }) => s.id)).toEqual([oak.id]);
    expect(schools.map((s: { id: string }) => s.id)).not.toContain(other.id);
  });

  it('lets the school admin change the name and HELP contact details later, audited', async () => {
    const oak = await svc.ctx.prisma.school.findFirstOrThrow({ where: { name: 'Oakfield Primary' } });
    const admin = await staffBearer(svc, { email: 'patel@oakfield.example' });
    const res = await svc.api(`/api/schools/${oak.id}/settings`, { method: 'PATCH', headers: { authorization: admin }, body: JSON.stringify({ name: 'Oakfield Primary School', contactPhone: '0161 496 0001' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Oakfield Primary School', contactPhone: '0161 496 0001' });
    const audit = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'school.settings', entityId: oak.id } });
    expect(audit).toMatchObject({ before: { name: 'Oakfield Primary', contactPhone: '0161 496 0000' }, after: { name: 'Oakfield Primary School', contactPhone: '0161 496 0001' } });
  });
});
