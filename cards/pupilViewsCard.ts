import type { ViewsGatheredBy } from '../generated/prisma/enums';
import { adaptiveCard, banner, choiceInput, dayLabel, execute, facts, heading, paragraph, textInput, type AdaptiveCard } from './adaptive';

/** A child-friendly pupil profile, filled in by the key teacher with the child (step 2 of the information trail). */
export const VIEWS_OPEN = 'views.open';
export const VIEWS_SAVE = 'views.save';

const GATHERED_WORDS: Record<ViewsGatheredBy, string> = {
  WITH_KEY_TEACHER: 'Talking with me',
  PUPIL_PROFILE: 'They filled in a pupil profile',
  IN_CONVERSATION: 'In the conversation with their parents',
};

export interface PupilViewsCardData {
  pupil: { id: string; firstName: string };
  conversationId?: string;
  values?: { goodAt?: string | null; findHard?: string | null; helpsMe?: string | null; wantToGetBetterAt?: string | null };
  error?: string;
}

export function pupilViewsFormCard(d: PupilViewsCardData): AdaptiveCard {
  const v = d.values ?? {};
  return adaptiveCard(
    [
      ...heading(`${d.pupil.firstName}'s views`, `Write down what ${d.pupil.firstName} says, in their own words.`),
      ...(d.error ? [banner(d.error, 'attention')] : []),
      textInput('goodAt', "What I'm good at", v.goodAt, { multiline: true, maxLength: 1000 }),
      textInput('findHard', 'What I find hard', v.findHard, { multiline: true, maxLength: 1000 }),
      textInput('helpsMe', 'What helps me', v.helpsMe, { multiline: true, maxLength: 1000 }),
      textInput('wantToGetBetterAt', 'What I want to get better at', v.wantToGetBetterAt, { multiline: true, maxLength: 1000 }),
      choiceInput('gatheredBy', 'How were these gathered?', Object.entries(GATHERED_WORDS).map(([value, title]) => ({ title, value })), 'WITH_KEY_TEACHER'),
    ],
    [execute('Save views', VIEWS_SAVE, { pupilId: d.pupil.id, conversationId: d.conversationId ?? '' }, { style: 'positive' })],
    { fallbackText: `${d.pupil.firstName}'s views` },
  );
}

export function pupilViewsSavedCard(d: { pupil: { firstName: string }; views: { goodAt: string | null; findHard: string | null; helpsMe: string | null; wantToGetBetterAt: string | null; recordedAt: Date } }): AdaptiveCard {
  return adaptiveCard(
    [
      ...heading(`${d.pupil.firstName}'s views`),
      banner('Saved. They will be on the Prepare card for the conversation.', 'good'),
      facts([
        ["I'm good at", d.views.goodAt],
        ['I find hard', d.views.findHard],
        ['What helps me', d.views.helpsMe],
        ['I want to get better at', d.views.wantToGetBetterAt],
      ]),
      paragraph(`Recorded ${dayLabel(d.views.recordedAt)}`, { subtle: true }),
    ],
    undefined,
    { fallbackText: `${d.pupil.firstName}'s views` },
  );
}
