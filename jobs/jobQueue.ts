import type { Pool } from 'pg';
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';

/**
 * The jobs table: due work lives in PostgreSQL, never in a process. Planning is idempotent
 * (same dedupeKey, same job; a changed date moves it), and claiming uses FOR UPDATE SKIP LOCKED
 * with a lease, so several instances never run one job twice and a crashed instance's job is
 * taken again once its lease runs out.
 */
export interface JobSpec {
  kind: string;
  dedupeKey: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  schoolId?: string | null;
  /** The conversation, pupil, target or message the job is about (for cancelling). */
  subjectId?: string | null;
  maxAttempts?: number;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  schoolId: string | null;
  subjectId: string | null;
}

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Plans a job. A pending job with the same key is moved to the new time and payload (and left
 * untouched when nothing changed); a cancelled one is wanted again (a meeting moved back); one
 * that ran or failed is left alone.
 */
export async function planJob(db: Db, spec: JobSpec): Promise<void> {
  await planJobs(db, [spec]);
}

/** Plans several jobs in one statement (the planner plans a whole school at a time). */
export async function planJobs(db: Db, specs: JobSpec[]): Promise<void> {
  // One row per key: PostgreSQL refuses to upsert the same row twice in one statement.
  const unique = [...new Map(specs.map((s) => [s.dedupeKey, s])).values()];
  if (unique.length === 0) return;
  const rows = unique.map(
    (s) => Prisma.sql`(${s.kind}, ${s.dedupeKey}, ${JSON.stringify(s.payload ?? {})}::jsonb, ${s.runAt}::timestamptz,
            ${s.schoolId ?? null}::uuid, ${s.subjectId ?? null}::uuid, ${s.maxAttempts ?? 8}::int, now())`,
  );
  await db.$executeRaw`
    INSERT INTO "Job" ("kind", "dedupeKey", "payload", "runAt", "schoolId", "subjectId", "maxAttempts", "updatedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("dedupeKey") DO UPDATE
      SET "runAt" = EXCLUDED."runAt", "payload" = EXCLUDED."payload", "status" = 'PENDING', "updatedAt" = now()
      WHERE "Job"."status" = 'CANCELLED'
         OR ("Job"."status" = 'PENDING' AND ("Job"."runAt" IS DISTINCT FROM EXCLUDED."runAt" OR "Job"."payload" IS DISTINCT FROM EXCLUDED."payload"))`;
}

export interface SubjectJobs {
  subjectId: string;
  /** The kinds this planner owns for the subject; pending jobs of other kinds are left alone. */
  kinds: string[];
  specs: JobSpec[];
}

/**
 * Makes each subject's pending jobs of its kinds exactly its `specs`: plans (or moves) each, and
 * cancels the pending ones no longer wanted (a meeting moved, a conversation was held early).
 */
export async function replaceJobs(db: Db, subjects: SubjectJobs[]): Promise<void> {
  if (subjects.length === 0) return;
  const specs = subjects.flatMap((s) => s.specs.map((spec) => ({ ...spec, subjectId: s.subjectId })));
  // Subject ids are unique, so one statement over all subjects and kinds cancels exactly what each
  // would. Each subject's few jobs are found through the subject index (OFFSET 0 keeps the
  // planner from folding it into a scan of every pending job, which it picks when its statistics
  // still think few are pending).
  await db.$executeRaw`
    UPDATE "Job" SET "status" = 'CANCELLED', "updatedAt" = now()
     WHERE "id" IN (
       SELECT j."id" FROM unnest(${subjects.map((s) => s.subjectId)}::uuid[]) AS subject(id),
              LATERAL (SELECT "id", "status", "kind", "dedupeKey" FROM "Job" WHERE "subjectId" = subject.id OFFSET 0) j
        WHERE j."status" = 'PENDING'
          AND j."kind" = ANY(${[...new Set(subjects.flatMap((s) => s.kinds))]}::text[])
          AND NOT (j."dedupeKey" = ANY(${specs.map((s) => s.dedupeKey)}::text[])))`;
  await planJobs(db, specs);
}

/** Cancels pending jobs about a subject (optionally only some kinds). Returns how many. */
export async function cancelJobs(db: Db, subjectId: string, kinds?: string[]): Promise<number> {
  return db.job.updateMany({
    where: { subjectId, status: 'PENDING', ...(kinds ? { kind: { in: kinds } } : {}) },
    data: { status: 'CANCELLED' },
  }).then((r) => r.count);
}

/** Claims up to `limit` due jobs for `workerId` until `now + leaseMs`. */
export async function claimDueJobs(pool: Pool, o: { workerId: string; now: Date; limit: number; leaseMs: number }): Promise<ClaimedJob[]> {
  const res = await pool.query<ClaimedJob>(
    `UPDATE "Job" j
        SET "status" = 'RUNNING', "lockedBy" = $1, "lockedUntil" = $3, "attempts" = j."attempts" + 1, "updatedAt" = now()
      WHERE j."id" IN (
        SELECT "id" FROM "Job"
         WHERE ("status" = 'PENDING' AND "runAt" <= $2)
            OR ("status" = 'RUNNING' AND "lockedUntil" < $2)
         ORDER BY "runAt", "id"
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
    RETURNING j."id", j."kind", j."dedupeKey", j."payload", j."runAt", j."attempts", j."maxAttempts", j."schoolId", j."subjectId"`,
    [o.workerId, o.now, new Date(o.now.getTime() + o.leaseMs), o.limit],
  );
  return res.rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id.localeCompare(b.id));
}

/** The outcome is written only while this worker still holds the lease. Returns false if it lost it. */
/**
 * Hands back the jobs this worker claimed but is no longer running: a run that stopped because the
 * database went away could not write their outcome. Without this they would wait for their lease.
 */
export async function releaseAbandonedClaims(pool: Pool, workerId: string, running: string[]): Promise<number> {
  const res = await pool.query(
    `UPDATE "Job" SET "status" = 'PENDING', "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = now()
      WHERE "lockedBy" = $1 AND "status" = 'RUNNING' AND NOT ("id" = ANY($2::uuid[]))`,
    [workerId, running],
  );
  return res.rowCount ?? 0;
}

async function finish(pool: Pool, id: string, workerId: string, set: string, params: unknown[]): Promise<boolean> {
  const res = await pool.query(
    `UPDATE "Job" SET ${set}, "lockedBy" = NULL, "lockedUntil" = NULL, "updatedAt" = now()
      WHERE "id" = $1 AND "lockedBy" = $2 AND "status" = 'RUNNING'`,
    [id, workerId, ...params],
  );
  return (res.rowCount ?? 0) > 0;
}

export const completeJob = (pool: Pool, id: string, workerId: string, now: Date): Promise<boolean> =>
  finish(pool, id, workerId, `"status" = 'DONE', "completedAt" = $3, "lastError" = NULL`, [now]);

/** Back to pending at `runAt`; `countAttempt: false` for waits that are not failures (quiet hours). */
export const rescheduleJob = (pool: Pool, id: string, workerId: string, runAt: Date, error: string | null, countAttempt = true): Promise<boolean> =>
  finish(
    pool,
    id,
    workerId,
    `"status" = 'PENDING', "runAt" = $3, "lastError" = $4${countAttempt ? '' : `, "attempts" = "attempts" - 1`}`,
    [runAt, error],
  );

export const failJob = (pool: Pool, id: string, workerId: string, error: string, now: Date): Promise<boolean> =>
  finish(pool, id, workerId, `"status" = 'FAILED', "lastError" = $3, "completedAt" = $4`, [error, now]);
