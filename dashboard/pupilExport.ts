import { dayWords, timeWords } from '../domain/dateWords';
import { csvFile } from './csvFile';
import { escapeHtml, isolated, printablePage } from './printablePage';
import type { PupilRecord, TimelineEntry } from './pupilRecord';
import { AREA, CONVERSATION_KIND, CONVERSATION_STATUS, GATHERED_BY, INVOLVEMENT, MESSAGE_STATUS, mediaLabel, NEED, SEN_STATUS, TARGET_STATUS, yearGroupLabel } from './words';

/**
 * A pupil's record for an annual review or a parent's request: printable HTML (the browser's
 * print gives the PDF) and CSV, one row per entry of the timeline. Pure: record in, text out.
 */
const when = (isoInstant: string | null, tz: string): string => (isoInstant ? timeWords(isoInstant, tz, { weekday: false, year: true }) : '');
const onDay = (isoDate: string | null): string => (isoDate ? dayWords(isoDate, { weekday: false, year: true }) : '');

interface Row {
  date: string;
  entry: string;
  /** A parent's name within the entry: isolated in HTML, as it may be written right to left. */
  name?: string;
  status: string;
  detail: string;
}

function reviewAndProgress(e: Extract<TimelineEntry, { kind: 'target' }>, tz: string): string[] {
  return [
    `Review by ${onDay(e.reviewBy)}${e.reviewedAt ? `, reviewed ${when(e.reviewedAt, tz)}` : ''}`,
    ...e.progress.map((p) => `Progress ${when(p.at, tz)}: ${TARGET_STATUS[p.status]}${p.note ? ` (${p.note})` : ''}`),
  ];
}

function rowOf(e: TimelineEntry, tz: string): Row {
  switch (e.kind) {
    case 'conversation':
      return {
        // Only a held or booked conversation has a time; one still to book has a due date.
        date: e.heldAt || e.scheduledAt ? when(e.heldAt ?? e.scheduledAt, tz) : onDay(e.dueBy),
        entry: CONVERSATION_KIND[e.conversationKind],
        status: CONVERSATION_STATUS[e.status],
        detail: [
          `Due by ${onDay(e.dueBy)}`,
          e.explore.strengths && `Strengths: ${e.explore.strengths}`,
          e.explore.barriers && `Barriers: ${e.explore.barriers}`,
          e.explore.aspirations && `Aspirations: ${e.explore.aspirations}`,
          e.focus && `Focus: ${e.focus}`,
          e.plan && `Plan: ${e.plan}`,
          e.review && `Review: ${e.review}`,
          e.pupilInvolvement && `Pupil: ${INVOLVEMENT[e.pupilInvolvement]}`,
          e.attendees.length > 0 && `Attendees: ${e.attendees.map((a) => (a.role ? `${a.name} (${a.role})` : a.name)).join(', ')}`,
        ]
          .filter(Boolean)
          .join('; '),
      };
    case 'pupilView':
      return {
        date: when(e.at, tz),
        entry: "Pupil's views",
        status: GATHERED_BY[e.gatheredBy],
        detail: [
          e.goodAt && `Good at: ${e.goodAt}`,
          e.findHard && `Finds hard: ${e.findHard}`,
          e.helpsMe && `Helps me: ${e.helpsMe}`,
          e.wantToGetBetterAt && `Wants to get better at: ${e.wantToGetBetterAt}`,
        ]
          .filter(Boolean)
          .join('; '),
      };
    case 'target':
      return {
        date: when(e.at, tz),
        entry: `Target: ${AREA[e.area]}`,
        status: TARGET_STATUS[e.status],
        detail: [
          e.description,
          e.successLooksLike && `Success looks like: ${e.successLooksLike}`,
          e.schoolActions && `School will: ${e.schoolActions}`,
          e.homeActions && `At home: ${e.homeActions}`,
          ...reviewAndProgress(e, tz),
        ]
          .filter(Boolean)
          .join('; '),
      };
    case 'message':
      return {
        date: when(e.at, tz),
        entry: e.direction === 'INBOUND' ? 'Text from' : 'Text to',
        name: e.contactName ?? 'a parent',
        status: MESSAGE_STATUS[e.status],
        detail: [e.body, ...e.media.map((x) => `(${mediaLabel(x)})`)].filter(Boolean).join(' '),
      };
    case 'confidence':
      return { date: when(e.at, tz), entry: 'Parental confidence', status: `${e.score} out of 5`, detail: `Rated by ${e.contactName}` };
  }
}

/** Formula-safe, with a byte-order mark for Excel (see csvFile). */
export function pupilRecordCsv(record: PupilRecord): string {
  const tz = record.pupil.timezone;
  const rows = record.timeline.map((e) => rowOf(e, tz));
  return csvFile([['Date', 'Entry', 'Status', 'Detail'], ...rows.map((r) => [r.date, r.name ? `${r.entry} ${r.name}` : r.entry, r.status, r.detail])]);
}

const cell = (text: string): string => `<td>${escapeHtml(text)}</td>`;
/** A teacher's or a parent's words: in their own direction (Urdu is right to left). */
const words = (text: string | null): string => (text ? `<p dir="auto">${escapeHtml(text)}</p>` : '<p class="note">Not recorded</p>');

/** One conversation, one section per stage of the structured conversation (explore, focus, plan, review). */
function conversationHtml(e: Extract<TimelineEntry, { kind: 'conversation' }>, tz: string): string {
  const row = rowOf(e, tz);
  const stage = (title: string, body: string) => `<section class="stage"><h4>${escapeHtml(title)}</h4>${body}</section>`;
  const explore = [
    ['Strengths', e.explore.strengths],
    ['Barriers', e.explore.barriers],
    ['Aspirations', e.explore.aspirations],
  ] as const;
  const held = e.status === 'HELD';
  return `<section class="conversation">
<h3>${escapeHtml(row.entry)}: ${escapeHtml(row.date)}</h3>
<p class="note">${escapeHtml(row.status)}${e.heldAt || e.scheduledAt ? `; due by ${escapeHtml(onDay(e.dueBy))}` : ''}</p>
${
  held
    ? [
        stage('Explore', explore.some(([, v]) => v) ? `<dl>${explore.filter(([, v]) => v).map(([k, v]) => `<dt>${k}</dt><dd dir="auto">${escapeHtml(v!)}</dd>`).join('')}</dl>` : words(null)),
        stage('Focus', words(e.focus)),
        stage('Plan', words(e.plan)),
        stage('Review', words(e.review)),
        `<p><strong>Who took part:</strong> ${e.attendees.length > 0 ? e.attendees.map((a) => `${isolated(a.name)}${a.role ? ` (${escapeHtml(a.role)})` : ''}`).join(', ') : 'not recorded'}${e.pupilInvolvement ? `. <strong>The pupil:</strong> ${escapeHtml(INVOLVEMENT[e.pupilInvolvement].toLowerCase())}` : ''}.</p>`,
      ].join('\n')
    : ''
}
</section>`;
}

function table(caption: string, head: string[], rows: string[]): string {
  return `<table>
<caption class="note">${escapeHtml(caption)}</caption>
<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/**
 * The printable record: the pupil's details, then one section per kind of entry (conversations
 * with a section per stage, targets, the pupil's views, texts, confidence), each newest first.
 */
export function pupilRecordHtml(record: PupilRecord, printedAt: Date): string {
  const { pupil } = record;
  const tz = pupil.timezone;
  const parents = record.contacts.length > 0 ? record.contacts.map((c) => isolated(c.displayName)).join(', ') : 'None recorded';
  const facts: [string, string][] = [
    ['School', pupil.schoolName],
    ['Year group', yearGroupLabel(pupil.yearGroup)],
    ['SEN status', SEN_STATUS[pupil.senStatus]],
    ['Primary need', pupil.primaryNeed ? NEED[pupil.primaryNeed] : 'Not recorded'],
    ...(pupil.secondaryNeed ? ([['Secondary need', NEED[pupil.secondaryNeed]]] as [string, string][]) : []),
    ['Key teacher', pupil.keyTeacher?.displayName ?? 'Not assigned'],
    ['On the register since', onDay(pupil.onRegisterSince)],
    ...(pupil.lookedAfter ? ([['Looked-after child', 'Yes']] as [string, string][]) : []),
  ];
  const of = <K extends TimelineEntry['kind']>(kind: K) => record.timeline.filter((e): e is Extract<TimelineEntry, { kind: K }> => e.kind === kind);
  const section = (title: string, entries: unknown[], body: () => string) => `<section>\n<h2>${escapeHtml(title)}</h2>\n${entries.length === 0 ? '<p class="note">None recorded.</p>' : body()}\n</section>`;
  return printablePage(
    `Record of ${pupil.firstName} ${pupil.lastName}`,
    `<h1>Record of ${isolated(`${pupil.firstName} ${pupil.lastName}`)}</h1>
<p class="note">Confidential: special category data. Printed ${escapeHtml(when(printedAt.toISOString(), tz))}. Each part is newest first.</p>
<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}<dt>Parents and carers</dt><dd>${parents}</dd></dl>
${section('Structured conversations', of('conversation'), () => of('conversation').map((e) => conversationHtml(e, tz)).join('\n'))}
${section('Targets', of('target'), () =>
  table(
    'Targets with their progress',
    ['Set', 'Area', 'Target', 'Status', 'Review and progress'],
    of('target').map((e) => {
      const agreed = [e.successLooksLike && `Success looks like: ${e.successLooksLike}`, e.schoolActions && `School will: ${e.schoolActions}`, e.homeActions && `At home: ${e.homeActions}`].filter(Boolean).join('; ');
      return `<tr>${cell(when(e.at, tz))}${cell(AREA[e.area])}<td dir="auto">${escapeHtml(e.description)}${agreed ? `<br><span class="note">${escapeHtml(agreed)}</span>` : ''}</td>${cell(TARGET_STATUS[e.status])}<td dir="auto">${escapeHtml(reviewAndProgress(e, tz).join('; '))}</td></tr>`;
    }),
  ),
)}
${section("The pupil's views", of('pupilView'), () => table("The pupil's own views", ['Gathered', 'How', 'What they said'], of('pupilView').map((e) => { const r = rowOf(e, tz); return `<tr>${cell(r.date)}${cell(r.status)}<td dir="auto">${escapeHtml(r.detail)}</td></tr>`; })))}
${section('Texts to and from parents', of('message'), () => table('Every text, with the words', ['Date', 'Entry', 'Status', 'Text'], of('message').map((e) => { const r = rowOf(e, tz); return `<tr>${cell(r.date)}<td>${escapeHtml(r.entry)}${r.name ? ` ${isolated(r.name)}` : ''}</td>${cell(r.status)}<td dir="auto">${escapeHtml(r.detail)}</td></tr>`; })))}
${section('Parental confidence', of('confidence'), () => table('Ratings from 1 (not at all) to 5 (very confident)', ['Date', 'Rated by', 'Rating'], of('confidence').map((e) => `<tr>${cell(when(e.at, tz))}<td>${isolated(e.contactName)}</td>${cell(`${e.score} out of 5`)}</tr>`)))}`,
  );
}
