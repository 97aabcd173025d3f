import type { Channel, Message } from '../../generated/prisma/client';
import type { ChannelSender } from '../../messaging/delivery';
import type { ServiceOptions } from '../../service/service';

/**
 * The providers at the edge of a test service (Twilio, the Bot Connector), replaceable during a
 * test: a channel sends through whatever the test set for it, else through the service's own
 * sender. Given to the service when it is built (`service: { senders }`), never patched in.
 */
export interface SwitchableSenders {
  senders: NonNullable<ServiceOptions['senders']>;
  use(channel: Channel, sender: ChannelSender | undefined): void;
}

export function switchableSenders(): SwitchableSenders {
  const current: Partial<Record<Channel, ChannelSender>> = {};
  return {
    senders: (_ctx, own) =>
      Object.fromEntries(
        (['SMS', 'TEAMS'] as const).map((channel) => [
          channel,
          {
            send: (m: Message, context: { previousAttemptUncertain: boolean }) => {
              const sender = current[channel] ?? own[channel];
              if (!sender) throw new Error(`no ${channel} sender`);
              return sender.send(m, context);
            },
          } satisfies ChannelSender,
        ]),
      ),
    use(channel, sender) {
      current[channel] = sender;
    },
  };
}
