import type { Command, BotReply, CommandInput } from '../cards/command';
import { addDays, localDate } from '../domain/schoolCalendar';
import { dayLabel, isoDay, whenLabel } from '../cards/adaptive';
import { BOOKING_OPEN } from '../cards/bookingCard';
import { dueCard, helpCard, myPupilsCard, type DueSection } from '../cards/listCards';
import { REPLY_OPEN } from '../cards/parentReplyCard';
import { PREPARE_OPEN } from '../cards/prepareCard';
import { PROGRESS_OPEN } from '../cards/progressCard';
import { RECORD_OPEN } from '../cards/recordCard';
import { dueForReview } from '../domain/targetReview';
import { AREA_WORDS, nextConversationWords, yearGroupWords } from '../domain/words';
import { AWAITING_ANSWER } from '../messaging/parentVoice';
import { currentConversation } from '../recording/queries';
import { fullName } from '../pupils/pupilMatch';
import { myPupils } from '../pupils/ownPupils';

/**
 * The bot's own commands (help, my pupils, due) and how typed text finds a command in the menu
 * `service/capabilities.ts` assembles from every capability. Unknown text gets help, not an error.
 */

/** Removes a mention of the bot ("<at>School bot</at> due") and finds the command with the longest matching words. */
export function parseCommand(text: string, menu: readonly Command[]): { command: Command; args: string } | undefined {
  const clean = text.replace(/<at>.*?<\/at>/gi, ' ').replace(/\s+/g, ' ').trim();
  const lower = clean.toLowerCase();
  const candidates = menu.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((word) => ({ c, word })));
  candidates.sort((a, b) => b.word.length - a.word.length);
  for (const { c, word } of candidates) {
    if (lower === word || lower.startsWith(`${word} `)) return { command: c, args: clean.slice(word.length).trim() };
  }
  return undefined;
}

export function help(menu: readonly Command[], intro?: string): BotReply {
  return { text: 'Here is what I can do.', card: helpCard(menu.map((c) => ({ usage: c.usage, summary: c.summary })), intro) };
}

const firstWord = (name: string): string => name.split(/\s+/)[0] ?? name;

/**
 * What needs the teacher this week, read from the record as it is now: each conversation once
 * (to book, to hold or to record), the targets due for review and not yet reviewed for their date
 * (domain/record.ts, the rule the reminder and the figures use), and each parent's message waiting,
 * with their words. Every item has its own button, labelled in words.
 */
async function dueThisWeek(ctx: CommandInput): Promise<BotReply> {
  const school = await ctx.prisma.school.findUniqueOrThrow({ where: { id: ctx.staff.schoolId }, select: { timezone: true } });
  const tz = school.timezone;
  const now = ctx.clock.now();
  const today = localDate(now, tz);
  const horizon = addDays(today, 7);
  const weekEnd = new Date(`${horizon}T23:59:59Z`);
  const mine = { keyTeacherId: ctx.staff.id, archivedAt: null };
  const [conversations, targets, replies] = await Promise.all([
    ctx.prisma.structuredConversation.findMany({
      where: { pupil: mine, status: { not: 'CANCELLED' }, recordState: { not: 'FINAL' } },
      include: { pupil: true },
      orderBy: { dueBy: 'asc' },
    }),
    ctx.prisma.target.findMany({ where: { pupil: mine, status: { notIn: ['CLOSED', 'ACHIEVED'] }, reviewBy: { lte: weekEnd } }, include: { pupil: true }, orderBy: { reviewBy: 'asc' } }),
    ctx.prisma.message.findMany({ where: { ...AWAITING_ANSWER, pupil: mine }, include: { pupil: true, contact: { select: { displayName: true } } }, orderBy: { createdAt: 'asc' } }),
  ]);
  const toBook = conversations.filter((c) => c.status === 'TO_BOOK' || c.status === 'OFFERED');
  const toHold = conversations.filter((c) => c.status === 'BOOKED' && c.scheduledAt && c.scheduledAt > now && c.scheduledAt <= weekEnd);
  const toRecord = conversations.filter((c) => c.status === 'HELD' || (c.status === 'BOOKED' && c.scheduledAt && c.scheduledAt <= now));
  const due = targets.filter((t) => dueForReview({ status: t.status, reviewBy: isoDay(t.reviewBy)!, reviewedOn: t.reviewedAt && localDate(t.reviewedAt, tz) }, today, horizon));
  // One item per pupil for their targets: the button opens all of them.
  const targetsByPupil = [...new Map(due.map((t) => [t.pupilId, due.filter((o) => o.pupilId === t.pupilId)])).values()];
  const sections: DueSection[] = [
    {
      title: 'Parent messages waiting',
      items: replies.map((m) => {
        const from = m.contact?.displayName ?? 'A parent';
        // Several messages from one parent: each its own button, told apart by number.
        const fromThem = replies.filter((r) => r.contactId === m.contactId);
        const nth = fromThem.length > 1 ? ` ${fromThem.indexOf(m) + 1} of ${fromThem.length}` : '';
        return {
          name: fullName(m.pupil!),
          words: { intro: `${from}, ${whenLabel(m.createdAt, tz)}:`, body: m.body },
          action: { title: `Answer ${firstWord(from)}'s message${nth}`, verb: REPLY_OPEN, data: { messageId: m.id } },
        };
      }),
    },
    {
      title: 'Conversations to record',
      items: toRecord.map((c) => ({ name: fullName(c.pupil), detail: c.recordState === 'DRAFT' ? 'Draft saved' : c.scheduledAt ? `The meeting was ${whenLabel(c.scheduledAt, tz)}` : undefined, action: { title: `Record ${c.pupil.firstName}'s conversation`, verb: RECORD_OPEN, data: { conversationId: c.id } } })),
    },
    {
      title: 'Conversations to hold',
      items: toHold.map((c) => ({ name: fullName(c.pupil), detail: `Booked for ${whenLabel(c.scheduledAt!, tz)}`, action: { title: `Prepare for ${c.pupil.firstName}`, verb: PREPARE_OPEN, data: { pupilId: c.pupilId } } })),
    },
    {
      title: 'Conversations to book',
      items: toBook.map((c) => ({
        name: fullName(c.pupil),
        detail: `Due by ${dayLabel(c.dueBy)}${c.status === 'OFFERED' ? ' (times offered, waiting for the parents)' : ''}`,
        action: { title: `${c.status === 'OFFERED' ? 'Offer other times' : 'Offer times'} for ${c.pupil.firstName}`, verb: BOOKING_OPEN, data: { conversationId: c.id } },
      })),
    },
    {
      title: 'Targets to review',
      items: targetsByPupil.map((ts) => ({
        name: fullName(ts[0]!.pupil),
        detail: ts.map((t) => `${AREA_WORDS[t.area]} (review by ${dayLabel(t.reviewBy)})`).join(', '),
        action: { title: `Review ${ts[0]!.pupil.firstName}'s targets`, verb: PROGRESS_OPEN, data: { pupilId: ts[0]!.pupilId } },
      })),
    },
  ];
  const count = sections.reduce((n, s) => n + s.items.length, 0);
  return { text: count === 0 ? 'Nothing needs you this week.' : `${count} thing${count === 1 ? '' : 's'} need${count === 1 ? 's' : ''} you this week.`, card: dueCard(sections) };
}

const MY_PUPILS: Command = {
  name: 'my pupils',
  aliases: ['pupils', 'my children'],
  usage: 'my pupils',
  summary: 'the pupils you are key teacher for, and what is next for each',
  async run(ctx) {
    const pupils = await myPupils(ctx.prisma, ctx.staff.id);
    const school = await ctx.prisma.school.findUniqueOrThrow({ where: { id: ctx.staff.schoolId }, select: { timezone: true } });
    const next = await Promise.all(pupils.map((p) => currentConversation(ctx.prisma, p.id)));
    return {
      text: `You are key teacher for ${pupils.length} pupil${pupils.length === 1 ? '' : 's'}.`,
      card: myPupilsCard(
        pupils.map((p, i) => {
          const c = next[i];
          return { name: fullName(p), detail: `${yearGroupWords(p.yearGroup)}; ${c ? nextConversationWords({ ...c, dueBy: isoDay(c.dueBy)! }, school.timezone) : 'no conversation due'}` };
        }),
      ),
    };
  },
};

const DUE: Command = { name: 'due', aliases: ['this week', 'what is due'], usage: 'due', summary: 'what needs you this week: conversations to book, hold or record, targets to review, parent messages', run: dueThisWeek };

const HELP: Command = { name: 'help', aliases: ['?', 'hi', 'hello', 'menu'], usage: 'help', summary: 'this list', run: async (ctx) => help(ctx.menu) };

/** In the order the help card and the Teams command menu list them, around the other capabilities' commands. */
export const TEAMS_COMMANDS = { first: [MY_PUPILS, DUE], last: [HELP] };
