import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Tx } from '../db/transaction';
import { actorOf, recordAudit } from '../audit/audit';
import { canEditPupil, canViewPupil, insideSchool, pupilScope, type Principal } from '../domain/access';
import { conflict, DomainError, forbidden } from '../domain/errors';
import { AWAITING_ANSWER, awaitsAnswer } from '../messaging/parentVoice';
import { messageParentsOf, queueParentSms } from '../messaging/parentMessages';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { markForPlanning } from '../jobs/planningMarks';
import type { PrismaClient } from '../db/database';

/**
 * A parent's text passed to the key teacher, and what staff do about it: mark it handled (telling
 * the parent what was done, if they write it), or reply in their own words by SMS. One function
 * each, called by the API and by the Teams card alike; each locks the parent's message, checks the
 * role rules, applies the SMS content rules to the teacher's words, and commits the "handled"
 * mark, its audit event and the text to the parent together, or nothing.
 *
 * A text filed under a child is answered by whoever may change that child's record (their key
 * teacher, the SENCO, an admin). A text the parent never said the child of, passed to staff as
 * about no single child (sms/questions.ts), is answered by whoever may change the record of any of
 * the parent's children at the school, and the answer names no child (`school.message`).
 */
export const markHandledInput = z.object({ messageId: z.uuid(), note: z.string().trim().min(1).max(480).optional() });
export const replyInput = z.object({ messageId: z.uuid(), text: z.string().trim().min(1).max(600) });

export const REPLY_GONE = 'This parent message is no longer available.';

type PupilRef = { id: string; schoolId: string; keyTeacherId: string | null; firstName: string; lastName: string };

/**
 * The pupils a parent's text is about: the child it is filed under, or, for a text passed to
 * staff as about no single child, each of the parent's children at that school on the roll.
 */
export async function pupilsOfReply(db: Tx | PrismaClient, m: { pupil: PupilRef | null; passedToStaffAt: Date | null; contactId: string | null; schoolId: string | null }): Promise<PupilRef[]> {
  if (m.pupil) return [m.pupil];
  if (!m.passedToStaffAt || !m.contactId || !m.schoolId) return [];
  const links = await db.pupilContact.findMany({
    where: { contactId: m.contactId, pupil: { schoolId: m.schoolId, archivedAt: null } },
    select: { pupil: { select: { id: true, schoolId: true, keyTeacherId: true, firstName: true, lastName: true } } },
    orderBy: { pupil: { firstName: 'asc' } },
  });
  return links.map((l) => l.pupil);
}

/** A parent's text and who it is about, if the caller may see it (not found otherwise: its existence is not confirmed). */
export async function visibleReply(db: Tx | PrismaClient, by: Principal, id: string) {
  const m = await db.message.findUnique({ where: { id }, include: { pupil: true, contact: true } });
  if (!m || m.direction !== 'INBOUND' || m.channel !== 'SMS') throw new DomainError('not_found', 'not_found', REPLY_GONE);
  const about = await pupilsOfReply(db, m);
  if (!about.some((p) => canViewPupil(by, p))) throw new DomainError('not_found', 'not_found', REPLY_GONE);
  return { ...m, about };
}

/** The parent's message, if the caller may answer it (inside a use case, or before a card shows it). */
export async function answerableReply(db: Tx | PrismaClient, by: Principal, id: string) {
  const m = await visibleReply(db, by, id);
  // Answering may text the parent: the pupil's key teacher, the SENCO or an admin (a lead reads, does not answer).
  if (!m.about.some((p) => canEditPupil(by, p))) throw forbidden("Only the pupil's key teacher, the SENCO or an admin answers a parent");
  return m;
}

/** A text to the parent who wrote `m`: about the child it is filed under, or, about no single child, naming none. */
async function answerParent(tx: Tx, d: UseCaseDeps, m: Awaited<ReturnType<typeof answerableReply>>, words: { template: 'reply.actioned' | 'teacher.message'; text: string }, idempotencyKey: string): Promise<string[]> {
  if (m.pupil) {
    const sent = await messageParentsOf(tx, d.clock, {
      pupilId: m.pupil.id,
      template: words.template,
      params: words.template === 'reply.actioned' ? { action: words.text } : { text: words.text },
      onlyContactId: m.contactId ?? undefined,
      conversationId: m.conversationId ?? undefined,
      targetId: m.targetId ?? undefined,
      inReplyToId: m.id,
      idempotencyKey,
    });
    return sent.queued;
  }
  if (!m.contact) return [];
  const sent = await queueParentSms(tx, d.clock, {
    schoolId: m.contact.schoolId,
    template: 'school.message',
    params: { text: words.text },
    contact: m.contact,
    // Named in no answer: their surnames and targets are kept out of the teacher's words all the same.
    mentions: m.about,
    inReplyToId: m.id,
    idempotencyKey: `${idempotencyKey}:${m.contact.id}`,
  });
  return sent ? [sent.messageId] : [];
}

async function lockedReply(tx: Tx, by: Principal, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "Message" WHERE "id" = ${id}::uuid FOR NO KEY UPDATE`;
  return answerableReply(tx, by, id);
}

async function markHandled(tx: Tx, d: UseCaseDeps, by: Principal, m: { id: string; schoolId: string | null }, how: string, note: string | null) {
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
    const told = input.note && m.contactId ? await answerParent(tx, d, m, { template: 'reply.actioned', text: input.note }, `reply.actioned:${m.id}`) : [];
    return { id: m.id, handledAt, parentToldMessageIds: told, alreadyHandled: false };
  });
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The teacher's own words back to the parent who wrote (the same words twice are sent once); the message is then handled. */
export async function replyToParent(d: UseCaseDeps, by: Principal, input: z.infer<typeof replyInput>) {
  return inTransaction(d, async (tx) => {
    const m = await lockedReply(tx, by, input.messageId);
    const sent = await answerParent(tx, d, m, { template: 'teacher.message', text: input.text }, `teacher.message:${m.id}:${digest(input.text)}`);
    if (sent.length === 0) throw conflict('cannot_text', 'This parent cannot be sent text messages (no consent, opted out or the number does not work). Please contact them another way.');
    if (!m.handledAt) await markHandled(tx, d, by, m, 'replied by SMS', null);
    return { id: m.id, parentToldMessageIds: sent };
  });
}

export const listRepliesQuery = z.object({
  /** true: the parent's words still awaiting an answer (messaging/parentVoice.ts); false: those handled, by staff or by the product. */
  unhandled: z.enum(['true', 'false']).optional(),
  pupilId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Parents' texts filed under the pupils the caller sees, and those passed to them as about no single child, newest first. */
export async function listReplies(prisma: PrismaClient, by: Principal, q: z.infer<typeof listRepliesQuery>) {
  const scope = pupilScope(insideSchool(by));
  const seen = { ...(scope.schoolId ? { schoolId: scope.schoolId } : {}), ...(scope.keyTeacherId ? { keyTeacherId: scope.keyTeacherId } : {}) };
  const rows = await prisma.message.findMany({
    where: {
      channel: 'SMS',
      direction: 'INBOUND',
      ...(q.unhandled === 'false' ? { handledAt: { not: null } } : {}),
      OR: [
        { ...(q.unhandled === 'true' ? AWAITING_ANSWER : {}), pupilId: q.pupilId ?? { not: null }, pupil: seen },
        {
          pupilId: null,
          passedToStaffAt: { not: null },
          ...(q.unhandled === 'true' ? { handledAt: null } : {}),
          ...(scope.schoolId ? { schoolId: scope.schoolId } : {}),
          contact: { pupils: { some: { pupil: { archivedAt: null, ...seen, ...(q.pupilId ? { id: q.pupilId } : {}) } } } },
        },
      ],
    },
    include: { pupil: { select: { firstName: true, lastName: true } }, contact: { select: { displayName: true } } },
    orderBy: { createdAt: 'desc' },
    take: q.limit,
  });
  return rows.map((m) => ({
    id: m.id,
    pupilId: m.pupilId,
    pupilName: m.pupil ? `${m.pupil.firstName} ${m.pupil.lastName}` : null,
    /** Passed to the staff of all the parent's children: the parent never said which child. */
    aboutNoSingleChild: m.pupilId === null,
    contactId: m.contactId,
    contactName: m.contact?.displayName ?? null,
    body: m.body,
    conversationId: m.conversationId,
    targetId: m.targetId,
    receivedAt: m.createdAt,
    handledAt: m.handledAt,
    handledById: m.handledById,
    awaitingAnswer: awaitsAnswer(m) || (m.passedToStaffAt !== null && m.handledAt === null),
  }));
}
