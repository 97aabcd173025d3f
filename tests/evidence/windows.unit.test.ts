import { rangeInTerm, resolveTerm, schoolYearStartOf, termOf, termsOfSchoolYear, windowNumbers, type Term } from '../../evidence/windows';

const terms: Term[] = [
  { name: 'Summer 2026', startsOn: '2026-04-20', endsOn: '2026-07-22' },
  { name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' },
  { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
  { name: 'Summer 2027', startsOn: '2027-04-12', endsOn: '2027-07-21' },
];
const halfTerms: Term[] = [
  { name: 'Autumn 1', startsOn: '2026-09-02', endsOn: '2026-10-23' },
  { name: 'Autumn 2', startsOn: '2026-11-02', endsOn: '2026-12-18' },
];

describe("assessment windows are the school's terms", () => {
  it.each([
    ['Autumn 2026', 'Autumn 2026'],
    ['autumn  2026', 'Autumn 2026'],
    ['2026-11-20', 'Autumn 2026'],
    ['20/11/2026', 'Autumn 2026'],
    // In the Christmas holiday: the term just ended.
    ['2026-12-30', 'Autumn 2026'],
    ['Aut 2026', 'Autumn 2026'],
    ['2026/27 Spring', 'Spring 2027'],
    ['Spring Term 2027', 'Spring 2027'],
    ['Summer 2026-27', 'Summer 2027'],
    ['Summer 2026', 'Summer 2026'],
  ])('%j is %s', (text, name) => {
    expect(resolveTerm(terms, text)).toEqual({ term: terms.find((t) => t.name === name) });
  });

  it.each([
    ['Winter 2026', '"Winter 2026" is not a term of this school (use a term of the school (Summer 2026, Autumn 2026, Spring 2027, Summer 2027) or a date in one)'],
    ['2025-12-01', '2025-12-01 is before the first term the school has entered (use a term of the school (Summer 2026, Autumn 2026, Spring 2027, Summer 2027) or a date in one)'],
  ])('%j is refused, saying what is accepted', (text, error) => {
    expect(resolveTerm(terms, text)).toEqual({ error });
  });

  it('asks for the name when a season matches two half terms', () => {
    expect(resolveTerm(halfTerms, 'Autumn 2026')).toEqual({ error: '"Autumn 2026" could be Autumn 1 or Autumn 2: name the term' });
    expect(resolveTerm(halfTerms, 'autumn 2')).toEqual({ term: halfTerms[1] });
    expect(resolveTerm([], 'Autumn 2026')).toEqual({ error: 'the school has entered no terms yet: its calendar names the terms evidence is recorded in' });
  });

  it('knows the school year a date is in and its terms', () => {
    expect([schoolYearStartOf('2026-09-01'), schoolYearStartOf('2026-08-31'), schoolYearStartOf('2027-03-01')]).toEqual(['2026-09-01', '2025-09-01', '2026-09-01']);
    expect(termsOfSchoolYear(terms, '2027-02-10').map((t) => t.name)).toEqual(['Autumn 2026', 'Spring 2027', 'Summer 2027']);
    expect(termOf(terms, '2026-08-10')?.name).toBe('Summer 2026');
  });

  it("puts a date range in a term when it starts there and ends before the next term", () => {
    const autumn = terms[1]!;
    expect(rangeInTerm(terms, autumn, { from: '2026-09-02', to: '2026-12-18' })).toBe(true);
    expect(rangeInTerm(terms, autumn, { from: '2026-10-01', to: '2026-10-31' })).toBe(true);
    expect(rangeInTerm(terms, autumn, { from: '2026-09-02', to: '2027-07-21' })).toBe(false);
    expect(rangeInTerm(terms, autumn, { from: '2026-08-01', to: '2026-09-30' })).toBe(false);
  });

  it('numbers windows in order, whether from the calendar or only from points recorded in them', () => {
    expect(windowNumbers(['2027-01-05', '2026-09-02', '2025-09-03', '2026-09-02'])).toEqual(new Map([['2025-09-03', 0], ['2026-09-02', 1], ['2027-01-05', 2]]));
  });
});
