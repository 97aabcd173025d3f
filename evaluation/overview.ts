import type { PrismaClient } from '../db/database';
import { AREA_GROUPS, computeDigest, computeYearCharts, type AreaGroup, type DigestFigures, type TargetCounts } from '../digest/figures';
import { loadDigestInputs } from '../digest/digestQueries';
import type { FigureValue, Unit } from './figures';
import { shownTable, type Cells, type TableFigure } from './table';

/**
 * A trust's or local authority's view of its schools today: every school-level figure of the
 * weekly digest and the dashboard (digest/figures.ts, the same functions the school leads read),
 * school by school and in total, and each school's year charts on its own page. Never a name:
 * the digest's overdue-by-key-teacher and caseload lists become counts. Small numbers are
 * suppressed by the evaluation's rule; a figure never rests on more pupils than the school has on
 * its register, so in a school of four every figure about pupils or parents is suppressed.
 */
interface OverviewFigure {
  key: string;
  label: string;
  unit: Unit;
  group: string;
  read(f: DigestFigures): number | null;
  mean?: { n(f: DigestFigures): number };
  partOf?: { total: string; by: string }[];
}

const AREA_WORDS: Record<AreaGroup, string> = { ENGLISH: 'English', MATHS: 'maths', WIDER: 'wider outcomes' };
const TARGET_COUNTS: [keyof TargetCounts, string][] = [
  ['set', 'Targets set this school year'],
  ['reviewedOnTime', 'Reviewed on time'],
  ['achieved', 'Achieved'],
  ['offTrack', 'Off track'],
];

export const OVERVIEW_FIGURES: OverviewFigure[] = [
  { key: 'pupilsOnRegister', label: 'Pupils on the SEN register', unit: 'pupils', group: 'Pupils', read: (f) => f.pupilsOnRegister },
  { key: 'initialOutstanding', label: 'Initial conversations outstanding', unit: 'pupils', group: 'Structured conversations', read: (f) => f.conversations.initialOutstanding },
  { key: 'dueThisWeek', label: 'Conversations due this week', unit: 'conversations', group: 'Structured conversations', read: (f) => f.conversations.dueThisWeek },
  { key: 'overdue', label: 'Conversations overdue', unit: 'conversations', group: 'Structured conversations', read: (f) => f.conversations.overdue },
  { key: 'heldLastSevenDays', label: 'Held in the last 7 days', unit: 'conversations', group: 'Structured conversations', read: (f) => f.conversations.heldLastSevenDays },
  { key: 'heldThisTerm', label: 'Held this term', unit: 'conversations', group: 'Structured conversations', read: (f) => f.conversations.heldThisTerm },
  ...TARGET_COUNTS.flatMap(([what, label]): OverviewFigure[] => [
    { key: `targets.${what}`, label: `${label}: all areas`, unit: 'targets', group: `Targets: ${label.toLowerCase()}`, read: (f) => f.targets.total[what] },
    ...AREA_GROUPS.map((g): OverviewFigure => ({
      key: `targets.${what}.${g}`,
      label: `${label}: ${AREA_WORDS[g]}`,
      unit: 'targets',
      group: `Targets: ${label.toLowerCase()}`,
      read: (f) => f.targets.byArea[g][what],
      partOf: [{ total: `targets.${what}`, by: 'area' }],
    })),
  ]),
  { key: 'parents', label: 'Parents and carers', unit: 'parents', group: 'Parents', read: (f) => f.parents.contacts },
  { key: 'reachedLastHalfTerm', label: 'Reached in the last half term', unit: 'parents', group: 'Parents', read: (f) => f.parents.reachedLastHalfTerm },
  { key: 'neverReached', label: 'Never reached (hard to reach)', unit: 'parents', group: 'Parents', read: (f) => f.parents.neverReached },
  { key: 'optedOut', label: 'Opted out of texts', unit: 'parents', group: 'Parents', read: (f) => f.parents.optedOut },
  { key: 'numbersDead', label: 'Numbers not working', unit: 'parents', group: 'Parents', read: (f) => f.parents.numbersDead },
  { key: 'repliesWaiting', label: 'Replies waiting for an answer', unit: 'parents', group: 'Parents', read: (f) => f.parents.repliesWaiting.count },
  { key: 'confidence', label: 'Parental confidence (1-5)', unit: 'score', group: 'Parents', read: (f) => f.confidence.latestAverage, mean: { n: (f) => f.confidence.parentsRating } },
  { key: 'parentsRating', label: 'Parents who have answered the confidence question', unit: 'parents', group: 'Parents', read: (f) => f.confidence.parentsRating },
  { key: 'withoutViewsThisTerm', label: 'Pupils with no views this term', unit: 'pupils', group: "The pupil's views", read: (f) => f.pupilVoice.withoutViewsThisTerm },
  { key: 'keyTeachers', label: 'Key teachers', unit: 'staff', group: "Key teachers' load", read: (f) => f.workload.filter((w) => w.staffId !== null).length },
  { key: 'overManageable', label: 'Key teachers with more than five pupils', unit: 'staff', group: "Key teachers' load", read: (f) => f.workload.filter((w) => w.overManageable).length },
  { key: 'withoutKeyTeacher', label: 'Pupils without a key teacher', unit: 'pupils', group: "Key teachers' load", read: (f) => f.workload.find((w) => w.staffId === null)?.pupils ?? 0 },
  { key: 'failedSms', label: 'Texts not delivered (since the last digest)', unit: 'parents', group: 'Delivery problems', read: (f) => f.delivery.failedSms },
  { key: 'failedTeams', label: 'Teams messages not delivered', unit: 'staff', group: 'Delivery problems', read: (f) => f.delivery.failedTeams },
  { key: 'failedJobs', label: 'Scheduled tasks failed', unit: 'staff', group: 'Delivery problems', read: (f) => f.delivery.failedJobs },
];

/** One school's digest figures as the table's values: each resting on no more pupils than the school's register holds. */
export function overviewValues(f: DigestFigures): Map<string, FigureValue> {
  return new Map(
    OVERVIEW_FIGURES.map((o) => {
      const value = o.read(f);
      if (o.mean) {
        const n = o.mean.n(f);
        return [o.key, { value, base: Math.min(n, f.pupilsOnRegister), sum: (value ?? 0) * n, n }];
      }
      const v = value ?? 0;
      return [o.key, { value, base: o.unit === 'staff' ? v : Math.min(v, f.pupilsOnRegister) }];
    }),
  );
}

const TABLE: TableFigure[] = OVERVIEW_FIGURES.map((o) => ({ key: o.key, unit: o.unit, mean: o.mean !== undefined, partOf: o.partOf ?? [] }));

export interface OrganisationOverview {
  at: string;
  smallNumbersSuppressed: boolean;
  figures: { key: string; label: string; unit: Unit; group: string }[];
  schools: { id: string; name: string; term: string | null; cells: Cells }[];
  total: Cells;
}

/** The organisation's schools today, side by side: the digest's loads for all of them in one go. */
export async function organisationOverview(db: PrismaClient, schools: { id: string; name: string }[], at: Date, suppress: boolean): Promise<OrganisationOverview> {
  const inputs = await loadDigestInputs(db, schools.map((s) => s.id), at);
  const digests = schools.map((s) => ({ school: s, figures: computeDigest(inputs.get(s.id)!, at) }));
  const table = shownTable({ figures: TABLE, columns: digests.map((d) => ({ id: d.school.id, values: { now: overviewValues(d.figures) } })), withTotal: true, suppress });
  return {
    at: at.toISOString(),
    smallNumbersSuppressed: suppress,
    figures: OVERVIEW_FIGURES.map(({ key, label, unit, group }) => ({ key, label, unit, group })),
    schools: digests.map((d) => ({ id: d.school.id, name: d.school.name, term: d.figures.term.name, cells: table.get(d.school.id)!.now! })),
    total: table.get('total')!.now!,
  };
}

/**
 * One school's figures for its trust or local authority (the drill-down: figures, never pupils):
 * the overview's cells for that school alone, and conversations held month by month with each
 * month's small numbers suppressed. (The confidence chart stays in the school: its monthly
 * averages rest on numbers of parents the chart does not carry.)
 */
export async function schoolFiguresForOrganisation(db: PrismaClient, school: { id: string; name: string }, at: Date, suppress: boolean) {
  const input = (await loadDigestInputs(db, [school.id], at)).get(school.id)!;
  const figures = computeDigest(input, at);
  const charts = computeYearCharts(input, at);
  const cells = shownTable({ figures: TABLE, columns: [{ id: school.id, values: { now: overviewValues(figures) } }], withTotal: false, suppress }).get(school.id)!.now!;
  const months = shownTable({
    figures: charts.heldPerMonth.map((m) => ({ key: m.month, unit: 'conversations', mean: false, partOf: [] })),
    columns: [{ id: school.id, values: { held: new Map(charts.heldPerMonth.map((m) => [m.month, { value: m.held, base: Math.min(m.held, figures.pupilsOnRegister) }])) } }],
    withTotal: false,
    suppress,
  }).get(school.id)!.held!;
  return {
    school,
    at: at.toISOString(),
    term: figures.term,
    smallNumbersSuppressed: suppress,
    figures: OVERVIEW_FIGURES.map(({ key, label, unit, group }) => ({ key, label, unit, group })),
    cells,
    heldPerMonth: charts.heldPerMonth.map((m) => ({ month: m.month, held: months[m.month]! })),
  };
}
