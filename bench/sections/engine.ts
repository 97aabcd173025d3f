import { loadConfig } from '../../runtime/config';
import { ManualClock } from '../../runtime/clock';
import { createLogger } from '../../runtime/logger';
import { createService } from '../../service/service';
import { openDatabase } from '../../db/database';
import { planAllSchools } from '../../scheduling/planner';
import { startChild } from '../support/child';
import { mib, ms, record, timed, withPeakMemory } from '../support/results';
import { NOW, serviceEnv, TODAY, trustDatabase } from '../support/scene';

/**
 * The sending engine at trust size: one instance plans every school's coming work in full (what a
 * school new to the planner gets, and each school weekly), then runs what is due today, at 16:30: the parents' progress round and the
 * staff's reminders. SMS go through the twilio client to a stand-in for Twilio's API in another
 * process, over HTTP; Teams reminders are queued for staff who have not installed the app.
 */
const SECTION = 'engine';

export async function engine(): Promise<void> {
  const fresh = await trustDatabase(SECTION);
  const standIns = await startChild('stand-ins');
  // Twilio through its real client to the stand-in (an API origin is for tests and benchmarks, so not production mode).
  const config = loadConfig(serviceEnv(fresh.url, { LOG_LEVEL: 'silent', NODE_ENV: 'test', TWILIO_API_ORIGIN: standIns.ready.twilioUrl! }));
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const clock = new ManualClock(NOW);
  const ctx = { config, db, prisma: db.prisma, clock, logger: createLogger('silent') };
  try {
    const instance = createService(ctx, {});
    const fail = (schoolId: string, err: unknown) => {
      throw new Error(`planning school ${schoolId} failed: ${String(err)}`);
    };

    const [[plans, planMs], planMemory] = await withPeakMemory(() => timed(() => planAllSchools(db.prisma, clock, fail)));
    const jobs = await db.pool.query<{ pending: number; due: number }>(`SELECT count(*)::int AS pending, count(*) FILTER (WHERE "runAt" <= $1)::int AS due FROM "Job" WHERE status = 'PENDING'`, [NOW]);
    const created = plans.reduce((n, p) => n + p.conversationsCreated, 0);
    record(SECTION, "plan the trust's coming work (50 schools, 25,000 pupils)", `${(planMs / 1000).toFixed(1)} s (${ms(planMs / plans.length)} a school); ${jobs.rows[0]!.pending} jobs planned, ${jobs.rows[0]!.due} due now, ${created} conversations created; peak RSS ${mib(planMemory.rss)}, heap ${mib(planMemory.heapUsed)}`);

    const [, replanMs] = await timed(() => planAllSchools(db.prisma, clock, fail));
    record(SECTION, 'plan again in full, nothing changed (the weekly safety net; before planning was change-driven, every 15-minute tick)', `${(replanMs / 1000).toFixed(1)} s`);

    const [[summary, dispatchMs], dispatchMemory] = await withPeakMemory(() => timed(() => instance.jobs.runDue()));
    const sent = await db.pool.query<{ channel: string; status: string; n: number }>(`SELECT channel, status, count(*)::int AS n FROM "Message" WHERE "createdAt" >= $1 GROUP BY 1, 2`, [TODAY]);
    const sms = sent.rows.filter((r) => r.channel === 'SMS' && r.status === 'SENT').reduce((n, r) => n + r.n, 0);
    const teams = sent.rows.filter((r) => r.channel === 'TEAMS').reduce((n, r) => n + r.n, 0);
    const { twilioAccepted } = await standIns.ask<{ twilioAccepted: number }>('counts');
    if (twilioAccepted !== sms) throw new Error(`Twilio stand-in accepted ${twilioAccepted} messages but ${sms} are marked SENT`);
    if (summary.failed + summary.retried > 0) throw new Error(`dispatch had ${summary.failed} failed and ${summary.retried} retried jobs`);
    record(
      SECTION,
      "dispatch today's due work (progress round + staff reminders)",
      `${summary.done} jobs in ${(dispatchMs / 1000).toFixed(1)} s: ${sms} SMS accepted by the Twilio stand-in (**${(sms / (dispatchMs / 1000)).toFixed(0)} SMS/s**, ${(summary.done / (dispatchMs / 1000)).toFixed(0)} jobs/s), ${teams} Teams messages queued; peak RSS ${mib(dispatchMemory.rss)}, heap ${mib(dispatchMemory.heapUsed)}`,
    );
  } finally {
    await db.close();
    await standIns.stop();
    await fresh.drop();
  }
}
