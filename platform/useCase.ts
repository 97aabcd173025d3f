import type { PrismaClient } from '../db/database';
import { transaction, type TransactionOptions, type Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';

/**
 * What a use case needs from the service: the database, the clock, and a way to ask for what it
 * queued (texts, notices) to be delivered soon rather than at the next minute's tick.
 */
export interface UseCaseDeps {
  prisma: PrismaClient;
  clock: Clock;
  kick(): void;
}

/**
 * Runs one operation in one transaction: its checks, its changes, its audit event and its outbox
 * rows commit together or not at all. Delivery is asked for only after the commit, so no job can
 * look for a message that is not there yet.
 */
export async function inTransaction<T>(d: UseCaseDeps, work: (tx: Tx) => Promise<T>, o?: TransactionOptions): Promise<T> {
  const result = await transaction(d.prisma, work, o);
  d.kick();
  return result;
}
