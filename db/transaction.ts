import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './database';

declare const inTransaction: unique symbol;

/**
 * A Prisma client inside an open transaction. Only `transaction` makes one, so a function that
 * takes a `Tx` (the outbox, every use case's steps) cannot be handed the bare client by mistake:
 * what it writes commits or rolls back with the rest of the operation. (Prisma's own
 * TransactionClient would not do: the bare client has every member it has, so it type-checks.)
 */
export type Tx = Prisma.TransactionClient & { readonly [inTransaction]: true };

export interface TransactionOptions {
  /** Milliseconds the work may take (default 20 s: a booking texts several parents and plans jobs). */
  timeout?: number;
  /** Milliseconds to wait for a connection from the pool. */
  maxWait?: number;
}

export function transaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>, o: TransactionOptions = {}): Promise<T> {
  return prisma.$transaction((tx) => work(tx as Tx), { timeout: o.timeout ?? 20_000, ...(o.maxWait ? { maxWait: o.maxWait } : {}) });
}
