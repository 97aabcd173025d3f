import { getJson } from '../api';
import { h, isolated, scrollRegion, type View } from '../dom';
import type { Session } from '../session';
import type { KeyTeacherRow } from '../types';
import { FIGURES, targetFigureKey, workloadKey } from '../../../digest/figureNames';
import { figureHref } from './figure';

/** Each column is a figure of the overview, narrowed to one key teacher's pupils; each number opens its list. */
const COLUMNS: { label: string; key: (staffId: string | null) => string; value: (k: KeyTeacherRow) => number }[] = [
  { label: 'Pupils', key: workloadKey, value: (k) => k.pupils },
  { label: FIGURES['conversations.dueThisWeek'].label, key: () => 'conversations.dueThisWeek', value: (k) => k.dueThisWeek },
  { label: FIGURES['conversations.overdue'].label, key: () => 'conversations.overdue', value: (k) => k.overdue },
  { label: FIGURES['conversations.heldThisTerm'].label, key: () => 'conversations.heldThisTerm', value: (k) => k.heldThisTerm },
  { label: FIGURES['parents.repliesWaiting'].label, key: () => 'parents.repliesWaiting', value: (k) => k.repliesWaiting },
  { label: FIGURES['pupilVoice.withoutViewsThisTerm'].label, key: () => 'pupilVoice.withoutViewsThisTerm', value: (k) => k.withoutViewsThisTerm },
  { label: 'Targets off track', key: () => targetFigureKey('total', 'offTrack'), value: (k) => k.targetsOffTrack },
];

export async function showKeyTeachers(session: Session): Promise<View> {
  const { keyTeachers } = await getJson<{ keyTeachers: KeyTeacherRow[] }>(session, '/api/dashboard/key-teachers');
  const content = [
    h('h1', {}, 'Key teachers'),
    h('p', { class: 'subtitle' }, 'Each key teacher’s pupils on the SEN register. Schools in the programme found five pupils per key teacher manageable. Each number opens the list it counts.'),
    h(
      'section',
      { class: 'card' },
      keyTeachers.length === 0
        ? h('p', { class: 'empty', id: 'key-teachers-empty' }, 'No key teachers yet: import the staff list with the Key Teacher role, then the register naming each pupil’s key teacher (see the README, "Roster import").')
        : scrollRegion(
            'Key teachers',
            h(
              'table',
              { id: 'key-teachers' },
              h('caption', {}, `Key teachers (${keyTeachers.length})`),
              h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key teacher'), COLUMNS.map((c) => h('th', { scope: 'col', class: 'number' }, c.label)))),
              h(
                'tbody',
                {},
                keyTeachers.map((k) => {
                  const only = `?keyTeacherId=${k.staffId ?? 'none'}`;
                  return h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, h('a', { href: `#/${only}` }, isolated(k.name)), k.overManageable ? [' ', h('span', { class: 'badge warning' }, 'More than 5')] : null),
                    COLUMNS.map((c) => {
                      const href = figureHref(c.key(k.staffId), only);
                      return h('td', { class: 'number' }, h('a', { href, 'data-figure': href, 'aria-label': `${k.name}, ${c.label.toLowerCase()}: ${c.value(k)}. Show the list` }, c.value(k)));
                    }),
                  );
                }),
              ),
            ),
          ),
    ),
  ];
  return { title: 'Key teachers', content, message: `${keyTeachers.length} key teachers shown.` };
}
