import { getJson } from '../api';
import { h, isolated, scrollRegion, uid, type View } from '../dom';
import type { Session } from '../session';
import type { Cells, FigureHeading, Me, OrganisationOverview, SchoolFigures, SchoolGaps } from '../types';

/**
 * What a trust lead or local authority officer sees: their schools side by side today (the
 * digest's figures, small numbers suppressed), one school's figures, and the gap analysis. Never a
 * pupil: there is no link from here to anyone's record.
 */
const SUPPRESSION_NOTE = 'Small numbers are suppressed, as in published statistics: a figure about fewer than five pupils or parents shows “fewer than 5”, and so does a total that would give one away.';

export const cellText = (c: Cells[string] | undefined): HTMLElement => (c?.suppressed ? h('span', { class: 'suppressed' }, c.text) : h('span', {}, c?.text ?? ''));

function groups(figures: FigureHeading[]): [string, FigureHeading[]][] {
  const by = new Map<string, FigureHeading[]>();
  for (const f of figures) by.set(f.group, [...(by.get(f.group) ?? []), f]);
  return [...by];
}

function section(title: string, ...content: (Node | null)[]): HTMLElement {
  const id = uid('section');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), content);
}

export async function showOrganisationOverview(session: Session, me: Me): Promise<View> {
  const o = await getJson<OrganisationOverview>(session, `/api/organisations/${me.organisation!.id}/overview`);
  const content = [
    h('h1', {}, isolated(o.organisation.name)),
    h('p', { class: 'subtitle' }, `${o.schools.length} schools, today. ${o.smallNumbersSuppressed ? SUPPRESSION_NOTE : ''}`),
    ...groups(o.figures).map(([group, figures]) =>
      section(
        group,
        scrollRegion(
          group,
          h(
            'table',
            {},
            h('caption', { class: 'visually-hidden' }, `${group}, school by school`),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'School'), figures.map((f) => h('th', { scope: 'col', class: 'number' }, f.label)))),
            h(
              'tbody',
              {},
              o.schools.map((s) => h('tr', {}, h('th', { scope: 'row' }, h('a', { href: `#/schools/${s.id}` }, isolated(s.name))), figures.map((f) => h('td', { class: 'number' }, cellText(s.cells[f.key]))))),
            ),
            h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'All schools'), figures.map((f) => h('td', { class: 'number' }, cellText(o.total[f.key]))))),
          ),
        ),
      ),
    ),
  ];
  return { title: o.organisation.name, content, message: `${o.schools.length} schools shown.` };
}

export async function showSchoolFigures(session: Session, me: Me, schoolId: string): Promise<View> {
  const f = await getJson<SchoolFigures>(session, `/api/organisations/${me.organisation!.id}/schools/${encodeURIComponent(schoolId)}`);
  const content = [
    h('p', {}, h('a', { href: '#/' }, 'All schools')),
    h('h1', {}, isolated(f.school.name)),
    h('p', { class: 'subtitle' }, `${f.term.name ?? 'This school year'} so far. Figures only: pupils' records stay with the school. ${f.smallNumbersSuppressed ? SUPPRESSION_NOTE : ''}`),
    h(
      'div',
      { class: 'grid' },
      groups(f.figures).map(([group, figures]) => section(group, h('dl', { class: 'figures' }, figures.map((x) => h('div', {}, h('dt', {}, x.label), h('dd', {}, cellText(f.cells[x.key]))))))),
    ),
    section(
      'Structured conversations held, month by month',
      scrollRegion(
        'Conversations held per month',
        h(
          'table',
          {},
          h('caption', { class: 'visually-hidden' }, 'Conversations held per month this school year'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Month'), h('th', { scope: 'col', class: 'number' }, 'Held'))),
          h('tbody', {}, f.heldPerMonth.map((m) => h('tr', {}, h('th', { scope: 'row' }, new Date(`${m.month}-01T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })), h('td', { class: 'number' }, cellText(m.held))))),
        ),
      ),
    ),
  ];
  return { title: f.school.name, content, message: `${f.school.name}'s figures shown.` };
}

function checklist(g: SchoolGaps, heading: 'h2' | 'h3'): HTMLElement {
  const id = uid('gaps');
  return h(
    'section',
    { class: 'card', 'aria-labelledby': id },
    h(heading, { id }, isolated(g.school.name), ` (${g.done} of ${g.items.length} done)`),
    h(
      'ul',
      { class: 'checklist' },
      g.items.map((i) =>
        h(
          'li',
          { class: i.done ? 'done' : 'todo' },
          h('span', { class: `badge ${i.done ? 'success' : 'warning'}` }, i.done ? 'Done' : 'To do'),
          ' ',
          h('strong', {}, i.label),
          i.done ? null : [h('br', {}), i.detail, '. ', h('span', { class: 'fix' }, i.fix)],
        ),
      ),
    ),
  );
}

/** The gap analysis: a school's own (its leads), or every school's (the organisation's). */
export async function showGaps(session: Session, me: Me): Promise<View> {
  if (me.kind === 'organisation') {
    const { schools } = await getJson<{ schools: SchoolGaps[] }>(session, `/api/organisations/${me.organisation!.id}/gaps`);
    const content = [
      h('h1', {}, 'Gap analysis'),
      h('p', { class: 'subtitle' }, 'What each school still needs before the programme runs: the school’s leads see the same list.'),
      ...schools.map((g) => checklist(g, 'h2')),
    ];
    return { title: 'Gap analysis', content, message: `${schools.length} schools' checklists shown.` };
  }
  const g = await getJson<SchoolGaps>(session, `/api/schools/${me.school!.id}/gaps`);
  const content = [
    h('h1', {}, 'Getting started'),
    h('p', { class: 'subtitle' }, 'What the school still needs before the programme runs; your trust or local authority sees the same list.'),
    checklist(g, 'h2'),
  ];
  return { title: 'Getting started', content, message: `${g.done} of ${g.items.length} done.` };
}
