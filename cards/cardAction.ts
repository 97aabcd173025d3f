import { z, ZodError } from 'zod';
import type { Message, Staff } from '../generated/prisma/client';
import type { Principal } from '../domain/access';
import { DomainError, invalid } from '../domain/errors';
import { adaptiveCard, banner, heading, type AdaptiveCard } from './adaptive';

/**
 * The card side of Teams, with nothing of botbuilder in it: what a button press (Action.Execute)
 * carries, how a capability answers it, and the one mapping from a refusal to the card a teacher
 * reads. A refusal (a `DomainError`: the record changed, the role does not allow it, the words
 * break the SMS rules) says what to change; a fault on our side says to try again. The two are told
 * apart by the id of the card's banner (`refusal:<reason>` or `fault`), which tests check.
 */
export interface CardActionInput {
  /** Who pressed the button. */
  staff: Staff;
  principal: Principal;
  /** The action's data merged with the card's inputs, as Teams sent them (not to be trusted). */
  data: Record<string, unknown>;
}

export type CardAction = (input: CardActionInput) => Promise<AdaptiveCard>;

/**
 * What a stored staff notice becomes when it is delivered, re-checked against the record as it is
 * then: sent with the card built now (and its text, if what is true now reads differently), or
 * dropped because it is no longer true (the conversation was booked since, the parent texted
 * START again, the reply was answered). Every kind of staff notice has one (service/capabilities.ts
 * refuses to start otherwise), so nothing reaches a teacher as it stood when it was queued.
 */
export type NoticeNow = { send: true; card?: AdaptiveCard; text?: string } | { send: false; why: string };
export type NoticeCard = (message: Message, now: Date) => Promise<NoticeNow>;

export const sendNotice = (card?: AdaptiveCard, text?: string): NoticeNow => ({ send: true, ...(card ? { card } : {}), ...(text ? { text } : {}) });
export const dropNotice = (why: string): NoticeNow => ({ send: false, why });

const storedCardShape = z.looseObject({ type: z.literal('AdaptiveCard'), version: z.string(), body: z.array(z.unknown()) });

/** The card stored with a notice (a JSON column), read through its shape; undefined when there is none. */
export function storedCard(m: Pick<Message, 'card'>): AdaptiveCard | undefined {
  const parsed = storedCardShape.safeParse(m.card);
  return parsed.success ? (parsed.data as unknown as AdaptiveCard) : undefined;
}

export const FAULT_ID = 'fault';
export const refusalId = (reason: string): string => `refusal:${reason}`;

/** What a teacher reads when a card action fails on our side (the database away, a bug), instead of Teams' generic error. */
export const CARD_FAULT = "That could not be done just now, on our side. Please try again in a minute; if it keeps happening, tell the school's admin.";

export function refusalCard(message: string, reason: string): AdaptiveCard {
  return adaptiveCard([...heading('Sorry'), { ...banner(message, 'attention'), id: refusalId(reason) }]);
}

export function faultCard(): AdaptiveCard {
  return adaptiveCard([...heading('Sorry'), { ...banner(CARD_FAULT, 'attention'), id: FAULT_ID }]);
}

export type CardAnswer = { card: AdaptiveCard; fault?: undefined } | { card: AdaptiveCard; fault: unknown };

/** Runs a verb's handler and maps what it throws: a refusal to a card saying so, anything else to the fault card (the caller logs it). */
export async function answerCardAction(action: CardAction | undefined, input: CardActionInput): Promise<CardAnswer> {
  if (!action) return { card: refusalCard('This button is from an older version of the app. Type "help" to start again.', 'unknown_action') };
  try {
    return { card: await action(input) };
  } catch (err) {
    if (err instanceof DomainError) return { card: refusalCard(err.message, err.code) };
    // Card data of a shape our cards never send (altered, or from a much older card): refused, nothing saved.
    if (err instanceof ZodError) return { card: refusalCard('This card could not be read. Type "help" to start again.', 'card_unreadable') };
    return { card: faultCard(), fault: err };
  }
}

const uuid = z.uuid();

/** The id a card refers to (a conversation, a pupil, a message); refused when missing or not an id. */
export function idFrom(data: Record<string, unknown>, key: string): string {
  const parsed = uuid.safeParse(data[key]);
  if (!parsed.success) throw invalid('card_data', 'This card is missing what it refers to. Type "help" to start again.');
  return parsed.data;
}

/** An id the card may leave out. */
export function optionalIdFrom(data: Record<string, unknown>, key: string): string | undefined {
  return uuid.safeParse(data[key]).data;
}

/** A text input's value, trimmed; undefined when empty or not text. */
export function textFrom(data: Record<string, unknown>, key: string): string | undefined {
  const v = data[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** A toggle's value: Teams sends "true"/"false" strings, the emulator booleans. */
export function flagFrom(data: Record<string, unknown>, key: string): boolean {
  return data[key] === 'true' || data[key] === true;
}
