import type { ActorKind, Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Principal } from '../domain/access';

/** Who did something: a member of staff, a trust lead or local authority officer, a parent (by SMS), a script with the API key, or the system. */
export interface Actor {
  kind: ActorKind;
  /** Staff id, organisation member id or contact id. */
  id?: string;
  label: string;
  /** The request behind the action, when it came over HTTP: every audit row it writes names it. */
  requestId?: string;
}

export const systemActor: Actor = { kind: 'SYSTEM', label: 'system' };

/** The actor behind a signed-in principal (staff, a trust lead or local authority officer, or a script with the API key). */
export function actorOf(p: Principal): Actor {
  const request = p.requestId ? { requestId: p.requestId } : {};
  switch (p.kind) {
    case 'apiKey':
      return { kind: 'API_KEY', label: p.label, ...request };
    case 'staff':
      return { kind: 'STAFF', id: p.staffId, label: p.label, ...request };
    case 'organisation':
      return { kind: 'ORGANISATION_MEMBER', id: p.memberId, label: p.label, ...request };
  }
}

/** The member of staff behind an action, for "recorded by" columns (null for parents, scripts and the system). */
export const staffIdOf = (actor: Actor): string | null => (actor.kind === 'STAFF' ? (actor.id ?? null) : null);

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditEntry {
  schoolId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** Records who changed (or viewed) what. Call it inside the same transaction as the change. */
export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      schoolId: entry.schoolId ?? null,
      actorKind: actor.kind,
      actorId: actor.id ?? null,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      requestId: entry.requestId ?? actor.requestId ?? null,
    },
  });
}

/**
 * Many audit rows in one statement (a roster import audits thousands of records): the same rows
 * recordAudit writes, sent as one JSON array, which is an order of magnitude faster than createMany.
 */
export async function recordAuditMany(db: Db, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    schoolId: e.schoolId ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: json(e.before) ?? null,
    after: json(e.after) ?? null,
    requestId: e.requestId ?? actor.requestId ?? null,
  }));
  await db.$executeRaw`
    INSERT INTO "AuditEvent" ("schoolId", "actorKind", "actorId", "actorLabel", "action", "entityType", "entityId", "before", "after", "requestId")
    SELECT r."schoolId", ${actor.kind}::"ActorKind", ${actor.id ?? null}::uuid, ${actor.label}, r."action", r."entityType", r."entityId", r."before", r."after", r."requestId"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r("schoolId" uuid, "action" text, "entityType" text, "entityId" text, "before" jsonb, "after" jsonb, "requestId" text)`;
}

/** The fields that differ between two versions of a record, for compact before/after audit rows. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
