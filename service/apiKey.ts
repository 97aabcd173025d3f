import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The API key for scripts. From API_KEY when set; in the embedded default, generated at first
 * start and kept in the data folder (readable by its owner only). `created` tells the caller to
 * print it, once.
 */
export function resolveApiKey(configured: string | undefined, dataDir: string, embedded: boolean): { key?: string; created: boolean } {
  if (configured) return { key: configured, created: false };
  if (!embedded) return { created: false };
  const file = path.join(dataDir, 'api-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, created: true };
}
