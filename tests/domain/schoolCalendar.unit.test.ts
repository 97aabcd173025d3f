import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  addSchoolDays,
  aSchoolDayLater,
  atLocalTime,
  canMessageParentsAt,
  isoWeekday,
  isParentMessagingDay,
  isSchoolDay,
  nextParentSendingTime,
  schoolDaysBetween,
  type SchoolCalendar,
} from '../../domain/schoolCalendar';

const autumn: SchoolCalendar = {
  timezone: 'Europe/London',
  terms: [{ name: 'Autumn 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' }],
  closures: [
    { kind: 'HOLIDAY', startsOn: '2026-10-26', endsOn: '2026-10-30' },
    { kind: 'TRAINING_DAY', startsOn: '2026-11-02', endsOn: '2026-11-02' },
    { kind: 'NO_PARENT_MESSAGES', startsOn: '2026-11-09', endsOn: '2026-11-09' },
  ],
  messagesAtWeekends: false,
  messagesInHolidays: false,
  quietHoursStart: '20:00',
  quietHoursEnd: '08:00',
};

describe('the school calendar', () => {
  it.each([
    ['a Tuesday in term', '2026-09-08', true],
    ['a Saturday', '2026-09-12', false],
    ['half term', '2026-10-27', false],
    ['a training day', '2026-11-02', false],
    ['a day parents are not messaged (pupils still taught)', '2026-11-09', true],
    ['the summer holiday before term', '2026-09-01', false],
  ])('%s (%s) is a school day: %s', (_what, date, expected) => {
    expect(isSchoolDay(autumn, date)).toBe(expected);
  });

  it.each([
    ['a Tuesday in term', '2026-09-08', true],
    ['a training day (parents may still hear from school)', '2026-11-02', true],
    ['a day the school set aside from messages', '2026-11-09', false],
    ['half term', '2026-10-28', false],
    ['a Sunday', '2026-09-13', false],
  ])('%s (%s) allows messages to parents: %s', (_what, date, expected) => {
    expect(isParentMessagingDay(autumn, date)).toBe(expected);
  });

  it('treats 09:00 on the October clock change day as 09:00 GMT, and in summer time as 08:00 UTC', () => {
    expect(atLocalTime('2026-10-25', '09:00', 'Europe/London').toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(atLocalTime('2026-10-24', '09:00', 'Europe/London').toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(atLocalTime('2027-03-28', '09:00', 'Europe/London').toISOString()).toBe('2027-03-28T08:00:00.000Z');
  });

  it('holds a 3 a.m. reply until 08:00 the same morning', () => {
    const threeAm = new Date('2026-09-08T02:00:00Z'); // 03:00 BST
    expect(canMessageParentsAt(autumn, threeAm)).toBe(false);
    expect(nextParentSendingTime(autumn, threeAm).toISOString()).toBe('2026-09-08T07:00:00.000Z');
  });

  it('holds a Friday evening message until Monday 08:00', () => {
    const fridayNine = new Date('2026-09-11T20:00:00Z'); // 21:00 BST
    expect(nextParentSendingTime(autumn, fridayNine).toISOString()).toBe('2026-09-14T07:00:00.000Z');
  });

  it('holds a message written in half term until the first day back, in GMT after the clock change', () => {
    const inHalfTerm = new Date('2026-10-27T10:00:00Z');
    expect(nextParentSendingTime(autumn, inHalfTerm).toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });

  it('sends at once inside sending hours', () => {
    const tuesdayNoon = new Date('2026-09-08T11:00:00Z');
    expect(nextParentSendingTime(autumn, tuesdayNoon)).toEqual(tuesdayNoon);
  });

  it('counts school days across half term and a training day', () => {
    expect(addSchoolDays(autumn, '2026-10-22', 2)).toBe('2026-11-03');
    expect(schoolDaysBetween(autumn, '2026-10-22', '2026-11-03')).toBe(2);
    expect(addSchoolDays(autumn, '2026-10-24', 0)).toBe('2026-11-03');
  });

  it('keeps going when no term dates have been entered yet', () => {
    const bare: SchoolCalendar = { ...autumn, terms: [], closures: [] };
    expect(isSchoolDay(bare, '2027-01-05')).toBe(true);
  });
});

describe('calendar arithmetic, checked against a time-zone library', () => {
  const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('moves a date by any number of days, across month ends, leap days and clock changes, and names its weekday', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -800, max: 800 }), (date, days) => {
        const luxon = DateTime.fromISO(date, { zone: 'UTC' });
        expect(addDays(date, days)).toBe(luxon.plus({ days }).toISODate());
        expect(isoWeekday(date)).toBe(luxon.weekday);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same instant for a school-local time however often it is asked, each answer its own Date', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 23 }), fc.constantFrom('00', '15', '30', '59'), fc.constantFrom('Europe/London', 'Europe/Warsaw', 'UTC'), (date, hour, minute, zone) => {
        const hhmm = `${String(hour).padStart(2, '0')}:${minute}`;
        const expected = DateTime.fromISO(`${date}T${hhmm}`, { zone }).toMillis();
        const first = atLocalTime(date, hhmm, zone);
        const again = atLocalTime(date, hhmm, zone);
        expect([first.getTime(), again.getTime()]).toEqual([expected, expected]);
        expect(again).not.toBe(first);
      }),
      { numRuns: 300 },
    );
  });
});

describe('a school day later (an unanswered question asked again, then passed to staff)', () => {
  const cal = {
    timezone: 'Europe/London',
    terms: [{ startsOn: '2026-09-01', endsOn: '2026-12-18' }],
    closures: [{ kind: 'HOLIDAY' as const, startsOn: '2026-10-26', endsOn: '2026-10-30' }],
    messagesAtWeekends: false,
    messagesInHolidays: false,
    quietHoursStart: '20:00',
    quietHoursEnd: '08:00',
  };
  // prettier-ignore
  it.each([
    ['a Monday at 10:00',                          '2026-09-07T09:00:00Z', '2026-09-08T09:00:00.000Z'],
    ['a Friday at 19:30',                          '2026-09-11T18:30:00Z', '2026-09-14T18:30:00.000Z'],
    ['a Friday at 22:00 (read on Monday at 08:00)', '2026-09-11T21:00:00Z', '2026-09-15T07:00:00.000Z'],
    ['a Saturday (read on Monday at 08:00)',        '2026-09-12T10:00:00Z', '2026-09-15T07:00:00.000Z'],
    ['the Friday before half term',                '2026-10-23T09:00:00Z', '2026-11-02T10:00:00.000Z'],
    ['the last day of term, next year not entered', '2026-12-18T09:00:00Z', '2026-12-19T09:00:00.000Z'],
  ])('Given a question asked on %s, Then the next step is at %s', (_, asked, next) => {
    expect(aSchoolDayLater(cal, new Date(asked)).toISOString()).toBe(next);
  });
});
