import type { ConversationKind, ConversationStatus, PupilInvolvement, TargetArea, TargetHorizon, TargetStatus } from '../generated/prisma/enums';
import { dayWords, timeWords } from './dateWords';

/**
 * The school's words for the record's codes, one name per fact wherever staff read it: cards,
 * reminders, the dashboard, the printable record and the exports (dashboard/words.ts starts them
 * with a capital for tables). Texts to parents have their own words in each language (messaging/catalogue).
 */
export const STATUS_WORDS: Record<TargetStatus, string> = {
  NOT_STARTED: 'not started',
  WORKING_TOWARDS: 'working towards',
  ACHIEVED: 'achieved',
  NEEDS_CHANGE: 'needs a change',
  CLOSED: 'closed',
};

/** The areas as the programme names them: English and maths, and the wider outcomes (000:1251-1260). */
export const AREA_WORDS: Record<TargetArea, string> = {
  ENGLISH: 'English',
  MATHS: 'maths',
  ATTENDANCE: 'attendance',
  BEHAVIOUR: 'behaviour',
  BULLYING: 'bullying',
  RELATIONSHIPS: 'positive relationships',
  PARTICIPATION: 'participation (clubs and activities)',
  OTHER: 'other',
};

export const HORIZON_WORDS: Record<TargetHorizon, string> = {
  SHORT: 'short term, a few lessons',
  MEDIUM: 'medium term, a unit of work',
  LONG: 'long term, the school year',
};

export const INVOLVEMENT_WORDS: Record<PupilInvolvement, string> = {
  TOOK_PART_FULLY: 'took part in all of it',
  TOOK_PART_IN_PART: 'took part in some of it',
  VIEWS_GATHERED_BEFOREHAND: 'views gathered beforehand',
  NOT_INVOLVED: 'not involved',
};

/** "Reception", "Year 5". */
export function yearGroupWords(yearGroup: number): string {
  return yearGroup === -1 ? 'Nursery' : yearGroup === 0 ? 'Reception' : `Year ${yearGroup}`;
}

export const CONVERSATION_KIND_WORDS: Record<ConversationKind, string> = {
  INITIAL: 'initial structured conversation',
  REVIEW: 'review conversation',
  ADDITIONAL: 'additional conversation',
};

export const CONVERSATION_STATUS_WORDS: Record<ConversationStatus, string> = {
  TO_BOOK: 'to book',
  OFFERED: 'times offered',
  BOOKED: 'booked',
  HELD: 'held',
  CANCELLED: 'cancelled',
};

export interface NextConversation {
  kind: ConversationKind;
  status: ConversationStatus;
  /** School-local date. */
  dueBy: string;
  scheduledAt: Date | string | null;
}

/**
 * A pupil's next conversation in one sentence, the same in `my pupils`, the dashboard's pupil list
 * and the cards: a booked one by its time, one still to book by its due date.
 */
export function nextConversationWords(c: NextConversation, timezone: string): string {
  const kind = CONVERSATION_KIND_WORDS[c.kind];
  const Kind = kind.charAt(0).toUpperCase() + kind.slice(1);
  if (c.status === 'BOOKED' && c.scheduledAt) return `${Kind} booked for ${timeWords(c.scheduledAt, timezone)}`;
  if (c.status === 'OFFERED') return `${Kind}: times offered, waiting for the parents; due by ${dayWords(c.dueBy)}`;
  if (c.status === 'HELD') return `${Kind} held`;
  if (c.status === 'CANCELLED') return `${Kind} cancelled`;
  return `${Kind} to book, due by ${dayWords(c.dueBy)}`;
}
