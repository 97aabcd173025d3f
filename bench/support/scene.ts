import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { freshDatabase, type FreshDatabase } from './database';
import { record } from './results';
import { LARGE_TRUST, seedTrust, type TrustShape } from './trust';

/**
 * The moment every section runs at: Tuesday 24 November 2026, 16:30 in London (GMT), in the
 * autumn term, after the 16:00 parent round and before quiet hours.
 */
export const NOW = new Date('2026-11-24T16:30:00Z');
export const TODAY = '2026-11-24';
export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';
export const PUBLIC_BASE_URL = 'https://engage.trust.example';
export const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'bench-twilio-auth-token', TWILIO_FROM: '+447700900000' };

/**
 * The environment a bench instance of the service runs with (logs at info, as in production; the
 * bench discards them). All the load comes from one address: the webhook limits stay at their
 * defaults, which count only refused requests, so genuine load is never limited.
 */
export function serviceEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    SCHEDULER_ENABLED: 'false',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sebt-bench-')),
    PUBLIC_BASE_URL,
    BENCH_NOW: NOW.toISOString(),
    ...TWILIO,
    ...extra,
  };
}

/** A fresh database holding the large trust (or another shape); the seeding time is recorded once per section. */
export async function trustDatabase(section: string, shape: TrustShape = LARGE_TRUST): Promise<FreshDatabase> {
  const db = await freshDatabase();
  const pool = new Pool({ connectionString: db.url, max: 1 });
  try {
    const started = performance.now();
    const t = await seedTrust(pool, shape, TODAY);
    record(section, 'trust generated (bulk SQL into the schema)', `${t.schools} schools, ${t.staff} staff, ${t.pupils} pupils, ${t.contacts} parents, ${t.rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await pool.end();
  }
  return db;
}
