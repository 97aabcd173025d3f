import type { Router } from 'express';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import type { UseCaseDeps } from '../platform/useCase';
import { listReplies, listRepliesQuery, markHandledInput, markReplyHandled } from './useCases';

/** Parents' replies over REST: the list (key teachers see their pupils', SENCOs, leads and admins the school's) and marking one handled. */
export function repliesRoutes(api: Router, d: UseCaseDeps): void {
  api.get(
    '/parent-replies',
    route(async (req, res) => {
      res.json({ replies: await listReplies(d.prisma, principalOf(req), listRepliesQuery.parse(req.query)) });
    }),
  );

  api.post(
    '/parent-replies/:id/handled',
    route(async (req, res) => {
      const body = req.body && typeof req.body === 'object' ? req.body : {};
      res.json(await markReplyHandled(d, principalOf(req), markHandledInput.parse({ ...body, messageId: req.params.id })));
    }),
  );
}
