import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../../tests/support/testService';
import { startChild } from '../support/child';
import { benchWondeSchool } from '../support/misTrust';
import { record } from '../support/results';

/**
 * The register and evidence kept up to date from the MIS through Wonde: the Wonde stand-in in its own
 * process (bench/servers/serve.ts `wonde`) serves 50 generated 1,500-pupil secondaries (250 on the
 * SEN register, 2,700 contacts, 120 staff each, with their evidence); the service, in this process
 * on a fresh database, runs the syncs on its jobs table as the nightly tick would (runDue, the
 * product's lanes). One school's first sync and its next night's changes-only sync, then the
 * other 49 schools' first syncs together, then the whole trust's night at the same 02:00. Rows are
 * what the sync hands to the register and evidence imports (pupils, staff, evidence records);
 * requests are those the stand-in served.
 */
const SCHOOLS = 50;
/** Monday 5 October 2026, 10:00 in school: five weeks into the autumn term. */
const START = new Date('2026-10-05T09:00:00Z');

const evidenceCounts = z.record(z.string(), z.object({ imported: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }));

interface Night {
  seconds: number;
  requests: number;
  rows: number;
  syncs: number;
  failed: number;
}

export async function mis(): Promise<void> {
  const wonde = await startChild('wonde', { BENCH_NOW: START.toISOString(), BENCH_WONDE_SCHOOLS: String(SCHOOLS) });
  const clock = new ManualClock(START);
  const svc = await startTestService({ clock, env: { WONDE_API_ORIGIN: wonde.url, MIS_TOKEN_KEY: randomBytes(32).toString('base64') } });
  try {
    const schools = Array.from({ length: SCHOOLS }, (_, i) => benchWondeSchool(i));
    const ids: string[] = [];
    for (const s of schools) ids.push(await addSchool(svc, s.name));
    await wonde.ask('requests');

    await connectAll(svc, ids.slice(0, 1), schools.slice(0, 1));
    const first = await night(svc, wonde, [ids[0]!]);
    record('mis', 'first sync of a 1,500-pupil school (250 kept, in full, with contacts and evidence)', describe(first));

    const tonight = await nextNightlyRun(svc, ids[0]!);
    await wonde.ask('night', { at: new Date(tonight.getTime() - 3_600_000).toISOString(), schools: [schools[0]!.id] });
    clock.set(tonight);
    const changes = await night(svc, wonde, [ids[0]!]);
    record('mis', "the same school's next night, changes only (5 joiners, 10 new mobiles, 30 incidents and achievements, a leaver)", describe(changes));

    await connectAll(svc, ids.slice(1), schools.slice(1));
    const onboarding = await night(svc, wonde, ids.slice(1));
    record('mis', `${SCHOOLS - 1} more schools' first syncs at once (one instance)`, describe(onboarding));

    const trustNight = await nextNightlyRun(svc, ids[0]!);
    await wonde.ask('night', { at: new Date(trustNight.getTime() - 3_600_000).toISOString(), schools: schools.map((s) => s.id) });
    clock.set(trustNight);
    const trust = await night(svc, wonde, ids);
    record('mis', `a trust of ${SCHOOLS} schools syncing in one night (changes only, all at 02:00, one instance)`, describe(trust));
  } finally {
    await svc.close();
    await wonde.stop();
  }
}

const describe = (n: Night): string =>
  `${n.seconds.toFixed(1)} s, ${n.rows} rows (${(n.rows / n.seconds).toFixed(0)} rows/s), ${n.requests} requests to Wonde (${(n.requests / n.seconds).toFixed(0)}/s), ${n.syncs} sync${n.syncs === 1 ? '' : 's'}${n.failed ? `, ${n.failed} FAILED` : ''}`;

/** A school that assesses reading and maths, with this school year's terms. */
async function addSchool(svc: RunningService, name: string): Promise<string> {
  const school = await svc.ctx.prisma.school.create({ data: { name } });
  await svc.ctx.prisma.schoolTerm.createMany({
    data: [
      { schoolId: school.id, name: 'Autumn 2026', startsOn: new Date('2026-09-02'), endsOn: new Date('2026-12-18') },
      { schoolId: school.id, name: 'Spring 2027', startsOn: new Date('2027-01-05'), endsOn: new Date('2027-03-26') },
    ],
  });
  for (const [subject, preset] of [['reading', 'age-related'], ['maths', 'standardised-score']]) {
    const res = await svc.api(`/api/schools/${school.id}/subjects/${subject}`, { method: 'PUT', body: JSON.stringify({ preset }) });
    if (res.status !== 200) throw new Error(`choosing ${subject}'s scheme answered ${res.status}`);
  }
  return school.id;
}

async function connectAll(svc: RunningService, ids: string[], wonde: { id: string; token: string }[]): Promise<void> {
  for (const [i, schoolId] of ids.entries()) {
    const res = await svc.api(`/api/schools/${schoolId}/mis`, {
      method: 'POST',
      body: JSON.stringify({ wondeSchoolId: wonde[i]!.id, token: wonde[i]!.token, aspects: [{ aspect: 'Reading', subject: 'reading' }, { aspect: 'Maths', subject: 'maths' }] }),
    });
    if (res.status !== 201) throw new Error(`connecting answered ${res.status}: ${await res.text()}`);
  }
}

async function nextNightlyRun(svc: RunningService, schoolId: string): Promise<Date> {
  return (await svc.ctx.prisma.job.findFirstOrThrow({ where: { kind: 'mis.sync.nightly', schoolId, status: 'PENDING' }, orderBy: { runAt: 'asc' } })).runAt;
}

/** Runs what is due until the schools' syncs have finished; their counts, and the requests the stand-in served. */
async function night(svc: RunningService, wonde: Awaited<ReturnType<typeof startChild>>, schoolIds: string[]): Promise<Night> {
  // The service's clock stands still while the syncs run: theirs start at this instant.
  const since = svc.clock.now();
  const started = performance.now();
  await svc.service.jobs.runDue();
  const seconds = (performance.now() - started) / 1000;
  const syncs = await svc.ctx.prisma.misSync.findMany({ where: { connection: { schoolId: { in: schoolIds } }, startedAt: { gte: since }, finishedAt: { not: null } } });
  const unfinished = (await svc.ctx.prisma.misConnection.findMany({ where: { schoolId: { in: schoolIds } }, select: { cursor: true } })).filter((c) => c.cursor !== null).length;
  if (unfinished > 0) throw new Error(`${unfinished} syncs did not finish`);
  let rows = 0;
  for (const s of syncs) {
    rows += s.added + s.updated + s.unchanged + s.rejected + s.left + s.staffAdded + s.staffUpdated + s.staffUnchanged + s.staffRejected;
    for (const c of Object.values(evidenceCounts.parse(s.evidence))) rows += c.imported + c.updated + c.unchanged + c.rejected;
  }
  return { seconds, rows, requests: await wonde.ask<number>('requests'), syncs: syncs.length, failed: syncs.filter((s) => s.status === 'FAILED').length };
}
