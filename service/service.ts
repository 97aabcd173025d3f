import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Message } from '../generated/prisma/client';
import { buildApp, type Phase } from '../api/app';
import type { AuthOptions } from '../api/auth';
import { noticeNow } from '../bot/teamsSender';
import type { NoticeNow } from '../cards/cardAction';
import type { TeamsOptions } from '../bot/teamsCapability';
import type { JobRunner } from '../jobs/jobRunner';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { MisOptions } from '../mis/sync';
import type { Scheduler } from '../scheduling/scheduler';
import { compose, type CompositionOptions } from './capabilities';

export class PortInUse extends Error {}

export interface Service {
  app: Express;
  capabilities: Capability[];
  jobs: JobRunner;
  scheduler: Scheduler;
  /** Every card verb the bot answers (the role matrix and tampering tests hold each to the rules). */
  cardActionVerbs(): string[];
  /** What a stored staff notice would be if it were delivered now: re-checked, with its card and text, or dropped. */
  noticeNow(message: Message): Promise<NoticeNow>;
  /** The card a stored staff notice would be delivered with now (none when it would be dropped). */
  noticeCard(message: Message): Promise<Record<string, unknown> | undefined>;
  /** Every kind of staff notice the service re-checks at delivery. */
  noticeKinds(): string[];
  /** Listens on `port` (0 = any free port) and starts background work. */
  listen(port: number): Promise<{ server: Server; port: number }>;
  /** Stops accepting requests, lets in-flight ones finish, stops background work. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  apiKey?: string;
  /** Overrides for tests (e.g. Entra signing keys). */
  auth?: Partial<AuthOptions>;
  /** Bot Framework settings for tests (a local token issuer). */
  teams?: TeamsOptions;
  /** Tests only: senders in place of the capabilities' own. */
  senders?: CompositionOptions['senders'];
  /** Tests: how long a sync run works before handing over, and how the Wonde client waits and retries. */
  mis?: Partial<MisOptions>;
}

export function authOptions(ctx: ServiceContext, options: ServiceOptions): AuthOptions {
  const { config } = ctx;
  return {
    apiKey: options.apiKey,
    entra:
      config.MicrosoftAppId && config.MicrosoftAppTenantId
        ? { tenantId: config.MicrosoftAppTenantId, appId: config.MicrosoftAppId, publicBaseUrl: config.publicBaseUrl }
        : undefined,
    // Local demo tokens are signed with a key derived from the API key, so they die with it.
    localSigningKey:
      config.localSignIn && options.apiKey ? createHash('sha256').update(`local-sign-in:${options.apiKey}`).digest() : undefined,
    ...options.auth,
  };
}

export function createService(ctx: ServiceContext, options: ServiceOptions = {}): Service {
  const auth = authOptions(ctx, options);
  const composition = compose(ctx, auth, { teams: options.teams, senders: options.senders, mis: options.mis });
  const caps = composition.capabilities;
  let phase: Phase = 'starting';
  const app = buildApp(ctx, auth, caps, () => phase);
  let server: Server | undefined;
  return {
    app,
    capabilities: caps,
    jobs: composition.jobs,
    scheduler: composition.scheduler,
    cardActionVerbs: () => Object.keys(composition.cardActions),
    noticeNow: (message) => noticeNow(composition.noticeCards, message, ctx.clock.now()),
    noticeCard: async (message) => {
      const now = await noticeNow(composition.noticeCards, message, ctx.clock.now());
      return now.send ? (now.card as unknown as Record<string, unknown> | undefined) : undefined;
    },
    noticeKinds: () => Object.keys(composition.noticeCards),
    async listen(port) {
      server = await new Promise<Server>((resolve, reject) => {
        const s = createServer(app);
        s.once('error', (err: NodeJS.ErrnoException) =>
          reject(err.code === 'EADDRINUSE' ? new PortInUse(`Port ${port} on ${ctx.config.host} is already in use: stop the other service or set PORT.`) : err),
        );
        s.listen(port, ctx.config.host, () => resolve(s));
      });
      const listening = { port: (server.address() as AddressInfo).port };
      for (const c of caps) await c.start?.(listening);
      phase = 'started';
      return { server, ...listening };
    },
    async stop() {
      for (const c of [...caps].reverse()) await c.stop?.();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => s.close(() => resolve()));
        server = undefined;
      }
    },
  };
}
