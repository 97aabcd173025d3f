import type { Contact, StructuredConversation } from '../generated/prisma/client';
import type { Clock } from '../runtime/clock';
import { recordAudit, staffIdOf, type Actor } from '../audit/audit';
import { transaction, type Tx } from '../db/transaction';
import { conflict, invalid, notFound } from '../domain/errors';
import { cancelJobs, planJob } from '../jobs/jobQueue';
import { markForPlanning } from '../jobs/planningMarks';
import { onConversationCancelled, onConversationTimeChanged } from '../scheduling/planner';
import { z } from 'zod';
import { payloadOf, type JobHandler } from '../jobs/jobRunner';
import type { PrismaClient } from '../db/database';
import { loadSchoolCalendar } from '../school/calendar';
import { addSchoolDays, localDate } from '../domain/schoolCalendar';
import { keyTeacherOrSencos, notifyStaff, type StaffNoticeKind } from '../messaging/staffNotifier';
import { messageParentsOf } from '../messaging/parentMessages';
import { mayMessage } from '../messaging/textRule';
import { timeWords } from '../domain/dateWords';
import { inOrder, readTime, reminderTime, slotProblems, timeProblem } from './slots';

/**
 * Booking a structured conversation by SMS: the key teacher offers 2-4 times, each parent gets one
 * text listing them, the first valid number wins, the other parent is told, "0" asks for other
 * times. These are the steps of the booking use cases (booking/useCases.ts for staff, the SMS
 * keywords for parents): each runs inside its caller's transaction and locks the conversation row,
 * so two parents answering at the same moment cannot both book; each change of state re-plans the
 * conversation's staff reminders (scheduling/planner.ts) in the same transaction.
 */

export const BOOKING_REMINDER = 'booking-reminder';
const OPEN_STATUSES = ['TO_BOOK', 'OFFERED', 'BOOKED'] as const;
const AD_HOC_DUE_SCHOOL_DAYS = 10;

export const parentActor = (c: Pick<Contact, 'id' | 'displayName'>): Actor => ({ kind: 'PARENT', id: c.id, label: `${c.displayName} (SMS)` });

/**
 * Serialises everything that books or releases one conversation. NO KEY UPDATE, not UPDATE: rows
 * that merely reference the conversation (messages filed under it) take KEY SHARE, and FOR UPDATE
 * would deadlock two parents answering at once.
 */
async function lockConversation(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "StructuredConversation" WHERE "id" = ${id}::uuid FOR NO KEY UPDATE`;
  const c = await tx.structuredConversation.findUnique({ where: { id }, include: { pupil: true } });
  if (!c) throw notFound('Conversation');
  return c;
}

async function tellStaff(tx: Tx, clock: Clock, c: StructuredConversation & { pupil: { id: string; keyTeacherId: string | null; schoolId: string } }, template: StaffNoticeKind, text: string, key: string): Promise<void> {
  // The conversation's key teacher (who may differ from the pupil's now), else the pupil's, else the SENCOs.
  for (const staffId of await keyTeacherOrSencos(tx, { keyTeacherId: c.keyTeacherId ?? c.pupil.keyTeacherId, schoolId: c.pupil.schoolId })) {
    await notifyStaff(tx, clock, { staffId, template, text, pupilId: c.pupilId, conversationId: c.id, idempotencyKey: `${key}:${staffId}` });
  }
}

async function staffWhen(tx: Tx, schoolId: string, at: Date): Promise<string> {
  const school = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { timezone: true } });
  return timeWords(at, school.timezone);
}

async function planReminder(tx: Tx, clock: Clock, c: { id: string; scheduledAt: Date | null; pupil: { schoolId: string } }): Promise<void> {
  await cancelJobs(tx, c.id, [BOOKING_REMINDER]);
  if (!c.scheduledAt) return;
  const at = reminderTime(await loadSchoolCalendar(tx, c.pupil.schoolId), c.scheduledAt, clock.now());
  if (!at) return;
  await planJob(tx, {
    kind: BOOKING_REMINDER,
    dedupeKey: `${BOOKING_REMINDER}:${c.id}:${c.scheduledAt.toISOString()}`,
    runAt: at,
    payload: { conversationId: c.id, at: c.scheduledAt.toISOString() },
    schoolId: c.pupil.schoolId,
    subjectId: c.id,
  });
}

async function withdrawOpenOffers(tx: Tx, clock: Clock, conversationId: string, exceptOfferId?: string) {
  const open = await tx.bookingOffer.findMany({ where: { conversationId, status: 'OPEN', ...(exceptOfferId ? { id: { not: exceptOfferId } } : {}) } });
  if (open.length > 0) await tx.bookingOffer.updateMany({ where: { id: { in: open.map((o) => o.id) } }, data: { status: 'WITHDRAWN', respondedAt: clock.now() } });
  return open;
}

/** Offers to a parent who opted out cannot be answered: withdrawn, and a conversation left with none goes back to be booked. */
export async function withdrawOffersTo(tx: Tx, clock: Clock, actor: Actor, contactId: string): Promise<void> {
  const open = await tx.bookingOffer.findMany({ where: { contactId, status: 'OPEN' }, select: { conversationId: true } });
  for (const { conversationId } of open) {
    // Locked like every other booking change, so a parent choosing a time at the same moment is serialised.
    const c = await lockConversation(tx, conversationId);
    await tx.bookingOffer.updateMany({ where: { conversationId, contactId, status: 'OPEN' }, data: { status: 'WITHDRAWN', respondedAt: clock.now() } });
    const left = await tx.bookingOffer.count({ where: { conversationId, status: 'OPEN' } });
    if (left > 0 || c.status !== 'OFFERED') continue;
    await tx.structuredConversation.update({ where: { id: conversationId }, data: { status: 'TO_BOOK', version: { increment: 1 } } });
    await auditConversation(tx, actor, c, 'conversation.offerWithdrawn', { status: 'TO_BOOK', scheduledAt: c.scheduledAt });
    await onConversationTimeChanged(tx, clock, conversationId);
  }
}

/** The audit row for a change to a conversation's booking: its status and time before, what it became. */
async function auditConversation(tx: Tx, actor: Actor, c: { id: string; status: string; scheduledAt: Date | null; pupil: { schoolId: string } }, action: string, after: Record<string, unknown>): Promise<void> {
  await recordAudit(tx, actor, { schoolId: c.pupil.schoolId, action, entityType: 'StructuredConversation', entityId: c.id, before: { status: c.status, scheduledAt: c.scheduledAt }, after });
}

type ParentReply = { pupilId: string; conversationId: string; onlyContactId: string; inReplyToId: string; idempotencyKey: string };

/** An answer to an offer that is no longer open: when the meeting is, or that new times will come. */
async function answerLate(tx: Tx, clock: Clock, c: { status: string; scheduledAt: Date | null }, reply: ParentReply): Promise<ParentBookingOutcome> {
  if (c.status === 'BOOKED' && c.scheduledAt) await messageParentsOf(tx, clock, { ...reply, template: 'booking.alreadyBooked', params: { at: c.scheduledAt } });
  else await messageParentsOf(tx, clock, { ...reply, template: 'booking.offerClosed' });
  return 'late';
}

/** A conversation for a pupil outside the cycle (a parent's worry, a change at home), unless one is already open. */
export async function openAdHocConversation(tx: Tx, clock: Clock, actor: Actor, pupilId: string, kind: 'INITIAL' | 'REVIEW' | 'ADDITIONAL', dueBy?: string) {
  const pupil = await tx.pupil.findUniqueOrThrow({ where: { id: pupilId } });
  await tx.$queryRaw`SELECT "id" FROM "Pupil" WHERE "id" = ${pupilId}::uuid FOR NO KEY UPDATE`;
  const open = await tx.structuredConversation.findFirst({ where: { pupilId, status: { in: [...OPEN_STATUSES] } } });
  if (open) throw conflict('conversation_open', 'This pupil already has an open conversation', { conversationId: open.id });
  const cal = await loadSchoolCalendar(tx, pupil.schoolId);
  const due = dueBy ?? addSchoolDays(cal, localDate(clock.now(), cal.timezone), AD_HOC_DUE_SCHOOL_DAYS);
  const created = await tx.structuredConversation.create({
    data: { pupilId, keyTeacherId: pupil.keyTeacherId, kind, dueBy: new Date(`${due}T00:00:00Z`) },
  });
  await recordAudit(tx, actor, { schoolId: pupil.schoolId, action: 'conversation.create', entityType: 'StructuredConversation', entityId: created.id, after: created });
  await markForPlanning(tx, 'conversation', created.id);
  return created;
}

/**
 * Offers 2-4 times to every parent who may be texted; earlier open offers are withdrawn. Times are
 * ISO date-times as the teacher wrote them: with an offset, or school-local without one.
 */
export async function offerSlots(tx: Tx, clock: Clock, actor: Actor, conversationId: string, written: string[]) {
  const c = await lockConversation(tx, conversationId);
  if (c.status !== 'TO_BOOK' && c.status !== 'OFFERED') {
    throw conflict('not_bookable', c.status === 'BOOKED' ? 'Already booked: reschedule it instead' : `The conversation is ${c.status.toLowerCase()}`);
  }
  const cal = await loadSchoolCalendar(tx, c.pupil.schoolId);
  const requested = written.map((w) => readTime(w, cal.timezone));
  const problems = slotProblems(cal, requested, clock.now());
  if (problems.length > 0) throw invalid('invalid_slots', problems.join('; '), { problems });
  const slots = inOrder(requested.map((t) => t.at));
  const links = await tx.pupilContact.findMany({ where: { pupilId: c.pupilId, parentalResponsibility: true }, include: { contact: true }, orderBy: { priority: 'asc' } });
  const reachable = links.map((l) => l.contact).filter(mayMessage);
  if (reachable.length === 0) throw conflict('no_reachable_parent', 'No parent or carer of this pupil can be texted (no consent, opted out or unreachable)');

  await withdrawOpenOffers(tx, clock, conversationId);
  const offers = [];
  for (const contact of reachable) {
    const offer = await tx.bookingOffer.create({
      data: {
        conversationId,
        contactId: contact.id,
        createdById: staffIdOf(actor),
        slots: { create: slots.map((startsAt, i) => ({ position: i + 1, startsAt })) },
      },
    });
    const sent = await messageParentsOf(tx, clock, {
      pupilId: c.pupilId,
      template: 'booking.offer',
      params: { slots },
      conversationId,
      onlyContactId: contact.id,
      idempotencyKey: `booking.offer:${offer.id}`,
    });
    offers.push({ offerId: offer.id, contactId: contact.id, messageId: sent.queued[0] });
  }
  await tx.structuredConversation.update({ where: { id: conversationId }, data: { status: 'OFFERED', version: { increment: 1 } } });
  await onConversationTimeChanged(tx, clock, conversationId);
  await auditConversation(tx, actor, c, 'booking.offer', { status: 'OFFERED', slots, contacts: reachable.map((r) => r.id) });
  return offers;
}

export type ParentBookingOutcome = 'booked' | 'late' | 'invalid' | 'declined';

/** A parent's number in answer to an offer. The first valid choice books; later ones are told it is taken. */
export async function chooseSlot(tx: Tx, clock: Clock, contact: Contact, offerId: string, position: number, inboundId: string): Promise<ParentBookingOutcome> {
  const offerRow = await tx.bookingOffer.findUniqueOrThrow({ where: { id: offerId } });
  const c = await lockConversation(tx, offerRow.conversationId);
  const offer = await tx.bookingOffer.findUniqueOrThrow({ where: { id: offerId }, include: { slots: { orderBy: { position: 'asc' } } } });
  const reply = { pupilId: c.pupilId, conversationId: c.id, onlyContactId: contact.id, inReplyToId: inboundId, idempotencyKey: `reply:${inboundId}` };
  if (offer.status !== 'OPEN' || c.status !== 'OFFERED') {
    return answerLate(tx, clock, c, reply);
  }
  const slot = offer.slots.find((s) => s.position === position);
  if (!slot || slot.startsAt.getTime() <= clock.now().getTime()) {
    await messageParentsOf(tx, clock, { ...reply, template: 'booking.invalidChoice', params: { count: offer.slots.length } });
    return 'invalid';
  }
  const now = clock.now();
  await tx.bookingSlot.update({ where: { id: slot.id }, data: { chosen: true } });
  await tx.bookingOffer.update({ where: { id: offer.id }, data: { status: 'ACCEPTED', respondedAt: now } });
  const others = await withdrawOpenOffers(tx, clock, c.id, offer.id);
  const booked = await tx.structuredConversation.update({
    where: { id: c.id },
    data: { status: 'BOOKED', scheduledAt: slot.startsAt, version: { increment: 1 } },
    include: { pupil: true },
  });
  await messageParentsOf(tx, clock, { ...reply, template: 'booking.confirmed', params: { at: slot.startsAt } });
  for (const other of others) {
    await messageParentsOf(tx, clock, {
      pupilId: c.pupilId,
      conversationId: c.id,
      onlyContactId: other.contactId,
      template: 'booking.takenByOther',
      params: { at: slot.startsAt },
      idempotencyKey: `booking.takenByOther:${other.id}`,
    });
  }
  await planReminder(tx, clock, booked);
  await onConversationTimeChanged(tx, clock, c.id);
  const when = await staffWhen(tx, c.pupil.schoolId, slot.startsAt);
  await tellStaff(tx, clock, booked, 'booking.confirmed', `${contact.displayName} booked the conversation about ${c.pupil.firstName} ${c.pupil.lastName} for ${when}.`, `booking.confirmed:${offer.id}`);
  await auditConversation(tx, parentActor(contact), c, 'booking.choose', { status: 'BOOKED', scheduledAt: slot.startsAt, offerId: offer.id, position });
  return 'booked';
}

/** "0", "none", "another time": the key teacher is asked for other times. */
export async function declineOffer(tx: Tx, clock: Clock, contact: Contact, offerId: string, inboundId: string): Promise<ParentBookingOutcome> {
  const offerRow = await tx.bookingOffer.findUniqueOrThrow({ where: { id: offerId } });
  const c = await lockConversation(tx, offerRow.conversationId);
  const offer = await tx.bookingOffer.findUniqueOrThrow({ where: { id: offerId } });
  const reply = { pupilId: c.pupilId, conversationId: c.id, onlyContactId: contact.id, inReplyToId: inboundId, idempotencyKey: `reply:${inboundId}` };
  if (offer.status !== 'OPEN') {
    return answerLate(tx, clock, c, reply);
  }
  await tx.bookingOffer.update({ where: { id: offer.id }, data: { status: 'DECLINED', respondedAt: clock.now() } });
  const stillOpen = await tx.bookingOffer.count({ where: { conversationId: c.id, status: 'OPEN' } });
  const updated = await tx.structuredConversation.update({
    where: { id: c.id },
    // Only a conversation still waiting for its time goes back to be booked (one held since stays held).
    data: stillOpen === 0 && c.status === 'OFFERED' ? { status: 'TO_BOOK', version: { increment: 1 } } : {},
    include: { pupil: true },
  });
  await onConversationTimeChanged(tx, clock, c.id);
  await messageParentsOf(tx, clock, { ...reply, template: 'booking.declinedAck' });
  await tellStaff(
    tx,
    clock,
    updated,
    'booking.declined',
    `${contact.displayName} cannot make any of the times offered for the conversation about ${c.pupil.firstName} ${c.pupil.lastName}. Please offer new times.`,
    `booking.declined:${offer.id}`,
  );
  await recordAudit(tx, parentActor(contact), {
    schoolId: c.pupil.schoolId,
    action: 'booking.decline',
    entityType: 'BookingOffer',
    entityId: offer.id,
    before: { status: 'OPEN' },
    after: { status: 'DECLINED' },
  });
  return 'declined';
}

/** The parent texted CHANGE about a booked meeting: it is released and the key teacher offers new times. */
export async function parentAsksToChange(tx: Tx, clock: Clock, contact: Contact, conversationId: string, inboundId: string): Promise<void> {
  const c = await lockConversation(tx, conversationId);
  if (c.status !== 'BOOKED') return;
  const updated = await tx.structuredConversation.update({
    where: { id: c.id },
    data: { status: 'TO_BOOK', scheduledAt: null, version: { increment: 1 } },
    include: { pupil: true },
  });
  await cancelJobs(tx, c.id, [BOOKING_REMINDER]);
  await onConversationTimeChanged(tx, clock, c.id);
  await messageParentsOf(tx, clock, { pupilId: c.pupilId, conversationId: c.id, onlyContactId: contact.id, inReplyToId: inboundId, template: 'booking.changeAck', idempotencyKey: `reply:${inboundId}` });
  const when = c.scheduledAt ? await staffWhen(tx, c.pupil.schoolId, c.scheduledAt) : 'the agreed time';
  await tellStaff(
    tx,
    clock,
    updated,
    'booking.cancelledByParent',
    `${contact.displayName} cannot come on ${when} to the conversation about ${c.pupil.firstName} ${c.pupil.lastName} and asked to change it. Please offer new times.`,
    `booking.cancelledByParent:${inboundId}`,
  );
  await auditConversation(tx, parentActor(contact), c, 'booking.parentChange', { status: 'TO_BOOK', scheduledAt: null });
}

/** The school moves a booked meeting to a new time (parents told), or offers new times instead. */
export async function reschedule(tx: Tx, clock: Clock, actor: Actor, conversationId: string, change: { at: string } | { slots: string[] }) {
  const c = await lockConversation(tx, conversationId);
  if (c.status === 'CANCELLED' || c.status === 'HELD') throw conflict('not_bookable', `The conversation is ${c.status.toLowerCase()}`);
  if ('slots' in change) {
    await tx.structuredConversation.update({ where: { id: c.id }, data: { status: 'TO_BOOK', scheduledAt: null } });
    await cancelJobs(tx, c.id, [BOOKING_REMINDER]);
    await auditConversation(tx, actor, c, 'booking.release', { status: 'TO_BOOK', scheduledAt: null });
    return offerSlots(tx, clock, actor, conversationId, change.slots);
  }
  const cal = await loadSchoolCalendar(tx, c.pupil.schoolId);
  const { at } = readTime(change.at, cal.timezone);
  const problem = timeProblem(cal, { written: change.at, at }, clock.now());
  if (problem) throw invalid('invalid_time', problem);
  await withdrawOpenOffers(tx, clock, c.id);
  const updated = await tx.structuredConversation.update({
    where: { id: c.id },
    data: { status: 'BOOKED', scheduledAt: at, version: { increment: 1 } },
    include: { pupil: true },
  });
  await messageParentsOf(tx, clock, {
    pupilId: c.pupilId,
    conversationId: c.id,
    template: 'booking.moved',
    params: { at },
    idempotencyKey: `booking.moved:${c.id}:${at.toISOString()}`,
  });
  await planReminder(tx, clock, updated);
  await onConversationTimeChanged(tx, clock, c.id);
  await auditConversation(tx, actor, c, 'booking.reschedule', { status: 'BOOKED', scheduledAt: at });
  return [];
}

/** The school cancels: offers withdrawn, every pending job about the conversation cancelled, parents told. */
export async function cancelConversation(tx: Tx, clock: Clock, actor: Actor, conversationId: string, reason?: string): Promise<void> {
  const c = await lockConversation(tx, conversationId);
  if (c.status === 'CANCELLED') return;
  if (c.status === 'HELD') throw conflict('already_held', 'The conversation has been held');
  const now = clock.now();
  await withdrawOpenOffers(tx, clock, c.id);
  await tx.structuredConversation.update({ where: { id: c.id }, data: { status: 'CANCELLED', cancelledAt: now, cancelReason: reason ?? null, version: { increment: 1 } } });
  await onConversationCancelled(tx, clock, c.id);
  if (c.status === 'BOOKED' || c.status === 'OFFERED') {
    await messageParentsOf(tx, clock, { pupilId: c.pupilId, conversationId: c.id, template: 'booking.cancelled', idempotencyKey: `booking.cancelled:${c.id}` });
  }
  await auditConversation(tx, actor, c, 'conversation.cancel', { status: 'CANCELLED', cancelReason: reason ?? null });
}

/** The day-before reminder: sent only if the meeting is still booked for the time it was planned for. */
export function bookingReminderHandler(prisma: PrismaClient, clock: Clock): JobHandler {
  return async (job) => {
    const { conversationId, at: planned } = payloadOf(job, z.object({ conversationId: z.uuid(), at: z.iso.datetime() }));
    const at = new Date(planned);
    const c = await prisma.structuredConversation.findUnique({ where: { id: conversationId } });
    if (!c || c.status !== 'BOOKED' || c.scheduledAt?.getTime() !== at.getTime()) return;
    await transaction(prisma, (tx) =>
      messageParentsOf(tx, clock, {
        pupilId: c.pupilId,
        conversationId,
        template: 'booking.reminder',
        params: { at },
        idempotencyKey: `booking.reminder:${conversationId}:${at.toISOString()}`,
      }),
    );
  };
}
