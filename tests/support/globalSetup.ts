import { Pool } from 'pg';
import { migrate } from '../../db/migrations';
import { templateName, urlFor, withAdmin } from './postgres';

const STALE_MS = 2 * 60 * 60 * 1000;

/** Builds the migrated template database once per run and clears databases left by crashed runs. */
export default async function globalSetup(): Promise<void> {
  const template = templateName();
  await withAdmin(async (admin) => {
    // Serialise template creation between concurrent jest runs.
    await admin.query('SELECT pg_advisory_lock(4242)');
    try {
      const old = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'sebt_%'`);
      for (const { datname } of old.rows) {
        const m = /^sebt_(\d+)_/.exec(datname);
        if (m && Date.now() - Number(m[1]) > STALE_MS) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_build`;
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${building}"`);
        const pool = new Pool({ connectionString: urlFor(building), max: 1 });
        try {
          await migrate(pool);
        } finally {
          await pool.end();
        }
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(4242)');
    }
  });
}
