import { DateTime } from 'luxon';
import type { StaffRole } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { atLocalTime, addDays, isoWeekday, localDate } from '../domain/schoolCalendar';
import { planJob } from '../jobs/jobQueue';
import { z } from 'zod';
import { payloadOf, type JobHandler } from '../jobs/jobRunner';
import { notifyStaff } from '../messaging/staffNotifier';
import { forbidden } from '../domain/errors';
import { buildDigestCard, digestText, type DigestCardContext } from './digestCard';
import type { AdaptiveCard } from '../cards/adaptive';
import { computeDigest } from './figures';
import { DIGEST_TEMPLATE, loadDigestInput } from './digestQueries';

/**
 * The weekly digest: one job per school per week at the school's digest day and time (local, so
 * it stays at 08:00 across the clock change), sending one card to each school lead and SENCO, and
 * to the admins too when the register sync from the MIS needs someone (it failed, access was
 * refused, or none has succeeded for three days).
 * Each run plans the next week's, so the chain lives in the jobs table, not in a process.
 */
export const DIGEST_JOB = 'digest.weekly';

/** Staff roles that receive the digest and may ask the bot for one. */
const DIGEST_ROLES = ['SCHOOL_LEAD', 'SENCO'] as const;

interface DigestSchedule {
  id: string;
  timezone: string;
  digestWeekday: number;
  digestTime: string;
}

/** The first digest time strictly after `after`. */
export function nextDigestAt(school: DigestSchedule, after: Date): Date {
  let date = localDate(after, school.timezone);
  for (let i = 0; i < 15; i += 1, date = addDays(date, 1)) {
    if (isoWeekday(date) !== school.digestWeekday) continue;
    const slot = atLocalTime(date, school.digestTime, school.timezone);
    if (slot > after) return slot;
  }
  throw new Error(`no digest time found for school ${school.id}`);
}

function weekKey(school: DigestSchedule, at: Date): string {
  return DateTime.fromJSDate(at, { zone: school.timezone }).startOf('week').toISODate()!;
}

export async function planNextDigest(db: PrismaClient, school: DigestSchedule, after: Date): Promise<Date> {
  const runAt = nextDigestAt(school, after);
  await planJob(db, {
    kind: DIGEST_JOB,
    dedupeKey: `${DIGEST_JOB}:${school.id}:${weekKey(school, runAt)}`,
    runAt,
    payload: { schoolId: school.id },
    schoolId: school.id,
    subjectId: school.id,
  });
  return runAt;
}

/** At start-up: every school has its next digest planned (planning again changes nothing). */
export async function planAllDigests(db: PrismaClient, clock: Clock): Promise<void> {
  const schools = await db.school.findMany({ select: { id: true, timezone: true, digestWeekday: true, digestTime: true } });
  for (const school of schools) await planNextDigest(db, school, clock.now());
}

export async function buildDigest(db: PrismaClient, schoolId: string, at: Date, publicBaseUrl: string): Promise<{ text: string; card: AdaptiveCard; misNeedsAdmin: boolean }> {
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { name: true, timezone: true } });
  const figures = computeDigest(await loadDigestInput(db, schoolId, at), at);
  const ctx: DigestCardContext = { schoolName: school.name, timezone: school.timezone, dashboardUrl: `${publicBaseUrl}/dashboard/`, misUrl: `${publicBaseUrl}/api/schools/${schoolId}/mis` };
  return { text: digestText(figures, ctx), card: buildDigestCard(figures, ctx), misNeedsAdmin: figures.misSync !== null };
}

export function weeklyDigestHandler(db: PrismaClient, clock: Clock, publicBaseUrl: string): JobHandler {
  return async (job) => {
    const { schoolId } = payloadOf(job, z.object({ schoolId: z.uuid() }));
    const school = await db.school.findUnique({ where: { id: schoolId }, select: { id: true, timezone: true, digestWeekday: true, digestTime: true } });
    if (!school) return;
    const at = clock.now();
    const digest = await buildDigest(db, schoolId, at, publicBaseUrl);
    // A register sync that needs someone: the admins (who fix it) get the digest too.
    const roles: StaffRole[] = [...DIGEST_ROLES, ...(digest.misNeedsAdmin ? (['ADMIN'] as const) : [])];
    const recipients = await db.staff.findMany({ where: { schoolId, active: true, roles: { hasSome: roles } }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    if (recipients.length > 0) {
      // The key makes a retried run send nothing twice.
      await transaction(db, async (tx) => {
        for (const r of recipients) {
          await notifyStaff(tx, clock, { staffId: r.id, template: DIGEST_TEMPLATE, text: digest.text, card: { ...digest.card }, idempotencyKey: `${job.dedupeKey}:${r.id}` });
        }
      });
    }
    await planNextDigest(db, school, at);
  };
}

/** The bot command `digest`: this week's figures now, for school leads and SENCOs only. */
export async function digestOnDemand(db: PrismaClient, clock: Clock, publicBaseUrl: string, staffId: string): Promise<{ text: string; card: AdaptiveCard }> {
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: { schoolId: true, roles: true, active: true } });
  if (!staff || !staff.active || !staff.roles.some((r) => (DIGEST_ROLES as readonly string[]).includes(r))) {
    throw forbidden('The digest is for school leads and SENCOs. Type "due" to see what needs you this week.');
  }
  return buildDigest(db, staff.schoolId, clock.now(), publicBaseUrl);
}
