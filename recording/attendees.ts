import { z } from 'zod';
import { attendeeSchema, type Attendee } from '../domain/record';

/**
 * Who took part, as stored in the conversation's `attendees` JSON column: read through the same
 * schema that validated it on the way in, so a row written by an older version (or by hand) that
 * does not fit is read as no attendees rather than cast into something it is not.
 */
const stored = z.array(attendeeSchema);

export function attendeesOf(json: unknown): Attendee[] {
  return stored.safeParse(json).data ?? [];
}
