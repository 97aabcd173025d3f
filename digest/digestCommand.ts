import { registerCommand } from '../bot/commands';
import { HttpError } from '../api/errors';
import { digestOnDemand } from './weeklyDigest';

/** The bot command `digest`: this week's figures now, for school leads and SENCOs. */
registerCommand({
  name: 'digest',
  aliases: ['weekly digest'],
  usage: 'digest',
  summary: "school leads and SENCOs: this week's follow-up digest for the school now",
  run: async (ctx) => {
    try {
      return await digestOnDemand(ctx.prisma, ctx.clock, ctx.publicBaseUrl, ctx.staff.id);
    } catch (err) {
      if (err instanceof HttpError && err.status === 403) return { text: 'The digest is for school leads and SENCOs. Type "due" to see what needs you this week.' };
      throw err;
    }
  },
});
