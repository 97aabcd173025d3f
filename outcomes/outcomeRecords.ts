import { z } from 'zod';
import type { Exclusion, ExclusionKind, WiderOutcomeEvent, WiderOutcomeKind } from '../generated/prisma/client';
import { actorOf, changedFields, recordAudit, staffIdOf } from '../audit/audit';
import type { Principal } from '../domain/access';
import { invalid } from '../domain/errors';
import { dayOf, isoDay, pupilToChange } from '../evidence/access';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { categorySchema, exclusionDaysProblem } from './outcomes';

/**
 * Recording a pupil's exclusions and the events behind the wider outcomes: the key teacher for their
 * own pupils, the SENCO and admins for any. An exclusion is one per pupil, kind and first day
 * (recording it again corrects its days); an event is an occurrence (two incidents on one day are two).
 */
const isoDate = z.iso.date();

export const exclusionInputSchema = z.strictObject({
  kind: z.enum(['SUSPENSION', 'PERMANENT']),
  startsOn: isoDate,
  /** School days, in halves; none for a permanent exclusion. */
  days: z.number().optional(),
});
export type ExclusionInput = z.infer<typeof exclusionInputSchema>;

export const outcomeEventInputSchema = z.strictObject({
  on: isoDate,
  category: categorySchema.optional(),
  /** Bullying reports only: whether it was resolved (default not yet). */
  resolved: z.boolean().optional(),
});
export type OutcomeEventInput = z.infer<typeof outcomeEventInputSchema>;

export interface ExclusionView {
  id: string;
  kind: ExclusionKind;
  startsOn: string;
  days: number | null;
  source: Exclusion['source'];
}

export const exclusionView = (e: Exclusion): ExclusionView => ({ id: e.id, kind: e.kind, startsOn: isoDay(e.startsOn), days: e.days, source: e.source });

export interface OutcomeEventView {
  id: string;
  kind: WiderOutcomeKind;
  on: string;
  category: string | null;
  resolved: boolean | null;
  source: WiderOutcomeEvent['source'];
}

export const outcomeEventView = (e: WiderOutcomeEvent): OutcomeEventView => ({ id: e.id, kind: e.kind, on: isoDay(e.occurredOn), category: e.category, resolved: e.resolved, source: e.source });

export async function recordExclusion(op: UseCaseDeps, p: Principal, pupilId: string, input: ExclusionInput): Promise<{ outcome: 'recorded' | 'corrected' | 'unchanged'; exclusion: ExclusionView }> {
  return inTransaction(op, async (tx) => {
    const pupil = await pupilToChange(tx, p, pupilId);
    const days = input.days ?? null;
    const problem = exclusionDaysProblem(input.kind, days);
    if (problem) throw invalid('invalid_days', problem);
    const key = { pupilId_startsOn_kind: { pupilId, startsOn: dayOf(input.startsOn), kind: input.kind } };
    const before = await tx.exclusion.findUnique({ where: key });
    const recorded = { source: 'STAFF' as const, recordedById: staffIdOf(actorOf(p)), recordedAt: op.clock.now() };
    const audit = (action: string, entityId: string, change: { before?: unknown; after: unknown }) =>
      recordAudit(tx, actorOf(p), { schoolId: pupil.schoolId, action, entityType: 'Exclusion', entityId, ...change });
    if (!before) {
      const exclusion = await tx.exclusion.create({ data: { pupilId, kind: input.kind, startsOn: dayOf(input.startsOn), days, ...recorded } });
      await audit('exclusion.record', exclusion.id, { after: { pupilId, kind: input.kind, startsOn: input.startsOn, days } });
      return { outcome: 'recorded', exclusion: exclusionView(exclusion) };
    }
    const diff = changedFields({ days: before.days }, { days });
    if (Object.keys(diff.after).length === 0) return { outcome: 'unchanged', exclusion: exclusionView(before) };
    const exclusion = await tx.exclusion.update({ where: { id: before.id }, data: { days, ...recorded } });
    await audit('exclusion.correct', exclusion.id, { before: { pupilId, ...diff.before }, after: { pupilId, ...diff.after } });
    return { outcome: 'corrected', exclusion: exclusionView(exclusion) };
  });
}

export async function recordOutcomeEvent(op: UseCaseDeps, p: Principal, pupilId: string, kind: WiderOutcomeKind, input: OutcomeEventInput): Promise<OutcomeEventView> {
  return inTransaction(op, async (tx) => {
    const pupil = await pupilToChange(tx, p, pupilId);
    if (input.resolved !== undefined && kind !== 'BULLYING_REPORT') throw invalid('not_a_bullying_report', 'Only a bullying report is resolved or not');
    const resolved = kind === 'BULLYING_REPORT' ? (input.resolved ?? false) : null;
    const event = await tx.widerOutcomeEvent.create({
      data: { pupilId, kind, occurredOn: dayOf(input.on), category: input.category ?? null, resolved, source: 'STAFF', recordedById: staffIdOf(actorOf(p)), recordedAt: op.clock.now() },
    });
    await recordAudit(tx, actorOf(p), {
      schoolId: pupil.schoolId,
      action: 'widerOutcome.record',
      entityType: 'WiderOutcomeEvent',
      entityId: event.id,
      after: { pupilId, kind, on: input.on, category: event.category, resolved },
    });
    return outcomeEventView(event);
  });
}
