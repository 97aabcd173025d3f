import { z } from 'zod';
import { actorOf, recordAudit } from '../audit/audit';
import type { Principal } from '../domain/access';
import { DomainError, notFound } from '../domain/errors';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { kindOfContentType } from '../sms/mediaItems';
import { visibleReply } from './useCases';

/**
 * A picture (or PDF) a parent sent, for staff who may see the text it came with: the pupil's key
 * teacher, the SENCO, leads and admins (of any of the parent's children, for a text about no single
 * child). Every look is audited against the message, so it is in the pupil's audit trail and
 * subject access answer. The bytes leave with the type read from them when they were stored, never
 * the one Twilio or the phone declared.
 */
export const mediaId = z.uuid();

export interface ParentMedia {
  contentType: string;
  bytes: Buffer;
  /** A picture the browser shows; anything else is offered as a file to open. */
  inline: boolean;
  fileName: string;
}

export async function viewParentMedia(d: UseCaseDeps, by: Principal, id: string): Promise<ParentMedia> {
  return inTransaction(d, async (tx) => {
    const item = await tx.messageMedia.findUnique({ where: { id }, select: { id: true, messageId: true, position: true, status: true, reason: true, contentType: true, data: true } });
    if (!item) throw notFound('Picture');
    const m = await visibleReply(tx, by, item.messageId);
    const kind = kindOfContentType(item.contentType);
    if (item.status !== 'STORED' || !item.data || !kind) {
      throw new DomainError('not_found', 'media_not_kept', `This ${kind?.kind ?? 'file'} is not kept${item.reason ? `: ${item.reason}` : ''}.`);
    }
    await recordAudit(tx, actorOf(by), {
      schoolId: m.schoolId,
      action: 'message.media.view',
      entityType: 'Message',
      entityId: m.id,
      after: { mediaId: item.id, position: item.position, pupilIds: m.about.map((p) => p.id) },
    });
    return { contentType: kind.contentType, bytes: Buffer.from(item.data), inline: kind.shownInline, fileName: `${kind.kind}-${item.position + 1}.${kind.extension}` };
  });
}
