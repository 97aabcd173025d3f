import { localDate, type IsoDate } from '../domain/schoolCalendar';
import type { PrismaClient } from '../db/database';
import { caseloads, computeSections, EVALUATION_SECTIONS, figureKey, relatedKey, type Section, type Unit } from './figures';
import { loadEvaluationFacts, loadSchoolsForEvaluation, type EvaluatedSchool } from './evaluationQueries';
import { baselineTerm, lastEndedTerm, periodOf, termFor, type BaselineRule, type Period } from './periods';
import { shownTable, TOTAL, type Cells, type TableFigure } from './table';

export type { Cells, ShownCell } from './table';

/**
 * The termly evaluation report of a school, or of a trust or local authority (its schools side by
 * side, and their total): each school's term against its baseline term, section by section. Built
 * from the records (nothing is stored), so the same term always gives the same report. When the
 * report leaves the school (a trust or local authority reads it, or it is sent to them), small
 * numbers are suppressed (evaluation/suppression.ts); a school's own leads see its exact figures.
 */
export interface PeriodInfo {
  name: string | null;
  from: IsoDate;
  to: IsoDate;
  complete: boolean;
}

export interface SchoolColumn {
  id: string;
  name: string;
  term: PeriodInfo | null;
  baseline: (PeriodInfo & { chosenBy: BaselineRule['kind'] }) | null;
  now: Cells;
  baselineCells: Cells | null;
  /** Each key teacher's pupils, by name: only in a school's own report. */
  caseloads?: { name: string; pupils: number; overManageable: boolean }[];
}

export interface EvaluationReport {
  title: string;
  subject: { kind: 'school' | 'organisation'; id: string; name: string };
  asOf: string;
  smallNumbersSuppressed: boolean;
  sections: { id: string; title: string; figures: { key: string; label: string; unit: Unit; definition: string; mean: boolean }[] }[];
  schools: SchoolColumn[];
  /** The organisation's total (each school over its own term); null for one school's report. */
  total: { now: Cells; baselineCells: Cells } | null;
  /** What the report does not cover yet, said on the page rather than left out silently. */
  notYetCounted: string[];
}

export interface ReportRequest {
  /** A date in the term to report (each school's term containing it); default each school's last term that has ended. */
  on?: IsoDate;
  /** The organisation's baseline date; else each school's first term with the product. */
  baselineOn: IsoDate | null;
  /** Figures leave the school: suppress small numbers, leave out names. */
  suppress: boolean;
}

export const NOT_YET_COUNTED = [
  'Attainment progress from starting points, attendance and persistent absence, exclusions and the wider outcomes the school chose: these sections come with the evidence records.',
  'Parental confidence in the five aims of the programme: the product asks the single confidence question only.',
  'Pupils who moved to another school in the programme: each school counts its own roll.',
];

interface Planned {
  school: Omit<EvaluatedSchool, 'facts'>;
  term: Period | null;
  baseline: (Period & { chosenBy: BaselineRule['kind'] }) | null;
}

/** Which term each school reports and which it compares with (pure). */
export function planPeriods(school: Omit<EvaluatedSchool, 'facts'>, req: Pick<ReportRequest, 'on' | 'baselineOn'>, asOf: Date): Planned {
  const today = localDate(asOf, school.timezone);
  const chosen = req.on ? termFor(school.terms, req.on) : (lastEndedTerm(school.terms, today) ?? termFor(school.terms, today));
  const term = chosen && chosen.startsOn <= today ? periodOf(chosen, school.timezone, asOf) : null;
  const rule: BaselineRule = req.baselineOn ? { kind: 'organisation', on: req.baselineOn } : { kind: 'firstTerm' };
  const base = baselineTerm(school.terms, rule, school.firstHeldOn);
  const baseline = term && base && base.startsOn <= term.from ? { ...periodOf(base, school.timezone, asOf), chosenBy: rule.kind } : null;
  return { school, term, baseline };
}

const info = (p: Period): PeriodInfo => ({ name: p.name, from: p.from, to: p.to, complete: p.complete });

/** The report's figures as a table's, their sums and subsets named by key. */
export function tableFigures(sections: readonly Section[]): TableFigure[] {
  return sections.flatMap((s) =>
    s.figures.map((f) => ({
      key: figureKey(s, f),
      unit: f.unit,
      mean: f.mean === true,
      partOf: (f.partOf ?? []).map((p) => ({ total: relatedKey(s, p.total), by: p.by })),
      subsetOf: f.subsetOf ? relatedKey(s, f.subsetOf) : undefined,
    })),
  );
}

/** Builds the report from each school's facts and periods (pure). */
export function buildReport(o: {
  subject: EvaluationReport['subject'];
  planned: (Planned & { facts: EvaluatedSchool['facts'] })[];
  suppress: boolean;
  asOf: Date;
  sections?: readonly Section[];
  withTotal: boolean;
}): EvaluationReport {
  const sections = o.sections ?? EVALUATION_SECTIONS;
  const table = shownTable({
    figures: tableFigures(sections),
    columns: o.planned.map((p) => ({
      id: p.school.id,
      values: { now: p.term ? computeSections(p.facts, p.term, sections) : null, baseline: p.baseline ? computeSections(p.facts, p.baseline, sections) : null },
    })),
    withTotal: o.withTotal,
    suppress: o.suppress,
  });
  const schools: SchoolColumn[] = o.planned.map((p) => ({
    id: p.school.id,
    name: p.school.name,
    term: p.term ? info(p.term) : null,
    baseline: p.baseline ? { ...info(p.baseline), chosenBy: p.baseline.chosenBy } : null,
    now: table.get(p.school.id)!.now ?? {},
    baselineCells: table.get(p.school.id)!.baseline ?? null,
    ...(o.suppress || !p.term ? {} : { caseloads: caseloads(p.facts, p.term).map(({ name, pupils, overManageable }) => ({ name, pupils, overManageable })) }),
  }));
  const total = table.get(TOTAL);
  const termNames = [...new Set(schools.flatMap((s) => (s.term?.name ? [s.term.name] : [])))];
  return {
    title: `Termly evaluation: ${o.subject.name}${termNames.length === 1 ? `, ${termNames[0]}` : ''}`,
    subject: o.subject,
    asOf: o.asOf.toISOString(),
    smallNumbersSuppressed: o.suppress,
    sections: sections.map((s) => ({ id: s.id, title: s.title, figures: s.figures.map((f) => ({ key: figureKey(s, f), label: f.label, unit: f.unit, definition: f.definition, mean: f.mean === true })) })),
    schools,
    total: total ? { now: total.now!, baselineCells: total.baseline! } : null,
    notYetCounted: NOT_YET_COUNTED,
  };
}

/**
 * Loads and builds the report for a school or an organisation's schools, with the same number of
 * statements however many schools and pupils there are.
 */
export async function evaluationReport(db: PrismaClient, o: { subject: EvaluationReport['subject']; schoolIds: string[]; request: ReportRequest; asOf: Date }): Promise<EvaluationReport> {
  const schools = await loadSchoolsForEvaluation(db, o.schoolIds);
  const planned = schools.map(({ firstHeldAt, ...s }) => planPeriods({ ...s, firstHeldOn: firstHeldAt ? localDate(firstHeldAt, s.timezone) : null }, o.request, o.asOf));
  const periods = planned.flatMap((p) => [p.term, p.baseline].filter((x): x is Period => x !== null));
  const window = periods.length
    ? { from: new Date(Math.min(...periods.map((p) => p.start.getTime()))), to: new Date(Math.max(...periods.map((p) => p.end.getTime()))) }
    : { from: o.asOf, to: o.asOf };
  const facts = await loadEvaluationFacts(db, schools.map((s) => s.id), window);
  return buildReport({
    subject: o.subject,
    planned: planned.map((p) => ({ ...p, facts: { timezone: p.school.timezone, ...facts.get(p.school.id)! } })),
    suppress: o.request.suppress,
    asOf: o.asOf,
    withTotal: o.subject.kind === 'organisation',
  });
}
