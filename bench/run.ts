/**
 * `npm run bench [-- section ...]`: measures the service at a large trust's size against the real
 * PostgreSQL server (TEST_DATABASE_URL, default 127.0.0.1:5432/test), each section on a fresh
 * database, HTTP load from autocannon against the service in a separate process. Prints a table;
 * results are recorded in bench/RESULTS.md.
 */
import os from 'node:os';
import { api } from './sections/api';
import { bot } from './sections/bot';
import { digest } from './sections/digest';
import { engine } from './sections/engine';
import { inbound } from './sections/inbound';
import { mis } from './sections/mis';
import { roster } from './sections/roster';
import { scale } from './sections/scale';
import { trusts } from './sections/trusts';
import { postgresVersion } from './support/database';
import { printTable } from './support/results';

const SECTIONS: Record<string, () => Promise<void>> = { inbound, bot, engine, digest, trusts, api, roster, mis, scale };

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  const started = performance.now();
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (asked.length > 0 && !asked.includes(name)) continue;
    console.error(`${name}...`);
    await run();
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\n${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, PostgreSQL ${await postgresVersion()}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
  printTable();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
