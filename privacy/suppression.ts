import { createHash } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client';

/**
 * A parent who asked to be erased must not be texted again when the school next imports a register
 * that still lists them. We keep no number, only a hash of it with the school's id: enough to
 * recognise the number, not to read it back from the table. A UK mobile number can be found again
 * by trying every one, so the hash is a pseudonym, not anonymous data: it is the least the school
 * can keep to respect the request (as a suppression list), and it goes when the school does.
 */
type Db = Prisma.TransactionClient;

export const mobileHash = (schoolId: string, mobile: string): string => createHash('sha256').update(`${schoolId}:${mobile}`).digest('hex');

export async function suppressNumbers(db: Db, schoolId: string, mobiles: string[]): Promise<void> {
  if (mobiles.length === 0) return;
  await db.suppressedNumber.createMany({ data: mobiles.map((m) => ({ schoolId, mobileHash: mobileHash(schoolId, m) })), skipDuplicates: true });
}

/** The numbers among `mobiles` that were erased at a parent's request. */
export async function suppressedAmong(db: Db, schoolId: string, mobiles: string[]): Promise<Set<string>> {
  if (mobiles.length === 0) return new Set();
  const byHash = new Map(mobiles.map((m) => [mobileHash(schoolId, m), m]));
  const found = await db.suppressedNumber.findMany({ where: { schoolId, mobileHash: { in: [...byHash.keys()] } }, select: { mobileHash: true } });
  return new Set(found.map((f) => byHash.get(f.mobileHash)!));
}
