import type { Pupil } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { pickPupilCard } from '../cards/listCards';
import type { BotReply, CommandInput } from '../cards/command';
import { fullName, matchPupil } from './pupilMatch';

/** The pupils a member of staff is key teacher for, on the roll, by name. */
export function myPupils(prisma: PrismaClient, staffId: string): Promise<Pupil[]> {
  return prisma.pupil.findMany({ where: { keyTeacherId: staffId, archivedAt: null }, orderBy: [{ firstName: 'asc' }, { lastName: 'asc' }] });
}

/** For commands that name a pupil ("prepare Amir"): runs `then` with the one the teacher meant, or answers with a list to pick from. */
export async function withPupil(input: CommandInput, verb: string, then: (pupil: Pupil) => Promise<BotReply>): Promise<BotReply> {
  const pupils = await myPupils(input.prisma, input.staff.id);
  if (!input.args) return { text: `Which pupil? Type "${verb} " and their name, for example "${verb} ${pupils[0]?.firstName ?? 'Amir'}".` };
  const match = matchPupil(input.args, pupils);
  if (match.kind === 'one') return then(match.pupil);
  if (match.kind === 'several') return { text: 'More than one of your pupils matches.', card: pickPupilCard(verb, match.pupils.map((p) => ({ name: fullName(p) }))) };
  return { text: `I could not find "${input.args}" among your pupils. Type "my pupils" to see them.` };
}
