import type { ProgressEntry, PupilView, Target } from '../generated/prisma/client';
import { actorOf, recordAudit, staffIdOf } from '../audit/audit';
import type { Principal } from '../domain/access';
import { DomainError } from '../domain/errors';
import { messageParentsOf } from '../messaging/parentMessages';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { markForPlanning } from '../jobs/planningMarks';
import { pupilFor } from '../pupils/access';
import { type ProgressInput, type PupilViewsInput } from '../domain/record';

/** A conversation or target named with a pupil it is not about (a tampered card or request): nothing is saved. */
export class AboutAnotherPupil extends DomainError {
  constructor(message: string) {
    super('invalid', 'another_pupil', message);
  }
}

/** The pupil's own views (a short, child-friendly profile), recorded by the key teacher with the child. */
export async function recordPupilViews(d: UseCaseDeps, by: Principal, pupilId: string, input: PupilViewsInput): Promise<PupilView> {
  const { clock } = d;
  const actor = actorOf(by);
  return inTransaction(d, async (tx) => {
    const pupil = await pupilFor(tx, by, pupilId, 'edit');
    if (input.conversationId) {
      const c = await tx.structuredConversation.findUnique({ where: { id: input.conversationId }, select: { pupilId: true } });
      if (c?.pupilId !== pupilId) throw new AboutAnotherPupil('That conversation is about another pupil.');
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
        recordedById: staffIdOf(actor),
        recordedAt: clock.now(),
      },
    });
    await recordAudit(tx, actor, { schoolId: pupil.schoolId, action: 'pupilView.create', entityType: 'PupilView', entityId: view.id, after: input });
    return view;
  });
}

export interface ProgressItem extends Omit<ProgressInput, 'tellParent'> {
  targetId: string;
}

export interface RecordedProgress {
  entries: ProgressEntry[];
  targets: Target[];
  /** Parent messages queued because the teacher asked to tell the parents (one message per parent for the whole update). */
  parentMessages: string[];
}

/**
 * A progress update on some of one pupil's targets: each gets an entry and its status moves with
 * it. "Tell the parent" queues one plain SMS per parent naming only the areas in plain words,
 * never the target wording (special category data stays out of SMS).
 */
export async function recordProgressUpdate(d: UseCaseDeps, by: Principal, pupilId: string, items: ProgressItem[], tellParent: boolean): Promise<RecordedProgress> {
  const { clock } = d;
  const actor = actorOf(by);
  return inTransaction(d, async (tx) => {
    const pupil = await pupilFor(tx, by, pupilId, 'edit');
    const now = clock.now();
    const entries: ProgressEntry[] = [];
    const targets: Target[] = [];
    for (const item of items) {
      const before = await tx.target.findUnique({ where: { id: item.targetId } });
      if (before?.pupilId !== pupilId) throw new AboutAnotherPupil('That target belongs to another pupil.');
      const entry = await tx.progressEntry.create({
        data: { targetId: item.targetId, pupilId, status: item.status, note: item.note ?? null, tellParent, recordedById: staffIdOf(actor), recordedAt: now },
      });
      const target = await tx.target.update({ where: { id: item.targetId }, data: { status: item.status, reviewedAt: now } });
      await recordAudit(tx, actor, {
        schoolId: pupil.schoolId,
        action: 'target.progress',
        entityType: 'Target',
        entityId: item.targetId,
        before: { status: before.status },
        after: { status: item.status, note: item.note, tellParent, progressEntryId: entry.id },
      });
      entries.push(entry);
      targets.push(target);
    }
    // A target reviewed (or achieved) needs no reminder of its review date.
    await markForPlanning(tx, 'target', targets.map((t) => t.id));
    let parentMessages: string[] = [];
    if (tellParent && targets.length > 0) {
      const sent = await messageParentsOf(tx, clock, {
        pupilId,
        template: 'progress.update',
        params: {
          achieved: targets.filter((t) => t.status === 'ACHIEVED').map((t) => t.area),
          workingOn: targets.filter((t) => t.status !== 'ACHIEVED').map((t) => t.area),
        },
        targetId: targets.length === 1 ? targets[0]!.id : undefined,
        idempotencyKey: `progress.update:${entries[0]!.id}`,
      });
      parentMessages = sent.queued;
      if (parentMessages.length > 0) {
        await tx.progressEntry.updateMany({ where: { id: { in: entries.map((e) => e.id) } }, data: { sharedWithParentAt: now } });
        for (const e of entries) e.sharedWithParentAt = now;
      }
    }
    return { entries, targets, parentMessages };
  });
}
