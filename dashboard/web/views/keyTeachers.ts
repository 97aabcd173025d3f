import { getJson } from '../api';
import { h, isolated, scrollRegion, type View } from '../dom';
import type { Session } from '../session';
import type { KeyTeacherRow } from '../types';

export async function showKeyTeachers(session: Session): Promise<View> {
  const { keyTeachers } = await getJson<{ keyTeachers: KeyTeacherRow[] }>(session, '/api/dashboard/key-teachers');
  const columns = ['Pupils', 'Due this week', 'Overdue', 'Held this term', 'Replies waiting', 'No views this term', 'Targets off track'];
  const content = [
    h('h1', {}, 'Key teachers'),
    h('p', { class: 'subtitle' }, 'Each key teacher’s pupils on the SEN register. Schools in the programme found five pupils per key teacher manageable.'),
    h(
      'section',
      { class: 'card' },
      scrollRegion(
        'Key teachers',
        h(
          'table',
          { id: 'key-teachers' },
          h('caption', {}, `Key teachers (${keyTeachers.length})`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key teacher'), columns.map((c) => h('th', { scope: 'col', class: 'number' }, c)))),
          h(
            'tbody',
            {},
            keyTeachers.map((k) =>
              h(
                'tr',
                {},
                h(
                  'th',
                  { scope: 'row' },
                  k.staffId ? h('a', { href: `#/?keyTeacherId=${k.staffId}` }, isolated(k.name)) : k.name,
                  k.overManageable ? [' ', h('span', { class: 'badge warning' }, 'More than 5')] : null,
                ),
                [k.pupils, k.dueThisWeek, k.overdue, k.heldThisTerm, k.repliesWaiting, k.withoutViewsThisTerm, k.targetsOffTrack].map((n) => h('td', { class: 'number' }, n)),
              ),
            ),
          ),
        ),
      ),
    ),
  ];
  return { title: 'Key teachers', content, message: `${keyTeachers.length} key teachers shown.` };
}
