import type { Pupil, Staff } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import { addDays, localDate } from '../domain/schoolCalendar';
import { dayLabel, type AdaptiveCard } from '../cards/adaptive';
import { dueCard, helpCard, myPupilsCard, pickPupilCard, type DueSection } from '../cards/listCards';
import { progressFormCard } from '../cards/progressCard';
import { recordFormCard } from '../cards/recordCard';
import { yearLabel } from '../cards/prepareCard';
import { currentConversation } from '../recording/queries';
import { loadPrepareCard, loadProgressCardData, loadRecordCardData, whenLabel } from './cardData';
import { fullName, matchPupil } from './pupilMatch';

/**
 * What a key teacher can type to the bot. The table is open: another capability adds its own
 * command with `registerCommand` (the digest adds "digest"). Unknown text gets help, not an error.
 */
export interface CommandContext {
  prisma: PrismaClient;
  clock: Clock;
  publicBaseUrl: string;
  staff: Staff;
  /** What followed the command word, e.g. the pupil's name. */
  args: string;
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
  run(ctx: CommandContext): Promise<BotReply>;
}

const commands: Command[] = [];

export function registerCommand(command: Command): void {
  if (commands.some((c) => c.name === command.name)) throw new Error(`the command "${command.name}" is already registered`);
  commands.push(command);
}

export function listCommands(): readonly Command[] {
  return commands;
}

/** Removes a mention of the bot ("<at>School bot</at> due") and finds the command with the longest matching words. */
export function parseCommand(text: string): { command: Command; args: string } | undefined {
  const clean = text.replace(/<at>.*?<\/at>/gi, ' ').replace(/\s+/g, ' ').trim();
  const lower = clean.toLowerCase();
  const candidates = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])].map((word) => ({ c, word })));
  candidates.sort((a, b) => b.word.length - a.word.length);
  for (const { c, word } of candidates) {
    if (lower === word || lower.startsWith(`${word} `)) return { command: c, args: clean.slice(word.length).trim() };
  }
  return undefined;
}

export function help(intro?: string): BotReply {
  return { text: 'Here is what I can do.', card: helpCard(commands.map((c) => ({ usage: c.usage, summary: c.summary })), intro) };
}

async function myPupils(ctx: CommandContext): Promise<Pupil[]> {
  return ctx.prisma.pupil.findMany({ where: { keyTeacherId: ctx.staff.id, archivedAt: null }, orderBy: [{ firstName: 'asc' }, { lastName: 'asc' }] });
}

/** Runs `then` with the one pupil the teacher meant, or answers with a list to pick from. */
async function withPupil(ctx: CommandContext, verb: string, then: (pupil: Pupil) => Promise<BotReply>): Promise<BotReply> {
  const pupils = await myPupils(ctx);
  if (!ctx.args) return { text: `Which pupil? Type "${verb} " and their name, for example "${verb} ${pupils[0]?.firstName ?? 'Amir'}".` };
  const match = matchPupil(ctx.args, pupils);
  if (match.kind === 'one') return then(match.pupil);
  if (match.kind === 'several') return { text: 'More than one of your pupils matches.', card: pickPupilCard(verb, match.pupils.map((p) => ({ name: fullName(p) }))) };
  return { text: `I could not find "${ctx.args}" among your pupils. Type "my pupils" to see them.` };
}

async function dueThisWeek(ctx: CommandContext): Promise<BotReply> {
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

registerCommand({
  name: 'my pupils',
  aliases: ['pupils', 'my children'],
  usage: 'my pupils',
  summary: 'the pupils you are key teacher for, and what is next for each',
  async run(ctx) {
    const pupils = await myPupils(ctx);
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
});

registerCommand({ name: 'due', aliases: ['this week', 'what is due'], usage: 'due', summary: 'what needs you this week: conversations to book, hold or record, targets to review, parent messages', run: dueThisWeek });

registerCommand({
  name: 'prepare',
  usage: 'prepare <pupil>',
  summary: "targets, progress, the pupil's views and open parent messages before a conversation",
  run: (ctx) => withPupil(ctx, 'prepare', async (p) => ({ text: `Preparing for ${fullName(p)}.`, card: await loadPrepareCard(ctx.prisma, ctx.publicBaseUrl, p.id) })),
});

registerCommand({
  name: 'record',
  usage: 'record <pupil>',
  summary: 'record the structured conversation: explore, focus, plan, review',
  run: (ctx) =>
    withPupil(ctx, 'record', async (p) => {
      const conversation = await currentConversation(ctx.prisma, p.id);
      if (!conversation) return { text: `No conversation is waiting to be recorded for ${fullName(p)}.` };
      return { text: `Recording the conversation with ${p.firstName}'s parents.`, card: recordFormCard(await loadRecordCardData(ctx.prisma, ctx.publicBaseUrl, conversation.id, ctx.clock.now())) };
    }),
});

registerCommand({
  name: 'targets',
  usage: 'targets <pupil>',
  summary: "a pupil's targets, with a progress update you can send",
  run: (ctx) =>
    withPupil(ctx, 'targets', async (p) => {
      const data = await loadProgressCardData(ctx.prisma, p.id);
      if (data.targets.length === 0) return { text: `${fullName(p)} has no targets yet. They are agreed in the structured conversation ("record ${p.firstName}").` };
      return { text: `${fullName(p)}'s targets.`, card: progressFormCard(data) };
    }),
});

registerCommand({ name: 'help', aliases: ['?', 'hi', 'hello', 'menu'], usage: 'help', summary: 'this list', run: async () => help() });
