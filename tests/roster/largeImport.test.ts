import { startTestService, type RunningService } from '../support/testService';

const PUPILS = 10_000;
const NEEDS = ['SpLD', 'MLD', 'SEMH', 'SLCN', 'ASD', 'HI', 'VI', 'PD', 'OTH'];
const STATUS = ['K', 'E', 'SEN Support', 'EHCP'];

/** A whole trust's SEN register: 10,000 pupils, 40 key teachers, 1-2 contacts each, one family in ten with two children. */
function register(): string {
  const lines = ['UPN,Forename,Surname,Year,SEN Status,Primary Need,Key Teacher Email,Contact 1 Name,Contact 1 Mobile,Contact 1 Relationship,Contact 2 Name,Contact 2 Mobile,Contact 2 Relationship'];
  for (let i = 0; i < PUPILS; i++) {
    // Fictional numbers in a mobile range; these tests never send a message.
    const family = i % 10 === 1 ? i - 1 : i;
    const mother = `07400 ${String(100000 + family).padStart(6, '0')}`;
    const second = i % 2 === 0 ? `Parent ${i},07911 ${String(i).padStart(6, '0')},Father` : ',,';
    lines.push(`U${String(i).padStart(6, '0')},Pupil${i},Family${family},${1 + (i % 11)},${STATUS[i % STATUS.length]},${NEEDS[i % NEEDS.length]},teacher${i % 40}@trust.example,Mother ${family},${mother},Mother,${second}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a large register', () => {
  let svc: RunningService;
  let schoolId: string;
  beforeAll(async () => {
    svc = await startTestService();
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Riverside Trust' } })).id;
    await svc.ctx.prisma.staff.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ schoolId, displayName: `Teacher ${i}`, email: `teacher${i}@trust.example`, roles: ['KEY_TEACHER' as const] })),
    });
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given 10,000 rows, then they import in one request well within a minute, and again unchanged', async () => {
    const csv = register();
    const post = () => svc.api(`/api/roster/pupils?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });

    let started = performance.now();
    const first = await post();
    const firstMs = performance.now() - started;
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ imported: PUPILS, updated: 0, unchanged: 0, rejected: 0 });
    expect(await svc.ctx.prisma.pupil.count({ where: { schoolId } })).toBe(PUPILS);
    // 9,000 families' mothers plus 5,000 second contacts.
    expect(await svc.ctx.prisma.contact.count({ where: { schoolId } })).toBe(14_000);

    started = performance.now();
    const again = await post();
    const againMs = performance.now() - started;
    expect(await again.json()).toMatchObject({ imported: 0, updated: 0, unchanged: PUPILS, rejected: 0 });

    console.log(`10,000-row register: first import ${Math.round(firstMs)} ms, unchanged re-import ${Math.round(againMs)} ms`);
    expect(firstMs).toBeLessThan(60_000);
  });
});
