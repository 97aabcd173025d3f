import { z } from 'zod';
import type { Staff } from '../../generated/prisma/client';
import { answerCardAction, FAULT_ID, refusalId, type CardActionInput } from '../../cards/cardAction';
import { conflict, forbidden } from '../../domain/errors';

/**
 * The card edge's one mapping: a refusal reads as a refusal (with its reason in the banner's id),
 * a fault on our side as a fault, and the two can never be mistaken for each other.
 */
const input: CardActionInput = { staff: { id: 's' } as Staff, principal: { kind: 'apiKey', label: 'test' }, data: {} };
const bannerIds = (card: unknown): string[] => [...JSON.stringify(card).matchAll(/"id":"([^"]+)"/g)].map((m) => m[1]!);

it.each([
  ['a refusal of the role', () => Promise.reject(forbidden("Only the pupil's key teacher, the SENCO or an admin can do this.")), refusalId('forbidden'), undefined],
  ['a conflict of the record', () => Promise.reject(conflict('not_bookable', 'Already booked: reschedule it instead')), refusalId('not_bookable'), undefined],
  ['card data of the wrong shape', () => Promise.reject(z.object({ a: z.string() }).parse({ a: 1 })), refusalId('card_unreadable'), undefined],
  ['a fault (the database away)', () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')), FAULT_ID, 'fault'],
])('Given %s, Then the card is marked %s', async (_what, action, id, fault) => {
  const answer = await answerCardAction(action, input);
  expect(bannerIds(answer.card)).toEqual([id]);
  expect(answer.fault === undefined ? undefined : 'fault').toBe(fault);
});

it('Given a verb no capability answers, Then it is refused as a button from an older version', async () => {
  const answer = await answerCardAction(undefined, input);
  expect(bannerIds(answer.card)).toEqual([refusalId('unknown_action')]);
  expect(JSON.stringify(answer.card)).toContain('older version');
});
