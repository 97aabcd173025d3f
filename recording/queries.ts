import type { ProgressEntry, PupilView, StructuredConversation, Target } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';

export type TargetWithProgress = Target & { latestProgress: Pick<ProgressEntry, 'status' | 'note' | 'recordedAt'> | null };

/** A pupil's targets, newest review date first among the open ones, each with its latest progress entry. */
export async function pupilTargets(prisma: PrismaClient, pupilId: string, o: { includeClosed?: boolean } = {}): Promise<TargetWithProgress[]> {
  const rows = await prisma.target.findMany({
    where: { pupilId, ...(o.includeClosed ? {} : { status: { not: 'CLOSED' } }) },
    orderBy: [{ reviewBy: 'asc' }, { createdAt: 'asc' }],
    include: { progressEntries: { orderBy: { recordedAt: 'desc' }, take: 1, select: { status: true, note: true, recordedAt: true } } },
  });
  return rows.map(({ progressEntries, ...t }) => ({ ...t, latestProgress: progressEntries[0] ?? null }));
}

export async function latestPupilViews(prisma: PrismaClient, pupilId: string): Promise<PupilView | null> {
  return prisma.pupilView.findFirst({ where: { pupilId }, orderBy: { recordedAt: 'desc' } });
}

/** The last conversation held with a FINAL record, other than `exceptId`, with what was agreed. */
export async function lastRecordedConversation(prisma: PrismaClient, pupilId: string, exceptId?: string): Promise<(StructuredConversation & { targets: Target[] }) | null> {
  return prisma.structuredConversation.findFirst({
    where: { pupilId, recordState: 'FINAL', ...(exceptId ? { id: { not: exceptId } } : {}) },
    orderBy: [{ heldAt: 'desc' }, { recordedAt: 'desc' }],
    include: { targets: { orderBy: { createdAt: 'asc' } } },
  });
}

/** Parent replies about a pupil not yet dealt with by the key teacher. */
export async function openParentReplies(prisma: PrismaClient, pupilId: string) {
  return prisma.message.findMany({
    where: { pupilId, direction: 'INBOUND', handledAt: null },
    orderBy: { createdAt: 'asc' },
    select: { id: true, body: true, createdAt: true, contact: { select: { displayName: true } } },
  });
}

/** The conversation to prepare or record next for a pupil: the earliest one not yet recorded as FINAL. */
export async function currentConversation(prisma: PrismaClient, pupilId: string): Promise<StructuredConversation | null> {
  return prisma.structuredConversation.findFirst({
    where: { pupilId, status: { not: 'CANCELLED' }, recordState: { not: 'FINAL' } },
    orderBy: { dueBy: 'asc' },
  });
}
