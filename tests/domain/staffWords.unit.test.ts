import { dayWords, timeWords } from '../../domain/dateWords';
import { dueForReview } from '../../domain/targetReview';
import { AREA_WORDS, nextConversationWords } from '../../domain/words';
import { AREA } from '../../dashboard/words';
import { isAutomaticText } from '../../messaging/parentVoice';
import { isPgConcurrentQueryNotice, logFormat } from '../../runtime/logger';

describe('one fact, one name, wherever staff read it', () => {
  it('Given 28 September, Then every card, page and export writes "28 Sept", whatever the runtime\'s locale data says', () => {
    expect(dayWords('2026-09-28')).toBe('Mon 28 Sept');
    expect(dayWords('2026-09-28', { weekday: false, year: true })).toBe('28 Sept 2026');
    expect(timeWords(new Date('2026-09-28T14:30:00Z'), 'Europe/London')).toBe('Mon 28 Sept, 15:30');
    expect(timeWords('2026-12-28T14:30:00.000Z', 'Europe/London', { year: true })).toBe('Mon 28 Dec 2026, 14:30');
  });

  it('Given a target area, Then the dashboard and the cards name it the same way (the dashboard with a capital)', () => {
    for (const [area, words] of Object.entries(AREA_WORDS)) expect(AREA[area as keyof typeof AREA].toLowerCase()).toBe(words.toLowerCase());
  });

  it.each([
    ['booked', { kind: 'INITIAL', status: 'BOOKED', dueBy: '2026-12-04', scheduledAt: '2026-12-10T08:15:00.000Z' }, 'Initial structured conversation booked for Thu 10 Dec, 08:15'],
    ['still to book', { kind: 'REVIEW', status: 'TO_BOOK', dueBy: '2026-12-04', scheduledAt: null }, 'Review conversation to book, due by Fri 4 Dec'],
    ['offered', { kind: 'ADDITIONAL', status: 'OFFERED', dueBy: '2026-12-04', scheduledAt: null }, 'Additional conversation: times offered, waiting for the parents; due by Fri 4 Dec'],
  ] as const)('Given a conversation %s, Then `my pupils`, the dashboard and the cards say "%s"', (_what, c, words) => {
    expect(nextConversationWords(c, 'Europe/London')).toBe(words);
  });
});

describe('a target due for review, one rule for the due list, the reminder and the figures', () => {
  const today = '2026-12-01';
  const horizon = '2026-12-08';
  it.each([
    ['reviewed before its date, which has passed (the figures count it reviewed on time)', { status: 'WORKING_TOWARDS', reviewBy: '2026-11-20', reviewedOn: '2026-11-10' }, false],
    ['never reviewed, its date passed (off track)', { status: 'WORKING_TOWARDS', reviewBy: '2026-11-20', reviewedOn: null }, true],
    ['due this week, with a progress note a week before (the review on the day still stands)', { status: 'WORKING_TOWARDS', reviewBy: '2026-12-04', reviewedOn: '2026-11-27' }, true],
    ['due this week, reviewed on its day already', { status: 'WORKING_TOWARDS', reviewBy: '2026-12-01', reviewedOn: '2026-12-01' }, false],
    ['achieved', { status: 'ACHIEVED', reviewBy: '2026-11-20', reviewedOn: null }, false],
    ['due after the week', { status: 'NOT_STARTED', reviewBy: '2026-12-15', reviewedOn: null }, false],
  ] as const)('Given a target %s, Then it is due: %s', (_what, t, due) => {
    expect(dueForReview(t, today, horizon)).toBe(due);
  });
});

describe("the pupil's timeline folds away what the service did by itself", () => {
  const at = new Date('2026-11-12T16:00:00Z');
  it.each([
    ['the thank-you for a reply', { direction: 'OUTBOUND', template: 'reply.received', createdAt: at, handledAt: null, handledById: null }, true],
    ['the confirmation of a STOP', { direction: 'OUTBOUND', template: 'stop.confirmed', createdAt: at, handledAt: null, handledById: null }, true],
    ['a booking offer', { direction: 'OUTBOUND', template: 'booking.offer', createdAt: at, handledAt: null, handledById: null }, false],
    ['a teacher\'s own words', { direction: 'OUTBOUND', template: 'teacher.message', createdAt: at, handledAt: null, handledById: null }, false],
    ['a parent\'s "STOP" or "2", answered at once', { direction: 'INBOUND', template: null, createdAt: at, handledAt: at, handledById: null }, true],
    ['a parent\'s words marked handled by a teacher', { direction: 'INBOUND', template: null, createdAt: at, handledAt: new Date(at.getTime() + 3_600_000), handledById: 'staff' }, false],
    ['a parent\'s words marked handled later through the API key', { direction: 'INBOUND', template: null, createdAt: at, handledAt: new Date(at.getTime() + 3_600_000), handledById: null }, false],
    ['a parent\'s words waiting for an answer', { direction: 'INBOUND', template: null, createdAt: at, handledAt: null, handledById: null }, false],
  ] as const)('Given %s, Then it is folded away: %s', (_what, m, automatic) => {
    expect(isAutomaticText(m)).toBe(automatic);
  });
});

describe('what a newcomer sees in the terminal', () => {
  it.each([
    [{ isTTY: true, nodeEnv: 'development', prettyInstalled: true }, 'pretty'],
    [{ isTTY: false, nodeEnv: 'development', prettyInstalled: true }, 'json'],
    [{ isTTY: true, nodeEnv: 'production', prettyInstalled: true }, 'json'],
    [{ isTTY: true, nodeEnv: 'development', prettyInstalled: false }, 'json'],
  ])('Given %o, Then the log is %s', (o, format) => {
    expect(logFormat(o)).toBe(format);
  });

  it("Given pg's notice about a query sent while one is running (Prisma's nested reads in a transaction), Then it is recognised, and no other warning is", () => {
    const pgNotice = Object.assign(new Error('Calling client.query() when the client is already executing a query is deprecated and will be removed in pg@9.0. Use async/await or an external async flow control mechanism instead.'), { name: 'DeprecationWarning' });
    expect(isPgConcurrentQueryNotice(pgNotice)).toBe(true);
    expect(isPgConcurrentQueryNotice(Object.assign(new Error('Client.activeQuery is deprecated'), { name: 'DeprecationWarning' }))).toBe(false);
    expect(isPgConcurrentQueryNotice(Object.assign(new Error(pgNotice.message), { name: 'Warning' }))).toBe(false);
  });
});
