import type { ProgressEntry, PupilView, Target } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../service/clock';
import { recordAudit, type Actor } from '../audit/audit';
import type { ParentLink } from './parentLink';
import { STATUS_WORDS, type ProgressInput, type PupilViewsInput } from './record';

/** The pupil's own views (a short, child-friendly profile), recorded by the key teacher with the child. */
export async function recordPupilViews(prisma: PrismaClient, clock: Clock, actor: Actor, pupilId: string, input: PupilViewsInput): Promise<PupilView> {
  return prisma.$transaction(async (tx) => {
    const pupil = await tx.pupil.findUniqueOrThrow({ where: { id: pupilId }, select: { schoolId: true } });
    if (input.conversationId) {
      const c = await tx.structuredConversation.findUnique({ where: { id: input.conversationId }, select: { pupilId: true } });
      if (c?.pupilId !== pupilId) throw new Error('That conversation is about another pupil');
    }
    const view = await tx.pupilView.create({
      data: {
        pupilId,
        conversationId: input.conversationId ?? null,
        goodAt: input.goodAt ?? null,
        findHard: input.findHard ?? null,
        helpsMe: input.helpsMe ?? null,
        wantToGetBetterAt: input.wantToGetBetterAt ?? null,
        gatheredBy: input.gatheredBy,
        recordedById: actor.kind === 'STAFF' ? actor.id ?? null : null,
        recordedAt: clock.now(),
      },
    });
    await recordAudit(tx, actor, { schoolId: pupil.schoolId, action: 'pupilView.create', entityType: 'PupilView', entityId: view.id, after: input });
    return view;
  });
}

export interface RecordedProgress {
  entry: ProgressEntry;
  target: Target;
  /** Parent messages queued because the teacher asked to tell the parent. */
  parentMessages: string[];
}

/**
 * A progress entry on one target: its status moves with it. "Tell the parent" queues a plain SMS
 * carrying only the child's first name and the status in plain words, never the target itself.
 */
export async function recordProgress(
  prisma: PrismaClient,
  clock: Clock,
  parents: ParentLink,
  actor: Actor,
  targetId: string,
  input: ProgressInput,
): Promise<RecordedProgress> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.target.findUniqueOrThrow({ where: { id: targetId }, include: { pupil: { select: { schoolId: true, firstName: true } } } });
    const now = clock.now();
    const entry = await tx.progressEntry.create({
      data: { targetId, pupilId: before.pupilId, status: input.status, note: input.note ?? null, tellParent: input.tellParent, recordedById: actor.kind === 'STAFF' ? actor.id ?? null : null, recordedAt: now },
    });
    const target = await tx.target.update({ where: { id: targetId }, data: { status: input.status, reviewedAt: now } });
    await recordAudit(tx, actor, {
      schoolId: before.pupil.schoolId,
      action: 'target.progress',
      entityType: 'Target',
      entityId: targetId,
      before: { status: before.status },
      after: { status: input.status, note: input.note, tellParent: input.tellParent, progressEntryId: entry.id },
    });
    let parentMessages: string[] = [];
    if (input.tellParent) {
      const sent = await parents.messageParentsOf(tx, clock, {
        pupilId: before.pupilId,
        template: 'progress.update',
        params: { child: before.pupil.firstName, progress: STATUS_WORDS[input.status] },
        targetId,
        idempotencyKey: `progress.update:${entry.id}`,
      });
      parentMessages = sent.queued;
      if (sent.queued.length > 0) await tx.progressEntry.update({ where: { id: entry.id }, data: { sharedWithParentAt: now } });
    }
    return { entry: { ...entry, sharedWithParentAt: parentMessages.length > 0 ? now : null }, target, parentMessages };
  });
}
