import type { Contact } from '../generated/prisma/client';
import type { TemplateKey } from './catalogue';

/**
 * Who may be sent which text: one rule for every SMS the product writes, checked by this one
 * function when a text is queued (messaging/parentMessages.ts) and again when it is sent
 * (sms/smsSender.ts), since a parent may have texted STOP in between.
 *
 * 1. The STOP confirmation goes to the number that asked, though it has just opted out; HELP, and
 *    the answer to a number we do not know, go to the number that asked whatever its consent.
 *    Carriers require HELP and STOP to be answered, and none of the three says anything about a
 *    child (a stranger has no consent to give). Once a number has opted out, HELP is not answered
 *    either: Twilio refuses to send to it (error 21610) until START.
 * 2. Every other text needs SMS consent, no opt-out, and a number that works, whether the parent
 *    asked for it (an answer to their own text, the which-child question) or not.
 * 3. A text that names a child (a text about a pupil, or the children a which-child question
 *    lists) also needs parental responsibility for each child it names: a grandparent or a
 *    social worker on the register is not told about a child's learning by text.
 *
 * A text the rule refuses is not queued at all; the caller carries on (a parent's words still
 * reach staff when no answer can go back).
 */
export const ANSWERS_WITHOUT_CONSENT: ReadonlySet<TemplateKey> = new Set(['help', 'stop.confirmed', 'unknown.number']);

export type TextRefusal = 'no_consent' | 'opted_out' | 'unreachable' | 'no_parental_responsibility';

export type Recipient = Pick<Contact, 'smsConsent' | 'optedOutAt' | 'unreachableAt'>;

/** Why this contact (null: a number we do not know) may not be sent this text; null when they may. */
export function textRefusal(template: TemplateKey, contact: Recipient | null, o: { namesChildWithoutResponsibility?: boolean } = {}): TextRefusal | null {
  if (template === 'stop.confirmed') return null;
  if (ANSWERS_WITHOUT_CONSENT.has(template)) return contact?.optedOutAt ? 'opted_out' : null;
  if (!contact) return 'no_consent';
  return contactRefusal(contact) ?? (o.namesChildWithoutResponsibility ? 'no_parental_responsibility' : null);
}

function contactRefusal(c: Recipient): TextRefusal | null {
  if (c.optedOutAt) return 'opted_out';
  if (c.unreachableAt) return 'unreachable';
  return c.smsConsent ? null : 'no_consent';
}

/** Rule 2 alone: may this contact be texted at all (for lists of who would be texted, before any text is written)? */
export function mayMessage(c: Recipient): boolean {
  return contactRefusal(c) === null;
}
