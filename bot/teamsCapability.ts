import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Capability } from '../api/app';
import type { Platform } from '../service/capabilities';
import type { ServiceContext } from '../platform/context';
import { mountRecordingApi } from '../recording/recordingApi';
import { TeamsBot } from './teamsBot';
import { teamsSender } from './teamsSender';

export interface TeamsOptions {
  /**
   * Extra Bot Framework settings (e.g. `ToBotFromChannelOpenIdMetadataUrl` and `ToBotFromChannelTokenIssuer`
   * for a sovereign cloud, or a test's own token issuer). Credentials always come from configuration.
   */
  botFramework?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

/**
 * Microsoft Teams: the bot at POST /api/messages, the proactive sender for TEAMS messages, and
 * the recording REST routes the cards share. Exactly one adapter per process: two adapters with
 * the same credentials break proactive sends with 401s.
 */
export function teamsCapability(ctx: ServiceContext, platform: Platform, options: TeamsOptions = {}): Capability {
  const { config, prisma, clock, logger } = ctx;
  // Without an app id the adapter runs unauthenticated, as the Bot Framework Emulator expects.
  const credentials = config.MicrosoftAppId
    ? { MicrosoftAppId: config.MicrosoftAppId, MicrosoftAppPassword: config.MicrosoftAppPassword ?? '', MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '', MicrosoftAppType: config.MicrosoftAppType }
    : {};
  const auth = new ConfigurationBotFrameworkAuthentication({ ...credentials, ...options.botFramework } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'bot turn failed');
    if (context.activity.type === 'message') await context.sendActivity('Sorry, something went wrong on our side. Nothing you wrote is lost; please try again.').catch(() => undefined);
  };
  const bot = new TeamsBot({ prisma, clock, logger, publicBaseUrl: config.publicBaseUrl, kick: () => platform.jobs.kick() });
  platform.senders.TEAMS = teamsSender({ adapter, appId: config.MicrosoftAppId ?? '', prisma, clock, logger, publicBaseUrl: config.publicBaseUrl });

  return {
    name: 'teams',
    mountPublic(app) {
      app.post('/api/messages', jsonOnly, express.json({ limit: '1mb' }), wellFormedActivity, (req, res, next) => {
        adapter.process(req, res, (context) => bot.run(context)).catch(next);
      });
    },
    mountApi(api) {
      mountRecordingApi(api, ctx);
    },
  };
}

const jsonOnly: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) return next();
  res.status(415).json({ error: 'unsupported_media_type', message: 'Bot Framework activities are posted as application/json' });
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

const wellFormedActivity: RequestHandler = (req, res, next) => {
  const parsed = activityShape.safeParse(req.body);
  if (parsed.success) return next();
  res.status(400).json({ error: 'invalid_activity', message: 'The activity is not valid', details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
};
