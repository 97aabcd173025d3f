import type { ISubmitAction } from '@microsoft/teams.cards';
import { adaptiveCard, container, execute, heading, paragraph, parentsWords, sectionTitle, type AdaptiveCard, type CardBody, type CardElement } from './adaptive';

/** A button that "types" a command for the teacher (Teams imBack), so every command is one tap away. */
export function commandButton(title: string, command: string): ISubmitAction {
  return { type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: command } } };
}

export function helpCard(commands: { usage: string; summary: string }[], intro?: string): AdaptiveCard {
  return adaptiveCard(
    [
      ...heading('What I can do', intro ?? 'Type one of these, or pick it from the menu.'),
      ...commands.map((c) => paragraph(`**${c.usage}**: ${c.summary}`, { spacing: 'Small' })),
    ],
    [commandButton('My pupils', 'my pupils'), commandButton('Due this week', 'due')],
    { fallbackText: `Commands: ${commands.map((c) => c.usage).join(', ')}` },
  );
}

export interface PupilLine {
  name: string;
  detail: string;
}

export function myPupilsCard(lines: PupilLine[]): AdaptiveCard {
  const body: CardBody = [
    ...heading('My pupils', lines.length === 0 ? 'No pupils have you as their key teacher yet.' : `${lines.length} pupil${lines.length === 1 ? '' : 's'}`),
    ...lines.map((l) => paragraph(`**${l.name}**: ${l.detail}`, { spacing: 'Small' })),
  ];
  return adaptiveCard(body, [commandButton('Due this week', 'due')], { fallbackText: 'My pupils' });
}

/** One thing that needs the teacher: a line, a parent's own words if it is their message, and the button that does it. */
export interface DueItem {
  /** Whom it is about (the pupil). */
  name: string;
  detail?: string;
  words?: { intro: string; body: string };
  /** Labelled in words ("Offer times for Oliwia"); no two items of a card share a button. */
  action?: { title: string; verb: string; data: Record<string, unknown> };
}

export interface DueSection {
  title: string;
  items: DueItem[];
}

/** "What needs you this week": each item once, with its own button beside it (never a typed command as a label). */
export function dueCard(sections: DueSection[]): AdaptiveCard {
  const nonEmpty = sections.filter((s) => s.items.length > 0);
  const item = (i: DueItem): CardElement =>
    container(
      [
        { type: 'TextBlock', text: i.name, weight: 'Bolder', wrap: true, spacing: 'None' },
        ...(i.detail ? [paragraph(i.detail, { spacing: 'None' })] : []),
        ...(i.words ? [paragraph(i.words.intro, { subtle: true, spacing: 'Small' }), parentsWords(i.words.body)] : []),
        ...(i.action ? [{ type: 'ActionSet' as const, actions: [execute(i.action.title, i.action.verb, i.action.data)] }] : []),
      ],
      { spacing: 'Medium' },
    );
  const body: CardBody = [
    ...heading('What needs you this week', nonEmpty.length === 0 ? 'Nothing is waiting for you. Thank you!' : undefined),
    ...nonEmpty.flatMap((s) => [sectionTitle(s.title), ...s.items.map(item)]),
  ];
  return adaptiveCard(body, [commandButton('My pupils', 'my pupils')], { fallbackText: 'What needs you this week' });
}

/** More than one of the teacher's pupils matches: let them pick. */
export function pickPupilCard(command: string, matches: { name: string }[]): AdaptiveCard {
  return adaptiveCard(
    [...heading('Which pupil?', `More than one of your pupils matches. Pick one to ${command}.`)],
    matches.map((m) => commandButton(m.name, `${command} ${m.name}`)),
    { fallbackText: 'Which pupil?' },
  );
}
