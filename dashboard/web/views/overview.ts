import { getJson } from '../api';
import { barChart, lineChart, stackedBars } from '../charts';
import { h, isolated, scrollRegion, uid, type View } from '../dom';
import { chartColours } from '../palette';
import type { Session } from '../session';
import type { Overview, PupilRow } from '../types';
import { AREA_GROUP, NEED, SEN_STATUS, TARGET_STATUS, yearGroupLabel } from '../../words';
import { formatWait } from '../../../digest/wording';
import { CONFIDENCE_NAME, FIGURES, OVERDUE_BY_KEY_TEACHER_NAME, overdueByKey, TARGET_MEASURES, targetFigureKey, WAIT_NAMES, WORKLOAD_NAME, workloadKey, type FixedFigureKey } from '../../../digest/figureNames';
import { dayWords, monthWords } from '../../../domain/dateWords';
import { nextConversationWords } from '../../../domain/words';
import { FILTER_KEYS, filterQuery, figureHref } from './figure';

const AREA_GROUPS = ['ENGLISH', 'MATHS', 'WIDER'] as const;

/** A figure: its name and number, the number a link to the list it counts. */
type Tile = { label: string; value: string | number; href: string; attention?: boolean };

function tiles(items: Tile[]): HTMLElement {
  return h(
    'dl',
    { class: 'tiles' },
    items.map((t) => h('div', { class: t.attention ? 'attention' : undefined }, h('dt', {}, t.label), h('dd', {}, h('a', { href: t.href, 'data-figure': t.href, 'aria-label': `${t.label}: ${t.value}. Show the list` }, t.value)))),
  );
}

function section(title: string, ...content: (Node | null)[]): HTMLElement {
  const id = uid('section');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), content);
}

function select(name: string, label: string, value: string, options: [string, string][]): HTMLElement {
  const id = `filter-${name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, h('option', { value: '' }, 'All'), options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))),
  );
}

function filterForm(o: Overview, params: URLSearchParams): HTMLElement {
  const form = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': 'Filter pupils' },
    select('yearGroup', 'Year group', params.get('yearGroup') ?? '', o.options.yearGroups.map((y) => [String(y), yearGroupLabel(y)])),
    select('need', 'Need', params.get('need') ?? '', Object.entries(NEED)),
    select('senStatus', 'SEN status', params.get('senStatus') ?? '', Object.entries(SEN_STATUS)),
    o.wholeSchool ? select('keyTeacherId', 'Key teacher', params.get('keyTeacherId') ?? '', [...o.options.keyTeachers.map((k): [string, string] => [k.id, k.displayName]), ['none', 'No key teacher']]) : null,
  );
  form.addEventListener('change', () => {
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const field = form.elements.namedItem(key) as HTMLSelectElement | null;
      if (field?.value) next.set(key, field.value);
    }
    const query = next.toString();
    location.hash = query ? `#/?${query}` : '#/';
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  return form;
}

function targetsTable(o: Overview, qs: string): HTMLElement {
  const t = o.figures.targets;
  const measures = Object.keys(TARGET_MEASURES) as (keyof typeof TARGET_MEASURES)[];
  const row = (group: (typeof AREA_GROUPS)[number] | 'total', label: string, c: typeof t.total) =>
    h('tr', {}, h('th', { scope: 'row' }, label), measures.map((m) => h('td', { class: 'number' }, h('a', { href: figureHref(targetFigureKey(group, m), qs), 'data-figure': figureHref(targetFigureKey(group, m), qs), 'aria-label': `${label}, ${TARGET_MEASURES[m].toLowerCase()}: ${c[m]}. Show the list` }, c[m]))));
  return scrollRegion(
    'Targets this school year',
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, 'Targets set this school year, by area'),
      h('thead', {}, h('tr', {}, ['Area', ...measures.map((m) => TARGET_MEASURES[m])].map((x, i) => h('th', { scope: 'col', class: i > 0 ? 'number' : undefined }, x)))),
      h('tbody', {}, AREA_GROUPS.map((g) => row(g, AREA_GROUP[g], t.byArea[g])), row('total', 'All areas', t.total)),
    ),
  );
}

/** Why the list is empty: the filters match no one, or no pupil is on the register yet. */
function noPupils(filtered: boolean): HTMLElement {
  return filtered
    ? h('p', { class: 'empty', id: 'pupils-empty' }, 'No pupils match these filters. ', h('a', { href: '#/' }, 'Show all pupils'), '.')
    : h('p', { class: 'empty', id: 'pupils-empty' }, 'No pupils are on the SEN register yet. Import the register from the MIS (see the README, "Roster import"); pupils appear here as soon as they are on it.');
}

function pupilsTable(pupils: PupilRow[], timezone: string, filtered: boolean): HTMLElement {
  if (pupils.length === 0) return noPupils(filtered);
  return scrollRegion(
    'Pupils',
    h(
      'table',
      { id: 'pupils' },
      h('caption', {}, `Pupils (${pupils.length})${pupils.some((p) => p.senStatus === 'NOT_ON_REGISTER') ? ', with those who have left the SEN register' : ''}`),
      h('thead', {}, h('tr', {}, ['Pupil', 'Year', 'SEN status', 'Need', 'Key teacher', 'Next conversation', 'Open targets'].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        {},
        pupils.map((p) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('a', { href: `#/pupils/${p.id}` }, isolated(`${p.firstName} ${p.lastName}`)), p.lookedAfter ? [' ', h('span', { class: 'badge brand' }, 'Looked after')] : null),
            h('td', {}, yearGroupLabel(p.yearGroup)),
            h('td', {}, SEN_STATUS[p.senStatus]),
            h('td', {}, p.primaryNeed ? NEED[p.primaryNeed] : 'Not recorded'),
            h('td', {}, p.keyTeacher ? isolated(p.keyTeacher.displayName) : 'Not assigned'),
            h(
              'td',
              {},
              p.nextConversation ? nextConversationWords(p.nextConversation, timezone) : 'None due',
              p.overdue ? [' ', h('span', { class: 'badge danger' }, 'Overdue')] : null,
            ),
            h('td', { class: 'number' }, p.openTargets),
          ),
        ),
      ),
    ),
  );
}

export async function showOverview(session: Session, params: URLSearchParams): Promise<View> {
  const qs = filterQuery(params);
  const [o, list] = await Promise.all([getJson<Overview>(session, `/api/dashboard/overview${qs}`), getJson<{ pupils: PupilRow[] }>(session, `/api/dashboard/pupils${qs}`)]);
  const f = o.figures;
  const c = f.conversations;
  const filtered = qs !== '';
  const tile = (key: FixedFigureKey, value: number | string, attention = false): Tile => ({ label: FIGURES[key].label, value, href: figureHref(key, qs), attention });
  const trend = f.confidence.change === null ? 'No earlier ratings to compare' : `${f.confidence.change > 0 ? 'Up' : f.confidence.change < 0 ? 'Down' : 'No change'} ${Math.abs(f.confidence.change).toFixed(2)} on half a term ago`;
  const content = [
    h('h1', {}, o.wholeSchool ? 'School overview' : 'My pupils'),
    h(
      'p',
      { class: 'subtitle' },
      `${o.school.name}: `,
      h('a', { href: figureHref('pupilsOnRegister', qs), 'data-figure': figureHref('pupilsOnRegister', qs) }, `${f.pupilsOnRegister} pupils on the SEN register`),
      `${filtered ? ' (with these filters)' : ''}. ${f.term.name ?? 'This school year'}, week of ${dayWords(f.week.from, { weekday: false, longMonth: true, year: true })}.`,
    ),
    filterForm(o, params),
    h(
      'div',
      { class: 'grid' },
      section(
        'Structured conversations',
        tiles([
          tile('conversations.dueThisWeek', c.dueThisWeek),
          tile('conversations.heldLastSevenDays', c.heldLastSevenDays),
          tile('conversations.heldThisTerm', c.heldThisTerm),
          tile('conversations.overdue', c.overdue, c.overdue > 0),
          tile('conversations.initialOutstanding', c.initialOutstanding, c.initialOutstanding > 0),
        ]),
        c.overdueByKeyTeacher.length > 0
          ? h('p', {}, `${OVERDUE_BY_KEY_TEACHER_NAME}: `, c.overdueByKeyTeacher.map((t, i) => [i > 0 ? ', ' : '', isolated(t.name), ' ', h('a', { href: figureHref(overdueByKey(t.staffId), qs), 'data-figure': figureHref(overdueByKey(t.staffId), qs), 'aria-label': `${t.name}: ${t.count} overdue. Show the list` }, t.count)]))
          : null,
      ),
      section(
        'Parents',
        tiles([
          { ...tile('parents.reachedLastHalfTerm', f.parents.reachedLastHalfTerm), value: `${f.parents.reachedLastHalfTerm} of ${f.parents.contacts}` },
          tile('parents.neverReached', f.parents.neverReached, f.parents.neverReached > 0),
          tile('parents.optedOut', f.parents.optedOut),
          tile('parents.numbersDead', f.parents.numbersDead, f.parents.numbersDead > 0),
          tile('parents.repliesWaiting', f.parents.repliesWaiting.count, f.parents.repliesWaiting.count > 0),
          { label: WAIT_NAMES.oldest, value: formatWait(f.parents.repliesWaiting.oldestMinutes), href: figureHref('parents.repliesWaiting', qs) },
          { label: WAIT_NAMES.median, value: formatWait(f.parents.repliesWaiting.medianMinutes), href: figureHref('parents.repliesWaiting', qs) },
        ]),
        h('p', {}, h('a', { href: figureHref('parents.contacts', qs), 'data-figure': figureHref('parents.contacts', qs) }, `All ${f.parents.contacts} parents and carers`)),
      ),
      section(
        'Pupil voice and confidence',
        tiles([
          tile('pupilVoice.withoutViewsThisTerm', f.pupilVoice.withoutViewsThisTerm, f.pupilVoice.withoutViewsThisTerm > 0),
          { label: CONFIDENCE_NAME, value: f.confidence.latestAverage === null ? 'None yet' : `${f.confidence.latestAverage.toFixed(2)} / 5`, href: figureHref('confidence.parentsRating', qs) },
          tile('confidence.parentsRating', f.confidence.parentsRating),
        ]),
        h('p', {}, trend),
      ),
      o.wholeSchool
        ? section(
            'Delivery problems since the last digest',
            tiles([
              tile('delivery.failedSms', f.delivery.failedSms, f.delivery.failedSms > 0),
              tile('delivery.failedTeams', f.delivery.failedTeams, f.delivery.failedTeams > 0),
              tile('delivery.failedJobs', f.delivery.failedJobs, f.delivery.failedJobs > 0),
            ]),
          )
        : null,
    ),
    section('Targets this school year', targetsTable(o, qs)),
    h(
      'div',
      { class: 'grid' },
      section(
        'Conversations held',
        barChart({
          title: 'Structured conversations held per month',
          description: `Since ${dayWords(o.charts.schoolYearFrom, { weekday: false })}: ${o.charts.heldPerMonth.map((m) => `${m.held} in ${monthWords(m.month)}`).join(', ')}.`,
          points: o.charts.heldPerMonth.map((m) => ({ month: m.month, value: m.held })),
          valueName: 'Held',
        }),
      ),
      section(
        'Parental confidence',
        lineChart({
          title: 'Average parental confidence by month (1 to 5)',
          description: `Each parent's latest rating at the end of each month: ${o.charts.confidencePerMonth.map((m) => `${monthWords(m.month)} ${m.average ?? 'none'}`).join(', ')}.`,
          points: o.charts.confidencePerMonth.map((m) => ({ month: m.month, value: m.average })),
          min: 1,
          max: 5,
          valueName: 'Average',
        }),
      ),
      section(
        'Targets by status',
        stackedBars({
          title: 'Targets by status in each area',
          description: o.charts.targetsByStatus.map((g) => `${AREA_GROUP[g.area]}: ${Object.entries(g.counts).map(([k, n]) => `${n} ${TARGET_STATUS[k as keyof typeof TARGET_STATUS].toLowerCase()}`).join(', ')}`).join('. '),
          groups: o.charts.targetsByStatus.map((g) => ({ label: AREA_GROUP[g.area], counts: g.counts })),
          categories: (Object.keys(TARGET_STATUS) as (keyof typeof TARGET_STATUS)[]).map((k) => ({ key: k, label: TARGET_STATUS[k], colour: chartColours.status[k] })),
        }),
      ),
    ),
    section(
      WORKLOAD_NAME,
      h('p', {}, 'Schools in the programme found five pupils per key teacher manageable.'),
      f.workload.length === 0
        ? h('p', { class: 'empty' }, filtered ? 'No key teacher has pupils matching these filters.' : 'No key teachers yet: import the staff list with their roles.')
        : h(
            'ul',
            {},
            f.workload.map((w) =>
              h('li', {}, isolated(w.name), ': ', h('a', { href: figureHref(workloadKey(w.staffId), qs), 'data-figure': figureHref(workloadKey(w.staffId), qs) }, `${w.pupils} pupil${w.pupils === 1 ? '' : 's'}`), w.overManageable ? [' ', h('span', { class: 'badge warning' }, 'More than 5')] : null),
            ),
          ),
    ),
    h('section', { class: 'card' }, pupilsTable(list.pupils, o.school.timezone, filtered)),
  ];
  const message = list.pupils.length === 0 ? (filtered ? 'No pupils match these filters.' : 'No pupils are on the SEN register yet.') : `${filtered ? 'Filtered: ' : ''}${list.pupils.length} pupils shown, ${f.pupilsOnRegister} on the SEN register.`;
  return { content, message };
}
