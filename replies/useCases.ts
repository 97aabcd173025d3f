import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Tx } from '../db/transaction';
import { actorOf, recordAudit } from '../audit/audit';
import { canEditPupil, canViewPupil, pupilScope, type Principal } from '../domain/access';
import { conflict, DomainError, forbidden } from '../domain/errors';
import { AWAITING_ANSWER, awaitsAnswer } from '../messaging/parentVoice';
import { messageParentsOf } from '../messaging/parentMessages';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { markForPlanning } from '../jobs/planningMarks';
import type { PrismaClient } from '../db/database';

/**
 * A parent's text passed to the key teacher, and what staff do about it: mark it handled (telling
 * the parent what was done, if they write it), or reply in their own words by SMS. One function
 * each, called by the API and by the Teams card alike; each locks the parent's message, checks the
 * role rules, applies the SMS content rules to the teacher's words, and commits the "handled"
 * mark, its audit event and the text to the parent together, or nothing.
 */
export const markHandledInput = z.object({ messageId: z.uuid(), note: z.string().trim().min(1).max(480).optional() });
export const replyInput = z.object({ messageId: z.uuid(), text: z.string().trim().min(1).max(600) });

export const REPLY_GONE = 'This parent message is no longer available.';

/** The parent's message, if the caller may answer it (inside a use case, or before a card shows it). */
export async function answerableReply(db: Tx | PrismaClient, by: Principal, id: string) {
  const m = await db.message.findUnique({ where: { id }, include: { pupil: true } });
  if (!m || m.direction !== 'INBOUND' || m.channel !== 'SMS' || !m.pupil || !canViewPupil(by, m.pupil)) throw new DomainError('not_found', 'not_found', REPLY_GONE);
  // Answering may text the parent: the pupil's key teacher, the SENCO or an admin (a lead reads, does not answer).
  if (!canEditPupil(by, m.pupil)) throw forbidden("Only the pupil's key teacher, the SENCO or an admin answers a parent");
  return { ...m, pupil: m.pupil };
}

async function lockedReply(tx: Tx, by: Principal, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "Message" WHERE "id" = ${id}::uuid FOR NO KEY UPDATE`;
  return answerableReply(tx, by, id);
}

async function markHandled(tx: Tx, d: UseCaseDeps, by: Principal, m: { id: string; schoolId: string }, how: string, note: string | null) {
  const now = d.clock.now();
  const handledById = by.kind === 'staff' ? by.staffId : null;
  await tx.message.update({ where: { id: m.id }, data: { handledAt: now, handledById } });
  await recordAudit(tx, actorOf(by), {
    schoolId: m.schoolId,
    action: 'parentReply.handled',
    entityType: 'Message',
    entityId: m.id,
    before: { handledAt: null },
    after: { handledAt: now, handledById, how, note },
  });
  // Answered: the SENCO is no longer to hear that it waits.
  await markForPlanning(tx, 'reply', m.id);
  return now;
}

export async function markReplyHandled(d: UseCaseDeps, by: Principal, input: z.infer<typeof markHandledInput>) {
  return inTransaction(d, async (tx) => {
    const m = await lockedReply(tx, by, input.messageId);
    if (m.handledAt) return { id: m.id, handledAt: m.handledAt, parentToldMessageIds: [] as string[], alreadyHandled: true };
    const handledAt = await markHandled(tx, d, by, m, input.note ? 'handled; parent told what we did' : 'handled', input.note ?? null);
    const told =
      input.note && m.contactId
        ? await messageParentsOf(tx, d.clock, {
            pupilId: m.pupil.id,
            template: 'reply.actioned',
            params: { action: input.note },
            onlyContactId: m.contactId,
            conversationId: m.conversationId ?? undefined,
            targetId: m.targetId ?? undefined,
            inReplyToId: m.id,
            idempotencyKey: `reply.actioned:${m.id}`,
          })
        : undefined;
    return { id: m.id, handledAt, parentToldMessageIds: told?.queued ?? [], alreadyHandled: false };
  });
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The teacher's own words back to the parent who wrote (the same words twice are sent once); the message is then handled. */
export async function replyToParent(d: UseCaseDeps, by: Principal, input: z.infer<typeof replyInput>) {
  return inTransaction(d, async (tx) => {
    const m = await lockedReply(tx, by, input.messageId);
    const sent = await messageParentsOf(tx, d.clock, {
      pupilId: m.pupil.id,
      template: 'teacher.message',
      params: { text: input.text },
      inReplyToId: m.id,
      onlyContactId: m.contactId ?? undefined,
      idempotencyKey: `teacher.message:${m.id}:${digest(input.text)}`,
    });
    if (sent.queued.length === 0) throw conflict('cannot_text', 'This parent cannot be sent text messages (no consent, opted out or the number does not work). Please contact them another way.');
    if (!m.handledAt) await markHandled(tx, d, by, m, 'replied by SMS', null);
    return { id: m.id, parentToldMessageIds: sent.queued };
  });
}

export const listRepliesQuery = z.object({
  /** true: the parent's words still awaiting an answer (messaging/parentVoice.ts); false: those handled, by staff or by the product. */
  unhandled: z.enum(['true', 'false']).optional(),
  pupilId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Parents' texts filed under the pupils the caller sees, newest first. */
export async function listReplies(prisma: PrismaClient, by: Principal, q: z.infer<typeof listRepliesQuery>) {
  const scope = pupilScope(by);
  const rows = await prisma.message.findMany({
    where: {
      channel: 'SMS',
      direction: 'INBOUND',
      ...(q.unhandled === 'true' ? AWAITING_ANSWER : q.unhandled === 'false' ? { handledAt: { not: null } } : {}),
      pupilId: q.pupilId ?? { not: null },
      pupil: { ...(scope.schoolId ? { schoolId: scope.schoolId } : {}), ...(scope.keyTeacherId ? { keyTeacherId: scope.keyTeacherId } : {}) },
    },
    include: { pupil: { select: { firstName: true, lastName: true } }, contact: { select: { displayName: true } } },
    orderBy: { createdAt: 'desc' },
    take: q.limit,
  });
  return rows.map((m) => ({
    id: m.id,
    pupilId: m.pupilId,
    pupilName: m.pupil ? `${m.pupil.firstName} ${m.pupil.lastName}` : null,
    contactId: m.contactId,
    contactName: m.contact?.displayName ?? null,
    body: m.body,
    conversationId: m.conversationId,
    targetId: m.targetId,
    receivedAt: m.createdAt,
    handledAt: m.handledAt,
    handledById: m.handledById,
    awaitingAnswer: awaitsAnswer(m),
  }));
}
