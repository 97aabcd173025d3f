import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { readMigrations } from '../../db/migrations';

/** The real PostgreSQL server tests run against (CI and developers: 127.0.0.1:5432, database test). */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One template database per set of migrations: each test file clones it in milliseconds. */
export function templateName(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(m.name).update(m.checksum);
  return `sebt_template_${hash.digest('hex').slice(0, 16)}`;
}

export function freshDatabaseName(): string {
  return `sebt_${Date.now()}_${randomBytes(4).toString('hex')}`;
}

export async function withAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
