import { z } from 'zod';
import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Message } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import { transaction } from '../db/transaction';
import type { ChannelSender, SendOutcome } from '../messaging/delivery';
import { notifyStaff, staffWithRole } from '../messaging/staffNotifier';
import { PermanentFailure, RetryLater } from '../jobs/jobRunner';
import { sendNotice, storedCard, type NoticeCard, type NoticeNow } from '../cards/cardAction';
import { forgetAddress, type Recipient } from './staffDirectory';

/** The ConversationReference botbuilder gave us at install (a JSON column): read through the fields a proactive send needs. */
const storedReference = z.looseObject({
  channelId: z.string().min(1),
  serviceUrl: z.url(),
  conversation: z.looseObject({ id: z.string().min(1) }),
  bot: z.looseObject({ id: z.string() }).optional(),
  user: z.looseObject({ id: z.string() }).optional(),
});

/** A member of staff who has not installed the app is looked at again after this long (and at once on install). */
export const NOT_INSTALLED_RETRY_MS = 60 * 60_000;

/**
 * What a stored notice is when it is delivered: re-checked by its kind's check (dropped when no
 * longer true, else its card and text as they are now); a message of no known kind goes as stored.
 */
export async function noticeNow(noticeCards: Readonly<Record<string, NoticeCard>>, m: Message, now: Date): Promise<NoticeNow> {
  const check = m.template && Object.hasOwn(noticeCards, m.template) ? noticeCards[m.template] : undefined;
  return check ? check(m, now) : sendNotice(storedCard(m));
}

/**
 * Delivers stored Teams messages proactively with the conversation reference kept at install.
 * Throttling (429) and connector trouble (5xx, network) are retried by the job queue, honouring
 * Retry-After; a 403/404 (bot blocked or removed, conversation gone) marks the app uninstalled,
 * fails the message and tells the school's admins.
 */
export function teamsSender(deps: { adapter: CloudAdapter; appId: string; prisma: PrismaClient; clock: Clock; logger: Logger; noticeCards: Readonly<Record<string, NoticeCard>> }): ChannelSender {
  const { adapter, appId, prisma, clock, logger, noticeCards } = deps;
  return {
    async send(message: Message): Promise<SendOutcome> {
      const to = await recipientOf(prisma, message);
      if (!to) return { kind: 'suppressed', reason: 'the recipient is no longer active' };
      const { who, ref } = to;
      const name = who.kind === 'staff' ? who.staff.displayName : who.member.displayName;
      if (!ref || ref.uninstalledAt) return { kind: 'hold', until: new Date(clock.now().getTime() + NOT_INSTALLED_RETRY_MS) };

      const reference = storedReference.safeParse(ref.reference);
      if (!reference.success) throw new PermanentFailure(`the Teams address stored for ${name} cannot be read; it is stored again when they next write to the bot`);
      const now = await noticeNow(noticeCards, message, clock.now());
      if (!now.send) return { kind: 'suppressed', reason: `no longer true when it was to be delivered: ${now.why}` };
      const text = now.text ?? message.body;
      const activity = now.card
        ? { type: 'message', summary: text, attachments: [CardFactory.adaptiveCard(now.card)] }
        : { type: 'message', text };
      let providerId: string | undefined;
      // The adapter's turn-error handler would swallow a failed send: keep the error to judge it here.
      let failure: unknown;
      try {
        await adapter.continueConversationAsync(appId, reference.data as unknown as Partial<ConversationReference>, async (context) => {
          withoutSdkRetries(context);
          providerId = (await context.sendActivity(activity).catch((err: unknown) => void (failure = err)))?.id;
        });
      } catch (err) {
        failure = err;
      }
      if (failure !== undefined) {
        const err = failure;
        const status = statusOf(err);
        if (status === 429) throw new RetryLater('Teams is throttling the bot (429)', retryAfterMs(err));
        if (status === 403 || status === 404) {
          await forgetAddress(prisma, clock, who, `Teams answered ${status} to a proactive message`);
          // A school's admins can ask their colleague to add the app again; an organisation's members are their own.
          if (who.kind === 'staff') await tellAdmins(prisma, clock, who.staff, status);
          throw Object.assign(new PermanentFailure(`Teams refused the message (${status}): the bot was removed or blocked by ${name}; it will be sent again only if they reinstall the app`), { code: `teams_${status}` });
        }
        if (status === undefined || status >= 500 || status === 408) throw new RetryLater(`Teams connector unavailable (${status ?? (err as Error).message})`);
        logger.error({ status, messageId: message.id }, 'teams send refused');
        throw Object.assign(new PermanentFailure(`Teams refused the message (${status})`), { code: `teams_${status}` });
      }
      // Teams ids are unique per conversation only: prefix with ours so the column stays unique.
      return { kind: 'sent', providerId: providerId ? `teams:${ref.conversationId}:${providerId}` : undefined, ...(now.text ? { body: now.text } : {}) };
    },
  };
}

/** Our job queue is the one retry layer (durable, honours Retry-After); the SDK's in-process retries would hold the job and repeat sends. */
function withoutSdkRetries(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown } } } | undefined;
  connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: number; status?: number; response?: { status?: number } };
  return e.statusCode ?? e.status ?? e.response?.status;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?(name: string): string | undefined } } }).response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  // Teams sends delta-seconds; an HTTP date falls back to the queue's own backoff.
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : undefined;
}

/** Whom a stored Teams message goes to, with where they were last reached; null once they are no longer active. */
async function recipientOf(prisma: PrismaClient, message: Message): Promise<{ who: Recipient; ref: { reference: unknown; uninstalledAt: Date | null; conversationId: string } | null } | null> {
  if (message.staffId) {
    const staff = await prisma.staff.findUnique({ where: { id: message.staffId }, include: { teamsReference: true } });
    return staff?.active ? { who: { kind: 'staff', staff }, ref: staff.teamsReference } : null;
  }
  if (message.organisationMemberId) {
    const member = await prisma.organisationMember.findUnique({ where: { id: message.organisationMemberId }, include: { teamsReference: true } });
    return member?.active ? { who: { kind: 'member', member }, ref: member.teamsReference } : null;
  }
  throw new PermanentFailure('a Teams message needs a member of staff, or of a trust or local authority, to go to');
}

const TEAMS_UNREACHABLE = 'staff.teamsUnreachable';

/** The colleague a `staff.teamsUnreachable` notice is about, from its key (written just below). */
export function colleagueOfNotice(key: string | null): string | undefined {
  return key?.startsWith(`${TEAMS_UNREACHABLE}:`) ? key.split(':')[1] : undefined;
}

async function tellAdmins(prisma: PrismaClient, clock: Clock, staff: { id: string; schoolId: string; displayName: string }, status: number): Promise<void> {
  await transaction(prisma, async (tx) => {
    for (const adminId of await staffWithRole(tx, staff.schoolId, 'ADMIN')) {
      if (adminId === staff.id) continue;
      await notifyStaff(tx, clock, {
        staffId: adminId,
        template: TEAMS_UNREACHABLE,
        text: `${staff.displayName} can no longer be reached in Teams (the app was removed or the bot blocked; Teams said ${status}). Their reminders and parent messages are waiting: ask them to add the app again.`,
        idempotencyKey: `${TEAMS_UNREACHABLE}:${staff.id}:${clock.now().toISOString().slice(0, 10)}`,
      });
    }
  });
}
