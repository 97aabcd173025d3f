import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The service as production runs it: its own operating-system process started from
 * service/main.ts (the real clock, cron ticks, signals), for tests that kill it.
 */
export interface ServiceProcess {
  pid: number;
  baseUrl: string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals>;
  /** Sends the signal and waits for the process to be gone. */
  kill(signal: NodeJS.Signals): Promise<number | NodeJS.Signals>;
  /** Everything it has written so far, stdout and stderr (its JSON log lines and anything else). */
  output(): string;
}

/** A line of the service's JSON log, or nothing for other output (the API key banner). */
function logEntry(line: string): { port?: number; msg?: string } {
  try {
    return JSON.parse(line) as { port?: number; msg?: string };
  } catch {
    return {};
  }
}

/** Starts `service/main.ts` with `env` on a free port; resolves once it listens. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  // Node with tsx's loader in the same process (the tsx command would run the service as a child of
  // its own, which a SIGKILL to the command would leave running).
  const child = spawn(process.execPath, ['--import', 'tsx', 'service/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sebt-proc-')), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)));
  let stderr = '';
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    output += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start within 30 s:\n${stderr}`)), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = logEntry(line);
      if (entry.port && entry.msg?.startsWith('listening')) {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${how}) before listening:\n${stderr}`));
    });
  });
  return {
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    exited,
    kill(signal) {
      child.kill(signal);
      return exited;
    },
    output: () => output,
  };
}
