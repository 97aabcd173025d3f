import type { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../db/database';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import { seesWholeSchool } from '../domain/access';
import { forbidden } from '../domain/errors';

/** The SMS outbox (what parents were sent), for school leads, SENCOs, admins and the API key. */
const outboxQuery = z.object({
  to: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export function smsRoutes(api: Router, prisma: PrismaClient): void {
  api.get(
    '/sms/outbox',
    route(async (req, res) => {
      const p = principalOf(req);
      if (p.kind === 'staff' && !seesWholeSchool(p, p.schoolId)) throw forbidden('The SMS outbox is for school leads, SENCOs and admins');
      const q = outboxQuery.parse(req.query);
      const rows = await prisma.message.findMany({
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
}
