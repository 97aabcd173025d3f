import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '../db/database';
import { transaction } from '../db/transaction';
import { KEY_FILE, newKey, PREVIOUS_KEY_FILE, type TokenVault } from './tokenVault';

/**
 * Rotating the key the schools' Wonde tokens are sealed with (`npm run mis:rotate-key`): every
 * token is opened with the key it was sealed under (the current or the previous one) and sealed
 * again under the current key, all in one transaction. A token neither key opens is counted and
 * left alone (its school connects again with its token).
 */
export async function resealTokens(prisma: PrismaClient, vault: TokenVault): Promise<{ resealed: number; current: number; unreadable: number }> {
  return transaction(
    prisma,
    async (tx) => {
      const result = { resealed: 0, current: 0, unreadable: 0 };
      const connections = await tx.misConnection.findMany({ where: { tokenCiphertext: { not: '' } }, select: { id: true, schoolId: true, tokenCiphertext: true } });
      for (const c of connections) {
        if (!vault.isStale(c.tokenCiphertext)) {
          result.current += 1;
          continue;
        }
        let token: string;
        try {
          token = vault.open(c.tokenCiphertext, c.schoolId);
        } catch {
          result.unreadable += 1;
          continue;
        }
        await tx.misConnection.update({ where: { id: c.id }, data: { tokenCiphertext: vault.seal(token, c.schoolId) } });
        result.resealed += 1;
      }
      return result;
    },
    { timeout: 5 * 60_000 },
  );
}

/**
 * The embedded default's key files: the current key becomes the previous one and a new key is
 * written (owner-only). A rotation that did not finish (the previous file is still there) is
 * finished rather than started again, so the key that still opens some tokens is never lost.
 */
export function rotateKeyFiles(dataDir: string): { started: boolean } {
  const current = path.join(dataDir, KEY_FILE);
  const previous = path.join(dataDir, PREVIOUS_KEY_FILE);
  if (existsSync(previous)) return { started: false };
  if (existsSync(current)) renameSync(current, previous);
  writeFileSync(current, `${newKey()}\n`, { mode: 0o600, flag: 'wx' });
  return { started: true };
}

/** Once every token is sealed under the new key, the previous key is no longer needed. */
export function forgetPreviousKey(dataDir: string): void {
  rmSync(path.join(dataDir, PREVIOUS_KEY_FILE), { force: true });
}

