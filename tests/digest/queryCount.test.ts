import { buildDigest } from '../../digest/weeklyDigest';
import { evaluationReport } from '../../evaluation/report';
import { seedTrust } from '../../bench/support/trust';
import { ManualClock } from '../../runtime/clock';
import { countQueries, type QueryCounter } from '../support/queryCounter';
import { startTestService, type RunningService } from '../support/testService';

/**
 * The regression guard for N+1 queries: a school lead's digest and dashboard cost the same number
 * of SQL statements for a school of 4 pupils as for one of 60 (`npm run bench` checks the same at
 * 250 and 1,500 pupils), and a trust's figures and termly evaluation the same for a trust of one
 * school as for one of two (the bench: 50 schools).
 */
const NOW = new Date('2026-11-24T16:30:00Z');

let svc: RunningService;
let queries: QueryCounter;
let small: { id: string; pupil: string };
let large: { id: string; pupil: string };

beforeAll(async () => {
  svc = await startTestService({ clock: new ManualClock(NOW) });
  await seedTrust(svc.ctx.db.pool, { schoolSizes: [4, 60], pupilsPerKeyTeacher: 15, noSecondParentEvery: 5 }, '2026-11-24');
  const schools = await svc.ctx.db.pool.query<{ id: string; pupil: string }>(
    `SELECT s.id, min(p.id::text) AS pupil FROM "School" s JOIN "Pupil" p ON p."schoolId" = s.id GROUP BY s.id ORDER BY count(p.id)`,
  );
  [small, large] = schools.rows as [typeof small, typeof large];
  queries = countQueries(svc.ctx.db.pool);
});
afterAll(() => svc.close());

async function ok(path: string): Promise<void> {
  const res = await svc.api(path);
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

const asks: [string, (s: { id: string; pupil: string }) => Promise<unknown>][] = [
  ['the weekly digest', (s) => buildDigest(svc.ctx.prisma, s.id, NOW, 'https://engage.trust.example')],
  ['the dashboard overview', (s) => ok(`/api/dashboard/overview?schoolId=${s.id}`)],
  ["a pupil's timeline", (s) => ok(`/api/dashboard/pupils/${s.pupil}`)],
  ['the list behind a figure (the parents and carers)', (s) => ok(`/api/dashboard/figures/parents.contacts?schoolId=${s.id}`)],
];

describe('Given a trust of the small school alone and a local authority of both, each pupil with a term of conversations, targets, views and texts', () => {
  let trust: string;
  let authority: string;
  beforeAll(async () => {
    const prisma = svc.ctx.prisma;
    trust = (await prisma.organisation.create({ data: { name: 'Small Trust', kind: 'TRUST' } })).id;
    authority = (await prisma.organisation.create({ data: { name: 'Both Council', kind: 'LOCAL_AUTHORITY' } })).id;
    await prisma.school.update({ where: { id: small.id }, data: { trustId: trust, localAuthorityId: authority } });
    await prisma.school.update({ where: { id: large.id }, data: { localAuthorityId: authority } });
  });

  const orgAsks: [string, (organisationId: string) => Promise<unknown>][] = [
    ['the termly evaluation', (id) => ok(`/api/organisations/${id}/evaluation?format=csv&on=2026-11-24`)],
    ['its schools side by side', (id) => ok(`/api/organisations/${id}/overview`)],
    ['the gap analysis', (id) => ok(`/api/organisations/${id}/gaps`)],
  ];
  it.each(orgAsks)('When they ask for %s, Then two schools (64 pupils) cost no more SQL statements than one (4 pupils)', async (_what, ask) => {
    const forOne = await queries.during(() => ask(trust));
    const forTwo = await queries.during(() => ask(authority));
    expect(forOne).toBeGreaterThan(0);
    expect(forTwo).toBe(forOne);
  });

  it('Then the report counts every pupil of both schools (the statements did not stop short)', async () => {
    const report = await evaluationReport(svc.ctx.prisma, { subject: { kind: 'organisation', id: authority, name: 'Both Council' }, schoolIds: [small.id, large.id], request: { on: '2026-11-24', baselineOn: null, suppress: false }, asOf: NOW });
    expect(report.total?.now['cohort.onRegister']?.value).toBe(64);
  });
});

describe('Given a 4-pupil school and a 60-pupil school in one trust, each pupil with a term of conversations, targets, views and texts', () => {
  it.each(asks)('When a lead asks for %s, Then the larger school costs no more SQL statements than the smaller', async (_what, ask) => {
    const forSmall = await queries.during(() => ask(small));
    const forLarge = await queries.during(() => ask(large));
    expect(forSmall).toBeGreaterThan(0);
    expect(forLarge).toBe(forSmall);
  });
});
