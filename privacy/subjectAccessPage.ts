import { escapeHtml, isolated, printablePage } from '../dashboard/printablePage';
import { dayWords, timeWords } from '../domain/dateWords';
import { AREA, CONVERSATION_KIND, CONVERSATION_STATUS, GATHERED_BY, INVOLVEMENT, MESSAGE_STATUS, NEED, SEN_STATUS, TARGET_STATUS } from '../dashboard/words';
import type { contactSubjectAccess, pupilSubjectAccess } from './subjectAccess';

/**
 * The subject access answer as a page a parent can read (UK GDPR article 15: "concise,
 * intelligible"): the same data as the JSON export, one section per part, tables for lists.
 * Drawn from the export itself, so the two can never hold different things. Pure: data in, HTML out.
 */
export type SubjectAccess = Awaited<ReturnType<typeof pupilSubjectAccess>> | Awaited<ReturnType<typeof contactSubjectAccess>>;

/** The school's words for its fixed values; others are written out ("FOSTER_CARER" is "Foster carer"). */
const WORDS: Record<string, string> = { ...AREA, ...TARGET_STATUS, ...CONVERSATION_KIND, ...CONVERSATION_STATUS, ...GATHERED_BY, ...INVOLVEMENT, ...MESSAGE_STATUS, ...NEED, ...SEN_STATUS };
const ACRONYMS = new Set(['sen', 'sms', 'mis', 'ehc', 'id', 'url']);

function label(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ').map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FIXED_VALUE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{4,}$/;

function valueText(v: string | number | boolean, zone: string): string {
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return String(v);
  // Dates in the words of every other page the school prints (domain/dateWords.ts).
  if (INSTANT.test(v)) return timeWords(v, zone, { weekday: false, year: true });
  if (DAY.test(v)) return dayWords(v, { weekday: false, year: true });
  if (WORDS[v]) return WORDS[v];
  if (FIXED_VALUE.test(v)) return label(v.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
  return v;
}

type Scalar = string | number | boolean | null | undefined;
const isScalar = (v: unknown): v is Scalar => v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v);
const isFlat = (v: unknown): v is Record<string, Scalar> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isScalar);

function render(v: unknown, zone: string): string {
  if (v === null || v === undefined || v === '') return '<span class="note">none</span>';
  if (isScalar(v)) return `<span dir="auto">${escapeHtml(valueText(v, zone))}</span>`;
  if (Array.isArray(v)) {
    if (v.length === 0) return '<p class="note">None held.</p>';
    if (v.every(isFlat)) {
      const columns = [...new Set(v.flatMap((row) => Object.keys(row)))];
      return `<table><thead><tr>${columns.map((c) => `<th scope="col">${escapeHtml(label(c))}</th>`).join('')}</tr></thead><tbody>
${v.map((row) => `<tr>${columns.map((c) => `<td>${render(row[c], zone)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
    }
    return `<ol>${v.map((item) => `<li>${render(item, zone)}</li>`).join('')}</ol>`;
  }
  return `<dl>${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `<dt>${escapeHtml(label(k))}</dt><dd>${render(x, zone)}</dd>`)
    .join('')}</dl>`;
}

/** Times are shown in the school's time zone. */
export function subjectAccessHtml(data: SubjectAccess, zone: string): string {
  const { subject, school, generatedAt, ...sections } = data;
  const name = 'pupil' in data ? `${data.pupil.firstName} ${data.pupil.lastName}` : data.contact.name;
  const about = subject.kind === 'pupil' ? 'a pupil' : 'a parent or carer';
  return printablePage(
    `Information ${school} holds about ${name}`,
    `<h1>Information ${escapeHtml(school)} holds about ${isolated(name)}</h1>
<p class="note">The school's answer to a subject access request about ${about} (UK GDPR, article 15), prepared ${escapeHtml(valueText(generatedAt, zone))}. Times are school time. Confidential. The same information, for a computer, is in the JSON export.</p>
${Object.entries(sections)
  .map(([key, value]) => `<section><h2>${escapeHtml(label(key))}</h2>${render(value, zone)}</section>`)
  .join('\n')}`,
  );
}
