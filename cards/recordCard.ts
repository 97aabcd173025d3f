import { z } from 'zod';
import type { ConversationKind, PupilInvolvement, RecordState, TargetArea, TargetHorizon } from '../generated/prisma/enums';
import { AREA_WORDS, HORIZON_WORDS, INVOLVEMENT_WORDS } from '../domain/words';
import {
  recordInputSchema,
  type Attendee,
  type RecordInput,
  type RecordProblem,
} from '../domain/record';
import {
  adaptiveCard,
  banner,
  choiceInput,
  choicesOf,
  container,
  dayLabel,
  execute,
  facts,
  fieldError,
  heading,
  openUrl,
  paragraph,
  sectionTitle,
  textInput,
  type AdaptiveCard,
  type CardBody,
} from './adaptive';

/** The structured conversation record as a card: explore, focus, plan (targets), review, who took part. */
export interface RecordCardData {
  conversation: {
    id: string;
    kind: ConversationKind;
    version: number;
    recordState: RecordState;
    dueBy: Date;
    heldAt: Date | null;
    exploreStrengths: string | null;
    exploreBarriers: string | null;
    exploreAspirations: string | null;
    focusNotes: string | null;
    planNotes: string | null;
    reviewNotes: string | null;
    attendees: Attendee[];
    pupilInvolvement: PupilInvolvement | null;
    pupilInvolvementNote: string | null;
  };
  pupil: { id: string; firstName: string; lastName: string };
  targets: TargetSlot[];
  /** Suggested review date for a new target (school-local YYYY-MM-DD). */
  defaultReviewBy: string;
  recordUrl: string;
}

export interface TargetSlot {
  id?: string;
  area?: TargetArea;
  horizon?: TargetHorizon;
  description?: string | null;
  successLooksLike?: string | null;
  schoolActions?: string | null;
  homeActions?: string | null;
  reviewBy?: string;
}

export const RECORD_SAVE = 'record.save';
export const RECORD_OPEN = 'record.open';
export const RECORD_REFRESH = 'record.refresh';
/** One more empty target on the form, keeping what was typed (nothing is saved). */
export const RECORD_ADD_TARGET = 'record.addTarget';

const MAX_TARGET_SLOTS = 6;

const KIND_WORDS: Record<ConversationKind, string> = { INITIAL: 'Initial conversation', REVIEW: 'Review conversation', ADDITIONAL: 'Conversation' };

const capital = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

function title(d: RecordCardData): string {
  return `${KIND_WORDS[d.conversation.kind]} with ${d.pupil.firstName} ${d.pupil.lastName}'s parents`;
}

/** Problems keyed by input id, so each shows under its own field. */
function problemsByInput(problems: RecordProblem[], slotOfTarget: number[]): Map<string, string> {
  const byInput = new Map<string, string>();
  for (const p of problems) {
    const m = /^targets\.(\d+)(?:\.(\w+))?$/.exec(p.field);
    const key = m ? `t${slotOfTarget[Number(m[1])] ?? 0}_${m[2] ?? 'description'}` : p.field;
    if (!byInput.has(key)) byInput.set(key, p.message);
  }
  return byInput;
}

function targetSlot(i: number, slot: TargetSlot, defaultReviewBy: string, errors: Map<string, string>): CardBody {
  const n = i + 1;
  return [
    container(
      [
        { type: 'TextBlock', text: `Target ${n}`, weight: 'Bolder', wrap: true },
        choiceInput(`t${i}_area`, 'Area', choicesOf(AREA_WORDS), slot.area, { placeholder: 'Choose an area' }),
        ...fieldError(errors.get(`t${i}_area`)),
        choiceInput(`t${i}_horizon`, 'How long it runs', choicesOf(HORIZON_WORDS), slot.horizon ?? 'MEDIUM'),
        textInput(`t${i}_description`, 'What we want to improve', slot.description, { multiline: true, maxLength: 500 }),
        ...fieldError(errors.get(`t${i}_description`)),
        textInput(`t${i}_successLooksLike`, 'How we will see success', slot.successLooksLike, { multiline: true, maxLength: 500 }),
        textInput(`t${i}_schoolActions`, 'What school will do', slot.schoolActions, { multiline: true, maxLength: 1000 }),
        textInput(`t${i}_homeActions`, 'What home will do', slot.homeActions, { multiline: true, maxLength: 1000 }),
        { type: 'Input.Date', id: `t${i}_reviewBy`, label: 'Review by', value: slot.reviewBy ?? defaultReviewBy },
        ...fieldError(errors.get(`t${i}_reviewBy`)),
      ],
      { style: 'emphasis', spacing: 'Medium' },
    ),
  ];
}

/** The editable record. `problems` (from a refused save) show on the card next to their fields. */
export function recordFormCard(d: RecordCardData, o: { problems?: RecordProblem[]; slotOfTarget?: number[]; notice?: string } = {}): AdaptiveCard {
  const c = d.conversation;
  // The agreed targets only (one empty one to start a record with none); "Add a target" brings another.
  const slots = d.targets.length > 0 ? [...d.targets] : [{}];
  const errors = problemsByInput(o.problems ?? [], o.slotOfTarget ?? d.targets.map((_, i) => i));
  const attendees = c.attendees.map((a) => `${a.name} (${a.role})`).join('\n');
  const body: CardBody = [
    ...heading(title(d), c.recordState === 'DRAFT' ? 'Draft: not final yet' : `Due by ${dayLabel(c.dueBy)}`),
    ...(o.problems && o.problems.length > 0 ? [banner('Some things are missing before this can be final. See the notes below.', 'attention')] : []),
    ...(o.notice ? [banner(o.notice, 'good')] : []),
    sectionTitle('Explore: what the parents told you'),
    textInput('exploreStrengths', "The child's strengths", c.exploreStrengths, { multiline: true }),
    ...fieldError(errors.get('exploreStrengths')),
    textInput('exploreBarriers', 'What gets in the way (barriers)', c.exploreBarriers, { multiline: true }),
    textInput('exploreAspirations', 'Hopes and aspirations', c.exploreAspirations, { multiline: true }),
    sectionTitle('Focus: what matters most now'),
    textInput('focusNotes', 'What matters most now', c.focusNotes, { multiline: true }),
    ...fieldError(errors.get('focusNotes')),
    sectionTitle('Plan: the targets you agreed'),
    ...fieldError(errors.get('targets')),
    ...slots.flatMap((s, i) => targetSlot(i, s, d.defaultReviewBy, errors)),
    ...(slots.length < MAX_TARGET_SLOTS ? [{ type: 'ActionSet' as const, actions: [execute('Add a target', RECORD_ADD_TARGET, { conversationId: c.id, version: c.version, targetIds: slots.map((s) => s.id ?? '') })] }] : []),
    textInput('planNotes', 'Anything else agreed (clubs, support, next steps)', c.planNotes, { multiline: true }),
    ...(c.kind === 'REVIEW' || c.reviewNotes
      ? [sectionTitle('Review: what changed since last time'), textInput('reviewNotes', 'What changed since the last conversation', c.reviewNotes, { multiline: true }), ...fieldError(errors.get('reviewNotes'))]
      : []),
    sectionTitle('Who took part'),
    textInput('attendees', 'People, one per line: name (role)', attendees, { multiline: true, placeholder: "Parent's name (mother)\nYour name (key teacher)" }),
    ...fieldError(errors.get('attendees')),
    choiceInput('pupilInvolvement', `Did ${d.pupil.firstName} take part?`, choicesOf(INVOLVEMENT_WORDS), c.pupilInvolvement, { expanded: true }),
    ...fieldError(errors.get('pupilInvolvement')),
    textInput('pupilInvolvementNote', 'How (optional)', c.pupilInvolvementNote),
    { type: 'Input.Date', id: 'heldOn', label: 'Held on', value: c.heldAt ? c.heldAt.toISOString().slice(0, 10) : undefined },
    ...fieldError(errors.get('heldOn')),
  ];
  const data = { conversationId: c.id, version: c.version, targetIds: slots.map((s) => s.id ?? '') };
  return adaptiveCard(
    body,
    [
      execute('Save final record', RECORD_SAVE, { ...data, state: 'FINAL' }, { style: 'positive' }),
      ...(c.recordState === 'FINAL' ? [] : [execute('Save as draft', RECORD_SAVE, { ...data, state: 'DRAFT' })]),
      openUrl('Open the record', d.recordUrl),
    ],
    { fallbackText: title(d) },
  );
}

/** The read-only record everyone in the chat sees after a save; the key teacher's refresh adds "Edit". */
export function recordSummaryCard(d: RecordCardData, o: { notice?: string; editable?: boolean; refreshForUserIds?: string[] } = {}): AdaptiveCard {
  const c = d.conversation;
  const text = (label: string, value: string | null) => (value ? [paragraph(`**${label}:** ${value}`)] : []);
  const body: CardBody = [
    ...heading(title(d), c.recordState === 'FINAL' ? `Final record${c.heldAt ? `, held ${dayLabel(c.heldAt)}` : ''}` : 'Draft: not final yet'),
    ...(o.notice ? [banner(o.notice, 'good')] : []),
    sectionTitle('Explore'),
    ...text('Strengths', c.exploreStrengths),
    ...text('Barriers', c.exploreBarriers),
    ...text('Aspirations', c.exploreAspirations),
    sectionTitle('Focus'),
    ...text('What matters most now', c.focusNotes),
    sectionTitle('Plan'),
    ...(d.targets.length === 0 ? [paragraph('No targets agreed yet.', { subtle: true })] : []),
    ...d.targets.flatMap((t) => [
      container(
        [
          paragraph(`**${t.area ? capital(AREA_WORDS[t.area]) : 'Target'}**: ${t.description ?? ''}`),
          facts([
            ['How long', t.horizon ? capital(HORIZON_WORDS[t.horizon]) : undefined],
            ['Success looks like', t.successLooksLike],
            ['School will', t.schoolActions],
            ['Home will', t.homeActions],
            ['Review by', t.reviewBy ? dayLabel(t.reviewBy) : undefined],
          ]),
        ],
        { style: 'emphasis', spacing: 'Small' },
      ),
    ]),
    ...text('Also agreed', c.planNotes),
    ...(c.reviewNotes ? [sectionTitle('Review'), paragraph(c.reviewNotes)] : []),
    sectionTitle('Who took part'),
    paragraph(c.attendees.map((a) => `${a.name} (${a.role})`).join(', ') || 'Not recorded yet'),
    ...(c.pupilInvolvement ? [paragraph(`${d.pupil.firstName}: ${INVOLVEMENT_WORDS[c.pupilInvolvement]}${c.pupilInvolvementNote ? `: ${c.pupilInvolvementNote}` : ''}`)] : []),
  ];
  return adaptiveCard(
    body,
    [...(o.editable ? [execute('Edit the record', RECORD_OPEN, { conversationId: c.id })] : []), openUrl('Open the record', d.recordUrl)],
    {
      fallbackText: title(d),
      ...(o.refreshForUserIds && o.refreshForUserIds.length > 0
        ? { refresh: { action: execute('Refresh', RECORD_REFRESH, { conversationId: c.id }), userIds: o.refreshForUserIds } }
        : {}),
    },
  );
}

// ------------------------------------------------------------------ reading the card's inputs

const cardValue = z
  .union([z.string(), z.number(), z.boolean()])
  .optional()
  .transform((v) => (v === undefined ? undefined : String(v).trim() || undefined));

/** Card inputs ("t0_area", "exploreStrengths", ...) back into a RecordInput, remembering which slot each target came from. */
export function recordInputFromCard(data: Record<string, unknown>): { input: unknown; slotOfTarget: number[] } {
  const v = (key: string) => cardValue.parse(data[key]);
  const targetIds = Array.isArray(data.targetIds) ? data.targetIds.map(String) : [];
  const targets: Record<string, unknown>[] = [];
  const slotOfTarget: number[] = [];
  for (let i = 0; i < MAX_TARGET_SLOTS; i++) {
    const described = ['description', 'successLooksLike', 'schoolActions', 'homeActions'].some((f) => v(`t${i}_${f}`));
    if (!described && !targetIds[i]) continue;
    slotOfTarget.push(i);
    targets.push({
      ...(targetIds[i] ? { id: targetIds[i] } : {}),
      area: v(`t${i}_area`),
      horizon: v(`t${i}_horizon`) ?? 'MEDIUM',
      description: v(`t${i}_description`) ?? '',
      successLooksLike: v(`t${i}_successLooksLike`),
      schoolActions: v(`t${i}_schoolActions`),
      homeActions: v(`t${i}_homeActions`),
      reviewBy: v(`t${i}_reviewBy`),
    });
  }
  const attendees = (v('attendees') ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*?)\s*\((.+)\)\s*$/.exec(line);
      return m ? { name: m[1]!, role: m[2]! } : { name: line, role: 'attendee' };
    });
  const input = {
    state: data.state,
    version: Number(data.version),
    exploreStrengths: v('exploreStrengths'),
    exploreBarriers: v('exploreBarriers'),
    exploreAspirations: v('exploreAspirations'),
    focusNotes: v('focusNotes'),
    planNotes: v('planNotes'),
    reviewNotes: v('reviewNotes'),
    attendees,
    pupilInvolvement: v('pupilInvolvement'),
    pupilInvolvementNote: v('pupilInvolvementNote'),
    heldOn: v('heldOn'),
    targets,
  };
  return { input, slotOfTarget };
}

/** Parses card inputs; shape errors come back as problems for the card, like completeness problems. */
export function parseRecordCard(data: Record<string, unknown>): { ok: true; input: RecordInput; slotOfTarget: number[] } | { ok: false; problems: RecordProblem[]; slotOfTarget: number[] } {
  const { input, slotOfTarget } = recordInputFromCard(data);
  const parsed = recordInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, input: parsed.data, slotOfTarget };
  return {
    ok: false,
    slotOfTarget,
    problems: parsed.error.issues.map((i) => ({
      field: i.path.join('.'),
      message: i.path[i.path.length - 1] === 'area' ? 'Choose the area' : i.path[i.path.length - 1] === 'reviewBy' ? 'Choose a review date' : i.message,
    })),
  };
}

/** The card as the teacher left it: their typed inputs over the saved record, so a refused save loses nothing. */
export function withCardInputs(d: RecordCardData, data: Record<string, unknown>): RecordCardData {
  const v = (key: string) => cardValue.parse(data[key]) ?? null;
  const targetIds = Array.isArray(data.targetIds) ? data.targetIds.map(String) : [];
  const slots: TargetSlot[] = [];
  for (let i = 0; i < MAX_TARGET_SLOTS; i++) {
    slots.push({
      ...(targetIds[i] ? { id: targetIds[i] } : {}),
      area: (v(`t${i}_area`) as TargetArea | null) ?? undefined,
      horizon: (v(`t${i}_horizon`) as TargetHorizon | null) ?? undefined,
      description: v(`t${i}_description`),
      successLooksLike: v(`t${i}_successLooksLike`),
      schoolActions: v(`t${i}_schoolActions`),
      homeActions: v(`t${i}_homeActions`),
      reviewBy: v(`t${i}_reviewBy`) ?? undefined,
    });
  }
  while (slots.length > 0 && !slots[slots.length - 1]!.id && !slots[slots.length - 1]!.description && !slots[slots.length - 1]!.area) slots.pop();
  const { input } = recordInputFromCard(data);
  const attendees = (input as { attendees: Attendee[] }).attendees;
  return {
    ...d,
    conversation: {
      ...d.conversation,
      exploreStrengths: v('exploreStrengths'),
      exploreBarriers: v('exploreBarriers'),
      exploreAspirations: v('exploreAspirations'),
      focusNotes: v('focusNotes'),
      planNotes: v('planNotes'),
      reviewNotes: v('reviewNotes'),
      attendees,
      pupilInvolvement: v('pupilInvolvement') as PupilInvolvement | null,
      pupilInvolvementNote: v('pupilInvolvementNote'),
      heldAt: v('heldOn') ? new Date(`${v('heldOn')}T00:00:00Z`) : d.conversation.heldAt,
    },
    targets: slots,
  };
}
