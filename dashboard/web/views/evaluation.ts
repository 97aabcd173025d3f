import { getJson } from '../api';
import { h, isolated, scrollRegion, uid, type View } from '../dom';
import { downloadFile, printPage } from '../exports';
import type { Session } from '../session';
import type { Cells, EvaluationReport, Me, PeriodInfo } from '../types';
import { cellText } from './organisation';

/**
 * The termly evaluation in the dashboard: a school's own (its leads, exact figures) or an
 * organisation's (its schools side by side, suppressed), each term against its baseline, with the
 * printable page and the CSV the API makes from the same report.
 */
const day = (iso: string): string => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const span = (p: PeriodInfo | null): string => (p ? `${p.name ?? 'Term'}: ${day(p.from)} to ${day(p.to)}${p.complete ? '' : ' (so far)'}` : 'No term entered');

function nowAndThen(now: Cells, before: Cells | null, key: string): HTMLElement[] {
  return [cellText(now[key]), ...(before ? [h('span', { class: 'was' }, 'baseline: ', cellText(before[key]))] : [])];
}

function sectionTable(r: EvaluationReport, s: EvaluationReport['sections'][number]): HTMLElement {
  const total = r.total;
  const single = r.subject.kind === 'school' ? r.schools[0] : undefined;
  const table = single
    ? h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, s.title),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Figure'), h('th', { scope: 'col', class: 'number' }, single.term?.name ?? 'This term'), h('th', { scope: 'col', class: 'number' }, `Baseline${single.baseline?.name ? `: ${single.baseline.name}` : ''}`))),
        h('tbody', {}, s.figures.map((f) => h('tr', {}, h('th', { scope: 'row', title: f.definition }, f.label), h('td', { class: 'number' }, cellText(single.now[f.key])), h('td', { class: 'number' }, single.baselineCells ? cellText(single.baselineCells[f.key]) : 'no baseline')))),
      )
    : h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, `${s.title}, school by school`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'School'), s.figures.map((f) => h('th', { scope: 'col', class: 'number', title: f.definition }, f.label)))),
        h('tbody', {}, r.schools.map((x) => h('tr', {}, h('th', { scope: 'row' }, isolated(x.name)), s.figures.map((f) => h('td', { class: 'number' }, nowAndThen(x.now, x.baselineCells, f.key)))))),
        total ? h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'All schools'), s.figures.map((f) => h('td', { class: 'number' }, nowAndThen(total.now, total.baselineCells, f.key))))) : null,
      );
  const id = uid('section');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, s.title), scrollRegion(s.title, table));
}

export async function showEvaluation(session: Session, me: Me, params: URLSearchParams): Promise<View> {
  const on = params.get('on');
  const base = me.kind === 'organisation' ? `/api/organisations/${me.organisation!.id}/evaluation` : `/api/schools/${me.school!.id}/evaluation`;
  const query = on && /^\d{4}-\d{2}-\d{2}$/.test(on) ? `?on=${on}` : '';
  const r = await getJson<EvaluationReport>(session, `${base}${query}`);
  const withFormat = (format: string) => `${base}${query ? `${query}&` : '?'}format=${format}`;
  const fileName = `evaluation-${r.subject.name}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const content = [
    h('h1', {}, r.title),
    h(
      'p',
      { class: 'subtitle' },
      "Each school's term against its baseline term (the first term it used the product, or the date its trust or local authority set). ",
      r.smallNumbersSuppressed ? 'Small numbers are suppressed: a figure about fewer than five pupils or parents shows “fewer than 5”, and so does any total that would give one away.' : "The school's own figures, exactly.",
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => void printPage(session, withFormat('html'), 'The termly evaluation') }, 'Print or save as PDF'),
      h('button', { type: 'button', onclick: () => void downloadFile(session, withFormat('csv'), `${fileName}.csv`, 'The termly evaluation was downloaded as CSV.') }, 'Download CSV'),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'terms-compared' },
      h('h2', { id: 'terms-compared' }, 'Terms compared'),
      h('ul', {}, r.schools.map((s) => h('li', {}, h('strong', {}, isolated(s.name)), `: ${span(s.term)}; baseline ${s.baseline ? span(s.baseline) : 'none yet'}`))),
    ),
    ...r.sections.map((s) => sectionTable(r, s)),
    ...(r.schools[0]?.caseloads?.length
      ? [
          h(
            'section',
            { class: 'card', 'aria-labelledby': 'caseloads' },
            h('h2', { id: 'caseloads' }, 'Pupils per key teacher'),
            h('ul', {}, r.schools[0].caseloads.map((k) => h('li', {}, isolated(k.name), `: ${k.pupils}`, k.overManageable ? [' ', h('span', { class: 'badge warning' }, 'More than 5')] : null))),
          ),
        ]
      : []),
    h('section', { class: 'card', 'aria-labelledby': 'not-counted' }, h('h2', { id: 'not-counted' }, 'Not counted yet'), h('ul', {}, r.notYetCounted.map((n) => h('li', {}, n)))),
  ];
  return { title: 'Termly evaluation', content, message: `${r.title} shown.` };
}
