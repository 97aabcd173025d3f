import { getJson } from '../api';
import { h, isolated, scrollRegion, type View } from '../dom';
import type { Session } from '../session';
import type { FigureList } from '../types';

/** The dashboard's filters, kept in the address so a filtered view (and the lists it opens) can be bookmarked. */
export const FILTER_KEYS = ['yearGroup', 'need', 'senStatus', 'keyTeacherId'] as const;

/** "?yearGroup=5&need=ASD" from the address's parameters, or "" without filters. */
export function filterQuery(params: URLSearchParams): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) query.set(key, v);
  }
  const qs = query.toString();
  return qs ? `?${qs}` : '';
}

/** Where a figure's number leads: the list it counts, with the same filters. */
export const figureHref = (key: string, qs: string): string => `#/figures/${encodeURIComponent(key)}${qs}`;

const NOUN: Record<FigureList['counts'], [string, string]> = {
  pupils: ['pupil', 'pupils'],
  conversations: ['conversation', 'conversations'],
  targets: ['target', 'targets'],
  parents: ['parent or carer', 'parents and carers'],
  messages: ['message', 'messages'],
  tasks: ['task', 'tasks'],
};

const WHO: Record<FigureList['counts'], string> = {
  pupils: 'Pupil',
  conversations: 'Pupil',
  targets: 'Pupil',
  parents: 'Parent or carer',
  messages: 'About',
  tasks: 'Task',
};

/** The list behind one figure: every record it counts (so many rows as the figure says), each leading to the pupil's record. */
export async function showFigure(session: Session, key: string, params: URLSearchParams): Promise<View> {
  const qs = filterQuery(params);
  const list = await getJson<FigureList>(session, `/api/dashboard/figures/${encodeURIComponent(key)}${qs}`);
  const filtered = qs !== '';
  const back = h('p', {}, h('a', { href: `#/${qs}` }, list.wholeSchool ? 'Back to the school overview' : 'Back to my pupils'));
  const content = [
    back,
    h('h1', {}, list.label),
    h('p', { class: 'subtitle' }, `${list.school.name}: ${list.count} ${NOUN[list.counts][list.count === 1 ? 0 : 1]}${list.wholeSchool ? '' : ', among your own pupils'}${filtered ? ', with the filters chosen on the overview' : ''}.`),
    h(
      'section',
      { class: 'card' },
      list.rows.length === 0
        ? h('p', { class: 'empty', id: 'figure-empty' }, filtered ? 'Nothing is counted here with these filters. ' : 'Nothing is counted here at the moment.', filtered ? h('a', { href: figureHref(key, '') }, 'Show it for all pupils') : null)
        : scrollRegion(
            list.label,
            h(
              'table',
              { id: 'figure-rows' },
              h('caption', {}, `${list.label} (${list.count})`),
              h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, WHO[list.counts]), h('th', { scope: 'col' }, 'Details'))),
              h(
                'tbody',
                {},
                list.rows.map((r) =>
                  h(
                    'tr',
                    {},
                    h('th', { scope: 'row' }, r.pupils.length === 1 && list.counts !== 'parents' ? h('a', { href: `#/pupils/${r.pupils[0]!.id}` }, isolated(r.title)) : isolated(r.title)),
                    h(
                      'td',
                      {},
                      r.detail,
                      list.counts === 'parents' || (r.pupils.length === 1 && r.title !== r.pupils[0]!.name)
                        ? [' ', r.pupils.map((p, i) => [i > 0 ? ' ' : '', h('a', { href: `#/pupils/${p.id}` }, ['Open ', isolated(p.name), "'s record"])])]
                        : null,
                    ),
                  ),
                ),
              ),
            ),
          ),
    ),
  ];
  return { title: list.label, content, message: `${list.label}: ${list.count} shown.` };
}
