import type { Command } from '../cards/command';
import { progressFormCard } from '../cards/progressCard';
import { recordFormCard } from '../cards/recordCard';
import { fullName } from '../pupils/pupilMatch';
import { withPupil } from '../pupils/ownPupils';
import { loadPrepareCard, loadProgressCardData, loadRecordCardData } from './cardData';
import { currentConversation } from './queries';

/** What a key teacher types to open the recording cards for one of their pupils. */
export const RECORDING_COMMANDS: Command[] = [
  {
    name: 'prepare',
    usage: 'prepare <pupil>',
    summary: "targets, progress, the pupil's views and open parent messages before a conversation",
    run: (input) => withPupil(input, 'prepare', async (p) => ({ text: `Preparing for ${fullName(p)}.`, card: await loadPrepareCard(input.prisma, input.publicBaseUrl, p.id) })),
  },
  {
    name: 'record',
    usage: 'record <pupil>',
    summary: 'record the structured conversation: explore, focus, plan, review',
    run: (input) =>
      withPupil(input, 'record', async (p) => {
        const conversation = await currentConversation(input.prisma, p.id);
        if (!conversation) return { text: `No conversation is waiting to be recorded for ${fullName(p)}.` };
        return { text: `Recording the conversation with ${p.firstName}'s parents.`, card: recordFormCard(await loadRecordCardData(input.prisma, input.publicBaseUrl, conversation.id, input.clock.now())) };
      }),
  },
  {
    name: 'targets',
    usage: 'targets <pupil>',
    summary: "a pupil's targets, with a progress update you can send",
    run: (input) =>
      withPupil(input, 'targets', async (p) => {
        const data = await loadProgressCardData(input.prisma, p.id);
        if (data.targets.length === 0) return { text: `${fullName(p)} has no targets yet. They are agreed in the structured conversation ("record ${p.firstName}").` };
        return { text: `${fullName(p)}'s targets.`, card: progressFormCard(data) };
      }),
  },
];
