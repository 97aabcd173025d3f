import { getJson } from '../api';
import { barChart, lineChart, stackedBars } from '../charts';
import { h, isolated, scrollRegion, uid, type View } from '../dom';
import { chartColours } from '../palette';
import type { Session } from '../session';
import type { Overview, PupilRow } from '../types';
import { AREA_GROUP, CONVERSATION_KIND, NEED, SEN_STATUS, TARGET_STATUS, yearGroupLabel } from '../../words';
import { formatWait } from '../../../digest/wording';
import { AREA_GROUPS } from '../../../digest/figures';

const FILTER_KEYS = ['yearGroup', 'need', 'senStatus', 'keyTeacherId'] as const;

const day = (iso: string): string => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function tiles(items: [string, string | number, boolean?][]): HTMLElement {
  return h('dl', { class: 'tiles' }, items.map(([label, value, attention]) => h('div', { class: attention ? 'attention' : undefined }, h('dt', {}, label), h('dd', {}, value))));
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
    o.wholeSchool ? select('keyTeacherId', 'Key teacher', params.get('keyTeacherId') ?? '', o.options.keyTeachers.map((k) => [k.id, k.displayName])) : null,
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

function targetsTable(o: Overview): HTMLElement {
  const t = o.figures.targets;
  const row = (label: string, c: typeof t.total) =>
    h('tr', {}, h('th', { scope: 'row' }, label), [c.set, c.reviewedOnTime, c.achieved, c.offTrack].map((n) => h('td', { class: 'number' }, n)));
  return scrollRegion(
    'Targets this school year',
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, 'Targets set this school year, by area'),
      h('thead', {}, h('tr', {}, ['Area', 'Set', 'Reviewed on time', 'Achieved', 'Off track'].map((x, i) => h('th', { scope: 'col', class: i > 0 ? 'number' : undefined }, x)))),
      h('tbody', {}, AREA_GROUPS.map((g) => row(AREA_GROUP[g], t.byArea[g])), row('All areas', t.total)),
    ),
  );
}

function pupilsTable(pupils: PupilRow[]): HTMLElement {
  return scrollRegion(
    'Pupils',
    h(
      'table',
      { id: 'pupils' },
      h('caption', {}, `Pupils (${pupils.length})`),
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
              p.nextConversation ? `${CONVERSATION_KIND[p.nextConversation.kind]}, due ${day(p.nextConversation.dueBy)}` : 'None due',
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
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) query.set(key, v);
  }
  const qs = query.toString() ? `?${query}` : '';
  const [o, list] = await Promise.all([getJson<Overview>(session, `/api/dashboard/overview${qs}`), getJson<{ pupils: PupilRow[] }>(session, `/api/dashboard/pupils${qs}`)]);
  const f = o.figures;
  const c = f.conversations;
  const trend = f.confidence.change === null ? 'No earlier ratings to compare' : `${f.confidence.change > 0 ? 'Up' : f.confidence.change < 0 ? 'Down' : 'No change'} ${Math.abs(f.confidence.change).toFixed(2)} on half a term ago`;
  const content = [
    h('h1', {}, o.wholeSchool ? 'School overview' : 'My pupils'),
    h('p', { class: 'subtitle' }, `${o.school.name}: ${f.pupilsOnRegister} pupils on the SEN register. ${f.term.name ?? 'This school year'}, week of ${day(f.week.from)}.`),
    filterForm(o, params),
    h(
      'div',
      { class: 'grid' },
      section(
        'Structured conversations',
        tiles([
          ['Due this week', c.dueThisWeek],
          ['Held in the last 7 days', c.heldLastSevenDays],
          ['Held this term', c.heldThisTerm],
          ['Overdue', c.overdue, c.overdue > 0],
          ['Initial still outstanding', c.initialOutstanding, c.initialOutstanding > 0],
        ]),
        c.overdueByKeyTeacher.length > 0
          ? h('p', {}, 'Overdue by key teacher: ', c.overdueByKeyTeacher.map((t) => `${t.name} ${t.count}`).join(', '))
          : null,
      ),
      section(
        'Parents',
        tiles([
          ['Reached this half term', `${f.parents.reachedLastHalfTerm} of ${f.parents.contacts}`],
          ['Never reached', f.parents.neverReached, f.parents.neverReached > 0],
          ['Opted out', f.parents.optedOut],
          ['Numbers not working', f.parents.numbersDead, f.parents.numbersDead > 0],
          ['Replies waiting', f.parents.repliesWaiting.count, f.parents.repliesWaiting.count > 0],
          ['Longest wait', formatWait(f.parents.repliesWaiting.oldestMinutes)],
          ['Median wait', formatWait(f.parents.repliesWaiting.medianMinutes)],
        ]),
      ),
      section(
        'Pupil voice and confidence',
        tiles([
          ['No views this term', f.pupilVoice.withoutViewsThisTerm, f.pupilVoice.withoutViewsThisTerm > 0],
          ['Parental confidence', f.confidence.latestAverage === null ? 'None yet' : `${f.confidence.latestAverage.toFixed(2)} / 5`],
          ['Parents rating', f.confidence.parentsRating],
        ]),
        h('p', {}, trend),
      ),
      o.wholeSchool
        ? section(
            'Delivery problems since the last digest',
            tiles([
              ['Texts not delivered', f.delivery.failedSms, f.delivery.failedSms > 0],
              ['Teams messages not delivered', f.delivery.failedTeams, f.delivery.failedTeams > 0],
              ['Failed scheduled tasks', f.delivery.failedJobs, f.delivery.failedJobs > 0],
            ]),
          )
        : null,
    ),
    section('Targets this school year', targetsTable(o)),
    h(
      'div',
      { class: 'grid' },
      section(
        'Conversations held',
        barChart({
          title: 'Structured conversations held per month',
          description: `Since ${day(o.charts.schoolYearFrom)}: ${o.charts.heldPerMonth.map((m) => `${m.held} in ${m.month}`).join(', ')}.`,
          points: o.charts.heldPerMonth.map((m) => ({ month: m.month, value: m.held })),
          valueName: 'Held',
        }),
      ),
      section(
        'Parental confidence',
        lineChart({
          title: 'Average parental confidence by month (1 to 5)',
          description: `Each parent's latest rating at the end of each month: ${o.charts.confidencePerMonth.map((m) => `${m.month} ${m.average ?? 'none'}`).join(', ')}.`,
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
      'Pupils per key teacher',
      h('p', {}, 'Schools in the programme found five pupils per key teacher manageable.'),
      h('ul', {}, f.workload.map((w) => h('li', {}, `${w.name}: ${w.pupils} pupil${w.pupils === 1 ? '' : 's'}`, w.overManageable ? [' ', h('span', { class: 'badge warning' }, 'More than 5')] : null))),
    ),
    h('section', { class: 'card' }, pupilsTable(list.pupils)),
  ];
  const filtered = FILTER_KEYS.filter((k) => query.has(k)).length;
  return { content, message: `${filtered > 0 ? 'Filtered: ' : ''}${list.pupils.length} pupils shown, ${f.pupilsOnRegister} on the SEN register.` };
}
