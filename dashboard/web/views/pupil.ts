import { getBlob, getJson } from '../api';
import { downloadFile, printPage } from '../exports';
import { announce, h, isolated, uid, type Child, type View } from '../dom';
import type { Session } from '../session';
import type { PupilRecord, PupilRecordView, TimelineEntry } from '../types';
import type { TimelineMedia } from '../../pupilRecord';
import { AREA, CONVERSATION_KIND, CONVERSATION_STATUS, GATHERED_BY, INVOLVEMENT, MESSAGE_STATUS, mediaLabel, NEED, SEN_STATUS, TARGET_STATUS, yearGroupLabel } from '../../words';
import { dayWords, timeWords } from '../../../domain/dateWords';

/** In the school's time zone, wherever the reader is; the same words as the cards and the printable record. */
const when = (iso: string, timeZone: string): string => timeWords(iso, timeZone, { year: true });
const onDay = (isoDate: string): string => dayWords(isoDate, { year: true });

/** What the timeline can be narrowed to, so the substance is findable in a long record. */
const KINDS: { value: string; label: string; kinds: TimelineEntry['kind'][] }[] = [
  { value: 'all', label: 'Everything', kinds: ['conversation', 'pupilView', 'target', 'message', 'confidence'] },
  { value: 'conversation', label: 'Conversations', kinds: ['conversation'] },
  { value: 'target', label: 'Targets', kinds: ['target'] },
  { value: 'pupilView', label: "Pupil's views", kinds: ['pupilView'] },
  { value: 'message', label: 'Texts', kinds: ['message'] },
  { value: 'confidence', label: 'Confidence ratings', kinds: ['confidence'] },
];

/** Radio buttons that show one kind of entry; nothing is fetched again (each look at a record is audited once). */
function kindFilter(list: HTMLElement, counts: Map<string, number>): HTMLElement {
  const name = uid('show');
  const fieldset = h(
    'fieldset',
    { class: 'kind-filter' },
    h('legend', {}, 'Show'),
    KINDS.map((k) => {
      const id = `${name}-${k.value}`;
      const n = k.value === 'all' ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(k.value) ?? 0);
      return h('span', { class: 'choice' }, h('input', { type: 'radio', name, id, value: k.value, checked: k.value === 'all' }), h('label', { for: id }, `${k.label} (${n})`));
    }),
  );
  fieldset.addEventListener('change', (e) => {
    const chosen = KINDS.find((k) => k.value === (e.target as HTMLInputElement).value) ?? KINDS[0]!;
    for (const li of list.querySelectorAll<HTMLElement>(':scope > li')) li.hidden = !chosen.kinds.includes(li.dataset.kind as TimelineEntry['kind']);
    announce(`Showing ${chosen.label.toLowerCase()}.`);
  });
  return fieldset;
}

function stage(title: string, ...lines: (string | null)[]): HTMLElement | null {
  const text = lines.filter((l): l is string => Boolean(l));
  return h('section', {}, h('h4', {}, title), text.length > 0 ? text.map((t) => h('p', {}, t)) : h('p', {}, 'Not recorded'));
}

/**
 * A parent's picture, fetched with the dashboard's token (the API answers only a signed-in member
 * of staff who may see the text) and shown from a blob: URL; a PDF or a picture the browser cannot
 * draw is a button that opens it the same way. One not kept says why.
 */
function attachment(session: Session, m: TimelineMedia, from: string): HTMLElement {
  const label = mediaLabel(m);
  if (!m.kept) return h('p', { class: 'meta' }, `(${label})`);
  if (!m.shownInline) {
    const open = async () => {
      const url = URL.createObjectURL(await getBlob(session, `/api/media/${m.id}`));
      window.open(url, '_blank', 'noopener');
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    };
    return h('p', {}, h('button', { type: 'button', onclick: () => void open() }, `Open the ${label}`));
  }
  const img = h('img', { alt: `A picture sent by ${from}`, class: 'parent-picture', loading: 'lazy' });
  const figure = h('figure', { class: 'parent-media' }, img, h('figcaption', { class: 'meta' }, label));
  void getBlob(session, `/api/media/${m.id}`)
    .then((blob) => {
      img.src = URL.createObjectURL(blob);
    })
    .catch(() => figure.replaceChildren(h('p', { class: 'meta' }, `(${label}: it could not be shown just now)`)));
  return figure;
}

function entry(session: Session, e: TimelineEntry, tz: string): HTMLElement {
  const headingId = uid('entry');
  const item = (cls: string, title: Child, meta: string, ...body: Child[]) =>
    h('li', { class: cls, 'data-kind': e.kind }, h('article', { 'aria-labelledby': headingId }, h('h3', { id: headingId }, title), h('p', { class: 'meta' }, meta), body));
  switch (e.kind) {
    case 'conversation':
      return item(
        'conversation',
        CONVERSATION_KIND[e.conversationKind],
        `${e.heldAt ? `Held ${when(e.heldAt, tz)}` : e.scheduledAt ? `Booked for ${when(e.scheduledAt, tz)}` : `Due by ${onDay(e.dueBy)}`} · ${CONVERSATION_STATUS[e.status]}`,
        e.status === 'HELD'
          ? h(
              'div',
              { class: 'stages' },
              stage('Explore', e.explore.strengths && `Strengths: ${e.explore.strengths}`, e.explore.barriers && `Barriers: ${e.explore.barriers}`, e.explore.aspirations && `Aspirations: ${e.explore.aspirations}`),
              stage('Focus', e.focus),
              stage('Plan', e.plan),
              stage('Review', e.review),
            )
          : null,
        e.pupilInvolvement ? h('p', {}, `Pupil: ${INVOLVEMENT[e.pupilInvolvement]}`) : null,
        e.attendees.length > 0 ? h('p', {}, `Attendees: ${e.attendees.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join(', ')}`) : null,
      );
    case 'pupilView':
      return item(
        'pupil-view',
        "Pupil's views",
        `${when(e.at, tz)} · ${GATHERED_BY[e.gatheredBy]}`,
        h(
          'dl',
          { class: 'facts' },
          ([['Good at', e.goodAt], ['Finds hard', e.findHard], ['Helps me', e.helpsMe], ['Wants to get better at', e.wantToGetBetterAt]] as const).map(([k, v]) => (v ? [h('dt', {}, k), h('dd', {}, v)] : null)),
        ),
      );
    case 'target':
      return item(
        'target',
        `Target: ${AREA[e.area]}`,
        `Set ${when(e.at, tz)} · review by ${onDay(e.reviewBy)} · ${TARGET_STATUS[e.status]}`,
        h('p', {}, e.description),
        h(
          'dl',
          { class: 'facts' },
          ([['Success looks like', e.successLooksLike], ['School will', e.schoolActions], ['At home', e.homeActions]] as const).map(([k, v]) => (v ? [h('dt', {}, k), h('dd', {}, v)] : null)),
        ),
        e.progress.length > 0
          ? h('ol', { 'aria-label': 'Progress' }, e.progress.map((p) => h('li', {}, `${when(p.at, tz)}: ${TARGET_STATUS[p.status]}${p.note ? `: ${p.note}` : ''}`)))
          : null,
      );
    case 'message':
      return item(
        e.direction === 'INBOUND' ? 'message-in' : 'message-out',
        [e.direction === 'INBOUND' ? 'Text from ' : 'Text to ', isolated(e.contactName ?? 'a parent')],
        `${when(e.at, tz)} · ${MESSAGE_STATUS[e.status]}${e.direction === 'INBOUND' ? (e.handledAt ? ` · answered ${when(e.handledAt, tz)}` : ' · waiting for an answer') : ''}${e.aboutNoSingleChild ? ' · about none of their children in particular' : ''}`,
        e.body ? h('blockquote', { dir: 'auto' }, e.body) : null,
        e.media.map((m) => attachment(session, m, e.contactName ?? 'a parent')),
      );
    case 'confidence':
      return item('confidence', 'Parental confidence', when(e.at, tz), h('p', {}, isolated(e.contactName), ` rated ${e.score} out of 5`));
  }
}

function downloadCsv(session: Session, record: PupilRecord): Promise<void> {
  return downloadFile(session, `/api/dashboard/pupils/${record.pupil.id}/export.csv`, `record-${record.pupil.lastName}-${record.pupil.firstName}.csv`.toLowerCase(), 'The record was downloaded as CSV.');
}

/**
 * For the school's admins and SENCOs: everything held about the pupil or one of their parents, to
 * print or save and send to whoever asked (UK GDPR article 15). Erasure stays an API call: it cannot be undone.
 */
function dataRequests(session: Session, record: PupilRecord): HTMLElement {
  const { pupil } = record;
  // One span: a button lays out its children as flex items, which would drop the space before the name.
  const request = (label: Child, apiPath: string, title: string) => h('li', {}, h('button', { type: 'button', onclick: () => void printPage(session, apiPath, title) }, h('span', {}, label)));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'data-requests-heading' },
    h('h2', { id: 'data-requests-heading' }, 'Requests about personal data'),
    h('p', {}, 'When a parent asks for the information the school holds (a subject access request), print or save the answer and send it to them. Each answer is recorded in the audit trail.'),
    h(
      'ul',
      { class: 'actions' },
      request(['Everything held about ', isolated(pupil.firstName)], `/api/pupils/${pupil.id}/subject-access?format=html`, `Information held about ${pupil.firstName}`),
      record.contacts.map((c) => request(['Everything held about ', isolated(c.displayName)], `/api/contacts/${c.id}/subject-access?format=html`, `Information held about ${c.displayName}`)),
    ),
  );
}

/**
 * The record's substance first (conversations, targets, views, the parents' own words, ratings),
 * narrowed by kind if wanted; the product's own acknowledgements and keyword answers folded away.
 */
function timelineSection(session: Session, record: PupilRecord, tz: string): HTMLElement {
  const automatic = record.timeline.filter((e) => e.kind === 'message' && e.automatic);
  const substance = record.timeline.filter((e) => !(e.kind === 'message' && e.automatic));
  const counts = new Map<string, number>();
  for (const e of substance) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const list = h('ol', { class: 'timeline', id: 'timeline' }, substance.map((e) => entry(session, e, tz)));
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'timeline-heading' },
    h('h2', { id: 'timeline-heading' }, 'Timeline'),
    record.timeline.length === 0
      ? h('p', { class: 'empty' }, 'Nothing recorded yet: no conversation, target, views or text about this pupil.')
      : [
          substance.length > 0 ? [kindFilter(list, counts), list] : h('p', { class: 'empty' }, 'Only automatic texts so far (below).'),
          automatic.length > 0
            ? h(
                'details',
                { id: 'automatic-texts' },
                h('summary', {}, `${automatic.length} automatic text${automatic.length === 1 ? '' : 's'}: acknowledgements, and keywords and numbers the service answered itself`),
                h('ol', { class: 'timeline' }, automatic.map((e) => entry(session, e, tz))),
              )
            : null,
        ],
  );
}

export async function showPupil(session: Session, pupilId: string): Promise<View> {
  const record = await getJson<PupilRecordView>(session, `/api/dashboard/pupils/${encodeURIComponent(pupilId)}`);
  const p = record.pupil;
  const name = `${p.firstName} ${p.lastName}`;
  const content = [
    h('p', {}, h('a', { href: '#/' }, 'Back to the overview')),
    h('h1', {}, isolated(name)),
    h('p', { class: 'subtitle' }, `${yearGroupLabel(p.yearGroup)} · ${SEN_STATUS[p.senStatus]} · ${p.primaryNeed ? NEED[p.primaryNeed] : 'Need not recorded'}`),
    h(
      'section',
      { class: 'card', 'aria-label': 'About the pupil' },
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Key teacher'),
        h('dd', {}, p.keyTeacher?.displayName ?? 'Not assigned'),
        p.secondaryNeed ? [h('dt', {}, 'Secondary need'), h('dd', {}, NEED[p.secondaryNeed])] : null,
        h('dt', {}, 'On the register since'),
        h('dd', {}, onDay(p.onRegisterSince)),
        p.lookedAfter ? [h('dt', {}, 'Looked-after child'), h('dd', {}, 'Yes')] : null,
        p.attendanceNote ? [h('dt', {}, 'Attendance'), h('dd', {}, p.attendanceNote)] : null,
        h('dt', {}, 'Parents and carers'),
        h(
          'dd',
          {},
          record.contacts.length === 0
            ? 'None recorded'
            : record.contacts.map((c, i) => [i > 0 ? ', ' : '', isolated(c.displayName), c.optedOut ? ' (opted out of texts)' : '', c.unreachable ? ' (number not working)' : '']),
        ),
      ),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', onclick: () => void printPage(session, `/api/dashboard/pupils/${record.pupil.id}/export.html`, 'The printable record') }, 'Print or save as PDF'),
        h('button', { type: 'button', onclick: () => void downloadCsv(session, record) }, 'Download CSV'),
      ),
    ),
    timelineSection(session, record, p.timezone),
    record.mayAnswerDataRequests ? dataRequests(session, record) : null,
  ];
  return { title: name, content, message: `Record of ${name} loaded: ${record.timeline.length} entries.` };
}
