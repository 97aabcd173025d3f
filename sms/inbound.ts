import type { Contact, Message } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction, type Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { recordAudit } from '../audit/audit';
import { keyTeacherOrSencos, notifyStaff, staffWithRole } from '../messaging/staffNotifier';
import { chooseSlot, declineOffer, parentActor, parentAsksToChange, withdrawOffersTo } from '../booking/booking';
import { intentOf, normaliseReply, type Intent } from './keywords';
import { messageParentsOf, queueParentSms } from '../messaging/parentMessages';
import { mayMessage } from '../messaging/textRule';
import { tellStaffCannotText, tellStaffCanTextAgain } from './contactStatus';
import { planSchoolChanges } from '../scheduling/planner';
import { markForPlanning } from '../jobs/planningMarks';
import { setProgressRhythm } from '../settings/useCases';
import { UPDATE_WEEKS_MAX, UPDATE_WEEKS_MIN } from '../domain/conversationCycle';
import { childNamedIn } from './namedChild';
import { phoneForParents } from '../messaging/schoolPhone';
import { MEDIA_FACTS, whatWasSent, type WebhookMedia } from './mediaItems';
import { keepInboundMedia } from './parentMedia';
import { askOrJoin, awaitedPayload, heldBy, lastInTouch, passToStaff } from './questions';

/**
 * What happens when a parent texts us. The message is stored first (its MessageSid is unique, so
 * Twilio's retries and concurrent duplicates are acknowledged and never processed twice), with its
 * pictures as pending items (sms/parentMedia.ts), then:
 * keywords (STOP, START, HELP, CHANGE, UPDATES), answers to a question we asked (which child,
 * which school, confidence), answers to a booking offer, and otherwise the parent's own voice,
 * passed to the key teacher. Every answer goes through the outbox, so it is stored, quiet-hour
 * aware, status tracked and held to the text rule (messaging/textRule.ts).
 * A text the product answers itself is marked handled at once (no member of staff), so an
 * unhandled text under a pupil is exactly a parent's voice awaiting an answer (messaging/parentVoice.ts).
 *
 * Which school a text concerns: a text arriving at a school's own number (`School.smsNumber`, the
 * `To` Twilio gives) concerns that school alone: its contacts, its admins for a number it does
 * not know. At a number no school owns (one number for several schools), or whenever a Messaging
 * Service sends (its pool answers from any number, so `To` says nothing), the number's contacts at
 * every school are in scope: STOP, START and HELP apply to each, an answer to a question goes to
 * the school that asked it, and anything else from a parent known at several schools is first
 * answered with "which school?" (naming schools only), then handled for that school alone. No
 * text ever names a child of another school, and no school sees another's parent's words.
 */

export interface InboundSms {
  messageSid: string;
  from: string;
  to?: string;
  body: string;
  /** Pictures and files sent with it (MMS), as Twilio's webhook names them. */
  media?: WebhookMedia[];
}

export interface InboundOptions {
  /** A school's own number says which school a text concerns (not when a Messaging Service sends). */
  schoolNumbers: boolean;
  /** The Twilio account media must belong to (absent: nothing can be fetched). */
  mediaAccountSid?: string;
}

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
export async function receiveSms(prisma: PrismaClient, clock: Clock, sms: InboundSms, o: InboundOptions): Promise<'processed' | 'duplicate'> {
  for (let attempt = 1; ; attempt += 1) {
    const replan = new Set<string>();
    try {
      const outcome = await transaction(prisma, (tx) => receiveIn(tx, clock, sms, o, replan));
      // The planner takes its own transaction and lock; if another instance holds it, its next tick plans the change.
      for (const schoolId of replan) await planSchoolChanges(prisma, clock, schoolId);
      return outcome;
    } catch (err) {
      if (attempt < ATTEMPTS && isConflict(err)) continue;
      throw err;
    }
  }
}

async function receiveIn(tx: Tx, clock: Clock, sms: InboundSms, o: InboundOptions, replan: Set<string>): Promise<'processed' | 'duplicate'> {
  const owner = o.schoolNumbers && sms.to ? await tx.school.findUnique({ where: { smsNumber: sms.to }, select: { id: true } }) : null;
  const contacts = await tx.contact.findMany({ where: { mobile: sms.from, ...(owner ? { schoolId: owner.id } : {}) }, orderBy: { createdAt: 'asc' } });
  const strangerTo = contacts.length === 0 ? (owner ? [owner] : await schoolsSharing(tx, o)) : [];
  const schoolId = owner?.id ?? contacts[0]?.schoolId ?? strangerTo[0]?.id;
  if (!schoolId) return 'processed';
  // Insert-or-nothing on the MessageSid: a copy arriving at the same moment waits for this one and then finds it.
  const [stored] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Message" ("schoolId", "channel", "direction", "status", "body", "providerId", "createdAt", "updatedAt", "fromAddress", "toAddress", "contactId")
    VALUES (${schoolId}::uuid, 'SMS', 'INBOUND', 'RECEIVED', ${sms.body}, ${sms.messageSid}, ${clock.now()}, ${clock.now()}, ${sms.from}, ${sms.to ?? null}, ${contacts[0]?.id ?? null}::uuid)
    ON CONFLICT ("providerId") DO NOTHING
    RETURNING "id"`;
  if (!stored) return 'duplicate';
  const inbound = await tx.message.findUniqueOrThrow({ where: { id: stored.id } });
  if (sms.media?.length) await keepInboundMedia(tx, clock.now(), { id: inbound.id, schoolId, providerId: sms.messageSid }, sms.media, o.mediaAccountSid);
  if (contacts.length === 0) {
    await unknownNumber(tx, clock, schoolId, inbound, intentOf(sms.body), strangerTo);
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

/** What the parent sent, as staff are told it: their words, and any pictures. */
async function saidIn(tx: Tx, m: Message, verb?: string): Promise<string> {
  return whatWasSent(m.body, await tx.messageMedia.findMany({ where: { messageId: m.id }, select: MEDIA_FACTS }), verb);
}

/**
 * The schools a stranger's text at the deployment's shared number may concern: those that send from
 * it (no number of their own; every school behind a Messaging Service), so a school with its own
 * number never reads a stranger's words meant for another. When no school sends from it, all.
 */
async function schoolsSharing(tx: Tx, o: InboundOptions): Promise<{ id: string }[]> {
  const order = { createdAt: 'asc' } as const;
  const sharing = o.schoolNumbers ? await tx.school.findMany({ where: { smsNumber: null }, orderBy: order, select: { id: true } }) : [];
  return sharing.length > 0 ? sharing : tx.school.findMany({ orderBy: order, select: { id: true } });
}

/**
 * A stranger's STOP is only stored (the carrier keeps the opt-out); anything else gets one generic
 * answer a day. The admins of the school whose number it reached are told; at the shared number,
 * those of every school that sends from it (one Twilio number may serve several schools).
 */
async function unknownNumber(tx: Tx, clock: Clock, schoolId: string, inbound: Message, intent: Intent, schools: { id: string }[]): Promise<void> {
  if (intent.kind === 'stop') return markAnswered(tx, clock, inbound);
  await queueParentSms(tx, clock, {
    schoolId,
    template: 'unknown.number',
    params: {},
    toAddress: inbound.fromAddress!,
    inReplyToId: inbound.id,
    idempotencyKey: `unknown.number:${inbound.fromAddress}:${clock.now().toISOString().slice(0, 10)}`,
  });
  const said = await saidIn(tx, inbound, 'texted');
  for (const school of schools) {
    for (const staffId of await staffWithRole(tx, school.id, 'ADMIN')) {
      await notifyStaff(tx, clock, {
        staffId,
        template: 'parent.unknownNumber',
        text: `A text came from ${inbound.fromAddress}, a number not on any contact record, ${said}. If this is a parent or carer, add or correct their mobile in the roster.`,
        inReplyToId: inbound.id,
        idempotencyKey: `parent.unknownNumber:${inbound.id}:${staffId}`,
      });
    }
  }
}

/** A parent whose children have all left the register: no key teacher to tell, so their school's admins are. */
async function formerParent(c: Ctx): Promise<Outcome> {
  const said = await saidIn(c.tx, c.inbound, 'texted');
  for (const contact of c.contacts) {
    for (const staffId of await staffWithRole(c.tx, contact.schoolId, 'ADMIN')) {
      await notifyStaff(c.tx, c.clock, {
        staffId,
        template: 'parent.unknownNumber',
        text: `${contact.displayName}, a parent or carer whose children are no longer on the register, ${said}. Please reply to them directly.`,
        inReplyToId: c.inbound.id,
        idempotencyKey: `parent.formerParent:${c.inbound.id}:${staffId}`,
      });
    }
  }
  return 'parentVoice';
}

/**
 * What became of an inbound text: answered by the product itself, passed to staff as the
 * parent's voice, or waiting until the parent says which child (or school) it is about.
 */
type Outcome = 'answered' | 'parentVoice' | 'waiting';

async function markAnswered(tx: Tx, clock: Clock, inbound: Message): Promise<void> {
  await tx.message.update({ where: { id: inbound.id }, data: { handledAt: clock.now(), handledById: null } });
}

async function handle(c: Ctx, intent: Intent, onlyPupilId?: string): Promise<void> {
  if ((await dispatch(c, intent, onlyPupilId)) === 'answered') await markAnswered(c.tx, c.clock, c.inbound);
}

async function dispatch(c: Ctx, intent: Intent, onlyPupilId?: string): Promise<Outcome> {
  // STOP, START and HELP apply to every contact record of the number in scope (carriers require them).
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
    default:
  }
  // A number answers the newest question we asked, at whichever school asked it.
  if (!onlyPupilId && (intent.kind === 'number' || intent.kind === 'none')) {
    const answered = await answer(c, c.links, intent, false);
    if (answered) return answered;
  }
  // Everything else concerns one school.
  let s: Ctx;
  if (onlyPupilId) {
    s = await atSchool(c, c.links.find((l) => l.pupil.id === onlyPupilId)?.pupil.schoolId ?? schoolOf(c.inbound));
  } else {
    const schools = schoolsOf(c);
    if (schools.length > 1) return askWhichSchool(c, schools);
    s = await atSchool(c, schools[0] ?? schoolOf(c.inbound));
  }
  const links = onlyPupilId ? s.links.filter((l) => l.pupil.id === onlyPupilId) : s.links;
  if (intent.kind === 'updates') {
    await progressRhythm(s, intent.weeks);
    return 'answered';
  }
  if (intent.kind === 'change') {
    const changed = await changeBooking(s, links);
    if (changed) return changed;
  }
  if (onlyPupilId && (intent.kind === 'number' || intent.kind === 'none')) {
    const answered = await answer(s, links, intent, true);
    if (answered) return answered;
  }
  return parentVoice(s, links);
}

/** The schools a text could concern: those of the parent's children on the roll, else of their contact records. */
function schoolsOf(c: Ctx): string[] {
  const ofChildren = [...new Set(c.links.map((l) => l.pupil.schoolId))];
  return ofChildren.length > 0 ? ofChildren : [...new Set(c.contacts.map((x) => x.schoolId))];
}

/** The text as it concerns one school alone: that school's contact record and children, and the message filed at it. */
async function atSchool(c: Ctx, schoolId: string): Promise<Ctx> {
  const contacts = c.contacts.filter((x) => x.schoolId === schoolId);
  const contactId = contacts[0]?.id ?? null;
  const inbound =
    c.inbound.schoolId === schoolId && c.inbound.contactId === contactId ? c.inbound : await c.tx.message.update({ where: { id: c.inbound.id }, data: { schoolId, contactId } });
  return { ...c, inbound, contacts, links: c.links.filter((l) => l.pupil.schoolId === schoolId) };
}

/** A parent known at several schools texted a number they share: which school, naming schools only. */
async function askWhichSchool(c: Ctx, schoolIds: string[]): Promise<Outcome> {
  const schools = await c.tx.school.findMany({ where: { id: { in: schoolIds } }, select: { id: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  const options = schools.map((x) => x.id);
  // Each school holds its own consent: the question comes from the first that may text them.
  const contact = c.contacts.find((x) => options.includes(x.schoolId) && mayMessage(x)) ?? c.contacts.find((x) => options.includes(x.schoolId))!;
  if (await askOrJoin(c.tx, c.clock, { kind: 'WHICH_SCHOOL', contact, contactIds: c.contacts.map((x) => x.id), options, inboundId: c.inbound.id })) return 'waiting';
  const schoolId = (await lastInTouch(c.tx, contact.mobile, options, [c.inbound.id])) ?? contact.schoolId;
  await passToStaff(c.tx, c.clock, [c.inbound.id], schoolId);
  return 'parentVoice';
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
    if (contact.optedOutAt) await tellStaffCanTextAgain(c.tx, c.clock, contact);
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

/** Which of their children at this school a text is about; the texts wait for the answer (or reach staff: sms/questions.ts). */
async function askWhichChild(c: Ctx, links: Linked[]): Promise<Outcome> {
  const pupils = [...new Map(links.map((l) => [l.pupil.id, l.pupil])).values()];
  const contact = c.contacts[0]!;
  if (await askOrJoin(c.tx, c.clock, { kind: 'WHICH_CHILD', contact, contactIds: [contact.id], options: pupils.map((p) => p.id), inboundId: c.inbound.id })) return 'waiting';
  await passToStaff(c.tx, c.clock, [c.inbound.id], contact.schoolId);
  return 'parentVoice';
}

async function changeBooking(c: Ctx, links: Linked[]): Promise<Outcome | undefined> {
  const booked = await c.tx.structuredConversation.findMany({
    where: { pupilId: { in: links.map((l) => l.pupil.id) }, status: 'BOOKED', scheduledAt: { gt: c.clock.now() } },
    orderBy: { scheduledAt: 'asc' },
  });
  if (booked.length === 0) return undefined;
  const pupils = new Set(booked.map((b) => b.pupilId));
  if (pupils.size > 1) return askWhichChild(c, links.filter((l) => pupils.has(l.pupil.id)));
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
      const originals = await c.tx.message.findMany({ where: { id: { in: heldBy(payload) } }, orderBy: { createdAt: 'asc' } });
      if (!pupilId || originals.length === 0) return undefined;
      await c.tx.awaitedReply.update({ where: { id: awaited.id }, data: { resolvedAt: now } });
      const l = links.find((x) => x.pupil.id === pupilId);
      if (l) await fileUnder(c, l);
      // Answered after the texts reached staff: they are filed under that child (staff already have them).
      if (payload.passedAt) {
        for (const original of originals) if (l && !original.pupilId && !original.handledAt) await fileUnder({ ...c, inbound: original }, l);
        return 'answered';
      }
      // Each text the question held is handled again, now about the child the parent chose.
      for (const original of originals) await handle({ ...c, inbound: original }, intentOf(original.body), pupilId);
      return 'answered';
    }
    if (awaited.kind === 'WHICH_SCHOOL' && intent.kind === 'number') {
      const schoolId = payload.options?.[intent.value - 1];
      const originals = await c.tx.message.findMany({ where: { id: { in: heldBy(payload) } }, orderBy: { createdAt: 'asc' } });
      if (!schoolId || originals.length === 0 || !c.contacts.some((x) => x.schoolId === schoolId)) return undefined;
      await c.tx.awaitedReply.update({ where: { id: awaited.id }, data: { resolvedAt: now } });
      // Each text the question held is handled again for that school alone (taken back from the school it was passed to, unless answered there).
      for (const original of originals) {
        if (original.handledAt) continue;
        const taken = original.passedToStaffAt ? await c.tx.message.update({ where: { id: original.id }, data: { passedToStaffAt: null } }) : original;
        await handle(await atSchool({ ...c, inbound: taken }, schoolId), intentOf(taken.body));
      }
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
    const offering = links.filter((l) => pupils.has(l.pupil.id));
    // Offers open at two schools: which school comes first (the caller asks it).
    if (new Set(offering.map((l) => l.pupil.schoolId)).size > 1) return undefined;
    if (pupils.size > 1) return askWhichChild(await atSchool(c, offering[0]!.pupil.schoolId), offering);
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
  if (!l) return askWhichChild(c, pupils);
  const about = await answers(c, l);
  await fileUnder(c, l, about);
  const { pupil } = l;
  const said = await saidIn(c.tx, c.inbound);
  for (const staffId of await keyTeacherOrSencos(c.tx, pupil)) {
    await notifyStaff(c.tx, c.clock, {
      staffId,
      template: 'parent.reply',
      text: `${l.contact.displayName}, parent or carer of ${pupil.firstName} ${pupil.lastName}, ${said}`,
      pupilId: pupil.id,
      conversationId: about.conversationId ?? undefined,
      inReplyToId: c.inbound.id,
      idempotencyKey: `parent.reply:${c.inbound.id}:${staffId}`,
    });
  }
  await messageParentsOf(c.tx, c.clock, { ...reply(c, l), conversationId: about.conversationId ?? undefined, template: 'reply.received' });
  return 'parentVoice';
}

/** A parent's text is stored under a school the moment it arrives (receiveIn); only staff notices to a trust's members have none. */
function schoolOf(inbound: Message): string {
  if (!inbound.schoolId) throw new Error(`inbound text ${inbound.id} has no school`);
  return inbound.schoolId;
}
