import { startChild } from '../support/child';
import { freshDatabase } from '../support/database';
import { describe, hammer } from '../support/load';
import { record } from '../support/results';
import { BENCH_API_KEY, serviceEnv } from '../support/scene';

/** The cost of the staff API's plumbing alone: an authenticated GET /api/me, 16 at once. */
export async function api(): Promise<void> {
  const fresh = await freshDatabase();
  const service = await startChild('service', serviceEnv(fresh.url));
  try {
    const me = { url: service.url, path: '/api/me', method: 'GET' as const, next: () => ({ headers: { authorization: `Bearer ${BENCH_API_KEY}` } }) };
    await hammer(me, 16, 2);
    record('api', 'authenticated API round trip (GET /api/me), 16 at once', describe(await hammer(me, 16)));
  } finally {
    await service.stop();
    await fresh.drop();
  }
}
