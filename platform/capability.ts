import type { Express, Router } from 'express';
import type { Channel } from '../generated/prisma/client';
import type { CardAction, NoticeCard } from '../cards/cardAction';
import type { JobHandler } from '../jobs/jobRunner';
import type { ChannelSender } from '../messaging/delivery';

/**
 * A capability of the product (booking, recording, SMS, Teams, the digest...) declares everything
 * it adds to the service, and `service/capabilities.ts` assembles them: nothing is registered by
 * importing a module, and nothing is patched in after the service is built.
 */
export interface Capability {
  name: string;
  /** Doors with their own authentication (Twilio's webhooks, the bot, pages): mounted on the app. */
  publicRoutes?(app: Express): void;
  /** Staff-facing REST under /api, behind API authentication. */
  apiRoutes?(api: Router): void;
  /** Teams card buttons (Action.Execute verbs) this capability answers. */
  cardActions?: Record<string, CardAction>;
  /** Cards for staff notices, by template, built when the notice is delivered (from the record as it is then). */
  noticeCards?: Record<string, NoticeCard>;
  /** Handlers for kinds of job on the jobs table. */
  jobs?: Record<string, JobHandler>;
  /** How stored messages leave, per channel. */
  senders?: Partial<Record<Channel, ChannelSender>>;
  /** Background work, started once every route is mounted and the port is open (`port`: the one it listens on). */
  start?(listening: { port: number }): Promise<void>;
  stop?(): Promise<void>;
}
