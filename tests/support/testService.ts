import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../runtime/config';
import { ManualClock, type Clock } from '../../runtime/clock';
import { createLogger } from '../../runtime/logger';
import { createService, type Service, type ServiceOptions } from '../../service/service';
import type { ServiceContext } from '../../platform/context';
import { createTestDatabase, type TestDatabase } from './testDatabase';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';

export interface RunningService {
  ctx: ServiceContext;
  service: Service;
  testDb: TestDatabase;
  clock: Clock;
  baseUrl: string;
  /** fetch against the service with the API key (unless `headers.authorization` is given). */
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  clock?: Clock;
  service?: ServiceOptions;
  /** A database elsewhere (e.g. a private cluster the test restarts); default: a fresh one on the shared server. */
  database?: TestDatabase;
}

/** The whole service over real HTTP on a free port, on its own real PostgreSQL database. */
export async function startTestService(options: StartOptions = {}): Promise<RunningService> {
  const testDb = options.database ?? (await createTestDatabase());
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: testDb.url,
    SCHEDULER_ENABLED: 'false',
    // Secrets a capability keeps in the data folder never land in the working tree.
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sebt-test-')),
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock(new Date('2026-09-07T09:00:00Z'));
  const ctx: ServiceContext = { config, db: testDb.db, prisma: testDb.db.prisma, clock, logger: createLogger(config.LOG_LEVEL) };
  const service = createService(ctx, { apiKey: TEST_API_KEY, ...options.service });
  const { port } = await service.listen(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ctx,
    service,
    testDb,
    clock,
    baseUrl,
    api(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TEST_API_KEY}`);
      if (init.body && typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${baseUrl}${path}`, { ...init, headers });
    },
    async close() {
      await service.stop();
      await testDb.drop();
    },
  };
}
