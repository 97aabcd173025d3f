import { buildDigest } from '../../digest/weeklyDigest';
import { openDatabase } from '../../db/database';
import { ManualClock } from '../../runtime/clock';
import { loadConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';
import { createService } from '../../service/service';
import { countQueries } from '../../tests/support/queryCounter';
import { ms, percentile, record, timed } from '../support/results';
import { BENCH_API_KEY, NOW, PUBLIC_BASE_URL, serviceEnv, trustDatabase } from '../support/scene';

/**
 * School leads' figures at trust size: the weekly digest of each school, and the dashboard's
 * overview and one pupil's timeline over HTTP, one school after another (one lead at a time, so
 * the time is the request's own). Every request's SQL statements are counted: a 250-pupil school
 * and a 1,500-pupil school must cost the same number, or the bench fails.
 */
const SECTION = 'digest';

export async function digest(): Promise<void> {
  const fresh = await trustDatabase(SECTION);
  const config = loadConfig(serviceEnv(fresh.url, { LOG_LEVEL: 'silent' }));
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const queries = countQueries(db.pool);
  const ctx = { config, db, prisma: db.prisma, clock: new ManualClock(NOW), logger: createLogger('silent') };
  const service = createService(ctx, { apiKey: BENCH_API_KEY });
  try {
    const { port } = await service.listen(0);
    const get = async (path: string): Promise<void> => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${BENCH_API_KEY}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    };
    const schools = await db.pool.query<{ id: string; pupils: number; pupil: string }>(
      `SELECT s.id, count(p.id)::int AS pupils, min(p.id::text) AS pupil FROM "School" s JOIN "Pupil" p ON p."schoolId" = s.id GROUP BY s.id ORDER BY count(p.id), s.id`,
    );
    const asks = {
      'weekly digest (figures, text and card)': (s: { id: string }) => buildDigest(db.prisma, s.id, NOW, PUBLIC_BASE_URL),
      'dashboard overview (GET /api/dashboard/overview)': (s: { id: string }) => get(`/api/dashboard/overview?schoolId=${s.id}`),
      "a pupil's timeline (GET /api/dashboard/pupils/:id)": (s: { pupil: string }) => get(`/api/dashboard/pupils/${s.pupil}`),
    };
    const smallest = schools.rows[0]!;
    const largest = schools.rows[schools.rows.length - 1]!;
    for (const [what, ask] of Object.entries(asks)) {
      await ask(smallest);
      const times: number[] = [];
      const counts = new Map<number, number>();
      for (const school of schools.rows) {
        let n = 0;
        const [, t] = await timed(async () => {
          n = await queries.during(() => ask(school));
        });
        times.push(t);
        counts.set(school.pupils, n);
      }
      const small = counts.get(smallest.pupils)!;
      const large = counts.get(largest.pupils)!;
      if (small !== large) throw new Error(`${what}: ${small} SQL statements for a ${smallest.pupils}-pupil school but ${large} for a ${largest.pupils}-pupil school (N+1?)`);
      const total = times.reduce((a, b) => a + b, 0);
      record(
        SECTION,
        what,
        `per school p50 ${ms(percentile(times, 50))}, p99 ${ms(percentile(times, 99))} (largest, ${largest.pupils} pupils: ${ms(times[times.length - 1]!)}); all 50 schools ${(total / 1000).toFixed(1)} s; ${small} SQL statements for ${smallest.pupils} pupils, ${large} for ${largest.pupils}`,
      );
    }
  } finally {
    await service.stop();
    await db.close();
    await fresh.drop();
  }
}
