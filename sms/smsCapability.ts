import type { Capability } from '../platform/capability';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { azureTranslator } from '../messaging/translator';
import { createSmsSender, localOutboxTransport } from './smsSender';
import { twilioTransport } from './twilioTransport';
import { reconcileStatusHandler, RECONCILE_STATUS } from './deliveryStatus';
import { resolveWebhookToken } from './webhookSecret';
import { mountSmsWebhooks } from './webhooks';
import { smsRoutes } from './routes';
import { smsNoticeCards } from './noticeCards';

/**
 * Parents by SMS: the SMS sender (Twilio, or the local outbox without credentials), Twilio's
 * webhooks (a parent's text, delivery receipts) and the outbox for staff who oversee it.
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

  return {
    name: 'sms',
    publicRoutes: (app) => mountSmsWebhooks(app, { prisma, clock, logger, publicBaseUrl: config.publicBaseUrl, authToken, kick: d.kick }),
    apiRoutes: (api) => smsRoutes(api, prisma),
    senders: { SMS: createSmsSender({ prisma, clock, logger, transport, translator }) },
    noticeCards: smsNoticeCards(prisma, config.publicBaseUrl),
    jobs: { [RECONCILE_STATUS]: reconcileStatusHandler(prisma, clock) },
  };
}
