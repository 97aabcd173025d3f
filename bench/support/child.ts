import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** A bench server running in its own process (bench/servers/serve.ts). */
export interface BenchChild {
  ready: Record<string, string>;
  url: string;
  ask<T>(question: string, extra?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export type ChildMode = 'service' | 'bot' | 'bare-sms' | 'bare-bot' | 'stand-ins' | 'wonde';

export function startChild(mode: ChildMode, env: Record<string, string> = {}): Promise<BenchChild> {
  const child: ChildProcess = fork(path.join(__dirname, '..', 'servers', 'serve.ts'), [mode], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    // Its JSON logs (stdout) are discarded; crashes (stderr) are shown.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 0;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server "${mode}" exited with ${code} before it was ready`)));
    child.on('message', (m: { ready?: Record<string, string>; id?: number; value?: unknown; error?: string }) => {
      if (m.ready) {
        child.removeAllListeners('exit');
        resolve({
          ready: m.ready,
          url: m.ready.url ?? '',
          ask<T>(question: string, extra: Record<string, unknown> = {}) {
            const id = ++next;
            return new Promise<T>((res, rej) => {
              pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
              child.send({ id, ask: question, ...extra });
            });
          },
          stop: () =>
            new Promise<void>((res) => {
              if (child.exitCode !== null) return res();
              child.once('exit', () => res());
              child.disconnect();
            }),
        });
        return;
      }
      const waiting = pending.get(m.id!);
      pending.delete(m.id!);
      if (m.error) waiting?.reject(new Error(m.error));
      else waiting?.resolve(m.value);
    });
  });
}
