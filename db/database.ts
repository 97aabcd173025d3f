import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { migrate, migrationStatus } from './migrations';
import { lockDataDir } from './dataDirLock';
import type { Logger } from '../runtime/logger';

export type { PrismaClient } from '../generated/prisma/client';

/**
 * The service's database: one pg Pool shared by Prisma (through @prisma/adapter-pg) and the few
 * raw queries (job claiming, migrations). Embedded mode runs real PostgreSQL in-process (PGlite)
 * behind a local socket, so both modes take exactly the same code path.
 */
export interface Database {
  prisma: PrismaClient;
  pool: Pool;
  kind: 'postgres' | 'embedded';
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  /** Database reachable and no migration pending. */
  ready(): Promise<{ ok: boolean; pendingMigrations: string[]; error?: string }>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  logger?: Logger;
  /** Pool size for a real server. */
  poolSize?: number;
}

function wrap(pool: Pool, kind: Database['kind'], closeExtra: () => Promise<void>): Database {
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    kind,
    migrate: () => migrate(pool),
    async ready() {
      try {
        const status = await migrationStatus(pool);
        return { ok: status.pending.length === 0, pendingMigrations: status.pending };
      } catch (err) {
        return { ok: false, pendingMigrations: [], error: (err as Error).message };
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await closeExtra();
    },
  };
}

/**
 * A connection can be lost while it is checked out between two queries (the server restarted in
 * the middle of a transaction): pg then emits 'error' on that client, and with no listener the
 * process would exit. Every client gets one; the pool drops a broken client when it is released,
 * and the work it was doing fails and is retried like any other failure.
 */
function surviveLostConnections(pool: Pool, logger: Logger | undefined, what: string): void {
  pool.on('connect', (client) => client.on('error', (err) => logger?.warn({ err: err.message }, `${what} connection lost`)));
  // An idle client's failure reaches the pool too; the client's own listener has logged it.
  pool.on('error', () => undefined);
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    surviveLostConnections(pool, options.logger, 'PostgreSQL');
    return wrap(pool, 'postgres', async () => undefined);
  }
  return openEmbedded(options);
}

async function openEmbedded(options: OpenOptions): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dir = path.join(options.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(options.dataDir);
  const pglite = await PGlite.create(dir).catch((err: unknown) => {
    unlock();
    throw err;
  });
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0 });
  await server.start();
  // PGlite is a single connection: one pooled client keeps transactions from interleaving.
  const pool = new Pool({ connectionString: `postgresql://postgres@${server.getServerConn()}/postgres`, max: 1 });
  surviveLostConnections(pool, options.logger, 'embedded database');
  options.logger?.info({ dir }, 'using the embedded PostgreSQL (PGlite)');
  return wrap(pool, 'embedded', async () => {
    await server.stop();
    await pglite.close();
    unlock();
  });
}
