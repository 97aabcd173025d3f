/**
 * How long a school keeps the record of a pupil who has left. Schools keep SEN files until the
 * pupil's date of birth plus 31 years (the records management toolkit for schools, in
 * ../shared/domain.md); a school that passes the file on to the next school may keep its copy a
 * fixed number of years instead. We hold no date of birth (minimisation), so the age rule reckons
 * from the year group the pupil left in: English year groups run from 1 September, and the
 * youngest child of year group Y in the school year starting in September S was born on 31 August
 * of S - 4 - Y (reception, Y = 0, turn five during the year). Reckoning from the youngest possible
 * birthday never removes a record early; a year group not yet moved up at leaving only keeps it longer.
 */
export interface LeaverRecordsRule {
  /** Keep until the pupil is this age. */
  untilAge: number;
  /** Instead, when set: whole years after leaving. */
  years: number | null;
}

export const LEAVER_RECORDS_AGE = { min: 18, max: 40, default: 31 } as const;
export const LEAVER_RECORDS_YEARS = { min: 1, max: 40 } as const;

const SEPTEMBER = 8;

/** The first day (UTC midnight) on which the record of a pupil who left on `leftAt` may be anonymised. */
export function leaverRecordsEndOn(rule: LeaverRecordsRule, pupil: { leftAt: Date; yearGroup: number }): Date {
  const left = pupil.leftAt;
  if (rule.years !== null) {
    // 29 February moves to 1 March in a year without one: later, never earlier.
    return new Date(Date.UTC(left.getUTCFullYear() + rule.years, left.getUTCMonth(), left.getUTCDate()));
  }
  const schoolYearStart = left.getUTCMonth() >= SEPTEMBER ? left.getUTCFullYear() : left.getUTCFullYear() - 1;
  const youngestBornIn = schoolYearStart - 4 - pupil.yearGroup;
  // Born 31 August, they reach the age on 31 August; the record goes from the next day.
  return new Date(Date.UTC(youngestBornIn + rule.untilAge, SEPTEMBER, 1));
}
