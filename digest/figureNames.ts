import type { AreaGroup, DigestFigures, TargetCounts } from './figures';

/**
 * One name per figure, the same on the dashboard's overview, the key teachers view, the digest
 * card and its text, and the list each figure opens; and what each counts (README "How each
 * figure is counted"). Keys are those of `computeFigureLists` (digest/figures.ts).
 */
export type FigureCounts = 'pupils' | 'conversations' | 'targets' | 'parents' | 'messages' | 'tasks';

interface FigureName {
  label: string;
  counts: FigureCounts;
  /** The name on its own, as the heading of its list, where the label leans on its section ("Overdue" under conversations). */
  title?: string;
}

export const TARGET_MEASURES: Record<keyof TargetCounts, string> = { set: 'Set', reviewedOnTime: 'Reviewed on time', achieved: 'Achieved', offTrack: 'Off track' };
export const AREA_GROUP_NAMES: Record<AreaGroup | 'total', string> = { ENGLISH: 'English', MATHS: 'Maths', WIDER: 'Wider outcomes', total: 'All areas' };

export const FIGURES = {
  pupilsOnRegister: { label: 'Pupils on the SEN register', counts: 'pupils' },
  'conversations.dueThisWeek': { label: 'Due this week', counts: 'conversations', title: 'Conversations due this week' },
  'conversations.heldLastSevenDays': { label: 'Held in the last 7 days', counts: 'conversations', title: 'Conversations held in the last 7 days' },
  'conversations.heldThisTerm': { label: 'Held this term', counts: 'conversations', title: 'Conversations held this term' },
  'conversations.overdue': { label: 'Overdue', counts: 'conversations', title: 'Overdue conversations' },
  'conversations.initialOutstanding': { label: 'Initial conversations outstanding', counts: 'pupils' },
  'parents.contacts': { label: 'Parents and carers', counts: 'parents' },
  'parents.reachedLastHalfTerm': { label: 'Reached in the last half term', counts: 'parents', title: 'Parents reached in the last half term' },
  'parents.neverReached': { label: 'Never reached (hard to reach)', counts: 'parents', title: 'Parents never reached (hard to reach)' },
  'parents.optedOut': { label: 'Opted out of texts', counts: 'parents', title: 'Parents who opted out of texts' },
  'parents.numbersDead': { label: 'Numbers not working', counts: 'parents', title: "Parents whose numbers are not working" },
  'parents.repliesWaiting': { label: 'Replies waiting for an answer', counts: 'messages' },
  'pupilVoice.withoutViewsThisTerm': { label: 'Pupils with no views recorded this term', counts: 'pupils' },
  'confidence.parentsRating': { label: 'Parents who gave a confidence rating', counts: 'parents' },
  'delivery.failedSms': { label: 'Texts to parents not delivered', counts: 'messages' },
  'delivery.failedTeams': { label: 'Teams messages not delivered', counts: 'messages' },
  'delivery.failedJobs': { label: 'Scheduled tasks that failed', counts: 'tasks' },
} as const satisfies Record<string, FigureName>;

export type FixedFigureKey = keyof typeof FIGURES;

/** Not counts, shown next to the counts they come from. */
export const WAIT_NAMES = { oldest: 'Longest wait', median: 'Typical (median) wait' } as const;
export const CONFIDENCE_NAME = 'Parental confidence';
export const WORKLOAD_NAME = 'Pupils per key teacher';
export const OVERDUE_BY_KEY_TEACHER_NAME = 'Overdue, by key teacher';

export const targetFigureKey = (group: AreaGroup | 'total', measure: keyof TargetCounts): string => `targets.${group}.${measure}`;
export const overdueByKey = (staffId: string | null): string => `conversations.overdue.by.${staffId ?? 'none'}`;
export const workloadKey = (staffId: string | null): string => `workload.${staffId ?? 'none'}`;

const TARGET_KEY = /^targets\.(ENGLISH|MATHS|WIDER|total)\.(set|reviewedOnTime|achieved|offTrack)$/;
const OVERDUE_BY_KEY = /^conversations\.overdue\.by\.([0-9a-f-]{36}|none)$/;
const WORKLOAD_KEY = /^workload\.([0-9a-f-]{36}|none)$/;

/** The name and kind of any figure key, the per-teacher and per-area ones included; undefined for a key that is no figure. */
export function figureName(key: string, staffName?: (staffId: string | null) => string): FigureName | undefined {
  if (Object.hasOwn(FIGURES, key)) return FIGURES[key as FixedFigureKey];
  const target = TARGET_KEY.exec(key);
  if (target) return { label: `Targets this school year, ${AREA_GROUP_NAMES[target[1] as AreaGroup | 'total']}: ${TARGET_MEASURES[target[2] as keyof TargetCounts].toLowerCase()}`, counts: 'targets' };
  const by = OVERDUE_BY_KEY.exec(key);
  const who = (id: string) => staffName?.(id === 'none' ? null : id) ?? (id === 'none' ? 'No key teacher' : 'a key teacher');
  if (by) return { label: `Overdue conversations: ${who(by[1]!)}`, counts: 'conversations' };
  const workload = WORKLOAD_KEY.exec(key);
  if (workload) return { label: `Pupils of ${who(workload[1]!)}`, counts: 'pupils' };
  return undefined;
}

/** The number the figures show for a key: what the list behind it must add up to. */
export function figureCount(f: DigestFigures, key: string): number | undefined {
  const fixed: Record<FixedFigureKey, number> = {
    pupilsOnRegister: f.pupilsOnRegister,
    'conversations.dueThisWeek': f.conversations.dueThisWeek,
    'conversations.heldLastSevenDays': f.conversations.heldLastSevenDays,
    'conversations.heldThisTerm': f.conversations.heldThisTerm,
    'conversations.overdue': f.conversations.overdue,
    'conversations.initialOutstanding': f.conversations.initialOutstanding,
    'parents.contacts': f.parents.contacts,
    'parents.reachedLastHalfTerm': f.parents.reachedLastHalfTerm,
    'parents.neverReached': f.parents.neverReached,
    'parents.optedOut': f.parents.optedOut,
    'parents.numbersDead': f.parents.numbersDead,
    'parents.repliesWaiting': f.parents.repliesWaiting.count,
    'pupilVoice.withoutViewsThisTerm': f.pupilVoice.withoutViewsThisTerm,
    'confidence.parentsRating': f.confidence.parentsRating,
    'delivery.failedSms': f.delivery.failedSms,
    'delivery.failedTeams': f.delivery.failedTeams,
    'delivery.failedJobs': f.delivery.failedJobs,
  };
  if (Object.hasOwn(fixed, key)) return fixed[key as FixedFigureKey];
  const target = TARGET_KEY.exec(key);
  if (target) {
    const counts = target[1] === 'total' ? f.targets.total : f.targets.byArea[target[1] as AreaGroup];
    return counts[target[2] as keyof TargetCounts];
  }
  const by = OVERDUE_BY_KEY.exec(key);
  if (by) return f.conversations.overdueByKeyTeacher.find((o) => (o.staffId ?? 'none') === by[1])?.count ?? 0;
  const workload = WORKLOAD_KEY.exec(key);
  if (workload) return f.workload.find((w) => (w.staffId ?? 'none') === workload[1])?.pupils ?? 0;
  return undefined;
}

/** Every figure key the figures show, the per-teacher and per-area ones included (for the dashboard's links and the tests). */
export function figureKeysOf(f: DigestFigures): string[] {
  return [
    ...(Object.keys(FIGURES) as FixedFigureKey[]),
    ...(['ENGLISH', 'MATHS', 'WIDER', 'total'] as const).flatMap((g) => (Object.keys(TARGET_MEASURES) as (keyof TargetCounts)[]).map((m) => targetFigureKey(g, m))),
    ...f.conversations.overdueByKeyTeacher.map((o) => overdueByKey(o.staffId)),
    ...f.workload.map((w) => workloadKey(w.staffId)),
  ];
}
