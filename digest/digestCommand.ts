import type { Command } from '../cards/command';
import { digestOnDemand } from './weeklyDigest';

/** The bot command `digest`: this week's figures now, for school leads and SENCOs (others are told it is for leads). */
export const DIGEST_COMMAND: Command = {
  name: 'digest',
  aliases: ['weekly digest'],
  usage: 'digest',
  summary: "school leads and SENCOs: this week's follow-up digest for the school now",
  run: (input) => digestOnDemand(input.prisma, input.clock, input.publicBaseUrl, input.staff.id),
};
