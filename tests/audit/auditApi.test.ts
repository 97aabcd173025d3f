import { recordAudit } from '../../audit/audit';
import { staffBearer } from '../support/staffTokens';
import { startTestService, type RunningService } from '../support/testService';

describe('the audit trail', () => {
  let svc: RunningService;
  let schoolId: string;
  let otherSchoolId: string;
  const tokens = { senco: '', keyTeacher: '' };

  beforeAll(async () => {
    svc = await startTestService({ env: { LOCAL_SIGN_IN: 'true' } });
    const { prisma } = svc.ctx;
    const school = await prisma.school.create({ data: { name: 'Oak Primary' } });
    const other = await prisma.school.create({ data: { name: 'Elm Academy' } });
    schoolId = school.id;
    otherSchoolId = other.id;
    const senco = await prisma.staff.create({ data: { schoolId, displayName: 'Ms Patel', email: 'patel@oak.example', roles: ['SENCO'], aadObjectId: 'aad-senco' } });
    await prisma.staff.create({ data: { schoolId, displayName: 'Mr Jones', email: 'jones@oak.example', roles: ['KEY_TEACHER'], aadObjectId: 'aad-kt' } });
    await recordAudit(prisma, { kind: 'STAFF', id: senco.id, label: senco.email }, { schoolId, action: 'pupil.update', entityType: 'Pupil', entityId: 'p1', before: { yearGroup: 3 }, after: { yearGroup: 4 } });
    // A later event, a second on, so "newest first" is well defined.
    await prisma.auditEvent.create({
      data: { schoolId, actorKind: 'SYSTEM', actorLabel: 'system', action: 'pupil.view', entityType: 'Pupil', entityId: 'p2', at: new Date(Date.now() + 1000) },
    });
    await recordAudit(prisma, { kind: 'SYSTEM', label: 'system' }, { schoolId: otherSchoolId, action: 'pupil.update', entityType: 'Pupil', entityId: 'p9' });
    tokens.senco = await staffBearer(svc, { email: 'patel@oak.example' });
    tokens.keyTeacher = await staffBearer(svc, { email: 'jones@oak.example' });
  });
  afterAll(async () => {
    await svc.close();
  });

  it('shows the SENCO who changed what in their own school, newest first, with before and after', async () => {
    const res = await svc.api('/api/audit', { headers: { authorization: tokens.senco } });
    expect(res.status).toBe(200);
    const { events } = await res.json();
    expect(events.map((e: { entityId: string }) => e.entityId)).toEqual(['p2', 'p1']);
    expect(events[1]).toMatchObject({ action: 'pupil.update', actorLabel: 'patel@oak.example', before: { yearGroup: 3 }, after: { yearGroup: 4 } });
  });

  it('does not let the SENCO read another school', async () => {
    const res = await svc.api(`/api/audit?schoolId=${otherSchoolId}`, { headers: { authorization: tokens.senco } });
    expect(res.status).toBe(403);
  });

  it('does not let a key teacher read the audit trail', async () => {
    const res = await svc.api('/api/audit', { headers: { authorization: tokens.keyTeacher } });
    expect(res.status).toBe(403);
  });

  it('filters by record and pages back in time', async () => {
    const one = await (await svc.api(`/api/audit?schoolId=${schoolId}&entityType=Pupil&entityId=p1`)).json();
    expect(one.events).toHaveLength(1);
    const page1 = await (await svc.api(`/api/audit?schoolId=${schoolId}&limit=1`)).json();
    expect(page1.events).toHaveLength(1);
    const page2 = await (await svc.api(`/api/audit?schoolId=${schoolId}&limit=1&before=${page1.next}`)).json();
    expect(page2.events[0].entityId).not.toBe(page1.events[0].entityId);
  });

  it('pages through events written in the same millisecond without losing any', async () => {
    const at = new Date('2026-11-02T09:00:00.000Z');
    await svc.ctx.prisma.auditEvent.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({ schoolId: otherSchoolId, actorKind: 'API_KEY' as const, actorLabel: 'api-key', action: 'pupil.create', entityType: 'Pupil', entityId: `import-${i}`, at })),
    });
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: { events: { entityId: string }[]; next: string | null } = await (await svc.api(`/api/audit?schoolId=${otherSchoolId}&limit=5${next ? `&before=${next}` : ''}`)).json();
      seen.push(...page.events.map((e) => e.entityId));
      next = page.next;
    } while (next);
    expect(seen.filter((id) => id.startsWith('import-')).sort()).toEqual(Array.from({ length: 23 }, (_, i) => `import-${i}`).sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a cursor it did not give', async () => {
    expect((await svc.api('/api/audit?before=2026-11-02T09:00:00Z')).status).toBe(400);
  });

  it('rejects a malformed filter with a clear message', async () => {
    const res = await svc.api('/api/audit?limit=0');
    expect(res.status).toBe(400);
    expect((await res.json()).details[0].path).toBe('limit');
  });
});
