import globalSetup from '../../tests/support/globalSetup';
import { freshDatabaseName, templateName, urlFor, withAdmin } from '../../tests/support/postgres';

/**
 * Each section runs on its own fresh database on the PostgreSQL server at TEST_DATABASE_URL,
 * cloned from the migrated template the tests use (built here on a fresh clone).
 */
let templateReady: Promise<void> | undefined;

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  templateReady ??= globalSetup();
  await templateReady;
  const name = freshDatabaseName();
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`));
  return {
    url: urlFor(name),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

export async function postgresVersion(): Promise<string> {
  return withAdmin(async (admin) => (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v);
}
