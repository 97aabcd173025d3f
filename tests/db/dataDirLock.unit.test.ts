import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirInUse, lockDataDir } from '../../db/dataDirLock';

describe('one process per embedded data folder', () => {
  const folder = (): string => mkdtempSync(path.join(tmpdir(), 'sebt-lock-'));

  it('lets the first opener in and refuses the next while it lives', () => {
    const dir = folder();
    const unlock = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'embedded.lock'), 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    unlock();
    expect(existsSync(path.join(dir, 'embedded.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over the lock of a process that died without letting go', () => {
    const dir = folder();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    writeFileSync(path.join(dir, 'embedded.lock'), `${dead}\n`);
    const unlock = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'embedded.lock'), 'utf8').trim()).toBe(String(process.pid));
    unlock();
  });
});
