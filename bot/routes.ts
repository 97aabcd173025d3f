import express, { type Express, type RequestHandler } from 'express';
import { z } from 'zod';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ActivityHandler,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import { HttpError, route } from '../api/errors';
import { unstorableTextError } from '../api/storableText';
import { textProblems } from '../domain/storableText';

/**
 * The bot's door, POST /api/messages: refused before any turn when it is not JSON, not an activity
 * or not signed by the Bot Framework (each passed on as an error, so the address's rate limit
 * counts it); an authenticated activity is answered and never counted.
 */
export function botRoute(app: Express, adapter: CheckedAdapter, bot: ActivityHandler): void {
  app.post(
    '/api/messages',
    jsonOnly,
    express.json({ limit: '1mb' }),
    wellFormedActivity,
    route(async (req, res, next) => {
      const activity = validateAndFixActivity(req.body as Activity);
      const authenticated = await adapter.authenticate(activity, req.header('authorization') ?? '').catch((err: unknown) => {
        if ((err as { statusCode?: unknown }).statusCode === 401) return undefined;
        throw err;
      });
      // Refused here, before any turn, so the address's rate limit counts it (api/rateLimits.ts).
      if (!authenticated) return next(new HttpError(401, 'unauthenticated', 'The Bot Framework token is not valid'));
      // Authenticated: answered here, never counted. Card data is in the activity's value.
      const problems = textProblems(req.body);
      if (problems.length > 0) {
        const refusal = unstorableTextError(problems);
        return res.status(refusal.status).json({ error: refusal.code, message: refusal.message, details: refusal.details });
      }
      const invoke = await adapter.run(authenticated, activity, (context) => bot.run(context));
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.send(invoke.body);
      else res.end();
    }),
  );
}

type Authenticated = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * The adapter with authentication as a step of its own (CloudAdapter.process does both at once):
 * a refused token is answered before any turn, and the turn runs on the result, not checked twice.
 */
export class CheckedAdapter extends CloudAdapter {
  constructor(private readonly auth: ConfigurationBotFrameworkAuthentication) {
    super(auth);
  }

  authenticate(activity: Activity, authorization: string): Promise<Authenticated> {
    return this.auth.authenticateRequest(activity, authorization);
  }

  run(authenticated: Authenticated, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

// The refusals before authentication are passed on as errors, so the rate limit counts them.
const jsonOnly: RequestHandler = (req, _res, next) => {
  next(req.is('application/json') ? undefined : new HttpError(415, 'unsupported_media_type', 'Bot Framework activities are posted as application/json'));
};

/**
 * What every activity Teams or the Emulator sends carries, and the bot reads without asking. A body
 * without them is refused here with 400, before the adapter (which itself refuses a body with no
 * type before authenticating): otherwise the turn fails half-way with a 500, or the adapter answers
 * 200 for a turn that did nothing.
 */
const activityShape = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: z.looseObject({ id: z.string().min(1).max(512) }),
  recipient: z.looseObject({ id: z.string().min(1).max(512) }),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  text: z.string().optional(),
});

const wellFormedActivity: RequestHandler = (req, _res, next) => {
  const parsed = activityShape.safeParse(req.body);
  next(parsed.success ? undefined : new HttpError(400, 'invalid_activity', 'The activity is not valid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))));
};
