import { actorOf, recordAudit } from '../audit/audit';
import type { Principal } from '../domain/access';
import { pupilToRead, schoolToOversee } from '../evidence/access';
import { loadPupilEvidence, loadSchoolEvidence, type PupilEvidenceRows } from './figureQueries';
import { pupilFigures, schoolFigures, type PupilFigures, type SchoolFigures } from './figures';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';

/**
 * Reading the evidence. A pupil's (their key teacher, the SENCO, school leads and admins) is a read
 * of their record, so it is audited; a school's figures (the SENCO, leads and admins) name no one.
 */
export type PupilEvidence = PupilFigures & { pupilId: string; records: PupilEvidenceRows['records'] };

export async function pupilEvidence(op: UseCaseDeps, p: Principal, pupilId: string): Promise<PupilEvidence> {
  return inTransaction(op, async (tx) => {
    const pupil = await pupilToRead(tx, p, pupilId);
    const at = op.clock.now();
    const rows = await loadPupilEvidence(tx, pupilId, at);
    await recordAudit(tx, actorOf(p), { schoolId: pupil.schoolId, action: 'pupil.evidence.view', entityType: 'Pupil', entityId: pupilId });
    return { pupilId, ...pupilFigures(rows.input, pupilId, at, rows.lastConversationOn), records: rows.records };
  });
}

export async function schoolEvidence(op: UseCaseDeps, p: Principal, schoolId: string): Promise<SchoolFigures> {
  return inTransaction(op, async (tx) => {
    await schoolToOversee(tx, p, schoolId);
    const at = op.clock.now();
    return schoolFigures(await loadSchoolEvidence(tx, schoolId, at), at);
  });
}
