import {
  ActivityHandler,
  CardFactory,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Staff } from '../generated/prisma/client';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { DomainError } from '../domain/errors';
import type { Principal } from '../domain/access';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/adaptive';
import { answerCardAction, type CardAction } from '../cards/cardAction';
import type { BotReply, Command } from '../cards/command';
import { help, parseCommand } from './commands';
import { alertAdminsOfStranger, findMemberFor, findStaffFor, forgetAddress, rememberAddress, type Recipient, type TeamsUser } from './staffDirectory';

export interface TeamsBotDeps {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  publicBaseUrl: string;
  /** Every card verb the service answers, from every capability. */
  cardActions: Readonly<Record<string, CardAction>>;
  /** The command menu. */
  commands: readonly Command[];
}

const principalOfStaff = (staff: Staff): Principal => ({ kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, roles: staff.roles, label: staff.email });

/** What a trust lead or local authority officer is told when they write to the bot or install it. */
const memberHello = (who: Extract<Recipient, { kind: 'member' }>, publicBaseUrl: string): string =>
  `Hello ${who.member.displayName.split(' ')[0]}. I will bring you each term's evaluation of your schools here when it is ready. Your schools' figures, side by side, are in the dashboard: ${publicBaseUrl}/dashboard/`;

const REFUSAL =
  "Hello. This app is for staff at schools using the school engagement service, and I could not find you in your school's staff list. I have let the school's administrator know; they can add you.";

/**
 * The Teams side of the bot: installs and uninstalls, messages (commands) and card actions.
 * Everything it needs from the activity is read during the turn; nothing keeps the TurnContext.
 */
export class TeamsBot extends ActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greet(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const who = await this.recipientFor(await this.teamsUser(context, false));
      if (who) await forgetAddress(this.deps.prisma, this.deps.clock, who, 'app removed in Teams');
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      // In a personal chat the bot being added is the install; Teams may send this instead of installationUpdate.
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded && context.activity.conversation.conversationType === 'personal') await this.greet(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      const who = await this.meet(context);
      if (who?.kind === 'staff') await this.reply(context, await this.runCommand(who.staff, context.activity.text ?? ''));
      // A trust lead or local authority officer has no commands: the figures are in the dashboard.
      if (who?.kind === 'member') await this.reply(context, { text: memberHello(who, this.deps.publicBaseUrl) });
      await next();
    });
  }

  /** Who is writing: the activity says the Teams and Entra ids; the member lookup adds email/UPN. */
  private async teamsUser(context: TurnContext, lookUp: boolean): Promise<TeamsUser> {
    const from = context.activity.from;
    const tenantId = (context.activity.conversation as { tenantId?: string }).tenantId ?? (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const user: TeamsUser = { teamsUserId: from.id, aadObjectId: from.aadObjectId, name: from.name, tenantId };
    if (!lookUp) return user;
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      return { ...user, aadObjectId: member.aadObjectId ?? user.aadObjectId, email: member.email ?? member.userPrincipalName ?? undefined, name: member.name ?? user.name, tenantId: member.tenantId ?? tenantId };
    } catch (err) {
      this.deps.logger.warn({ err }, 'teams member lookup failed; matching on the activity alone');
      return user;
    }
  }

  /** Staff first; failing that, a trust lead or local authority officer. */
  private async recipientFor(user: TeamsUser): Promise<Recipient | null> {
    const staff = await findStaffFor(this.deps.prisma, user);
    if (staff) return { kind: 'staff', staff };
    const member = await findMemberFor(this.deps.prisma, user);
    return member ? { kind: 'member', member } : null;
  }

  /** Links the Teams user to their staff (or organisation) record and stores where to reach them; refuses strangers politely. */
  private async meet(context: TurnContext): Promise<Recipient | null> {
    const { prisma, clock } = this.deps;
    // The activity's ids usually suffice; the member lookup (email/UPN) only for someone not yet linked.
    const fromActivity = await this.teamsUser(context, false);
    const quick = await this.recipientFor(fromActivity);
    const user = quick ? fromActivity : await this.teamsUser(context, true);
    const who = quick ?? (await this.recipientFor(user));
    if (!who) {
      await context.sendActivity(REFUSAL);
      const told = await alertAdminsOfStranger(prisma, clock, user);
      if (told === 0) this.deps.logger.warn({ teamsUserId: user.teamsUserId }, 'unknown Teams user and no school admin to tell');
      return null;
    }
    const reference = TurnContext.getConversationReference(context.activity);
    await rememberAddress(prisma, clock, who, user, {
      conversationId: context.activity.conversation.id,
      serviceUrl: context.activity.serviceUrl,
      tenantId: user.tenantId,
      reference: JSON.parse(JSON.stringify(reference)) as Prisma.InputJsonValue,
    });
    return who;
  }

  private async greet(context: TurnContext): Promise<void> {
    const who = await this.meet(context);
    if (who?.kind === 'member') await this.reply(context, { text: memberHello(who, this.deps.publicBaseUrl) });
    if (who?.kind !== 'staff') return;
    const staff = who.staff;
    const first = staff.displayName.split(' ')[0];
    await this.reply(context, help(this.deps.commands, `Hello ${first}. I will bring you parent messages, reminders and the cards to prepare and record structured conversations.`));
  }

  private async runCommand(staff: Staff, text: string): Promise<BotReply> {
    const { prisma, clock, publicBaseUrl, commands } = this.deps;
    const parsed = parseCommand(text, commands);
    if (!parsed) return help(commands, 'I did not understand that. Here is what I can do.');
    try {
      return await parsed.command.run({ prisma, clock, publicBaseUrl, staff, principal: principalOfStaff(staff), args: parsed.args, menu: commands });
    } catch (err) {
      // A refusal is the command's answer (e.g. the digest is for leads); anything else is the turn's fault.
      if (err instanceof DomainError) return { text: err.message };
      throw err;
    }
  }

  private async reply(context: TurnContext, reply: BotReply): Promise<void> {
    await context.sendActivity({
      type: 'message',
      text: reply.card ? undefined : reply.text,
      summary: reply.text,
      attachments: reply.card ? [CardFactory.adaptiveCard(reply.card)] : undefined,
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const user = await this.teamsUser(context, false);
    const staff = await findStaffFor(this.deps.prisma, user);
    if (!staff) return { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'unknown_staff', message: REFUSAL } as never };
    const raw = invokeValue.action.data;
    // Card data our cards never send (a list, a string): refused as unreadable by the verb's own checks.
    const data = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const verb = typeof invokeValue.action.verb === 'string' ? invokeValue.action.verb : '';
    const answer = await answerCardAction(Object.hasOwn(this.deps.cardActions, verb) ? this.deps.cardActions[verb] : undefined, { staff, principal: principalOfStaff(staff), data });
    // A fault on our side (the database away, a bug): the teacher reads what to do, not Teams' generic error.
    if (answer.fault !== undefined) this.deps.logger.error({ err: answer.fault, verb, staffId: staff.id }, 'card action failed');
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: answer.card as never };
  }
}
