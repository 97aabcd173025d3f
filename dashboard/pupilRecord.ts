import type {
  ConversationKind,
  ConversationStatus,
  Direction,
  MessageStatus,
  PrimaryNeed,
  PupilInvolvement,
  RecordState,
  SenStatus,
  TargetArea,
  TargetHorizon,
  TargetStatus,
  ViewsGatheredBy,
} from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { awaitsAnswer, isAutomaticText } from '../messaging/parentVoice';
import { describeMedia, MEDIA_FACTS, type MediaDescription } from '../sms/mediaItems';

/**
 * A pupil's whole record for staff, as one timeline: structured conversations with their four
 * stages, the pupil's views, targets with their progress, every text to and from parents, and
 * confidence ratings. The dashboard shows it; the exports print it.
 */
/** What every list and record shows about a pupil. */
export interface PupilBasics {
  id: string;
  firstName: string;
  lastName: string;
  yearGroup: number;
  senStatus: SenStatus;
  primaryNeed: PrimaryNeed | null;
  secondaryNeed: PrimaryNeed | null;
  lookedAfter: boolean;
  keyTeacher: { id: string; displayName: string } | null;
}

export function pupilBasics(p: PupilBasics): PupilBasics {
  const { id, firstName, lastName, yearGroup, senStatus, primaryNeed, secondaryNeed, lookedAfter, keyTeacher } = p;
  return { id, firstName, lastName, yearGroup, senStatus, primaryNeed, secondaryNeed, lookedAfter, keyTeacher };
}

export interface PupilSummary extends PupilBasics {
  schoolId: string;
  schoolName: string;
  timezone: string;
  onRegisterSince: string;
  attendanceNote: string | null;
  keyTeacherId: string | null;
}

export type TimelineEntry =
  | {
      kind: 'conversation';
      at: string;
      id: string;
      conversationKind: ConversationKind;
      status: ConversationStatus;
      dueBy: string;
      scheduledAt: string | null;
      heldAt: string | null;
      recordState: RecordState;
      explore: { strengths: string | null; barriers: string | null; aspirations: string | null };
      focus: string | null;
      plan: string | null;
      review: string | null;
      attendees: { name: string; role: string }[];
      pupilInvolvement: PupilInvolvement | null;
      nextReviewBy: string | null;
    }
  | { kind: 'pupilView'; at: string; id: string; goodAt: string | null; findHard: string | null; helpsMe: string | null; wantToGetBetterAt: string | null; gatheredBy: ViewsGatheredBy }
  | {
      kind: 'target';
      at: string;
      id: string;
      area: TargetArea;
      horizon: TargetHorizon;
      description: string;
      successLooksLike: string | null;
      schoolActions: string | null;
      homeActions: string | null;
      reviewBy: string;
      reviewedAt: string | null;
      status: TargetStatus;
      progress: { at: string; status: TargetStatus; note: string | null }[];
    }
  | {
      kind: 'message';
      at: string;
      id: string;
      direction: Direction;
      status: MessageStatus;
      contactName: string | null;
      body: string;
      handledAt: string | null;
      /** A parent's own words the key teacher has not answered yet (messaging/parentVoice.ts), or passed to staff and not answered. */
      awaitingAnswer: boolean;
      /** An acknowledgement or a keyword answer the product dealt with itself (folded away on the page). */
      automatic: boolean;
      /** Passed to the staff of all the parent's children: the parent never said which child it is about. */
      aboutNoSingleChild: boolean;
      /** Pictures and files sent with it: fetched with the dashboard's token from /api/media/:id when kept. */
      media: TimelineMedia[];
    }
  | { kind: 'confidence'; at: string; id: string; contactName: string; score: number };

/** A picture or file a parent sent (`shownInline`: a picture the page can draw, else a file to open; `reason`: why it is not kept). */
export interface TimelineMedia extends MediaDescription {
  id: string;
}

export interface PupilRecord {
  pupil: PupilSummary;
  contacts: { id: string; displayName: string; relationship: string; parentalResponsibility: boolean; optedOut: boolean; unreachable: boolean }[];
  /** Newest first. */
  timeline: TimelineEntry[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const day = (d: Date): string => d.toISOString().slice(0, 10);

function attendeesOf(value: unknown): { name: string; role: string }[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((a): a is { name: unknown; role?: unknown } => typeof a === 'object' && a !== null && 'name' in a)
    .map((a) => ({ name: String(a.name), role: a.role === undefined ? '' : String(a.role) }));
}

/** The pupil and the key teacher only (for access checks before anything else is read). */
export function findPupil(db: PrismaClient, pupilId: string) {
  return db.pupil.findFirst({ where: { id: pupilId, archivedAt: null }, select: { id: true, schoolId: true, keyTeacherId: true } });
}

export async function loadPupilRecord(db: PrismaClient, pupilId: string): Promise<PupilRecord> {
  const p = await db.pupil.findUniqueOrThrow({
    where: { id: pupilId },
    include: {
      school: { select: { name: true, timezone: true } },
      keyTeacher: { select: { id: true, displayName: true } },
      contacts: { include: { contact: true }, orderBy: { priority: 'asc' } },
      conversations: true,
      views: true,
      targets: { include: { progressEntries: { orderBy: { recordedAt: 'asc' } } } },
      confidenceRatings: { include: { contact: { select: { displayName: true } } } },
    },
  });
  const contactIds = p.contacts.map((c) => c.contactId);
  const contactName = new Map(p.contacts.map((c) => [c.contactId, c.contact.displayName]));
  // Replies from a parent of several children may not name the child: they belong to each child's record.
  const messages = await db.message.findMany({
    where: { channel: 'SMS', OR: [{ pupilId }, { pupilId: null, contactId: { in: contactIds } }] },
    select: {
      id: true,
      channel: true,
      direction: true,
      status: true,
      template: true,
      body: true,
      contactId: true,
      pupilId: true,
      createdAt: true,
      handledAt: true,
      handledById: true,
      passedToStaffAt: true,
      media: { select: { id: true, ...MEDIA_FACTS }, orderBy: { position: 'asc' } },
    },
  });

  const timeline: TimelineEntry[] = [
    ...p.conversations.map(
      (c): TimelineEntry => ({
        kind: 'conversation',
        at: (c.heldAt ?? c.scheduledAt ?? c.dueBy).toISOString(),
        id: c.id,
        conversationKind: c.kind,
        status: c.status,
        dueBy: day(c.dueBy),
        scheduledAt: iso(c.scheduledAt),
        heldAt: iso(c.heldAt),
        recordState: c.recordState,
        explore: { strengths: c.exploreStrengths, barriers: c.exploreBarriers, aspirations: c.exploreAspirations },
        focus: c.focusNotes,
        plan: c.planNotes,
        review: c.reviewNotes,
        attendees: attendeesOf(c.attendees),
        pupilInvolvement: c.pupilInvolvement,
        nextReviewBy: c.nextReviewBy ? day(c.nextReviewBy) : null,
      }),
    ),
    ...p.views.map(
      (v): TimelineEntry => ({ kind: 'pupilView', at: v.recordedAt.toISOString(), id: v.id, goodAt: v.goodAt, findHard: v.findHard, helpsMe: v.helpsMe, wantToGetBetterAt: v.wantToGetBetterAt, gatheredBy: v.gatheredBy }),
    ),
    ...p.targets.map(
      (t): TimelineEntry => ({
        kind: 'target',
        at: t.createdAt.toISOString(),
        id: t.id,
        area: t.area,
        horizon: t.horizon,
        description: t.description,
        successLooksLike: t.successLooksLike,
        schoolActions: t.schoolActions,
        homeActions: t.homeActions,
        reviewBy: day(t.reviewBy),
        reviewedAt: iso(t.reviewedAt),
        status: t.status,
        progress: t.progressEntries.map((e) => ({ at: e.recordedAt.toISOString(), status: e.status, note: e.note })),
      }),
    ),
    ...messages.map(
      (m): TimelineEntry => ({
        kind: 'message',
        at: m.createdAt.toISOString(),
        id: m.id,
        direction: m.direction,
        status: m.status,
        contactName: m.contactId ? (contactName.get(m.contactId) ?? null) : null,
        body: m.body,
        handledAt: iso(m.handledAt),
        awaitingAnswer: awaitsAnswer(m) || (m.passedToStaffAt !== null && m.handledAt === null),
        automatic: isAutomaticText(m),
        aboutNoSingleChild: m.passedToStaffAt !== null && m.pupilId === null,
        media: m.media.map((x): TimelineMedia => ({ id: x.id, ...describeMedia(x) })),
      }),
    ),
    ...p.confidenceRatings.map((r): TimelineEntry => ({ kind: 'confidence', at: r.receivedAt.toISOString(), id: r.id, contactName: r.contact.displayName, score: r.score })),
  ].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));

  return {
    pupil: {
      ...pupilBasics(p),
      schoolId: p.schoolId,
      schoolName: p.school.name,
      timezone: p.school.timezone,
      onRegisterSince: day(p.onRegisterSince),
      attendanceNote: p.attendanceNote,
      keyTeacherId: p.keyTeacherId,
    },
    contacts: p.contacts.map((c) => ({
      id: c.contactId,
      displayName: c.contact.displayName,
      relationship: c.relationship,
      parentalResponsibility: c.parentalResponsibility,
      optedOut: c.contact.optedOutAt !== null,
      unreachable: c.contact.unreachableAt !== null,
    })),
    timeline,
  };
}
