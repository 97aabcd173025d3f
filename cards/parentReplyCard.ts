import { adaptiveCard, banner, execute, heading, openUrl, paragraph, parentsWords, textInput, type AdaptiveCard } from './adaptive';

/** A parent's SMS reply brought to the key teacher, with what they can do about it. */
export const REPLY_SMS = 'reply.sms';
export const REPLY_HANDLED = 'reply.handled';
/** Opens the card for a parent's message (from the `due` list). */
export const REPLY_OPEN = 'reply.open';

export interface ParentReplyCardData {
  messageId: string;
  pupil: { id: string; firstName: string };
  from: string;
  body: string;
  receivedLabel: string;
  recordUrl: string;
  handled?: { by: string; whenLabel: string; whatWeDid: string | null } | null;
  /** After an action: what just happened, or what went wrong. */
  notice?: { text: string; tone: 'good' | 'attention' | 'warning' };
}

export function parentReplyCard(d: ParentReplyCardData): AdaptiveCard {
  const body = [
    ...heading(`Message about ${d.pupil.firstName}`, `From ${d.from}, ${d.receivedLabel}`),
    ...(d.notice ? [banner(d.notice.text, d.notice.tone)] : []),
    parentsWords(d.body),
    ...(d.handled ? [paragraph(`Handled by ${d.handled.by}, ${d.handled.whenLabel}${d.handled.whatWeDid ? `: ${d.handled.whatWeDid}` : ''}`, { subtle: true })] : []),
  ];
  const open = openUrl('Open the record', d.recordUrl);
  if (d.handled) return adaptiveCard(body, [open], { fallbackText: `Message about ${d.pupil.firstName}` });
  return adaptiveCard(
    body,
    [
      {
        type: 'Action.ShowCard',
        title: 'Reply by text message',
        card: {
          type: 'AdaptiveCard',
          body: [
            textInput('replyText', 'Your reply (sent as a text message; keep out health and SEN details)', null, { multiline: true, maxLength: 600 }),
          ],
          actions: [execute('Send reply', REPLY_SMS, { messageId: d.messageId }, { style: 'positive' })],
        },
      },
      {
        type: 'Action.ShowCard',
        title: 'Mark as handled',
        card: {
          type: 'AdaptiveCard',
          body: [
            textInput('whatWeDid', 'What we did (optional: the parent is told "You told us ...; we have ...")', null, { multiline: true, maxLength: 300 }),
          ],
          actions: [execute('Save as handled', REPLY_HANDLED, { messageId: d.messageId })],
        },
      },
      open,
    ],
    { fallbackText: `Message about ${d.pupil.firstName}` },
  );
}
