import { dayWords, timeWords } from '../domain/dateWords';
import { AREA_WORDS } from '../domain/words';
import type { ConversationKind, TargetArea } from '../generated/prisma/client';

/**
 * What staff read in Teams, in the school's words. Staff see the pupil's name (Teams is the
 * school's own system); nothing here goes to parents.
 */
export interface ReminderFacts {
  pupil: string;
  kind: ConversationKind;
  timezone: string;
  dueBy: string;
  scheduledAt: Date | null;
  keyTeacher: string | null;
  overdueDays?: number;
  schoolDays?: number;
  receivedAt?: Date;
  area?: TargetArea;
  reviewBy?: string;
  sinceDate?: string;
}

const KIND_WORDS: Record<ConversationKind, string> = { INITIAL: 'initial', REVIEW: 'review', ADDITIONAL: 'additional' };
const day = (iso: string): string => dayWords(iso);
const when = (instant: Date, zone: string): string => timeWords(instant, zone);

export const reminderText: Record<string, (f: ReminderFacts) => string> = {
  'reminder.book': (f) => `${f.pupil} needs an ${KIND_WORDS[f.kind]} structured conversation by ${day(f.dueBy)}. Offer the parents some times.`,
  'reminder.gatherViews': (f) =>
    `${f.pupil}'s structured conversation is on ${when(f.scheduledAt!, f.timezone)}. Before then, gather progress and gaps from colleagues (English and maths) and ${f.pupil}'s own views.`,
  'reminder.prepare': (f) => `Structured conversation with ${f.pupil}'s parents on ${when(f.scheduledAt!, f.timezone)}. Open the Prepare card to get ready.`,
  'reminder.record': (f) => `How did the conversation about ${f.pupil} go? Record it while it is fresh: explore, focus, plan, review, and the targets agreed.`,
  'reminder.tellSubjectTeachers': (f) => `Tell ${f.pupil}'s subject teachers and other staff what was agreed in the structured conversation, and the curriculum targets.`,
  'reminder.confirmWithParent': (f) => `${f.pupil}'s parents have not yet had the agreed targets, actions and support confirmed. Please confirm them.`,
  'reminder.targetReview': (f) => `${f.pupil}'s ${AREA_WORDS[f.area!]} target is due for review on ${day(f.reviewBy!)}. How is it going?`,
  'progress.askTeacher': (f) =>
    `${f.pupil}'s parents are due a progress update, but nothing new has been noted since ${day(f.sinceDate!)}. Add a progress note on a target and it will go to them.`,
  'escalation.overdueConversation': (f) =>
    `${f.pupil}'s ${KIND_WORDS[f.kind]} structured conversation was due by ${day(f.dueBy)} and has not been held (${f.overdueDays} days overdue; key teacher: ${f.keyTeacher ?? 'none'}).`,
  'escalation.unansweredReply': (f) =>
    `A message from ${f.pupil}'s parent on ${when(f.receivedAt!, f.timezone)} has had no answer for ${f.schoolDays} school days (key teacher: ${f.keyTeacher ?? 'none'}).`,
};
