import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { azureTranslator } from '../messaging/translator';
import { createTwilioStandIn, LOCAL_ACCOUNT_SID } from '../standins/twilio';
import { createSmsSender, localOutboxTransport } from './smsSender';
import { twilioTransport } from './twilioTransport';
import { reconcileStatusHandler, RECONCILE_STATUS } from './deliveryStatus';
import { resolveWebhookToken } from './webhookSecret';
import { mountSmsWebhooks } from './webhooks';
import { smsRoutes } from './routes';
import { smsNoticeCards } from './noticeCards';
import { TWILIO_API_ORIGIN } from './mediaItems';
import { twilioMedia } from './twilioMedia';
import { fetchMediaHandler, FETCH_MEDIA } from './parentMedia';
import { QUESTION_FOLLOW_UP, questionFollowUpHandler } from './questions';

/**
 * Parents by SMS: the SMS sender (Twilio, or the local outbox without credentials), Twilio's
 * webhooks (a parent's text and pictures, delivery receipts), the jobs that fetch pictures and
 * follow up unanswered questions, and the outbox for staff who oversee it.
 *
 * Pictures are fetched from Twilio's API with the account's credentials. Without Twilio (the local
 * outbox, never in production) the Twilio stand-in is mounted at /standins/twilio with the local
 * webhook secret as its auth token, so `npm run sms -- --picture` can send one and the service
 * fetches and deletes it over HTTP exactly as from Twilio, at its own address.
 */
export function smsCapability(ctx: ServiceContext, d: UseCaseDeps): Capability {
  const { config, prisma, clock, logger } = ctx;
  const transport = config.twilioConfigured
    ? twilioTransport({
        accountSid: config.TWILIO_ACCOUNT_SID!,
        authToken: config.TWILIO_AUTH_TOKEN!,
        from: config.TWILIO_FROM,
        messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
        statusCallbackUrl: (messageId) => `${config.publicBaseUrl}/sms/status?m=${messageId}`,
        apiOrigin: config.TWILIO_API_ORIGIN,
      })
    : localOutboxTransport(logger);
  const translator = config.TRANSLATOR_KEY
    ? azureTranslator({ key: config.TRANSLATOR_KEY, region: config.TRANSLATOR_REGION, endpoint: config.TRANSLATOR_ENDPOINT })
    : undefined;
  const authToken = resolveWebhookToken(config);
  const localStandIn = !config.twilioConfigured && config.NODE_ENV !== 'production' ? createTwilioStandIn({ accountSid: LOCAL_ACCOUNT_SID, authToken }) : undefined;
  let localOrigin = '';
  const media = config.twilioConfigured
    ? twilioMedia({ accountSid: config.TWILIO_ACCOUNT_SID!, authToken, origin: () => config.TWILIO_API_ORIGIN ?? TWILIO_API_ORIGIN })
    : localStandIn
      ? twilioMedia({ accountSid: LOCAL_ACCOUNT_SID, authToken, origin: () => localOrigin })
      : undefined;
  const inbound = { schoolNumbers: !config.TWILIO_MESSAGING_SERVICE_SID, mediaAccountSid: media?.accountSid };

  return {
    name: 'sms',
    publicRoutes(app) {
      if (localStandIn) app.use('/standins/twilio', localStandIn.router);
      mountSmsWebhooks(app, { prisma, clock, logger, publicBaseUrl: config.publicBaseUrl, authToken, kick: d.kick, inbound });
    },
    apiRoutes: (api) => smsRoutes(api, prisma),
    senders: { SMS: createSmsSender({ prisma, clock, logger, transport, translator }) },
    noticeCards: smsNoticeCards(prisma, config.publicBaseUrl),
    jobs: {
      [RECONCILE_STATUS]: reconcileStatusHandler(prisma, clock),
      [FETCH_MEDIA]: fetchMediaHandler(prisma, clock, logger, media),
      [QUESTION_FOLLOW_UP]: questionFollowUpHandler(prisma, clock, d.kick),
    },
    async start({ port }) {
      // The service's own address, wherever it listens (the stand-in is mounted on it).
      localOrigin = `http://127.0.0.1:${port}/standins/twilio`;
    },
  };
}
