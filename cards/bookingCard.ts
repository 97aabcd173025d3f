import type { IDateInput, ITimeInput } from '@microsoft/teams.cards';
import type { ConversationKind, ConversationStatus } from '../generated/prisma/enums';
import { adaptiveCard, banner, container, dayLabel, execute, facts, heading, openUrl, paragraph, type AdaptiveCard, type CardBody } from './adaptive';

/**
 * "Book it" (`reminder.book`): the key teacher offers the parents 2-4 times from the card; the
 * parents get one text listing them and the first to answer books it (booking/booking.ts).
 */
export const BOOKING_OFFER = 'booking.offerTimes';
/** Opens the card for a conversation (from the `due` list). */
export const BOOKING_OPEN = 'booking.open';
export const OFFER_SLOTS = 4;
const REQUIRED_SLOTS = 2;

const KIND_WORDS: Record<ConversationKind, string> = { INITIAL: 'Initial', REVIEW: 'Review', ADDITIONAL: 'Additional' };

export interface BookingCardData {
  conversationId: string;
  pupil: { id: string; firstName: string };
  kind: ConversationKind;
  status: ConversationStatus;
  dueBy: Date;
  /** Parents and carers with parental responsibility who may be texted. */
  parents: string[];
  /** The times of the open offer, e.g. "Tue 6 Oct, 15:30" (status OFFERED). */
  offered: string[];
  /** When the meeting is (status BOOKED). */
  bookedLabel: string | null;
  recordUrl: string;
  /** School-local date (yyyy-mm-dd) the date pickers start from. */
  today: string;
  /** What the teacher typed, kept when an offer is refused. */
  values?: Record<string, string>;
  error?: string;
  notice?: string;
  /** Why the card came: what a parent said or what is late ("cannot come ... Please offer new times"). */
  prompt?: string;
}

const slotKey = (i: number, part: 'date' | 'time'): string => `slot${i}_${part}`;

function slotInputs(d: BookingCardData): CardBody {
  const rows: CardBody = [];
  for (let i = 1; i <= OFFER_SLOTS; i += 1) {
    const required = i <= REQUIRED_SLOTS;
    const date: IDateInput = { type: 'Input.Date', id: slotKey(i, 'date'), label: `Time ${i}: day${required ? '' : ' (optional)'}`, min: d.today, ...(required ? { isRequired: true, errorMessage: `Choose the day of time ${i}` } : {}) };
    const time: ITimeInput = { type: 'Input.Time', id: slotKey(i, 'time'), label: `Time ${i}: starts at`, ...(required ? { isRequired: true, errorMessage: `Choose the start of time ${i}` } : {}) };
    const dateValue = d.values?.[slotKey(i, 'date')];
    const timeValue = d.values?.[slotKey(i, 'time')];
    rows.push(container([{ ...date, ...(dateValue ? { value: dateValue } : {}) }, { ...time, ...(timeValue ? { value: timeValue } : {}) }], { spacing: 'Medium' }));
  }
  return rows;
}

/** Reads the slot inputs of the card: school-local dates and times, or what is wrong with them. */
export function parseSlotInputs(data: Record<string, unknown>): { slots: { date: string; time: string }[]; values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const slots: { date: string; time: string }[] = [];
  const problems: string[] = [];
  for (let i = 1; i <= OFFER_SLOTS; i += 1) {
    const date = String(data[slotKey(i, 'date')] ?? '').trim();
    const time = String(data[slotKey(i, 'time')] ?? '').trim();
    if (date) values[slotKey(i, 'date')] = date;
    if (time) values[slotKey(i, 'time')] = time;
    if (!date && !time) continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) problems.push(`Time ${i} needs both a day and a start time.`);
    else slots.push({ date, time });
  }
  if (problems.length === 0 && slots.length < REQUIRED_SLOTS) problems.push(`Offer at least ${REQUIRED_SLOTS} times.`);
  return { slots, values, problems };
}

export function bookingCard(d: BookingCardData): AdaptiveCard {
  const first = d.pupil.firstName;
  const open = openUrl('Open the record', d.recordUrl);
  const body: CardBody = [
    ...heading(`Book ${first}'s structured conversation`, `${KIND_WORDS[d.kind]} conversation, due by ${dayLabel(d.dueBy)}`),
    ...(d.prompt ? [banner(d.prompt, 'warning')] : []),
    ...(d.notice ? [banner(d.notice, 'good')] : []),
    ...(d.error ? [banner(d.error, 'attention')] : []),
  ];
  const fallbackText = `Book ${first}'s structured conversation`;

  if (d.status === 'BOOKED' || d.status === 'HELD' || d.status === 'CANCELLED') {
    const state = d.status === 'BOOKED' ? `Booked for ${d.bookedLabel ?? 'a time agreed with the parents'}.` : d.status === 'HELD' ? 'This conversation has been held.' : 'This conversation was cancelled.';
    return adaptiveCard([...body, paragraph(state)], [open], { fallbackText });
  }
  if (d.parents.length === 0) {
    body.push(banner(`No parent or carer of ${first} can be texted (no consent, opted out, or the number does not work). Arrange the meeting by phone or in person, then record it.`, 'warning'));
    return adaptiveCard(body, [open], { fallbackText });
  }
  body.push(
    d.status === 'OFFERED'
      ? paragraph(`Times offered, waiting for an answer: ${d.offered.join('; ')}. Offering new times withdraws these.`)
      : paragraph('Offer two to four times. Each parent below gets one text listing them; the first to reply with a number books it, and I will tell you.'),
    facts([[d.status === 'OFFERED' ? 'Texted' : 'Will be texted', d.parents.join(', ')]]),
  );
  const send = execute('Text the parents these times', BOOKING_OFFER, { conversationId: d.conversationId }, { style: 'positive' });
  const title = d.status === 'OFFERED' ? 'Offer other times' : 'Offer times';
  // After a refusal the form stays open with what was typed; otherwise it is one tap away.
  if (d.error) return adaptiveCard([...body, paragraph('Times are school time.', { subtle: true }), ...slotInputs(d)], [send, open], { fallbackText });
  return adaptiveCard(
    body,
    [{ type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body: [paragraph('Times are school time.', { subtle: true }), ...slotInputs(d)], actions: [send] } }, open],
    { fallbackText },
  );
}
