import type { Contact } from '../generated/prisma/client';
import type { Tx } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { queueMessage, type QueuedMessage } from './outbox';
import { loadSchoolAndCalendar } from '../school/calendar';
import { nextParentSendingTime } from '../domain/schoolCalendar';
import { FREE_TEXT_TEMPLATES, LINK_TEMPLATES, SEND_AT_ANY_HOUR, SPOKEN_TEMPLATES, WITHOUT_CHILD, renderText, type TemplateKey, type TemplateParams } from './catalogue';
import { childFirstName, ContentRuleError, contentProblems, isParentPageLink, segmentInfo, toGsmWhereEquivalent } from './content';
import { ENGLISH, canonicalCode, type LanguageCode } from './languages';

/**
 * Every SMS to a parent is queued here: rendered from the catalogue in the contact's language,
 * checked against the content rules, measured in segments, held to the school's sending hours,
 * and stored before it is sent (messaging/outbox). Nothing else writes SMS rows.
 */
const CONFIDENCE_REPLY_DAYS = 21;

export interface ParentSms<K extends TemplateKey> {
  schoolId: string;
  template: K;
  params: TemplateParams[K];
  /** A known contact, or `toAddress` alone for a number we do not know. */
  contact?: Pick<Contact, 'id' | 'mobile' | 'preferredLanguage'> & { displayName?: string };
  toAddress?: string;
  pupil?: { id: string; firstName: string; lastName: string };
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

/** Queues one SMS to one parent (or an unknown number). Throws ContentRuleError if teacher text breaks the content rules. */
export async function queueParentSms<K extends TemplateKey>(db: Tx, clock: Clock, m: ParentSms<K>): Promise<QueuedMessage> {
  const to = m.contact?.mobile ?? m.toAddress;
  if (!to) throw new Error('an SMS needs a contact or a number');
  if (SPOKEN_TEMPLATES.has(m.template)) throw new Error(`${m.template} is a call script, not an SMS`);
  const school = await loadSchoolAndCalendar(db, m.schoolId);
  const language: LanguageCode = canonicalCode(m.contact?.preferredLanguage ?? ENGLISH) ?? ENGLISH;
  const free = freeTextOf(m.template, m.params);
  if (free !== undefined) {
    const surname = m.contact?.displayName?.trim().split(/\s+/).slice(1) ?? [];
    const targets = m.pupil ? await db.target.findMany({ where: { pupilId: m.pupil.id }, select: { description: true } }) : [];
    const problems = contentProblems(free, {
      forbiddenNames: [...(m.pupil ? [m.pupil.lastName] : []), ...surname],
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

/** May this contact be sent anything unprompted? (Consent given, not opted out, number alive.) */
export function mayMessage(c: Pick<Contact, 'smsConsent' | 'optedOutAt' | 'unreachableAt'>): boolean {
  return c.smsConsent && c.optedOutAt === null && c.unreachableAt === null;
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
  /** Contact ids left out: no consent, opted out or unreachable. */
  suppressed: string[];
  /** Pairs, for callers that follow up per contact. */
  byContact: { contactId: string; messageId: string }[];
}

/**
 * Sends a catalogue text to every parent or carer with parental responsibility who may be
 * messaged, each in their own language, inside sending hours.
 */
export async function messageParentsOf<K extends TemplateKey>(db: Tx, clock: Clock, o: MessageParents<K>): Promise<ParentsMessaged> {
  const pupil = await db.pupil.findUniqueOrThrow({
    where: { id: o.pupilId },
    include: { contacts: { where: { parentalResponsibility: true }, include: { contact: true }, orderBy: { priority: 'asc' } } },
  });
  const result: ParentsMessaged = { queued: [], suppressed: [], byContact: [] };
  for (const { contact } of pupil.contacts) {
    if (o.onlyContactId && contact.id !== o.onlyContactId) continue;
    if (!mayMessage(contact)) {
      result.suppressed.push(contact.id);
      continue;
    }
    const queued = await queueParentSms(db, clock, {
      schoolId: pupil.schoolId,
      template: o.template,
      params: (o.params ?? {}) as TemplateParams[K],
      contact,
      pupil,
      conversationId: o.conversationId,
      targetId: o.targetId,
      inReplyToId: o.inReplyToId,
      idempotencyKey: o.idempotencyKey ? `${o.idempotencyKey}:${contact.id}` : undefined,
      publicBaseUrl: o.publicBaseUrl,
    });
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
