import {
  confidenceCheckAt,
  confirmWithParentAt,
  gatherViewsAt,
  initialConversationDueBy,
  nextConversation,
  nextProgressRound,
  nextStaffReminderTime,
  overdueEscalationAt,
  parentMessageAt,
  prepareAt,
  recordAt,
  reviewDueBy,
  targetReviewAt,
  tellSubjectTeachersAt,
  termToPlanChangesOn,
  termToPlan,
  unansweredReplyEscalationAt,
  updateEveryWeeks,
  type ConversationFacts,
} from '../../domain/conversationCycle';
import type { SchoolCalendar } from '../../domain/schoolCalendar';

const cal: SchoolCalendar = {
  timezone: 'Europe/London',
  terms: [
    { name: 'Autumn 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' },
    { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
  ],
  closures: [
    { kind: 'HOLIDAY', startsOn: '2026-10-26', endsOn: '2026-10-30' },
    { kind: 'TRAINING_DAY', startsOn: '2026-11-02', endsOn: '2026-11-02' },
    { kind: 'NO_PARENT_MESSAGES', startsOn: '2026-11-09', endsOn: '2026-11-09' },
    { kind: 'HOLIDAY', startsOn: '2027-02-15', endsOn: '2027-02-19' },
  ],
  messagesAtWeekends: false,
  messagesInHolidays: false,
  quietHoursStart: '20:00',
  quietHoursEnd: '08:00',
};
const settings = { initialConversationWeeks: 4, reviewByWeekOfTerm: 6 };
const at = (iso: string): Date => new Date(iso);
const meeting = (iso: string): { scheduledAt: Date; durationMinutes: number } => ({ scheduledAt: at(iso), durationMinutes: 30 });

describe('when a structured conversation is due', () => {
  it.each([
    ['joins the register in term: 4 school weeks later, same weekday', '2026-09-10', '2026-09-10', '2026-10-08'],
    ['on the register for years before the school used the product: 4 school weeks from first planning', '2024-01-10', '2026-09-01', '2026-09-30'],
    ['joins just before half term: the holiday week and the training day do not count', '2026-10-15', '2026-10-15', '2026-11-20'],
  ])('initial conversation, pupil %s', (_what, onRegister, firstPlanned, due) => {
    expect(initialConversationDueBy(cal, onRegister, firstPlanned, 4)).toBe(due);
  });

  it.each([
    ['autumn, before week 6 (term starts on a Thursday: that week is week 1)', 0, 6, '2026-10-02'],
    ['spring, before week 6', 1, 6, '2027-02-05'],
    ['spring, before week 7: half term is not a week of term', 1, 7, '2027-02-12'],
    ['autumn, before week 30: a term that short is due by its last day', 0, 30, '2026-12-18'],
    ['autumn, before week 1: never before the term starts', 0, 1, '2026-09-03'],
  ])('review conversation, %s', (_what, term, week, due) => {
    expect(reviewDueBy(cal, cal.terms[term]!, week)).toBe(due);
  });

  const held = (on: string): ConversationFacts => ({ status: 'HELD', dueBy: on, heldOn: on });
  it.each<[string, ConversationFacts[], string, ReturnType<typeof nextConversation>]>([
    ['a pupil with no conversation yet needs an initial one', [], '2026-09-01', { kind: 'INITIAL', dueBy: '2026-09-30' }],
    ['a cancelled conversation does not count', [{ status: 'CANCELLED', dueBy: '2026-09-30', heldOn: null }], '2026-09-01', { kind: 'INITIAL', dueBy: '2026-09-30' }],
    ['an open conversation stands: never a second one', [{ status: 'TO_BOOK', dueBy: '2026-06-30', heldOn: null }], '2026-09-10', { kind: 'none', reason: 'a conversation is open' }],
    ['held last term: a review two weeks before this term starts', [held('2026-06-20')], '2026-08-20', { kind: 'REVIEW', dueBy: '2026-10-02', term: 'Autumn 2026' }],
    ['held last term, three weeks before term: not yet', [held('2026-06-20')], '2026-08-13', { kind: 'none', reason: 'no term to plan' }],
    ['held this term already: nothing more this term', [held('2026-06-20'), held('2026-09-24')], '2026-10-10', { kind: 'none', reason: 'this term has its conversation' }],
    ['initial conversation held this term: the first review is next term', [held('2026-09-24')], '2026-11-20', { kind: 'none', reason: 'this term has its conversation' }],
    ['Christmas holiday: the spring review is planned', [held('2026-09-24')], '2026-12-22', { kind: 'REVIEW', dueBy: '2027-02-05', term: 'Spring 2027' }],
    ['planned after the review week (e.g. the school started mid-term): due by the end of term', [held('2026-06-20')], '2026-11-20', { kind: 'REVIEW', dueBy: '2026-12-18', term: 'Autumn 2026' }],
  ])('%s', (_what, conversations, today, expected) => {
    expect(nextConversation(cal, settings, { onRegisterSince: '2025-05-01' }, conversations, today)).toEqual(expected);
  });
});

describe('when the date alone changes which term a review is planned for (the day rollover plans pupils then)', () => {
  it.each([
    ['in the summer holiday: the autumn window opens 14 days before term', '2026-08-01', '2026-08-20'],
    ['in the autumn term: the day after it ends', '2026-10-01', '2026-12-19'],
    ['in the autumn window before term: the day after it ends', '2026-08-25', '2026-12-19'],
    ['after autumn: the spring window opens 14 days before spring starts', '2026-12-19', '2026-12-22'],
    ['in spring: the day after it ends', '2027-01-10', '2027-03-27'],
    ['after the last term entered: never, until more terms are entered', '2027-03-27', undefined],
  ])('%s', (_what, today, changesOn) => {
    expect(termToPlanChangesOn(cal, today)).toBe(changesOn);
  });

  it('answers exactly where termToPlan changes, over a whole year', () => {
    for (let d = new Date('2026-07-01T00:00:00Z'); d < new Date('2027-06-30T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) {
      const today = d.toISOString().slice(0, 10);
      const changesOn = termToPlanChangesOn(cal, today);
      // Nothing changes before the date given (it may be a date where nothing changes after all, never a late one).
      for (let e = new Date(d.getTime() + 86_400_000); e.toISOString().slice(0, 10) < (changesOn ?? '2027-06-30'); e = new Date(e.getTime() + 86_400_000)) {
        expect(termToPlan(cal, e.toISOString().slice(0, 10))).toEqual(termToPlan(cal, today));
      }
    }
  });
});

describe('when the key teacher and the SENCO are reminded (09:00 school-local, working days only)', () => {
  const nine = '09:00';
  it.each([
    ['gather views: a week before a Tuesday meeting', gatherViewsAt(cal, meeting('2026-10-06T14:30:00Z'), nine), '2026-09-29T08:00:00.000Z'],
    ['gather views: a week before falls in half term, so the Friday before it (BST)', gatherViewsAt(cal, meeting('2026-11-03T15:30:00Z'), nine), '2026-10-23T08:00:00.000Z'],
    ['prepare: the day before a Monday meeting is a Sunday, so the Friday before', prepareAt(cal, meeting('2026-10-19T14:30:00Z'), nine), '2026-10-16T08:00:00.000Z'],
    ['prepare: the day before a Tuesday after the clock change is a training day (staff are in), 09:00 GMT', prepareAt(cal, meeting('2026-11-03T15:30:00Z'), nine), '2026-11-02T09:00:00.000Z'],
    ['record: 30 minutes after the meeting ends, the same day', recordAt(meeting('2026-10-06T14:30:00Z')), '2026-10-06T15:30:00.000Z'],
    ['tell subject teachers: recorded on the Friday before half term, so the first day back', tellSubjectTeachersAt(cal, at('2026-10-23T15:00:00Z'), nine), '2026-11-02T09:00:00.000Z'],
    ['confirm with parent: 2 school days after, skipping half term and the training day', confirmWithParentAt(cal, at('2026-10-22T15:00:00Z'), nine), '2026-11-03T09:00:00.000Z'],
    ['overdue: more than 10 days after the due date', overdueEscalationAt(cal, '2026-10-02', 10, nine), '2026-10-13T08:00:00.000Z'],
    ['overdue: the day falls on a Sunday before half term, so the first working day after', overdueEscalationAt(cal, '2026-10-14', 10, nine), '2026-11-02T09:00:00.000Z'],
    ['unanswered reply: Monday afternoon reply, Tuesday and Wednesday to answer, SENCO told Thursday', unansweredReplyEscalationAt(cal, at('2026-09-14T13:00:00Z'), 2, nine), '2026-09-17T08:00:00.000Z'],
    ['unanswered reply: Friday before half term, 3rd school day after is Thursday 5 Nov', unansweredReplyEscalationAt(cal, at('2026-10-23T13:00:00Z'), 2, nine), '2026-11-05T09:00:00.000Z'],
    ['target review on a Saturday: the Friday before', targetReviewAt(cal, '2026-10-10', nine), '2026-10-09T08:00:00.000Z'],
  ])('%s', (_what, actual, expected) => {
    expect(actual.toISOString()).toBe(expected);
  });

  it.each([
    ['Saturday morning waits for Monday 09:00', '2026-09-12T09:00:00Z', '2026-09-14T08:00:00.000Z'],
    ['early on a school day waits for 09:00', '2026-09-15T06:00:00Z', '2026-09-15T08:00:00.000Z'],
    ['during the working day goes at once', '2026-09-15T11:00:00Z', '2026-09-15T11:00:00.000Z'],
    ['after 18:00 waits for the next morning', '2026-09-15T17:30:00Z', '2026-09-16T08:00:00.000Z'],
    ['in half term waits for the first day back, 09:00 GMT', '2026-10-27T10:00:00Z', '2026-11-02T09:00:00.000Z'],
  ])('a late staff reminder: %s', (_what, now, expected) => {
    expect(nextStaffReminderTime(cal, at(now), '09:00').toISOString()).toBe(expected);
  });
});

describe('when parents hear from school', () => {
  it.each([
    ['the school default', null, 3, 3],
    ['the parent chose every 2 weeks', 2, 3, 2],
    ['a choice below the limit is raised to weekly', 0, 3, 1],
    ['a choice above the limit is capped at 6 weeks', 10, 3, 6],
  ])('progress rhythm: %s', (_what, choice, school, expected) => {
    expect(updateEveryWeeks(choice, school)).toBe(expected);
  });

  it.each([
    ['first round: 3 school weeks after the conversation', '2026-09-24', 3, '2026-09-25', { round: 1, date: '2026-10-15' }],
    ['second round: half term and the training day do not count', '2026-09-24', 3, '2026-10-16', { round: 2, date: '2026-11-13' }],
    ['weekly', '2026-09-24', 1, '2026-10-02', { round: 2, date: '2026-10-08' }],
  ])('progress rounds: %s', (_what, heldOn, weeks, today, expected) => {
    expect(nextProgressRound(cal, heldOn, weeks, today)).toEqual(expected);
  });

  it.each([
    ['the October clock change day, a school messaging at weekends: 16:00 GMT', true, '2026-10-25', '2026-10-25T16:00:00.000Z'],
    ['the March clock change day: 16:00 BST', true, '2027-03-28', '2027-03-28T15:00:00.000Z'],
    ['a Sunday, a school not messaging at weekends: Monday 16:00', false, '2026-10-18', '2026-10-19T15:00:00.000Z'],
  ])('parent message time on %s', (_what, messagesAtWeekends, date, expected) => {
    expect(parentMessageAt({ ...cal, messagesAtWeekends, messagesInHolidays: true }, date).toISOString()).toBe(expected);
  });

  it.each([
    ['the day after, at 16:00', '2026-09-24T14:00:00Z', '2026-09-25T15:00:00.000Z'],
    ['recorded on the Friday before half term: the first day back (a training day, parents may hear)', '2026-10-23T14:00:00Z', '2026-11-02T16:00:00.000Z'],
  ])('confidence check: %s', (_what, recorded, expected) => {
    expect(confidenceCheckAt(cal, at(recorded)).toISOString()).toBe(expected);
  });
});
