import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { migrate, migrationStatus, MigrationError, readMigrations } from '../../db/migrations';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A migrations folder of our own, so the runner can be tried on small, known migrations. */
function migrationsFolder(files: Record<string, string>): { dir: string; write(name: string, sql: string): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sebt-migrations-'));
  const write = (name: string, sql: string): void => {
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  };
  for (const [name, sql] of Object.entries(files)) write(name, sql);
  return { dir, write };
}

interface Recorded {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

async function recorded(pool: Pool): Promise<Recorded[]> {
  const res = await pool.query<Recorded>(
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  return res.rows;
}

const FIRST = `CREATE TABLE "Club" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Club_pkey" PRIMARY KEY ("id"));\n`;
// Depends on the first: applying out of order would fail.
const SECOND = `ALTER TABLE "Club" ADD COLUMN "day" TEXT;\nINSERT INTO "Club" ("name", "day") VALUES ('Reading club', 'Tuesday');\n`;

describe('the migrator', () => {
  let testDb: TestDatabase;
  const folders: string[] = [];
  const folder = (files: Record<string, string>): ReturnType<typeof migrationsFolder> => {
    const f = migrationsFolder(files);
    folders.push(f.dir);
    return f;
  };

  beforeEach(async () => {
    testDb = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    await testDb.drop();
  });
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('applies the migrations in name order and records each as prisma migrate deploy would', async () => {
    const { dir } = folder({ '20260102000000_second': SECOND, '20260101000000_first': FIRST });
    const applied = await migrate(testDb.db.pool, dir);
    expect(applied).toEqual(['20260101000000_first', '20260102000000_second']);

    const rows = await recorded(testDb.db.pool);
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    expect(rows.map((r) => r.checksum)).toEqual([sha256(FIRST), sha256(SECOND)]);
    for (const r of rows) {
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.finished_at).toBeInstanceOf(Date);
      expect(r.rolled_back_at).toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
    const clubs = await testDb.db.pool.query(`SELECT name, day FROM "Club"`);
    expect(clubs.rows).toEqual([{ name: 'Reading club', day: 'Tuesday' }]);
  });

  it("creates _prisma_migrations with Prisma's own columns and types", async () => {
    await migrate(testDb.db.pool, folder({ '20260101000000_first': FIRST }).dir);
    const cols = await testDb.db.pool.query<{ column_name: string; type: string; nullable: string }>(
      `SELECT column_name, format_type(a.atttypid, a.atttypmod) AS type, is_nullable AS nullable
       FROM information_schema.columns c JOIN pg_attribute a ON a.attrelid = '"_prisma_migrations"'::regclass AND a.attname = c.column_name
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(cols.rows).toEqual([
      { column_name: 'id', type: 'character varying(36)', nullable: 'NO' },
      { column_name: 'checksum', type: 'character varying(64)', nullable: 'NO' },
      { column_name: 'finished_at', type: 'timestamp with time zone', nullable: 'YES' },
      { column_name: 'migration_name', type: 'character varying(255)', nullable: 'NO' },
      { column_name: 'logs', type: 'text', nullable: 'YES' },
      { column_name: 'rolled_back_at', type: 'timestamp with time zone', nullable: 'YES' },
      { column_name: 'started_at', type: 'timestamp with time zone', nullable: 'NO' },
      { column_name: 'applied_steps_count', type: 'integer', nullable: 'NO' },
    ]);
  });

  it('Given everything applied, when it runs again, then it applies nothing and the database is ready', async () => {
    const { dir } = folder({ '20260101000000_first': FIRST, '20260102000000_second': SECOND });
    await migrate(testDb.db.pool, dir);
    expect(await migrate(testDb.db.pool, dir)).toEqual([]);
    expect(await recorded(testDb.db.pool)).toHaveLength(2);
    expect(await migrationStatus(testDb.db.pool, dir)).toEqual({ applied: ['20260101000000_first', '20260102000000_second'], pending: [] });
  });

  it('Given a new migration after the first run, then only the new one is applied', async () => {
    const f = folder({ '20260101000000_first': FIRST });
    await migrate(testDb.db.pool, f.dir);
    f.write('20260102000000_second', SECOND);
    expect(await migrationStatus(testDb.db.pool, f.dir)).toMatchObject({ pending: ['20260102000000_second'] });
    expect(await migrate(testDb.db.pool, f.dir)).toEqual(['20260102000000_second']);
  });

  it('Given an applied migration edited afterwards, then it refuses to run and says which one', async () => {
    const f = folder({ '20260101000000_first': FIRST });
    await migrate(testDb.db.pool, f.dir);
    f.write('20260101000000_first', `${FIRST}-- tidied up\n`);
    await expect(migrate(testDb.db.pool, f.dir)).rejects.toThrow(new MigrationError('Migration 20260101000000_first was edited after it was applied (checksum differs).'));
    await expect(migrationStatus(testDb.db.pool, f.dir)).rejects.toThrow(/20260101000000_first was edited/);
  });

  it('Given two instances starting at once on one database, then each migration is applied exactly once (advisory lock)', async () => {
    // A slow first migration keeps the lock held while the second instance arrives.
    const { dir } = folder({ '20260101000000_first': `SELECT pg_sleep(0.5);\n${FIRST}`, '20260102000000_second': SECOND });
    const other = new Pool({ connectionString: testDb.url, max: 2 });
    try {
      const [a, b] = await Promise.all([migrate(testDb.db.pool, dir), migrate(other, dir)]);
      expect([...a, ...b].sort()).toEqual(['20260101000000_first', '20260102000000_second']);
      expect([a.length, b.length].sort()).toEqual([0, 2]);
      expect(await recorded(testDb.db.pool)).toHaveLength(2);
      expect((await testDb.db.pool.query(`SELECT count(*)::int AS n FROM "Club"`)).rows[0].n).toBe(1);
    } finally {
      await other.end();
    }
  });

  it('Given a migration that fails halfway, then none of it is applied, it is not recorded, and a fixed file applies cleanly', async () => {
    const f = folder({
      '20260101000000_first': FIRST,
      '20260102000000_broken': `CREATE TABLE "Half" ("id" INT);\nALTER TABLE "Club" ADD COLUMN "day" TEXT;\nSELECT 1 / 0;\n`,
    });
    await expect(migrate(testDb.db.pool, f.dir)).rejects.toThrow(/Migration 20260102000000_broken failed: division by zero/);
    expect((await recorded(testDb.db.pool)).map((r) => r.migration_name)).toEqual(['20260101000000_first']);
    expect((await testDb.db.pool.query(`SELECT to_regclass('"Half"') AS t`)).rows[0].t).toBeNull();
    const columns = await testDb.db.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Club' ORDER BY ordinal_position`);
    expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'name']);
    expect(await migrationStatus(testDb.db.pool, f.dir)).toMatchObject({ pending: ['20260102000000_broken'] });

    f.write('20260102000000_broken', SECOND);
    expect(await migrate(testDb.db.pool, f.dir)).toEqual(['20260102000000_broken']);
  });

  it("applies the project's own migrations to an empty database and records their file checksums", async () => {
    const applied = await testDb.db.migrate();
    const files = readMigrations();
    expect(applied).toEqual(files.map((m) => m.name));
    const rows = await recorded(testDb.db.pool);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((m) => [m.name, m.checksum]));
    expect(await testDb.db.ready()).toEqual({ ok: true, pendingMigrations: [] });
  });
});
