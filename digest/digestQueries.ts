import type { Prisma, PrimaryNeed, SenStatus } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { DELIVER_MESSAGE } from '../messaging/outbox';
import type { DigestInput, MisFact } from './figures';

/** The dashboard's filters; a key teacher's view is the same query narrowed to their pupils. */
export interface PupilFilter {
  yearGroup?: number;
  /** Primary or secondary need. */
  need?: PrimaryNeed;
  senStatus?: SenStatus;
  /** A key teacher's id, or "none": pupils with no key teacher. */
  keyTeacherId?: string;
}

export const DIGEST_TEMPLATE = 'digest.weekly';

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** Pupils of one school, or of several (not archived), matching the filter. */
export function pupilWhere(schoolId: string | { in: string[] }, f: PupilFilter = {}): Prisma.PupilWhereInput {
  return {
    schoolId,
    archivedAt: null,
    ...(f.yearGroup !== undefined ? { yearGroup: f.yearGroup } : {}),
    ...(f.senStatus ? { senStatus: f.senStatus } : {}),
    ...(f.keyTeacherId ? { keyTeacherId: f.keyTeacherId === 'none' ? null : f.keyTeacherId } : {}),
    ...(f.need ? { OR: [{ primaryNeed: f.need }, { secondaryNeed: f.need }] } : {}),
  };
}

/** Everything the figures need about one school's pupils, read up to the reporting instant. */
export async function loadDigestInput(db: PrismaClient, schoolId: string, at: Date, filter: PupilFilter = {}): Promise<DigestInput> {
  const [input] = (await loadDigestInputs(db, [schoolId], at, filter)).values();
  if (!input) throw new Error(`no school ${schoolId}`);
  return input;
}

/**
 * The same for several schools at once (a trust's schools side by side): the same statements
 * whatever the number of schools or pupils, each row then handed to its own school's input.
 */
export async function loadDigestInputs(db: PrismaClient, schoolIds: string[], at: Date, filter: PupilFilter = {}): Promise<Map<string, DigestInput>> {
  const schools = await db.school.findMany({ where: { id: { in: schoolIds } }, include: { terms: { orderBy: { startsOn: 'asc' } } } });
  const ids = schools.map((s) => s.id);
  // Rows are picked through the pupil (a subquery), never a list of every pupil's id: a trust's
  // 25,000 ids would be split into several statements.
  const ofPupils = pupilWhere({ in: ids }, filter);
  const ofTheirParents: Prisma.ContactWhereInput = { pupils: { some: { pupil: ofPupils } } };
  const pupils = await db.pupil.findMany({ where: ofPupils, select: { id: true, schoolId: true, keyTeacherId: true, senStatus: true } });
  const schoolOfPupil = new Map(pupils.map((p) => [p.id, p.schoolId]));
  const wholeSchool = Object.keys(filter).every((k) => filter[k as keyof PupilFilter] === undefined);
  // Delivery problems belong to the school; a narrowed view sees only those about its pupils.
  const problemScope: Prisma.MessageWhereInput = wholeSchool ? { schoolId: { in: ids } } : { schoolId: { in: ids }, pupil: ofPupils };

  const [links, staff, conversations, targets, pupilViews, contacts, parentMessages, confidence, failedMessages, failedJobs, digests, misLinks] = await Promise.all([
    db.pupilContact.findMany({ where: { pupil: ofPupils }, select: { contactId: true, pupilId: true } }),
    db.staff.findMany({ where: { schoolId: { in: ids } }, select: { id: true, schoolId: true, displayName: true, roles: true, active: true } }),
    db.structuredConversation.findMany({
      where: { pupil: ofPupils },
      select: { id: true, pupilId: true, keyTeacherId: true, kind: true, status: true, dueBy: true, heldAt: true },
    }),
    db.target.findMany({ where: { pupil: ofPupils }, select: { id: true, pupilId: true, area: true, status: true, reviewBy: true, reviewedAt: true, createdAt: true } }),
    db.pupilView.findMany({ where: { pupil: ofPupils }, select: { pupilId: true, recordedAt: true } }),
    db.contact.findMany({ where: ofTheirParents, select: { id: true, schoolId: true, optedOutAt: true, unreachableAt: true } }),
    db.message.findMany({
      where: { schoolId: { in: ids }, channel: 'SMS', contact: ofTheirParents },
      select: { id: true, schoolId: true, contactId: true, pupilId: true, channel: true, direction: true, status: true, createdAt: true, deliveredAt: true, handledAt: true },
    }),
    db.confidenceRating.findMany({ where: { pupil: ofPupils }, select: { contactId: true, pupilId: true, score: true, receivedAt: true } }),
    db.message.findMany({ where: { ...problemScope, status: { in: ['FAILED', 'UNDELIVERED'] } }, select: { id: true, schoolId: true, channel: true, updatedAt: true } }),
    wholeSchool
      ? db.job.findMany({ where: { schoolId: { in: ids }, status: 'FAILED', kind: { not: DELIVER_MESSAGE } }, select: { id: true, schoolId: true, kind: true, completedAt: true, updatedAt: true } })
      : Promise.resolve([]),
    db.message.groupBy({ by: ['schoolId'], where: { schoolId: { in: ids }, template: DIGEST_TEMPLATE, createdAt: { lt: at } }, _max: { createdAt: true } }),
    // The MIS link is the school's: a narrowed view does not show it.
    wholeSchool
      ? db.misConnection.findMany({
          where: { schoolId: { in: ids } },
          select: { schoolId: true, state: true, connectedAt: true, lastGoodSyncStartedAt: true, syncs: { where: { finishedAt: { not: null, lte: at } }, orderBy: { finishedAt: 'desc' }, take: 30, select: { status: true, finishedAt: true } } },
        })
      : Promise.resolve([]),
  ]);

  const pupilsOfContact = new Map<string, string[]>();
  for (const l of links) pupilsOfContact.set(l.contactId, [...(pupilsOfContact.get(l.contactId) ?? []), l.pupilId]);
  const bySchool = <T>(rows: T[], schoolOf: (row: T) => string | null | undefined): Map<string, T[]> => {
    const grouped = new Map<string, T[]>();
    for (const row of rows) {
      const id = schoolOf(row);
      if (!id) continue;
      const list = grouped.get(id);
      if (list) list.push(row);
      else grouped.set(id, [row]);
    }
    return grouped;
  };
  const of = <T>(grouped: Map<string, T[]>, id: string): T[] => grouped.get(id) ?? [];
  const g = {
    pupils: bySchool(pupils, (p) => p.schoolId),
    staff: bySchool(staff, (s) => s.schoolId),
    conversations: bySchool(conversations, (c) => schoolOfPupil.get(c.pupilId)),
    targets: bySchool(targets, (t) => schoolOfPupil.get(t.pupilId)),
    pupilViews: bySchool(pupilViews, (v) => schoolOfPupil.get(v.pupilId)),
    contacts: bySchool(contacts, (c) => c.schoolId),
    parentMessages: bySchool(parentMessages, (m) => m.schoolId),
    confidence: bySchool(confidence, (r) => schoolOfPupil.get(r.pupilId)),
    failedMessages: bySchool(failedMessages, (m) => m.schoolId),
    failedJobs: bySchool(failedJobs, (j) => j.schoolId),
  };
  const lastDigestAt = new Map(digests.map((d) => [d.schoolId, d._max.createdAt]));
  const misOf = new Map(misLinks.map((m) => [m.schoolId, m]));

  return new Map(
    schools.map((school) => [
      school.id,
      {
        timezone: school.timezone,
        terms: school.terms.map((t) => ({ name: t.name, startsOn: isoDate(t.startsOn), endsOn: isoDate(t.endsOn) })),
        pupils: of(g.pupils, school.id).map((p) => ({ id: p.id, keyTeacherId: p.keyTeacherId, onRegister: p.senStatus !== 'NOT_ON_REGISTER' })),
        staff: of(g.staff, school.id).map((s) => ({
          id: s.id,
          displayName: s.displayName,
          isKeyTeacher: s.active && s.roles.includes('KEY_TEACHER') && (!filter.keyTeacherId || s.id === filter.keyTeacherId),
        })),
        conversations: of(g.conversations, school.id).map((c) => ({ ...c, dueBy: isoDate(c.dueBy) })),
        targets: of(g.targets, school.id).map((t) => ({ ...t, reviewBy: isoDate(t.reviewBy) })),
        pupilViews: of(g.pupilViews, school.id),
        contacts: of(g.contacts, school.id).map((c) => ({ id: c.id, optedOutAt: c.optedOutAt, unreachableAt: c.unreachableAt, pupilIds: pupilsOfContact.get(c.id) ?? [] })),
        parentMessages: of(g.parentMessages, school.id).map(({ schoolId: _school, ...m }) => ({ ...m, contactId: m.contactId! })),
        confidence: of(g.confidence, school.id),
        failedMessages: of(g.failedMessages, school.id).map((m) => ({ id: m.id, channel: m.channel, failedAt: m.updatedAt })),
        failedJobs: of(g.failedJobs, school.id).map((j) => ({ id: j.id, kind: j.kind, failedAt: j.completedAt ?? j.updatedAt })),
        lastDigestAt: lastDigestAt.get(school.id) ?? null,
        mis: misFact(misOf.get(school.id)),
      } satisfies DigestInput,
    ]),
  );
}

const misFact = (m: { state: MisFact['state']; connectedAt: Date; lastGoodSyncStartedAt: Date | null; syncs: MisFact['finished'] } | undefined): MisFact | null =>
  m ? { state: m.state, connectedAt: m.connectedAt, lastGoodSyncAt: m.lastGoodSyncStartedAt, finished: m.syncs } : null;
