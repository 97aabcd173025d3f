import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ExclusionKind } from '../generated/prisma/client';
import { changedFields } from '../audit/audit';
import { isoDay } from '../evidence/access';
import { insertRows, RECORDED_COLUMNS } from '../db/bulkInsert';
import { PUPIL_KEY, PUPIL_KEY_COLUMNS, pupilKeyOf, type ImportKindSpec, type RowOutcome, type Written } from '../evidence/importFile';
import * as value from '../roster/values';
import { exclusionDaysProblem } from './outcomes';

/**
 * Suspensions and permanent exclusions as MIS exclusion reports export them: UPN, start date, kind
 * (the census codes FIXD, LNCH and PERM, or their words) and the length in days or in sessions (two a
 * day). A lunchtime suspension with no length is half a day.
 */
export const EXCLUSION_COLUMNS = {
  ...PUPIL_KEY_COLUMNS,
  startsOn: ['Start Date', 'Date', 'Exclusion Start Date', 'Date Excluded', 'Exclusion Date', 'From'],
  kind: ['Kind', 'Exclusion Type', 'Type', 'Category', 'Exclusion Category'],
  days: ['Days', 'Length', 'Length (Days)', 'Total Days', 'Duration', 'Number Of Days', 'School Days'],
  sessions: ['Sessions', 'Exclusion Sessions', 'Number Of Sessions', 'Length (Sessions)', 'Total Sessions'],
} as const;

interface ExclusionRow {
  misId: string;
  startsOn: string;
  kind: ExclusionKind;
  days: number | null;
}

const EXCLUSION_ROW = { id: 'uuid', pupilId: 'uuid', kind: { enum: 'ExclusionKind' }, startsOn: 'date', days: 'double precision', ...RECORDED_COLUMNS } as const;

const KINDS: Record<string, { kind: ExclusionKind; lunchtime?: true }> = {
  FIXD: { kind: 'SUSPENSION' },
  FIXED: { kind: 'SUSPENSION' },
  FIXEDTERM: { kind: 'SUSPENSION' },
  FIXEDPERIOD: { kind: 'SUSPENSION' },
  FIXEDTERMEXCLUSION: { kind: 'SUSPENSION' },
  FIXEDPERIODEXCLUSION: { kind: 'SUSPENSION' },
  SUSPENSION: { kind: 'SUSPENSION' },
  SUSPENDED: { kind: 'SUSPENSION' },
  LNCH: { kind: 'SUSPENSION', lunchtime: true },
  LUNCH: { kind: 'SUSPENSION', lunchtime: true },
  LUNCHTIME: { kind: 'SUSPENSION', lunchtime: true },
  LUNCHTIMESUSPENSION: { kind: 'SUSPENSION', lunchtime: true },
  LUNCHTIMEEXCLUSION: { kind: 'SUSPENSION', lunchtime: true },
  PERM: { kind: 'PERMANENT' },
  PERMANENT: { kind: 'PERMANENT' },
  PERMANENTEXCLUSION: { kind: 'PERMANENT' },
};

const kindCell = z.string().transform((v, ctx) => {
  const found = KINDS[v.toUpperCase().replace(/[^A-Z]/g, '')];
  if (found) return found;
  ctx.addIssue({ code: 'custom', message: `"${v}" is not a kind of exclusion (use Suspension or FIXD, Lunchtime or LNCH, Permanent or PERM)` });
  return z.NEVER;
});

const number = (what: string, whole: boolean) =>
  z.string().transform((v, ctx) => {
    const n = Number(v);
    if (v !== '' && Number.isFinite(n) && n > 0 && (!whole || Number.isInteger(n))) return n;
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a number of ${what}` });
    return z.NEVER;
  });

export const exclusionImport: ImportKindSpec<typeof EXCLUSION_COLUMNS, ExclusionRow> = {
  kind: 'exclusions',
  columns: EXCLUSION_COLUMNS,
  required: [PUPIL_KEY, ['startsOn'], ['kind']],
  read(r) {
    const misId = pupilKeyOf(r);
    const startsOn = r.required('startsOn', value.date, 'missing the start date');
    const kind = r.required('kind', kindCell, 'missing the kind of exclusion');
    const days = r.optional('days', number('days', false));
    const sessions = r.optional('sessions', number('sessions', true));
    if (!misId || !startsOn || !kind || r.rejections.length > 0) return undefined;
    const length = days ?? (sessions !== undefined ? sessions / 2 : kind.lunchtime ? 0.5 : null);
    const problem = exclusionDaysProblem(kind.kind, length);
    if (problem) r.reject(r.has('days') || !r.has('sessions') ? 'days' : 'sessions', problem);
    return problem ? undefined : { misId, startsOn, kind: kind.kind, days: length };
  },
  async write({ tx, rows, now, recordedById, source, reject }): Promise<Written> {
    const held = await tx.exclusion.findMany({ where: { pupilId: { in: [...new Set(rows.map((r) => r.pupilId))] } } });
    const keyOf = (pupilId: string, startsOn: string, kind: ExclusionKind) => `${pupilId}|${startsOn}|${kind}`;
    const byKey = new Map(held.map((e) => [keyOf(e.pupilId, isoDay(e.startsOn), e.kind), e]));
    const firstRow = new Map<string, number>();
    const outcomes: RowOutcome[] = [];
    const audits: Written['audits'] = [];
    const creates: { id: string; pupilId: string; kind: ExclusionKind; startsOn: string; days: number | null; source: 'IMPORT' | 'MIS'; recordedById: string | null; recordedAt: string }[] = [];
    const recorded = { source, recordedById, recordedAt: now };
    for (const { row, record, pupilId } of rows) {
      const key = keyOf(pupilId, record.startsOn, record.kind);
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        reject(row, 'startsOn', `is the same exclusion as row ${earlier}`);
        continue;
      }
      firstRow.set(key, row);
      const before = byKey.get(key);
      if (!before) {
        creates.push({ id: randomUUID(), pupilId, kind: record.kind, startsOn: record.startsOn, days: record.days, ...recorded, recordedAt: now.toISOString() });
        outcomes.push('imported');
        continue;
      }
      const diff = changedFields({ days: before.days }, { days: record.days });
      if (Object.keys(diff.after).length === 0) {
        outcomes.push('unchanged');
        continue;
      }
      await tx.exclusion.update({ where: { id: before.id }, data: { days: record.days, ...recorded } });
      audits.push({ action: 'exclusion.correct', entityType: 'Exclusion', entityId: before.id, before: { pupilId, ...diff.before }, after: { pupilId, ...diff.after } });
      outcomes.push('updated');
    }
    await insertRows(tx, 'Exclusion', EXCLUSION_ROW, creates);
    for (const e of creates) {
      audits.push({ action: 'exclusion.record', entityType: 'Exclusion', entityId: e.id, after: { pupilId: e.pupilId, kind: e.kind, startsOn: e.startsOn, days: e.days } });
    }
    return { outcomes, audits };
  },
};
