import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../runtime/config';
import { dataDirSecret } from '../runtime/dataDirSecret';

/**
 * Each school's Wonde token, encrypted at rest with AES-256-GCM. The key is MIS_TOKEN_KEY (32 bytes,
 * base64); the embedded default generates one into DATA_DIR/mis-token-key (owner-only, like the API
 * key). A sealed token reads `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url): the key id (the
 * first bytes of the key's SHA-256) says which key opens it, so during a rotation tokens under the
 * previous key (MIS_TOKEN_KEY_PREVIOUS, or DATA_DIR/mis-token-key.previous) are still read until
 * `npm run mis:rotate-key` re-encrypts them. The school's id is bound in as associated data: a
 * ciphertext copied onto another school's connection does not open.
 */
export const KEY_FILE = 'mis-token-key';
export const PREVIOUS_KEY_FILE = 'mis-token-key.previous';

export class TokenUnreadable extends Error {
  constructor() {
    super('The stored Wonde token cannot be opened with MIS_TOKEN_KEY (or MIS_TOKEN_KEY_PREVIOUS): connect the school again with its token.');
  }
}

interface Key {
  id: string;
  bytes: Buffer;
}

const keyOf = (base64: string): Key => {
  const bytes = Buffer.from(base64, 'base64');
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
};

export const newKey = (): string => randomBytes(32).toString('base64');

export class TokenVault {
  constructor(
    private readonly current: Key,
    private readonly previous: Key[] = [],
  ) {}

  static fromKeys(current: string, previous: (string | undefined)[] = []): TokenVault {
    return new TokenVault(keyOf(current), previous.filter((k): k is string => Boolean(k)).map(keyOf));
  }

  seal(token: string, schoolId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(schoolId));
    const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return ['v1', this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string, schoolId: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    const key = [this.current, ...this.previous].find((k) => k.id === keyId);
    if (version !== 'v1' || !key || !iv || !tag || ciphertext === undefined) throw new TokenUnreadable();
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(schoolId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new TokenUnreadable();
    }
  }

  /** Sealed under another key than the current one: the rotation command re-encrypts it. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}

/**
 * The vault of this deployment: MIS_TOKEN_KEY, else (embedded default only) the key in the data
 * folder, created on first use. Undefined when neither exists: connecting a school is then refused
 * (mis_key_missing), and nothing else of the service needs the key.
 */
export function tokenVault(config: Pick<Config, 'MIS_TOKEN_KEY' | 'MIS_TOKEN_KEY_PREVIOUS' | 'embeddedDatabase' | 'dataDir'>): TokenVault | undefined {
  if (config.MIS_TOKEN_KEY) return TokenVault.fromKeys(config.MIS_TOKEN_KEY, [config.MIS_TOKEN_KEY_PREVIOUS]);
  if (!config.embeddedDatabase) return undefined;
  const current = dataDirSecret(config.dataDir, KEY_FILE, newKey).value;
  const previousFile = path.join(config.dataDir, PREVIOUS_KEY_FILE);
  const previous = existsSync(previousFile) ? readFileSync(previousFile, 'utf8').trim() : undefined;
  return TokenVault.fromKeys(current, [config.MIS_TOKEN_KEY_PREVIOUS, previous]);
}
