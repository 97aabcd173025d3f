import { DateTime } from 'luxon';
import { actorOf } from '../../audit/audit';
import { openDatabase } from '../../db/database';
import { transaction } from '../../db/transaction';
import type { Principal } from '../../domain/access';
import { addDays } from '../../domain/schoolCalendar';
import { openConversation, rescheduleConversation } from '../../booking/useCases';
import { recordProgressUpdate } from '../../recording/pupilVoice';
import { ManualClock } from '../../runtime/clock';
import { sweepUnplannedMessages } from '../../messaging/outbox';
import { planChanges, planSchool, type PlanSummary } from '../../scheduling/planner';
import { setProgressRhythm } from '../../settings/useCases';
import { mib, ms, percentile, record, timed, withPeakMemory } from '../support/results';
import { NOW, TODAY, trustDatabase } from '../support/scene';
import { NATION_SLICE, type TrustShape } from '../support/trust';

/**
 * The planner at national scale: 500 schools and 250,000 pupils (bench/support/trust.ts, the
 * trust generator at a larger shape), each with a term's history. Measured in one run: the first
 * pass (every school new to the planner, planned in full), a full re-plan with nothing changed
 * (the admin command and weekly safety net, and what every 15-minute tick did before planning was
 * change-driven), a quiet tick, 1,000 random changes made through the use cases and the tick that
 * plans them, and the next morning's day rollover for every school; peak memory of each, and of
 * the full re-plan by hundreds of schools (flat if planning holds one school at a time).
 */
const SECTION = 'scale';
const ZONE = 'Europe/London';
const by: Principal = { kind: 'apiKey', label: 'bench' };
const fail = (schoolId: string, err: unknown) => {
  throw new Error(`planning school ${schoolId} failed: ${String(err)}`);
};
const seconds = (n: number): string => `${(n / 1000).toFixed(1)} s`;
const planned = (summaries: PlanSummary[]) => {
  const done = summaries.filter((p) => !p.skipped);
  return { schools: done.length, full: done.filter((p) => p.full).length, pupils: done.reduce((n, p) => n + (p.pupils ?? 0), 0), created: done.reduce((n, p) => n + p.conversationsCreated, 0) };
};

/** Deterministic choices, so each run makes the same changes. */
function chooser(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x % n;
  };
}

export async function scale(shape: TrustShape = NATION_SLICE): Promise<void> {
  const fresh = await trustDatabase(SECTION, shape);
  const db = await openDatabase({ databaseUrl: fresh.url, dataDir: '/nonexistent', poolSize: 4 });
  const prisma = db.prisma;
  const clock = new ManualClock(NOW);
  const d = { prisma, clock, kick: () => undefined };
  try {
    const schools = (await prisma.school.findMany({ select: { id: true }, orderBy: { createdAt: 'asc' } })).map((s) => s.id);
    const jobCount = async () => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Job" WHERE "status" = 'PENDING'`)).rows[0]!.n;

    const [[first, firstMs], firstMemory] = await withPeakMemory(() => timed(() => planChanges(prisma, clock, fail)));
    const f = planned(first);
    // A million jobs appeared since the generator's ANALYZE: refresh the statistics, as autovacuum soon would.
    await db.pool.query('ANALYZE');
    record(SECTION, `first pass: ${schools.length} schools new to the planner, each planned in full`, `${seconds(firstMs)} (${ms(firstMs / f.schools)} a school, ${f.pupils} pupils); ${await jobCount()} jobs pending; peak RSS ${mib(firstMemory.rss)}, heap ${mib(firstMemory.heapUsed)}`);

    // The full re-plan, one school after another as `planAllSchools` does, with the heap's peak for each hundred schools.
    const blockPeaks: number[] = [];
    let block = 0;
    const sampler = setInterval(() => (blockPeaks[block] = Math.max(blockPeaks[block] ?? 0, process.memoryUsage().heapUsed)), 20);
    const before = await jobCount();
    const [[full, fullMs], fullMemory] = await withPeakMemory(() =>
      timed(async () => {
        const summaries: PlanSummary[] = [];
        for (const [i, id] of schools.entries()) {
          block = Math.floor(i / 100);
          summaries.push(await planSchool(prisma, clock, id));
        }
        return summaries;
      }),
    );
    clearInterval(sampler);
    if (full.some((p) => p.skipped || p.conversationsCreated > 0) || (await jobCount()) !== before) throw new Error('a full re-plan with nothing changed planned something new');
    record(
      SECTION,
      'full re-plan, nothing changed (admin command, weekly safety net; before: every 15-minute tick)',
      `${seconds(fullMs)} (${ms(fullMs / schools.length)} a school, ${ms((fullMs / planned(full).pupils) * 1000)} per 1,000 pupils); nothing new planned; peak RSS ${mib(fullMemory.rss)}, heap ${mib(fullMemory.heapUsed)}; peak heap by hundreds of schools: ${blockPeaks.map(mib).join(', ')}`,
    );

    const tick = async () => {
      const [, sweepMs] = await timed(() => sweepUnplannedMessages(prisma, clock.now()));
      const [summaries, passMs] = await timed(() => planChanges(prisma, clock, fail));
      return { sweepMs, passMs, summaries };
    };
    const quiet = async (label: string) => {
      const runs = [];
      for (let i = 0; i < 7; i += 1) {
        clock.set(new Date(clock.now().getTime() + 15 * 60_000));
        runs.push(await tick());
      }
      if (runs.some((r) => r.summaries.length > 0)) throw new Error('a quiet tick planned a school');
      const pass = runs.map((r) => r.passMs);
      const sweep = runs.map((r) => r.sweepMs);
      record(SECTION, label, `planning pass p50 ${ms(percentile(pass, 50))}, max ${ms(Math.max(...pass))}; with the tick's outbox sweep p50 ${ms(percentile(pass.map((p, i) => p + sweep[i]!), 50))}; ${schools.length} schools, nothing planned`);
    };
    await quiet('quiet tick (nothing changed)');

    // 1,000 changes through the use cases, across the schools: a parent's rhythm, progress on a target, and an extra conversation opened and booked.
    const pick = chooser(20261124);
    const pupils = await db.pool.query<{ id: string; target: string; contact: string }>(
      `SELECT p."id", (SELECT t."id" FROM "Target" t WHERE t."pupilId" = p."id" ORDER BY t."id" LIMIT 1) AS target,
              (SELECT pc."contactId" FROM "PupilContact" pc WHERE pc."pupilId" = p."id" ORDER BY pc."contactId" LIMIT 1) AS contact
         FROM "Pupil" p ORDER BY p."id"`,
    );
    const all = pupils.rows;
    const distinct = new Set<number>();
    const some = (n: number) => {
      const chosen = [];
      while (chosen.length < n) {
        const i = pick(all.length);
        if (distinct.has(i)) continue;
        distinct.add(i);
        chosen.push(all[i]!);
      }
      return chosen;
    };
    const meetingAt = `${addDays(TODAY, 7)}T15:30`;
    const [, changesMs] = await timed(async () => {
      for (const p of some(250)) await transaction(prisma, (tx) => setProgressRhythm(tx, actorOf(by), p.contact, 1 + pick(6)));
      for (const p of some(250)) await recordProgressUpdate(d, by, p.id, [{ targetId: p.target, status: pick(2) === 0 ? 'ACHIEVED' : 'WORKING_TOWARDS' }], false);
      for (const p of some(250)) {
        const c = await openConversation(d, by, { pupilId: p.id, kind: 'ADDITIONAL' });
        await rescheduleConversation(d, by, { conversationId: c.id, at: meetingAt });
      }
    });
    const marked = await db.pool.query<{ marks: number; schools: number }>(`SELECT count(*)::int AS marks, count(DISTINCT "schoolId")::int AS schools FROM "PlanningMark"`);
    record(SECTION, '1,000 random changes made through the use cases', `${seconds(changesMs)}: 250 parents' rhythms, 250 targets' progress, 250 conversations opened and booked; ${marked.rows[0]!.marks} subjects marked in ${marked.rows[0]!.schools} schools`);

    clock.set(new Date(clock.now().getTime() + 15 * 60_000));
    const [[changed, changedMs], changedMemory] = await withPeakMemory(() => timed(() => planChanges(prisma, clock, fail)));
    const c = planned(changed);
    const left = (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "PlanningMark"`)).rows[0]!.n;
    if (left > 0 || c.full > 0) throw new Error(`the tick after the changes left ${left} marks and planned ${c.full} schools in full`);
    record(SECTION, 'tick after the 1,000 changes', `${seconds(changedMs)} (${ms(changedMs / 1000)} a change): ${c.schools} schools, ${c.pupils} pupils planned; peak RSS ${mib(changedMemory.rss)}, heap ${mib(changedMemory.heapUsed)}`);
    await quiet('quiet tick after them');

    // The next morning: 03:00 school time, every school's day rollover.
    clock.set(DateTime.fromISO(`${addDays(TODAY, 1)}T03:00`, { zone: ZONE }).toJSDate());
    const due = (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SchoolPlanning" WHERE "rolloverAt" <= $1`, [clock.now()])).rows[0]!.n;
    const [[rollover, rolloverMs], rolloverMemory] = await withPeakMemory(() => timed(() => planChanges(prisma, clock, fail)));
    const r = planned(rollover);
    if (r.full > 0) throw new Error('the rollover planned a school in full');
    record(
      SECTION,
      'day rollover, every school (Wednesday 03:00)',
      `${seconds(rolloverMs)} (**${ms(rolloverMs / Math.max(1, r.schools))} a school**) for ${r.schools} schools (${due} due), ${r.pupils} pupils whose plan the date moved (${ms((rolloverMs / Math.max(1, r.pupils)) * 1000)} per 1,000); peak RSS ${mib(rolloverMemory.rss)}, heap ${mib(rolloverMemory.heapUsed)}`,
    );
  } finally {
    await db.close();
    await fresh.drop();
  }
}
