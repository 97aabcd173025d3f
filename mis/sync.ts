import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Prisma, type MisConnection, type MisSync, type StaffRole } from '../generated/prisma/client';
import { recordAudit, type Actor } from '../audit/audit';
import { transaction, type Tx } from '../db/transaction';
import { localDate } from '../domain/schoolCalendar';
import { PermanentFailure, RetryLater, type JobResult } from '../jobs/jobRunner';
import type { ClaimedJob } from '../jobs/jobQueue';
import { notifyStaff, staffWithRole } from '../messaging/staffNotifier';
import type { ServiceContext } from '../platform/context';
import type { UseCaseDeps } from '../platform/useCase';
import { importMisEvidence } from '../achievement/importKinds';
import { isoDay, schoolTerms } from '../evidence/access';
import type { Term } from '../evidence/windows';
import { importPupilRoster, importStaffRoster, type ImportRequest } from '../roster/importRoster';
import { cursorSyncId, LOCAL_STAND_IN, NIGHTLY_JOB, planNightly } from './connection';
import { CHANGES_OVERLAP_MS, nightlyMode } from './schedule';
import { tokenVault, TokenUnreadable } from './tokenVault';
import { WondeAccessRevoked, WondeClient, WondeRateLimited, WondeRefused, WondeUnavailable, type Malformed, type WondeClientOptions } from './wonde/client';
import * as rows from './wonde/rows';
import { EVIDENCE_KINDS, evidenceIncludes, evidenceRows, type AspectSubject, type HeldAttendance, type MisEvidenceKind } from './wonde/evidenceRows';
import { contact as contactShape, student as studentShape, type WondeContact, type WondeEmployee, type WondeStudent } from './wonde/shapes';

/**
 * One sync of a school's MIS, run by the jobs table (nightly, or when an admin asks), one at a time
 * per school (a lease on the connection), in steps that each end with its place saved in the
 * connection's cursor: a run that stops (its time is up, Wonde is away, the instance dies) carries on
 * from the last page it finished, and a page is only ever applied whole. Every pupil goes through
 * the register import (rows.ts makes the rows), in one transaction per page.
 *
 * Steps: the staff the school's role mapping names; the students (all of them in full, changed ones
 * otherwise; pupils on the SEN register or within two years of leaving it are kept, each read again
 * with their contacts); then, changes only, the contacts that changed and the forms whose tutor
 * changed (each pupil concerned read again); the deletions (a pupil Wonde no longer lists has left;
 * a deleted contact is dropped from the pupils who had them); the pupils waiting to be read again;
 * last, changes only, the evidence of every kept pupil this run has not read (the full sync reads it
 * with each pupil's contacts). A kept pupil's evidence (attendance, exclusions, behaviour,
 * achievements, the results of the aspects the school maps) comes with their own record, through the
 * evidence imports (./wonde/evidenceRows.ts makes the rows): nothing of any other pupil is asked for.
 */
export interface MisOptions {
  /** Real time one run works before it saves its place and hands over (its job runs again at once). */
  budgetMs: number;
  /** Tests: how the client waits, retries and times out. */
  client: Partial<Pick<WondeClientOptions, 'fetch' | 'sleep' | 'attempts' | 'retryBaseMs' | 'timeoutMs' | 'maxWaitMs' | 'perPage'>>;
}
export const DEFAULT_MIS_OPTIONS: MisOptions = { budgetMs: 60_000, client: {} };

type Phase = 'start' | 'staff' | 'students' | 'contacts' | 'keyTeachers' | 'deletions' | 'refetch' | 'evidence';

interface Cursor {
  syncId: string;
  phase: Phase;
  /** The next page of the list this step walks (a Wonde URL), and its first page (whose include and filters it keeps). */
  next?: string | null;
  first?: string;
  /** Wonde students synced in this run: later steps do not read them again. */
  done?: string[];
  /** Wonde students to read again (a contact or a tutor of theirs changed). */
  pending?: string[];
  /** Roles given to each employee (by Wonde id) in this run: each is imported again only to add one. */
  staffRoles?: Record<string, StaffRole[]>;
  /** Kept pupils (Wonde ids) whose evidence is still to read in this run, once the step starts. */
  evidence?: string[];
}

interface Problem {
  record: string;
  column: string;
  reason: string;
}

const LEASE_MS = 10 * 60_000;
const REFETCH_BATCH = 50;
const EVIDENCE_BATCH = 50;
const PROBLEMS_KEPT = 500;
const SYNC_ACTOR: Actor = { kind: 'SYSTEM', label: 'MIS sync (Wonde)' };

const problemsSchema = z.array(z.object({ record: z.string(), column: z.string(), reason: z.string() }));
const countsSchema = z.object({ imported: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() });
const aspectsSchema = z.array(z.object({ aspect: z.string(), subject: z.string() }));
const evidenceSchema = z.partialRecord(z.enum(EVIDENCE_KINDS), countsSchema);

/** The sync stopped being wanted while it ran (disconnected, reconnected elsewhere). */
class Stopped extends Error {}

type Save = (extra?: Prisma.MisSyncUpdateInput, also?: (tx: Tx) => Promise<void>) => Promise<void>;

type EvidenceCounts = {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
};
const addCounts = (a: EvidenceCounts | undefined, b: EvidenceCounts): EvidenceCounts => ({
  imported: (a?.imported ?? 0) + b.imported,
  updated: (a?.updated ?? 0) + b.updated,
  unchanged: (a?.unchanged ?? 0) + b.unchanged,
  rejected: (a?.rejected ?? 0) + b.rejected,
});

/** Counts of one run, added to the sync's on each save. */
class Tally {
  added = 0;
  updated = 0;
  unchanged = 0;
  rejected = 0;
  left = 0;
  staffAdded = 0;
  staffUpdated = 0;
  staffUnchanged = 0;
  staffRejected = 0;
  pages = 0;
  problems: Problem[] = [];
  evidence: Partial<Record<MisEvidenceKind, EvidenceCounts>> = {};

  countEvidence(kind: MisEvidenceKind, c: EvidenceCounts): void {
    this.evidence[kind] = addCounts(this.evidence[kind], c);
  }

  flush(): Prisma.MisSyncUpdateInput {
    const inc = (n: number) => ({ increment: n });
    const data: Prisma.MisSyncUpdateInput = {
      added: inc(this.added),
      updated: inc(this.updated),
      unchanged: inc(this.unchanged),
      rejected: inc(this.rejected),
      left: inc(this.left),
      staffAdded: inc(this.staffAdded),
      staffUpdated: inc(this.staffUpdated),
      staffUnchanged: inc(this.staffUnchanged),
      staffRejected: inc(this.staffRejected),
      pages: inc(this.pages),
    };
    Object.assign(this, new Tally());
    return data;
  }
}

/** What the sync holds of a pupil it may change. */
type Held = rows.HeldPupil & {
  id: string;
  misId: string;
  firstName: string;
  lastName: string;
  yearGroup: number;
  archivedAt: Date | null;
  contacts: { name: string; mobile: string; relationship: string; parentalResponsibility: boolean }[];
};

export class MisSyncRunner {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: UseCaseDeps,
    private readonly options: MisOptions,
    private readonly workerId: string,
  ) {}

  /** The job handler (both the nightly job and a sync asked for now). */
  async run(job: ClaimedJob): Promise<JobResult> {
    const { prisma, clock } = this.ctx;
    const connectionId = String(job.payload.connectionId);
    const now = clock.now();
    // The lease is a run's, not the instance's: one instance runs several jobs at once, in lanes.
    const holder = `${this.workerId}:${randomUUID()}`;
    // One statement, so two instances cannot both find the lease free (Prisma's updateMany reads, then writes).
    const claimed = await prisma.$executeRaw`
      UPDATE "MisConnection" SET "syncLockedBy" = ${holder}, "syncLockedUntil" = ${new Date(now.getTime() + LEASE_MS)}
       WHERE "id" = ${connectionId}::uuid AND "state" = 'CONNECTED' AND ("syncLockedUntil" IS NULL OR "syncLockedUntil" < ${now})`;
    if (claimed === 0) {
      const c = await prisma.misConnection.findUnique({ where: { id: connectionId }, select: { state: true, syncLockedUntil: true } });
      // Disconnected or revoked: nothing to do, and no next night until it is connected again.
      if (!c || c.state !== 'CONNECTED') return;
      // Another run holds the lease (and renews it at every step): look again in a minute.
      return { rescheduleAt: new Date(now.getTime() + 60_000) };
    }
    try {
      let c = await prisma.misConnection.findUniqueOrThrow({ where: { id: connectionId } });
      if (job.kind === NIGHTLY_JOB) c = await this.tonight(c, String(job.payload.localDate));
      else if (job.payload.syncId && cursorSyncId(c) !== job.payload.syncId) return; // that sync already finished
      if (!cursorSyncId(c)) return;
      return await this.carryOn(c, job, holder);
    } finally {
      await prisma.misConnection.updateMany({ where: { id: connectionId, syncLockedBy: holder }, data: { syncLockedBy: null, syncLockedUntil: null } });
    }
  }

  /** The nightly job: plans the next night first, then starts tonight's sync unless one is unfinished (which it carries on). */
  private async tonight(c: MisConnection, on: string): Promise<MisConnection> {
    const { prisma, clock } = this.ctx;
    return transaction(prisma, async (tx) => {
      const school = await tx.school.findUniqueOrThrow({ where: { id: c.schoolId }, select: { timezone: true } });
      await planNightly(tx, c, school.timezone, new Date(clock.now().getTime() + 60_000));
      if (cursorSyncId(c)) return c;
      const mode = nightlyMode(on, { timezone: school.timezone, syncTime: c.syncTime, fullSyncWeekday: c.fullSyncWeekday }, { goodStartedAt: c.lastGoodSyncStartedAt, fullAt: c.lastFullSyncAt }, clock.now());
      const sync = await tx.misSync.create({ data: { connectionId: c.id, mode, trigger: 'SCHEDULE', requestedBy: 'nightly' } });
      return tx.misConnection.update({ where: { id: c.id }, data: { cursor: { syncId: sync.id, phase: 'start' } } });
    });
  }

  private async carryOn(c: MisConnection, job: ClaimedJob, holder: string): Promise<JobResult> {
    const { prisma, clock, config, logger } = this.ctx;
    const cursor = c.cursor as unknown as Cursor;
    let sync = await prisma.misSync.findUniqueOrThrow({ where: { id: cursor.syncId } });
    const school = await prisma.school.findUniqueOrThrow({ where: { id: c.schoolId }, select: { timezone: true } });
    const tally = new Tally();

    /** Saves the run's place and counts (and `also`, in the same transaction); Stopped when the sync is no longer this run's. */
    const save: Save = async (extra = {}, also) => {
      const problems = tally.problems.splice(0);
      const evidence = tally.evidence;
      const counts = tally.flush();
      await transaction(prisma, async (tx) => {
        const kept = await tx.$executeRaw`
          UPDATE "MisConnection" SET "cursor" = ${JSON.stringify(cursor)}::jsonb, "syncLockedUntil" = ${new Date(clock.now().getTime() + LEASE_MS)}
           WHERE "id" = ${c.id}::uuid AND "state" = 'CONNECTED' AND "syncLockedBy" = ${holder}`;
        if (kept === 0) throw new Stopped();
        const current = await tx.misSync.findUniqueOrThrow({ where: { id: sync.id }, select: { rejections: true, evidence: true } });
        const all = [...problemsSchema.parse(current.rejections), ...problems].slice(0, PROBLEMS_KEPT);
        const held = evidenceSchema.parse(current.evidence);
        const merged = Object.fromEntries(EVIDENCE_KINDS.flatMap((k) => (held[k] || evidence[k] ? [[k, addCounts(held[k], evidence[k] ?? { imported: 0, updated: 0, unchanged: 0, rejected: 0 })]] : [])));
        sync = await tx.misSync.update({
          where: { id: sync.id },
          data: { ...counts, ...extra, requests: client ? { increment: client.requests - countedRequests } : undefined, rejections: all as unknown as Prisma.InputJsonValue, evidence: merged },
        });
        if (client) countedRequests = client.requests;
        await also?.(tx);
      });
    };

    let client: WondeClient | undefined;
    let countedRequests = 0;
    try {
      if (cursor.phase === 'start') {
        const since = sync.mode === 'CHANGES' && c.lastGoodSyncStartedAt ? new Date(c.lastGoodSyncStartedAt.getTime() - CHANGES_OVERLAP_MS) : null;
        Object.assign(cursor, { phase: 'staff', done: [], pending: [], staffRoles: {} } satisfies Partial<Cursor>);
        await save({ status: 'RUNNING', startedAt: clock.now(), since }, (tx) =>
          recordAudit(tx, SYNC_ACTOR, { schoolId: c.schoolId, action: 'mis.sync.start', entityType: 'MisSync', entityId: sync.id, after: { mode: sync.mode, trigger: sync.trigger, since } }),
        );
      } else if (sync.status !== 'RUNNING') {
        await save({ status: 'RUNNING', error: null, finishedAt: null });
      }
      const vault = tokenVault(config);
      if (!vault) throw new TokenUnreadable();
      client = new WondeClient({
        baseUrl: wondeBaseUrl(config, c.domain),
        wondeSchoolId: c.wondeSchoolId,
        token: vault.open(c.tokenCiphertext, c.schoolId),
        clock,
        logger,
        ...this.options.client,
      });
      const step = new SyncStep(this.ctx, this.deps, c, sync, cursor, client, tally, localDate(clock.now(), school.timezone));
      const started = performance.now();
      await step.loadReference();
      // At least one step a run, so a run always moves the sync on.
      while (cursor.phase !== ('done' as Phase)) {
        await step.next();
        await save();
        if (cursor.phase !== ('done' as Phase) && performance.now() - started > this.options.budgetMs) return { rescheduleAt: clock.now() };
      }
      await this.finish(c, sync, save);
      return;
    } catch (err) {
      if (err instanceof Stopped) return;
      if (err instanceof WondeAccessRevoked) return this.revoked(c, sync, err, save);
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof WondeRateLimited) {
        await save({ error: `${message}; carrying on then` }).catch(ignoreStopped);
        throw new RetryLater(message, err.retryAfterMs);
      }
      if (err instanceof WondeUnavailable) {
        const last = job.attempts >= job.maxAttempts;
        await save(last ? { status: 'FAILED', finishedAt: clock.now(), error: `${message}; the next sync carries on from where this one stopped` } : { error: `${message}; trying again later` }).catch(ignoreStopped);
        throw new RetryLater(message);
      }
      if (err instanceof WondeRefused || err instanceof TokenUnreadable) {
        await this.failed(c, sync, message);
        throw new PermanentFailure(message);
      }
      throw err;
    }
  }

  private async finish(c: MisConnection, sync: MisSync, save: Save): Promise<void> {
    const { clock, logger } = this.ctx;
    let done = sync;
    await save({ status: 'SUCCEEDED', finishedAt: clock.now(), error: null }, async (tx) => {
      done = await tx.misSync.findUniqueOrThrow({ where: { id: sync.id } });
      await tx.misConnection.update({
        where: { id: c.id },
        data: { cursor: Prisma.DbNull, lastGoodSyncStartedAt: done.startedAt, ...(done.mode === 'FULL' ? { lastFullSyncAt: done.startedAt } : {}) },
      });
      // Problems quote what the MIS holds (a number, a name): only the latest sync keeps them.
      await tx.misSync.updateMany({ where: { connectionId: c.id, id: { not: sync.id }, finishedAt: { not: null } }, data: { rejections: [] } });
      const counts = { added: done.added, updated: done.updated, unchanged: done.unchanged, rejected: done.rejected, left: done.left, staffAdded: done.staffAdded, staffUpdated: done.staffUpdated, staffRejected: done.staffRejected, requests: done.requests };
      await recordAudit(tx, SYNC_ACTOR, { schoolId: c.schoolId, action: 'mis.sync.finish', entityType: 'MisSync', entityId: sync.id, after: { status: 'SUCCEEDED', mode: done.mode, ...counts } });
    });
    logger.info({ schoolId: c.schoolId, syncId: sync.id, mode: done.mode, added: done.added, updated: done.updated, unchanged: done.unchanged, rejected: done.rejected, left: done.left, requests: done.requests }, 'MIS sync finished');
  }

  private async failed(c: MisConnection, sync: MisSync, error: string): Promise<void> {
    const { prisma, clock } = this.ctx;
    await transaction(prisma, async (tx) => {
      await tx.misSync.update({ where: { id: sync.id }, data: { status: 'FAILED', finishedAt: clock.now(), error } });
      await tx.misConnection.update({ where: { id: c.id }, data: { cursor: Prisma.DbNull } });
      await recordAudit(tx, SYNC_ACTOR, { schoolId: c.schoolId, action: 'mis.sync.finish', entityType: 'MisSync', entityId: sync.id, after: { status: 'FAILED', error } });
    });
  }

  /** 401/403: the connection is marked, the sync stops, and every admin of the school is told in Teams. */
  private async revoked(c: MisConnection, sync: MisSync, err: WondeAccessRevoked, save: Save): Promise<void> {
    const { clock, logger } = this.ctx;
    const now = clock.now();
    await save({ status: 'FAILED', finishedAt: now, error: err.message }, async (tx) => {
      await tx.misConnection.update({ where: { id: c.id }, data: { state: 'REVOKED', revokedAt: now, cursor: Prisma.DbNull } });
      await recordAudit(tx, SYNC_ACTOR, { schoolId: c.schoolId, action: 'mis.revoked', entityType: 'MisConnection', entityId: c.id, before: { state: 'CONNECTED' }, after: { state: 'REVOKED', status: err.status } });
      for (const staffId of await staffWithRole(tx, c.schoolId, 'ADMIN')) {
        await notifyStaff(tx, clock, {
          staffId,
          template: 'mis.accessRevoked',
          text: `Wonde refused access to the school's MIS data (it answered ${err.status}: the school withdrew the app's access in Wonde, or the token changed). The nightly update of the register has stopped; nothing already imported has changed. To start it again, approve the app in Wonde and connect the MIS again with the new token.`,
          idempotencyKey: `mis.accessRevoked:${c.id}:${now.toISOString()}:${staffId}`,
        });
      }
    }).catch(ignoreStopped);
    logger.warn({ schoolId: c.schoolId, syncId: sync.id, status: err.status }, 'Wonde access revoked; the admins were told');
  }
}

const ignoreStopped = (err: unknown): void => {
  if (!(err instanceof Stopped)) throw err;
};

/** The evidence includes of a student read again, to lay over the page's record of them. */
const evidenceOf = (s: WondeStudent): Partial<WondeStudent> => ({
  attendance_summary: s.attendance_summary,
  behaviours: s.behaviours,
  achievements: s.achievements,
  exclusions: s.exclusions,
  assessment_results: s.assessment_results,
});

/** Wonde's API for a connection: the school's regional domain, the stand-in of the embedded default, or WONDE_API_ORIGIN (tests). */
export function wondeBaseUrl(config: ServiceContext['config'], domain: string): string {
  if (config.WONDE_API_ORIGIN) return `${config.WONDE_API_ORIGIN.replace(/\/+$/, '')}/v1.0`;
  if (domain === LOCAL_STAND_IN) return `${config.publicBaseUrl}/standins/wonde/v1.0`;
  return `https://${domain}/v1.0`;
}

/** The steps of one run (see the file's comment): each call does one page or one batch. */
class SyncStep {
  private readonly settings: rows.SyncSettings;
  private teachers: rows.Teachers = { employeesOf: new Map(), employees: new Map() };
  private readonly since: Date | undefined;
  private readonly aspects: AspectSubject[];
  /** Wonde's aspect ids and their names, read once a run when the school maps aspects by name. */
  private aspectNames?: Map<string, string>;
  private terms: Term[] = [];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly deps: UseCaseDeps,
    private readonly c: MisConnection,
    private readonly sync: MisSync,
    private readonly cursor: Cursor,
    private readonly client: WondeClient,
    private readonly tally: Tally,
    private readonly today: string,
  ) {
    this.settings = {
      pupilKey: c.pupilKey,
      keyTeacherSource: c.keyTeacherSource,
      keyTeacherField: c.keyTeacherField,
      staffRoles: c.staffRoles as unknown as rows.StaffRoleMapping[],
    };
    this.since = sync.since ?? undefined;
    this.aspects = aspectsSchema.parse(c.aspectSubjects);
  }

  /** A kept pupil's record read again: their contacts and their evidence. */
  private get keptIncludes(): string[] {
    return [...rows.CONTACT_INCLUDES, ...evidenceIncludes(this.aspects)];
  }

  /** Employees and who teaches each form (or class): small lists, read whole at every run. */
  async loadReference(): Promise<void> {
    const employees = await this.client.employees({ include: ['contact_details', 'employment_details', 'roles'] });
    const units =
      this.settings.keyTeacherSource === 'CLASS' ? await this.client.classes({ include: ['employees'] }) : await this.client.groups({ include: ['employees'] });
    this.teachers = rows.teachersOf(units.records, employees.records);
    this.report([...employees.malformed, ...units.malformed]);
    this.terms = (await transaction(this.ctx.prisma, (tx) => schoolTerms(tx, this.c.schoolId, this.ctx.clock))).terms;
  }

  async next(): Promise<void> {
    const cur = this.cursor;
    switch (cur.phase) {
      case 'staff':
        await this.mappedStaff();
        return this.go('students');
      case 'students':
        return this.studentsPage();
      case 'contacts':
        return this.contactsPage();
      case 'keyTeachers':
        await this.keyTeacherChanges();
        return this.go('deletions');
      case 'deletions':
        await this.deletions();
        return this.go('refetch');
      case 'refetch':
        return this.refetchBatch();
      case 'evidence':
        return this.evidenceBatch();
      default:
        throw new Error(`unknown sync step ${cur.phase}`);
    }
  }

  private go(phase: Phase | 'done'): void {
    Object.assign(this.cursor, { phase, next: undefined, first: undefined });
  }

  // ------------------------------------------------------------ steps

  /** Staff the school maps by their MIS role (a SENCO, an admin), whether or not they are anyone's key teacher. */
  private async mappedStaff(): Promise<void> {
    if (this.settings.staffRoles.length === 0) return;
    const wanted = [...this.teachers.employees.values()].filter((e) => rows.mappedRoles(e, this.settings.staffRoles).length > 0);
    await this.importStaff(wanted, false);
  }

  private async studentsPage(): Promise<void> {
    const cur = this.cursor;
    const first = cur.first ?? this.client.url('students', { include: rows.studentIncludes(this.settings), updatedAfter: this.since });
    const page = await this.client.page('student', cur.next ?? first, studentShape, first);
    this.tally.pages += 1;
    this.report(page.malformed);
    const kept = await this.kept(page.records);
    const withContacts: { student: WondeStudent; contacts: WondeContact[] }[] = [];
    for (const student of kept) {
      const { record, malformed } = await this.client.student(student.id, this.keptIncludes);
      if (malformed) this.report([malformed]);
      else if (record) withContacts.push({ student: { ...student, ...evidenceOf(record) }, contacts: record.contacts?.data ?? [] });
    }
    await this.applyStudents(withContacts);
    if (page.next) Object.assign(cur, { next: page.next, first });
    else this.go(this.sync.mode === 'CHANGES' ? 'contacts' : 'deletions');
  }

  /** Changes only: a contact that changed (a new number) has every pupil of theirs we hold read again. */
  private async contactsPage(): Promise<void> {
    const cur = this.cursor;
    const first = cur.first ?? this.client.url('contacts', { include: ['students'], updatedAfter: this.since });
    const page = await this.client.page('contact', cur.next ?? first, contactShape, first);
    this.tally.pages += 1;
    this.report(page.malformed);
    const students = page.records.flatMap((c) => (c.students?.data ?? []).map((s) => s.id));
    await this.queue(students);
    if (page.next) Object.assign(cur, { next: page.next, first });
    else this.go('keyTeachers');
  }

  /** Changes only: pupils whose form (or class) now has another teacher than their key teacher here. */
  private async keyTeacherChanges(): Promise<void> {
    if (this.settings.keyTeacherSource === 'FIELD') return;
    const { prisma } = this.ctx;
    const records = await prisma.misRecord.findMany({ where: { connectionId: this.c.id, kind: 'STUDENT', groupId: { not: null } } });
    const pupils = new Map(
      (await prisma.pupil.findMany({ where: { id: { in: records.map((r) => r.localId) }, archivedAt: null, anonymisedAt: null }, select: { id: true, keyTeacher: { select: { email: true } } } })).map((p) => [p.id, p.keyTeacher?.email]),
    );
    const changed = records.filter((r) => {
      if (!pupils.has(r.localId)) return false;
      const teacher = rows.unitTeacher(r.groupId!, this.teachers);
      return teacher !== undefined && rows.emailOf(teacher) !== pupils.get(r.localId);
    });
    await this.queue(changed.map((r) => r.wondeId));
  }

  /** Pupils Wonde lists as deleted have left; a deleted contact's pupils are read again without them. */
  private async deletions(): Promise<void> {
    const { prisma } = this.ctx;
    const students = await this.client.deletions('student', this.since);
    const contacts = await this.client.deletions('contact', this.since);
    this.report([...students.malformed, ...contacts.malformed]);
    const gone = students.records.filter((d) => !d.restored);
    const records = await prisma.misRecord.findMany({ where: { connectionId: this.c.id, kind: 'STUDENT', wondeId: { in: gone.map((d) => d.id) } } });
    const byPupil = new Map(records.map((r) => [r.localId, r.wondeId]));
    const held = await this.heldBy({ id: { in: [...byPupil.keys()] }, archivedAt: null });
    const leavers = [...held.values()].map((h) => {
      const wondeId = byPupil.get(h.id)!;
      const deletion = gone.find((d) => d.id === wondeId)!;
      return { wondeId, held: h, leftOn: deletion.deleted_at?.date.slice(0, 10) ?? this.today };
    });
    if (leavers.length > 0) {
      await this.importPupils(
        leavers.map((l) => rows.leaverRow(l.held, l.leftOn)),
        leavers.map((l) => ({ wondeId: l.wondeId, held: l.held, contacts: [] })),
      );
    }
    const contactRecords = await prisma.misRecord.findMany({ where: { connectionId: this.c.id, kind: 'CONTACT', wondeId: { in: contacts.records.filter((d) => !d.restored).map((d) => d.id) } } });
    const links = await prisma.pupilContact.findMany({ where: { contactId: { in: contactRecords.map((r) => r.localId) } }, select: { pupilId: true } });
    const theirPupils = await prisma.misRecord.findMany({ where: { connectionId: this.c.id, kind: 'STUDENT', localId: { in: links.map((l) => l.pupilId) } } });
    const left = new Set(gone.map((d) => d.id));
    await this.queue(theirPupils.map((r) => r.wondeId).filter((id) => !left.has(id)));
  }

  private async refetchBatch(): Promise<void> {
    const cur = this.cursor;
    const batch = (cur.pending ?? []).slice(0, REFETCH_BATCH);
    const read: WondeStudent[] = [];
    for (const id of batch) {
      const { record, malformed } = await this.client.student(id, [...rows.studentIncludes(this.settings), ...this.keptIncludes]);
      if (malformed) this.report([malformed]);
      else if (record) read.push(record);
    }
    const kept = await this.kept(read);
    await this.applyStudents(kept.map((student) => ({ student, contacts: student.contacts?.data ?? [] })));
    cur.pending = (cur.pending ?? []).slice(batch.length);
    if (cur.pending.length === 0) this.go(this.sync.mode === 'CHANGES' ? 'evidence' : 'done');
  }

  /**
   * Changes only: the evidence of the kept pupils this run has not read (an exclusion or an
   * incident does not change the pupil's own record, so updated_after cannot find it). Each is read
   * with only the evidence includes; the imports write only what changed.
   */
  private async evidenceBatch(): Promise<void> {
    const cur = this.cursor;
    if (!cur.evidence) {
      const done = new Set(cur.done ?? []);
      const records = await this.ctx.prisma.misRecord.findMany({ where: { connectionId: this.c.id, kind: 'STUDENT' }, select: { wondeId: true, localId: true } });
      const held = await this.heldBy({ id: { in: records.map((r) => r.localId) }, archivedAt: null });
      const keptIds = new Set([...held.values()].filter((h) => rows.keepsHeld(h, this.today)).map((h) => h.id));
      cur.evidence = records.filter((r) => keptIds.has(r.localId) && !done.has(r.wondeId)).map((r) => r.wondeId);
    }
    const batch = cur.evidence.slice(0, EVIDENCE_BATCH);
    const read: WondeStudent[] = [];
    for (const id of batch) {
      const { record, malformed } = await this.client.student(id, ['education_details', ...evidenceIncludes(this.aspects)]);
      if (malformed) this.report([malformed]);
      else if (record) read.push(record);
    }
    const misIds = read.flatMap((s) => rows.misIdOf(s, this.settings) ?? []);
    await this.importEvidence(read, new Set(misIds));
    cur.evidence = cur.evidence.slice(batch.length);
    if (cur.evidence.length === 0) this.go('done');
  }

  /** Students to read again at the end, once each, unless this run has synced them already. */
  private async queue(wondeIds: string[]): Promise<void> {
    const held = new Set(
      (await this.ctx.prisma.misRecord.findMany({ where: { connectionId: this.c.id, kind: 'STUDENT', wondeId: { in: wondeIds } }, select: { wondeId: true } })).map((r) => r.wondeId),
    );
    const skip = new Set([...(this.cursor.done ?? []), ...(this.cursor.pending ?? [])]);
    this.cursor.pending = [...(this.cursor.pending ?? []), ...new Set(wondeIds.filter((id) => held.has(id) && !skip.has(id)))];
  }

  // ------------------------------------------------------------ what is kept, and the one path in

  /** The students of a page the product keeps (see rows.keeps); a pupil erased here is never brought back. */
  private async kept(students: WondeStudent[]): Promise<WondeStudent[]> {
    const held = await this.heldBy({ misId: { in: students.flatMap((s) => rows.misIdOf(s, this.settings) ?? []) } });
    const records = await this.ctx.prisma.misRecord.findMany({ where: { connectionId: this.c.id, kind: 'STUDENT', wondeId: { in: students.map((s) => s.id) } }, select: { localId: true } });
    const erased = new Set(
      (await this.ctx.prisma.pupil.findMany({ where: { id: { in: records.map((r) => r.localId) }, anonymisedAt: { not: null } }, select: { id: true } })).map((p) => p.id),
    );
    const erasedWonde = new Set(
      (await this.ctx.prisma.misRecord.findMany({ where: { connectionId: this.c.id, kind: 'STUDENT', localId: { in: [...erased] } }, select: { wondeId: true } })).map((r) => r.wondeId),
    );
    return students.filter((s) => !erasedWonde.has(s.id) && rows.keeps(s, held.get(rows.misIdOf(s, this.settings) ?? ''), this.today));
  }

  private async heldBy(where: Prisma.PupilWhereInput): Promise<Map<string, Held>> {
    const pupils = await this.ctx.prisma.pupil.findMany({
      where: { schoolId: this.c.schoolId, anonymisedAt: null, ...where },
      select: {
        id: true,
        misId: true,
        firstName: true,
        lastName: true,
        yearGroup: true,
        senStatus: true,
        primaryNeed: true,
        secondaryNeed: true,
        lookedAfter: true,
        archivedAt: true,
        keyTeacher: { select: { email: true } },
        senHistory: { where: { senStatus: 'NOT_ON_REGISTER' }, orderBy: { effectiveOn: 'desc' }, take: 1, select: { effectiveOn: true } },
        contacts: { orderBy: { priority: 'asc' }, select: { relationship: true, parentalResponsibility: true, contact: { select: { displayName: true, mobile: true } } } },
      },
    });
    return new Map(
      pupils.map((p) => [
        p.misId,
        {
          id: p.id,
          misId: p.misId,
          firstName: p.firstName,
          lastName: p.lastName,
          yearGroup: p.yearGroup,
          senStatus: p.senStatus,
          primaryNeed: p.primaryNeed,
          secondaryNeed: p.secondaryNeed,
          lookedAfter: p.lookedAfter,
          archivedAt: p.archivedAt,
          keyTeacherEmail: p.keyTeacher?.email ?? null,
          leftRegisterOn: p.senHistory[0]?.effectiveOn.toISOString().slice(0, 10),
          contacts: p.contacts.map((l) => ({ name: l.contact.displayName, mobile: l.contact.mobile, relationship: l.relationship, parentalResponsibility: l.parentalResponsibility })),
        },
      ]),
    );
  }

  private request(): ImportRequest {
    return { prisma: this.ctx.prisma, clock: this.ctx.clock, actor: SYNC_ACTOR, schoolId: this.c.schoolId, fileName: `Wonde sync ${this.sync.id} (${this.sync.mode.toLowerCase()})`, requestId: this.sync.id };
  }

  /**
   * Staff through the register import: key teachers before the pupils who name them, and the staff
   * the school's role mapping names. Roles are only ever added (rows.staffRow keeps what they hold).
   */
  private async importStaff(employees: WondeEmployee[], keyTeacher: boolean): Promise<void> {
    const given = this.cursor.staffRoles ?? {};
    const wanted = [...new Map(employees.map((e) => [e.id, e])).values()].map((e) => ({ e, roles: [...new Set<StaffRole>([...(keyTeacher ? (['KEY_TEACHER'] as const) : []), ...rows.mappedRoles(e, this.settings.staffRoles)])] }));
    const fresh = wanted.filter(({ e, roles }) => roles.some((r) => !(given[e.id] ?? []).includes(r)));
    if (fresh.length === 0) return;
    const emails = fresh.flatMap(({ e }) => rows.emailOf(e) ?? []);
    const held = new Map((await this.ctx.prisma.staff.findMany({ where: { schoolId: this.c.schoolId, email: { in: emails } }, select: { email: true, roles: true } })).map((s) => [s.email, s.roles]));
    const staffRows = fresh.map(({ e, roles }) => rows.staffRow(e, [...new Set([...(given[e.id] ?? []), ...roles])], held.get(rows.emailOf(e) ?? '') ?? []));
    const summary = await importStaffRoster(this.request(), staffRows);
    this.tally.staffAdded += summary.imported;
    this.tally.staffUpdated += summary.updated;
    this.tally.staffUnchanged += summary.unchanged;
    this.tally.staffRejected += summary.rejected;
    this.tally.problems.push(...summary.rejections.map((r) => ({ record: `employee ${fresh[r.row - 2]?.e.id ?? '?'}`, column: r.column, reason: r.reason })));
    const rejected = new Set(summary.rejections.map((r) => r.row - 2));
    const ok = fresh.filter((_, i) => !rejected.has(i));
    const ids = new Map((await this.ctx.prisma.staff.findMany({ where: { schoolId: this.c.schoolId, email: { in: ok.flatMap(({ e }) => rows.emailOf(e) ?? []) } }, select: { id: true, email: true } })).map((s) => [s.email, s.id]));
    await this.remember(ok.flatMap(({ e }) => (ids.has(rows.emailOf(e)!) ? [{ kind: 'EMPLOYEE' as const, wondeId: e.id, localId: ids.get(rows.emailOf(e)!)! }] : [])));
    for (const { e, roles } of fresh) given[e.id] = [...new Set([...(given[e.id] ?? []), ...roles])];
    this.cursor.staffRoles = given;
  }

  /** Students with their contacts, through the register import. */
  private async applyStudents(items: { student: WondeStudent; contacts: WondeContact[] }[]): Promise<void> {
    if (items.length === 0) return;
    const keys = items.map(({ student }) => rows.keyTeacherOf(student, this.settings, this.teachers));
    await this.importStaff(keys.flatMap((k) => (k.employee ? [k.employee] : [])), true);
    const held = await this.heldBy({ misId: { in: items.flatMap(({ student }) => rows.misIdOf(student, this.settings) ?? []) } });
    const mobiles = items.flatMap(({ contacts }) => contacts.flatMap((c) => rows.storedMobile(c) ?? []));
    const heldMobiles = new Set((await this.ctx.prisma.contact.findMany({ where: { schoolId: this.c.schoolId, mobile: { in: mobiles } }, select: { mobile: true } })).map((c) => c.mobile));
    const pupilRows = items.map(({ student, contacts }, i) =>
      rows.pupilRow({ student, contacts, keyTeacherEmail: keys[i]!.employee ? rows.emailOf(keys[i]!.employee!) : undefined, held: held.get(rows.misIdOf(student, this.settings) ?? ''), heldMobiles, settings: this.settings }),
    );
    const accepted = await this.importPupils(
      pupilRows,
      items.map(({ student, contacts }, i) => ({ wondeId: student.id, held: held.get(rows.misIdOf(student, this.settings) ?? ''), unitId: keys[i]!.unitId, contacts: rows.rowContacts(contacts) })),
    );
    await this.importEvidence(items.map(({ student }) => student), accepted);
    this.cursor.done = [...(this.cursor.done ?? []), ...items.map(({ student }) => student.id)];
  }

  /**
   * Kept pupils' evidence through the evidence imports, kind by kind (each a transaction of its own,
   * after the pupils' own: evidence needs the pupil). Only pupils the register import accepted (by
   * their key, `accepted`); a rejected row's problem is reported against its Wonde student.
   */
  private async importEvidence(students: WondeStudent[], accepted: Set<string>): Promise<void> {
    const items = students.flatMap((student) => {
      const misId = rows.misIdOf(student, this.settings);
      return misId && accepted.has(misId) ? [{ student, misId }] : [];
    });
    if (items.length === 0) return;
    const pupils = await this.ctx.prisma.pupil.findMany({
      where: { schoolId: this.c.schoolId, misId: { in: items.map((i) => i.misId) } },
      select: { misId: true, attendanceRecords: { select: { fromDate: true, toDate: true, sessionsPossible: true, sessionsAttended: true } } },
    });
    const attendance = new Map(pupils.map((p) => [p.misId, p.attendanceRecords.map((a): HeldAttendance => ({ from: isoDay(a.fromDate), to: isoDay(a.toDate), possible: a.sessionsPossible, attended: a.sessionsAttended }))]));
    const made = evidenceRows(
      items.map((i) => ({ ...i, held: attendance.get(i.misId) ?? [] })),
      { terms: this.terms, today: this.today, aspects: this.aspects, aspectNames: await this.aspectNamesIfNeeded(items.map((i) => i.student)) },
    );
    this.tally.problems.push(...made.problems.map((p) => ({ record: `student ${p.wondeId}`, column: p.column, reason: p.reason })));
    for (const kind of EVIDENCE_KINDS) {
      const list = made.rows[kind];
      if (list.length === 0) continue;
      const summary = await importMisEvidence(this.deps, SYNC_ACTOR, this.c.schoolId, kind, list.map((r) => r.row), this.request().fileName!);
      this.tally.countEvidence(kind, summary);
      this.tally.problems.push(...summary.rejections.map((r) => ({ record: `student ${list[r.row - 2]?.wondeId ?? '?'} (${kind})`, column: r.column, reason: r.reason })));
    }
  }

  /** Wonde's aspects, by id, when a result names an aspect the mapping does not name by id. */
  private async aspectNamesIfNeeded(students: WondeStudent[]): Promise<Map<string, string>> {
    if (this.aspectNames) return this.aspectNames;
    const byId = new Set(this.aspects.map((a) => a.aspect.toLowerCase()));
    const named = students.some((s) => (s.assessment_results?.data ?? []).some((r) => {
      const id = typeof r.aspect === 'string' ? r.aspect : r.aspect?.id;
      return id !== undefined && !byId.has(id.toLowerCase());
    }));
    if (!named) return new Map();
    const { records, malformed } = await this.client.aspects();
    this.report(malformed);
    this.aspectNames = new Map(records.map((a) => [a.id, a.name ?? '']));
    return this.aspectNames;
  }

  /** The one path in: the register import, then which Wonde record is which of ours. Answers the keys of the pupils it accepted. */
  private async importPupils(pupilRows: rows.Row[], refs: { wondeId: string; held?: Held; unitId?: string; contacts: WondeContact[] }[]): Promise<Set<string>> {
    const summary = await importPupilRoster(this.request(), pupilRows);
    const rejected = new Set(summary.rejections.map((r) => r.row - 2));
    const leftOn = (row: rows.Row) => row[rows.LEAVING_HEADER] ?? '';
    const left = refs.filter((ref, i) => !rejected.has(i) && ref.held && ref.held.archivedAt === null && leftOn(pupilRows[i]!) !== '' && leftOn(pupilRows[i]!) <= this.today).length;
    this.tally.added += summary.imported;
    this.tally.updated += summary.updated - left;
    this.tally.unchanged += summary.unchanged;
    this.tally.rejected += summary.rejected;
    this.tally.left += left;
    this.tally.problems.push(...summary.rejections.map((r) => ({ record: `student ${refs[r.row - 2]?.wondeId ?? '?'}`, column: r.column, reason: r.reason })));

    const ok = refs.map((ref, i) => ({ ref, row: pupilRows[i]! })).filter((_, i) => !rejected.has(i));
    const misIds = ok.map(({ row }) => row[rows.MIS_ID_HEADER]!.toUpperCase());
    const pupilIds = new Map((await this.ctx.prisma.pupil.findMany({ where: { schoolId: this.c.schoolId, misId: { in: misIds } }, select: { id: true, misId: true } })).map((p) => [p.misId, p.id]));
    const mobiles = ok.flatMap(({ ref }) => ref.contacts.map((c) => ({ wondeId: c.id, mobile: rows.storedMobile(c) })));
    const contactIds = new Map(
      (await this.ctx.prisma.contact.findMany({ where: { schoolId: this.c.schoolId, mobile: { in: mobiles.flatMap((m) => m.mobile ?? []) } }, select: { id: true, mobile: true } })).map((c) => [c.mobile, c.id]),
    );
    await this.remember([
      ...ok.flatMap(({ ref }, i) => (pupilIds.has(misIds[i]!) ? [{ kind: 'STUDENT' as const, wondeId: ref.wondeId, localId: pupilIds.get(misIds[i]!)!, groupId: ref.unitId ?? null }] : [])),
      ...mobiles.flatMap((m) => (m.mobile && contactIds.has(m.mobile) ? [{ kind: 'CONTACT' as const, wondeId: m.wondeId, localId: contactIds.get(m.mobile)! }] : [])),
    ]);
    return new Set(misIds.filter((id) => pupilIds.has(id)));
  }

  private async remember(records: { kind: 'STUDENT' | 'CONTACT' | 'EMPLOYEE'; wondeId: string; localId: string; groupId?: string | null }[]): Promise<void> {
    if (records.length === 0) return;
    const unique = [...new Map(records.map((r) => [`${r.kind}:${r.wondeId}`, r])).values()];
    const values = unique.map((r) => Prisma.sql`(${this.c.id}::uuid, ${r.kind}::"MisRecordKind", ${r.wondeId}, ${r.localId}::uuid, ${r.groupId ?? null}, now())`);
    await this.ctx.prisma.$executeRaw`
      INSERT INTO "MisRecord" ("connectionId", "kind", "wondeId", "localId", "groupId", "updatedAt") VALUES ${Prisma.join(values)}
      ON CONFLICT ("connectionId", "kind", "wondeId") DO UPDATE
        SET "localId" = EXCLUDED."localId",
            "groupId" = CASE WHEN EXCLUDED."kind" = 'STUDENT' THEN EXCLUDED."groupId" ELSE "MisRecord"."groupId" END,
            "updatedAt" = now()`;
  }

  private report(malformed: Malformed[]): void {
    if (malformed.length === 0) return;
    this.tally.rejected += malformed.filter((m) => m.kind === 'student').length;
    this.tally.problems.push(...malformed.map((m) => ({ record: `${m.kind} ${m.id ?? '(no id)'}`, column: '', reason: `not the shape Wonde documents, so it was not imported: ${m.problem}` })));
  }
}

