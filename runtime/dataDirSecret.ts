import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A secret the embedded default keeps in its data folder (the API key, the local webhook secret,
 * the MIS token key): read if it is there, else made, written owner-only (0600) and returned with
 * `created`. Two processes creating it at once agree on the first one written.
 */
export function dataDirSecret(dataDir: string, name: string, make: () => string): { value: string; created: boolean } {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  try {
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
    return { value, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { value: readFileSync(file, 'utf8').trim(), created: false };
    throw err;
  }
}
