import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_WONDE_SCHOOL, DEMO_WONDE_TOKEN } from '../mis/misApi';
import { LOCAL_STAND_IN } from '../mis/connection';

/**
 * `npm run mis:demo`: against a running embedded service (`npm start`), connects the demo school
 * to the Wonde stand-in the service mounts at /standins/wonde (a fictional 1,500-pupil school) and
 * follows its first sync until it finishes, printing what it brought. Like `npm run import` it
 * finds the service at SERVICE_URL (default http://localhost:$PORT) with API_KEY or
 * DATA_DIR/api-key. Connecting again is safe: the sync is idempotent.
 */
const serviceUrl = (process.env.SERVICE_URL ?? `http://localhost:${process.env.PORT ?? 3978}`).replace(/\/+$/, '');

function apiKey(): string {
  if (process.env.API_KEY) return process.env.API_KEY;
  const file = path.join(path.resolve(process.env.DATA_DIR ?? './data'), 'api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(`No API key: set API_KEY, or start the service once so it writes ${file}`);
}

async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${serviceUrl}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${apiKey()}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

interface SyncView {
  status: string;
  mode: string;
  pupils: Record<string, number>;
  staff: Record<string, number>;
  requests: number;
  problems: unknown[];
  error: string | null;
}

async function run(): Promise<void> {
  const { schools } = await api<{ schools: { id: string; name: string; isDemo: boolean }[] }>('GET', '/schools');
  const demo = schools.find((s) => s.isDemo);
  if (!demo) throw new Error('No demo school here: run this against the embedded default (npm start on an empty data folder).');
  console.log(`Connecting ${demo.name} to the Wonde stand-in (school ${DEMO_WONDE_SCHOOL}) ...`);
  const connected = await api<{ firstSync: { id: string } }>('POST', `/schools/${demo.id}/mis`, { wondeSchoolId: DEMO_WONDE_SCHOOL, token: DEMO_WONDE_TOKEN, domain: LOCAL_STAND_IN });
  console.log(`Sync ${connected.firstSync.id} started; following it (the service's job clock runs it).`);
  for (let i = 0; i < 600; i++) {
    const state = await api<{ current: SyncView | null; last: SyncView | null }>('GET', `/schools/${demo.id}/mis`);
    if (!state.current && state.last) {
      const s = state.last;
      console.log(`\n${s.mode} sync ${s.status.toLowerCase()} after ${s.requests} requests to Wonde.`);
      console.log(`Pupils: added ${s.pupils.added}, updated ${s.pupils.updated}, unchanged ${s.pupils.unchanged}, rejected ${s.pupils.rejected}, left ${s.pupils.left}`);
      console.log(`Staff:  added ${s.staff.added}, updated ${s.staff.updated}, unchanged ${s.staff.unchanged}, rejected ${s.staff.rejected}`);
      if (s.error) console.log(`Error: ${s.error}`);
      for (const p of s.problems.slice(0, 10)) console.log(`Problem: ${JSON.stringify(p)}`);
      console.log(`\nSee it at ${serviceUrl}/dashboard/ (the new pupils' key teachers are the stand-in's form tutors), or GET /api/schools/${demo.id}/mis.`);
      if (s.status !== 'SUCCEEDED') process.exitCode = 2;
      return;
    }
    if (state.current) process.stderr.write(`\r${state.current.status.toLowerCase()}: ${state.current.pupils.added} pupils added so far, ${state.current.requests} requests`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The sync did not finish within 5 minutes: is the service running with SCHEDULER_ENABLED=true?');
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
