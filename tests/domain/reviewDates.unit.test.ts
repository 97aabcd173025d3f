import fc from 'fast-check';
import { readTime, timeProblem } from '../../booking/slots';
import { reviewDateProblems } from '../../domain/record';
import { addDays, isSchoolDay, schoolDayOnOrBefore, whyNotSchoolDay, type SchoolCalendar } from '../../domain/schoolCalendar';

/** The demo school's year (demo/demoSchool.ts): terms, half terms, Christmas and Easter, INSET days. */
const year: SchoolCalendar = {
  timezone: 'Europe/London',
  terms: [
    { name: 'Autumn 2026', startsOn: '2026-09-01', endsOn: '2026-12-18' },
    { name: 'Spring 2027', startsOn: '2027-01-04', endsOn: '2027-03-25' },
    { name: 'Summer 2027', startsOn: '2027-04-12', endsOn: '2027-07-21' },
  ],
  closures: [
    { name: 'INSET day', kind: 'TRAINING_DAY', startsOn: '2026-09-01', endsOn: '2026-09-01' },
    { name: 'Autumn half term', kind: 'HOLIDAY', startsOn: '2026-10-26', endsOn: '2026-10-30' },
    { name: 'Christmas holidays', kind: 'HOLIDAY', startsOn: '2026-12-21', endsOn: '2027-01-01' },
    { name: 'INSET day', kind: 'TRAINING_DAY', startsOn: '2027-01-04', endsOn: '2027-01-04' },
    { name: 'Easter holidays', kind: 'HOLIDAY', startsOn: '2027-03-26', endsOn: '2027-04-09' },
    { name: 'No texts (parents evening)', kind: 'NO_PARENT_MESSAGES', startsOn: '2026-11-11', endsOn: '2026-11-11' },
  ],
  messagesAtWeekends: false,
  messagesInHolidays: false,
  quietHoursStart: '20:00',
  quietHoursEnd: '08:00',
};

const anyDayOfTheYear = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2026-09-01', n));
/** From the first school day of the year: a review date comes after a conversation held in term. */
const anyDayAfterTheFirstSchoolDay = fc.integer({ min: 1, max: 364 }).map((n) => addDays('2026-09-01', n));
const target = (reviewBy: string) => ({ area: 'ENGLISH' as const, horizon: 'MEDIUM' as const, description: 'Read aloud', reviewBy });

describe('a review date, like a meeting, falls on a school day', () => {
  it('Given any day of the school year, When the product chooses a review date there, Then it moves to that day or the school day before it, never later', () => {
    fc.assert(
      fc.property(anyDayAfterTheFirstSchoolDay, (date) => {
        const moved = schoolDayOnOrBefore(year, date);
        expect(isSchoolDay(year, moved)).toBe(true);
        expect(moved <= date).toBe(true);
        // The nearest one before: no school day lies between the two.
        for (let d = addDays(moved, 1); d <= date; d = addDays(d, 1)) expect(isSchoolDay(year, d)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('Given any day of the school year, When a teacher chooses it as a review date, Then it is refused exactly when the school is closed, with the reason', () => {
    fc.assert(
      fc.property(anyDayOfTheYear, (date) => {
        const problems = reviewDateProblems({ targets: [target(date)] }, year);
        expect(problems.length === 0).toBe(isSchoolDay(year, date));
        expect(whyNotSchoolDay(year, date) === undefined).toBe(isSchoolDay(year, date));
        for (const p of problems) expect(p).toEqual({ field: 'targets.0.reviewBy', message: expect.stringMatching(/ is .+: choose a school day$/) });
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['Sunday 27 December, in the Christmas holidays', '2026-12-27', 'Sun 27 Dec 2026 is in the Christmas holidays: choose a school day', '2026-12-18'],
    ['an INSET day', '2027-01-04', 'Mon 4 Jan 2027 is a training day (INSET day): choose a school day', '2026-12-18'],
    ['a Saturday in term', '2026-11-14', 'Sat 14 Nov 2026 is a Saturday: choose a school day', '2026-11-13'],
    ['a day in half term', '2026-10-28', 'Wed 28 Oct 2026 is in the autumn half term: choose a school day', '2026-10-23'],
    ['a day after the last term', '2027-07-30', 'Fri 30 July 2027 is after the last term entered: choose a school day', '2027-07-21'],
  ])('Given %s, Then the record card says why and the product would use %s instead', (_what, date, message, before) => {
    expect(reviewDateProblems({ targets: [target(date)] }, year)).toEqual([{ field: 'targets.0.reviewBy', message: message.replace('July', 'Jul') }]);
    expect(schoolDayOnOrBefore(year, date)).toBe(before);
  });

  it('Given a day parents are not texted but pupils are taught, Then it is a good review date', () => {
    expect(reviewDateProblems({ targets: [target('2026-11-11')] }, year)).toEqual([]);
  });
});

describe('a booking refused in the school\'s words', () => {
  const now = new Date('2026-09-30T09:00:00Z');
  it.each([
    ['2026-12-23T15:30', 'Wed 23 Dec 2026, 15:30 is in the Christmas holidays'],
    ['2026-10-27T15:30', 'Tue 27 Oct 2026, 15:30 is in the autumn half term'],
    ['2026-12-26T10:00', 'Sat 26 Dec 2026, 10:00 is in the Christmas holidays'],
    ['2027-08-07T10:00', 'Sat 7 Aug 2027, 10:00 is a Saturday outside the terms'],
    ['2026-12-02T21:00', 'Wed 2 Dec 2026, 21:00 is outside meeting hours, 07:00-20:00'],
    ['2026-10-01T06:30', 'Thu 1 Oct 2026, 06:30 is outside meeting hours, 07:00-20:00'],
    ['2026-09-29T15:30', 'Tue 29 Sept 2026, 15:30 is in the past'],
  ])('Given %s, Then the refusal starts with the time as the teacher reads it: "%s"', (written, expected) => {
    const problem = timeProblem(year, readTime(written, year.timezone), now);
    expect(problem).toBe(expected);
    expect(problem).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('Given a training day or a Saturday in term, Then a meeting may be offered (staff are in; parents who work in the week)', () => {
    expect(timeProblem(year, readTime('2027-01-04T15:30', year.timezone), now)).toBeUndefined();
    expect(timeProblem(year, readTime('2026-12-05T10:00', year.timezone), now)).toBeUndefined();
  });
});
