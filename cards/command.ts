import type { Staff } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Principal } from '../domain/access';
import type { Clock } from '../runtime/clock';
import type { AdaptiveCard } from './adaptive';

/** The app's name in Teams, for everyone who uses it: key teachers, SENCOs, school leads and admins. */
export const APP_NAME = { short: 'SEND engagement', full: 'SEND engagement: structured conversations with parents' } as const;

/**
 * What a member of staff can type to the bot. Each capability defines its commands as constants
 * (so the Teams app package can list them without a running service); `service/capabilities.ts`
 * puts them in one menu. The bot finds the command, runs it with what it needs, and answers a
 * refusal (`DomainError`) with its message as text.
 */
export interface CommandInput {
  prisma: PrismaClient;
  clock: Clock;
  publicBaseUrl: string;
  staff: Staff;
  principal: Principal;
  /** What followed the command word, e.g. the pupil's name. */
  args: string;
  /** Every command the bot knows (for help). */
  menu: readonly Command[];
}

export interface BotReply {
  text?: string;
  card?: AdaptiveCard;
}

export interface Command {
  /** The words that start it, lower case ("my pupils"). */
  name: string;
  aliases?: string[];
  /** As shown in help and in the Teams command menu. */
  usage: string;
  summary: string;
  run(input: CommandInput): Promise<BotReply>;
}
