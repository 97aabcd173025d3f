import { readMigrations } from '../../db/migrations';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/**
 * 20261202150000_languages_as_codes: the four-value Language enum becomes an open BCP 47 code,
 * and every contact and message keeps the language it had.
 */
const MIGRATION = '20261202150000_languages_as_codes';

describe('the migration from the Language enum to language codes', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase({ migrated: false });
  });
  afterAll(() => testDb.drop());

  it('Given contacts and messages in English, Polish, Urdu and Romanian, When it runs, Then each keeps its language as a lower-case code and new contacts default to en', async () => {
    const pool = testDb.db.pool;
    const migrations = readMigrations();
    for (const m of migrations.filter((m) => m.name < MIGRATION)) await pool.query(m.sql);
    const school = (await pool.query<{ id: string }>(`INSERT INTO "School" ("name", "updatedAt") VALUES ('Oakfield Primary', now()) RETURNING "id"`)).rows[0]!.id;
    for (const [i, language] of ['EN', 'PL', 'UR', 'RO'].entries()) {
      const contact = (
        await pool.query<{ id: string }>(
          `INSERT INTO "Contact" ("schoolId", "displayName", "mobile", "preferredLanguage", "updatedAt") VALUES ($1, $2, $3, $4, now()) RETURNING "id"`,
          [school, `Parent ${i}`, `+4477009001${i}0`, language],
        )
      ).rows[0]!.id;
      await pool.query(`INSERT INTO "Message" ("schoolId", "channel", "direction", "status", "language", "body", "contactId", "updatedAt") VALUES ($1, 'SMS', 'OUTBOUND', 'SENT', $2, 'hello', $3, now())`, [school, language, contact]);
    }
    await pool.query(`INSERT INTO "Message" ("schoolId", "channel", "direction", "status", "body", "updatedAt") VALUES ($1, 'SMS', 'INBOUND', 'RECEIVED', 'from a parent', now())`, [school]);

    await pool.query(migrations.find((m) => m.name === MIGRATION)!.sql);

    const contacts = await pool.query<{ preferredLanguage: string }>(`SELECT "preferredLanguage" FROM "Contact" ORDER BY "displayName"`);
    expect(contacts.rows.map((r) => r.preferredLanguage)).toEqual(['en', 'pl', 'ur', 'ro']);
    const messages = await pool.query<{ language: string | null }>(`SELECT "language" FROM "Message" ORDER BY "createdAt", "body"`);
    expect(messages.rows.map((r) => r.language).sort()).toEqual(['en', 'pl', 'ro', 'ur', null].sort());
    await pool.query(`INSERT INTO "Contact" ("schoolId", "displayName", "mobile", "updatedAt") VALUES ($1, 'New parent', '+447700900199', now())`, [school]);
    expect((await pool.query(`SELECT "preferredLanguage" FROM "Contact" WHERE "displayName" = 'New parent'`)).rows[0]).toEqual({ preferredLanguage: 'en' });
    await pool.query(`UPDATE "Contact" SET "preferredLanguage" = 'pa-Guru' WHERE "displayName" = 'New parent'`);
    expect((await pool.query(`SELECT 1 FROM pg_type WHERE typname = 'Language'`)).rowCount).toBe(0);
  });
});
