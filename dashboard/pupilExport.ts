import { DateTime } from 'luxon';
import { csvFile } from './csvFile';
import { escapeHtml, isolated, printablePage } from './printablePage';
import type { PupilRecord, TimelineEntry } from './pupilRecord';
import { AREA, CONVERSATION_KIND, CONVERSATION_STATUS, GATHERED_BY, INVOLVEMENT, MESSAGE_STATUS, mediaLabel, NEED, SEN_STATUS, TARGET_STATUS, yearGroupLabel } from './words';

/**
 * A pupil's record for an annual review or a parent's request: printable HTML (the browser's
 * print gives the PDF) and CSV, one row per entry of the timeline. Pure: record in, text out.
 */
const when = (isoInstant: string | null, tz: string): string => (isoInstant ? DateTime.fromISO(isoInstant, { zone: tz }).toFormat('d LLL yyyy, HH:mm') : '');
const onDay = (isoDate: string | null): string => (isoDate ? DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('d LLL yyyy') : '');

interface Row {
  date: string;
  entry: string;
  /** A parent's name within the entry: isolated in HTML, as it may be written right to left. */
  name?: string;
  status: string;
  detail: string;
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
          `Review by ${onDay(e.reviewBy)}${e.reviewedAt ? `, reviewed ${when(e.reviewedAt, tz)}` : ''}`,
          ...e.progress.map((p) => `Progress ${when(p.at, tz)}: ${TARGET_STATUS[p.status]}${p.note ? ` (${p.note})` : ''}`),
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
  const rows = record.timeline.map((e) => rowOf(e, tz));
  return printablePage(
    `Record of ${pupil.firstName} ${pupil.lastName}`,
    `<h1>Record of ${isolated(`${pupil.firstName} ${pupil.lastName}`)}</h1>
<p class="note">Confidential: special category data. Printed ${escapeHtml(when(printedAt.toISOString(), tz))}.</p>
<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}<dt>Parents and carers</dt><dd>${parents}</dd></dl>
<table>
<caption class="note">Conversations, pupil's views, targets with progress, texts to and from parents, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Entry</th><th scope="col">Status</th><th scope="col">Detail</th></tr></thead>
<tbody>
${rows.map((r) => `<tr><td>${escapeHtml(r.date)}</td><td>${escapeHtml(r.entry)}${r.name ? ` ${isolated(r.name)}` : ''}</td><td>${escapeHtml(r.status)}</td><td dir="auto">${escapeHtml(r.detail)}</td></tr>`).join('\n')}
</tbody>
</table>`,
  );
}
