import { z } from 'zod';
import type { PrismaClient } from '../db/database';
import type { Tx } from '../db/transaction';
import { planJob } from '../jobs/jobQueue';
import { payloadOf, PermanentFailure, type JobHandler } from '../jobs/jobRunner';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { kindOfBytes, MEDIA_MAX_BYTES, mayBeKept, mediaRefOf, type MediaRef, type WebhookMedia } from './mediaItems';
import type { TwilioMedia } from './twilioMedia';

/**
 * A parent's pictures, kept: the webhook stores each item as pending in the same transaction as the
 * text (so a crash loses neither), and a job per item fetches it from Twilio into our own store
 * (the database), refuses what is not a picture or a PDF, or over 5 MB, by its bytes, and then
 * deletes Twilio's copy. An item erased before it was fetched is never fetched, only deleted at
 * Twilio. A download that fails for good is marked failed and Twilio's copy left for whoever runs
 * the number to look at.
 */
export const FETCH_MEDIA = 'sms.fetchMedia';
const fetchPayload = z.object({ mediaId: z.uuid() });

/** In the webhook's transaction: one row per item and a job for each Twilio holds. */
export async function keepInboundMedia(tx: Tx, now: Date, inbound: { id: string; schoolId: string; providerId: string }, items: WebhookMedia[], accountSid: string | undefined): Promise<void> {
  for (const item of items) {
    const ref = accountSid ? mediaRefOf(item.url, { accountSid, messageSid: inbound.providerId }) : { refused: 'no Twilio account is configured to fetch it from' };
    const atTwilio = 'mediaSid' in ref;
    const refused = !atTwilio ? ref.refused : mayBeKept(item.declaredType) ? null : `a ${item.declaredType} file: only pictures and PDFs are kept`;
    const row = await tx.messageMedia.create({
      data: {
        messageId: inbound.id,
        position: item.position,
        declaredType: item.declaredType,
        providerSid: atTwilio ? ref.mediaSid : null,
        sourceUrl: atTwilio && !refused ? item.url : null,
        status: refused ? 'REFUSED' : 'PENDING',
        reason: refused,
      },
      select: { id: true },
    });
    // Refused or not, Twilio's copy goes: we keep nothing we do not show.
    if (atTwilio) await planJob(tx, { kind: FETCH_MEDIA, dedupeKey: `${FETCH_MEDIA}:${row.id}`, runAt: now, schoolId: inbound.schoolId, subjectId: row.id, payload: { mediaId: row.id } });
  }
}

export function fetchMediaHandler(prisma: PrismaClient, clock: Clock, logger: Logger, twilio: TwilioMedia | undefined): JobHandler {
  const settle = (id: string, data: { status: 'STORED' | 'REFUSED' | 'FAILED'; reason?: string; data?: Buffer; size?: number; contentType?: string }) =>
    // Only a pending item: one erased meanwhile stays removed.
    prisma.messageMedia.updateMany({
      where: { id, status: 'PENDING' },
      data: { ...data, data: data.data ? new Uint8Array(data.data) : undefined, sourceUrl: null, ...(data.status === 'STORED' ? { storedAt: clock.now() } : {}) },
    });

  return async (job) => {
    const { mediaId } = payloadOf(job, fetchPayload);
    const item = await prisma.messageMedia.findUnique({ where: { id: mediaId }, select: { id: true, status: true, providerSid: true, providerDeletedAt: true, message: { select: { providerId: true } } } });
    if (!item?.providerSid || !item.message.providerId || !twilio) return;
    const ref: MediaRef = { accountSid: twilio.accountSid, messageSid: item.message.providerId, mediaSid: item.providerSid };
    const lastAttempt = job.attempts >= job.maxAttempts;

    if (item.status === 'PENDING') {
      let fetched: Awaited<ReturnType<TwilioMedia['fetch']>>;
      try {
        fetched = await twilio.fetch(ref, MEDIA_MAX_BYTES);
      } catch (err) {
        if (!lastAttempt && !(err instanceof PermanentFailure)) throw err;
        logger.warn({ mediaId, err }, 'a parent’s picture could not be fetched from Twilio');
        await settle(item.id, { status: 'FAILED', reason: `Twilio could not give it to us (${(err as Error).message})` });
        return;
      }
      if (fetched === 'gone') await settle(item.id, { status: 'FAILED', reason: 'Twilio no longer had it' });
      else if (fetched === 'too-large') await settle(item.id, { status: 'REFUSED', reason: 'larger than 5 MB' });
      else {
        const kind = kindOfBytes(fetched.bytes);
        await settle(item.id, kind ? { status: 'STORED', data: fetched.bytes, size: fetched.bytes.length, contentType: kind.contentType } : { status: 'REFUSED', reason: 'not a picture or a PDF', size: fetched.bytes.length });
      }
    }

    const now = await prisma.messageMedia.findUniqueOrThrow({ where: { id: item.id }, select: { status: true, providerDeletedAt: true } });
    if (now.status === 'FAILED' || now.providerDeletedAt) return;
    await twilio.remove(ref);
    await prisma.messageMedia.update({ where: { id: item.id }, data: { providerDeletedAt: clock.now() } });
  };
}
