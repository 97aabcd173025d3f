import { adaptiveCard, banner, execute, heading, openUrl, paragraph, parentsWords, textInput, type AdaptiveCard, type CardActions } from './adaptive';

/** A parent's SMS reply brought to the key teacher, with what they can do about it. */
export const REPLY_SMS = 'reply.sms';
export const REPLY_HANDLED = 'reply.handled';
/** Opens the card for a parent's message (from the `due` list). */
export const REPLY_OPEN = 'reply.open';

export interface ParentReplyCardData {
  messageId: string;
  /** The child it is filed under; absent for a text the parent never said the child of (see `children`). */
  pupil?: { id: string; firstName: string };
  /** A text about no single child: each of the parent's children at the school, with their record. */
  children?: { id: string; firstName: string; recordUrl: string }[];
  from: string;
  body: string;
  /** What came with it, in words ("a picture", "2 pictures and a PDF"); '' for none. */
  attached?: string;
  receivedLabel: string;
  /** The child's record (where the pictures are shown). */
  recordUrl?: string;
  handled?: { by: string; whenLabel: string; whatWeDid: string | null } | null;
  /** After an action: what just happened, or what went wrong. */
  notice?: { text: string; tone: 'good' | 'attention' | 'warning' };
}

const names = (xs: string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

export function parentReplyCard(d: ParentReplyCardData): AdaptiveCard {
  const title = d.pupil ? `Message about ${d.pupil.firstName}` : `Message from ${d.from}`;
  const subtitle = d.pupil ? `From ${d.from}, ${d.receivedLabel}` : `${d.receivedLabel}. They did not say which child it is about: ${names((d.children ?? []).map((c) => c.firstName))}.`;
  const body = [
    ...heading(title, subtitle),
    ...(d.notice ? [banner(d.notice.text, d.notice.tone)] : []),
    // A picture is worded as a picture, never as an empty quote.
    ...(d.body ? [parentsWords(d.body)] : []),
    ...(d.attached ? [paragraph(`${d.from} sent ${d.attached}: open the record to see ${d.attached.startsWith('a ') ? 'it' : 'them'}.`, { spacing: d.body ? 'Small' : 'Default' })] : []),
    ...(!d.body && !d.attached ? [paragraph('(an empty text)', { subtle: true })] : []),
    ...(d.handled ? [paragraph(`Handled by ${d.handled.by}, ${d.handled.whenLabel}${d.handled.whatWeDid ? `: ${d.handled.whatWeDid}` : ''}`, { subtle: true })] : []),
    // Each child's record as a link in the text: a button per child would not fit beside Reply and Mark as handled.
    ...(!d.pupil && d.children?.length ? [paragraph(`Their records: ${d.children.map((c) => `[${c.firstName}](${c.recordUrl})`).join(', ')}`)] : []),
  ];
  const records: CardActions = d.pupil && d.recordUrl ? [openUrl('Open the record', d.recordUrl)] : [];
  if (d.handled) return adaptiveCard(body, records, { fallbackText: title });
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
      ...records,
    ],
    { fallbackText: title },
  );
}
