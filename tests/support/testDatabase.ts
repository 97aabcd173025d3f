import { openDatabase, type Database } from '../../db/database';
import { freshDatabaseName, templateName, urlFor, withAdmin } from './postgres';

export interface TestDatabase {
  db: Database;
  url: string;
  name: string;
  /** Closes connections and drops the database. */
  drop(): Promise<void>;
}

/** A new, fully migrated PostgreSQL database for one test file (cloned from the template). */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = freshDatabaseName();
  await withAdmin((admin) =>
    admin.query(options.migrated === false ? `CREATE DATABASE "${name}"` : `CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`),
  );
  const url = urlFor(name);
  const db = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', poolSize: 5 });
  return {
    db,
    url,
    name,
    async drop() {
      await db.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
