import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { mediaLabel } from '../dashboard/words';
import { describeMedia, MEDIA_FACTS } from '../sms/mediaItems';

/**
 * Everything the product holds about one pupil or one parent, for a subject access request
 * (UK GDPR article 15). What belongs to whom:
 * - A pupil's export holds their record (facts, SEN history, conversations with all four stages,
 *   their views, targets with progress, and the evidence: assessments, attendance, exclusions and
 *   wider-outcome events), the texts about them (to and from parents, and staff
 *   notices naming them), the confidence ratings their parents gave about them, and the audit
 *   trail of all of it. Their parents and carers appear by name and relationship only: a number
 *   is the parent's own data (separated parents must not learn each other's from a child's export).
 *   A text a parent sent without naming a child belongs to the child only when that parent has no
 *   other child at the school; a brother's or sister's texts, record and name are never in it.
 * - A parent's export holds their contact details, consent and choices, the children they are
 *   linked to (by name), every text to or from them, their booking offers, ratings and open
 *   questions, and the audit trail of all of it. It does not hold the children's SEN records:
 *   those are the children's, asked for through the child's own export.
 */
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

type AuditWhere = Prisma.AuditEventWhereInput;

async function auditTrail(db: PrismaClient, about: AuditWhere[]) {
  const events = await db.auditEvent.findMany({ where: { OR: about }, orderBy: { at: 'asc' } });
  return events.map((e) => ({ at: e.at.toISOString(), action: e.action, by: e.actorLabel, entityType: e.entityType, entityId: e.entityId, before: e.before, after: e.after }));
}

const messageSelect = {
  id: true,
  channel: true,
  direction: true,
  status: true,
  template: true,
  freeText: true,
  language: true,
  body: true,
  pupilId: true,
  createdAt: true,
  sentAt: true,
  deliveredAt: true,
  handledAt: true,
  contact: { select: { displayName: true } },
  staff: { select: { displayName: true } },
  media: { select: MEDIA_FACTS, orderBy: { position: 'asc' } },
} satisfies Prisma.MessageSelect;

type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

function messageOf(m: MessageRow) {
  const other = m.contact?.displayName ?? m.staff?.displayName ?? null;
  return {
    id: m.id,
    at: m.createdAt.toISOString(),
    channel: m.channel,
    direction: m.direction,
    ...(m.direction === 'INBOUND' ? { from: other } : { to: other }),
    status: m.status,
    template: m.template,
    writtenByStaff: m.freeText,
    language: m.language,
    text: m.body,
    // Pictures and files sent with it: what and how large, never the bytes (asked for, they are given separately).
    attachments:
      m.media.length > 0
        ? m.media.map((x) => mediaLabel(describeMedia(x))).join('; ')
        : null,
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    handledAt: iso(m.handledAt),
  };
}

const pupilAuditEntities = (
  id: string,
  ids: { conversations: string[]; targets: string[]; views: string[]; offers: string[]; messages: string[]; assessments: string[]; attendance: string[]; exclusions: string[]; events: string[] },
): AuditWhere[] => [
  { entityType: 'Pupil', entityId: id },
  { entityType: 'PupilContact', entityId: { startsWith: `${id}:` } },
  { entityType: 'StructuredConversation', entityId: { in: ids.conversations } },
  { entityType: 'Target', entityId: { in: ids.targets } },
  { entityType: 'PupilView', entityId: { in: ids.views } },
  { entityType: 'BookingOffer', entityId: { in: ids.offers } },
  { entityType: 'Message', entityId: { in: ids.messages } },
  { entityType: 'AssessmentPoint', entityId: { in: ids.assessments } },
  { entityType: 'AttendanceRecord', entityId: { in: ids.attendance } },
  { entityType: 'Exclusion', entityId: { in: ids.exclusions } },
  { entityType: 'WiderOutcomeEvent', entityId: { in: ids.events } },
];

export async function pupilSubjectAccess(db: PrismaClient, pupilId: string, at: Date) {
  const p = await db.pupil.findUniqueOrThrow({
    where: { id: pupilId },
    include: {
      school: { select: { name: true } },
      keyTeacher: { select: { displayName: true } },
      senHistory: { orderBy: { effectiveOn: 'asc' } },
      contacts: { include: { contact: { select: { id: true, displayName: true, pupils: { select: { pupilId: true } } } } }, orderBy: { priority: 'asc' } },
      conversations: { include: { bookingOffers: { include: { slots: { orderBy: { position: 'asc' } } } } }, orderBy: { dueBy: 'asc' } },
      views: { orderBy: { recordedAt: 'asc' } },
      targets: { include: { progressEntries: { orderBy: { recordedAt: 'asc' } } }, orderBy: { createdAt: 'asc' } },
      confidenceRatings: { include: { contact: { select: { displayName: true } } }, orderBy: { receivedAt: 'asc' } },
      assessmentPoints: { include: { subject: { select: { name: true } } }, orderBy: [{ windowStartsOn: 'asc' }, { recordedAt: 'asc' }] },
      attendanceRecords: { orderBy: { fromDate: 'asc' } },
      exclusions: { orderBy: { startsOn: 'asc' } },
      outcomeEvents: { orderBy: [{ occurredOn: 'asc' }, { recordedAt: 'asc' }] },
    },
  });
  const onlyThisChild = p.contacts.filter((l) => l.contact.pupils.every((x) => x.pupilId === pupilId)).map((l) => l.contactId);
  const messages = await db.message.findMany({
    where: { OR: [{ pupilId }, { pupilId: null, channel: 'SMS', contactId: { in: onlyThisChild } }] },
    select: messageSelect,
    orderBy: { createdAt: 'asc' },
  });
  const ids = {
    conversations: p.conversations.map((c) => c.id),
    targets: p.targets.map((t) => t.id),
    views: p.views.map((v) => v.id),
    offers: p.conversations.flatMap((c) => c.bookingOffers.map((o) => o.id)),
    messages: messages.map((m) => m.id),
    assessments: p.assessmentPoints.map((a) => a.id),
    attendance: p.attendanceRecords.map((a) => a.id),
    exclusions: p.exclusions.map((e) => e.id),
    events: p.outcomeEvents.map((e) => e.id),
  };
  return {
    subject: { kind: 'pupil' as const, id: p.id },
    school: p.school.name,
    generatedAt: at.toISOString(),
    pupil: {
      firstName: p.firstName,
      lastName: p.lastName,
      misId: p.misId,
      yearGroup: p.yearGroup,
      senStatus: p.senStatus,
      primaryNeed: p.primaryNeed,
      secondaryNeed: p.secondaryNeed,
      lookedAfter: p.lookedAfter,
      onRegisterSince: day(p.onRegisterSince),
      attendanceNote: p.attendanceNote,
      keyTeacher: p.keyTeacher?.displayName ?? null,
      leftAt: iso(p.archivedAt),
      addedAt: p.createdAt.toISOString(),
    },
    senHistory: p.senHistory.map((h) => ({ senStatus: h.senStatus, primaryNeed: h.primaryNeed, effectiveOn: day(h.effectiveOn) })),
    parentsAndCarers: p.contacts.map((l) => ({ name: l.contact.displayName, relationship: l.relationship, parentalResponsibility: l.parentalResponsibility })),
    conversations: p.conversations.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: c.status,
      dueBy: day(c.dueBy),
      scheduledAt: iso(c.scheduledAt),
      heldAt: iso(c.heldAt),
      durationMinutes: c.durationMinutes,
      location: c.location,
      recordState: c.recordState,
      explore: { strengths: c.exploreStrengths, barriers: c.exploreBarriers, aspirations: c.exploreAspirations },
      focus: c.focusNotes,
      plan: c.planNotes,
      review: c.reviewNotes,
      attendees: c.attendees,
      pupilInvolvement: c.pupilInvolvement,
      pupilInvolvementNote: c.pupilInvolvementNote,
      nextReviewBy: day(c.nextReviewBy),
      parentConfirmedAt: iso(c.parentConfirmedAt),
      subjectTeachersToldAt: iso(c.subjectTeachersToldAt),
      cancelledAt: iso(c.cancelledAt),
      cancelReason: c.cancelReason,
      bookingOffers: c.bookingOffers.map((o) => ({ status: o.status, offeredAt: o.createdAt.toISOString(), times: o.slots.map((s) => ({ startsAt: s.startsAt.toISOString(), chosen: s.chosen })) })),
    })),
    pupilViews: p.views.map((v) => ({ recordedAt: v.recordedAt.toISOString(), gatheredBy: v.gatheredBy, goodAt: v.goodAt, findHard: v.findHard, helpsMe: v.helpsMe, wantToGetBetterAt: v.wantToGetBetterAt })),
    targets: p.targets.map((t) => ({
      id: t.id,
      area: t.area,
      horizon: t.horizon,
      description: t.description,
      successLooksLike: t.successLooksLike,
      schoolActions: t.schoolActions,
      homeActions: t.homeActions,
      reviewBy: day(t.reviewBy),
      status: t.status,
      reviewedAt: iso(t.reviewedAt),
      progress: t.progressEntries.map((e) => ({ at: e.recordedAt.toISOString(), status: e.status, note: e.note, sharedWithParentAt: iso(e.sharedWithParentAt) })),
    })),
    parentsConfidence: p.confidenceRatings.map((r) => ({ at: r.receivedAt.toISOString(), by: r.contact.displayName, score: r.score })),
    assessments: p.assessmentPoints.map((a) => ({ subject: a.subject.name, window: a.windowName, step: a.step, score: a.score, baseline: a.baseline, source: a.source, recordedAt: a.recordedAt.toISOString() })),
    attendance: p.attendanceRecords.map((a) => ({ from: day(a.fromDate), to: day(a.toDate), sessionsPossible: a.sessionsPossible, sessionsAttended: a.sessionsAttended, source: a.source })),
    exclusions: p.exclusions.map((e) => ({ kind: e.kind, startsOn: day(e.startsOn), days: e.days, source: e.source })),
    widerOutcomes: p.outcomeEvents.map((e) => ({ kind: e.kind, on: day(e.occurredOn), category: e.category, resolved: e.resolved, source: e.source })),
    messages: messages.map(messageOf),
    auditTrail: await auditTrail(db, pupilAuditEntities(p.id, ids)),
  };
}

export async function contactSubjectAccess(db: PrismaClient, contactId: string, at: Date) {
  const c = await db.contact.findUniqueOrThrow({
    where: { id: contactId },
    include: {
      school: { select: { name: true } },
      pupils: { include: { pupil: { select: { id: true, firstName: true, lastName: true } } }, orderBy: { priority: 'asc' } },
      bookingOffers: { include: { slots: { orderBy: { position: 'asc' } }, conversation: { select: { pupilId: true } } }, orderBy: { createdAt: 'asc' } },
      confidenceRatings: { orderBy: { receivedAt: 'asc' } },
      awaitedReplies: { orderBy: { createdAt: 'asc' } },
    },
  });
  const messages = await db.message.findMany({ where: { contactId }, select: messageSelect, orderBy: { createdAt: 'asc' } });
  return {
    subject: { kind: 'parentOrCarer' as const, id: c.id },
    school: c.school.name,
    generatedAt: at.toISOString(),
    contact: {
      name: c.displayName,
      mobile: c.mobile,
      preferredLanguage: c.preferredLanguage,
      smsConsent: c.smsConsent,
      smsConsentAt: iso(c.smsConsentAt),
      smsConsentMethod: c.smsConsentMethod,
      optedOutAt: iso(c.optedOutAt),
      unreachableAt: iso(c.unreachableAt),
      unreachableReason: c.unreachableReason,
      progressUpdatesEveryWeeks: c.updateEveryWeeks,
      addedAt: c.createdAt.toISOString(),
    },
    children: c.pupils.map((l) => ({ pupilId: l.pupil.id, firstName: l.pupil.firstName, lastName: l.pupil.lastName, relationship: l.relationship, parentalResponsibility: l.parentalResponsibility })),
    messages: messages.map(messageOf),
    bookingOffers: c.bookingOffers.map((o) => ({
      pupilId: o.conversation.pupilId,
      status: o.status,
      offeredAt: o.createdAt.toISOString(),
      respondedAt: iso(o.respondedAt),
      times: o.slots.map((s) => ({ startsAt: s.startsAt.toISOString(), chosen: s.chosen })),
    })),
    confidenceRatings: c.confidenceRatings.map((r) => ({ at: r.receivedAt.toISOString(), pupilId: r.pupilId, score: r.score })),
    questionsAsked: c.awaitedReplies.map((a) => ({ kind: a.kind, askedAt: a.createdAt.toISOString(), expiresAt: a.expiresAt.toISOString(), answeredAt: iso(a.resolvedAt) })),
    auditTrail: await auditTrail(db, [
      { entityType: 'Contact', entityId: c.id },
      { entityType: 'PupilContact', entityId: { endsWith: `:${c.id}` } },
      { entityType: 'Message', entityId: { in: messages.map((m) => m.id) } },
      { entityType: 'BookingOffer', entityId: { in: c.bookingOffers.map((o) => o.id) } },
      { actorKind: 'PARENT', actorId: c.id },
    ]),
  };
}
