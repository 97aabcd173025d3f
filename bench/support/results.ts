/** The rows every section adds to the printed table, and the latency arithmetic they share. */
export interface Row {
  section: string;
  what: string;
  figures: string;
}

export const rows: Row[] = [];

export function record(section: string, what: string, figures: string): void {
  rows.push({ section, what, figures });
  console.error(`  ${what}: ${figures}`);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const ms = (n: number): string => `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms`;
export const mib = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, performance.now() - started];
}

/** Peak resident memory and heap of this process while `fn` runs (sampled every 20 ms). */
export async function withPeakMemory<T>(fn: () => Promise<T>): Promise<[T, { rss: number; heapUsed: number }]> {
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  try {
    const result = await fn();
    sample();
    return [result, peak];
  } finally {
    clearInterval(timer);
  }
}

export function printTable(): void {
  console.log(`\n| section | what | figures |\n|---|---|---|`);
  for (const r of rows) console.log(`| ${r.section} | ${r.what} | ${r.figures} |`);
}
