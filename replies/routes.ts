import type { Router } from 'express';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import type { UseCaseDeps } from '../platform/useCase';
import { notFound } from '../domain/errors';
import { listReplies, listRepliesQuery, markHandledInput, markReplyHandled } from './useCases';
import { mediaId, viewParentMedia } from './media';

/**
 * A parent's picture is served as data, never as a page: the type we read from its bytes,
 * nosniff (helmet, on every answer), and a policy that loads nothing and sandboxes the document, so
 * even a file that fooled the check could run nothing; pictures inline, anything else as a download.
 */
const MEDIA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Parents' replies over REST: the list (key teachers see their pupils', SENCOs, leads and admins the school's), marking one handled, and the pictures they sent. */
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

  api.get(
    '/media/:id',
    route(async (req, res) => {
      const id = mediaId.safeParse(req.params.id);
      if (!id.success) throw notFound('Picture');
      const media = await viewParentMedia(d, principalOf(req), id.data);
      res.setHeader('content-security-policy', MEDIA_POLICY);
      res.setHeader('content-disposition', `${media.inline ? 'inline' : 'attachment'}; filename="${media.fileName}"`);
      res.status(200).type(media.contentType).send(media.bytes);
    }),
  );
}
