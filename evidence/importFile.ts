import type { EvidenceSource, Prisma, RosterKind } from '../generated/prisma/client';
import { actorOf, recordAuditMany, staffIdOf, type Actor, type AuditEntry } from '../audit/audit';
import type { Tx } from '../db/transaction';
import type { Principal } from '../domain/access';
import { invalid } from '../domain/errors';
import type { IsoDate } from '../domain/schoolCalendar';
import { headerFor, PUPIL_COLUMNS, type ColumnTable } from '../roster/columns';
import type { CsvEncoding } from '../roster/csvEncoding';
import { fixesFor, readTable, requireColumns, RosterFileError, type Fix, type Rejection, type Row, type RowReader, type TableSource } from '../roster/rows';
import * as value from '../roster/values';
import { lockAssessment, lockSchoolEvidence, schoolTerms, schoolToRun } from './access';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import type { Term } from './windows';

/**
 * What every evidence import shares with the register import (roster/): the file read as the MIS or
 * Excel saved it (roster/csvEncoding.ts), rows numbered as the spreadsheet numbers them, every row
 * checked first and a row with any problem rejected with its row, column and reason (saying what is
 * accepted); then all valid rows written in ONE transaction, so a failure leaves nothing of the file
 * and sending it again is safe: re-importing the same file changes nothing. Imports of one school
 * are serialised; every record created or changed is audited and the import is recorded (RosterImport).
 * A file is one request (no chunks): an event's occurrences on one day are counted over the whole file.
 * The MIS sync hands its rows (keyed by the same headers) to the same import, as the system.
 */
export type EvidenceImportKind = 'assessments' | 'attendance' | 'exclusions' | 'behaviour' | 'achievements' | 'bullying' | 'participation';

export const EVIDENCE_IMPORT_KINDS = ['assessments', 'attendance', 'exclusions', 'behaviour', 'achievements', 'bullying', 'participation'] as const satisfies readonly EvidenceImportKind[];

const RECORDED_AS: Record<EvidenceImportKind, RosterKind> = {
  assessments: 'ASSESSMENTS',
  attendance: 'ATTENDANCE',
  exclusions: 'EXCLUSIONS',
  behaviour: 'BEHAVIOUR',
  achievements: 'ACHIEVEMENTS',
  bullying: 'BULLYING',
  participation: 'PARTICIPATION',
};

export interface ImportSummary {
  importId: string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: Rejection[];
  /** The rejections grouped by column and reason, as the register import gives them. */
  fixes: Fix[];
  ignoredColumns: string[];
  encoding: CsvEncoding;
}

export type RowOutcome = 'imported' | 'updated' | 'unchanged';

/** A row whose cells are valid, for the pupil its UPN names. */
export interface ValidRow<R> {
  row: number;
  record: R;
  pupilId: string;
}

/** What a kind's writer is given: the valid rows of known pupils, and the school's calendar. */
export interface ImportContext<R> {
  tx: Tx;
  schoolId: string;
  rows: ValidRow<R>[];
  today: IsoDate;
  terms: Term[];
  now: Date;
  /** Who imported, for "recorded by" (null for the API key and the MIS sync). */
  recordedById: string | null;
  /** A file exported from the MIS (IMPORT), or the MIS sync's records (MIS). */
  source: Extract<EvidenceSource, 'IMPORT' | 'MIS'>;
  reject(row: number, field: string, reason: string): void;
}

/** What a kind's writer did: an outcome per row it wrote or found unchanged, and the audit trail of it. */
export interface Written {
  outcomes: RowOutcome[];
  audits: Omit<AuditEntry, 'schoolId' | 'requestId'>[];
}

/** The headers each field of a kind of file is known by. */
export type EvidenceColumns = Record<string, readonly string[]>;

/** The pupil a row is about, headed as the register is: its UPN, or its admission number. */
export const PUPIL_KEY_COLUMNS = { upn: PUPIL_COLUMNS.upn, admissionNumber: PUPIL_COLUMNS.admissionNumber } as const;
export const PUPIL_KEY: Extract<keyof typeof PUPIL_KEY_COLUMNS, string>[] = ['upn', 'admissionNumber'];

/** The UPN when the file has that column (the register import keys pupils so), else the admission number. */
export function pupilKeyOf<F extends string>(r: RowReader<F | 'upn' | 'admissionNumber'>): string | undefined {
  return r.required(r.has('upn') ? 'upn' : 'admissionNumber', value.misId, 'missing UPN or admission number');
}

export interface ImportKindSpec<C extends EvidenceColumns, R extends { misId: string }> {
  kind: EvidenceImportKind;
  columns: C;
  /** Sets of alternatives: one column of each set must be present. */
  required: Extract<keyof C, string>[][];
  /** One row's cells as a record, with its problems on the reader; pure. */
  read(r: RowReader<Extract<keyof C, string>>): R | undefined;
  write(ctx: ImportContext<R>): Promise<Written>;
}

// A whole school's year of evidence may take a while; a request's 20 s is not enough.
const IMPORT_TRANSACTION = { timeout: 10 * 60_000, maxWait: 60_000 };

const asJson = (v: unknown): Prisma.InputJsonValue => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

function readFile<C extends EvidenceColumns, R extends { misId: string }>(spec: ImportKindSpec<C, R>, text: TableSource) {
  type F = Extract<keyof C, string>;
  const columns: ColumnTable<F> = { fields: spec.columns as Record<F, readonly string[]> };
  try {
    const table = readTable(text, columns);
    // Each set named by its first field's first header ("the UPN", "the Subject").
    requireColumns(table.map, columns, spec.required.map((fields) => ({ fields, label: fields.map((f) => `"${spec.columns[f]![0]}"`).join(' or ') })));
    const rows: { row: number; record: R }[] = [];
    const rejections: Rejection[] = [];
    for (const { row, reader } of table.rows) {
      reader.rejectUnreadable();
      const record = spec.read(reader);
      if (reader.rejections.length > 0) rejections.push(...reader.rejections);
      else if (record) rows.push({ row, record });
    }
    // The header the file uses for a field, for rejections found when writing.
    const column = (field: string): string => headerFor(table.map, columns, field as F);
    // The pupil's key is read from the UPN column when there is one (pupilKeyOf).
    const keyColumn = column(table.map.index['upn' as F] !== undefined ? 'upn' : 'admissionNumber');
    return { rows, rejections, ignoredColumns: table.map.ignored, column, keyColumn };
  } catch (err) {
    // No header, an empty file, a required column missing: nothing is imported.
    if (err instanceof RosterFileError) throw invalid('invalid_file', err.message, { missingColumns: err.missingColumns });
    throw err;
  }
}

/** Who runs an import: the role check, who it is recorded as, and where its records come from. */
interface Importer {
  check(tx: Tx): Promise<void>;
  actor: Actor;
  source: ImportContext<unknown>['source'];
}

/** An evidence file a member of staff (or the API key) imports: admins and the SENCO. */
export function importEvidence<C extends EvidenceColumns, R extends { misId: string }>(
  op: UseCaseDeps,
  p: Principal,
  schoolId: string,
  spec: ImportKindSpec<C, R>,
  file: { text: string; encoding: CsvEncoding; fileName?: string },
): Promise<ImportSummary> {
  const importer: Importer = { check: (tx) => schoolToRun(tx, p, schoolId, 'import evidence from the MIS'), actor: actorOf(p), source: 'IMPORT' };
  return runImport(op, importer, schoolId, spec, { table: file.text, encoding: file.encoding, fileName: file.fileName });
}

/** The MIS sync's records of one kind (the system: the school connected its MIS), keyed by the file's headers. */
export function importEvidenceFromMis<C extends EvidenceColumns, R extends { misId: string }>(
  op: UseCaseDeps,
  actor: Actor,
  schoolId: string,
  spec: ImportKindSpec<C, R>,
  rows: Row[],
  fileName: string,
): Promise<ImportSummary> {
  return runImport(op, { check: async () => undefined, actor, source: 'MIS' }, schoolId, spec, { table: rows, encoding: 'utf-8', fileName });
}

async function runImport<C extends EvidenceColumns, R extends { misId: string }>(
  op: UseCaseDeps,
  who: Importer,
  schoolId: string,
  spec: ImportKindSpec<C, R>,
  file: { table: TableSource; encoding: CsvEncoding; fileName?: string },
): Promise<ImportSummary> {
  const startedAt = op.clock.now();
  const actor = who.actor;
  return inTransaction(
    op,
    async (tx) => {
      await who.check(tx);
      const parsed = readFile(spec, file.table);
      await lockSchoolEvidence(tx, schoolId);
      await lockAssessment(tx, schoolId, 'use');
      const rejections = [...parsed.rejections];
      const { column } = parsed;

      const upns = [...new Set(parsed.rows.map((r) => r.record.misId))];
      const pupils = new Map((await tx.pupil.findMany({ where: { schoolId, misId: { in: upns }, anonymisedAt: null }, select: { id: true, misId: true } })).map((x) => [x.misId, x.id]));
      const rows: ValidRow<R>[] = [];
      for (const { row, record } of parsed.rows) {
        const pupilId = pupils.get(record.misId);
        if (pupilId) rows.push({ row, record, pupilId });
        else rejections.push({ row, column: parsed.keyColumn, reason: `no pupil at this school has the UPN or admission number ${record.misId} (import the register first)` });
      }
      const { today, terms } = await schoolTerms(tx, schoolId, op.clock);
      const written = await spec.write({
        tx,
        schoolId,
        rows,
        today,
        terms,
        now: op.clock.now(),
        recordedById: staffIdOf(actor),
        source: who.source,
        reject: (row, field, reason) => rejections.push({ row, column: column(field), reason }),
      });
      await recordAuditMany(tx, actor, written.audits.map((a) => ({ ...a, schoolId })));

      const sorted = [...rejections].sort((a, b) => a.row - b.row);
      const counts = {
        imported: written.outcomes.filter((o) => o === 'imported').length,
        updated: written.outcomes.filter((o) => o === 'updated').length,
        unchanged: written.outcomes.filter((o) => o === 'unchanged').length,
        rejected: new Set(sorted.map((r) => r.row)).size,
      };
      const recorded = await tx.rosterImport.create({
        data: { schoolId, kind: RECORDED_AS[spec.kind], fileName: file.fileName ?? null, ...counts, rejections: asJson(sorted), actorLabel: actor.label, startedAt, finishedAt: op.clock.now() },
      });
      return { importId: recorded.id, ...counts, rejections: sorted, fixes: fixesFor(sorted), ignoredColumns: parsed.ignoredColumns, encoding: file.encoding };
    },
    IMPORT_TRANSACTION,
  );
}
