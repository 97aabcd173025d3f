import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';

/**
 * Applies prisma/migrations the way `prisma migrate deploy` does, recording each in
 * `_prisma_migrations` with Prisma's checksum (sha256 of the file), so Prisma's own tooling
 * agrees wherever its engines exist. The schema engine binary is not needed.
 */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'prisma', 'migrations');

// The advisory lock key prisma migrate uses, so our runner and Prisma's exclude each other.
const PRISMA_MIGRATE_LOCK = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

async function appliedMigrations(client: PoolClient): Promise<AppliedRow[]> {
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
  if (!exists.rows[0]?.t) return [];
  const res = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
  return res.rows;
}

function check(files: MigrationFile[], applied: AppliedRow[]): MigrationStatus {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of applied) {
    if (!row.finished_at) {
      throw new MigrationError(`Migration ${row.migration_name} failed earlier and was not rolled back: resolve it before starting (see README, "Migrations").`);
    }
    const file = byName.get(row.migration_name);
    if (file && file.checksum !== row.checksum) {
      throw new MigrationError(`Migration ${row.migration_name} was edited after it was applied (checksum differs).`);
    }
  }
  const done = new Set(applied.map((r) => r.migration_name));
  return { applied: [...done], pending: files.filter((f) => !done.has(f.name)).map((f) => f.name) };
}

export async function migrationStatus(pool: Pool, dir?: string): Promise<MigrationStatus> {
  const client = await pool.connect();
  try {
    return check(readMigrations(dir), await appliedMigrations(client));
  } finally {
    client.release();
  }
}

/** Applies pending migrations, each in its own transaction; safe when several instances start at once. */
export async function migrate(pool: Pool, dir?: string): Promise<string[]> {
  const files = readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { pending } = check(files, await appliedMigrations(client));
    for (const name of pending) {
      const file = files.find((f) => f.name === name)!;
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, file.checksum, file.name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new MigrationError(`Migration ${name} failed: ${(err as Error).message}`);
      }
    }
    return pending;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    client.release();
  }
}
