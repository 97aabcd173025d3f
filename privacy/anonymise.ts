import { Prisma } from '../generated/prisma/client';
import type { Actor } from '../audit/audit';
import type { Tx } from '../db/transaction';
import { withdrawOffersTo } from '../booking/booking';
import { markForPlanning } from '../jobs/planningMarks';
import type { Clock } from '../runtime/clock';

/**
 * Anonymising a pupil or a parent: every name, number, identifier and free-text word about them
 * goes, everywhere the product keeps it (the record, messages, staff notices quoting a parent,
 * the audit trail's before/after values); the dated facts stay (a conversation was held in
 * autumn, a maths target was achieved, a parent rated their confidence 4, a text was delivered),
 * so the school's history still adds up without saying who it was about. Used by the nightly
 * retention of leavers' records and by erasure on request. Idempotent: what is already
 * anonymised is skipped.
 */

export const FORMER_PUPIL = 'Former pupil';
export const FORMER_CONTACT = 'Former parent or carer';
/** What is left of a message's text or a target's wording (both required). */
export const REMOVED_TEXT = '[removed]';

export interface Anonymised {
  pupils: number;
  contacts: number;
  conversations: number;
  pupilViews: number;
  targets: number;
  messages: number;
  auditEntries: number;
  jobsCancelled: number;
  awaitedRepliesDeleted: number;
}

export const nothingAnonymised = (): Anonymised => ({ pupils: 0, contacts: 0, conversations: 0, pupilViews: 0, targets: 0, messages: 0, auditEntries: 0, jobsCancelled: 0, awaitedRepliesDeleted: 0 });

export function addUp(a: Anonymised, b: Anonymised): Anonymised {
  const sum = nothingAnonymised();
  for (const k of Object.keys(sum) as (keyof Anonymised)[]) sum[k] = a[k] + b[k];
  return sum;
}

/** Who is being anonymised, and why (the actor of any booking change it causes). */
export interface AnonymiseContext {
  clock: Clock;
  actor: Actor;
}

/** Texts and staff notices quoting them lose their words, numbers and pictures; those still queued are never sent. */
async function redactMessages(tx: Tx, where: Prisma.MessageWhereInput): Promise<{ ids: string[]; jobsCancelled: number }> {
  const direct = (await tx.message.findMany({ where, select: { id: true } })).map((m) => m.id);
  if (direct.length === 0) return { ids: [], jobsCancelled: 0 };
  // A parent's reply is passed to the key teacher in Teams, quoting it.
  const notices = await tx.message.findMany({ where: { channel: 'TEAMS', inReplyToId: { in: direct } }, select: { id: true } });
  const ids = [...direct, ...notices.map((n) => n.id)];
  await tx.message.updateMany({ where: { id: { in: ids }, status: 'QUEUED' }, data: { status: 'SUPPRESSED' } });
  await tx.message.updateMany({ where: { id: { in: ids } }, data: { body: REMOVED_TEXT, fromAddress: null, toAddress: null, errorMessage: null, card: Prisma.DbNull } });
  // Their pictures go too; one not fetched yet is never fetched (its job only deletes Twilio's copy).
  await tx.messageMedia.updateMany({ where: { messageId: { in: direct }, status: { not: 'REMOVED' } }, data: { status: 'REMOVED', data: null, sourceUrl: null, reason: 'removed on erasure' } });
  const jobs = await tx.job.updateMany({ where: { subjectId: { in: ids }, status: 'PENDING' }, data: { status: 'CANCELLED' } });
  return { ids, jobsCancelled: jobs.count };
}

/** The audit trail keeps who did what and when; the values it recorded about the person go. */
async function scrubAudit(tx: Tx, about: Prisma.AuditEventWhereInput[], parentActors: string[] = []): Promise<number> {
  let count = 0;
  if (about.length > 0) count += (await tx.auditEvent.updateMany({ where: { OR: about }, data: { before: Prisma.DbNull, after: Prisma.DbNull } })).count;
  if (parentActors.length > 0) {
    const acted = await tx.auditEvent.updateMany({
      where: { actorKind: 'PARENT', actorId: { in: parentActors } },
      data: { actorLabel: `${FORMER_CONTACT} (SMS)`, before: Prisma.DbNull, after: Prisma.DbNull },
    });
    count += acted.count;
  }
  return count;
}

const entities = (entityType: string, ids: string[]): Prisma.AuditEventWhereInput[] => (ids.length > 0 ? [{ entityType, entityId: { in: ids } }] : []);

/** A parent named among a conversation's attendees is named no more. */
async function unnameAttendees(tx: Tx, contacts: { displayName: string }[], pupilIds: string[]): Promise<void> {
  const names = new Set(contacts.map((c) => c.displayName.trim().toLowerCase()));
  const conversations = await tx.structuredConversation.findMany({ where: { pupilId: { in: pupilIds } }, select: { id: true, attendees: true } });
  for (const c of conversations) {
    if (!Array.isArray(c.attendees)) continue;
    const attendees = c.attendees as { name?: unknown; role?: unknown }[];
    if (!attendees.some((a) => names.has(String(a?.name ?? '').trim().toLowerCase()))) continue;
    const renamed = attendees.map((a) => (names.has(String(a?.name ?? '').trim().toLowerCase()) ? { ...a, name: 'Parent or carer' } : a));
    await tx.structuredConversation.update({ where: { id: c.id }, data: { attendees: renamed as Prisma.InputJsonValue } });
  }
}

/**
 * Parents and carers: name, number, consent and their own words go; they are marked opted out so
 * nothing can reach them, their open booking offers are withdrawn, their unanswered questions
 * dropped and their links to pupils removed. Their confidence ratings stay as numbers.
 */
export async function anonymiseContacts(tx: Tx, ctx: AnonymiseContext, contactIds: string[]): Promise<Anonymised> {
  const counts = nothingAnonymised();
  const contacts = await tx.contact.findMany({ where: { id: { in: contactIds }, anonymisedAt: null }, select: { id: true, displayName: true, optedOutAt: true } });
  if (contacts.length === 0) return counts;
  const ids = contacts.map((c) => c.id);
  const now = ctx.clock.now();

  for (const id of ids) await withdrawOffersTo(tx, ctx.clock, ctx.actor, id);
  const links = await tx.pupilContact.findMany({ where: { contactId: { in: ids } }, select: { pupilId: true } });
  // Their children's progress updates to them go; found before the links are removed.
  await markForPlanning(tx, 'pupil', links.map((l) => l.pupilId));
  await unnameAttendees(tx, contacts, [...new Set(links.map((l) => l.pupilId))]);
  await tx.pupilContact.deleteMany({ where: { contactId: { in: ids } } });
  counts.awaitedRepliesDeleted = (await tx.awaitedReply.deleteMany({ where: { contactId: { in: ids } } })).count;
  for (const c of contacts) {
    await tx.contact.update({
      where: { id: c.id },
      // The number is unique within a school: the placeholder keeps it so.
      data: { displayName: FORMER_CONTACT, mobile: `erased:${c.id}`, smsConsent: false, smsConsentAt: null, smsConsentMethod: null, optedOutAt: c.optedOutAt ?? now, unreachableReason: null, updateEveryWeeks: null, anonymisedAt: now },
    });
  }
  counts.contacts = contacts.length;

  const messages = await redactMessages(tx, { contactId: { in: ids } });
  await markForPlanning(tx, 'reply', messages.ids);
  counts.messages = messages.ids.length;
  counts.jobsCancelled = messages.jobsCancelled;
  counts.auditEntries = await scrubAudit(
    tx,
    [...entities('Contact', ids), ...entities('Message', messages.ids), ...ids.map((id): Prisma.AuditEventWhereInput => ({ entityType: 'PupilContact', entityId: { endsWith: `:${id}` } }))],
    ids,
  );
  return counts;
}

/**
 * Pupils: name, identifier, needs and every word of their record go (conversation notes, their
 * views, target wording, progress notes, texts about them); the pupil stays as "Former pupil",
 * off the register, with dates, year group, SEN status, target areas and statuses. Returns the
 * contacts left linked to no pupil, for the caller to anonymise too.
 */
export async function anonymisePupils(tx: Tx, ctx: AnonymiseContext, pupilIds: string[]): Promise<{ counts: Anonymised; contactsLeftAlone: string[] }> {
  const counts = nothingAnonymised();
  const pupils = await tx.pupil.findMany({ where: { id: { in: pupilIds }, anonymisedAt: null }, select: { id: true, archivedAt: true } });
  if (pupils.length === 0) return { counts, contactsLeftAlone: [] };
  const ids = pupils.map((p) => p.id);
  const now = ctx.clock.now();
  const of = { pupilId: { in: ids } };
  const conversationIds = (await tx.structuredConversation.findMany({ where: of, select: { id: true } })).map((c) => c.id);
  const targetIds = (await tx.target.findMany({ where: of, select: { id: true } })).map((t) => t.id);
  const viewIds = (await tx.pupilView.findMany({ where: of, select: { id: true } })).map((v) => v.id);
  const offerIds = (await tx.bookingOffer.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true } })).map((o) => o.id);
  // The evidence keeps its dates, values and counts; its audit trail loses its before and after, as the record's does.
  const evidence = {
    points: (await tx.assessmentPoint.findMany({ where: of, select: { id: true } })).map((e) => e.id),
    attendance: (await tx.attendanceRecord.findMany({ where: of, select: { id: true } })).map((e) => e.id),
    exclusions: (await tx.exclusion.findMany({ where: of, select: { id: true } })).map((e) => e.id),
    events: (await tx.widerOutcomeEvent.findMany({ where: of, select: { id: true } })).map((e) => e.id),
  };

  const contactIds = [...new Set((await tx.pupilContact.findMany({ where: of, select: { contactId: true } })).map((l) => l.contactId))];
  await tx.pupilContact.deleteMany({ where: of });
  const stillLinked = new Set((await tx.pupilContact.findMany({ where: { contactId: { in: contactIds } }, select: { contactId: true } })).map((l) => l.contactId));

  for (const p of pupils) {
    await tx.pupil.update({
      where: { id: p.id },
      // The MIS identifier is unique within a school: the placeholder keeps it so, and a later import of the same UPN is a new pupil.
      data: { firstName: FORMER_PUPIL, lastName: '', misId: `erased:${p.id}`, primaryNeed: null, secondaryNeed: null, lookedAfter: false, attendanceNote: null, keyTeacherId: null, archivedAt: p.archivedAt ?? now, anonymisedAt: now },
    });
  }
  counts.pupils = pupils.length;
  await tx.senStatusChange.updateMany({ where: of, data: { primaryNeed: null } });
  counts.conversations = (
    await tx.structuredConversation.updateMany({
      where: of,
      data: { exploreStrengths: null, exploreBarriers: null, exploreAspirations: null, focusNotes: null, planNotes: null, reviewNotes: null, attendees: [], pupilInvolvementNote: null, location: null, cancelReason: null, version: { increment: 1 } },
    })
  ).count;
  counts.pupilViews = (await tx.pupilView.updateMany({ where: of, data: { goodAt: null, findHard: null, helpsMe: null, wantToGetBetterAt: null } })).count;
  counts.targets = (await tx.target.updateMany({ where: of, data: { description: REMOVED_TEXT, successLooksLike: null, schoolActions: null, homeActions: null } })).count;
  await tx.progressEntry.updateMany({ where: of, data: { note: null } });
  // An event's category is the MIS's word for what happened to the child.
  await tx.widerOutcomeEvent.updateMany({ where: of, data: { category: null } });
  await tx.bookingOffer.updateMany({ where: { id: { in: offerIds }, status: 'OPEN' }, data: { status: 'WITHDRAWN', respondedAt: now } });

  const jobs = await tx.job.updateMany({ where: { subjectId: { in: [...ids, ...conversationIds, ...targetIds] }, status: 'PENDING' }, data: { status: 'CANCELLED' } });
  await markForPlanning(tx, 'pupil', ids);
  // A question still open to a parent about this child ("Reply 1 for Amir, 2 for Sara", "How confident ...").
  const awaited = await tx.awaitedReply.deleteMany({
    where: { OR: ids.flatMap((id): Prisma.AwaitedReplyWhereInput[] => [{ payload: { path: ['pupilId'], equals: id } }, { payload: { path: ['options'], array_contains: [id] } }]) },
  });
  counts.awaitedRepliesDeleted = awaited.count;
  const messages = await redactMessages(tx, { OR: [of, { conversationId: { in: conversationIds } }, { targetId: { in: targetIds } }] });
  counts.messages = messages.ids.length;
  counts.jobsCancelled = jobs.count + messages.jobsCancelled;
  counts.auditEntries = await scrubAudit(tx, [
    ...entities('Pupil', ids),
    ...entities('StructuredConversation', conversationIds),
    ...entities('Target', targetIds),
    ...entities('PupilView', viewIds),
    ...entities('BookingOffer', offerIds),
    ...entities('Message', messages.ids),
    ...entities('AssessmentPoint', evidence.points),
    ...entities('AttendanceRecord', evidence.attendance),
    ...entities('Exclusion', evidence.exclusions),
    ...entities('WiderOutcomeEvent', evidence.events),
    ...ids.map((id): Prisma.AuditEventWhereInput => ({ entityType: 'PupilContact', entityId: { startsWith: `${id}:` } })),
  ]);
  return { counts, contactsLeftAlone: contactIds.filter((c) => !stillLinked.has(c)) };
}
