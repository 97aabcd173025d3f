import { adaptiveCard, facts, heading, openUrl, paragraph, type AdaptiveCard } from '../cards/adaptive';
import type { Cells, EvaluationReport } from './report';

/**
 * The Teams card that tells a school's leads, or a trust's or local authority's members, that the
 * termly evaluation is ready: a few headline figures (suppressed exactly as the report is, since
 * they are the report's own cells) and a button to the report in the dashboard. Counts only.
 */
const HEADLINES: [key: string, label: string][] = [
  ['cohort.onRegister', 'Pupils on the SEN register'],
  ['conversations.held', 'Structured conversations held'],
  ['conversations.parentsAttended', 'Held with a parent or carer'],
  ['parents.reached', 'Parents reached this term'],
  ['parents.confidence', 'Parental confidence (1-5)'],
  ['pupilVoice.viewsGathered', "Pupils whose views were gathered"],
  ['targets.achieved', 'Targets achieved'],
];

function headline(now: Cells, before: Cells | null, key: string): string {
  const n = now[key]?.text ?? 'not counted';
  const b = before?.[key]?.text;
  return b ? `${n} (baseline ${b})` : n;
}

export function reportCardTitle(r: EvaluationReport): string {
  return `${r.title} is ready`;
}

export function buildReportCard(r: EvaluationReport, reportUrl: string): AdaptiveCard {
  const single = r.subject.kind === 'school' ? r.schools[0] : undefined;
  const now = single ? single.now : (r.total?.now ?? {});
  const before = single ? single.baselineCells : (r.total?.baselineCells ?? null);
  const subtitle = single
    ? single.term
      ? `${single.term.name ?? 'The term'}, against ${single.baseline ? (single.baseline.name ?? 'the baseline term') : 'no baseline yet'}.`
      : 'No term entered yet.'
    : `${r.schools.length} schools, each over its own term, against its baseline term.`;
  return adaptiveCard(
    [
      ...heading(reportCardTitle(r), subtitle),
      facts(HEADLINES.map(([key, label]) => [label, headline(now, before, key)])),
      ...(r.smallNumbersSuppressed ? [paragraph('Small numbers are suppressed: a figure about fewer than five pupils or parents shows "fewer than 5".', { subtle: true })] : []),
    ],
    [openUrl('Open the report', reportUrl)],
    { fallbackText: reportCardText(r, reportUrl) },
  );
}

export function reportCardText(r: EvaluationReport, reportUrl: string): string {
  return `${reportCardTitle(r)}. Open it in the dashboard: ${reportUrl}`;
}
