import type { Command, BotReply, CommandInput } from '../cards/command';
import { addDays, localDate } from '../domain/schoolCalendar';
import { dayLabel, whenLabel } from '../cards/adaptive';
import { dueCard, helpCard, myPupilsCard, type DueSection } from '../cards/listCards';
import { yearLabel } from '../cards/prepareCard';
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

async function dueThisWeek(ctx: CommandInput): Promise<BotReply> {
  const school = await ctx.prisma.school.findUniqueOrThrow({ where: { id: ctx.staff.schoolId }, select: { timezone: true } });
  const now = ctx.clock.now();
  const today = localDate(now, school.timezone);
  const weekEnd = new Date(`${addDays(today, 7)}T23:59:59Z`);
  const mine = { keyTeacherId: ctx.staff.id, archivedAt: null };
  const [conversations, targets, replies] = await Promise.all([
    ctx.prisma.structuredConversation.findMany({
      where: { pupil: mine, status: { not: 'CANCELLED' }, recordState: { not: 'FINAL' } },
      include: { pupil: true },
      orderBy: { dueBy: 'asc' },
    }),
    ctx.prisma.target.findMany({ where: { pupil: mine, status: { notIn: ['CLOSED', 'ACHIEVED'] }, reviewBy: { lte: weekEnd } }, include: { pupil: true }, orderBy: { reviewBy: 'asc' } }),
    ctx.prisma.message.findMany({ where: { pupil: mine, direction: 'INBOUND', handledAt: null }, include: { pupil: true }, orderBy: { createdAt: 'asc' } }),
  ]);
  const toBook = conversations.filter((c) => c.status === 'TO_BOOK' || c.status === 'OFFERED');
  const toHold = conversations.filter((c) => c.status === 'BOOKED' && c.scheduledAt && c.scheduledAt > now && c.scheduledAt <= weekEnd);
  const toRecord = conversations.filter((c) => c.status === 'HELD' || (c.status === 'BOOKED' && c.scheduledAt && c.scheduledAt <= now));
  const sections: DueSection[] = [
    {
      title: 'Conversations to book',
      items: toBook.map((c) => ({ text: `${fullName(c.pupil)}: due by ${dayLabel(c.dueBy)}${c.status === 'OFFERED' ? ' (times offered, waiting for the parent)' : ''}`, command: `prepare ${fullName(c.pupil)}` })),
    },
    { title: 'Conversations to hold', items: toHold.map((c) => ({ text: `${fullName(c.pupil)}: ${whenLabel(c.scheduledAt!, school.timezone)}`, command: `prepare ${fullName(c.pupil)}` })) },
    { title: 'Conversations to record', items: toRecord.map((c) => ({ text: `${fullName(c.pupil)}${c.recordState === 'DRAFT' ? ' (draft saved)' : ''}`, command: `record ${fullName(c.pupil)}` })) },
    { title: 'Targets to review', items: targets.map((t) => ({ text: `${fullName(t.pupil)}: ${t.description} (by ${dayLabel(t.reviewBy)})`, command: `targets ${fullName(t.pupil)}` })) },
    { title: 'Parent messages waiting', items: replies.filter((m) => m.pupil).map((m) => ({ text: `About ${fullName(m.pupil!)}, ${whenLabel(m.createdAt, school.timezone)}`, command: `prepare ${fullName(m.pupil!)}` })) },
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
    const next = await Promise.all(pupils.map((p) => currentConversation(ctx.prisma, p.id)));
    return {
      text: `You are key teacher for ${pupils.length} pupil${pupils.length === 1 ? '' : 's'}.`,
      card: myPupilsCard(
        pupils.map((p, i) => ({
          name: fullName(p),
          detail: `${yearLabel(p.yearGroup)}; ${next[i] ? `next conversation due by ${dayLabel(next[i]!.dueBy)} (${next[i]!.status.toLowerCase().replace('_', ' ')})` : 'no conversation due'}`,
        })),
      ),
    };
  },
};

const DUE: Command = { name: 'due', aliases: ['this week', 'what is due'], usage: 'due', summary: 'what needs you this week: conversations to book, hold or record, targets to review, parent messages', run: dueThisWeek };

const HELP: Command = { name: 'help', aliases: ['?', 'hi', 'hello', 'menu'], usage: 'help', summary: 'this list', run: async (ctx) => help(ctx.menu) };

/** In the order the help card and the Teams command menu list them, around the other capabilities' commands. */
export const TEAMS_COMMANDS = { first: [MY_PUPILS, DUE], last: [HELP] };
