import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createTwilioStandIn, type TwilioStandIn as StandIn, type TwilioStandInOptions } from '../../standins/twilio';

export type { Answer, MediaAnswer, RecordedRequest } from '../../standins/twilio';

/**
 * The Twilio stand-in (standins/twilio.ts) on a port of its own: each test scripts the next
 * answers; by default a message is accepted and media are served until deleted.
 */
export interface TwilioStandIn extends Omit<StandIn, 'router'> {
  url: string;
  close(): Promise<void>;
}

export async function startTwilioStandIn(o: TwilioStandInOptions = {}): Promise<TwilioStandIn> {
  const standIn = createTwilioStandIn(o);
  const app = express();
  app.use(standIn.router);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests left unanswered on purpose must not hold the server open.
        server.closeAllConnections();
      }),
  });
}
