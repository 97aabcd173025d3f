import { loadConfig } from '../runtime/config';
import { openDatabase } from '../db/database';
import { forgetPreviousKey, resealTokens, rotateKeyFiles } from '../mis/rotateKey';
import { tokenVault } from '../mis/tokenVault';

/**
 * `npm run mis:rotate-key`: seals every school's Wonde token again under the current key.
 *
 * - Deployed (MIS_TOKEN_KEY set): set MIS_TOKEN_KEY to the new key and MIS_TOKEN_KEY_PREVIOUS to
 *   the old one on every instance (they read tokens under either), run this once, then remove
 *   MIS_TOKEN_KEY_PREVIOUS.
 * - Embedded default (the key in DATA_DIR/mis-token-key): stop the service (the embedded database
 *   admits one process), run this: it makes a new key, keeps the old one as
 *   mis-token-key.previous until every token is sealed again, then deletes it.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  if (!config.MIS_TOKEN_KEY && !config.embeddedDatabase) throw new Error('Set MIS_TOKEN_KEY to the new key and MIS_TOKEN_KEY_PREVIOUS to the old one, then run this again.');
  // The database first: with the embedded default this fails while the service is running, before any key file is touched.
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  try {
    const embeddedKey = !config.MIS_TOKEN_KEY;
    if (embeddedKey) {
      const { started } = rotateKeyFiles(config.dataDir);
      console.log(started ? `New key written to ${config.dataDir}/mis-token-key.` : 'Finishing the rotation that did not finish last time.');
    }
    const result = await resealTokens(db.prisma, tokenVault(config)!);
    if (embeddedKey && result.unreadable === 0) forgetPreviousKey(config.dataDir);
    console.log(`Tokens sealed again: ${result.resealed}; already under the current key: ${result.current}; unreadable: ${result.unreadable}.`);
    if (result.unreadable > 0) {
      console.log('Unreadable tokens were sealed under a key that is neither the current nor the previous one: those schools connect their MIS again with their Wonde token.');
      process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
