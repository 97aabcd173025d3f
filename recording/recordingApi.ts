import type { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../api/auth';
import { actorOf } from '../audit/audit';
import { forbidden, HttpError, notFound, route } from '../api/errors';
import { canEditPupil, canViewPupil, type Principal } from '../domain/access';
import type { ServiceContext } from '../platform/context';
import { RecordConflict, RecordIncomplete, RecordNotEditable, saveConversationRecord } from './conversationRecord';
import { AboutAnotherPupil, recordProgressUpdate, recordPupilViews } from './pupilVoice';
import { progressInputSchema, pupilViewsInputSchema, recordInputSchema } from '../domain/record';
import { pupilTargets } from './queries';

const idParam = z.object({ id: z.uuid() });

/** Domain refusals as HTTP answers the dashboard and scripts can act on. */
export function recordingHttpError(err: unknown): unknown {
  if (err instanceof RecordConflict) return new HttpError(409, 'version_conflict', err.message, { currentVersion: err.currentVersion });
  if (err instanceof RecordIncomplete) return new HttpError(422, 'record_incomplete', err.message, { problems: err.problems });
  if (err instanceof RecordNotEditable) return new HttpError(409, 'not_editable', err.message);
  if (err instanceof AboutAnotherPupil) return new HttpError(400, 'another_pupil', err.message);
  return err;
}

async function pupilFor(ctx: ServiceContext, principal: Principal, pupilId: string, mode: 'view' | 'edit') {
  const pupil = await ctx.prisma.pupil.findUnique({ where: { id: pupilId }, select: { id: true, schoolId: true, keyTeacherId: true } });
  if (!pupil || !canViewPupil(principal, pupil)) throw notFound('Pupil');
  if (mode === 'edit' && !canEditPupil(principal, pupil)) throw forbidden('Only the key teacher, the SENCO or an admin can change this record');
  return pupil;
}

/**
 * REST for the structured conversation record, pupil views and progress, the same operations the
 * Teams cards perform: PUT /conversations/:id/record, POST /pupils/:id/views,
 * POST /targets/:id/progress, GET /pupils/:id/targets.
 */
export function mountRecordingApi(api: Router, ctx: ServiceContext): void {
  api.put(
    '/conversations/:id/record',
    route(async (req, res) => {
      const { id } = idParam.parse(req.params);
      const principal = principalOf(req);
      const conversation = await ctx.prisma.structuredConversation.findUnique({ where: { id }, select: { pupilId: true } });
      if (!conversation) throw notFound('Conversation');
      await pupilFor(ctx, principal, conversation.pupilId, 'edit');
      const input = recordInputSchema.parse(req.body);
      const saved = await saveConversationRecord(ctx.prisma, ctx.clock, actorOf(principal), id, input).catch((e) => {
        throw recordingHttpError(e);
      });
      res.json({ conversation: saved.conversation, targets: saved.targets });
    }),
  );

  api.post(
    '/pupils/:id/views',
    route(async (req, res) => {
      const { id } = idParam.parse(req.params);
      const principal = principalOf(req);
      await pupilFor(ctx, principal, id, 'edit');
      const view = await recordPupilViews(ctx.prisma, ctx.clock, actorOf(principal), id, pupilViewsInputSchema.parse(req.body)).catch((e) => {
        throw recordingHttpError(e);
      });
      res.status(201).json(view);
    }),
  );

  api.post(
    '/targets/:id/progress',
    route(async (req, res) => {
      const { id } = idParam.parse(req.params);
      const principal = principalOf(req);
      const target = await ctx.prisma.target.findUnique({ where: { id }, select: { pupilId: true } });
      if (!target) throw notFound('Target');
      await pupilFor(ctx, principal, target.pupilId, 'edit');
      const { tellParent, ...item } = progressInputSchema.parse(req.body);
      const recorded = await recordProgressUpdate(ctx.prisma, ctx.clock, actorOf(principal), target.pupilId, [{ ...item, targetId: id }], tellParent);
      res.status(201).json({ entry: recorded.entries[0], target: recorded.targets[0], parentMessages: recorded.parentMessages });
    }),
  );

  api.get(
    '/pupils/:id/targets',
    route(async (req, res) => {
      const { id } = idParam.parse(req.params);
      await pupilFor(ctx, principalOf(req), id, 'view');
      res.json({ targets: await pupilTargets(ctx.prisma, id, { includeClosed: req.query.includeClosed === 'true' }) });
    }),
  );
}
