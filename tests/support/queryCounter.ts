import type { Pool, PoolClient } from 'pg';

/**
 * Counts the SQL statements sent through a pg pool (Prisma's, through its adapter, and raw ones):
 * every client is wrapped the first time it is checked out. Used to prove a request's query count
 * does not grow with the number of pupils (no N+1).
 */
export interface QueryCounter {
  readonly count: number;
  /** Statements sent while `fn` ran (run nothing else on the pool meanwhile). */
  during(fn: () => Promise<unknown>): Promise<number>;
}

export function countQueries(pool: Pool): QueryCounter {
  const wrapped = new WeakSet<PoolClient>();
  let count = 0;
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      count += 1;
      return query(...args);
    };
  });
  return {
    get count() {
      return count;
    },
    async during(fn) {
      const before = count;
      await fn();
      return count - before;
    },
  };
}
