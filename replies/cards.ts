import { dropNotice, idFrom, sendNotice, textFrom, type CardAction, type NoticeCard } from '../cards/cardAction';
import { parentReplyCard, REPLY_HANDLED, REPLY_OPEN, REPLY_SMS, type ParentReplyCardData } from '../cards/parentReplyCard';
import { DomainError } from '../domain/errors';
import type { UseCaseDeps } from '../platform/useCase';
import { loadParentReplyCard, loadParentReplyData } from './cardData';
import { answerableReply, markHandledInput, markReplyHandled, REPLY_GONE, replyInput, replyToParent } from './useCases';

/**
 * A parent's message on Teams: the card that brings it (`parent.reply`, `parent.unfiled` for a text
 * about no single child, and the SENCO's
 * `escalation.unansweredReply`), with Reply by text message and Mark as handled, each the same use
 * case as the API's. What the teacher can put right (their words break the SMS rules, the parent
 * cannot be texted) comes back on the card with their reason; a refusal of the role is a refusal.
 */
export function repliesCards(d: UseCaseDeps, publicBaseUrl: string): { cardActions: Record<string, CardAction>; noticeCards: Record<string, NoticeCard> } {
  const shown = async (messageId: string): Promise<ParentReplyCardData> => {
    const data = await loadParentReplyData(d.prisma, publicBaseUrl, messageId);
    if (!data) throw new DomainError('not_found', 'not_found', REPLY_GONE);
    return data;
  };
  const onTheCard = (err: unknown): err is DomainError => err instanceof DomainError && (err.kind === 'unprocessable' || err.kind === 'conflict');

  const reply: CardAction = async ({ principal, data }) => {
    const messageId = idFrom(data, 'messageId');
    const text = textFrom(data, 'replyText');
    if (!text) {
      // Nothing to send: the card again, once the caller is known to be one who may answer.
      await answerableReply(d.prisma, principal, messageId);
      return parentReplyCard({ ...(await shown(messageId)), notice: { text: 'Write your reply first.', tone: 'attention' } });
    }
    try {
      await replyToParent(d, principal, replyInput.parse({ messageId, text: text.slice(0, 600) }));
    } catch (err) {
      if (onTheCard(err)) return parentReplyCard({ ...(await shown(messageId)), notice: { text: err.message, tone: err.kind === 'conflict' ? 'warning' : 'attention' } });
      throw err;
    }
    return parentReplyCard({ ...(await shown(messageId)), notice: { text: 'Your reply is on its way.', tone: 'good' } });
  };

  const handled: CardAction = async ({ principal, data }) => {
    const messageId = idFrom(data, 'messageId');
    const whatWeDid = textFrom(data, 'whatWeDid')?.slice(0, 480);
    try {
      await markReplyHandled(d, principal, markHandledInput.parse({ messageId, note: whatWeDid }));
    } catch (err) {
      if (onTheCard(err)) return parentReplyCard({ ...(await shown(messageId)), notice: { text: err.message, tone: 'attention' } });
      throw err;
    }
    const now = await shown(messageId);
    return parentReplyCard({
      ...now,
      handled: now.handled && { ...now.handled, whatWeDid: whatWeDid ?? null },
      notice: { text: whatWeDid ? 'Marked as handled. The parent is being told what you did.' : 'Marked as handled.', tone: 'good' },
    });
  };

  const open: CardAction = async ({ principal, data }) => {
    const messageId = idFrom(data, 'messageId');
    await answerableReply(d.prisma, principal, messageId);
    return parentReplyCard(await shown(messageId));
  };

  // The parent's message as it stands: answered by a colleague since, the card says by whom.
  const parentReply: NoticeCard = async (m) => {
    const card = m.inReplyToId ? await loadParentReplyCard(d.prisma, publicBaseUrl, m.inReplyToId) : undefined;
    return card ? sendNotice(card) : m.inReplyToId ? dropNotice('the message is no longer on record') : sendNotice();
  };
  // The SENCO hears of a reply left unanswered only while it still is.
  const unanswered: NoticeCard = async (m) => {
    const data = m.inReplyToId ? await loadParentReplyData(d.prisma, publicBaseUrl, m.inReplyToId) : undefined;
    if (!data) return m.inReplyToId ? dropNotice('the message is no longer on record') : sendNotice();
    return data.handled ? dropNotice('the reply has been answered') : sendNotice(parentReplyCard(data));
  };
  return {
    cardActions: { [REPLY_SMS]: reply, [REPLY_HANDLED]: handled, [REPLY_OPEN]: open },
    noticeCards: { 'parent.reply': parentReply, 'parent.unfiled': parentReply, 'escalation.unansweredReply': unanswered },
  };
}
