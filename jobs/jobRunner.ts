import type { Pool } from 'pg';
import type { z } from 'zod';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { claimDueJobs, completeJob, failJob, releaseAbandonedClaims, rescheduleJob, type ClaimedJob } from './jobQueue';

/** Thrown by a handler for a transient failure (Twilio 429/5xx, Teams throttling, a database blip). */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Thrown by a handler when trying again cannot help (a dead number, a malformed message). */
export class PermanentFailure extends Error {}

/**
 * A job's payload (a JSON column) read through the schema its planner wrote it with: a payload
 * that does not fit (written by hand, or by a version that planned it differently) fails the job
 * for good with the reason, instead of running on a guess.
 */
export function payloadOf<S extends z.ZodType>(job: ClaimedJob, schema: S): z.infer<S> {
  const parsed = schema.safeParse(job.payload);
  if (!parsed.success) throw new PermanentFailure(`the ${job.kind} job's payload is not what it should be: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** A handler may ask to run again later without it counting as a failure (e.g. quiet hours). */
export type JobResult = void | { rescheduleAt: Date };
export type JobHandler = (job: ClaimedJob) => Promise<JobResult>;

export interface RunnerOptions {
  pool: Pool;
  clock: Clock;
  logger: Logger;
  workerId: string;
  leaseMs?: number;
  batchSize?: number;
  /** Jobs of a batch run this many at a time (one lane each: see `laneOf`). */
  concurrency?: number;
  /**
   * Real milliseconds a job may take before it is given up as a transient failure (a provider that
   * never answers must not stall the instance). Default: half the lease, so it is retried, by this
   * instance or another, before anyone could take it over.
   */
  jobTimeoutMs?: number;
}

export interface RunSummary {
  done: number;
  retried: number;
  rescheduled: number;
  failed: number;
}

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min ... capped at an hour. */
export function backoffMs(attempt: number): number {
  return Math.min(BASE_BACKOFF_MS * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
}

/**
 * Jobs in one lane run one after another, in order; lanes run side by side. A job names its lane in
 * `payload.lane` (messages: their recipient, so a parent's texts are not sent out of order).
 */
export function laneOf(job: ClaimedJob): string {
  return typeof job.payload.lane === 'string' ? job.payload.lane : job.id;
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly jobTimeoutMs: number;
  /** Jobs claimed by a run of this instance that has not ended (several runs may overlap). */
  private readonly inFlight = new Set<string>();

  constructor(private readonly o: RunnerOptions) {
    this.leaseMs = o.leaseMs ?? 5 * 60_000;
    this.batchSize = o.batchSize ?? 20;
    this.concurrency = o.concurrency ?? 4;
    this.jobTimeoutMs = o.jobTimeoutMs ?? this.leaseMs / 2;
  }

  private kicker: (() => void) | undefined;

  /** The scheduler sets how to run due work soon; until then (tests, SCHEDULER_ENABLED=false) kick() does nothing. */
  setKicker(kicker: (() => void) | undefined): void {
    this.kicker = kicker;
  }

  /** Asks for due work to run soon (debounced by the scheduler), e.g. right after a reply is queued, instead of at the next minute. Call after the transaction commits. */
  kick(): void {
    this.kicker?.();
  }

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  /** Runs every job due at the clock's now, batch after batch, until none is left. */
  async runDue(): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, retried: 0, rescheduled: 0, failed: 0 };
    const released = await releaseAbandonedClaims(this.o.pool, this.o.workerId, [...this.inFlight]);
    if (released > 0) this.o.logger.warn({ released }, 'jobs left claimed by an interrupted run are due again');
    for (;;) {
      const jobs = await claimDueJobs(this.o.pool, { workerId: this.o.workerId, now: this.o.clock.now(), limit: this.batchSize, leaseMs: this.leaseMs });
      if (jobs.length === 0) return summary;
      for (const job of jobs) this.inFlight.add(job.id);
      try {
        const lanes = new Map<string, ClaimedJob[]>();
        for (const job of jobs) lanes.set(laneOf(job), [...(lanes.get(laneOf(job)) ?? []), job]);
        const queue = [...lanes.values()];
        const worker = async (): Promise<void> => {
          for (let lane = queue.shift(); lane; lane = queue.shift()) for (const job of lane) summary[await this.runOne(job)] += 1;
        };
        // A lane stops at an outcome it cannot write (the database gone); the others finish first, so the run ends with nothing of it still going.
        const lanesRun = await Promise.allSettled(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
        const stopped = lanesRun.find((r) => r.status === 'rejected');
        if (stopped) throw stopped.reason;
      } finally {
        for (const job of jobs) this.inFlight.delete(job.id);
      }
    }
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RetryLater(`no answer within ${Math.round(this.jobTimeoutMs / 1000)} s`)), this.jobTimeoutMs);
      timer.unref();
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private async runOne(job: ClaimedJob): Promise<keyof RunSummary> {
    const { pool, clock, logger, workerId } = this.o;
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      await failJob(pool, job.id, workerId, `no handler for job kind ${job.kind}`, clock.now());
      return 'failed';
    }
    try {
      const result = await this.withTimeout(handler(job));
      if (result && 'rescheduleAt' in result) {
        await rescheduleJob(pool, job.id, workerId, result.rescheduleAt, null, false);
        return 'rescheduled';
      }
      await completeJob(pool, job.id, workerId, clock.now());
      return 'done';
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof PermanentFailure) && job.attempts < job.maxAttempts) {
        const wait = err instanceof RetryLater && err.retryAfterMs !== undefined ? err.retryAfterMs : backoffMs(job.attempts);
        logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, err }, 'job failed; will retry');
        await rescheduleJob(pool, job.id, workerId, new Date(clock.now().getTime() + wait), message);
        return 'retried';
      }
      logger.error({ jobId: job.id, kind: job.kind, attempt: job.attempts, err }, 'job failed permanently');
      await failJob(pool, job.id, workerId, message, clock.now());
      return 'failed';
    }
  }
}
