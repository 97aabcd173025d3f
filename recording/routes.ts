import type { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import { progressInputSchema, pupilViewsInputSchema, recordInputSchema } from '../domain/record';
import type { UseCaseDeps } from '../platform/useCase';
import { conversationFor, pupilFor, targetFor } from '../pupils/access';
import { saveConversationRecord } from './conversationRecord';
import { recordProgressUpdate, recordPupilViews } from './pupilVoice';
import { pupilTargets } from './queries';

const idParam = z.object({ id: z.uuid() });

/**
 * REST for the structured conversation record, pupil views and progress: the same use cases the
 * Teams cards call. PUT /conversations/:id/record, POST /pupils/:id/views, POST /targets/:id/progress,
 * GET /pupils/:id/targets.
 */
export function recordingRoutes(api: Router, d: UseCaseDeps): void {
  api.put(
    '/conversations/:id/record',
    route(async (req, res) => {
      const { id } = idParam.parse(req.params);
      const principal = principalOf(req);
      // Who may, before what was sent is read: a refused caller learns nothing from a validation error.
      await conversationFor(d.prisma, principal, id, 'edit');
      const saved = await saveConversationRecord(d, principal, id, recordInputSchema.parse(req.body));
      res.json({ conversation: saved.conversation, targets: saved.targets });
    }),
  );

  api.post(
    '/pupils/:id/views',
    route(async (req, res) => {
      const { id } = idParam.parse(req.params);
      const principal = principalOf(req);
      await pupilFor(d.prisma, principal, id, 'edit');
      res.status(201).json(await recordPupilViews(d, principal, id, pupilViewsInputSchema.parse(req.body)));
    }),
  );

  api.post(
    '/targets/:id/progress',
    route(async (req, res) => {
      const { id } = idParam.parse(req.params);
      const principal = principalOf(req);
      const { pupil } = await targetFor(d.prisma, principal, id, 'edit');
      const { tellParent, ...item } = progressInputSchema.parse(req.body);
      const recorded = await recordProgressUpdate(d, principal, pupil.id, [{ ...item, targetId: id }], tellParent);
      res.status(201).json({ entry: recorded.entries[0], target: recorded.targets[0], parentMessages: recorded.parentMessages });
    }),
  );

  api.get(
    '/pupils/:id/targets',
    route(async (req, res) => {
      const { id } = idParam.parse(req.params);
      await pupilFor(d.prisma, principalOf(req), id, 'view');
      res.json({ targets: await pupilTargets(d.prisma, id, { includeClosed: req.query.includeClosed === 'true' }) });
    }),
  );
}
