import { z } from 'zod';
import { actorOf, recordAudit } from '../audit/audit';
import { canAdministerSchool, type Principal } from '../domain/access';
import { conflict, forbidden, notFound } from '../domain/errors';
import { leaverRecordsEndOn } from '../domain/leaverRecords';
import type { Tx } from '../db/transaction';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { addUp, anonymiseContacts, anonymisePupils, type Anonymised } from './anonymise';
import { suppressNumbers } from './suppression';

/**
 * Erasure on request (UK GDPR article 17), for a parent or carer, or for a pupil.
 *
 * A parent can always be erased: the product texts them by consent, and nothing the school must
 * keep depends on their number or their texts. Their words leave the record too; what the key
 * teacher wrote in a conversation stays, as part of the child's SEN record. Their number is kept
 * only as a hash (privacy/suppression.ts) so the next register import does not text them again.
 *
 * A pupil's SEN record (a conversation held or recorded, their views, targets) is a record the
 * school must keep: while the pupil is on the roll and, after they leave, for the school's leaver
 * period (the right to erasure does not apply where keeping the data is a legal obligation or a
 * public task, article 17(3)(b)). Such a request is refused with 409 unless the school states why
 * the record need not be kept; a pupil with no record yet (imported by mistake) is erased at once.
 * Parents and carers linked to no other pupil are erased with them.
 */
export const pupilErasureSchema = z.strictObject({
  /** Why a record the school would otherwise keep may go. */
  reason: z.enum(['ENTERED_IN_ERROR', 'RECORD_TRANSFERRED', 'DATA_PROTECTION_OFFICER_DECISION']).optional(),
});

export type PupilErasureRequest = z.infer<typeof pupilErasureSchema>;

export interface ErasureSummary {
  erased: Anonymised;
  /** Numbers kept as hashes so they are never texted again. */
  numbersSuppressed: number;
  reason: PupilErasureRequest['reason'] | null;
}

const TX = { timeout: 60_000 };

/** Subject access and erasure are answered for the school by its admins and SENCOs (and the API key). */
export const PRIVACY_REFUSED = 'Only admins and SENCOs answer subject access and erasure requests';

/** The school of a pupil or contact named by a request, if the caller answers such requests for it. */
export async function privacySubject(db: Pick<Tx, 'pupil' | 'contact'>, by: Principal, subject: 'pupil' | 'contact', rawId: unknown): Promise<{ id: string; schoolId: string }> {
  const id = z.uuid().safeParse(rawId);
  const found = !id.success
    ? null
    : subject === 'pupil'
      ? await db.pupil.findUnique({ where: { id: id.data }, select: { id: true, schoolId: true } })
      : await db.contact.findUnique({ where: { id: id.data }, select: { id: true, schoolId: true } });
  if (!found) throw notFound(subject === 'pupil' ? 'Pupil' : 'Parent or carer');
  if (!canAdministerSchool(by, found.schoolId)) throw forbidden(PRIVACY_REFUSED);
  return found;
}

export async function eraseContact(d: UseCaseDeps, by: Principal, contactId: string): Promise<ErasureSummary> {
  const { clock } = d;
  const actor = actorOf(by);
  return inTransaction(d, async (tx) => {
    await privacySubject(tx, by, 'contact', contactId);
    const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { schoolId: true, mobile: true, anonymisedAt: true } });
    const numbers = contact.anonymisedAt ? [] : [contact.mobile];
    await suppressNumbers(tx, contact.schoolId, numbers);
    const erased = await anonymiseContacts(tx, { clock, actor }, [contactId]);
    const summary = { erased, numbersSuppressed: numbers.length, reason: null };
    await recordAudit(tx, actor, { schoolId: contact.schoolId, action: 'contact.erasure', entityType: 'Contact', entityId: contactId, after: summary });
    return summary;
  }, TX);
}

export async function erasePupil(d: UseCaseDeps, by: Principal, pupilId: string, request: PupilErasureRequest): Promise<ErasureSummary> {
  const { clock } = d;
  const actor = actorOf(by);
  return inTransaction(d, async (tx) => {
    await privacySubject(tx, by, 'pupil', pupilId);
    const pupil = await tx.pupil.findUniqueOrThrow({
      where: { id: pupilId },
      select: {
        schoolId: true,
        archivedAt: true,
        yearGroup: true,
        anonymisedAt: true,
        school: { select: { leaverRecordsUntilAge: true, leaverRecordsYears: true } },
        _count: { select: { views: true, targets: true, conversations: { where: { OR: [{ heldAt: { not: null } }, { recordState: { not: 'NONE' } }] } } } },
      },
    });
    const hasRecord = pupil._count.views + pupil._count.targets + pupil._count.conversations > 0;
    const keptUntil = pupil.archivedAt ? leaverRecordsEndOn({ untilAge: pupil.school.leaverRecordsUntilAge, years: pupil.school.leaverRecordsYears }, { leftAt: pupil.archivedAt, yearGroup: pupil.yearGroup }) : null;
    const mustKeep = !pupil.anonymisedAt && hasRecord && (keptUntil === null || clock.now() < keptUntil);
    if (mustKeep && !request.reason) {
      throw conflict(
        'record_must_be_kept',
        keptUntil
          ? `This pupil's SEN record is kept until ${keptUntil.toISOString().slice(0, 10)} (the school's leaver period); give a reason to erase it sooner`
          : "This pupil is on the school's roll and has an SEN record, which the school must keep; give a reason to erase it",
        { keptUntil: keptUntil?.toISOString().slice(0, 10) ?? null, reasons: pupilErasureSchema.shape.reason.unwrap().options },
      );
    }
    const ctx = { clock, actor };
    const pupils = await anonymisePupils(tx, ctx, [pupilId]);
    const orphans = await tx.contact.findMany({ where: { id: { in: pupils.contactsLeftAlone }, anonymisedAt: null }, select: { mobile: true } });
    await suppressNumbers(tx, pupil.schoolId, orphans.map((c) => c.mobile));
    const erased = addUp(pupils.counts, await anonymiseContacts(tx, ctx, pupils.contactsLeftAlone));
    const summary = { erased, numbersSuppressed: orphans.length, reason: request.reason ?? null };
    await recordAudit(tx, actor, { schoolId: pupil.schoolId, action: 'pupil.erasure', entityType: 'Pupil', entityId: pupilId, after: summary });
    return summary;
  }, TX);
}
