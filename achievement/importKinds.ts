import type { Actor } from '../audit/audit';
import { assessmentImport } from '../assessment/assessmentImport';
import { attendanceImport } from '../attendance/attendanceImport';
import type { Principal } from '../domain/access';
import { exclusionImport } from '../outcomes/exclusionImport';
import { achievementImport, behaviourImport, bullyingImport, participationImport } from '../outcomes/outcomeImport';
import type { CsvEncoding } from '../roster/csvEncoding';
import type { Row } from '../roster/rows';
import { importEvidence, importEvidenceFromMis, type EvidenceColumns, type EvidenceImportKind, type ImportKindSpec, type ImportSummary } from '../evidence/importFile';
import type { UseCaseDeps } from '../platform/useCase';

/** What to do with a kind's spec, whatever its columns and records. */
type WithSpec<T> = <C extends EvidenceColumns, R extends { misId: string }>(spec: ImportKindSpec<C, R>) => T;

function withSpec<T>(kind: EvidenceImportKind, f: WithSpec<T>): T {
  switch (kind) {
    case 'assessments':
      return f(assessmentImport);
    case 'attendance':
      return f(attendanceImport);
    case 'exclusions':
      return f(exclusionImport);
    case 'behaviour':
      return f(behaviourImport);
    case 'achievements':
      return f(achievementImport);
    case 'bullying':
      return f(bullyingImport);
    case 'participation':
      return f(participationImport);
  }
}

/** Imports one kind of evidence file for a school (admins and the SENCO): see evidence/importFile.ts; samples in evidence/samples/. */
export function importEvidenceFile(op: UseCaseDeps, p: Principal, schoolId: string, kind: EvidenceImportKind, file: { text: string; encoding: CsvEncoding; fileName?: string }): Promise<ImportSummary> {
  return withSpec(kind, (spec) => importEvidence(op, p, schoolId, spec, file));
}

/** The MIS sync's rows of one kind (keyed by the file's headers), through the same import as a file. */
export function importMisEvidence(op: UseCaseDeps, actor: Actor, schoolId: string, kind: EvidenceImportKind, rows: Row[], fileName: string): Promise<ImportSummary> {
  return withSpec(kind, (spec) => importEvidenceFromMis(op, actor, schoolId, spec, rows, fileName));
}
