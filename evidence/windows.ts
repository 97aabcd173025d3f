import { date as dateCell } from '../roster/values';
import type { IsoDate } from '../domain/schoolCalendar';

/**
 * Assessment windows and attendance periods are the school's own terms (`SchoolTerm`). Evidence
 * keeps a term by its first day and name rather than its row: the calendar is replaced whole when it
 * is saved, and a term re-entered with the same first day is the same window. Pure.
 */
export interface Term {
  name: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

const compact = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const byStart = (terms: Term[]): Term[] => [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

/**
 * The term a date belongs to: the one it falls in, or, in a holiday, the term just ended (end of
 * term assessments and attendance reports are often entered in the holiday after it).
 */
export function termOf(terms: Term[], day: IsoDate): Term | undefined {
  return byStart(terms).findLast((t) => t.startsOn <= day);
}

/** The term before `term` in the school's calendar. */
export function termBefore(terms: Term[], term: Term): Term | undefined {
  return byStart(terms).findLast((t) => t.startsOn < term.startsOn);
}

/** The first day of the school year (1 September) a date is in. */
export function schoolYearStartOf(day: IsoDate): IsoDate {
  const year = Number(day.slice(0, 4));
  return `${Number(day.slice(5, 7)) >= 9 ? year : year - 1}-09-01`;
}

/** The school's terms that start in the school year of `day`, in order. */
export function termsOfSchoolYear(terms: Term[], day: IsoDate): Term[] {
  const from = schoolYearStartOf(day);
  const to = `${Number(from.slice(0, 4)) + 1}-08-31`;
  return byStart(terms).filter((t) => t.startsOn >= from && t.startsOn <= to);
}

/** Whether a date range belongs to a term: it starts in it (or the holiday after) and ends before the next term starts. */
export function rangeInTerm(terms: Term[], term: Term, range: { from: IsoDate; to: IsoDate }): boolean {
  const next = byStart(terms).find((t) => t.startsOn > term.startsOn);
  return termOf(terms, range.from)?.startsOn === term.startsOn && (!next || range.to < next.startsOn);
}

const SEASONS: Record<string, 'autumn' | 'spring' | 'summer'> = { autumn: 'autumn', aut: 'autumn', fall: 'autumn', spring: 'spring', spr: 'spring', summer: 'summer', sum: 'summer' };

/** The season a term is in, by the month it starts: autumn from August, spring from January, summer from April. */
function seasonOf(t: Term): 'autumn' | 'spring' | 'summer' {
  const month = Number(t.startsOn.slice(5, 7));
  return month >= 8 ? 'autumn' : month <= 3 ? 'spring' : 'summer';
}

/**
 * "Autumn 2026", "Aut 2026", "2026/27 Autumn", "Spring Term 2027", "Summer 2026-27": a season and a
 * calendar or school year. Several terms matching (half terms) is for the school to resolve by name.
 */
function bySeason(terms: Term[], text: string): Term[] | undefined {
  const words = text.toLowerCase().match(/[a-z]+|\d{4}(?:\s*[/-]\s*\d{2,4})?/g) ?? [];
  const season = words.map((w) => SEASONS[w]).find((s) => s !== undefined);
  const year = words.find((w) => /^\d{4}/.test(w));
  if (!season || !year) return undefined;
  // A school year ("2026/27") puts spring and summer in its second calendar year.
  const startYear = Number(year.slice(0, 4));
  const calendarYear = /[/-]/.test(year) && season !== 'autumn' ? startYear + 1 : startYear;
  return terms.filter((t) => seasonOf(t) === season && Number(t.startsOn.slice(0, 4)) === calendarYear);
}

/** The accepted values, for a rejection that says what to write instead. */
function acceptedTerms(terms: Term[]): string {
  return `a term of the school (${byStart(terms).map((t) => t.name).join(', ')}) or a date in one`;
}

/** The school's term a cell or request names: by its name, a date in it, or a season and year. */
export function resolveTerm(terms: Term[], text: string): { term: Term } | { error: string } {
  const written = text.trim();
  if (terms.length === 0) return { error: 'the school has entered no terms yet: its calendar names the terms evidence is recorded in' };
  const named = terms.find((t) => compact(t.name) === compact(written));
  if (named) return { term: named };
  const asDate = dateCell.safeParse(written);
  if (asDate.success) {
    const term = termOf(terms, asDate.data);
    return term ? { term } : { error: `${written} is before the first term the school has entered (use ${acceptedTerms(terms)})` };
  }
  const seasonal = bySeason(terms, written);
  if (seasonal?.length === 1) return { term: seasonal[0]! };
  if (seasonal && seasonal.length > 1) return { error: `"${written}" could be ${seasonal.map((t) => t.name).join(' or ')}: name the term` };
  return { error: `"${written}" is not a term of this school (use ${acceptedTerms(terms)})` };
}

/**
 * Numbers the windows in order, so that the terms between two points is a subtraction: every term
 * the school has entered and every window a point was recorded in (terms of years since removed
 * from the calendar still count).
 */
export function windowNumbers(starts: Iterable<IsoDate>): Map<IsoDate, number> {
  return new Map([...new Set(starts)].sort().map((d, i) => [d, i]));
}
