import type { TargetArea } from '../generated/prisma/enums';
import { AREA_WORDS } from '../domain/words';
import { adaptiveCard, banner, choiceInput, container, dayLabel, execute, facts, heading, openUrl, paragraph, sectionTitle, type AdaptiveCard } from './adaptive';

/** Step 4 of the information trail: tell subject teachers and other staff the agreed targets. */
export const SUBJECT_TEACHERS_OPEN = 'subjectTeachers.open';
export const SUBJECT_TEACHERS_TELL = 'subjectTeachers.tell';

export interface AgreedTarget {
  area: TargetArea;
  description: string;
  successLooksLike: string | null;
  schoolActions: string | null;
  reviewBy: Date;
}

export interface SubjectTeachersCardData {
  conversationId: string;
  pupil: { id: string; firstName: string; lastName: string };
  targets: AgreedTarget[];
  staff: { id: string; displayName: string; jobTitle: string | null }[];
  toldAt: Date | null;
  parentConfirmedAt: Date | null;
  recordUrl: string;
  error?: string;
}

function targetList(targets: AgreedTarget[]) {
  return targets.map((t) =>
    container(
      [
        paragraph(`**${AREA_WORDS[t.area]}:** ${t.description}`),
        facts([
          ['Success looks like', t.successLooksLike],
          ['School will', t.schoolActions],
          ['Review by', dayLabel(t.reviewBy)],
        ]),
      ],
      { style: 'emphasis', spacing: 'Small' },
    ),
  );
}

export function subjectTeachersCard(d: SubjectTeachersCardData): AdaptiveCard {
  const name = `${d.pupil.firstName} ${d.pupil.lastName}`;
  return adaptiveCard(
    [
      ...heading(`Share ${d.pupil.firstName}'s agreed targets`, 'Tell subject teachers and other staff what was agreed, and confirm it with the parents.'),
      ...(d.error ? [banner(d.error, 'attention')] : []),
      ...(d.toldAt ? [banner(`Staff were told on ${dayLabel(d.toldAt)}. You can tell more people.`, 'good')] : []),
      sectionTitle('Agreed targets'),
      ...targetList(d.targets),
      choiceInput(
        'staffIds',
        `Who teaches or supports ${name}?`,
        d.staff.map((s) => ({ title: s.jobTitle ? `${s.displayName} (${s.jobTitle})` : s.displayName, value: s.id })),
        null,
        { multi: true, placeholder: 'Choose staff' },
      ),
      {
        type: 'Input.Toggle',
        id: 'confirmWithParents',
        title: d.parentConfirmedAt
          ? `Parents were sent the confirmation on ${dayLabel(d.parentConfirmedAt)}`
          : 'Also confirm the agreed targets with the parents (a plain text message, in their language)',
        value: d.parentConfirmedAt ? 'false' : 'true',
        valueOn: 'true',
        valueOff: 'false',
        wrap: true,
      },
    ],
    [execute('Send', SUBJECT_TEACHERS_TELL, { conversationId: d.conversationId }, { style: 'positive' }), openUrl('Open the record', d.recordUrl)],
    { fallbackText: `Share ${d.pupil.firstName}'s agreed targets` },
  );
}

export function subjectTeachersToldCard(d: { pupil: { firstName: string }; told: string[]; parentsConfirmed: boolean; recordUrl: string }): AdaptiveCard {
  return adaptiveCard(
    [
      ...heading(`${d.pupil.firstName}'s agreed targets shared`),
      banner(`Sent to ${d.told.join(', ') || 'nobody'}.${d.parentsConfirmed ? ' The parents are being sent the confirmation.' : ''}`, 'good'),
    ],
    [openUrl('Open the record', d.recordUrl)],
  );
}

/** What a subject teacher receives: the outcome and the agreed targets, from the key teacher. */
export function subjectTeacherOutcomeCard(d: { pupil: { firstName: string; lastName: string; yearLabel: string }; keyTeacher: string; heldAt: Date | null; targets: AgreedTarget[]; recordUrl: string }): AdaptiveCard {
  return adaptiveCard(
    [
      ...heading(`${d.pupil.firstName} ${d.pupil.lastName} (${d.pupil.yearLabel}): agreed targets`, `From ${d.keyTeacher}, after the structured conversation with the parents${d.heldAt ? ` on ${dayLabel(d.heldAt)}` : ''}.`),
      paragraph('Please keep these in mind in your lessons; the key teacher will ask how it is going.'),
      ...targetList(d.targets),
    ],
    [openUrl('Open the record', d.recordUrl)],
    { fallbackText: `${d.pupil.firstName} ${d.pupil.lastName}: agreed targets` },
  );
}
