import type { AreaGroup, DigestFigures, MisHealth, TargetCounts } from './figures';
import { AREA_GROUP_NAMES, CONFIDENCE_NAME, FIGURES, OVERDUE_BY_KEY_TEACHER_NAME, overdueByKey, TARGET_MEASURES, targetFigureKey, WAIT_NAMES, WORKLOAD_NAME, workloadKey, type FixedFigureKey } from './figureNames';
import { dayWords } from '../domain/dateWords';
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

/** A figure's number as a link to the list it counts on the dashboard (where the reader's role decides what they see). */
const linked = (ctx: DigestCardContext, key: string, text: string | number): string => `[${text}](${ctx.dashboardUrl}#/figures/${encodeURIComponent(key)})`;

function targetLine(ctx: DigestCardContext, group: AreaGroup | 'total', c: TargetCounts): string {
  return (Object.keys(TARGET_MEASURES) as (keyof TargetCounts)[]).map((m) => linked(ctx, targetFigureKey(group, m), `${c[m]} ${TARGET_MEASURES[m].toLowerCase()}`)).join(' · ');
}

function confidenceLine(f: DigestFigures, ctx: DigestCardContext): string {
  const { latestAverage, change, parentsRating } = f.confidence;
  if (latestAverage === null) return 'No ratings yet';
  const trend = change === null ? 'no earlier rating to compare' : change > 0 ? `up ${change} on half a term ago` : change < 0 ? `down ${-change} on half a term ago` : 'unchanged on half a term ago';
  return `${latestAverage.toFixed(2)} / 5 from ${linked(ctx, 'confidence.parentsRating', `${parentsRating} parent${parentsRating === 1 ? '' : 's'}`)} (${trend})`;
}

export function digestTitle(f: DigestFigures, ctx: DigestCardContext): string {
  return `Weekly digest for ${ctx.schoolName}: week of ${dayWords(f.week.from, { weekday: false, longMonth: true, year: true })}`;
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
  const n = (key: FixedFigureKey, value: number): [string, string] => [FIGURES[key].label, linked(ctx, key, value)];
  const body: CardBody = [
    ...heading(digestTitle(f, ctx), `${f.pupilsOnRegister} pupils on the SEN register. ${f.term.name ?? 'This school year'} so far. Each number opens its list on the dashboard.`),
    sectionTitle('Structured conversations'),
    facts([
      n('conversations.dueThisWeek', c.dueThisWeek),
      n('conversations.heldLastSevenDays', c.heldLastSevenDays),
      n('conversations.heldThisTerm', c.heldThisTerm),
      n('conversations.overdue', c.overdue),
      n('conversations.initialOutstanding', c.initialOutstanding),
    ]),
  ];
  if (c.overdueByKeyTeacher.length > 0) {
    body.push(paragraph(`${OVERDUE_BY_KEY_TEACHER_NAME}:`, { subtle: true }), facts(c.overdueByKeyTeacher.map((o) => [o.name, linked(ctx, overdueByKey(o.staffId), o.count)])));
  }
  body.push(
    sectionTitle('Targets this school year'),
    facts([
      [AREA_GROUP_NAMES.ENGLISH, targetLine(ctx, 'ENGLISH', f.targets.byArea.ENGLISH)],
      [AREA_GROUP_NAMES.MATHS, targetLine(ctx, 'MATHS', f.targets.byArea.MATHS)],
      [AREA_GROUP_NAMES.WIDER, targetLine(ctx, 'WIDER', f.targets.byArea.WIDER)],
    ]),
    sectionTitle('Parents'),
    facts([
      [FIGURES['parents.reachedLastHalfTerm'].label, `${linked(ctx, 'parents.reachedLastHalfTerm', p.reachedLastHalfTerm)} of ${linked(ctx, 'parents.contacts', p.contacts)}`],
      n('parents.neverReached', p.neverReached),
      n('parents.optedOut', p.optedOut),
      n('parents.numbersDead', p.numbersDead),
      n('parents.repliesWaiting', p.repliesWaiting.count),
      [WAIT_NAMES.oldest, formatWait(p.repliesWaiting.oldestMinutes)],
      [WAIT_NAMES.median, formatWait(p.repliesWaiting.medianMinutes)],
    ]),
    sectionTitle('Pupil voice and parental confidence'),
    facts([n('pupilVoice.withoutViewsThisTerm', f.pupilVoice.withoutViewsThisTerm), [CONFIDENCE_NAME, confidenceLine(f, ctx)]]),
    sectionTitle('Delivery problems since the last digest'),
    facts([n('delivery.failedSms', f.delivery.failedSms), n('delivery.failedTeams', f.delivery.failedTeams), n('delivery.failedJobs', f.delivery.failedJobs)]),
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
    sectionTitle(WORKLOAD_NAME),
    facts(f.workload.map((w) => [w.name, `${linked(ctx, workloadKey(w.staffId), `${w.pupils} pupil${w.pupils === 1 ? '' : 's'}`)}${w.overManageable ? ' (more than 5)' : ''}`])),
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
    `Parents: ${f.parents.reachedLastHalfTerm} of ${f.parents.contacts} reached in the last half term, ${f.parents.repliesWaiting.count} replies waiting.`,
    ...(f.misSync ? [`Register sync from the MIS: last good sync ${ago(f.misSync.daysSinceGoodSync)}, ${f.misSync.failedSinceGoodSync} failed since.`] : []),
    `Dashboard: ${ctx.dashboardUrl}`,
  ].join(' ');
}
