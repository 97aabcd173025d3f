import { createServer } from 'node:net';
import { startTestService, type RunningService } from '../support/testService';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('a running service', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => {
    await svc.close();
  });

  it('answers liveness without a database round trip', async () => {
    const res = await fetch(`${svc.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database is reachable and every migration is applied', async () => {
    const res = await fetch(`${svc.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: 'reachable', pendingMigrations: [] });
  });

  it('tells a load balancer it is starting until every part has started (the dashboard bundled, the jobs planned)', async () => {
    const { createService } = await import('../../service/service');
    const port = await freePort();
    const readiness = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      return res && [res.status, ((await res.json()) as { status: string }).status];
    };
    const second = createService(svc.ctx);
    const listening = second.listen(port);
    try {
      let first: unknown[] | undefined;
      while (!(first = await readiness())) await new Promise((r) => setTimeout(r, 5));
      expect(first).toEqual([503, 'starting']);
      await listening;
      expect(await readiness()).toEqual([200, 'ready']);
    } finally {
      await listening.catch(() => undefined);
      await second.stop();
    }
  });

  it('is not ready while a migration is pending', async () => {
    await svc.ctx.db.pool.query(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '20261125120000_foundation'`);
    const res = await fetch(`${svc.baseUrl}/readyz`);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe('not_ready');
    expect(body.pendingMigrations).toEqual(['20261125120000_foundation']);
  });

  it('says plainly when its port is taken by another service', async () => {
    const { createService } = await import('../../service/service');
    const port = Number(new URL(svc.baseUrl).port);
    await expect(createService(svc.ctx).listen(port)).rejects.toThrow(`Port ${port} on 0.0.0.0 is already in use: stop the other service or set PORT.`);
  });

  it('keeps API answers out of caches and tells browsers not to sniff or leak referrers', async () => {
    const res = await svc.api('/api/me');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends a browser at its address to the dashboard', async () => {
    const res = await fetch(`${svc.baseUrl}/`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/dashboard/');
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await fetch(`${svc.baseUrl}/nowhere`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('not_found');
  });
});

describe('a service whose database has gone away', () => {
  it('reports not ready instead of crashing', async () => {
    const svc = await startTestService();
    try {
      await svc.ctx.db.pool.query('SELECT 1');
      const { withAdmin } = await import('../support/postgres');
      await withAdmin((a) => a.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [svc.testDb.name]));
      await withAdmin((a) => a.query(`ALTER DATABASE "${svc.testDb.name}" WITH ALLOW_CONNECTIONS false`));
      const res = await fetch(`${svc.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'not_ready', database: 'unreachable' });
      await withAdmin((a) => a.query(`ALTER DATABASE "${svc.testDb.name}" WITH ALLOW_CONNECTIONS true`));
      const again = await fetch(`${svc.baseUrl}/readyz`);
      expect(again.status).toBe(200);
    } finally {
      await svc.close();
    }
  });
});
