import { DateTime } from 'luxon';
import type { DigestFigures, MisHealth, TargetCounts } from './figures';
import { formatWait } from './wording';
import { adaptiveCard, facts as factPairs, heading, openUrl, paragraph, sectionTitle, type AdaptiveCard, type CardBody } from '../cards/adaptive';

/**
 * The weekly digest for school leads as an Adaptive Card (1.5, as Teams renders it), and the same
 * figures as plain text for the notification preview. Counts only: no child's name or need.
 */
export interface DigestCardContext {
  schoolName: string;
  timezone: string;
  /** `${publicBaseUrl}/dashboard/` */
  dashboardUrl: string;
  /** `${publicBaseUrl}/api/schools/<id>/mis`: where an admin sees how the MIS link stands. */
  misUrl: string;
}

const facts = (pairs: [string, string | number][]) => factPairs(pairs.map(([t, v]) => [t, String(v)]));

const targetLine = (c: TargetCounts): string => `${c.set} set · ${c.reviewedOnTime} reviewed on time · ${c.achieved} achieved · ${c.offTrack} off track`;

function confidenceLine(f: DigestFigures): string {
  const { latestAverage, change, parentsRating } = f.confidence;
  if (latestAverage === null) return 'No ratings yet';
  const trend = change === null ? 'no earlier rating to compare' : change > 0 ? `up ${change} on half a term ago` : change < 0 ? `down ${-change} on half a term ago` : 'unchanged on half a term ago';
  return `${latestAverage.toFixed(2)} / 5 from ${parentsRating} parent${parentsRating === 1 ? '' : 's'} (${trend})`;
}

export function digestTitle(f: DigestFigures, ctx: DigestCardContext): string {
  const monday = DateTime.fromISO(f.week.from, { zone: ctx.timezone }).toFormat('d LLLL yyyy');
  return `Weekly digest for ${ctx.schoolName}: week of ${monday}`;
}

const ago = (days: number | null): string => (days === null ? 'never' : days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`);

/** What to do about the register sync, for the admins (who can fix it) and the leads (who can ask them). */
export function misAdvice(m: MisHealth, ctx: DigestCardContext): string {
  switch (m.problem) {
    case 'revoked':
      return "Wonde refused the school's access, so the register, contacts and evidence are not kept up to date from the MIS. An admin approves the app in Wonde again and connects the MIS here with the new token.";
    case 'failed':
      return `The last sync from the MIS failed. An admin sees why, and what it could not import, at ${ctx.misUrl}, and can ask for a sync now (POST ${ctx.misUrl}/sync); the next night carries on where it stopped.`;
    case 'stale':
      return `No sync from the MIS has finished for ${MIS_DAYS_WORDS(m.daysSinceGoodSync)}. An admin checks how the link stands at ${ctx.misUrl} (a sync may be waiting on Wonde) and can ask for one now.`;
  }
}
const MIS_DAYS_WORDS = (days: number | null): string => (days === null ? 'three days or more since the MIS was connected' : `${days} days`);

export function buildDigestCard(f: DigestFigures, ctx: DigestCardContext): AdaptiveCard {
  const c = f.conversations;
  const p = f.parents;
  const body: CardBody = [
    ...heading(digestTitle(f, ctx), `${f.pupilsOnRegister} pupils on the SEN register. ${f.term.name ?? 'This school year'} so far.`),
    sectionTitle('Structured conversations'),
    facts([
      ['Due this week', c.dueThisWeek],
      ['Held in the last 7 days', c.heldLastSevenDays],
      ['Held this term', c.heldThisTerm],
      ['Overdue', c.overdue],
      ['Initial conversations outstanding', c.initialOutstanding],
    ]),
  ];
  if (c.overdueByKeyTeacher.length > 0) {
    body.push(paragraph('Overdue, by key teacher:', { subtle: true }), facts(c.overdueByKeyTeacher.map((o) => [o.name, o.count])));
  }
  body.push(
    sectionTitle('Targets this school year'),
    facts([
      ['English', targetLine(f.targets.byArea.ENGLISH)],
      ['Maths', targetLine(f.targets.byArea.MATHS)],
      ['Wider outcomes', targetLine(f.targets.byArea.WIDER)],
    ]),
    sectionTitle('Parents'),
    facts([
      ['Reached in the last half term', `${p.reachedLastHalfTerm} of ${p.contacts}`],
      ['Never reached (hard to reach)', p.neverReached],
      ['Opted out of texts', p.optedOut],
      ['Numbers not working', p.numbersDead],
      ['Replies waiting for an answer', p.repliesWaiting.count],
      ['Longest wait', formatWait(p.repliesWaiting.oldestMinutes)],
      ['Typical (median) wait', formatWait(p.repliesWaiting.medianMinutes)],
    ]),
    sectionTitle('Pupil voice and parental confidence'),
    facts([
      ['Pupils with no views recorded this term', f.pupilVoice.withoutViewsThisTerm],
      ['Parental confidence', confidenceLine(f)],
    ]),
    sectionTitle('Delivery problems since the last digest'),
    facts([
      ['Texts to parents not delivered', f.delivery.failedSms],
      ['Teams messages not delivered', f.delivery.failedTeams],
      ['Scheduled tasks that failed', f.delivery.failedJobs],
    ]),
    ...(f.misSync
      ? [
          sectionTitle('Register sync from the MIS (Wonde)'),
          facts([
            ['Last good sync', ago(f.misSync.daysSinceGoodSync)],
            ['Syncs failed since', f.misSync.failedSinceGoodSync],
            ['Access', f.misSync.problem === 'revoked' ? 'refused by Wonde' : 'granted'],
          ]),
          paragraph(misAdvice(f.misSync, ctx), { color: 'Attention' }),
        ]
      : []),
    sectionTitle('Pupils per key teacher'),
    facts(f.workload.map((w) => [w.name, `${w.pupils} pupil${w.pupils === 1 ? '' : 's'}${w.overManageable ? ' (more than 5)' : ''}`])),
  );
  if (f.workload.some((w) => w.overManageable)) {
    body.push(paragraph('Schools in the programme found five pupils per key teacher manageable.', { color: 'Attention' }));
  }
  return adaptiveCard(body, [openUrl('Open the dashboard', ctx.dashboardUrl)], { fallbackText: digestText(f, ctx) });
}

/** The notification preview and the text fallback. */
export function digestText(f: DigestFigures, ctx: DigestCardContext): string {
  const c = f.conversations;
  return [
    `${digestTitle(f, ctx)}.`,
    `Conversations: ${c.dueThisWeek} due this week, ${c.heldLastSevenDays} held in the last 7 days, ${c.overdue} overdue, ${c.initialOutstanding} initial outstanding.`,
    `Parents: ${f.parents.reachedLastHalfTerm} of ${f.parents.contacts} reached this half term, ${f.parents.repliesWaiting.count} replies waiting.`,
    ...(f.misSync ? [`Register sync from the MIS: last good sync ${ago(f.misSync.daysSinceGoodSync)}, ${f.misSync.failedSinceGoodSync} failed since.`] : []),
    `Dashboard: ${ctx.dashboardUrl}`,
  ].join(' ');
}
