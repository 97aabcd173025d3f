import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readMigrations } from '../../db/migrations';

const ROOT = path.resolve(__dirname, '..', '..');

/** One step in a fresh process, as `npm start` would run it: the data folder is all that survives. */
function step(dataDir: string, what: 'write' | 'read' | 'second-opener'): any {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'tests/db/embeddedSmoke.ts', dataDir, what], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('the embedded database (PGlite, no DATABASE_URL)', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sebt-embedded-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given an empty data folder, when migrated and a school is written, then the school is still there after a restart', () => {
    const first = step(dataDir, 'write');
    expect(first).toMatchObject({ kind: 'embedded', applied: readMigrations().map((m) => m.name), ready: { ok: true, pendingMigrations: [] } });

    const again = step(dataDir, 'read');
    expect(again).toEqual({
      kind: 'embedded',
      applied: [],
      ready: { ok: true, pendingMigrations: [] },
      schools: [{ name: 'Oakfield Primary', timezone: 'Europe/London', widerOutcomes: ['ATTENDANCE', 'PARTICIPATION'] }],
    });
  });

  it('refuses a second opener of the same folder with a message saying what to do, and is free again once closed', () => {
    const { refused } = step(dataDir, 'second-opener');
    expect(refused).toMatch(/is in use by process \d+ \(is the service already running\?\)/);
    expect(step(dataDir, 'read').schools).toHaveLength(1);
  });
});
