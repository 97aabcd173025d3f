import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { WiderOutcomeEvent, WiderOutcomeKind } from '../generated/prisma/client';
import { isoDay } from '../evidence/access';
import { insertRows, RECORDED_COLUMNS } from '../db/bulkInsert';
import { PUPIL_KEY, PUPIL_KEY_COLUMNS, pupilKeyOf, type EvidenceImportKind, type ImportKindSpec, type RowOutcome, type Written } from '../evidence/importFile';
import * as value from '../roster/values';
import { categorySchema } from './outcomes';

/**
 * Behaviour incidents, achievements, bullying reports and participation as MIS exports list them:
 * UPN, date and type (the MIS's category), and for bullying whether it was resolved. A description
 * or comments column is never read: it is listed among the ignored columns. Events have no key of
 * their own: the file says how many of a pupil's events of one type fell on a day, so importing it
 * again finds them all there and adds nothing, and a later export covering more days adds only the
 * new ones. An event is never deleted by an import.
 */
export const EVENT_COLUMNS = {
  ...PUPIL_KEY_COLUMNS,
  on: ['Date', 'Incident Date', 'Event Date', 'Achievement Date', 'Activity Date', 'Date Reported', 'Reported On', 'Session Date', 'Occurred On'],
  category: ['Type', 'Category', 'Behaviour Type', 'Incident Type', 'Achievement Type', 'Reward Type', 'Activity', 'Activity Name', 'Club', 'Bullying Type'],
} as const;

export const BULLYING_COLUMNS = { ...EVENT_COLUMNS, resolved: ['Resolved', 'Status', 'Is Resolved'] } as const;

type Columns = typeof BULLYING_COLUMNS;

interface EventRow {
  misId: string;
  on: string;
  category: string | null;
  resolved?: boolean;
}

const resolvedCell = z.string().transform((v, ctx) => {
  const k = v.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (['RESOLVED', 'CLOSED', 'DONE'].includes(k)) return true;
  if (['OPEN', 'UNRESOLVED', 'ONGOING', 'INPROGRESS', 'NOTRESOLVED'].includes(k)) return false;
  const yn = value.yesNo.safeParse(v);
  if (yn.success) return yn.data;
  ctx.addIssue({ code: 'custom', message: `"${v}" does not say whether it was resolved (use Yes or No, Resolved or Open)` });
  return z.NEVER;
});

const category = z.string().pipe(categorySchema);

const EVENT_ROW = { id: 'uuid', pupilId: 'uuid', kind: { enum: 'WiderOutcomeKind' }, occurredOn: 'date', category: 'text', resolved: 'boolean', ...RECORDED_COLUMNS } as const;

function spec(kind: Exclude<EvidenceImportKind, 'assessments' | 'attendance' | 'exclusions'>, outcome: WiderOutcomeKind): ImportKindSpec<Columns, EventRow> {
  const bullying = outcome === 'BULLYING_REPORT';
  // Only a bullying report is resolved or not: for the others a "Status" column is not ours.
  const columns = (bullying ? BULLYING_COLUMNS : EVENT_COLUMNS) as Columns;
  return {
    kind,
    columns,
    required: [PUPIL_KEY, ['on']],
    read(r) {
      const misId = pupilKeyOf(r);
      const on = r.required('on', value.date, 'missing the date');
      const cat = r.optional('category', category);
      const resolved = bullying ? r.optional('resolved', resolvedCell) : undefined;
      if (!misId || !on || r.rejections.length > 0) return undefined;
      return { misId, on, category: cat ?? null, resolved };
    },
    async write({ tx, rows, now, recordedById, source }): Promise<Written> {
      const held = await tx.widerOutcomeEvent.findMany({
        where: { pupilId: { in: [...new Set(rows.map((r) => r.pupilId))] }, kind: outcome },
        orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
      });
      const keyOf = (pupilId: string, on: string, cat: string | null) => `${pupilId}|${on}|${cat ?? ''}`;
      const occurrences = new Map<string, WiderOutcomeEvent[]>();
      for (const e of held) {
        const key = keyOf(e.pupilId, isoDay(e.occurredOn), e.category);
        occurrences.set(key, [...(occurrences.get(key) ?? []), e]);
      }
      const seen = new Map<string, number>();
      const outcomes: RowOutcome[] = [];
      const audits: Written['audits'] = [];
      const creates: { id: string; pupilId: string; kind: WiderOutcomeKind; occurredOn: string; category: string | null; resolved: boolean | null; source: 'IMPORT' | 'MIS'; recordedById: string | null; recordedAt: string }[] = [];
      for (const { record, pupilId } of rows) {
        const key = keyOf(pupilId, record.on, record.category);
        const n = seen.get(key) ?? 0;
        seen.set(key, n + 1);
        const before = occurrences.get(key)?.[n];
        if (!before) {
          creates.push({ id: randomUUID(), pupilId, kind: outcome, occurredOn: record.on, category: record.category, resolved: bullying ? (record.resolved ?? false) : null, source, recordedById, recordedAt: now.toISOString() });
          outcomes.push('imported');
          continue;
        }
        if (!bullying || record.resolved === undefined || record.resolved === before.resolved) {
          outcomes.push('unchanged');
          continue;
        }
        await tx.widerOutcomeEvent.update({ where: { id: before.id }, data: { resolved: record.resolved } });
        audits.push({ action: 'widerOutcome.correct', entityType: 'WiderOutcomeEvent', entityId: before.id, before: { pupilId, resolved: before.resolved }, after: { pupilId, resolved: record.resolved } });
        outcomes.push('updated');
      }
      await insertRows(tx, 'WiderOutcomeEvent', EVENT_ROW, creates);
      for (const e of creates) {
        audits.push({ action: 'widerOutcome.record', entityType: 'WiderOutcomeEvent', entityId: e.id, after: { pupilId: e.pupilId, kind: e.kind, on: e.occurredOn, category: e.category, resolved: e.resolved } });
      }
      return { outcomes, audits };
    },
  };
}

export const behaviourImport = spec('behaviour', 'BEHAVIOUR_INCIDENT');
export const achievementImport = spec('achievements', 'ACHIEVEMENT');
export const bullyingImport = spec('bullying', 'BULLYING_REPORT');
export const participationImport = spec('participation', 'PARTICIPATION');
