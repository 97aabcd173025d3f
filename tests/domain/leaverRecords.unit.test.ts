import { leaverRecordsEndOn } from '../../domain/leaverRecords';

const endOn = (rule: { untilAge?: number; years?: number | null }, leftAt: string, yearGroup: number): string =>
  leaverRecordsEndOn({ untilAge: rule.untilAge ?? 31, years: rule.years ?? null }, { leftAt: new Date(leftAt), yearGroup }).toISOString().slice(0, 10);

describe("how long a leaver's record is kept", () => {
  it.each([
    // The youngest of Year 6 in 2025-26 was born on 31 August 2015: 31 on 31 August 2046.
    ['a Year 6 pupil leaving for secondary school in July 2026', '2026-07-20T15:00:00Z', 6, '2046-09-01'],
    ['a Year 11 pupil leaving after GCSEs in June 2026', '2026-06-26T12:00:00Z', 11, '2041-09-01'],
    // Left in October, in the school year that began in September 2026.
    ['a Year 7 pupil moving school in October 2026', '2026-10-14T09:00:00Z', 7, '2046-09-01'],
    ['a reception child leaving on 31 August 2026 (still the 2025-26 school year)', '2026-08-31T10:00:00Z', 0, '2052-09-01'],
    ['a nursery child leaving on 1 September 2026 (the 2026-27 school year)', '2026-09-01T10:00:00Z', -1, '2054-09-01'],
  ])('until the age of 31 (date of birth + 31 years): %s, until %s', (_who, leftAt, yearGroup, expected) => {
    expect(endOn({}, leftAt, yearGroup)).toBe(expected);
  });

  it('until the age of 25 when the school keeps pupil files to date of birth + 25', () => {
    expect(endOn({ untilAge: 25 }, '2026-07-20T15:00:00Z', 6)).toBe('2040-09-01');
  });

  it.each([
    ['2026-07-20T15:00:00Z', 2, '2028-07-20'],
    ['2026-07-20T23:30:00Z', 6, '2032-07-20'],
    // 29 February has no twin in 2029: the record stays a day longer, never a day less.
    ['2028-02-29T12:00:00Z', 1, '2029-03-01'],
  ])('a fixed number of whole years after leaving: left %s, %i years, until %s', (leftAt, years, expected) => {
    expect(endOn({ years }, leftAt, 6)).toBe(expected);
  });
});
