import { assessmentImport } from '../assessment/assessmentImport';
import { attendanceImport } from '../attendance/attendanceImport';
import type { Principal } from '../domain/access';
import { exclusionImport } from '../outcomes/exclusionImport';
import { achievementImport, behaviourImport, bullyingImport, participationImport } from '../outcomes/outcomeImport';
import type { CsvEncoding } from '../roster/csvEncoding';
import { importEvidence, type EvidenceImportKind, type ImportSummary } from '../evidence/importFile';
import type { UseCaseDeps } from '../platform/useCase';

/** Imports one kind of evidence file for a school (admins and the SENCO): see evidence/importFile.ts; samples in evidence/samples/. */
export function importEvidenceFile(op: UseCaseDeps, p: Principal, schoolId: string, kind: EvidenceImportKind, file: { text: string; encoding: CsvEncoding; fileName?: string }): Promise<ImportSummary> {
  switch (kind) {
    case 'assessments':
      return importEvidence(op, p, schoolId, assessmentImport, file);
    case 'attendance':
      return importEvidence(op, p, schoolId, attendanceImport, file);
    case 'exclusions':
      return importEvidence(op, p, schoolId, exclusionImport, file);
    case 'behaviour':
      return importEvidence(op, p, schoolId, behaviourImport, file);
    case 'achievements':
      return importEvidence(op, p, schoolId, achievementImport, file);
    case 'bullying':
      return importEvidence(op, p, schoolId, bullyingImport, file);
    case 'participation':
      return importEvidence(op, p, schoolId, participationImport, file);
  }
}
