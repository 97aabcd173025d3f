import autocannon from 'autocannon';
import { ms, record } from './results';

/**
 * HTTP load with autocannon from this process against a server in another (bench/servers), so
 * the two never share an event loop. Each request is built fresh (`next`), e.g. a new MessageSid.
 */
export interface Target {
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  next(): { body?: string; headers: Record<string, string> };
}

export interface LoadResult {
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  errors: number;
  ok: number;
}

export const CONCURRENCY = [1, 8, 32, 64];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

export async function hammer(target: Target, connections: number, seconds = SECONDS): Promise<LoadResult> {
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [{ method: target.method ?? 'POST', path: target.path, setupRequest: (req) => ({ ...req, method: target.method ?? 'POST', path: target.path, ...target.next() }) }],
  });
  return {
    connections,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    ok: result['2xx'],
  };
}

export const describe = (r: LoadResult): string => `${r.requestsPerSecond.toFixed(0)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ${r.errors} errors`;

/**
 * The product's endpoint and the bare handler (the ceiling: Express parsing the same request and
 * answering 200, nothing else) at each concurrency, after a short warm-up of each. Records one row
 * per concurrency with both and the ratio; returns the product's results.
 */
export async function againstCeiling(section: string, what: string, product: Target, ceiling: Target): Promise<LoadResult[]> {
  await hammer(product, 8, 2);
  await hammer(ceiling, 8, 2);
  const results: LoadResult[] = [];
  for (const c of CONCURRENCY) {
    const p = await hammer(product, c);
    const bare = await hammer(ceiling, c);
    results.push(p);
    record(section, `${what}, ${c} at once`, `${describe(p)}; bare Express ${describe(bare)}; **${((100 * p.requestsPerSecond) / bare.requestsPerSecond).toFixed(1)}%** of the ceiling`);
  }
  return results;
}
