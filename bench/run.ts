/**
 * `npm run bench`: measures the service's hot paths against the real PostgreSQL server
 * (TEST_DATABASE_URL, default 127.0.0.1:5432/test), each on a fresh database, over real HTTP
 * where the product is reached over HTTP. Prints a table; results are recorded in bench/RESULTS.md.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import twilio from 'twilio';
import { ManualClock } from '../service/clock';
import { createService } from '../service/service';
import { messageParentsOf } from '../sms/parentMessages';
import { computeDigest } from '../digest/figures';
import { loadDigestInput } from '../digest/digestQueries';
import { planAllSchools } from '../scheduling/planner';
import { webhookSecretFile } from '../sms/webhookSecret';
import { startTestService, type RunningService } from '../tests/support/testService';
import { registerCsv, registerTeachers } from './registerCsv';

interface Row {
  what: string;
  n: number;
  seconds: number;
  rate: string;
  latency?: string;
}

const rows: Row[] = [];
const PUBLIC_BASE_URL = 'https://engage.school.example';
// Tuesday 10:00 in term: inside sending hours, so nothing is held for quiet hours.
const IN_TERM = new Date('2026-11-24T10:00:00Z');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latencyOf(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms`;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await fn();
  return [result, (performance.now() - started) / 1000];
}

function record(what: string, n: number, seconds: number, unit: string, latency?: string): void {
  rows.push({ what, n, seconds, rate: `${(n / seconds).toFixed(0)} ${unit}/s`, latency });
  console.error(`  ${what}: ${n} in ${seconds.toFixed(2)} s`);
}

/** Runs `total` requests from `concurrency` clients; returns each request's latency in ms. */
async function load(total: number, concurrency: number, request: (i: number) => Promise<Response>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const started = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        if (res.status >= 400) throw new Error(`request ${i} answered ${res.status}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

async function withService<T>(fn: (svc: RunningService, clock: ManualClock) => Promise<T>): Promise<T> {
  const clock = new ManualClock(IN_TERM);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sebt-bench-'));
  const svc = await startTestService({ clock, env: { PUBLIC_BASE_URL, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
  try {
    return await fn(svc, clock);
  } finally {
    await svc.close();
  }
}

async function schoolWithRegister(svc: RunningService, pupils: number): Promise<string> {
  const school = await svc.ctx.prisma.school.create({ data: { name: 'Riverside Trust' } });
  await svc.ctx.prisma.staff.createMany({ data: registerTeachers(school.id) });
  const res = await svc.api(`/api/roster/pupils?schoolId=${school.id}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: registerCsv(pupils) });
  if (res.status !== 200) throw new Error(`roster import answered ${res.status}`);
  await svc.ctx.prisma.contact.updateMany({ where: { schoolId: school.id }, data: { smsConsent: true } });
  return school.id;
}

async function rosterImport(): Promise<void> {
  await withService(async (svc) => {
    const school = await svc.ctx.prisma.school.create({ data: { name: 'Riverside Trust' } });
    await svc.ctx.prisma.staff.createMany({ data: registerTeachers(school.id) });
    const csv = registerCsv(10_000);
    const post = () => svc.api(`/api/roster/pupils?schoolId=${school.id}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    const [, first] = await timed(post);
    record('roster import, first (10,000-row register, one request)', 10_000, first, 'rows');
    const [, again] = await timed(post);
    record('roster import, unchanged re-import', 10_000, again, 'rows');
  });
}

async function outboundSms(): Promise<void> {
  await withService(async (svc, clock) => {
    const schoolId = await schoolWithRegister(svc, 1_000);
    const pupils = await svc.ctx.prisma.pupil.findMany({ where: { schoolId }, select: { id: true } });
    const [queued, queueing] = await timed(async () => {
      let n = 0;
      for (const p of pupils) n += (await messageParentsOf(svc.ctx.prisma, clock, { pupilId: p.id, template: 'progress.update', params: { achieved: ['ENGLISH'], workingOn: ['MATHS', 'ATTENDANCE'] } })).queued.length;
      return n;
    });
    record('progress SMS queued (rendered, checked, segmented, stored)', queued, queueing, 'msgs');
    const [, delivering] = await timed(() => svc.service.platform.jobs.runDue());
    const sent = await svc.ctx.prisma.message.count({ where: { channel: 'SMS', status: 'SENT' } });
    record('progress SMS delivered to the local outbox, one instance', sent, delivering, 'msgs');

    // A second instance on the same database shares the next round.
    const second = createService(svc.ctx, {});
    for (const p of pupils) await messageParentsOf(svc.ctx.prisma, clock, { pupilId: p.id, template: 'progress.update', params: { achieved: ['ENGLISH'], workingOn: ['MATHS', 'ATTENDANCE'] }, idempotencyKey: `round2:${p.id}` });
    const [, both] = await timed(() => Promise.all([svc.service.platform.jobs.runDue(), second.platform.jobs.runDue()]));
    const sentBoth = (await svc.ctx.prisma.message.count({ where: { channel: 'SMS', status: 'SENT' } })) - sent;
    record('progress SMS delivered, two instances on one database', sentBoth, both, 'msgs');
  });
}

async function inboundSms(): Promise<void> {
  await withService(async (svc) => {
    const schoolId = await schoolWithRegister(svc, 1_000);
    const parents = await svc.ctx.prisma.contact.findMany({ where: { schoolId }, select: { mobile: true }, take: 1_000 });
    const token = readFileSync(webhookSecretFile(svc.ctx.config.dataDir), 'utf8').trim();
    const post = (i: number): Promise<Response> => {
      const params = { MessageSid: `SM${i.toString(16).padStart(32, '0')}`, AccountSid: `AC${'0'.repeat(32)}`, From: parents[i % parents.length]!.mobile, To: '+447700900000', Body: 'He read to his brother every night this week', NumMedia: '0' };
      const signature = twilio.getExpectedTwilioSignature(token, `${PUBLIC_BASE_URL}/sms/inbound`, params);
      return fetch(`${svc.baseUrl}/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
    };
    const N = 1_000;
    const [latencies, seconds] = await timed(() => load(N, 16, post));
    record('parent replies received (signed webhook, stored, key teacher told), 16 clients', N, seconds, 'req', latencyOf(latencies));
    const [dupLatencies, dupSeconds] = await timed(() => load(N, 16, post));
    record('Twilio retries of the same replies (acknowledged, not processed again)', N, dupSeconds, 'req', latencyOf(dupLatencies));
  });
}

async function staffApi(): Promise<void> {
  await withService(async (svc) => {
    await schoolWithRegister(svc, 1_000);
    const N = 2_000;
    const [latencies, seconds] = await timed(() => load(N, 16, () => svc.api('/api/me')));
    record('authenticated API round trip (GET /api/me), 16 clients', N, seconds, 'req', latencyOf(latencies));
  });
}

async function schoolLeads(): Promise<void> {
  await withService(async (svc, clock) => {
    const schoolId = await schoolWithRegister(svc, 1_000);
    await svc.ctx.prisma.schoolTerm.create({ data: { schoolId, name: 'Autumn 2026', startsOn: new Date('2026-09-03'), endsOn: new Date('2026-12-18') } });
    // A term's worth of records to count: every pupil's conversation planned, and a round of updates sent.
    await planAllSchools(svc.ctx.prisma, clock, (_id, err) => {
      throw err;
    });
    const pupils = await svc.ctx.prisma.pupil.findMany({ where: { schoolId }, select: { id: true } });
    for (const p of pupils) await messageParentsOf(svc.ctx.prisma, clock, { pupilId: p.id, template: 'progress.update', params: { achieved: ['ENGLISH'], workingOn: ['MATHS'] } });
    await svc.service.platform.jobs.runDue();

    const runs = 20;
    const digestMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      computeDigest(await loadDigestInput(svc.ctx.prisma, schoolId, clock.now()), clock.now());
      digestMs.push(performance.now() - started);
    }
    record('weekly digest figures for a 1,000-pupil school (load + compute)', runs, digestMs.reduce((a, b) => a + b, 0) / 1000, 'digests', latencyOf(digestMs));

    const [overview, overviewSeconds] = await timed(() => load(200, 8, () => svc.api(`/api/dashboard/overview?schoolId=${schoolId}`)));
    record('dashboard overview API (figures + charts), 8 clients', 200, overviewSeconds, 'req', latencyOf(overview));
    const [timeline, timelineSeconds] = await timed(() => load(500, 8, (i) => svc.api(`/api/dashboard/pupils/${pupils[i % pupils.length]!.id}?schoolId=${schoolId}`)));
    record('pupil timeline API (audited view), 8 clients', 500, timelineSeconds, 'req', latencyOf(timeline));
  });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const sections: [string, () => Promise<void>][] = [
    ['roster', rosterImport],
    ['outbound', outboundSms],
    ['inbound', inboundSms],
    ['api', staffApi],
    ['leads', schoolLeads],
  ];
  for (const [name, run] of sections) {
    if (only.length > 0 && !only.includes(name)) continue;
    console.error(`${name}...`);
    await run();
  }
  console.log(`\n| what | n | seconds | rate | latency |\n|---|---:|---:|---:|---|`);
  for (const r of rows) console.log(`| ${r.what} | ${r.n} | ${r.seconds.toFixed(2)} | ${r.rate} | ${r.latency ?? ''} |`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
