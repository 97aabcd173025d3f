import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';
import { openDatabase } from '../../db/database';
import { migrate } from '../../db/migrations';
import type { TestDatabase } from './testDatabase';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL server of the test's own (initdb into a temporary folder, a free port,
 * trust auth, no fsync), so a test can stop, crash and restart PostgreSQL under the service
 * without touching the shared server other test files use. Starts in well under a second.
 */
export interface PrivateCluster {
  port: number;
  /** A migrated database on this server, opened like the service opens one. */
  createDatabase(name?: string): Promise<TestDatabase>;
  /** `fast` ends sessions politely; `immediate` is a crash (recovery from the WAL at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes the server and its files. */
  destroy(): Promise<void>;
}

/** The newest PostgreSQL installed the Debian way (/usr/lib/postgresql/<major>/bin). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  if (majors.length === 0) throw new Error(`no PostgreSQL server binaries under ${root}`);
  return path.join(root, majors[0]!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'sebt-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  // PostgreSQL refuses to run as root: under root (CI) its tools run as the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await run('chown', ['postgres', dir]);
  const pgTool = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);

  const port = await freePort();
  await pgTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  // A disposable server: no fsync (only the server is ever crashed here, never the machine, so what
  // reached the operating system survives), but commits stay synchronous: an acknowledged write must
  // outlive an immediate stop, as on a real server. Its socket lives in its own folder.
  appendFileSync(
    path.join(data, 'postgresql.conf'),
    [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dir}'`, 'fsync = off', 'full_page_writes = off', 'shared_buffers = 32MB', ''].join('\n'),
  );
  const start = async () => {
    await pgTool('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '30', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await pgTool('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']);
  };
  await start();

  const urlFor = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    async createDatabase(name = 'school') {
      const admin = new Client({ connectionString: urlFor('postgres') });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`).finally(() => admin.end());
      const pool = new Pool({ connectionString: urlFor(name), max: 1 });
      await migrate(pool).finally(() => pool.end());
      const db = await openDatabase({ databaseUrl: urlFor(name), dataDir: '/nonexistent', poolSize: 5 });
      return { db, url: urlFor(name), name, drop: () => db.close() };
    },
    stop,
    start,
    async destroy() {
      await stop('immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
