import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import { authenticate, type AuthOptions } from './auth';
import { securityHeaders } from './hardening';
import { limitRefusals, limitRefusedSignIns, limitRequests, rateLimitStore } from './rateLimits';
import { storableText } from './storableText';
import { errorHandler, route } from './errors';

/**
 * A client's own request id (a proxy's or the dashboard's) is kept only when it is a short token
 * of safe characters: it is echoed in a header and written into the audit trail. Anything else,
 * or none, gets one of ours.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Where the service is in its life: a load balancer should send it work only once it has started. */
export type Phase = 'starting' | 'started';

export function buildApp(ctx: ServiceContext, auth: AuthOptions, capabilities: Capability[], phase: () => Phase = () => 'started'): Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip is the address the outermost of our own proxies saw: X-Forwarded-For entries left of
  // that are the client's to write, so trusting them all would let anyone pick their rate limit.
  app.set('trust proxy', ctx.config.trustProxyHops);
  app.use(securityHeaders());

  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    res.locals.requestId = requestId;
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.logger.debug({ requestId, method: req.method, path: req.path, status: res.statusCode, ms }, 'http');
    });
    next();
  });

  // The app's website address (Teams manifest) and a browser's first guess both lead to the dashboard.
  app.get('/', (_req, res) => {
    res.redirect(302, '/dashboard/');
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(
    '/readyz',
    route(async (_req, res) => {
      const r = await ctx.db.ready();
      // The port opens before the capabilities start (the dashboard is bundled, jobs planned): not ready until they have.
      const now = phase();
      const ok = r.ok && now === 'started';
      res.status(ok ? 200 : 503).json({
        status: ok ? 'ready' : now === 'started' ? 'not_ready' : now,
        database: r.error ? 'unreachable' : 'reachable',
        pendingMigrations: r.pendingMigrations,
        ...(r.error ? { error: 'database unreachable' } : {}),
      });
    }),
  );

  // Rate limits per client address, counted in the database so they hold across instances. The
  // open doors (Twilio's webhooks, the bot) count only what they refuse before or at
  // authentication, after their own routes: a signed request is never refused for the limit.
  const { config, logger } = ctx;
  const limits = rateLimitStore(ctx.db.pool, ctx.clock);
  app.use('/auth/local', limitRequests(limits, { name: 'local-sign-in', perMinute: config.SIGN_IN_RATE_LIMIT_PER_MINUTE }, logger));
  for (const c of capabilities) c.publicRoutes?.(app);
  app.use('/sms', limitRefusals(limits, { name: 'sms-webhooks', perMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE }, logger));
  app.use('/api/messages', limitRefusals(limits, { name: 'bot', perMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE }, logger));

  const api = express.Router();
  // Pupils' records must not linger in browser or proxy caches.
  api.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  api.use(limitRefusedSignIns(limits, { name: 'api-sign-in-failures', perMinute: config.API_AUTH_FAILURES_PER_MINUTE }, logger, authenticate(ctx.prisma, auth)));
  api.use(express.json({ limit: '1mb' }));
  // Every text field of every body and query string, once, before any route reads it.
  api.use(storableText);
  for (const c of capabilities) c.apiRoutes?.(api);
  app.use('/api', api);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'No such endpoint' });
  });
  app.use(errorHandler(ctx.logger));
  return app;
}
