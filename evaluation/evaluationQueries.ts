import type { ConversationKind, Direction, PupilInvolvement, TargetArea, TargetStatus } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Term } from './periods';
import type { SchoolFacts } from './figures';
import { attendeesOf } from '../recording/attendees';

/**
 * What the termly evaluation counts, for any number of schools, with the same dozen statements
 * whether the organisation has one school or fifty: rows for all of them at once (filtered by
 * school through the pupil, never a list of every pupil's id), then handed to each school.
 * `window` bounds the texts read for "reached" (the earliest period's start to the latest's end).
 */
export interface EvaluatedSchool {
  id: string;
  name: string;
  timezone: string;
  trustId: string | null;
  localAuthorityId: string | null;
  terms: Term[];
  /** The first day the school held a structured conversation with the product (school-local), or null. */
  firstHeldOn: string | null;
  facts: SchoolFacts;
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

function grouped<T>(rows: readonly T[], key: (row: T) => string | null | undefined): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (!k) continue;
    const list = m.get(k);
    if (list) list.push(row);
    else m.set(k, [row]);
  }
  return m;
}

/** The schools, their terms, and each one's first conversation held: enough to choose the periods. */
export async function loadSchoolsForEvaluation(db: PrismaClient, schoolIds: string[]) {
  const [schools, firstHeld] = await Promise.all([
    db.school.findMany({
      where: { id: { in: schoolIds } },
      select: { id: true, name: true, timezone: true, trustId: true, localAuthorityId: true, terms: { select: { name: true, startsOn: true, endsOn: true }, orderBy: { startsOn: 'asc' } } },
      orderBy: { name: 'asc' },
    }),
    db.$queryRaw<{ schoolId: string; first: Date }[]>`
      SELECT p."schoolId", min(c."heldAt") AS first
        FROM "StructuredConversation" c JOIN "Pupil" p ON p."id" = c."pupilId"
       WHERE c."status" = 'HELD' AND c."heldAt" IS NOT NULL AND p."schoolId" = ANY(${schoolIds}::uuid[])
       GROUP BY p."schoolId"`,
  ]);
  const first = new Map(firstHeld.map((r) => [r.schoolId, r.first]));
  return schools.map((s) => ({
    id: s.id,
    name: s.name,
    timezone: s.timezone,
    trustId: s.trustId,
    localAuthorityId: s.localAuthorityId,
    terms: s.terms.map((t) => ({ name: t.name, startsOn: isoDate(t.startsOn), endsOn: isoDate(t.endsOn) })),
    firstHeldAt: first.get(s.id) ?? null,
  }));
}

export async function loadEvaluationFacts(db: PrismaClient, schoolIds: string[], window: { from: Date; to: Date }): Promise<Map<string, Omit<SchoolFacts, 'timezone'>>> {
  const ofSchools = { schoolId: { in: schoolIds } };
  const [pupils, senChanges, conversations, targets, progress, views, links, contacts, reaches, confidence, staff] = await Promise.all([
    db.pupil.findMany({ where: ofSchools, select: { id: true, schoolId: true, keyTeacherId: true, senStatus: true, onRegisterSince: true, archivedAt: true } }),
    db.senStatusChange.findMany({ where: { pupil: ofSchools }, select: { pupilId: true, senStatus: true, effectiveOn: true } }),
    // The four largest reads are plain SQL: the same rows, at half the cost of the client's mapping.
    db.$queryRaw<{ pupilId: string; kind: ConversationKind; dueBy: Date; heldAt: Date; attendees: unknown; pupilInvolvement: PupilInvolvement | null }[]>`
      SELECT c."pupilId", c."kind", c."dueBy", c."heldAt", c."attendees", c."pupilInvolvement"
        FROM "StructuredConversation" c JOIN "Pupil" p ON p."id" = c."pupilId"
       WHERE p."schoolId" = ANY(${schoolIds}::uuid[]) AND c."status" = 'HELD' AND c."heldAt" < ${window.to}`,
    db.$queryRaw<{ id: string; pupilId: string; area: TargetArea; createdAt: Date }[]>`
      SELECT t."id", t."pupilId", t."area", t."createdAt"
        FROM "Target" t JOIN "Pupil" p ON p."id" = t."pupilId"
       WHERE p."schoolId" = ANY(${schoolIds}::uuid[]) AND t."createdAt" < ${window.to}`,
    db.$queryRaw<{ targetId: string; pupilId: string; status: TargetStatus; recordedAt: Date }[]>`
      SELECT e."targetId", e."pupilId", e."status", e."recordedAt"
        FROM "ProgressEntry" e JOIN "Pupil" p ON p."id" = e."pupilId"
       WHERE p."schoolId" = ANY(${schoolIds}::uuid[]) AND e."recordedAt" < ${window.to}`,
    db.pupilView.findMany({ where: { pupil: ofSchools, recordedAt: { gte: window.from, lt: window.to } }, select: { pupilId: true, recordedAt: true } }),
    db.pupilContact.findMany({ where: { pupil: ofSchools }, select: { pupilId: true, contactId: true } }),
    db.contact.findMany({ where: ofSchools, select: { id: true, schoolId: true, preferredLanguage: true } }),
    db.$queryRaw<{ schoolId: string; contactId: string; direction: Direction; createdAt: Date; deliveredAt: Date | null }[]>`
      SELECT m."schoolId", m."contactId", m."direction", m."createdAt", m."deliveredAt"
        FROM "Message" m
       WHERE m."schoolId" = ANY(${schoolIds}::uuid[]) AND m."channel" = 'SMS' AND m."contactId" IS NOT NULL
         AND m."createdAt" >= ${window.from} AND m."createdAt" < ${window.to}
         AND (m."direction" = 'INBOUND' OR m."status" = 'DELIVERED')`,
    db.confidenceRating.findMany({ where: { pupil: ofSchools, receivedAt: { lt: window.to } }, select: { contactId: true, pupilId: true, score: true, receivedAt: true } }),
    db.staff.findMany({
      where: { ...ofSchools, OR: [{ active: true, roles: { has: 'KEY_TEACHER' } }, { pupils: { some: { archivedAt: null } } }] },
      select: { id: true, schoolId: true, displayName: true },
    }),
  ]);

  const schoolOfPupil = new Map(pupils.map((p) => [p.id, p.schoolId]));
  const viaPupil = <T extends { pupilId: string }>(rows: readonly T[]) => grouped(rows, (r) => schoolOfPupil.get(r.pupilId));
  const pupilsOfContact = grouped(links, (l) => l.contactId);
  const g = {
    pupils: grouped(pupils, (p) => p.schoolId),
    senChanges: viaPupil(senChanges),
    conversations: viaPupil(conversations),
    targets: viaPupil(targets),
    progress: viaPupil(progress),
    views: viaPupil(views),
    contacts: grouped(contacts, (c) => c.schoolId),
    reaches: grouped(reaches, (m) => m.schoolId),
    confidence: viaPupil(confidence),
    staff: grouped(staff, (s) => s.schoolId),
  };
  const of = <T>(m: Map<string, T[]>, id: string): T[] => m.get(id) ?? [];

  return new Map(
    schoolIds.map((id) => [
      id,
      {
        pupils: of(g.pupils, id).map((p) => ({ id: p.id, keyTeacherId: p.keyTeacherId, senStatus: p.senStatus, onRegisterSince: isoDate(p.onRegisterSince), archivedAt: p.archivedAt })),
        senChanges: of(g.senChanges, id).map((c) => ({ pupilId: c.pupilId, senStatus: c.senStatus, effectiveOn: isoDate(c.effectiveOn) })),
        conversations: of(g.conversations, id).map((c) => ({
          pupilId: c.pupilId,
          kind: c.kind,
          dueBy: isoDate(c.dueBy),
          heldAt: c.heldAt,
          attendeeRoles: attendeesOf(c.attendees).map((a) => a.role),
          pupilInvolvement: c.pupilInvolvement,
        })),
        targets: of(g.targets, id),
        progress: of(g.progress, id).map((e) => ({ targetId: e.targetId, status: e.status, recordedAt: e.recordedAt })),
        views: of(g.views, id),
        contacts: of(g.contacts, id).map((c) => ({ id: c.id, language: c.preferredLanguage, pupilIds: (pupilsOfContact.get(c.id) ?? []).map((l) => l.pupilId) })),
        // Reached: a text from them when it came, a text to them when it was delivered.
        reaches: of(g.reaches, id).map((m) => ({ contactId: m.contactId, at: m.direction === 'INBOUND' ? m.createdAt : (m.deliveredAt ?? m.createdAt) })),
        confidence: of(g.confidence, id),
        keyTeachers: of(g.staff, id).map((s) => ({ id: s.id, name: s.displayName })),
      },
    ]),
  );
}
