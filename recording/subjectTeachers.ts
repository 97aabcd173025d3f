import { z } from 'zod';
import { actorOf, recordAudit } from '../audit/audit';
import type { Principal } from '../domain/access';
import { invalid } from '../domain/errors';
import { notifyStaff } from '../messaging/staffNotifier';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { markForPlanning } from '../jobs/planningMarks';
import { conversationFor } from '../pupils/access';
import { loadSubjectTeacherOutcome } from './cardData';
import { confirmAgreedTargets } from './confirmations';

/**
 * Steps 4 and 5 of the process information trail: the key teacher tells subject teachers and other
 * staff the agreed targets (each gets them in Teams), and confirms them with the parents (a plain
 * SMS naming the areas only). Either or both, in one transaction.
 */
export const tellSubjectTeachersInput = z.object({
  conversationId: z.uuid(),
  /** Staff of the pupil's school; anyone else is refused. */
  staffIds: z.array(z.uuid()).max(60),
  confirmWithParents: z.boolean(),
});
export type TellSubjectTeachers = z.infer<typeof tellSubjectTeachersInput>;

export async function tellSubjectTeachers(d: UseCaseDeps & { publicBaseUrl: string }, by: Principal, input: TellSubjectTeachers) {
  return inTransaction(d, async (tx) => {
    const { pupil } = await conversationFor(tx, by, input.conversationId, 'edit');
    const id = input.conversationId;
    if (input.staffIds.length === 0 && !input.confirmWithParents) throw invalid('nobody_chosen', 'Choose at least one member of staff.');
    const staff = await tx.staff.findMany({ where: { id: { in: input.staffIds }, schoolId: pupil.schoolId, active: true }, select: { id: true, displayName: true } });
    if (staff.length !== new Set(input.staffIds).size) throw invalid('unknown_staff', 'Choose staff of this school.');
    if ((await tx.target.count({ where: { conversationId: id, status: { not: 'CLOSED' } } })) === 0) throw invalid('no_targets', 'There are no agreed targets to share yet.');
    const teller = by.kind === 'staff' ? (await tx.staff.findUniqueOrThrow({ where: { id: by.staffId }, select: { displayName: true } })).displayName : 'The school';
    if (staff.length > 0) {
      const card = await loadSubjectTeacherOutcome(tx, d.publicBaseUrl, id);
      for (const s of staff) {
        await notifyStaff(tx, d.clock, {
          staffId: s.id,
          template: 'subjectTeachers.outcome',
          text: `${teller} shares the targets agreed for ${pupil.firstName} ${pupil.lastName}.`,
          card: card as unknown as Record<string, unknown>,
          pupilId: pupil.id,
          conversationId: id,
          idempotencyKey: `subjectTeachers.outcome:${id}:${s.id}`,
        });
      }
      await tx.structuredConversation.update({ where: { id }, data: { subjectTeachersToldAt: d.clock.now() } });
      await recordAudit(tx, actorOf(by), { schoolId: pupil.schoolId, action: 'conversation.subjectTeachersTold', entityType: 'StructuredConversation', entityId: id, after: { staffIds: staff.map((s) => s.id) } });
    }
    const parents = input.confirmWithParents ? await confirmAgreedTargets(tx, d.clock, id) : undefined;
    // Steps 4 and 5 done: their reminders are no longer wanted.
    await markForPlanning(tx, 'conversation', id);
    return { pupil, told: staff.map((s) => s.displayName), parentsConfirmed: input.confirmWithParents, parentMessages: parents?.queued ?? [] };
  });
}
