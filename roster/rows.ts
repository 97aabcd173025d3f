import { parse, type Options } from 'csv-parse/sync';
import type { z } from 'zod';
import { headerFor, mapColumns, type ColumnMap, type ColumnTable } from './columns';
import { DomainError } from '../domain/errors';

/** Why a row was not imported: its number as a spreadsheet shows it (the header is row 1), the column, the reason. */
export interface Rejection {
  row: number;
  column: string;
  reason: string;
}

/** The file itself cannot be read as a roster (no header, a required column missing): nothing is imported. */
export class RosterFileError extends DomainError {
  constructor(
    message: string,
    readonly missingColumns: string[] = [],
  ) {
    super('invalid', 'invalid_roster', message, { missingColumns });
  }
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

/**
 * Reads the CSV into rows whose numbers match the school's spreadsheet: blank lines keep their
 * number (and are skipped), a cell with a line break stays one row.
 */
export function readTable<T extends ColumnTable>(
  text: string,
  table: T,
  options: ReadOptions = {},
): { map: ColumnMap<Extract<keyof T, string>>; table: T; rows: { row: number; reader: RowReader<T> }[] } {
  const records = parse(text, csvOptions(text)) as string[][];
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) throw new RosterFileError('The file is empty: the first row must name the columns');
  const map = mapColumns(header, table);
  const firstRow = options.firstRow ?? 2;
  const rows = records
    .slice(1)
    .map((cells, i) => ({ row: firstRow + i, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
    .map(({ row, cells }) => ({ row, reader: new RowReader(table, map, row, cells) }));
  return { map, table, rows };
}

export function requireColumns<T extends ColumnTable>(map: ColumnMap<Extract<keyof T, string>>, table: T, required: Extract<keyof T, string>[][]): void {
  // Each entry is a set of alternatives: one of them must be present.
  const missing = required.filter((alternatives) => alternatives.every((f) => map.index[f] === undefined)).map((alternatives) => alternatives.map((f) => table[f]![0]).join(' or '));
  if (missing.length) throw new RosterFileError(`The file has no column for: ${missing.join(', ')}`, missing);
}

const UNREADABLE = 'has characters that could not be read (this row is not UTF-8 like the rest of the file): save the file from Excel as "CSV UTF-8" and import it again';

/** One row's cells, read field by field; every problem is collected rather than stopping at the first. */
export class RowReader<T extends ColumnTable> {
  readonly rejections: Rejection[] = [];

  constructor(
    private readonly table: T,
    private readonly map: ColumnMap<Extract<keyof T, string>>,
    readonly row: number,
    private readonly cells: string[],
  ) {}

  column(field: Extract<keyof T, string>): string {
    return headerFor(this.map, this.table, field);
  }

  has(field: Extract<keyof T, string>): boolean {
    return this.map.index[field] !== undefined;
  }

  /** The trimmed text of a cell; undefined when the column is absent or the cell blank. */
  text(field: Extract<keyof T, string>): string | undefined {
    const i = this.map.index[field];
    const v = i === undefined ? undefined : this.cells[i]?.trim();
    return v ? v : undefined;
  }

  /** Cells with bytes the file's encoding could not read (see csvEncoding): rejected rather than stored garbled. */
  rejectUnreadable(): void {
    for (const [field, i] of Object.entries(this.map.index) as [Extract<keyof T, string>, number][]) {
      if (this.cells[i]?.includes('\uFFFD')) this.reject(field, UNREADABLE);
    }
  }

  reject(field: Extract<keyof T, string>, reason: string): void {
    this.rejections.push({ row: this.row, column: this.column(field), reason });
  }

  /** The cell through its schema; undefined when blank (or invalid, with the reason recorded). */
  optional<V>(field: Extract<keyof T, string>, schema: z.ZodType<V, string>): V | undefined {
    const v = this.text(field);
    if (v === undefined) return undefined;
    const parsed = schema.safeParse(v);
    if (parsed.success) return parsed.data;
    this.reject(field, parsed.error.issues[0]?.message ?? 'not valid');
    return undefined;
  }

  required<V>(field: Extract<keyof T, string>, schema: z.ZodType<V, string>, missing: string): V | undefined {
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
export function collectRows<T extends ColumnTable, R>(
  table: ReturnType<typeof readTable<T>>,
  build: (reader: RowReader<T>) => R | undefined,
  identity: { field: Extract<keyof T, string>; key: (cell: string) => string; repeated: (id: string, earlierRow: number) => string },
): ParsedRoster<R, Extract<keyof T, string>> {
  const result: ParsedRoster<R, Extract<keyof T, string>> = {
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
