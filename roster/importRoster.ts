import { DateTime } from 'luxon';
import type { Prisma, StaffRole } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction } from '../db/transaction';
import { markForPlanning } from '../jobs/planningMarks';
import { changedFields, recordAuditMany, type Actor } from '../audit/audit';
import type { Clock } from '../runtime/clock';
import { suppressedAmong } from '../privacy/suppression';
import { parsePupilRoster, type ContactRecord, type PupilRecord } from './pupilRow';
import { parseStaffRoster, type StaffRecord } from './staffRow';
import { fixesFor, type Fix, type ReadOptions, type Rejection, type TableSource } from './rows';
import { ENGLISH } from '../messaging/languages';

/**
 * Writes a register or staff list: a CSV file's text, or records keyed by its headers (the MIS sync's
 * rows, roster/rows.ts TableSource), read by the same parser either way. Policy: every row is validated first (cells, key teachers, identities);
 * then all valid rows are written in ONE transaction, so a database failure leaves nothing of the
 * file half-imported and a retry is safe (the import is idempotent). Invalid rows are reported and
 * nothing of them is written. Imports of one school are serialised by an advisory lock.
 */
export interface RosterSummary {
  importId: string;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: Rejection[];
  /** The same rejections grouped by column and reason: what to change once for every row it names. */
  fixes: Fix[];
  ignoredColumns: string[];
}

export interface ImportRequest {
  prisma: PrismaClient;
  clock: Clock;
  actor: Actor;
  schoolId: string;
  fileName?: string;
  requestId?: string;
}

type Tx = Prisma.TransactionClient;
type Outcome = 'imported' | 'updated' | 'unchanged';

// An import of a whole school's register may take a while; Prisma's 5 s default is for requests.
const TRANSACTION = { timeout: 10 * 60_000, maxWait: 60_000 };

interface AuditDraft {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const asJson = (v: unknown): Prisma.InputJsonValue | undefined => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

const audit = (tx: Tx, req: ImportRequest, drafts: AuditDraft[]): Promise<void> =>
  recordAuditMany(tx, req.actor, drafts.map((d) => ({ ...d, schoolId: req.schoolId, requestId: req.requestId })));

async function lockSchool(tx: Tx, schoolId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`roster:${schoolId}`}))`;
}

type Counts = Omit<RosterSummary, 'importId' | 'ignoredColumns' | 'fixes'>;

function summarise(outcomes: Outcome[], rejections: Rejection[]): Counts {
  const sorted = [...rejections].sort((a, b) => a.row - b.row);
  return {
    imported: outcomes.filter((o) => o === 'imported').length,
    updated: outcomes.filter((o) => o === 'updated').length,
    unchanged: outcomes.filter((o) => o === 'unchanged').length,
    rejected: new Set(sorted.map((r) => r.row)).size,
    rejections: sorted,
  };
}

async function recordImport(tx: Tx, req: ImportRequest, kind: 'PUPILS' | 'STAFF', startedAt: Date, summary: Counts): Promise<string> {
  const row = await tx.rosterImport.create({
    data: {
      schoolId: req.schoolId,
      kind,
      fileName: req.fileName ?? null,
      imported: summary.imported,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      rejections: asJson(summary.rejections)!,
      actorLabel: req.actor.label,
      startedAt,
      finishedAt: req.clock.now(),
    },
  });
  return row.id;
}

// ---------------------------------------------------------------- staff

const ROLE_ORDER: StaffRole[] = ['TEACHER', 'KEY_TEACHER', 'SENCO', 'SCHOOL_LEAD', 'ADMIN'];
const sortRoles = (roles: StaffRole[]): StaffRole[] => [...roles].sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function importStaffRoster(req: ImportRequest, source: TableSource, options: ReadOptions = {}): Promise<RosterSummary> {
  const startedAt = req.clock.now();
  const parsed = parseStaffRoster(source, options);
  return req.prisma.$transaction(async (tx) => {
    await lockSchool(tx, req.schoolId);
    const rejections = [...parsed.rejections];
    const emails = parsed.rows.map((r) => r.record.email);
    const existing = new Map((await tx.staff.findMany({ where: { schoolId: req.schoolId, email: { in: emails } } })).map((s) => [s.email, s]));
    const objectIds = parsed.rows.flatMap((r) => (r.record.aadObjectId ? [r.record.aadObjectId] : []));
    const owners = new Map(
      (await tx.staff.findMany({ where: { aadObjectId: { in: objectIds } }, select: { aadObjectId: true, schoolId: true, email: true } })).map((s) => [s.aadObjectId, s]),
    );

    const outcomes: Outcome[] = [];
    const creates: StaffRecord[] = [];
    const drafts: AuditDraft[] = [];
    for (const { row, record } of parsed.rows) {
      const owner = record.aadObjectId ? owners.get(record.aadObjectId) : undefined;
      if (owner && (owner.schoolId !== req.schoolId || owner.email !== record.email)) {
        rejections.push({ row, column: parsed.column('aadObjectId'), reason: 'this Entra object id already belongs to another member of staff' });
        continue;
      }
      const desired = defined({ ...record, roles: sortRoles(record.roles) });
      const before = existing.get(record.email);
      if (!before) {
        creates.push(desired as StaffRecord);
        outcomes.push('imported');
        continue;
      }
      const diff = changedFields({ ...before, roles: sortRoles(before.roles) } as Record<string, unknown>, desired);
      if (Object.keys(diff.after).length === 0) {
        outcomes.push('unchanged');
        continue;
      }
      await tx.staff.update({ where: { id: before.id }, data: diff.after });
      drafts.push({ action: 'staff.update', entityType: 'Staff', entityId: before.id, ...diff });
      outcomes.push('updated');
    }
    const created = await tx.staff.createManyAndReturn({ data: creates.map((s) => ({ ...s, schoolId: req.schoolId })) });
    for (const s of created) {
      drafts.push({ action: 'staff.create', entityType: 'Staff', entityId: s.id, after: defined({ displayName: s.displayName, email: s.email, roles: s.roles, jobTitle: s.jobTitle ?? undefined, teamsUserId: s.teamsUserId ?? undefined, aadObjectId: s.aadObjectId ?? undefined }) });
    }
    await audit(tx, req, drafts);
    const summary = summarise(outcomes, rejections);
    return { importId: await recordImport(tx, req, 'STAFF', startedAt, summary), ...summary, fixes: fixesFor(summary.rejections), ignoredColumns: parsed.ignoredColumns };
  }, TRANSACTION);
}

// ---------------------------------------------------------------- pupils

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const dateOf = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** A pupil as the import compares it: plain values, dates as YYYY-MM-DD. */
type PupilView = {
  firstName: string;
  lastName: string;
  yearGroup: number;
  senStatus: PupilRecord['senStatus'];
  primaryNeed?: PupilRecord['primaryNeed'];
  secondaryNeed?: PupilRecord['secondaryNeed'];
  lookedAfter?: boolean;
  keyTeacherId: string | null;
  onRegisterSince?: string;
  /** The day the pupil left (their records then follow the school's leaver rule); null: on the roll. */
  archivedAt?: string | null;
};

type ContactView = {
  displayName: string;
  preferredLanguage?: ContactRecord['language'];
  smsConsent?: boolean;
};

type LinkView = {
  relationship?: ContactRecord['relationship'];
  parentalResponsibility?: boolean;
  priority: number;
};

function toPupilData(v: Partial<PupilView>): Prisma.PupilUncheckedUpdateInput {
  const { onRegisterSince, archivedAt, ...rest } = v;
  return {
    ...rest,
    ...(onRegisterSince ? { onRegisterSince: dateOf(onRegisterSince) } : {}),
    ...(archivedAt !== undefined ? { archivedAt: archivedAt === null ? null : dateOf(archivedAt) } : {}),
  };
}

/** A leaving date still to come (a nightly MIS export names it ahead) leaves the pupil on the roll until then. */
function leftBy(leftOn: string | null | undefined, today: string): string | null | undefined {
  return leftOn === undefined ? undefined : leftOn !== null && leftOn <= today ? leftOn : null;
}

export async function importPupilRoster(req: ImportRequest, source: TableSource, options: ReadOptions = {}): Promise<RosterSummary> {
  const startedAt = req.clock.now();
  const parsed = parsePupilRoster(source, options);
  return transaction(req.prisma, async (tx) => {
    await lockSchool(tx, req.schoolId);
    const school = await tx.school.findUniqueOrThrow({ where: { id: req.schoolId }, select: { timezone: true } });
    const today = DateTime.fromJSDate(startedAt).setZone(school.timezone).toISODate()!;
    const rejections = [...parsed.rejections];

    // Key teachers are matched by email among the school's active staff, on every row that names
    // one: a row rejected for other cells reports an unknown key teacher too, all in one go.
    const emails = [...new Set(parsed.keyTeachers.map((k) => k.email))];
    const staffByEmail = new Map(
      (await tx.staff.findMany({ where: { schoolId: req.schoolId, active: true, email: { in: emails } }, select: { id: true, email: true } })).map((s) => [s.email, s.id]),
    );
    for (const { row, email } of parsed.keyTeachers) {
      if (!staffByEmail.has(email)) rejections.push({ row, column: parsed.column('keyTeacherEmail'), reason: `no member of staff at this school has the email ${email}` });
    }
    const rows = parsed.rows.filter(({ record }) => staffByEmail.has(record.keyTeacherEmail));

    const existingPupils = new Map(
      (
        await tx.pupil.findMany({ where: { schoolId: req.schoolId, misId: { in: rows.map((r) => r.record.misId) } }, include: { contacts: true } })
      ).map((p) => [p.misId, p]),
    );
    // A parent with two children is one contact: the first row naming a mobile describes them.
    const contactRecords = new Map<string, ContactRecord>();
    for (const { record } of rows) for (const c of record.contacts) if (!contactRecords.has(c.mobile)) contactRecords.set(c.mobile, c);
    const existingContacts = new Map(
      (await tx.contact.findMany({ where: { schoolId: req.schoolId, mobile: { in: [...contactRecords.keys()] } } })).map((c) => [c.mobile, c]),
    );

    const drafts: AuditDraft[] = [];
    const now = req.clock.now();
    const consent = (given: boolean | undefined) =>
      given === undefined ? {} : given ? { smsConsent: true, smsConsentAt: now, smsConsentMethod: 'ROSTER_IMPORT' as const } : { smsConsent: false, smsConsentAt: null, smsConsentMethod: null };

    // Contacts first: pupils link to them.
    const changedMobiles = new Set<string>();
    const contactId = new Map<string, string>();
    const newContacts: Prisma.ContactCreateManyInput[] = [];
    // A number erased at the parent's request comes back opted out: only their own START lifts it.
    const erased = await suppressedAmong(tx, req.schoolId, [...contactRecords.keys()].filter((m) => !existingContacts.has(m)));
    for (const [mobile, c] of contactRecords) {
      const desired: ContactView = defined({ displayName: c.name, preferredLanguage: c.language, smsConsent: c.smsConsent }) as ContactView;
      const before = existingContacts.get(mobile);
      if (!before) {
        newContacts.push({ schoolId: req.schoolId, mobile, displayName: c.name, preferredLanguage: c.language ?? ENGLISH, ...consent(c.smsConsent), ...(erased.has(mobile) ? { optedOutAt: now } : {}) });
        changedMobiles.add(mobile);
        continue;
      }
      contactId.set(mobile, before.id);
      const diff = changedFields(before as unknown as ContactView, desired);
      if (Object.keys(diff.after).length === 0) continue;
      // Consent from the register is recorded as such; consent already held is not re-dated.
      const consentChange = diff.after.smsConsent === undefined ? {} : consent(diff.after.smsConsent);
      await tx.contact.update({ where: { id: before.id }, data: { ...diff.after, ...consentChange } });
      drafts.push({ action: 'contact.update', entityType: 'Contact', entityId: before.id, ...diff });
      changedMobiles.add(mobile);
    }
    for (const c of await tx.contact.createManyAndReturn({ data: newContacts })) {
      contactId.set(c.mobile, c.id);
      drafts.push({ action: 'contact.create', entityType: 'Contact', entityId: c.id, after: { displayName: c.displayName, mobile: c.mobile, preferredLanguage: c.preferredLanguage, smsConsent: c.smsConsent, ...(c.optedOutAt ? { optedOutAt: c.optedOutAt } : {}) } });
    }

    const outcomes: Outcome[] = [];
    const newPupils: { record: PupilRecord; data: Prisma.PupilCreateManyInput }[] = [];
    const links: { misId: string; record: PupilRecord }[] = [];
    const senChanges: Prisma.SenStatusChangeCreateManyInput[] = [];
    for (const { record } of rows) {
      const desired: PupilView = {
        firstName: record.firstName,
        lastName: record.lastName,
        yearGroup: record.yearGroup,
        senStatus: record.senStatus,
        primaryNeed: record.primaryNeed,
        secondaryNeed: record.secondaryNeed,
        lookedAfter: record.lookedAfter,
        keyTeacherId: staffByEmail.get(record.keyTeacherEmail)!,
        onRegisterSince: record.onRegisterSince,
        archivedAt: leftBy(record.leftOn, today),
      };
      const before = existingPupils.get(record.misId);
      links.push({ misId: record.misId, record });
      if (!before) {
        newPupils.push({
          record,
          data: { schoolId: req.schoolId, misId: record.misId, ...(toPupilData(defined(desired)) as object), onRegisterSince: dateOf(record.onRegisterSince ?? today) } as Prisma.PupilCreateManyInput,
        });
        outcomes.push('imported');
        continue;
      }
      const diff = changedFields({ ...before, onRegisterSince: isoDate(before.onRegisterSince), archivedAt: before.archivedAt && isoDate(before.archivedAt) } as unknown as PupilView, defined(desired));
      const contactsChanged = record.contacts.some((c) => changedMobiles.has(c.mobile));
      if (Object.keys(diff.after).length > 0) {
        await tx.pupil.update({ where: { id: before.id }, data: toPupilData(diff.after) });
        drafts.push({ action: 'pupil.update', entityType: 'Pupil', entityId: before.id, ...diff });
        if (diff.after.senStatus !== undefined || diff.after.primaryNeed !== undefined) {
          senChanges.push({ pupilId: before.id, senStatus: record.senStatus, primaryNeed: desired.primaryNeed === undefined ? before.primaryNeed : desired.primaryNeed, effectiveOn: dateOf(today) });
        }
      }
      outcomes.push(Object.keys(diff.after).length > 0 || contactsChanged ? 'updated' : 'unchanged');
    }

    const pupilId = new Map([...existingPupils].map(([misId, p]) => [misId, p.id]));
    const created = await tx.pupil.createManyAndReturn({ data: newPupils.map((p) => p.data) });
    for (const p of created) {
      pupilId.set(p.misId, p.id);
      drafts.push({
        action: 'pupil.create',
        entityType: 'Pupil',
        entityId: p.id,
        after: { misId: p.misId, firstName: p.firstName, lastName: p.lastName, yearGroup: p.yearGroup, senStatus: p.senStatus, primaryNeed: p.primaryNeed, secondaryNeed: p.secondaryNeed, lookedAfter: p.lookedAfter, keyTeacherId: p.keyTeacherId, onRegisterSince: isoDate(p.onRegisterSince), ...(p.archivedAt ? { archivedAt: isoDate(p.archivedAt) } : {}) },
      });
      senChanges.push({ pupilId: p.id, senStatus: p.senStatus, primaryNeed: p.primaryNeed, effectiveOn: p.onRegisterSince });
    }
    await tx.senStatusChange.createMany({ data: senChanges });

    // The contacts on a row are the pupil's contacts: links are added, changed, and (when the file
    // carries contacts at all) removed for contacts the register no longer lists.
    const fileHasContacts = parsed.hasContacts;
    const linkChangedRows = new Set<string>();
    const newLinks: Prisma.PupilContactCreateManyInput[] = [];
    for (const { misId, record } of links) {
      const pid = pupilId.get(misId)!;
      const current = new Map((existingPupils.get(misId)?.contacts ?? []).map((l) => [l.contactId, l]));
      const wanted = new Set<string>();
      for (const c of record.contacts) {
        const cid = contactId.get(c.mobile)!;
        wanted.add(cid);
        const desired: LinkView = defined({ relationship: c.relationship, parentalResponsibility: c.parentalResponsibility, priority: c.priority }) as LinkView;
        const before = current.get(cid);
        if (!before) {
          const link = { pupilId: pid, contactId: cid, relationship: c.relationship ?? 'PARENT', parentalResponsibility: c.parentalResponsibility ?? true, priority: c.priority };
          newLinks.push(link);
          drafts.push({ action: 'pupilContact.create', entityType: 'PupilContact', entityId: `${pid}:${cid}`, after: link });
          linkChangedRows.add(misId);
          continue;
        }
        const diff = changedFields(before as unknown as LinkView, desired);
        if (Object.keys(diff.after).length === 0) continue;
        await tx.pupilContact.update({ where: { pupilId_contactId: { pupilId: pid, contactId: cid } }, data: diff.after });
        drafts.push({ action: 'pupilContact.update', entityType: 'PupilContact', entityId: `${pid}:${cid}`, ...diff });
        linkChangedRows.add(misId);
      }
      if (!fileHasContacts) continue;
      for (const [cid, before] of current) {
        if (wanted.has(cid)) continue;
        await tx.pupilContact.delete({ where: { pupilId_contactId: { pupilId: pid, contactId: cid } } });
        drafts.push({ action: 'pupilContact.delete', entityType: 'PupilContact', entityId: `${pid}:${cid}`, before: { relationship: before.relationship, parentalResponsibility: before.parentalResponsibility, priority: before.priority } });
        linkChangedRows.add(misId);
      }
    }
    await tx.pupilContact.createMany({ data: newLinks });
    links.forEach(({ misId }, i) => {
      if (outcomes[i] === 'unchanged' && linkChangedRows.has(misId)) outcomes[i] = 'updated';
    });

    await audit(tx, req, drafts);
    const summary = summarise(outcomes, rejections);
    const importId = await recordImport(tx, req, 'PUPILS', startedAt, summary);
    // Last, so the marks' rows are held only for the commit: pupils new, changed or leaving, and parents changed.
    await markForPlanning(tx, 'pupil', links.filter((_, i) => outcomes[i] !== 'unchanged').map(({ misId }) => pupilId.get(misId)!));
    await markForPlanning(tx, 'contact', [...changedMobiles].flatMap((m) => contactId.get(m) ?? []));
    return { importId, ...summary, fixes: fixesFor(summary.rejections), ignoredColumns: parsed.ignoredColumns };
  }, TRANSACTION);
}
