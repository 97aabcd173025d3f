import { z } from 'zod';
import { PupilInvolvement, TargetArea, TargetHorizon, TargetStatus } from '../generated/prisma/enums';
import { dayWords } from './dateWords';
import { whyNotSchoolDay, type SchoolCalendar } from './schoolCalendar';

/**
 * The record of a structured conversation (explore, focus, plan, review) as a key teacher submits
 * it, from a Teams card or the REST API. Pure: shape (zod) and completeness rules, no I/O, no clock.
 */
const note = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters`)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

const isoDate = z.iso.date('Use a date such as 2026-12-04');

export const attendeeSchema = z.object({
  name: z.string().trim().min(1, 'Give a name').max(120),
  role: z.string().trim().min(1, 'Say who they are (parent, key teacher, ...)').max(60),
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const targetInputSchema = z.object({
  /** An existing target of this conversation (editing a draft); absent for a new one. */
  id: z.uuid().optional(),
  area: z.enum(TargetArea),
  horizon: z.enum(TargetHorizon).default('MEDIUM'),
  description: z.string().trim().min(1, 'Say what the target is').max(500),
  successLooksLike: note(500),
  schoolActions: note(1000),
  homeActions: note(1000),
  reviewBy: isoDate,
});
export type TargetInput = z.infer<typeof targetInputSchema>;

export const recordInputSchema = z.object({
  state: z.enum(['DRAFT', 'FINAL']),
  /** The version the teacher started from: a save over someone else's newer save is refused. */
  version: z.number().int().min(1),
  exploreStrengths: note(4000),
  exploreBarriers: note(4000),
  exploreAspirations: note(4000),
  focusNotes: note(4000),
  planNotes: note(4000),
  reviewNotes: note(4000),
  attendees: z.array(attendeeSchema).max(12).default([]),
  pupilInvolvement: z.enum(PupilInvolvement).optional(),
  pupilInvolvementNote: note(1000),
  heldOn: isoDate.optional(),
  targets: z.array(targetInputSchema).max(10).default([]),
});
export type RecordInput = z.infer<typeof recordInputSchema>;

export interface RecordProblem {
  /** The input the problem belongs to, e.g. "focusNotes" or "targets.1.reviewBy". */
  field: string;
  message: string;
}

/**
 * What a FINAL record must contain. A draft may be half-filled: only its shape is checked.
 * `today` is the school-local date (YYYY-MM-DD) the record is saved on.
 */
export function finalRecordProblems(input: RecordInput, context: { kind: 'INITIAL' | 'REVIEW' | 'ADDITIONAL'; today: string }): RecordProblem[] {
  if (input.state !== 'FINAL') return [];
  const problems: RecordProblem[] = [];
  if (!input.exploreStrengths && !input.exploreBarriers && !input.exploreAspirations) {
    problems.push({ field: 'exploreStrengths', message: "Note what the parent told you: the child's strengths, barriers or aspirations" });
  }
  if (!input.focusNotes) problems.push({ field: 'focusNotes', message: 'Say what matters most now' });
  if (input.targets.length === 0) problems.push({ field: 'targets', message: 'Agree at least one target' });
  if (context.kind === 'REVIEW' && !input.reviewNotes) problems.push({ field: 'reviewNotes', message: 'Say what changed since the last conversation' });
  if (input.attendees.length === 0) problems.push({ field: 'attendees', message: 'Say who took part' });
  if (!input.pupilInvolvement) problems.push({ field: 'pupilInvolvement', message: 'Say whether and how the pupil took part' });
  const heldOn = input.heldOn ?? context.today;
  if (heldOn > context.today) problems.push({ field: 'heldOn', message: 'A final record is for a conversation that has happened' });
  input.targets.forEach((t, i) => {
    if (t.reviewBy <= heldOn) problems.push({ field: `targets.${i}.reviewBy`, message: 'The review date must be after the conversation' });
  });
  return problems;
}

/**
 * A review date is a school day, like a meeting: the pupil and the staff who look at the target are
 * in. A date the teacher chose on a closed day is refused with the reason, naming the closure.
 */
export function reviewDateProblems(input: Pick<RecordInput, 'targets'>, cal: SchoolCalendar): RecordProblem[] {
  return input.targets.flatMap((t, i) => {
    const why = whyNotSchoolDay(cal, t.reviewBy);
    return why ? [{ field: `targets.${i}.reviewBy`, message: `${dayWords(t.reviewBy, { year: true })} ${why}: choose a school day` }] : [];
  });
}

/** The earliest review date among the agreed targets: when the next conversation should look again. */
export function nextReviewDate(targets: Pick<TargetInput, 'reviewBy'>[]): string | undefined {
  return targets.map((t) => t.reviewBy).sort()[0];
}

// ------------------------------------------------------------------ pupil views and progress

export const pupilViewsInputSchema = z
  .object({
    goodAt: note(1000),
    findHard: note(1000),
    helpsMe: note(1000),
    wantToGetBetterAt: note(1000),
    gatheredBy: z.enum(['WITH_KEY_TEACHER', 'PUPIL_PROFILE', 'IN_CONVERSATION']).default('WITH_KEY_TEACHER'),
    conversationId: z.uuid().optional(),
  })
  .refine((v) => v.goodAt || v.findHard || v.helpsMe || v.wantToGetBetterAt, { message: 'Write down at least one thing the pupil said', path: ['goodAt'] });
export type PupilViewsInput = z.infer<typeof pupilViewsInputSchema>;

/** CLOSED is the school's decision to retire a target, not a progress status a teacher reports. */
export const PROGRESS_STATUSES = ['NOT_STARTED', 'WORKING_TOWARDS', 'ACHIEVED', 'NEEDS_CHANGE'] as const satisfies readonly TargetStatus[];

export const progressInputSchema = z.object({
  status: z.enum(PROGRESS_STATUSES),
  note: note(1000),
  tellParent: z.boolean().default(false),
});
export type ProgressInput = z.infer<typeof progressInputSchema>;
