import { randomUUID } from 'node:crypto';
import type { Message } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { ChannelSender, SendOutcome } from '../messaging/delivery';
import { PermanentFailure } from '../jobs/jobRunner';
import { loadSchoolCalendar } from '../school/calendar';
import { canMessageParentsAt, nextParentSendingTime } from '../domain/schoolCalendar';
import { FREE_TEXT_TEMPLATES, SEND_AT_ANY_HOUR, renderText, type TemplateKey } from '../messaging/catalogue';
import { childFirstName, segmentInfo, toGsmWhereEquivalent } from '../messaging/content';
import { textRefusal } from '../messaging/textRule';
import { markContactUndeliverable } from './contactStatus';
import { RecipientRefused, type SmsTransport } from './twilioTransport';
import type { Translator } from '../messaging/translator';
import { ENGLISH } from '../messaging/languages';

export interface SmsSenderDeps {
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
  transport: SmsTransport;
  translator?: Translator;
}

/** The embedded default: the stored row is the outbox; "sending" gives it a local id and logs that it went. */
export function localOutboxTransport(logger: Logger): SmsTransport {
  return {
    kind: 'local',
    async send({ messageId }) {
      const providerId = `local-${randomUUID()}`;
      logger.debug({ messageId, providerId }, 'SMS kept in the local outbox (no Twilio credentials)');
      return { providerId };
    },
  };
}

/**
 * The last word before an SMS leaves: the text rule is asked again (messaging/textRule.ts: a
 * parent who texted STOP or withdrew consent since the text was queued gets nothing but the
 * answers carriers require), quiet hours and non-messaging days hold the message, a teacher's
 * text is translated when a translator is configured, and Twilio's refusals mark the contact.
 */
export function createSmsSender(d: SmsSenderDeps): ChannelSender {
  async function translated(message: Message): Promise<Message> {
    const template = message.template as TemplateKey | null;
    if (!d.translator || !message.freeText || !template || !FREE_TEXT_TEMPLATES.has(template) || !message.language || message.language === ENGLISH || !message.schoolId) return message;
    const [school, pupil] = await Promise.all([
      d.prisma.school.findUniqueOrThrow({ where: { id: message.schoolId }, select: { name: true, timezone: true } }),
      message.pupilId ? d.prisma.pupil.findUnique({ where: { id: message.pupilId }, select: { firstName: true } }) : null,
    ]);
    // The teacher's words follow the catalogue's frame; only they are translated.
    const frame = toGsmWhereEquivalent(
      renderText(template, message.language, { school: school.name, child: pupil ? childFirstName(pupil.firstName) : '', text: '', action: '' }, school.timezone),
    );
    if (!message.body.startsWith(frame)) return message;
    try {
      const words = await d.translator.translate(message.body.slice(frame.length), message.language);
      const body = toGsmWhereEquivalent(frame + words);
      const { segments, encoding } = segmentInfo(body);
      return d.prisma.message.update({ where: { id: message.id }, data: { body, segments, encoding } });
    } catch (err) {
      d.logger.warn({ messageId: message.id, err }, 'translation failed; sending the teacher text as written');
      return message;
    }
  }

  return {
    async send(original, { previousAttemptUncertain }): Promise<SendOutcome> {
      const template = original.template as TemplateKey | null;
      // Texts go to parents of a school; a message of no school's is not one of them.
      if (!original.schoolId) throw new PermanentFailure('a text message needs the school it is sent for');
      const contact = original.contactId ? await d.prisma.contact.findUnique({ where: { id: original.contactId } }) : null;
      if (original.contactId && !contact) return { kind: 'suppressed', reason: 'contact deleted' };
      const refusal = template && contact ? textRefusal(template, contact) : null;
      if (refusal) return { kind: 'suppressed', reason: refusal.replaceAll('_', ' ') };
      const to = contact?.mobile ?? original.toAddress;
      if (!to) return { kind: 'suppressed', reason: 'no number' };

      const now = d.clock.now();
      if (!template || !SEND_AT_ANY_HOUR.has(template)) {
        const calendar = await loadSchoolCalendar(d.prisma, original.schoolId);
        if (!canMessageParentsAt(calendar, now)) return { kind: 'hold', until: nextParentSendingTime(calendar, now) };
      }

      const message = await translated(original);
      // A retry after a crash or a lost answer asks Twilio first, so a message is never sent twice.
      if (d.transport.findSent && (previousAttemptUncertain || message.attempts > 0)) {
        const since = new Date(message.createdAt.getTime() - 60_000);
        // Only our messages sent in the window Twilio is asked about can explain what it lists.
        const known = await d.prisma.message.findMany({ where: { toAddress: to, providerId: { not: null }, id: { not: message.id }, sentAt: { gte: since } }, select: { providerId: true } });
        const already = await d.transport.findSent({ to, body: message.body, since, knownSids: new Set(known.map((k) => k.providerId!)) });
        if (already) return { kind: 'sent', providerId: already };
      }
      try {
        const { providerId } = await d.transport.send({ messageId: message.id, to, body: message.body, from: message.fromAddress ?? undefined });
        d.logger.debug({ messageId: message.id, template, segments: message.segments, encoding: message.encoding, transport: d.transport.kind }, 'SMS sent');
        return { kind: 'sent', providerId };
      } catch (err) {
        if (!(err instanceof RecipientRefused) || !contact) throw err;
        await transaction(d.prisma, (tx) => markContactUndeliverable(tx, d.clock, contact.id, err.code));
        return { kind: 'suppressed', reason: err.message };
      }
    },
  };
}
