import { z } from 'zod';
import { Prisma, type MisConnection, type MisSync, type StaffRole } from '../generated/prisma/client';
import { actorOf, recordAudit } from '../audit/audit';
import { transaction, type Tx } from '../db/transaction';
import { canManageMisConnection, type Principal } from '../domain/access';
import { conflict, DomainError, forbidden, invalid, notFound } from '../domain/errors';
import { cancelJobs, planJob } from '../jobs/jobQueue';
import type { ServiceContext } from '../platform/context';
import { matchSubject } from '../assessment/subjects';
import { nextNightly } from './schedule';
import { tokenVault } from './tokenVault';

/**
 * A school connects its MIS through Wonde, reads how the link stands, asks for a sync now, or
 * disconnects. Admins of the school and the API key only. Each use case runs in one transaction
 * with its audit event; the token is sealed before it is stored and never leaves (not in the
 * answer, the audit trail or the log).
 */
export const SYNC_JOB = 'mis.sync';
export const NIGHTLY_JOB = 'mis.sync.nightly';

/** Wonde's regional API domains (docs.wonde.com, Regional Domains); the stand-in only in the embedded default. */
export const WONDE_DOMAINS = ['api.wonde.com', 'api-ap-southeast-2.wonde.com', 'api-af-south-1.wonde.com'] as const;
export const LOCAL_STAND_IN = 'local-stand-in';

const STAFF_ROLES = ['TEACHER', 'KEY_TEACHER', 'SENCO', 'SCHOOL_LEAD', 'ADMIN'] as const satisfies readonly StaffRole[];
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

export const connectInput = z
  .object({
    wondeSchoolId: z.string().trim().regex(/^[A-Za-z0-9]{4,32}$/, 'must be the school id Wonde gives, e.g. A1930499544'),
    token: z.string().trim().min(16, 'must be the token Wonde gave for this school').max(512),
    domain: z.enum([...WONDE_DOMAINS, LOCAL_STAND_IN]).default('api.wonde.com'),
    syncTime: hhmm.default('02:00'),
    fullSyncWeekday: z.number().int().min(1).max(7).default(7),
    pupilKey: z.enum(['UPN', 'ADMISSION_NUMBER']).default('UPN'),
    keyTeacher: z
      .object({ source: z.enum(['REGISTRATION_GROUP', 'CLASS', 'FIELD']).default('REGISTRATION_GROUP'), field: z.string().trim().min(1).max(200).optional() })
      .default({ source: 'REGISTRATION_GROUP' })
      .refine((k) => k.source !== 'FIELD' || k.field, { message: 'name the field of the pupil\'s record that holds the key teacher', path: ['field'] }),
    staffRoles: z.array(z.object({ misRole: z.string().trim().min(1).max(100), roles: z.array(z.enum(STAFF_ROLES)).min(1) })).max(50).default([]),
    aspects: z.lazy(() => aspectsSchema).default([]),
  })
  .strict();
export type ConnectInput = z.infer<typeof connectInput>;

/** Wonde assessment aspects (by Wonde id or name) and the school's subject each one's results are points in. */
const aspectsSchema = z
  .array(z.object({ aspect: z.string().trim().min(1).max(100), subject: z.string().trim().min(1).max(60) }).strict())
  .max(100)
  .refine((list) => new Set(list.map((a) => a.aspect.toLowerCase())).size === list.length, { message: 'an aspect is mapped to one subject: it is named twice' });

/** The settings an admin changes without connecting again (no token needed). */
export const misSettingsInput = z.object({ aspects: aspectsSchema }).strict();

export const syncInput = z.object({ full: z.boolean().default(false) }).strict();

export interface SyncView {
  id: string;
  mode: 'FULL' | 'CHANGES';
  trigger: 'SCHEDULE' | 'ON_DEMAND';
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  requestedBy: string;
  since: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  pupils: { added: number; updated: number; unchanged: number; rejected: number; left: number };
  staff: { added: number; updated: number; unchanged: number; rejected: number };
  /** Evidence records by kind (attendance, exclusions, behaviour, achievements, assessments): imported, updated, unchanged, rejected. */
  evidence: unknown;
  requests: number;
  pages: number;
  problems: unknown;
  error: string | null;
}

export const syncView = (s: MisSync): SyncView => ({
  id: s.id,
  mode: s.mode,
  trigger: s.trigger,
  status: s.status,
  requestedBy: s.requestedBy,
  since: s.since,
  startedAt: s.startedAt,
  finishedAt: s.finishedAt,
  pupils: { added: s.added, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, left: s.left },
  staff: { added: s.staffAdded, updated: s.staffUpdated, unchanged: s.staffUnchanged, rejected: s.staffRejected },
  evidence: s.evidence,
  requests: s.requests,
  pages: s.pages,
  problems: s.rejections,
  error: s.error,
});

/** The settings as an admin gave them (and as the audit trail records them): never the token. */
const settingsOf = (c: MisConnection) => ({
  wondeSchoolId: c.wondeSchoolId,
  domain: c.domain,
  syncTime: c.syncTime,
  fullSyncWeekday: c.fullSyncWeekday,
  pupilKey: c.pupilKey,
  keyTeacher: { source: c.keyTeacherSource, ...(c.keyTeacherField ? { field: c.keyTeacherField } : {}) },
  staffRoles: c.staffRoles,
  aspects: c.aspectSubjects,
});

/** The unfinished sync a connection names in its cursor (see mis/sync.ts). */
export const cursorSyncId = (c: Pick<MisConnection, 'cursor'>): string | undefined => (c.cursor as { syncId?: string } | null)?.syncId;

function allowed(principal: Principal, schoolId: string): void {
  if (!canManageMisConnection(principal, schoolId)) throw forbidden('Only an admin of the school can connect or sync its MIS');
}

/** One change to a school's MIS link at a time, whatever instance takes it. */
async function lockSchool(tx: Tx, schoolId: string): Promise<{ timezone: string }> {
  const [school] = await tx.$queryRaw<{ timezone: string }[]>`SELECT "timezone" FROM "School" WHERE "id" = ${schoolId}::uuid FOR UPDATE`;
  if (!school) throw notFound('School');
  return school;
}

/** Plans the connection's next nightly sync (once, whichever instance plans it: keyed by the school-local date). */
export async function planNightly(tx: Prisma.TransactionClient, c: Pick<MisConnection, 'id' | 'schoolId' | 'syncTime' | 'fullSyncWeekday'>, timezone: string, after: Date): Promise<void> {
  const next = nextNightly(after, { timezone, syncTime: c.syncTime, fullSyncWeekday: c.fullSyncWeekday });
  await planJob(tx, { kind: NIGHTLY_JOB, dedupeKey: `${NIGHTLY_JOB}:${c.id}:${next.localDate}`, runAt: next.runAt, schoolId: c.schoolId, subjectId: c.id, payload: { connectionId: c.id, localDate: next.localDate } });
}

/** A sync to run now: recorded, named as the connection's unfinished sync, and its job planned. */
async function startSync(tx: Tx, c: MisConnection, o: { mode: 'FULL' | 'CHANGES'; requestedBy: string; now: Date }): Promise<MisSync> {
  const sync = await tx.misSync.create({ data: { connectionId: c.id, mode: o.mode, trigger: 'ON_DEMAND', requestedBy: o.requestedBy } });
  await tx.misConnection.update({ where: { id: c.id }, data: { cursor: { syncId: sync.id, phase: 'start' } } });
  await planJob(tx, { kind: SYNC_JOB, dedupeKey: `${SYNC_JOB}:${sync.id}`, runAt: o.now, schoolId: c.schoolId, subjectId: c.id, payload: { connectionId: c.id, syncId: sync.id } });
  return sync;
}

/**
 * The aspect mapping with each subject as the school's own key: every subject named must be one the
 * school assesses (it chose a scheme for it), so a result always has a scheme to be read in.
 */
async function schoolSubjectsOf(tx: Tx, schoolId: string, aspects: { aspect: string; subject: string }[]): Promise<{ aspect: string; subject: string }[]> {
  if (aspects.length === 0) return [];
  const subjects = await tx.assessmentSubject.findMany({ where: { schoolId }, select: { key: true, name: true }, orderBy: { key: 'asc' } });
  return aspects.map((a, i) => {
    const subject = matchSubject(subjects, a.subject);
    if (!subject) {
      const known = subjects.map((s) => s.key).join(', ') || 'none yet: choose a scheme for a subject first';
      throw invalid('unknown_subject', `aspects.${i}.subject: the school assesses no subject "${a.subject}" (its subjects: ${known})`);
    }
    return { aspect: a.aspect, subject: subject.key };
  });
}

export interface Connected {
  state: 'connected';
  settings: ReturnType<typeof settingsOf>;
  firstSync: SyncView;
}

/**
 * Connects (or reconnects, with a new token or settings) the school's MIS, and starts its first
 * full sync. Reconnecting to another Wonde school forgets which Wonde record was which.
 */
export async function connectMis(ctx: ServiceContext, principal: Principal, schoolId: string, input: ConnectInput): Promise<Connected> {
  allowed(principal, schoolId);
  if (input.domain === LOCAL_STAND_IN && !ctx.config.embeddedDatabase) throw invalid('stand_in_unavailable', 'The local Wonde stand-in exists only in the embedded default');
  const vault = tokenVault(ctx.config);
  if (!vault) throw new DomainError('unprocessable', 'mis_key_missing', 'MIS_TOKEN_KEY is not set, so the token cannot be stored encrypted: ask whoever runs the service to set it');
  const actor = actorOf(principal);
  const now = ctx.clock.now();
  return transaction(ctx.prisma, async (tx) => {
    const { timezone } = await lockSchool(tx, schoolId);
    const before = await tx.misConnection.findUnique({ where: { schoolId } });
    const aspects = await schoolSubjectsOf(tx, schoolId, input.aspects);
    const data = {
      wondeSchoolId: input.wondeSchoolId,
      domain: input.domain,
      tokenCiphertext: vault.seal(input.token, schoolId),
      state: 'CONNECTED' as const,
      syncTime: input.syncTime,
      fullSyncWeekday: input.fullSyncWeekday,
      pupilKey: input.pupilKey,
      keyTeacherSource: input.keyTeacher.source,
      keyTeacherField: input.keyTeacher.source === 'FIELD' ? input.keyTeacher.field! : null,
      staffRoles: input.staffRoles,
      aspectSubjects: aspects,
      connectedAt: now,
      revokedAt: null,
      disconnectedAt: null,
    };
    const otherSchool = before !== null && before.wondeSchoolId !== input.wondeSchoolId;
    const connection = before
      ? await tx.misConnection.update({
          where: { id: before.id },
          data: { ...data, ...(otherSchool ? { lastGoodSyncStartedAt: null, lastFullSyncAt: null, cursor: Prisma.DbNull } : {}) },
        })
      : await tx.misConnection.create({ data: { ...data, schoolId } });
    if (otherSchool) {
      await tx.misRecord.deleteMany({ where: { connectionId: connection.id } });
      const abandoned = before && cursorSyncId(before);
      if (abandoned) await tx.misSync.updateMany({ where: { id: abandoned, finishedAt: null }, data: { status: 'FAILED', finishedAt: now, error: 'The school connected another Wonde school before this sync finished' } });
    }
    await recordAudit(tx, actor, {
      schoolId,
      action: before ? 'mis.reconnect' : 'mis.connect',
      entityType: 'MisConnection',
      entityId: connection.id,
      before: before ? { state: before.state, ...settingsOf(before) } : undefined,
      after: { state: connection.state, ...settingsOf(connection) },
    });
    await cancelJobs(tx, connection.id, [NIGHTLY_JOB]);
    await planNightly(tx, connection, timezone, now);
    // An unfinished sync (connected again mid-sync) carries on; otherwise the first one starts now, in full.
    const unfinished = cursorSyncId(connection) && (await tx.misSync.findUnique({ where: { id: cursorSyncId(connection)! } }));
    const sync = unfinished || (await startSync(tx, connection, { mode: 'FULL', requestedBy: actor.label, now }));
    if (unfinished) await planJob(tx, { kind: SYNC_JOB, dedupeKey: `${SYNC_JOB}:${unfinished.id}`, runAt: now, schoolId, subjectId: connection.id, payload: { connectionId: connection.id, syncId: unfinished.id } });
    return { state: 'connected', settings: settingsOf(connection), firstSync: syncView(sync) };
  });
}

export type MisState =
  | { state: 'not_connected' }
  | ({
      state: 'connected' | 'revoked' | 'disconnected';
      connectedAt: Date;
      revokedAt: Date | null;
      disconnectedAt: Date | null;
      lastGoodSyncAt: Date | null;
      lastFullSyncAt: Date | null;
      nextSyncAt: Date | null;
      /** The sync under way or waiting to resume, if any. */
      current: SyncView | null;
      /** The latest sync that finished (succeeded or failed). */
      last: SyncView | null;
    } & ReturnType<typeof settingsOf>);

/** How the school's MIS link stands: state, settings, last sync, counts and problems. */
export async function misState(ctx: ServiceContext, principal: Principal, schoolId: string): Promise<MisState> {
  allowed(principal, schoolId);
  return transaction(ctx.prisma, async (tx) => {
    if (!(await tx.school.findUnique({ where: { id: schoolId }, select: { id: true } }))) throw notFound('School');
    const c = await tx.misConnection.findUnique({ where: { schoolId } });
    if (!c) return { state: 'not_connected' as const };
    const currentId = cursorSyncId(c);
    // One after another: a transaction's queries share its connection.
    const current = currentId ? await tx.misSync.findUnique({ where: { id: currentId } }) : null;
    const last = await tx.misSync.findFirst({ where: { connectionId: c.id, finishedAt: { not: null } }, orderBy: [{ finishedAt: 'desc' }, { createdAt: 'desc' }] });
    const next = c.state === 'CONNECTED' ? await tx.job.findFirst({ where: { subjectId: c.id, kind: NIGHTLY_JOB, status: 'PENDING' }, orderBy: { runAt: 'asc' }, select: { runAt: true } }) : null;
    return {
      state: c.state.toLowerCase() as 'connected' | 'revoked' | 'disconnected',
      ...settingsOf(c),
      connectedAt: c.connectedAt,
      revokedAt: c.revokedAt,
      disconnectedAt: c.disconnectedAt,
      lastGoodSyncAt: c.lastGoodSyncStartedAt,
      lastFullSyncAt: c.lastFullSyncAt,
      nextSyncAt: next?.runAt ?? null,
      current: current ? syncView(current) : null,
      last: last ? syncView(last) : null,
    };
  });
}

/** Stops the sync (no more nightly runs; one under way stops at its next page) and keeps every record it brought. The token is dropped. */
export async function disconnectMis(ctx: ServiceContext, principal: Principal, schoolId: string): Promise<{ state: 'disconnected' | 'not_connected' }> {
  allowed(principal, schoolId);
  const now = ctx.clock.now();
  return transaction(ctx.prisma, async (tx) => {
    await lockSchool(tx, schoolId);
    const c = await tx.misConnection.findUnique({ where: { schoolId } });
    if (!c) return { state: 'not_connected' as const };
    if (c.state === 'DISCONNECTED') return { state: 'disconnected' as const };
    const unfinished = cursorSyncId(c);
    await tx.misConnection.update({ where: { id: c.id }, data: { state: 'DISCONNECTED', disconnectedAt: now, tokenCiphertext: '', cursor: Prisma.DbNull, syncLockedBy: null, syncLockedUntil: null } });
    if (unfinished) await tx.misSync.updateMany({ where: { id: unfinished, finishedAt: null }, data: { status: 'FAILED', finishedAt: now, error: 'The MIS was disconnected before this sync finished' } });
    await cancelJobs(tx, c.id);
    await recordAudit(tx, actorOf(principal), { schoolId, action: 'mis.disconnect', entityType: 'MisConnection', entityId: c.id, before: { state: c.state }, after: { state: 'DISCONNECTED' } });
    return { state: 'disconnected' as const };
  });
}

/** Changes the settings that need no new token (the aspect mapping): validated, audited before and after; the next sync uses them. */
export async function changeMisSettings(ctx: ServiceContext, principal: Principal, schoolId: string, input: z.infer<typeof misSettingsInput>): Promise<ReturnType<typeof settingsOf>> {
  allowed(principal, schoolId);
  return transaction(ctx.prisma, async (tx) => {
    await lockSchool(tx, schoolId);
    const c = await tx.misConnection.findUnique({ where: { schoolId } });
    if (!c) throw conflict('not_connected', 'The school has not connected its MIS yet');
    const aspects = await schoolSubjectsOf(tx, schoolId, input.aspects);
    const after = await tx.misConnection.update({ where: { id: c.id }, data: { aspectSubjects: aspects } });
    if (JSON.stringify(c.aspectSubjects) !== JSON.stringify(aspects)) {
      await recordAudit(tx, actorOf(principal), { schoolId, action: 'mis.settings', entityType: 'MisConnection', entityId: c.id, before: { aspects: c.aspectSubjects }, after: { aspects } });
    }
    return settingsOf(after);
  });
}

/** Asks for a sync now: changes only (in full with `full`, or when there has never been a good one). One at a time: an unfinished sync is the answer. */
export async function requestSync(ctx: ServiceContext, principal: Principal, schoolId: string, input: z.infer<typeof syncInput>): Promise<{ sync: SyncView; alreadyUnderWay: boolean }> {
  allowed(principal, schoolId);
  const actor = actorOf(principal);
  const now = ctx.clock.now();
  return transaction(ctx.prisma, async (tx) => {
    await lockSchool(tx, schoolId);
    const c = await tx.misConnection.findUnique({ where: { schoolId } });
    if (!c) throw conflict('not_connected', 'The school has not connected its MIS yet');
    if (c.state !== 'CONNECTED') throw conflict(c.state === 'REVOKED' ? 'access_revoked' : 'not_connected', c.state === 'REVOKED' ? 'The school withdrew access in Wonde: connect again with a new token' : 'The MIS is disconnected: connect it again to sync');
    const unfinished = cursorSyncId(c) ? await tx.misSync.findUnique({ where: { id: cursorSyncId(c)! } }) : null;
    if (unfinished) return { sync: syncView(unfinished), alreadyUnderWay: true };
    const sync = await startSync(tx, c, { mode: input.full || !c.lastGoodSyncStartedAt ? 'FULL' : 'CHANGES', requestedBy: actor.label, now });
    await recordAudit(tx, actor, { schoolId, action: 'mis.sync.request', entityType: 'MisSync', entityId: sync.id, after: { mode: sync.mode } });
    return { sync: syncView(sync), alreadyUnderWay: false };
  });
}
