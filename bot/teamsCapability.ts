import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { dropNotice, sendNotice, type CardAction, type NoticeCard } from '../cards/cardAction';
import type { PrismaClient } from '../db/database';
import type { Command } from '../cards/command';
import { teamsUnreachableCard, unknownTeamsUserCard } from '../cards/noticeCards';
import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import { botRoute, CheckedAdapter } from './routes';
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
  const adapter = new CheckedAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'bot turn failed');
    if (context.activity.type === 'message') await context.sendActivity('Sorry, something went wrong on our side. Nothing you wrote is lost; please try again.').catch(() => undefined);
  };
  const bot = new TeamsBot({ prisma, clock, logger, publicBaseUrl: config.publicBaseUrl, cardActions: parts.cardActions, commands: parts.commands });
  const own = ownNotices(prisma);
  const noticeCards = { ...parts.noticeCards, ...own };

  return {
    name: 'teams',
    publicRoutes: (app) => botRoute(app, adapter, bot),
    noticeCards: own,
    senders: { TEAMS: teamsSender({ adapter, appId: config.MicrosoftAppId ?? '', prisma, clock, logger, noticeCards }) },
  };
}
