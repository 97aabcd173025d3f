import type { Capability } from '../api/app';
import type { ServiceContext } from '../platform/context';
import type { Platform } from '../service/capabilities';
import { bookingReminderHandler, BOOKING_REMINDER } from '../booking/booking';
import { mountBookingApi } from '../booking/routes';
import { createSmsSender, localOutboxTransport } from './smsSender';
import { twilioTransport } from './twilioTransport';
import { azureTranslator } from '../messaging/translator';
import { reconcileStatusHandler, RECONCILE_STATUS } from './deliveryStatus';
import { resolveWebhookToken } from './webhookSecret';
import { mountSmsWebhooks } from './webhooks';
import { mountSmsApi } from './routes';

/**
 * Parents by SMS: the SMS sender (Twilio, or the local outbox without credentials), Twilio's
 * webhooks, the booking of structured conversations, and the staff API for replies and the outbox.
 */
export function smsCapability(ctx: ServiceContext, platform: Platform): Capability {
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
  platform.senders.SMS = createSmsSender({ prisma, clock, logger, transport, translator });
  platform.jobs.register(BOOKING_REMINDER, bookingReminderHandler(prisma, clock));
  platform.jobs.register(RECONCILE_STATUS, reconcileStatusHandler(prisma, clock));
  const authToken = resolveWebhookToken(config);

  return {
    name: 'sms',
    mountPublic(app) {
      mountSmsWebhooks(app, { prisma, clock, logger, publicBaseUrl: config.publicBaseUrl, authToken, kick: () => platform.jobs.kick() });
    },
    mountApi(api) {
      const kick = () => platform.jobs.kick();
      mountSmsApi(api, { prisma, clock, kick });
      mountBookingApi(api, { prisma, clock, kick });
    },
  };
}
