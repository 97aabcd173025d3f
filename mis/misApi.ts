import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Capability } from '../platform/capability';
import { dropNotice, sendNotice } from '../cards/cardAction';
import { principalOf } from '../api/auth';
import { route } from '../api/errors';
import { notFound } from '../domain/errors';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { createWondeStandIn } from '../standins/wonde';
import { changeMisSettings, connectInput, connectMis, disconnectMis, misSettingsInput, misState, NIGHTLY_JOB, planNightly, requestSync, SYNC_JOB, syncInput } from './connection';
import { DEFAULT_MIS_OPTIONS, MisSyncRunner, type MisOptions } from './sync';

/**
 * The school's MIS through Wonde: `POST /api/schools/:id/mis` connects it (Wonde school id, token,
 * settings), `GET` says how it stands, `PATCH` changes the settings that need no new token (the aspect mapping), `DELETE` disconnects it, `POST .../mis/sync` asks for a
 * sync now (202: the jobs table runs it). The nightly sync of every connected school is planned at
 * start and by each night's job. In the embedded default the Wonde stand-in is mounted at
 * /standins/wonde with one fictional school, for `npm run mis:demo`.
 */
export const DEMO_WONDE_SCHOOL = 'A0000000001';
/** The stand-in's token for its demo school: fictional data, known to anyone (README). */
export const DEMO_WONDE_TOKEN = 'demo-standin-token-not-a-secret-0001';

export function misCapability(ctx: ServiceContext, d: UseCaseDeps, options: Partial<MisOptions> = {}): Capability {
  const runner = new MisSyncRunner(ctx, d, { ...DEFAULT_MIS_OPTIONS, ...options }, `${process.pid}-${randomUUID().slice(0, 8)}`);
  const schoolId = (p: unknown): string => {
    const id = z.uuid().safeParse(p);
    if (!id.success) throw notFound('School');
    return id.data;
  };

  return {
    name: 'mis',
    jobs: { [SYNC_JOB]: (job) => runner.run(job), [NIGHTLY_JOB]: (job) => runner.run(job) },
    noticeCards: {
      // News only while Wonde still refuses: an admin who has connected again since needs no alarm.
      'mis.accessRevoked': async (m) => {
        const connectionId = m.idempotencyKey?.split(':')[1];
        const c = connectionId ? await ctx.prisma.misConnection.findUnique({ where: { id: connectionId }, select: { state: true } }) : null;
        return c?.state === 'REVOKED' ? sendNotice() : dropNotice('the MIS is connected again');
      },
    },
    publicRoutes(app) {
      if (!ctx.config.embeddedDatabase || ctx.config.NODE_ENV === 'production') return;
      const standIn = createWondeStandIn(ctx.clock, [{ id: DEMO_WONDE_SCHOOL, token: DEMO_WONDE_TOKEN, name: 'Wonde Stand-in Academy (fictional)' }]);
      app.use('/standins/wonde', standIn.router);
    },
    apiRoutes(api) {
      api.post(
        '/schools/:id/mis',
        route(async (req, res) => {
          const result = await connectMis(ctx, principalOf(req), schoolId(req.params.id), connectInput.parse(req.body ?? {}));
          d.kick();
          res.status(201).json(result);
        }),
      );
      api.get(
        '/schools/:id/mis',
        route(async (req, res) => {
          res.json(await misState(ctx, principalOf(req), schoolId(req.params.id)));
        }),
      );
      api.patch(
        '/schools/:id/mis',
        route(async (req, res) => {
          res.json(await changeMisSettings(ctx, principalOf(req), schoolId(req.params.id), misSettingsInput.parse(req.body ?? {})));
        }),
      );
      api.delete(
        '/schools/:id/mis',
        route(async (req, res) => {
          res.json(await disconnectMis(ctx, principalOf(req), schoolId(req.params.id)));
        }),
      );
      api.post(
        '/schools/:id/mis/sync',
        route(async (req, res) => {
          const result = await requestSync(ctx, principalOf(req), schoolId(req.params.id), syncInput.parse(req.body ?? {}));
          d.kick();
          res.status(202).json(result);
        }),
      );
    },
    async start() {
      // Every connected school has its next night planned (the job is keyed by date: planning twice plans once).
      const connections = await ctx.prisma.misConnection.findMany({ where: { state: 'CONNECTED' }, include: { school: { select: { timezone: true } } } });
      for (const c of connections) await planNightly(ctx.prisma, c, c.school.timezone, ctx.clock.now());
    },
  };
}
