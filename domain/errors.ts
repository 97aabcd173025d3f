/**
 * Why an operation was refused, in the school's terms and with no transport in it. Every use case
 * throws these (never an HTTP error); each edge maps them once: the API to a status and a reason
 * code, a card to a card that says what to change, the bot to a line of text, SMS to a text.
 *
 * - `not_found`: the thing named does not exist, or the caller may not know it does.
 * - `forbidden`: the caller's role does not allow it.
 * - `invalid`: the input breaks a rule (a time in the holidays, a target of another pupil).
 * - `conflict`: the record's state does not allow it now (already booked, saved by someone else).
 * - `unprocessable`: well-formed but refused on its content (a teacher's words break the SMS content rules).
 */
export type RefusalKind = 'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'unprocessable';

export class DomainError extends Error {
  constructor(
    readonly kind: RefusalKind,
    /** A stable reason code, e.g. "not_bookable", "content_rules"; edges pass it on. */
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', 'not_found', `${what} not found`);
export const forbidden = (why = 'Your role does not allow this'): DomainError => new DomainError('forbidden', 'forbidden', why);
export const invalid = (code: string, message: string, details?: Record<string, unknown>): DomainError => new DomainError('invalid', code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>): DomainError => new DomainError('conflict', code, message, details);
