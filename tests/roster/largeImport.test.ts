import { registerContacts, registerCsv, registerTeachers } from '../../bench/registerCsv';
import { startTestService, type RunningService } from '../support/testService';

// Correctness at size; speed is measured by `npm run bench` (bench/RESULTS.md), not asserted here.
const PUPILS = 2_000;

describe('a large register', () => {
  let svc: RunningService;
  let schoolId: string;
  beforeAll(async () => {
    svc = await startTestService();
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Riverside Trust' } })).id;
    await svc.ctx.prisma.staff.createMany({ data: registerTeachers(schoolId) });
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given a 2,000-row register, then every pupil and family imports in one request, and again unchanged', async () => {
    const csv = registerCsv(PUPILS);
    const post = () => svc.api(`/api/roster/pupils?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });

    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ imported: PUPILS, updated: 0, unchanged: 0, rejected: 0 });
    expect(await svc.ctx.prisma.pupil.count({ where: { schoolId } })).toBe(PUPILS);
    expect(await svc.ctx.prisma.contact.count({ where: { schoolId } })).toBe(registerContacts(PUPILS));

    const again = await post();
    expect(await again.json()).toMatchObject({ imported: 0, updated: 0, unchanged: PUPILS, rejected: 0 });
  });
});
