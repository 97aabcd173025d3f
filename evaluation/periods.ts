import { addDays, atLocalTime, type IsoDate } from '../domain/schoolCalendar';

/**
 * The stretches of time a termly evaluation compares (pure): the school's term being reported and
 * its baseline term. Dates are the school's own (its terms, its time zone).
 */
export interface Term {
  name: string | null;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface Period {
  name: string | null;
  from: IsoDate;
  to: IsoDate;
  /** The first instant counted (midnight, school-local, of `from`). */
  start: Date;
  /** The first instant not counted: midnight after `to`, or the reporting moment if the term is not over. */
  end: Date;
  /** False while the term is still going: its figures are "so far". */
  complete: boolean;
}

export function periodOf(term: Term, timezone: string, asOf: Date): Period {
  const start = atLocalTime(term.startsOn, '00:00', timezone);
  const after = atLocalTime(addDays(term.endsOn, 1), '00:00', timezone);
  const complete = after <= asOf;
  return { name: term.name, from: term.startsOn, to: term.endsOn, start, end: complete ? after : asOf, complete };
}

const sorted = (terms: readonly Term[]): Term[] => [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

/** The term containing `date`, else the last one that ended before it; none if no term had started. */
export function termFor(terms: readonly Term[], date: IsoDate): Term | undefined {
  return sorted(terms)
    .filter((t) => t.startsOn <= date)
    .at(-1);
}

/** The latest term that has ended by `date` (the "last term" a report is for by default). */
export function lastEndedTerm(terms: readonly Term[], date: IsoDate): Term | undefined {
  return sorted(terms)
    .filter((t) => t.endsOn < date)
    .at(-1);
}

export type BaselineRule = { kind: 'organisation'; on: IsoDate } | { kind: 'firstTerm' };

/**
 * The baseline term: the one containing the organisation's date (or the first to start after it,
 * if the date falls in a holiday); otherwise the first term in which the school held a structured
 * conversation with the product. Undefined until there is one.
 */
export function baselineTerm(terms: readonly Term[], rule: BaselineRule, firstHeldOn: IsoDate | null): Term | undefined {
  const all = sorted(terms);
  if (rule.kind === 'organisation') return all.find((t) => t.endsOn >= rule.on);
  if (!firstHeldOn) return undefined;
  return all.find((t) => t.endsOn >= firstHeldOn && t.startsOn <= firstHeldOn) ?? all.find((t) => t.startsOn > firstHeldOn);
}
