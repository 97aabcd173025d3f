import { readFileSync } from 'node:fs';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { actualFacts, describeDifferences, expectedFacts, SCHEMA_FILE } from './schemaFacts';

describe('the migrations and schema.prisma', () => {
  let testDb: TestDatabase;
  let migrated: string[];

  beforeAll(async () => {
    // A fresh, empty database: every migration in prisma/migrations is applied by our own migrator.
    testDb = await createTestDatabase({ migrated: false });
    await testDb.db.migrate();
    migrated = await actualFacts(testDb.db.pool);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('Given every migration applied to an empty database, then the database is exactly what schema.prisma describes', () => {
    const diff = describeDifferences(expectedFacts(), migrated);
    if (diff) throw new Error(`The migrations and prisma/schema.prisma disagree. Write a new migration (see README, "Database and migrations").\n${diff}`);
  });

  it('covers every kind of fact: tables, columns, enums, primary keys, unique indexes, indexes and foreign keys', () => {
    const expected = expectedFacts();
    expect(expected).toEqual(
      expect.arrayContaining([
        'table Pupil',
        'column Pupil.id uuid NOT NULL DEFAULT gen_random_uuid()',
        'column Pupil.senStatus "SenStatus" NOT NULL',
        'column Pupil.onRegisterSince date NOT NULL',
        'column Pupil.createdAt timestamp(3) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP',
        'column Staff.roles "StaffRole"[] NULL',
        'column School.widerOutcomes "TargetArea"[] NULL DEFAULT ARRAY[]::"TargetArea"[]',
        "column StructuredConversation.attendees jsonb NOT NULL DEFAULT '[]'::jsonb",
        'enum SenStatus (SEN_SUPPORT, EHC_PLAN, SCHOOL_ACTION, SCHOOL_ACTION_PLUS, STATEMENT, NOT_ON_REGISTER)',
        'primary key PupilContact_pkey: PupilContact(pupilId, contactId)',
        'unique index Pupil_schoolId_misId_key: Pupil(schoolId, misId)',
        'unique index Staff_aadObjectId_key: Staff(aadObjectId)',
        'index Pupil_keyTeacherId_idx: Pupil(keyTeacherId)',
        'foreign key Pupil_keyTeacherId_fkey: Pupil(keyTeacherId) -> Staff(id) ON DELETE SET NULL ON UPDATE CASCADE',
      ]),
    );
  });

  it('Given a database that drifted (a dropped index, a changed delete rule, an extra table), then the diff names each difference', async () => {
    const drifted = await createTestDatabase();
    try {
      await drifted.db.pool.query(`DROP INDEX "Pupil_keyTeacherId_idx"`);
      await drifted.db.pool.query(`ALTER TABLE "Pupil" DROP CONSTRAINT "Pupil_schoolId_fkey",
        ADD CONSTRAINT "Pupil_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE`);
      await drifted.db.pool.query(`CREATE TABLE "Scratch" (id int)`);
      await drifted.db.pool.query(`ALTER TABLE "Contact" ALTER COLUMN "displayName" DROP NOT NULL`);
      const diff = describeDifferences(expectedFacts(), await actualFacts(drifted.db.pool));
      expect(diff).toContain('- index Pupil_keyTeacherId_idx: Pupil(keyTeacherId)');
      expect(diff).toContain('- foreign key Pupil_schoolId_fkey: Pupil(schoolId) -> School(id) ON DELETE CASCADE ON UPDATE CASCADE');
      expect(diff).toContain('+ foreign key Pupil_schoolId_fkey: Pupil(schoolId) -> School(id) ON DELETE RESTRICT ON UPDATE CASCADE');
      expect(diff).toContain('+ table Scratch');
      expect(diff).toContain('+ column Scratch.id integer NULL');
      expect(diff).toContain('- column Contact.displayName text NOT NULL');
    } finally {
      await drifted.drop();
    }
  });

  it('Given a field added to schema.prisma without a migration, then the diff says it is missing from the database', () => {
    const schema = readFileSync(SCHEMA_FILE, 'utf8').replace('model Pupil {', 'model Pupil {\n  nickname String? @db.VarChar(40)');
    expect(describeDifferences(expectedFacts(schema), migrated)).toContain('- column Pupil.nickname character varying(40) NULL');
  });
});
