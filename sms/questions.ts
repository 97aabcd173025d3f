import { z } from 'zod';
import type { AwaitedReply, Contact } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import { transaction, type Tx } from '../db/transaction';
import { aSchoolDayLater } from '../domain/schoolCalendar';
import { planJob } from '../jobs/jobQueue';
import { payloadOf, type JobHandler } from '../jobs/jobRunner';
import { childFirstName } from '../messaging/content';
import { queueParentSms } from '../messaging/parentMessages';
import type { QueuedMessage } from '../messaging/outbox';
import { keyTeacherOrSencos, notifyStaff, staffWithRole } from '../messaging/staffNotifier';
import type { Clock } from '../runtime/clock';
import { loadSchoolCalendar } from '../school/calendar';
import { MEDIA_FACTS, whatWasSent } from './mediaItems';

/**
 * The two questions we ask before a parent's words can be filed: which child (a parent of several
 * children at the school) and which school (a number known at several schools texting a number
 * they share). No parent's words end unseen:
 *
 * - A text that needs the question while the same question is waiting joins it (one question,
 *   however many texts); the answer files every one of them.
 * - Unanswered for a school day (domain/schoolCalendar.ts `aSchoolDayLater`, in sending hours),
 *   the question is asked once more; unanswered a school day after that, or when the parent
 *   cannot be texted at all (no consent, opted out), the texts go to the key teachers of all the
 *   parent's children at that school (the SENCOs for a child without one; the admins when no
 *   child is on the roll), marked as about no single child (`Message.passedToStaffAt`). The
 *   question stays answerable for a week: a late "1" files the texts under that child (a late
 *   school takes them back from the school they were passed to and handles them there), but no
 *   new text joins it.
 * - Which school, unanswered: the school the number was last in touch with (the likeliest one the
 *   parent is answering), else the first school that registered the number. It is the one place
 *   the product must guess; it guesses only between schools that hold this number as a parent.
 *
 * Staff answer such a text like any other (replies/useCases.ts), if they may change the record of
 * any of the parent's children there.
 */
export const QUESTION_FOLLOW_UP = 'sms.questionFollowUp';

/** What an awaited answer's numbers mean (the `payload` JSON column), read through its schema rather than cast. */
export const awaitedPayload = z.object({
  options: z.array(z.uuid()).optional(),
  messageId: z.uuid().optional(),
  /** Later texts that joined the question while it waited. */
  messageIds: z.array(z.uuid()).optional(),
  /** When its texts were passed to staff: a later answer still files them (for a week), but no new text joins it. */
  passedAt: z.iso.datetime().optional(),
  pupilId: z.uuid().optional(),
  conversationId: z.uuid().optional(),
});
type AwaitedPayload = z.infer<typeof awaitedPayload>;

const followUpPayload = z.object({ awaitedId: z.uuid(), step: z.enum(['reask', 'pass']) });

/** Longer than any holiday: the follow-ups close the question, not its expiry. */
const OPEN_DAYS = 90;
/** How long after its texts reached staff the parent's answer still files them. */
const LATE_ANSWER_DAYS = 7;

export type WhichKind = 'WHICH_CHILD' | 'WHICH_SCHOOL';

/** The texts a question holds, oldest first. */
export const heldBy = (p: AwaitedPayload): string[] => [...(p.messageId ? [p.messageId] : []), ...(p.messageIds ?? [])];

const sameOptions = (a: string[] | undefined, b: string[]): boolean => a !== undefined && a.length === b.length && a.every((x) => b.includes(x));

/** The question text itself, from what the question holds (asked first, and asked again). */
async function queueQuestion(tx: Tx, clock: Clock, kind: WhichKind, contact: Contact, options: string[], inReplyToId: string, idempotencyKey: string): Promise<QueuedMessage | null> {
  if (kind === 'WHICH_SCHOOL') {
    const schools = await tx.school.findMany({ where: { id: { in: options } }, select: { id: true, name: true } });
    const names = options.map((id) => schools.find((s) => s.id === id)?.name).filter((n): n is string => n !== undefined);
    return queueParentSms(tx, clock, { schoolId: contact.schoolId, template: 'which.school', params: { schools: names }, contact, inReplyToId, idempotencyKey });
  }
  const pupils = await tx.pupil.findMany({ where: { id: { in: options }, archivedAt: null }, select: { id: true, firstName: true, lastName: true } });
  const children = options.map((id) => pupils.find((p) => p.id === id)).filter((p): p is (typeof pupils)[number] => p !== undefined);
  if (children.length !== options.length) return null;
  return queueParentSms(tx, clock, {
    schoolId: contact.schoolId,
    template: 'which.child',
    params: { children: children.map((p) => childFirstName(p.firstName)) },
    contact,
    names: children,
    inReplyToId,
    idempotencyKey,
  });
}

export interface Question {
  kind: WhichKind;
  /** Who is asked (one contact record: each school holds its own consent). */
  contact: Contact;
  /** Every contact record of the number in scope: a question already waiting for any of them is joined. */
  contactIds: string[];
  /** Pupils (which child) or schools (which school), in the order the numbers name them. */
  options: string[];
  inboundId: string;
}

/**
 * Asks the question about this text, or joins the same one already waiting. Returns false when
 * it cannot be asked (the parent may not be texted): the caller passes the text to staff.
 */
export async function askOrJoin(tx: Tx, clock: Clock, q: Question): Promise<boolean> {
  const now = clock.now();
  const waiting = await tx.awaitedReply.findMany({ where: { contactId: { in: q.contactIds }, kind: q.kind, resolvedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: 'desc' } });
  for (const w of waiting) {
    const p = awaitedPayload.parse(w.payload);
    if (p.passedAt || !sameOptions(p.options, q.options)) continue;
    await tx.awaitedReply.update({ where: { id: w.id }, data: { payload: { ...p, messageIds: [...(p.messageIds ?? []), q.inboundId] } } });
    return true;
  }
  // Keyed by the question: a text asked which school and then which child gets both.
  if (!(await queueQuestion(tx, clock, q.kind, q.contact, q.options, q.inboundId, `${q.kind}:${q.inboundId}`))) return false;
  const awaited = await tx.awaitedReply.create({
    data: { contactId: q.contact.id, kind: q.kind, payload: { options: q.options, messageId: q.inboundId }, expiresAt: new Date(now.getTime() + OPEN_DAYS * 86_400_000) },
  });
  await planFollowUp(tx, clock, awaited, q.contact.schoolId, 'reask');
  return true;
}

async function planFollowUp(tx: Tx, clock: Clock, awaited: Pick<AwaitedReply, 'id'>, schoolId: string, step: 'reask' | 'pass'): Promise<void> {
  const cal = await loadSchoolCalendar(tx, schoolId);
  await planJob(tx, {
    kind: QUESTION_FOLLOW_UP,
    dedupeKey: `${QUESTION_FOLLOW_UP}:${awaited.id}:${step}`,
    runAt: aSchoolDayLater(cal, clock.now()),
    schoolId,
    subjectId: awaited.id,
    payload: { awaitedId: awaited.id, step },
  });
}

/** The school a number was last in touch with (a text either way, not these texts or our questions about them), among those it is a parent at. */
export async function lastInTouch(tx: Tx, mobile: string, schoolIds: string[], held: string[]): Promise<string | undefined> {
  const contacts = await tx.contact.findMany({ where: { mobile, schoolId: { in: schoolIds } }, select: { id: true, schoolId: true }, orderBy: { createdAt: 'asc' } });
  const latest = await tx.message.findFirst({
    where: {
      channel: 'SMS',
      contactId: { in: contacts.map((c) => c.id) },
      id: { notIn: held },
      AND: [{ OR: [{ inReplyToId: null }, { inReplyToId: { notIn: held } }] }, { OR: [{ template: null }, { template: { not: 'which.school' } }] }],
    },
    orderBy: { createdAt: 'desc' },
    select: { contact: { select: { schoolId: true } } },
  });
  return latest?.contact?.schoolId ?? contacts[0]?.schoolId;
}

const listed = (names: string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/**
 * Passes texts the parent never said the child of to the staff of all their children at `schoolId`,
 * as about no single child. A text filed, handled or passed meanwhile is left as it is.
 */
export async function passToStaff(tx: Tx, clock: Clock, messageIds: string[], schoolId: string): Promise<void> {
  const now = clock.now();
  for (const id of messageIds) {
    const m = await tx.message.findUnique({ where: { id }, include: { contact: { select: { mobile: true, schoolId: true } }, media: { select: MEDIA_FACTS } } });
    if (!m || m.pupilId || m.handledAt || m.passedToStaffAt) continue;
    const mobile = m.contact?.mobile ?? m.fromAddress;
    const contact = mobile ? await tx.contact.findFirst({ where: { schoolId, mobile }, include: { pupils: { where: { pupil: { archivedAt: null } }, include: { pupil: true }, orderBy: { pupil: { firstName: 'asc' } } } } }) : null;
    if (!contact) continue;
    await tx.message.update({ where: { id }, data: { passedToStaffAt: now, schoolId, contactId: contact.id } });
    const children = contact.pupils.map((l) => l.pupil);
    const staff = new Set<string>();
    for (const pupil of children) for (const staffId of await keyTeacherOrSencos(tx, pupil)) staff.add(staffId);
    if (staff.size === 0) for (const staffId of await staffWithRole(tx, schoolId, 'ADMIN')) staff.add(staffId);
    const said = whatWasSent(m.body, m.media, 'texted');
    const whose = children.length > 0 ? `parent or carer of ${listed(children.map((p) => `${p.firstName} ${p.lastName}`))}` : 'a parent or carer whose children are no longer on the register';
    for (const staffId of staff) {
      await notifyStaff(tx, clock, {
        staffId,
        template: 'parent.unfiled',
        text: `${contact.displayName}, ${whose}, ${said}. They did not say which child it is about, so it comes to each of their children's key teachers.`,
        inReplyToId: id,
        idempotencyKey: `parent.unfiled:${id}:${staffId}`,
      });
    }
  }
}

/** Asked again, then passed to staff: the jobs a question plans for itself. */
export function questionFollowUpHandler(prisma: PrismaClient, clock: Clock, kick: () => void): JobHandler {
  return async (job) => {
    const { awaitedId, step } = payloadOf(job, followUpPayload);
    await transaction(prisma, async (tx) => {
      // A parent's answer arriving at this moment waits for this, or this finds it answered.
      await tx.$queryRaw`SELECT "id" FROM "AwaitedReply" WHERE "id" = ${awaitedId}::uuid FOR UPDATE`;
      const awaited = await tx.awaitedReply.findUnique({ where: { id: awaitedId }, include: { contact: true } });
      if (!awaited || awaited.resolvedAt || (awaited.kind !== 'WHICH_CHILD' && awaited.kind !== 'WHICH_SCHOOL')) return;
      const p = awaitedPayload.parse(awaited.payload);
      if (p.passedAt) return;
      const held = heldBy(p);
      if (step === 'reask' && p.messageId) {
        // Not asked again when the parent can no longer be texted, or the calendar has no day to text them on: staff see it now.
        const asked = await queueQuestion(tx, clock, awaited.kind, awaited.contact, p.options ?? [], p.messageId, `which.reask:${awaited.id}`).catch(() => null);
        if (asked) return planFollowUp(tx, clock, awaited, awaited.contact.schoolId, 'pass');
      }
      const now = clock.now();
      await tx.awaitedReply.update({ where: { id: awaited.id }, data: { payload: { ...p, passedAt: now.toISOString() }, expiresAt: new Date(now.getTime() + LATE_ANSWER_DAYS * 86_400_000) } });
      const schoolId =
        awaited.kind === 'WHICH_CHILD' ? awaited.contact.schoolId : ((await lastInTouch(tx, awaited.contact.mobile, p.options ?? [], held)) ?? awaited.contact.schoolId);
      await passToStaff(tx, clock, held, schoolId);
    });
    kick();
  };
}
