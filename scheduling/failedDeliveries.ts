import type { Channel } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { DELIVER_MESSAGE } from '../messaging/outbox';

/**
 * What the engine could not do, for the digest and the dashboard: messages that failed for good
 * (after their retries, or at once for a dead number) and scheduled jobs that failed. Ids and
 * templates only: never a phone number or a message body.
 */
export interface FailedDelivery {
  kind: 'message' | 'job';
  id: string;
  /** Message channel, or null for a job. */
  channel: Channel | null;
  /** Message template or job kind. */
  what: string | null;
  staffId: string | null;
  contactId: string | null;
  pupilId: string | null;
  attempts: number;
  error: string | null;
  failedAt: Date;
}

function pupilIdOf(payload: unknown): string | null {
  const id = (payload as { pupilId?: unknown } | null)?.pupilId;
  return typeof id === 'string' ? id : null;
}

export async function failedDeliveries(prisma: PrismaClient, schoolId: string, since: Date): Promise<FailedDelivery[]> {
  const messages = await prisma.message.findMany({
    where: { schoolId, direction: 'OUTBOUND', status: { in: ['FAILED', 'UNDELIVERED'] }, updatedAt: { gte: since } },
    select: { id: true, channel: true, template: true, staffId: true, contactId: true, pupilId: true, attempts: true, errorCode: true, errorMessage: true, updatedAt: true },
  });
  // A failed delivery job is reported through its message above; other jobs (a reminder that could not be built) here.
  const jobs = await prisma.job.findMany({
    where: { schoolId, status: 'FAILED', kind: { not: DELIVER_MESSAGE }, completedAt: { gte: since } },
    select: { id: true, kind: true, payload: true, attempts: true, lastError: true, completedAt: true },
  });
  const rows: FailedDelivery[] = [
    ...messages.map((m) => ({
      kind: 'message' as const,
      id: m.id,
      channel: m.channel,
      what: m.template,
      staffId: m.staffId,
      contactId: m.contactId,
      pupilId: m.pupilId,
      attempts: m.attempts,
      error: [m.errorCode, m.errorMessage].filter(Boolean).join(': ') || null,
      failedAt: m.updatedAt,
    })),
    ...jobs.map((j) => ({
      kind: 'job' as const,
      id: j.id,
      channel: null,
      what: j.kind,
      staffId: null,
      contactId: null,
      pupilId: pupilIdOf(j.payload),
      attempts: j.attempts,
      error: j.lastError,
      failedAt: j.completedAt!,
    })),
  ];
  return rows.sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime());
}
