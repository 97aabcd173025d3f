import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded database admits one process: two opening the same folder would each think they own
 * it, and data is lost. The first takes `embedded.lock` (holding its process id); another is
 * refused with a message saying what to do. A lock left by a process that died is taken over.
 */
export class DataDirInUse extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'embedded.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new DataDirInUse(
          `The embedded database in ${dataDir} is in use by process ${holder} (is the service already running?). ` +
            'Stop it first, use another DATA_DIR, or set DATABASE_URL so several processes share one PostgreSQL server.',
        );
      }
      if (existsSync(file)) rmSync(file, { force: true });
    }
  }
  throw new DataDirInUse(`Could not lock ${dataDir}: another process keeps taking it`);
}
