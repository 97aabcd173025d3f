import { csvFile } from '../dashboard/csvFile';
import { escapeHtml, isolated, printablePage } from '../dashboard/printablePage';
import type { Cells, EvaluationReport, PeriodInfo, SchoolColumn, ShownCell } from './report';
import { SMALL_NUMBER, SUPPRESSED_TEXT } from './suppression';

/**
 * The termly evaluation as a page to print or save as PDF (self-contained, served under the
 * printable page policy) and as a CSV (through the one CSV writer). Both are drawn from the same
 * report, so they never differ; a school's name is isolated (it may be written right to left).
 */
const day = (iso: string): string => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dates = (p: PeriodInfo): string => `${day(p.from)} to ${day(p.to)}${p.complete ? '' : ' (so far)'}`;
const termName = (p: PeriodInfo | null): string => (p ? (p.name ?? 'Term') : 'No term entered');
const baselineWhy = (s: SchoolColumn): string =>
  s.baseline ? (s.baseline.chosenBy === 'organisation' ? 'the date the organisation set' : 'the first term the school used the product') : 'none yet';

const FIGURES_PER_TABLE = 6;
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

const STYLE = `
  .was { display: block; color: #616161; font-size: .8125rem; }
  .suppressed { color: #616161; font-style: italic; }
  td.number, th.number { text-align: right; }
  tfoot th, tfoot td { font-weight: 600; background: #fafafa; }
  caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
  dl.definitions { display: block; }
  dl.definitions dt { margin-top: .5rem; }
  .flag { font-weight: 600; }
  @media print { @page { size: A4 landscape; margin: 12mm; } h2 { break-after: avoid; } table { break-inside: auto; } }`;

function cell(c: ShownCell | undefined): string {
  if (!c) return '<span class="suppressed">not counted</span>';
  return c.suppressed ? `<span class="suppressed">${escapeHtml(SUPPRESSED_TEXT)}</span>` : escapeHtml(c.text);
}

function nowAndThen(now: Cells, before: Cells | null, key: string): string {
  const then = before ? `<span class="was">baseline: ${cell(before[key])}</span>` : '';
  return `${cell(now[key])}${then}`;
}

function termsTable(r: EvaluationReport): string {
  const rows = r.schools
    .map(
      (s) =>
        `<tr><th scope="row">${isolated(s.name)}</th><td>${escapeHtml(termName(s.term))}</td><td>${s.term ? escapeHtml(dates(s.term)) : ''}</td><td>${escapeHtml(s.baseline ? termName(s.baseline) : 'None yet')}</td><td>${s.baseline ? escapeHtml(dates(s.baseline)) : ''}</td><td>${escapeHtml(baselineWhy(s))}</td></tr>`,
    )
    .join('\n');
  return `<table>
<caption>Terms compared</caption>
<thead><tr><th scope="col">School</th><th scope="col">Term reported</th><th scope="col">Dates</th><th scope="col">Baseline term</th><th scope="col">Dates</th><th scope="col">Baseline chosen by</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/** An organisation's report: a row per school and the total, a column per figure. */
function sideBySide(r: EvaluationReport, section: EvaluationReport['sections'][number]): string {
  return chunks(section.figures, FIGURES_PER_TABLE)
    .map((figures, i, all) => {
      const head = figures.map((f) => `<th scope="col" class="number">${escapeHtml(f.label)}</th>`).join('');
      const rows = r.schools
        .map((s) => `<tr><th scope="row">${isolated(s.name)}</th>${figures.map((f) => `<td class="number">${nowAndThen(s.now, s.baselineCells, f.key)}</td>`).join('')}</tr>`)
        .join('\n');
      const t = r.total;
      const total = t ? `<tfoot><tr><th scope="row">All schools</th>${figures.map((f) => `<td class="number">${nowAndThen(t.now, t.baselineCells, f.key)}</td>`).join('')}</tr></tfoot>` : '';
      return `<table>
<caption>${escapeHtml(section.title)}${all.length > 1 ? ` (${i + 1} of ${all.length})` : ''}</caption>
<thead><tr><th scope="col">School</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
${total}
</table>`;
    })
    .join('\n');
}

/** One school's report: a row per figure, this term beside the baseline. */
function oneSchool(s: SchoolColumn, section: EvaluationReport['sections'][number]): string {
  const rows = section.figures
    .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td class="number">${cell(s.now[f.key])}</td><td class="number">${s.baselineCells ? cell(s.baselineCells[f.key]) : 'no baseline'}</td></tr>`)
    .join('\n');
  return `<table>
<caption>${escapeHtml(section.title)}</caption>
<thead><tr><th scope="col">Figure</th><th scope="col" class="number">${escapeHtml(termName(s.term))}</th><th scope="col" class="number">Baseline${s.baseline ? `: ${escapeHtml(termName(s.baseline))}` : ''}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function caseloadTable(s: SchoolColumn): string {
  if (!s.caseloads?.length) return '';
  const rows = s.caseloads.map((k) => `<tr><th scope="row">${isolated(k.name)}</th><td class="number">${k.pupils}</td><td>${k.overManageable ? '<span class="flag">More than 5</span>' : ''}</td></tr>`).join('\n');
  return `<table>
<caption>Pupils per key teacher at the end of the term (this school's own report only)</caption>
<thead><tr><th scope="col">Key teacher</th><th scope="col" class="number">Pupils</th><th scope="col">Flag</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

export function reportHtml(r: EvaluationReport): string {
  const single = r.subject.kind === 'school' && r.schools.length === 1 ? r.schools[0]! : undefined;
  const suppression = r.smallNumbersSuppressed
    ? `<p class="note">Small numbers are suppressed, as in published statistics: a figure about fewer than ${SMALL_NUMBER} pupils or parents (none included) shows "${SUPPRESSED_TEXT}", and so does any total or figure that would let one be worked out. No child is named.</p>`
    : `<p class="note">The school's own figures, exactly. When they leave the school (the trust's or local authority's copy) small numbers are suppressed.</p>`;
  const sections = r.sections.map((s) => `<h2>${escapeHtml(s.title)}</h2>\n${single ? oneSchool(single, s) : sideBySide(r, s)}`).join('\n');
  const definitions = r.sections
    .flatMap((s) => s.figures)
    .map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.definition)}</dd>`)
    .join('\n');
  const body = `<h1>${escapeHtml(r.title)}</h1>
<p>Counted on ${escapeHtml(day(r.asOf.slice(0, 10)))}. Each school's term is compared with its baseline term; a term still going is counted so far.</p>
${suppression}
${termsTable(r)}
${sections}
${single ? caseloadTable(single) : ''}
<h2>How each figure is counted</h2>
<dl class="definitions">
${definitions}
</dl>
<h2>Not counted yet</h2>
<ul>
${r.notYetCounted.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}
</ul>`;
  return printablePage(r.title, body, STYLE);
}

/** One row per school (and the total) and figure: this term and the baseline side by side. */
export function reportCsv(r: EvaluationReport): string {
  const header = ['School', 'Section', 'Figure', 'Term', 'Term from', 'Term to', 'This term', 'Baseline term', 'Baseline from', 'Baseline to', 'At baseline', 'How it is counted'];
  const text = (c: ShownCell | undefined): string => (c ? c.text : '');
  const rows: string[][] = [header];
  const columns: { name: string; term: PeriodInfo | null; baseline: PeriodInfo | null; now: Cells; before: Cells | null }[] = [
    ...r.schools.map((s) => ({ name: s.name, term: s.term, baseline: s.baseline, now: s.now, before: s.baselineCells })),
    ...(r.total ? [{ name: 'All schools', term: null, baseline: null, now: r.total.now, before: r.total.baselineCells }] : []),
  ];
  for (const c of columns) {
    for (const s of r.sections) {
      for (const f of s.figures) {
        rows.push([
          c.name,
          s.title,
          f.label,
          c.term ? termName(c.term) : c.name === 'All schools' ? "Each school's term" : '',
          c.term?.from ?? '',
          c.term?.to ?? '',
          text(c.now[f.key]),
          c.baseline ? termName(c.baseline) : c.name === 'All schools' ? "Each school's baseline" : '',
          c.baseline?.from ?? '',
          c.baseline?.to ?? '',
          c.before ? text(c.before[f.key]) : '',
          f.definition,
        ]);
      }
    }
  }
  return csvFile(rows);
}
