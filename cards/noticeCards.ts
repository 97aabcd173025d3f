import type { TargetArea, TargetStatus } from '../generated/prisma/enums';
import { AREA_WORDS, STATUS_WORDS } from '../domain/words';
import { adaptiveCard, container, dayLabel, execute, facts, heading, openUrl, paragraph, parentsWords, sectionTitle, type AdaptiveCard, type CardActions } from './adaptive';
import { PROGRESS_OPEN } from './progressCard';
import { APP_NAME } from './command';

/** Short cards for reminders and alerts that used to arrive as plain text: what happened, what to do, one tap to do it. */

export interface TargetReviewCardData {
  pupil: { id: string; firstName: string };
  /** The targets due for review now (not achieved, closed or already reviewed). */
  targets: { area: TargetArea; description: string; status: TargetStatus; reviewBy: Date; latestNote: string | null }[];
  recordUrl: string;
}

export function targetReviewCard(d: TargetReviewCardData): AdaptiveCard {
  const first = d.pupil.firstName;
  const title = `Time to review ${first}'s target${d.targets.length === 1 ? '' : 's'}`;
  const body =
    d.targets.length === 0
      ? [...heading(`${first}'s targets`), paragraph('The targets that were due for review have been reviewed since this reminder was planned. Nothing is waiting.')]
      : [
          ...heading(title, 'How is it going? Note the progress; the parents can be told in plain words.'),
          ...d.targets.map((t) =>
            container(
              [
                paragraph(`**${AREA_WORDS[t.area]}:** ${t.description}`),
                paragraph(`Review by ${dayLabel(t.reviewBy)}. Now: ${STATUS_WORDS[t.status]}${t.latestNote ? `. Last note: ${t.latestNote}` : ''}`, { subtle: true, spacing: 'None' }),
              ],
              { style: 'emphasis', spacing: 'Medium' },
            ),
          ),
        ];
  return adaptiveCard(body, [execute('Open targets', PROGRESS_OPEN, { pupilId: d.pupil.id }, { style: 'positive' }), openUrl('Open the record', d.recordUrl)], { fallbackText: title });
}

export interface ParentUnreachableCardData {
  pupil: { id: string; firstName: string };
  /** Who the parent is and why texts no longer reach them, as the notice says it. */
  what: string;
  recordUrl: string;
}

export function parentUnreachableCard(d: ParentUnreachableCardData): AdaptiveCard {
  const title = `Texts no longer reach a parent of ${d.pupil.firstName}`;
  return adaptiveCard(
    [
      ...heading(title),
      paragraph(d.what),
      paragraph('Until texts reach them again, reach them another way: a phone call, or a word at the start or end of the school day.', { subtle: true }),
    ],
    [openUrl('Open the record', d.recordUrl)],
    { fallbackText: title },
  );
}

/** `contact.reachable`: the parent texted START after a STOP the teacher was told of. */
export function parentReachableCard(d: ParentUnreachableCardData): AdaptiveCard {
  const title = `Texts reach a parent of ${d.pupil.firstName} again`;
  return adaptiveCard([...heading(title), paragraph(d.what)], [openUrl('Open the record', d.recordUrl)], { fallbackText: title });
}

/** An alert for the school's admins: what happened, the facts, and the steps to put it right. */
export interface AdminAlertCardData {
  title: string;
  what: string;
  facts?: [string, string | null | undefined][];
  /** Words from outside the school, shown verbatim under the facts. */
  quoted?: { label: string; text: string | null };
  todo: string[];
  actions?: CardActions;
}

export function adminAlertCard(d: AdminAlertCardData): AdaptiveCard {
  return adaptiveCard(
    [
      ...heading(d.title, 'For the school\'s admins'),
      paragraph(d.what),
      ...(d.facts && d.facts.some(([, v]) => v) ? [facts(d.facts)] : []),
      ...(d.quoted?.text ? [paragraph(`${d.quoted.label}:`, { subtle: true }), parentsWords(d.quoted.text)] : []),
      sectionTitle('What to do'),
      ...d.todo.map((step, i) => paragraph(`${i + 1}. ${step}`, { spacing: 'Small' })),
    ],
    d.actions,
    { fallbackText: d.title },
  );
}

/** `parent.unknownNumber`: a text from a number on no contact record. */
export function unknownNumberCard(d: { from: string | null; receivedLabel: string | null; text: string | null }): AdaptiveCard {
  return adminAlertCard({
    title: 'A text from a number we do not know',
    what: 'It is not on any contact record, so it was not passed to a key teacher. The sender got one general answer that names no school and no child.',
    facts: [
      ['From', d.from],
      ['Received', d.receivedLabel],
    ],
    quoted: { label: 'Their text', text: d.text },
    todo: [
      'If it is a parent or carer, correct or add their mobile number in the MIS and import the pupils again: their next text reaches the key teacher.',
      'If not, there is nothing to do.',
    ],
  });
}

/** `staff.unknownTeamsUser`: someone without a staff record wrote to the bot. */
export function unknownTeamsUserCard(what: string): AdaptiveCard {
  return adminAlertCard({
    title: 'Someone without a staff record opened the app',
    what,
    todo: [
      'If they should use it, add them to the staff list with their school email address (staff import), with their roles.',
      'Ask them to write to the bot again: they are recognised at once.',
      'If they should not use it, nothing to do: they were told politely and see nothing.',
    ],
  });
}

/** `staff.teamsUnreachable`: Teams refused a message to a colleague (the app was removed or the bot blocked). */
export function teamsUnreachableCard(what: string): AdaptiveCard {
  return adminAlertCard({
    title: 'A colleague can no longer be reached in Teams',
    what,
    todo: [
      `Ask them to add the ${APP_NAME.short} app again (Teams, Apps, Manage your apps), or install it for them through a setup policy in the Teams admin centre.`,
      'New reminders and parent messages for them wait and go out as soon as the app is back.',
    ],
  });
}
