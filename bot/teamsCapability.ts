import express, { type RequestHandler } from 'express';
import { z } from 'zod';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { dropNotice, sendNotice, type CardAction, type NoticeCard } from '../cards/cardAction';
import type { PrismaClient } from '../db/database';
import type { Command } from '../cards/command';
import { teamsUnreachableCard, unknownTeamsUserCard } from '../cards/noticeCards';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import { TeamsBot } from './teamsBot';
import { colleagueOfNotice, teamsSender } from './teamsSender';
import { strangerOfNotice } from './staffDirectory';

export interface TeamsOptions {
  /**
   * Extra Bot Framework settings (e.g. `ToBotFromChannelOpenIdMetadataUrl` and `ToBotFromChannelTokenIssuer`
   * for a sovereign cloud, or a test's own token issuer). Credentials always come from configuration.
   */
  botFramework?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

/** What the other capabilities bring to Teams: their card buttons, their notices' cards, the command menu. */
export interface TeamsParts {
  cardActions: Record<string, CardAction>;
  noticeCards: Record<string, NoticeCard>;
  commands: readonly Command[];
}

/**
 * The notices about Teams itself, for the school's admins, each true only while it is: a stranger
 * who has since been given a staff record and written again, or a colleague who has added the app
 * again, is no longer news.
 */
function ownNotices(prisma: PrismaClient): Record<string, NoticeCard> {
  return {
    'staff.unknownTeamsUser': async (m) => {
      const who = strangerOfNotice(m.idempotencyKey);
      const known = who ? await prisma.staff.count({ where: { active: true, OR: [{ teamsUserId: who }, { aadObjectId: who }] } }) : 0;
      return known > 0 ? dropNotice('they have a staff record and are recognised now') : sendNotice(unknownTeamsUserCard(m.body));
    },
    'staff.teamsUnreachable': async (m) => {
      const staffId = colleagueOfNotice(m.idempotencyKey);
      const ref = staffId ? await prisma.teamsConversationReference.findUnique({ where: { staffId }, select: { uninstalledAt: true } }) : null;
      return ref && ref.uninstalledAt === null ? dropNotice('they have added the app again') : sendNotice(teamsUnreachableCard(m.body));
    },
  };
}

/**
 * Microsoft Teams: the bot at POST /api/messages (commands and card buttons, answered by the
 * capabilities that declared them) and the proactive sender for TEAMS messages. Exactly one adapter
 * per process: two adapters with the same credentials break proactive sends with 401s.
 */
export function teamsCapability(ctx: ServiceContext, parts: TeamsParts, options: TeamsOptions = {}): Capability {
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
  const bot = new TeamsBot({ prisma, clock, logger, publicBaseUrl: config.publicBaseUrl, cardActions: parts.cardActions, commands: parts.commands });
  const own = ownNotices(prisma);
  const noticeCards = { ...parts.noticeCards, ...own };

  return {
    name: 'teams',
    publicRoutes(app) {
      app.post('/api/messages', jsonOnly, express.json({ limit: '1mb' }), wellFormedActivity, (req, res, next) => {
        adapter.process(req, res, (context) => bot.run(context)).catch(next);
      });
    },
    noticeCards: own,
    senders: { TEAMS: teamsSender({ adapter, appId: config.MicrosoftAppId ?? '', prisma, clock, logger, noticeCards }) },
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
