import { randomBytes } from 'node:crypto';
import { dataDirSecret } from '../runtime/dataDirSecret';

/**
 * The API key for scripts. From API_KEY when set; in the embedded default, generated at first
 * start and kept in the data folder (readable by its owner only). `created` tells the caller to
 * print it, once.
 */
export function resolveApiKey(configured: string | undefined, dataDir: string, embedded: boolean): { key?: string; created: boolean } {
  if (configured) return { key: configured, created: false };
  if (!embedded) return { created: false };
  const { value, created } = dataDirSecret(dataDir, 'api-key', () => randomBytes(24).toString('base64url'));
  return { key: value, created };
}
