import type { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import { principalOf } from '../api/auth';
import { actorOf } from '../audit/audit';
import { forbidden, HttpError, notFound, route } from '../api/errors';
import { canEditPupil, canViewPupil, pupilScope, seesWholeSchool } from '../domain/access';
import { recordAudit } from '../audit/audit';
import { messageParentsOf } from '../messaging/parentMessages';
import { ContentRuleError } from '../messaging/content';
import { AWAITING_ANSWER, awaitsAnswer } from '../messaging/parentVoice';

/** Staff-facing SMS API: the outbox (what parents were sent) and parents' replies with their handling. */
const outboxQuery = z.object({
  to: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const repliesQuery = z.object({
  /** true: the parent's words still awaiting an answer (messaging/parentVoice.ts); false: those handled, by staff or by the product. */
  unhandled: z.enum(['true', 'false']).optional(),
  pupilId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const handledBody = z.object({ note: z.string().trim().min(1).max(480).optional() });

export function mountSmsApi(api: Router, d: { prisma: PrismaClient; clock: Clock; kick(): void }): void {
  api.get(
    '/sms/outbox',
    route(async (req, res) => {
      const p = principalOf(req);
      if (p.kind === 'staff' && !seesWholeSchool(p, p.schoolId)) throw forbidden('The SMS outbox is for school leads, SENCOs and admins');
      const q = outboxQuery.parse(req.query);
      const rows = await d.prisma.message.findMany({
        where: {
          channel: 'SMS',
          direction: 'OUTBOUND',
          ...(p.kind === 'staff' ? { schoolId: p.schoolId } : {}),
          ...(q.to ? { toAddress: q.to } : {}),
          ...(q.since ? { createdAt: { gte: new Date(q.since) } } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: q.limit,
      });
      res.json({
        messages: rows.map((m) => ({
          id: m.id,
          to: m.toAddress,
          contactId: m.contactId,
          pupilId: m.pupilId,
          conversationId: m.conversationId,
          template: m.template,
          freeText: m.freeText,
          language: m.language,
          body: m.body,
          segments: m.segments,
          encoding: m.encoding,
          status: m.status,
          providerId: m.providerId,
          notBefore: m.notBefore,
          sentAt: m.sentAt,
          deliveredAt: m.deliveredAt,
          errorCode: m.errorCode,
          inReplyToId: m.inReplyToId,
          createdAt: m.createdAt,
        })),
      });
    }),
  );

  api.get(
    '/parent-replies',
    route(async (req, res) => {
      const p = principalOf(req);
      const q = repliesQuery.parse(req.query);
      const scope = pupilScope(p);
      const rows = await d.prisma.message.findMany({
        where: {
          channel: 'SMS',
          direction: 'INBOUND',
          ...(q.unhandled === 'true' ? AWAITING_ANSWER : q.unhandled === 'false' ? { handledAt: { not: null } } : {}),
          pupilId: q.pupilId ?? { not: null },
          pupil: { ...(scope.schoolId ? { schoolId: scope.schoolId } : {}), ...(scope.keyTeacherId ? { keyTeacherId: scope.keyTeacherId } : {}) },
        },
        include: { pupil: { select: { firstName: true, lastName: true } }, contact: { select: { displayName: true } } },
        orderBy: { createdAt: 'desc' },
        take: q.limit,
      });
      res.json({
        replies: rows.map((m) => ({
          id: m.id,
          pupilId: m.pupilId,
          pupilName: m.pupil ? `${m.pupil.firstName} ${m.pupil.lastName}` : null,
          contactId: m.contactId,
          contactName: m.contact?.displayName ?? null,
          body: m.body,
          conversationId: m.conversationId,
          targetId: m.targetId,
          receivedAt: m.createdAt,
          handledAt: m.handledAt,
          handledById: m.handledById,
          awaitingAnswer: awaitsAnswer(m),
        })),
      });
    }),
  );

  api.post(
    '/parent-replies/:id/handled',
    route(async (req, res) => {
      const p = principalOf(req);
      const body = handledBody.parse(req.body ?? {});
      const id = z.uuid().parse(req.params.id);
      const result = await d.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT "id" FROM "Message" WHERE "id" = ${id}::uuid FOR NO KEY UPDATE`;
        const m = await tx.message.findUnique({ where: { id }, include: { pupil: true } });
        if (!m || m.direction !== 'INBOUND' || m.channel !== 'SMS' || !m.pupil) throw notFound('Parent reply');
        if (!canViewPupil(p, m.pupil)) throw notFound('Parent reply');
        // Marking it handled may text the parent: the same people as on the card (a lead reads, does not answer).
        if (!canEditPupil(p, m.pupil)) throw forbidden("Only the pupil's key teacher, the SENCO or an admin answers a parent");
        if (m.handledAt) return { id: m.id, handledAt: m.handledAt, parentToldMessageIds: [] as string[], alreadyHandled: true };
        const now = d.clock.now();
        const handledById = p.kind === 'staff' ? p.staffId : null;
        await tx.message.update({ where: { id }, data: { handledAt: now, handledById } });
        await recordAudit(tx, actorOf(p), {
          schoolId: m.schoolId,
          action: 'parentReply.handled',
          entityType: 'Message',
          entityId: id,
          before: { handledAt: null },
          after: { handledAt: now, handledById, note: body.note ?? null },
        });
        let told: string[] = [];
        if (body.note && m.contactId) {
          try {
            told = (
              await messageParentsOf(tx, d.clock, {
                pupilId: m.pupil.id,
                template: 'reply.actioned',
                params: { action: body.note },
                onlyContactId: m.contactId,
                conversationId: m.conversationId ?? undefined,
                targetId: m.targetId ?? undefined,
                inReplyToId: id,
                idempotencyKey: `reply.actioned:${id}`,
              })
            ).queued;
          } catch (err) {
            if (err instanceof ContentRuleError) throw new HttpError(422, 'content_rules', err.message, { problems: err.problems });
            throw err;
          }
        }
        return { id, handledAt: now, parentToldMessageIds: told, alreadyHandled: false };
      });
      if (result.parentToldMessageIds.length > 0) d.kick();
      res.json(result);
    }),
  );
}
