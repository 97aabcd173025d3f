import type { ConversationKind, TargetArea, TargetStatus } from '../generated/prisma/enums';
import { AREA_WORDS, CONVERSATION_KIND_WORDS, STATUS_WORDS, yearGroupWords } from '../domain/words';
import type { IExecuteAction } from '@microsoft/teams.cards';
import { adaptiveCard, container, dayLabel, execute, facts, heading, openUrl, paragraph, parentsWords, sectionTitle, type AdaptiveCard, type CardBody, type CardElement } from './adaptive';
import { RECORD_OPEN } from './recordCard';
import { VIEWS_OPEN } from './pupilViewsCard';
import { PROGRESS_OPEN } from './progressCard';

/** Opens the Prepare card for a pupil (from the `due` list). */
export const PREPARE_OPEN = 'prepare.open';

/** Everything a key teacher wants in front of them before the conversation (step 1 of the information trail). */
const actionSet = (action: IExecuteAction): CardElement => ({ type: 'ActionSet', actions: [action] });

export interface PrepareCardData {
  pupil: { id: string; firstName: string; lastName: string; yearGroup: number; attendanceNote: string | null };
  conversation: { id: string; kind: ConversationKind; dueBy: Date; whenLabel: string | null } | null;
  targets: { area: TargetArea; description: string; status: TargetStatus; reviewBy: Date; latestNote: string | null }[];
  views: { goodAt: string | null; findHard: string | null; helpsMe: string | null; wantToGetBetterAt: string | null; recordedAt: Date } | null;
  lastConversation: { heldAt: Date | null; planNotes: string | null; actions: { area: TargetArea; schoolActions: string | null; homeActions: string | null }[] } | null;
  openReplies: { from: string; body: string; receivedLabel: string }[];
  recordUrl: string;
}

export function prepareCard(d: PrepareCardData): AdaptiveCard {
  const p = d.pupil;
  const body: CardBody = [
    ...heading(`Prepare: ${p.firstName} ${p.lastName}`, yearGroupWords(p.yearGroup)),
    facts([
      ['Conversation', d.conversation ? `${CONVERSATION_KIND_WORDS[d.conversation.kind]}, due by ${dayLabel(d.conversation.dueBy)}` : 'none due'],
      ['Booked for', d.conversation?.whenLabel],
      ['Attendance', p.attendanceNote],
    ]),
    sectionTitle('Current targets and progress'),
    ...(d.targets.length === 0
      ? [paragraph('No targets yet: this conversation will agree the first ones.', { subtle: true })]
      : d.targets.map((t) =>
          container([
            paragraph(`**${AREA_WORDS[t.area]}:** ${t.description}`),
            paragraph(`${STATUS_WORDS[t.status]}, review by ${dayLabel(t.reviewBy)}${t.latestNote ? `. Latest: ${t.latestNote}` : ''}`, { subtle: true, spacing: 'None' }),
          ]),
        )),
    // Each section's own action beside it: the card's action bar keeps the two that matter most.
    ...(d.targets.length > 0 ? [actionSet(execute('Note progress', PROGRESS_OPEN, { pupilId: p.id }))] : []),
    sectionTitle(`${p.firstName}'s views`),
    ...(d.views
      ? [
          facts([
            ["I'm good at", d.views.goodAt],
            ['I find hard', d.views.findHard],
            ['What helps me', d.views.helpsMe],
            ['I want to get better at', d.views.wantToGetBetterAt],
          ]),
          paragraph(`Gathered ${dayLabel(d.views.recordedAt)}`, { subtle: true, spacing: 'None' }),
        ]
      : [paragraph(`Not gathered yet: ask ${p.firstName} before the conversation.`, { subtle: true })]),
    actionSet(execute(d.views ? `Add ${p.firstName}'s views` : `Gather ${p.firstName}'s views`, VIEWS_OPEN, { pupilId: p.id, conversationId: d.conversation?.id ?? '' })),
    sectionTitle('Agreed last time'),
    ...(d.lastConversation
      ? [
          ...d.lastConversation.actions.map((a) =>
            facts([
              [`School (${AREA_WORDS[a.area]})`, a.schoolActions],
              [`Home (${AREA_WORDS[a.area]})`, a.homeActions],
            ]),
          ),
          ...(d.lastConversation.planNotes ? [paragraph(d.lastConversation.planNotes)] : []),
        ]
      : [paragraph('This is the first structured conversation.', { subtle: true })]),
    sectionTitle('Parent messages waiting'),
    ...(d.openReplies.length === 0
      ? [paragraph('None.', { subtle: true })]
      : d.openReplies.flatMap((r) => [paragraph(`**${r.from}** (${r.receivedLabel}):`), parentsWords(r.body)])),
  ];
  return adaptiveCard(
    body,
    [
      ...(d.conversation ? [execute('Record the conversation', RECORD_OPEN, { conversationId: d.conversation.id })] : []),
      openUrl('Open the record', d.recordUrl),
    ],
    { fallbackText: `Prepare: ${p.firstName} ${p.lastName}` },
  );
}
