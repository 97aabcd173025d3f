import { recordAudit, systemActor } from '../audit/audit';
import type { PrismaClient } from '../db/database';
import { transaction } from '../db/transaction';
import { leaverRecordsEndOn, type LeaverRecordsRule } from '../domain/leaverRecords';
import { addUp, anonymiseContacts, anonymisePupils, nothingAnonymised, type Anonymised } from '../privacy/anonymise';
import type { Clock } from '../runtime/clock';

/**
 * The records of pupils who left the school longer ago than its period (domain/leaverRecords.ts)
 * are anonymised, with the parents and carers linked to no other pupil. The digest and dashboard
 * count pupils on the roll only, so nothing they show changes; the anonymised rows keep the dated
 * facts (conversations held, target areas and outcomes, confidence ratings) for the school's history.
 */
export async function applyLeaverRetention(prisma: PrismaClient, clock: Clock, schoolId: string, rule: LeaverRecordsRule): Promise<Anonymised> {
  const now = clock.now();
  const leavers = await prisma.pupil.findMany({ where: { schoolId, archivedAt: { not: null }, anonymisedAt: null }, select: { id: true, archivedAt: true, yearGroup: true } });
  const due = leavers.filter((p) => now >= leaverRecordsEndOn(rule, { leftAt: p.archivedAt!, yearGroup: p.yearGroup })).map((p) => p.id);
  if (due.length === 0) return nothingAnonymised();
  return transaction(prisma, async (tx) => {
    const ctx = { clock, actor: systemActor };
    const pupils = await anonymisePupils(tx, ctx, due);
    const counts = addUp(pupils.counts, await anonymiseContacts(tx, ctx, pupils.contactsLeftAlone));
    // Counts and the rule only: the audit trail must not keep what was just removed.
    await recordAudit(tx, systemActor, { schoolId, action: 'retention.leavers', entityType: 'Pupil', after: { ...counts, rule } });
    return counts;
  });
}
