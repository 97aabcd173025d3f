import type { TargetArea, TargetStatus } from '../generated/prisma/enums';
import { PROGRESS_STATUSES } from '../domain/record';
import { AREA_WORDS, STATUS_WORDS } from '../domain/words';
import { adaptiveCard, banner, choiceInput, choicesOf, container, dayLabel, execute, heading, paragraph, textInput, type AdaptiveCard } from './adaptive';

/** A progress update: per target a status and a note; "tell the parent" queues a plain SMS. */
export const PROGRESS_OPEN = 'progress.open';
export const PROGRESS_SAVE = 'progress.save';

export interface ProgressCardData {
  pupil: { id: string; firstName: string; lastName: string };
  targets: { id: string; area: TargetArea; description: string; status: TargetStatus; reviewBy: Date }[];
  error?: string;
}

export function progressFormCard(d: ProgressCardData): AdaptiveCard {
  return adaptiveCard(
    [
      ...heading(`Progress update: ${d.pupil.firstName} ${d.pupil.lastName}`),
      ...(d.error ? [banner(d.error, 'attention')] : []),
      ...d.targets.map((t) =>
        container(
          [
            paragraph(`**${AREA_WORDS[t.area]}:** ${t.description}`),
            paragraph(`Review by ${dayLabel(t.reviewBy)}`, { subtle: true, spacing: 'None' }),
            choiceInput(`status_${t.id}`, 'Status', choicesOf(STATUS_WORDS, PROGRESS_STATUSES), t.status === 'CLOSED' ? 'NOT_STARTED' : t.status),
            textInput(`note_${t.id}`, 'Note (what you saw)', null, { multiline: true, maxLength: 1000 }),
          ],
          { style: 'emphasis', spacing: 'Medium' },
        ),
      ),
      {
        type: 'Input.Toggle',
        id: 'tellParent',
        title: `Tell ${d.pupil.firstName}'s parents there is an update (a plain text message: no details of the targets)`,
        value: 'false',
        valueOn: 'true',
        valueOff: 'false',
        wrap: true,
      },
    ],
    [execute('Save progress', PROGRESS_SAVE, { pupilId: d.pupil.id, targetIds: d.targets.map((t) => t.id) }, { style: 'positive' })],
    { fallbackText: `Progress update: ${d.pupil.firstName}` },
  );
}

export function progressSavedCard(d: {
  pupil: { firstName: string; lastName: string };
  entries: { area: TargetArea; description: string; status: TargetStatus; note: string | null }[];
  parentsTold: number;
  tellParent: boolean;
}): AdaptiveCard {
  const told = !d.tellParent
    ? 'Parents not messaged.'
    : d.parentsTold > 0
      ? `A plain message to ${d.parentsTold === 1 ? 'one parent' : `${d.parentsTold} parents`} is on its way.`
      : 'No parent could be messaged (no consent or no reachable number): please tell them another way.';
  return adaptiveCard(
    [
      ...heading(`Progress update: ${d.pupil.firstName} ${d.pupil.lastName}`),
      banner(`Saved. ${told}`, d.tellParent && d.parentsTold === 0 ? 'warning' : 'good'),
      ...d.entries.map((e) => paragraph(`**${AREA_WORDS[e.area]}:** ${e.description}: ${STATUS_WORDS[e.status]}${e.note ? `. ${e.note}` : ''}`)),
    ],
    undefined,
    { fallbackText: `Progress update saved for ${d.pupil.firstName}` },
  );
}
