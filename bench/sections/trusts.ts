import { openDatabase } from '../../db/database';
import { ManualClock } from '../../runtime/clock';
import { loadConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';
import { createService } from '../../service/service';
import { countQueries } from '../../tests/support/queryCounter';
import { mib, ms, record, timed, withPeakMemory } from '../support/results';
import { BENCH_API_KEY, NOW, serviceEnv, trustDatabase } from '../support/scene';

/**
 * Above the schools: the whole trust (50 schools, 25,000 pupils) in one multi-academy trust, ten of
 * its schools also in a local authority. Its termly evaluation (JSON, the printable page, the CSV),
 * its schools side by side, its gap analysis and one school's figures, over HTTP with the API key,
 * in process. Every request's SQL statements are counted: the trust of 50 schools must cost what
 * the authority of 10 does, or the bench fails.
 */
const SECTION = 'trusts';

export async function trusts(): Promise<void> {
  const fresh = await trustDatabase(SECTION);
  const config = loadConfig(serviceEnv(fresh.url, { LOG_LEVEL: 'silent' }));
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const queries = countQueries(db.pool);
  const ctx = { config, db, prisma: db.prisma, clock: new ManualClock(NOW), logger: createLogger('silent') };
  const service = createService(ctx, { apiKey: BENCH_API_KEY });
  try {
    const { port } = await service.listen(0);
    const trust = await db.prisma.organisation.create({ data: { name: 'The Large Trust', kind: 'TRUST' } });
    const authority = await db.prisma.organisation.create({ data: { name: 'A Council', kind: 'LOCAL_AUTHORITY' } });
    await db.prisma.school.updateMany({ data: { trustId: trust.id } });
    const some = await db.prisma.school.findMany({ select: { id: true }, orderBy: { name: 'asc' }, take: 10 });
    await db.prisma.school.updateMany({ where: { id: { in: some.map((s) => s.id) } }, data: { localAuthorityId: authority.id } });
    const get = async (path: string): Promise<number> => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${BENCH_API_KEY}` } });
      const size = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      return size;
    };
    const asks: [string, (organisationId: string) => string][] = [
      ['termly evaluation, JSON (GET /api/organisations/:id/evaluation)', (id) => `/api/organisations/${id}/evaluation?on=2026-11-24`],
      ['termly evaluation, printable page (?format=html)', (id) => `/api/organisations/${id}/evaluation?on=2026-11-24&format=html`],
      ['termly evaluation, CSV (?format=csv)', (id) => `/api/organisations/${id}/evaluation?on=2026-11-24&format=csv`],
      ['schools side by side today (GET /api/organisations/:id/overview)', (id) => `/api/organisations/${id}/overview`],
      ['gap analysis (GET /api/organisations/:id/gaps)', (id) => `/api/organisations/${id}/gaps`],
    ];
    for (const [what, path] of asks) {
      await get(path(authority.id));
      let forTen = 0;
      forTen = await queries.during(() => get(path(authority.id)));
      let forFifty = 0;
      let bytes = 0;
      const [[, t], peak] = await withPeakMemory(() =>
        timed(async () => {
          forFifty = await queries.during(async () => {
            bytes = await get(path(trust.id));
          });
        }),
      );
      if (forTen !== forFifty) throw new Error(`${what}: ${forTen} SQL statements for 10 schools but ${forFifty} for 50 (N+1?)`);
      record(SECTION, what, `50 schools, 25,000 pupils: ${ms(t)} (${Math.round(bytes / 1024)} KiB); ${forFifty} SQL statements for 50 schools, ${forTen} for 10; peak RSS ${mib(peak.rss)}`);
    }
    const largest = await db.pool.query<{ id: string }>(`SELECT s.id FROM "School" s JOIN "Pupil" p ON p."schoolId" = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`);
    const [, drill] = await timed(() => get(`/api/organisations/${trust.id}/schools/${largest.rows[0]!.id}`));
    record(SECTION, "one school's figures (the drill-down, 1,500 pupils)", ms(drill));
  } finally {
    await service.stop();
    await db.close();
    await fresh.drop();
  }
}
