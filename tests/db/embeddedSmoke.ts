import { openDatabase } from '../../db/database';

/**
 * Runs one step against the embedded database in its own process (PGlite loads its WebAssembly
 * with dynamic imports, which Jest's CommonJS sandbox cannot run). Prints one JSON line.
 * Usage: tsx tests/db/embeddedSmoke.ts <dataDir> write|read|second-opener
 */
async function run(dataDir: string, step: string): Promise<unknown> {
  const db = await openDatabase({ dataDir });
  if (step === 'second-opener') {
    // A second service on the same folder while the first holds it.
    const refused = await openDatabase({ dataDir }).then(
      async (other) => {
        await other.close();
        return null;
      },
      (err: Error) => err.message,
    );
    await db.close();
    return { refused };
  }
  try {
    const applied = await db.migrate();
    if (step === 'write') {
      await db.prisma.school.create({ data: { name: 'Oakfield Primary', widerOutcomes: ['ATTENDANCE', 'PARTICIPATION'] } });
    }
    const schools = await db.prisma.school.findMany({ select: { name: true, timezone: true, widerOutcomes: true } });
    return { kind: db.kind, applied, ready: await db.ready(), schools };
  } finally {
    await db.close();
  }
}

run(process.argv[2]!, process.argv[3]!).then(
  (result) => console.log(JSON.stringify(result)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
