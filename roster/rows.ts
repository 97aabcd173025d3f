import { parse, type Options } from 'csv-parse/sync';
import type { z } from 'zod';
import { closestHeader, headerFor, mapColumns, type ColumnMap, type ColumnTable } from './columns';
import { DomainError } from '../domain/errors';

/** Why a row was not imported: its number as a spreadsheet shows it (the header is row 1), the column, the reason. */
export interface Rejection {
  row: number;
  column: string;
  reason: string;
}

/** A column the file must have and does not: what we accept for it, and the file's header that is probably it. */
export interface MissingColumn {
  column: string;
  accepted: string[];
  closest?: string;
}

/** The file itself cannot be read as a roster (no header, a required column missing): nothing is imported. */
export class RosterFileError extends DomainError {
  constructor(
    message: string,
    readonly missing: MissingColumn[] = [],
  ) {
    super('invalid', 'invalid_roster', message, { missingColumns: missing.map((m) => m.column), missing });
  }

  get missingColumns(): string[] {
    return this.missing.map((m) => m.column);
  }
}

/** One change that clears a problem on every row it names: the same column and reason, grouped. */
export interface Fix {
  column: string;
  reason: string;
  rows: number[];
}

/** Rejections grouped so a school office can change a header or a value once for every row. */
export function fixesFor(rejections: Rejection[]): Fix[] {
  const fixes = new Map<string, Fix>();
  for (const r of rejections) {
    const key = `${r.column}\u0000${r.reason}`;
    const fix = fixes.get(key) ?? { column: r.column, reason: r.reason, rows: [] };
    if (!fix.rows.includes(r.row)) fix.rows.push(r.row);
    fixes.set(key, fix);
  }
  return [...fixes.values()].sort((a, b) => b.rows.length - a.rows.length || a.rows[0]! - b.rows[0]!);
}

export interface ReadOptions {
  /** Row number of the first data row, for a chunk cut from a larger file (default 2: right under the header). */
  firstRow?: number;
}

export interface ParsedRoster<T, F extends string = string> {
  rows: { row: number; record: T }[];
  rejections: Rejection[];
  /** Headers no field claimed (a misspelt column would otherwise be ignored silently). */
  ignoredColumns: string[];
  /** The header the file uses for a field, for rejections found later (e.g. an unknown key teacher). */
  column(field: F): string;
  has(field: F): boolean;
}

/**
 * The separator of a file, from its header line: a comma, but Excel's "Unicode text" separates with
 * tabs and Excel in some European settings with semicolons. Headers themselves hold none of these.
 */
export function separatorOf(text: string): ',' | ';' | '\t' {
  const header = text.slice(0, text.search(/\r|\n|$/));
  const count = (c: string) => header.split(c).length - 1;
  const [best] = (['\t', ';'] as const).filter((c) => count(c) > count(',')).sort((a, b) => count(b) - count(a));
  return best ?? ',';
}

/**
 * How the import reads a CSV (the service and the CLI alike). Any line ending ends a record: files
 * edited by hand or joined from two exports mix CRLF and LF, and old Mac Excel wrote CR alone.
 * Blank lines are kept so that row numbers match the spreadsheet's.
 */
export const csvOptions = (text: string): Options => ({
  bom: true,
  delimiter: separatorOf(text),
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
});

/** Records already read (header -> cell), e.g. the rows the MIS sync makes from Wonde's records. */
export type Row = Record<string, string>;

/**
 * What an import reads: a CSV file's text, or records already keyed by the file's headers. Both
 * become the same table, so records are checked exactly as a file's rows are; record n is row n + 2,
 * as in a file whose header is row 1.
 */
export type TableSource = string | Row[];

/** Records as a header and its lines of cells: the headers of every record, in the order first seen. */
function recordsOf(rows: Row[]): string[][] {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))];
}

/**
 * Reads the CSV (or the records) into rows whose numbers match the school's spreadsheet: blank
 * lines keep their number (and are skipped), a cell with a line break stays one row.
 */
export interface Table<S extends string, D extends string> {
  map: ColumnMap<S | D>;
  table: ColumnTable<S, D>;
  rows: { row: number; reader: RowReader<S | D> }[];
}

export function readTable<S extends string, D extends string>(source: TableSource, table: ColumnTable<S, D>, options: ReadOptions = {}): Table<S, D> {
  const records = typeof source === 'string' ? (parse(source, csvOptions(source)) as string[][]) : recordsOf(source);
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) throw new RosterFileError('The file is empty: the first row must name the columns');
  const map = mapColumns(header, table);
  const firstRow = options.firstRow ?? 2;
  const rows = records
    .slice(1)
    .map((cells, i) => ({ row: firstRow + i, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
    .map(({ row, cells }) => ({ row, reader: new RowReader<S | D>((field) => headerFor(map, table, field), map, row, cells) }));
  return { map, table, rows };
}

/** A field the file must have a column for: any one of `fields` will do. */
export interface Required<F extends string> {
  fields: F[];
  /** What the school calls it, in "the file has no column for the ...". */
  label: string;
}

/** Refuses a file missing a required column, naming what we accept for each and the header probably meant. */
export function requireColumns<S extends string, D extends string>(map: ColumnMap<S | D>, table: ColumnTable<S, D>, required: Required<S>[]): void {
  const missing = required
    .filter((r) => r.fields.every((f) => map.index[f] === undefined))
    .map((r) => {
      const accepted = r.fields.flatMap((f) => [...table.fields[f]]);
      return { label: r.label, column: accepted[0]!, accepted, closest: closestHeader(map.ignored, accepted) };
    });
  if (missing.length === 0) return;
  const each = missing.map((m) => `the ${m.label} (headed ${m.accepted.map((a) => `"${a}"`).join(', ')}${m.closest ? `; is "${m.closest}" meant to be it? rename it` : ''})`);
  throw new RosterFileError(
    `The file has no column for ${each.join('; ')}`,
    missing.map(({ column, accepted, closest }) => ({ column, accepted, ...(closest ? { closest } : {}) })),
  );
}

const UNREADABLE = 'has characters that could not be read (this row is not UTF-8 like the rest of the file): save the file from Excel as "CSV UTF-8" and import it again';

/** One row's cells, read field by field; every problem is collected rather than stopping at the first. */
export class RowReader<F extends string> {
  readonly rejections: Rejection[] = [];

  constructor(
    readonly column: (field: F) => string,
    private readonly map: ColumnMap<F>,
    readonly row: number,
    private readonly cells: string[],
  ) {}

  has(field: F): boolean {
    return this.map.index[field] !== undefined;
  }

  /** The fields this file has a column for. */
  fields(): F[] {
    return Object.keys(this.map.index) as F[];
  }

  /** The trimmed text of a cell; undefined when the column is absent or the cell blank. */
  text(field: F): string | undefined {
    const i = this.map.index[field];
    const v = i === undefined ? undefined : this.cells[i]?.trim();
    return v ? v : undefined;
  }

  /** Cells with bytes the file's encoding could not read (see csvEncoding): rejected rather than stored garbled. */
  rejectUnreadable(): void {
    for (const [field, i] of Object.entries(this.map.index) as [F, number][]) {
      if (this.cells[i]?.includes('\uFFFD')) this.reject(field, UNREADABLE);
    }
  }

  reject(field: F, reason: string): void {
    this.rejections.push({ row: this.row, column: this.column(field), reason });
  }

  /** The cell through its schema; undefined when blank (or invalid, with the reason recorded). */
  optional<V>(field: F, schema: z.ZodType<V, string>): V | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    const parsed = schema.safeParse(v);
    if (parsed.success) return parsed.data;
    this.reject(field, parsed.error.issues[0]?.message ?? 'not valid');
    return undefined;
  }

  required<V>(field: F, schema: z.ZodType<V, string>, missing: string): V | undefined {
    if (this.text(field) === undefined) {
      this.reject(field, missing);
      return undefined;
    }
    return this.optional(field, schema);
  }
}

/**
 * Builds a record from each row and keeps the first row of each identity (UPN, email): a later
 * row with the same identity is rejected rather than silently overwriting the first, even when
 * the first was itself rejected (which of the two is right is for the school to say).
 */
export function collectRows<S extends string, D extends string, R>(
  table: Table<S, D>,
  build: (reader: RowReader<S | D>) => R | undefined,
  identity: { field: S; key: (cell: string) => string; repeated: (id: string, earlierRow: number) => string },
): ParsedRoster<R, S | D> {
  const result: ParsedRoster<R, S | D> = {
    rows: [],
    rejections: [],
    ignoredColumns: table.map.ignored,
    column: (field) => headerFor(table.map, table.table, field),
    has: (field) => table.map.index[field] !== undefined,
  };
  const firstRowOf = new Map<string, number>();
  for (const { row, reader } of table.rows) {
    reader.rejectUnreadable();
    const record = build(reader);
    const cell = reader.text(identity.field);
    if (cell !== undefined) {
      const id = identity.key(cell);
      const earlier = firstRowOf.get(id);
      if (earlier !== undefined) reader.reject(identity.field, identity.repeated(id, earlier));
      else firstRowOf.set(id, row);
    }
    if (reader.rejections.length > 0) result.rejections.push(...reader.rejections);
    else if (record !== undefined) result.rows.push({ row, record });
  }
  return result;
}
