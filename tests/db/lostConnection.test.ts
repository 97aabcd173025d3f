import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { withAdmin } from '../support/postgres';

/**
 * Found by the real PostgreSQL restart in tests/faults: a connection lost while a transaction
 * holds it between two queries made pg emit an error nobody listened for, which ends a Node process.
 */
describe('a database connection lost while checked out', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('Given a transaction holding a connection between two queries, When the server ends that connection, Then the service carries on and the pool serves the next request', async () => {
    const client = await t.db.pool.connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // No listener of the test's own on the client: the service's must be the one that catches it.
    await withAdmin((admin) => admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);

    const again = await t.db.pool.query<{ ok: number }>('SELECT 1 AS ok');
    expect(again.rows).toEqual([{ ok: 1 }]);
  });
});
