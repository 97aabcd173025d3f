import type { FigureValue, Unit } from './figures';
import { SUPPRESSED_TEXT, suppressedCells, type CellFacts, type Relation } from './suppression';

/**
 * Figures laid out as a table (pure): a column per school (each with one or more periods: the
 * term and its baseline), optionally the organisation's total, every cell formatted and, when the
 * table leaves the school, small numbers suppressed with every sum of the table taken into account.
 */
export interface TableFigure {
  key: string;
  unit: Unit;
  mean: boolean;
  /** The keys of the sums this figure is a part of, with the partition it belongs to. */
  partOf: { total: string; by: string }[];
  /** The key of the figure this one is a subset of. */
  subsetOf?: string;
}

export interface ShownCell {
  value: number | null;
  text: string;
  suppressed: boolean;
}
export type Cells = Record<string, ShownCell>;

export type ColumnValues = Record<string, Map<string, FigureValue> | null>;

/** Counts of these are about children or their families; counts of staff are not. */
const PROTECTED: Unit[] = ['pupils', 'parents', 'conversations', 'targets', 'score'];

function format(v: FigureValue, unit: Unit, mean: boolean): string {
  if (v.value === null) return unit === 'score' ? 'no answers' : 'none';
  return mean ? v.value.toFixed(unit === 'score' ? 2 : 1) : String(v.value);
}

/** The organisation's total of one figure: a sum, or an average weighing each school by how many values it rests on. */
export function totalOf(values: FigureValue[], mean: boolean): FigureValue {
  const base = values.reduce((a, v) => a + v.base, 0);
  if (!mean) return { value: values.reduce((a, v) => a + (v.value ?? 0), 0), base };
  const sum = values.reduce((a, v) => a + (v.sum ?? 0), 0);
  const n = values.reduce((a, v) => a + (v.n ?? 0), 0);
  return { value: n ? Math.round((sum / n) * 100) / 100 : null, base, sum, n };
}

export const TOTAL = 'total';

/** Each column's cells by period, the total column (when asked for) included under `TOTAL`. */
export function shownTable(o: { figures: TableFigure[]; columns: { id: string; values: ColumnValues }[]; withTotal: boolean; suppress: boolean }): Map<string, Record<string, Cells | null>> {
  const periods = [...new Set(o.columns.flatMap((c) => Object.keys(c.values)))];
  const columns = [...o.columns];
  if (o.withTotal) {
    const values: ColumnValues = {};
    for (const period of periods) {
      values[period] = new Map(o.figures.map((f) => [f.key, totalOf(o.columns.flatMap((c) => c.values[period]?.get(f.key) ?? []), f.mean)]));
    }
    columns.push({ id: TOTAL, values });
  }

  const cells = new Map<string, CellFacts & { value: number | null }>();
  const partitions = new Map<string, Relation>();
  const subsets: Relation[] = [];
  const id = (column: string, period: string, key: string) => `${column}|${period}|${key}`;
  for (const c of columns) {
    for (const [period, values] of Object.entries(c.values)) {
      if (!values) continue;
      for (const f of o.figures) {
        const v = values.get(f.key)!;
        const cell = id(c.id, period, f.key);
        cells.set(cell, { value: v.value, base: v.base, protect: PROTECTED.includes(f.unit) });
        for (const sum of f.partOf) {
          const total = id(c.id, period, sum.total);
          const r = partitions.get(`${total}/${sum.by}`);
          if (r) r.parts.push(cell);
          else partitions.set(`${total}/${sum.by}`, { total, parts: [cell], kind: 'sum' });
        }
        const whole = f.subsetOf ? values.get(f.subsetOf) : undefined;
        if (f.subsetOf && whole && whole.value !== null && v.value !== null) {
          // The complement (the pupils without views, say) is never shown, but a small one must not be derivable either.
          const rest = `${cell}~rest`;
          const left = Math.max(0, whole.value - v.value);
          cells.set(rest, { value: left, base: f.unit === 'pupils' || f.unit === 'parents' ? Math.max(0, whole.base - v.base) : left, protect: true, hidden: true });
          subsets.push({ total: id(c.id, period, f.subsetOf), parts: [cell, rest], kind: 'complement' });
        }
      }
    }
  }
  // Subsets first (only they are hidden for them), then the sums across schools (the organisation's
  // totals), then each school's own sums: in this order the fewest totals a reader needs go.
  const across: Relation[] = o.withTotal
    ? periods.flatMap((period) => o.figures.map((f): Relation => ({ total: id(TOTAL, period, f.key), parts: o.columns.filter((c) => c.values[period]).map((c) => id(c.id, period, f.key)), kind: 'sum' })))
    : [];
  const hidden = o.suppress ? suppressedCells(cells, [...subsets, ...across, ...partitions.values()]) : new Set<string>();

  return new Map(
    columns.map((c) => [
      c.id,
      Object.fromEntries(
        Object.entries(c.values).map(([period, values]) => [
          period,
          values
            ? Object.fromEntries(
                o.figures.map((f) => {
                  const v = values.get(f.key)!;
                  const suppressed = hidden.has(id(c.id, period, f.key));
                  return [f.key, suppressed ? { value: null, text: SUPPRESSED_TEXT, suppressed } : { value: v.value, text: format(v, f.unit, f.mean), suppressed }];
                }),
              )
            : null,
        ]),
      ),
    ]),
  );
}
