import type { Prisma, PrimaryNeed, SenStatus } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { DELIVER_MESSAGE } from '../messaging/outbox';
import type { DigestInput } from './figures';

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

/** Pupils of one school (not archived) matching the filter. */
export function pupilWhere(schoolId: string, f: PupilFilter = {}): Prisma.PupilWhereInput {
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
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId }, include: { terms: { orderBy: { startsOn: 'asc' } } } });
  const pupils = await db.pupil.findMany({ where: pupilWhere(schoolId, filter), select: { id: true, keyTeacherId: true, senStatus: true } });
  const pupilIds = pupils.map((p) => p.id);
  const links = await db.pupilContact.findMany({ where: { pupilId: { in: pupilIds } }, select: { contactId: true, pupilId: true } });
  const contactIds = [...new Set(links.map((l) => l.contactId))];
  const wholeSchool = Object.keys(filter).every((k) => filter[k as keyof PupilFilter] === undefined);
  // Delivery problems belong to the school; a narrowed view sees only those about its pupils.
  const problemScope: Prisma.MessageWhereInput = wholeSchool ? { schoolId } : { schoolId, pupilId: { in: pupilIds } };

  const [staff, conversations, targets, pupilViews, contacts, parentMessages, confidence, failedMessages, failedJobs, lastDigest, mis] = await Promise.all([
    db.staff.findMany({ where: { schoolId }, select: { id: true, displayName: true, roles: true, active: true } }),
    db.structuredConversation.findMany({
      where: { pupilId: { in: pupilIds } },
      select: { id: true, pupilId: true, keyTeacherId: true, kind: true, status: true, dueBy: true, heldAt: true },
    }),
    db.target.findMany({ where: { pupilId: { in: pupilIds } }, select: { id: true, pupilId: true, area: true, status: true, reviewBy: true, reviewedAt: true, createdAt: true } }),
    db.pupilView.findMany({ where: { pupilId: { in: pupilIds } }, select: { pupilId: true, recordedAt: true } }),
    db.contact.findMany({ where: { id: { in: contactIds } }, select: { id: true, optedOutAt: true, unreachableAt: true } }),
    db.message.findMany({
      where: { schoolId, channel: 'SMS', contactId: { in: contactIds } },
      select: { id: true, contactId: true, pupilId: true, channel: true, direction: true, status: true, createdAt: true, deliveredAt: true, handledAt: true },
    }),
    db.confidenceRating.findMany({ where: { pupilId: { in: pupilIds } }, select: { contactId: true, pupilId: true, score: true, receivedAt: true } }),
    db.message.findMany({ where: { ...problemScope, status: { in: ['FAILED', 'UNDELIVERED'] } }, select: { id: true, channel: true, updatedAt: true } }),
    wholeSchool
      ? db.job.findMany({ where: { schoolId, status: 'FAILED', kind: { not: DELIVER_MESSAGE } }, select: { id: true, kind: true, completedAt: true, updatedAt: true } })
      : Promise.resolve([]),
    db.message.findFirst({ where: { schoolId, template: DIGEST_TEMPLATE, createdAt: { lt: at } }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } }),
    // The MIS link is the school's: a narrowed view does not show it.
    wholeSchool
      ? db.misConnection.findUnique({
          where: { schoolId },
          select: { state: true, connectedAt: true, lastGoodSyncStartedAt: true, syncs: { where: { finishedAt: { not: null, lte: at } }, orderBy: { finishedAt: 'desc' }, take: 30, select: { status: true, finishedAt: true } } },
        })
      : Promise.resolve(null),
  ]);

  const pupilsOfContact = new Map<string, string[]>();
  for (const l of links) pupilsOfContact.set(l.contactId, [...(pupilsOfContact.get(l.contactId) ?? []), l.pupilId]);

  return {
    timezone: school.timezone,
    terms: school.terms.map((t) => ({ name: t.name, startsOn: isoDate(t.startsOn), endsOn: isoDate(t.endsOn) })),
    pupils: pupils.map((p) => ({ id: p.id, keyTeacherId: p.keyTeacherId, onRegister: p.senStatus !== 'NOT_ON_REGISTER' })),
    staff: staff.map((s) => ({
      id: s.id,
      displayName: s.displayName,
      isKeyTeacher: s.active && s.roles.includes('KEY_TEACHER') && (!filter.keyTeacherId || s.id === filter.keyTeacherId),
    })),
    conversations: conversations.map((c) => ({ ...c, dueBy: isoDate(c.dueBy) })),
    targets: targets.map((t) => ({ ...t, reviewBy: isoDate(t.reviewBy) })),
    pupilViews,
    contacts: contacts.map((c) => ({ ...c, pupilIds: pupilsOfContact.get(c.id) ?? [] })),
    parentMessages: parentMessages.map((m) => ({ ...m, contactId: m.contactId! })),
    confidence,
    failedMessages: failedMessages.map((m) => ({ id: m.id, channel: m.channel, failedAt: m.updatedAt })),
    failedJobs: failedJobs.map((j) => ({ id: j.id, kind: j.kind, failedAt: j.completedAt ?? j.updatedAt })),
    lastDigestAt: lastDigest?.createdAt ?? null,
    mis: mis ? { state: mis.state, connectedAt: mis.connectedAt, lastGoodSyncAt: mis.lastGoodSyncStartedAt, finished: mis.syncs } : null,
  };
}
