import { z } from 'zod';
import type { Contact, Message } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction, type Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { recordAudit } from '../audit/audit';
import { keyTeacherOrSencos, notifyStaff, staffWithRole } from '../messaging/staffNotifier';
import { chooseSlot, declineOffer, parentActor, parentAsksToChange, withdrawOffersTo } from '../booking/booking';
import { intentOf, normaliseReply, type Intent } from './keywords';
import { mayMessage, messageParentsOf, queueParentSms } from '../messaging/parentMessages';
import { childFirstName } from '../messaging/content';
import { tellStaffCannotText } from './contactStatus';
import { planSchoolChanges } from '../scheduling/planner';
import { markForPlanning } from '../jobs/planningMarks';
import { setProgressRhythm } from '../settings/useCases';
import { UPDATE_WEEKS_MAX, UPDATE_WEEKS_MIN } from '../domain/conversationCycle';
import { childNamedIn } from './namedChild';
import { phoneForParents } from '../messaging/schoolPhone';

/**
 * What happens when a parent texts us. The message is stored first (its MessageSid is unique, so
 * Twilio's retries and concurrent duplicates are acknowledged and never processed twice), then:
 * keywords (STOP, START, HELP, CHANGE, UPDATES), answers to a question we asked (which child, confidence),
 * answers to a booking offer, and otherwise the parent's own voice, passed to the key teacher.
 * Every answer goes through the outbox, so it is stored, quiet-hour aware and status tracked.
 * A text the product answers itself is marked handled at once (no member of staff), so an
 * unhandled text under a pupil is exactly a parent's voice awaiting an answer (messaging/parentVoice.ts).
 */

export interface InboundSms {
  messageSid: string;
  from: string;
  to?: string;
  body: string;
}

const WHICH_CHILD_DAYS = 7;

/** What an awaited answer's numbers mean (the `payload` JSON column), read through its schema rather than cast. */
const awaitedPayload = z.object({
  options: z.array(z.uuid()).optional(),
  messageId: z.uuid().optional(),
  pupilId: z.uuid().optional(),
  conversationId: z.uuid().optional(),
});
const LATE_OFFER_DAYS = 30;
const RECENT_HELD_DAYS = 60;

interface Linked {
  contact: Contact;
  pupil: { id: string; schoolId: string; firstName: string; lastName: string; keyTeacherId: string | null };
}

interface Ctx {
  tx: Tx;
  clock: Clock;
  inbound: Message;
  contacts: Contact[];
  links: Linked[];
  /** Schools whose progress updates must be re-planned once this text's transaction commits. */
  replan: Set<string>;
}

const reply = (c: Ctx, l: Linked) => ({ pupilId: l.pupil.id, onlyContactId: l.contact.id, inReplyToId: c.inbound.id, idempotencyKey: `reply:${c.inbound.id}` });

/** A conflict PostgreSQL resolves by making one of two transactions fail (a unique key, a deadlock, serialisation). */
function isConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: { code?: string } };
  return e.code === 'P2002' || e.code === 'P2034' || /unique constraint|deadlock|could not serialize/i.test(e.message ?? '');
}

/** A transaction that lost such a conflict is run again from the start; the parent's text is not given up. */
const ATTEMPTS = 3;

/**
 * Stores and handles one inbound SMS, all in one transaction. Returns 'duplicate' only for a
 * MessageSid already received (Twilio retrying): the insert names that key alone, so no other
 * conflict can pass for a duplicate and silently drop the parent's words.
 */
export async function receiveSms(prisma: PrismaClient, clock: Clock, sms: InboundSms): Promise<'processed' | 'duplicate'> {
  for (let attempt = 1; ; attempt += 1) {
    const replan = new Set<string>();
    try {
      const outcome = await transaction(prisma, (tx) => receiveIn(tx, clock, sms, replan));
      // The planner takes its own transaction and lock; if another instance holds it, its next tick plans the change.
      for (const schoolId of replan) await planSchoolChanges(prisma, clock, schoolId);
      return outcome;
    } catch (err) {
      if (attempt < ATTEMPTS && isConflict(err)) continue;
      throw err;
    }
  }
}

async function receiveIn(tx: Tx, clock: Clock, sms: InboundSms, replan: Set<string>): Promise<'processed' | 'duplicate'> {
  const contacts = await tx.contact.findMany({ where: { mobile: sms.from }, orderBy: { createdAt: 'asc' } });
  const schoolId = contacts[0]?.schoolId ?? (await tx.school.findFirst({ orderBy: { createdAt: 'asc' }, select: { id: true } }))?.id;
  if (!schoolId) return 'processed';
  // Insert-or-nothing on the MessageSid: a copy arriving at the same moment waits for this one and then finds it.
  const [stored] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Message" ("schoolId", "channel", "direction", "status", "body", "providerId", "createdAt", "updatedAt", "fromAddress", "toAddress", "contactId")
    VALUES (${schoolId}::uuid, 'SMS', 'INBOUND', 'RECEIVED', ${sms.body}, ${sms.messageSid}, ${clock.now()}, ${clock.now()}, ${sms.from}, ${sms.to ?? null}, ${contacts[0]?.id ?? null}::uuid)
    ON CONFLICT ("providerId") DO NOTHING
    RETURNING "id"`;
  if (!stored) return 'duplicate';
  const inbound = await tx.message.findUniqueOrThrow({ where: { id: stored.id } });
  if (contacts.length === 0) {
    await unknownNumber(tx, clock, inbound, intentOf(sms.body));
    return 'processed';
  }
  const links = await tx.pupilContact.findMany({
    where: { contactId: { in: contacts.map((c) => c.id) }, pupil: { archivedAt: null } },
    include: { contact: true, pupil: { select: { id: true, schoolId: true, firstName: true, lastName: true, keyTeacherId: true } } },
    orderBy: [{ pupil: { firstName: 'asc' } }, { pupilId: 'asc' }],
  });
  await handle({ tx, clock, inbound, contacts, links, replan }, intentOf(sms.body));
  return 'processed';
}

/** A stranger's STOP is only stored (the carrier keeps the opt-out); anything else gets one generic answer a day. */
async function unknownNumber(tx: Tx, clock: Clock, inbound: Message, intent: Intent): Promise<void> {
  if (intent.kind === 'stop') return markAnswered(tx, clock, inbound);
  await queueParentSms(tx, clock, {
    schoolId: inbound.schoolId,
    template: 'unknown.number',
    params: {},
    toAddress: inbound.fromAddress!,
    inReplyToId: inbound.id,
    idempotencyKey: `unknown.number:${inbound.fromAddress}:${clock.now().toISOString().slice(0, 10)}`,
  });
  // One Twilio number may serve several schools: every school's admins hear about it.
  const schools = await tx.school.findMany({ select: { id: true } });
  for (const school of schools) {
    for (const staffId of await staffWithRole(tx, school.id, 'ADMIN')) {
      await notifyStaff(tx, clock, {
        staffId,
        template: 'parent.unknownNumber',
        text: `A text came from ${inbound.fromAddress}, a number not on any contact record: "${inbound.body}". If this is a parent or carer, add or correct their mobile in the roster.`,
        inReplyToId: inbound.id,
        idempotencyKey: `parent.unknownNumber:${inbound.id}:${staffId}`,
      });
    }
  }
}

/** A parent whose children have all left the register: no key teacher to tell, so their school's admins are. */
async function formerParent(c: Ctx): Promise<Outcome> {
  for (const contact of c.contacts) {
    for (const staffId of await staffWithRole(c.tx, contact.schoolId, 'ADMIN')) {
      await notifyStaff(c.tx, c.clock, {
        staffId,
        template: 'parent.unknownNumber',
        text: `${contact.displayName}, a parent or carer whose children are no longer on the register, texted: "${c.inbound.body}". Please reply to them directly.`,
        inReplyToId: c.inbound.id,
        idempotencyKey: `parent.formerParent:${c.inbound.id}:${staffId}`,
      });
    }
  }
  return 'parentVoice';
}

/**
 * What became of an inbound text: answered by the product itself, passed to staff as the
 * parent's voice, or waiting until the parent says which child it is about.
 */
type Outcome = 'answered' | 'parentVoice' | 'whichChild';

async function markAnswered(tx: Tx, clock: Clock, inbound: Message): Promise<void> {
  await tx.message.update({ where: { id: inbound.id }, data: { handledAt: clock.now(), handledById: null } });
}

async function handle(c: Ctx, intent: Intent, onlyPupilId?: string): Promise<void> {
  if ((await dispatch(c, intent, onlyPupilId)) === 'answered') await markAnswered(c.tx, c.clock, c.inbound);
}

async function dispatch(c: Ctx, intent: Intent, onlyPupilId?: string): Promise<Outcome> {
  switch (intent.kind) {
    case 'stop':
      await optOut(c);
      return 'answered';
    case 'start':
      await optIn(c);
      return 'answered';
    case 'help':
      await help(c);
      return 'answered';
    case 'updates':
      await progressRhythm(c, intent.weeks);
      return 'answered';
    default:
  }
  const links = onlyPupilId ? c.links.filter((l) => l.pupil.id === onlyPupilId) : c.links;
  if (intent.kind === 'change') {
    const changed = await changeBooking(c, links);
    if (changed) return changed;
  }
  if (intent.kind === 'number' || intent.kind === 'none') {
    const answered = await answer(c, links, intent, onlyPupilId !== undefined);
    if (answered) return answered;
  }
  return parentVoice(c, links);
}

/** The keyword as the parent sent it (CANCEL, QUIT, WYPISZ ...), for the audit. */
const keywordSent = (c: Ctx): string => normaliseReply(c.inbound.body).toUpperCase();

async function optOut(c: Ctx): Promise<void> {
  const now = c.clock.now();
  const keyword = keywordSent(c);
  for (const contact of c.contacts) {
    if (contact.optedOutAt) continue;
    await c.tx.contact.update({ where: { id: contact.id }, data: { optedOutAt: now } });
    await markForPlanning(c.tx, 'contact', contact.id);
    await recordAudit(c.tx, parentActor(contact), { schoolId: contact.schoolId, action: 'contact.optOut', entityType: 'Contact', entityId: contact.id, before: { optedOutAt: null }, after: { optedOutAt: now, keyword } });
    // The carrier requires one confirmation, sent at once even at night.
    await queueParentSms(c.tx, c.clock, {
      schoolId: contact.schoolId,
      template: 'stop.confirmed',
      params: {},
      contact,
      inReplyToId: c.inbound.id,
      idempotencyKey: `stop.confirmed:${contact.id}:${now.toISOString()}`,
    });
    await withdrawOffersTo(c.tx, c.clock, parentActor(contact), contact.id);
    await tellStaffCannotText(c.tx, c.clock, contact, 'replied STOP: they get no texts from the school until they reply START. Please reach them another way.');
  }
}

async function optIn(c: Ctx): Promise<void> {
  const now = c.clock.now();
  const keyword = keywordSent(c);
  for (const contact of c.contacts) {
    if (!contact.optedOutAt && contact.smsConsent) continue;
    const data = { optedOutAt: null, ...(contact.smsConsent ? {} : { smsConsent: true, smsConsentAt: now, smsConsentMethod: 'SMS_REPLY' as const }) };
    const updated = await c.tx.contact.update({ where: { id: contact.id }, data });
    await markForPlanning(c.tx, 'contact', contact.id);
    await recordAudit(c.tx, parentActor(contact), {
      schoolId: contact.schoolId,
      action: 'contact.optIn',
      entityType: 'Contact',
      entityId: contact.id,
      before: { optedOutAt: contact.optedOutAt, smsConsent: contact.smsConsent },
      after: { optedOutAt: null, smsConsent: true, keyword },
    });
    await queueParentSms(c.tx, c.clock, { schoolId: contact.schoolId, template: 'start.confirmed', params: {}, contact: updated, inReplyToId: c.inbound.id, idempotencyKey: `reply:${c.inbound.id}:${contact.id}` });
  }
}

async function help(c: Ctx): Promise<void> {
  for (const contact of c.contacts) {
    const school = await c.tx.school.findUniqueOrThrow({ where: { id: contact.schoolId }, select: { contactPhone: true } });
    await queueParentSms(c.tx, c.clock, {
      schoolId: contact.schoolId,
      template: 'help',
      params: { phone: school.contactPhone ? phoneForParents(school.contactPhone) : null },
      contact,
      inReplyToId: c.inbound.id,
      idempotencyKey: `reply:${c.inbound.id}:${contact.id}`,
    });
  }
}

/**
 * UPDATES: how often the parent hears about progress (their own choice, within the limits, or the
 * school's). Set through the same audited path as staff use, with the parent as the actor.
 */
async function progressRhythm(c: Ctx, weeks: number | null | undefined): Promise<void> {
  const limits = { min: UPDATE_WEEKS_MIN, max: UPDATE_WEEKS_MAX };
  const outOfRange = typeof weeks === 'number' && (weeks < limits.min || weeks > limits.max);
  for (const contact of c.contacts) {
    const school = await c.tx.school.findUniqueOrThrow({ where: { id: contact.schoolId }, select: { progressUpdateEveryWeeks: true } });
    let own = contact.updateEveryWeeks;
    if (weeks !== undefined && !outOfRange) {
      own = (await setProgressRhythm(c.tx, parentActor(contact), contact.id, weeks)).updateEveryWeeks;
      c.replan.add(contact.schoolId);
    }
    if (!mayMessage(contact)) continue;
    const rhythm = { weeks: own ?? school.progressUpdateEveryWeeks, own: own !== null };
    await queueParentSms(c.tx, c.clock, {
      schoolId: contact.schoolId,
      ...(outOfRange
        ? { template: 'updates.invalid' as const, params: limits }
        : weeks === undefined
          ? { template: 'updates.current' as const, params: { ...rhythm, ...limits } }
          : { template: 'updates.changed' as const, params: rhythm }),
      contact,
      inReplyToId: c.inbound.id,
      idempotencyKey: `reply:${c.inbound.id}:${contact.id}`,
    });
  }
}

/** Files the inbound message under the pupil it turned out to be about. */
async function fileUnder(c: Ctx, l: Linked, data: { conversationId?: string | null; targetId?: string | null } = {}): Promise<void> {
  await c.tx.message.update({ where: { id: c.inbound.id }, data: { pupilId: l.pupil.id, schoolId: l.pupil.schoolId, contactId: l.contact.id, ...data } });
  // Filed under a child: a reply that may wait for an answer (or is answered in this transaction).
  await markForPlanning(c.tx, 'reply', c.inbound.id);
}

async function askWhichChild(c: Ctx, links: Linked[]): Promise<void> {
  const first = links[0]!;
  await c.tx.awaitedReply.create({
    data: {
      contactId: first.contact.id,
      kind: 'WHICH_CHILD',
      payload: { options: links.map((l) => l.pupil.id), messageId: c.inbound.id },
      expiresAt: new Date(c.clock.now().getTime() + WHICH_CHILD_DAYS * 24 * 60 * 60_000),
    },
  });
  await queueParentSms(c.tx, c.clock, {
    schoolId: first.pupil.schoolId,
    template: 'which.child',
    params: { children: links.map((l) => childFirstName(l.pupil.firstName)) },
    contact: first.contact,
    inReplyToId: c.inbound.id,
    idempotencyKey: `reply:${c.inbound.id}`,
  });
}

async function changeBooking(c: Ctx, links: Linked[]): Promise<Outcome | undefined> {
  const booked = await c.tx.structuredConversation.findMany({
    where: { pupilId: { in: links.map((l) => l.pupil.id) }, status: 'BOOKED', scheduledAt: { gt: c.clock.now() } },
    orderBy: { scheduledAt: 'asc' },
  });
  if (booked.length === 0) return undefined;
  const pupils = new Set(booked.map((b) => b.pupilId));
  if (pupils.size > 1) {
    await askWhichChild(c, links.filter((l) => pupils.has(l.pupil.id)));
    return 'whichChild';
  }
  const l = links.find((x) => x.pupil.id === booked[0]!.pupilId)!;
  await fileUnder(c, l, { conversationId: booked[0]!.id });
  await parentAsksToChange(c.tx, c.clock, l.contact, booked[0]!.id, c.inbound.id);
  return 'answered';
}

/** A number or "none": the answer to the newest question we asked this parent. */
async function answer(c: Ctx, links: Linked[], intent: Extract<Intent, { kind: 'number' | 'none' }>, childKnown: boolean): Promise<Outcome | undefined> {
  const now = c.clock.now();
  const contactIds = c.contacts.map((x) => x.id);
  const awaited = childKnown
    ? null
    : await c.tx.awaitedReply.findFirst({ where: { contactId: { in: contactIds }, resolvedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: 'desc' } });
  const offers = await c.tx.bookingOffer.findMany({
    where: { contactId: { in: contactIds }, status: 'OPEN', conversation: { pupilId: { in: links.map((l) => l.pupil.id) } } },
    include: { conversation: { select: { pupilId: true } } },
    orderBy: { createdAt: 'desc' },
  });
  const newestOffer = offers[0];
  if (awaited && (!newestOffer || awaited.createdAt > newestOffer.createdAt)) {
    const payload = awaitedPayload.parse(awaited.payload);
    if (awaited.kind === 'WHICH_CHILD' && intent.kind === 'number') {
      const pupilId = payload.options?.[intent.value - 1];
      const original = payload.messageId ? await c.tx.message.findUnique({ where: { id: payload.messageId } }) : null;
      if (!pupilId || !original) return undefined;
      await c.tx.awaitedReply.update({ where: { id: awaited.id }, data: { resolvedAt: now } });
      const l = links.find((x) => x.pupil.id === pupilId);
      if (l) await fileUnder(c, l);
      // The original message is handled again, now about the child the parent chose.
      await handle({ ...c, inbound: original }, intentOf(original.body), pupilId);
      return 'answered';
    }
    if (awaited.kind === 'CONFIDENCE' && intent.kind === 'number' && intent.value >= 1 && intent.value <= 5 && payload.pupilId) {
      const l = links.find((x) => x.pupil.id === payload.pupilId && x.contact.id === awaited.contactId);
      if (!l) return undefined;
      await c.tx.awaitedReply.update({ where: { id: awaited.id }, data: { resolvedAt: now } });
      await c.tx.confidenceRating.create({ data: { contactId: awaited.contactId, pupilId: payload.pupilId, conversationId: payload.conversationId ?? null, score: intent.value } });
      await fileUnder(c, l, { conversationId: payload.conversationId ?? null });
      await messageParentsOf(c.tx, c.clock, { ...reply(c, l), template: 'confidence.thanks' });
      return 'answered';
    }
  }
  if (offers.length > 0) {
    const pupils = new Set(offers.map((o) => o.conversation.pupilId));
    if (pupils.size > 1) {
      await askWhichChild(c, links.filter((l) => pupils.has(l.pupil.id)));
      return 'whichChild';
    }
    const offer = offers[0]!;
    const contact = c.contacts.find((x) => x.id === offer.contactId)!;
    const l = links.find((x) => x.pupil.id === offer.conversation.pupilId && x.contact.id === contact.id)!;
    await fileUnder(c, l, { conversationId: offer.conversationId });
    if (intent.kind === 'none') await declineOffer(c.tx, c.clock, contact, offer.id, c.inbound.id);
    else await chooseSlot(c.tx, c.clock, contact, offer.id, intent.value, c.inbound.id);
    return 'answered';
  }
  if (intent.kind !== 'number') return undefined;
  // A number with nothing open: an answer to an offer that has since closed.
  const late = await c.tx.bookingOffer.findFirst({
    where: {
      contactId: { in: contactIds },
      createdAt: { gt: new Date(now.getTime() - LATE_OFFER_DAYS * 24 * 60 * 60_000) },
      conversation: { pupilId: { in: links.map((l) => l.pupil.id) } },
    },
    include: { conversation: { select: { pupilId: true } } },
    orderBy: { createdAt: 'desc' },
  });
  if (!late) return undefined;
  const contact = c.contacts.find((x) => x.id === late.contactId)!;
  const l = links.find((x) => x.pupil.id === late.conversation.pupilId && x.contact.id === contact.id)!;
  await fileUnder(c, l, { conversationId: late.conversationId });
  await chooseSlot(c.tx, c.clock, contact, late.id, intent.value, c.inbound.id);
  return 'answered';
}

/** What the parent's words answer: the open (or recently held) conversation, and the target of the last progress update they got. */
async function answers(c: Ctx, l: Linked): Promise<{ conversationId: string | null; targetId: string | null }> {
  const now = c.clock.now();
  const conversation =
    (await c.tx.structuredConversation.findFirst({ where: { pupilId: l.pupil.id, status: { in: ['TO_BOOK', 'OFFERED', 'BOOKED'] } }, orderBy: { dueBy: 'asc' } })) ??
    (await c.tx.structuredConversation.findFirst({
      where: { pupilId: l.pupil.id, status: 'HELD', heldAt: { gt: new Date(now.getTime() - RECENT_HELD_DAYS * 24 * 60 * 60_000) } },
      orderBy: { heldAt: 'desc' },
    }));
  const lastOut = await c.tx.message.findFirst({
    where: { contactId: l.contact.id, pupilId: l.pupil.id, channel: 'SMS', direction: 'OUTBOUND', id: { not: c.inbound.id } },
    orderBy: { createdAt: 'desc' },
    select: { template: true, targetId: true },
  });
  return { conversationId: conversation?.id ?? null, targetId: lastOut?.template === 'progress.update' ? lastOut.targetId : null };
}

/**
 * Anything else is the parent's voice: filed under the child, passed to the key teacher,
 * acknowledged. A parent of several children who names exactly one of them has said which.
 */
async function parentVoice(c: Ctx, links: Linked[]): Promise<Outcome> {
  const pupils = [...new Map(links.map((l) => [l.pupil.id, l])).values()];
  if (pupils.length === 0) return formerParent(c);
  const l = pupils.length === 1 ? pupils[0]! : childNamedIn(c.inbound.body, pupils, (x) => x.pupil.firstName);
  if (!l) {
    await askWhichChild(c, pupils);
    return 'whichChild';
  }
  const about = await answers(c, l);
  await fileUnder(c, l, about);
  const { pupil } = l;
  for (const staffId of await keyTeacherOrSencos(c.tx, pupil)) {
    await notifyStaff(c.tx, c.clock, {
      staffId,
      template: 'parent.reply',
      text: `${l.contact.displayName}, parent or carer of ${pupil.firstName} ${pupil.lastName}, replied by text: "${c.inbound.body}"`,
      pupilId: pupil.id,
      conversationId: about.conversationId ?? undefined,
      inReplyToId: c.inbound.id,
      idempotencyKey: `parent.reply:${c.inbound.id}:${staffId}`,
    });
  }
  if (mayMessage(l.contact)) await messageParentsOf(c.tx, c.clock, { ...reply(c, l), conversationId: about.conversationId ?? undefined, template: 'reply.received' });
  return 'parentVoice';
}
