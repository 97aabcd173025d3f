import type { Contact } from '../generated/prisma/client';
import type { Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { queueMessage, type QueuedMessage } from './outbox';
import { loadSchoolAndCalendar } from '../school/calendar';
import { nextParentSendingTime } from '../domain/schoolCalendar';
import { FREE_TEXT_TEMPLATES, LINK_TEMPLATES, SEND_AT_ANY_HOUR, SPOKEN_TEMPLATES, WITHOUT_CHILD, renderText, type TemplateKey, type TemplateParams } from './catalogue';
import { childFirstName, ContentRuleError, contentProblems, isParentPageLink, segmentInfo, toGsmWhereEquivalent } from './content';
import { ENGLISH, canonicalCode, type LanguageCode } from './languages';
import { textRefusal, type Recipient } from './textRule';

/**
 * Every SMS to a parent is queued here: held to the one rule of who may be sent what
 * (messaging/textRule.ts), rendered from the catalogue in the contact's language, checked against
 * the content rules, measured in segments, held to the school's sending hours, and stored before
 * it is sent (messaging/outbox). Nothing else writes SMS rows.
 */
const CONFIDENCE_REPLY_DAYS = 21;

export interface ParentSms<K extends TemplateKey> {
  schoolId: string;
  template: K;
  params: TemplateParams[K];
  /** A known contact, or `toAddress` alone for a number we do not know. */
  contact?: Pick<Contact, 'id' | 'mobile' | 'preferredLanguage'> & Recipient & { displayName?: string };
  toAddress?: string;
  pupil?: { id: string; firstName: string; lastName: string };
  /** Children the text names besides `pupil` (the which-child question's choices). */
  names?: { id: string; lastName: string }[];
  /** Children a teacher's words are about without the text naming them: their surnames and target wording are kept out all the same. */
  mentions?: { id: string; lastName: string }[];
  /** Whether the contact holds parental responsibility for the pupil, when the caller has just read the link (else it is read here). */
  responsibility?: boolean;
  conversationId?: string;
  targetId?: string;
  inReplyToId?: string;
  idempotencyKey?: string;
  /** The service's address (config.publicBaseUrl): a text with a link may link only to this service's parent page. */
  publicBaseUrl?: string;
}

function freeTextOf(template: TemplateKey, params: unknown): string | undefined {
  if (!FREE_TEXT_TEMPLATES.has(template)) return undefined;
  const p = params as { text?: string; action?: string };
  return p.text ?? p.action;
}

/** Does the contact hold parental responsibility for every child the text names? */
async function responsibleForAll(db: Tx, contactId: string, pupilIds: string[], known: boolean | undefined): Promise<boolean> {
  if (pupilIds.length === 0) return true;
  if (known !== undefined && pupilIds.length === 1) return known;
  const held = await db.pupilContact.count({ where: { contactId, pupilId: { in: pupilIds }, parentalResponsibility: true } });
  return held === new Set(pupilIds).size;
}

/**
 * The number a text goes from: an answer goes from the number the parent texted (so it stays in
 * one thread on their phone), anything else from the school's own number; null leaves it to the
 * transport (TWILIO_FROM, or the Messaging Service, which picks its own sender).
 */
async function senderNumber(db: Tx, school: { smsNumber: string | null }, inReplyToId: string | undefined): Promise<string | null> {
  if (inReplyToId) {
    const asked = await db.message.findUnique({ where: { id: inReplyToId }, select: { direction: true, toAddress: true } });
    if (asked?.direction === 'INBOUND' && asked.toAddress && E164.test(asked.toAddress)) return asked.toAddress;
  }
  return school.smsNumber;
}
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Queues one SMS to one parent (or an unknown number), or nothing when the text rule refuses it
 * (null). Throws ContentRuleError if teacher text breaks the content rules.
 */
export async function queueParentSms<K extends TemplateKey>(db: Tx, clock: Clock, m: ParentSms<K>): Promise<QueuedMessage | null> {
  const to = m.contact?.mobile ?? m.toAddress;
  if (!to) throw new Error('an SMS needs a contact or a number');
  if (SPOKEN_TEMPLATES.has(m.template)) throw new Error(`${m.template} is a call script, not an SMS`);
  const named = [...(m.pupil ? [m.pupil] : []), ...(m.names ?? [])];
  const refusal = textRefusal(m.template, m.contact ?? null, {
    namesChildWithoutResponsibility: m.contact ? !(await responsibleForAll(db, m.contact.id, named.map((p) => p.id), m.responsibility)) : false,
  });
  if (refusal) return null;
  const school = await loadSchoolAndCalendar(db, m.schoolId);
  const language: LanguageCode = canonicalCode(m.contact?.preferredLanguage ?? ENGLISH) ?? ENGLISH;
  const free = freeTextOf(m.template, m.params);
  if (free !== undefined) {
    const surname = m.contact?.displayName?.trim().split(/\s+/).slice(1) ?? [];
    const about = [...named, ...(m.mentions ?? [])];
    const targets = about.length > 0 ? await db.target.findMany({ where: { pupilId: { in: about.map((p) => p.id) } }, select: { description: true } }) : [];
    const problems = contentProblems(free, {
      forbiddenNames: [...about.map((p) => p.lastName), ...surname],
      targetTexts: targets.map((t) => t.description),
    });
    if (problems.length > 0) throw new ContentRuleError(problems);
  }
  // A text that must never name the child is not even given the name.
  const child = m.pupil && !WITHOUT_CHILD.has(m.template) ? childFirstName(m.pupil.firstName) : '';
  const text = renderText(m.template, language, { ...m.params, school: school.name, child }, school.calendar.timezone);
  if (LINK_TEMPLATES.has(m.template)) {
    // The one link a text may carry is this parent's page on this service, and nothing else.
    const link = (m.params as { link: string }).link;
    const problems = m.publicBaseUrl && isParentPageLink(link, m.publicBaseUrl) ? contentProblems(text, { allowedLinks: [link] }) : ["contains a link that is not this service's parent page"];
    if (problems.length > 0) throw new ContentRuleError(problems);
  }
  const body = toGsmWhereEquivalent(text);
  const { segments, encoding } = segmentInfo(body);
  const now = clock.now();
  const notBefore = SEND_AT_ANY_HOUR.has(m.template) ? now : nextParentSendingTime(school.calendar, now);
  return queueMessage(db, {
    schoolId: m.schoolId,
    channel: 'SMS',
    body,
    contactId: m.contact?.id,
    toAddress: to,
    fromAddress: (await senderNumber(db, school, m.inReplyToId)) ?? undefined,
    pupilId: m.pupil?.id,
    conversationId: m.conversationId,
    targetId: m.targetId,
    inReplyToId: m.inReplyToId,
    template: m.template,
    freeText: free !== undefined,
    language,
    segments,
    encoding,
    idempotencyKey: m.idempotencyKey,
    notBefore,
    createdAt: now,
  });
}

export interface MessageParents<K extends TemplateKey> {
  pupilId: string;
  template: K;
  params?: TemplateParams[K];
  conversationId?: string;
  targetId?: string;
  inReplyToId?: string;
  /** Made per contact (`<key>:<contactId>`): planning the same message twice sends it once. */
  idempotencyKey?: string;
  onlyContactId?: string;
  /** See ParentSms.publicBaseUrl. */
  publicBaseUrl?: string;
}

export interface ParentsMessaged {
  /** Message ids queued (one per contact). */
  queued: string[];
  /** Contact ids left out by the text rule: no consent, opted out, unreachable, or no parental responsibility. */
  suppressed: string[];
  /** Pairs, for callers that follow up per contact. */
  byContact: { contactId: string; messageId: string }[];
}

/**
 * Sends a catalogue text about a pupil to each of their parents and carers the text rule allows
 * (parental responsibility, consent, not opted out, a working number), each in their own
 * language, inside sending hours.
 */
export async function messageParentsOf<K extends TemplateKey>(db: Tx, clock: Clock, o: MessageParents<K>): Promise<ParentsMessaged> {
  const pupil = await db.pupil.findUniqueOrThrow({
    where: { id: o.pupilId },
    include: { contacts: { include: { contact: true }, orderBy: { priority: 'asc' } } },
  });
  const result: ParentsMessaged = { queued: [], suppressed: [], byContact: [] };
  for (const { contact, parentalResponsibility } of pupil.contacts) {
    if (o.onlyContactId && contact.id !== o.onlyContactId) continue;
    const queued = await queueParentSms(db, clock, {
      schoolId: pupil.schoolId,
      template: o.template,
      params: (o.params ?? {}) as TemplateParams[K],
      contact,
      pupil,
      responsibility: parentalResponsibility,
      conversationId: o.conversationId,
      targetId: o.targetId,
      inReplyToId: o.inReplyToId,
      idempotencyKey: o.idempotencyKey ? `${o.idempotencyKey}:${contact.id}` : undefined,
      publicBaseUrl: o.publicBaseUrl,
    });
    if (!queued) {
      result.suppressed.push(contact.id);
      continue;
    }
    result.queued.push(queued.messageId);
    result.byContact.push({ contactId: contact.id, messageId: queued.messageId });
  }
  return result;
}

/** "How confident do you feel that school understands <child>'s needs? Reply 1-5", awaiting each parent's number. */
export async function askConfidence(db: Tx, clock: Clock, o: { pupilId: string; conversationId: string }): Promise<ParentsMessaged> {
  const sent = await messageParentsOf(db, clock, {
    pupilId: o.pupilId,
    template: 'confidence.check',
    conversationId: o.conversationId,
    idempotencyKey: `confidence.check:${o.conversationId}`,
  });
  const now = clock.now();
  for (const { contactId, messageId } of sent.byContact) {
    const existing = await db.awaitedReply.findFirst({ where: { contactId, kind: 'CONFIDENCE', payload: { path: ['messageId'], equals: messageId } } });
    if (existing) continue;
    await db.awaitedReply.create({
      data: {
        contactId,
        kind: 'CONFIDENCE',
        payload: { pupilId: o.pupilId, conversationId: o.conversationId, messageId },
        expiresAt: new Date(now.getTime() + CONFIDENCE_REPLY_DAYS * 24 * 60 * 60_000),
      },
    });
  }
  return sent;
}
