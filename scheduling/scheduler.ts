import cron, { type ScheduledTask } from 'node-cron';
import type { JobRunner } from '../jobs/jobRunner';
import { sweepUnplannedMessages } from '../messaging/outbox';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { Logger } from '../runtime/logger';
import { planChanges } from './planner';
import { rhythmHandlers } from './rhythmHandlers';

/**
 * node-cron is only the clock; the work lives in PostgreSQL. Every minute this instance runs the
 * jobs that are due (claimed with SKIP LOCKED and a lease, so any number of instances may do the
 * same); every 15 minutes, at start-up and soon after each use case (its kick), it plans what
 * changed (scheduling/planner.ts `planChanges`: the marked subjects, the pupils whose horizon has
 * come, schools new or due their weekly full plan). Nothing is remembered in the process: a
 * restart loses nothing.
 */
export const RUN_DUE_EVERY = '* * * * *';
export const PLAN_EVERY = '*/15 * * * *';
/**
 * The ticks are "every minute" and "every quarter hour", the same in any zone; each school's own
 * zone (terms, quiet hours, 09:00 reminders) is applied by the planner and the handlers, so one
 * instance serves schools in several zones. UTC has no clock changes to skip or repeat a tick.
 */
export const CRON_TIMEZONE = 'Etc/UTC';
const KICK_DEBOUNCE_MS = 250;

/**
 * Runs one piece of work at a time in this process: a call while it runs asks for one more run
 * afterwards instead of overlapping. Correctness never depends on this (the database decides who
 * runs what); it only saves a busy instance from piling up runs.
 */
export class SerialWork {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.work();
        } catch (err) {
          this.logger.error({ err }, `${this.what} failed; next tick will try again`);
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Waits for a run in progress (at shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }
}

export interface Scheduler extends Capability {
  /** A planning pass now (what the 15-minute tick does). */
  planNow(): Promise<void>;
  /** Runs due jobs now (also what the minute tick does). */
  runNow(): Promise<void>;
}

export function schedulerCapability(ctx: ServiceContext, jobs: JobRunner): Scheduler {
  const { config, prisma, clock, logger } = ctx;

  const running = new SerialWork(
    async () => {
      const summary = await jobs.runDue();
      if (summary.done + summary.failed + summary.retried > 0) logger.debug({ ...summary }, 'jobs run');
    },
    logger,
    'running due jobs',
  );
  const planning = new SerialWork(
    async () => {
      const planned = await planChanges(prisma, clock, (schoolId, err) => logger.error({ err, schoolId }, 'planning a school failed'));
      const done = planned.filter((p) => !p.skipped);
      if (done.length > 0) logger.debug({ schools: done.length, full: done.filter((p) => p.full).length, pupils: done.reduce((n, p) => n + (p.pupils ?? 0), 0) }, 'planned');
      // Planning may have made work due now: run it rather than wait for the next minute.
      if (done.length > 0) soon(false);
    },
    logger,
    'planning',
  );
  const tick = async () => {
    // Anything queued without a delivery job (from any cause) gets one back before planning adds more.
    try {
      const swept = await sweepUnplannedMessages(prisma, clock.now());
      if (swept.length > 0) logger.warn({ messages: swept.length }, 'queued messages had no delivery job; planned again');
    } catch (err) {
      logger.error({ err }, 'sweeping queued messages failed; next tick will try again');
    }
    await planning.run();
  };
  let tasks: ScheduledTask[] = [];
  let kickTimer: NodeJS.Timeout | undefined;
  let planAfterKick = false;
  /** Runs due work shortly (and plans first, for a use case's kick), once for a burst of kicks; only while started. */
  const soon = (plan: boolean) => {
    if (tasks.length === 0) return;
    planAfterKick ||= plan;
    if (kickTimer) return;
    kickTimer = setTimeout(() => {
      kickTimer = undefined;
      void running.run();
      if (planAfterKick) void planning.run();
      planAfterKick = false;
    }, KICK_DEBOUNCE_MS);
  };

  return {
    name: 'scheduler',
    jobs: rhythmHandlers(prisma, clock),
    planNow: tick,
    runNow: () => running.run(),
    async start() {
      if (!config.SCHEDULER_ENABLED) return;
      // A use case's kick: deliver what it queued, and plan what it marked.
      jobs.setKicker(() => soon(true));
      tasks = [
        cron.schedule(RUN_DUE_EVERY, () => running.run(), { name: 'run-due-jobs', timezone: CRON_TIMEZONE }),
        cron.schedule(PLAN_EVERY, tick, { name: 'plan-schools', timezone: CRON_TIMEZONE }),
      ];
      void tick();
    },
    async stop() {
      jobs.setKicker(undefined);
      if (kickTimer) clearTimeout(kickTimer);
      kickTimer = undefined;
      for (const task of tasks) await task.destroy();
      tasks = [];
      // Planning last asks for a run: wait for it first.
      await planning.idle();
      await running.idle();
    },
  };
}
