import { createHash } from 'node:crypto';
import { z, ZodError } from 'zod';
import type { Staff } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import { recordAudit, type Actor } from '../audit/audit';
import { HttpError } from '../api/errors';
import { offerSlots } from '../booking/booking';
import { canEditPupil, canViewPupil, type Principal } from '../domain/access';
import { notifyStaff } from '../messaging/staffNotifier';
import { adaptiveCard, banner, heading, type AdaptiveCard } from '../cards/adaptive';
import { BOOKING_OFFER, bookingCard, parseSlotInputs } from '../cards/bookingCard';
import { parentReplyCard, REPLY_HANDLED, REPLY_SMS } from '../cards/parentReplyCard';
import { PROGRESS_OPEN, PROGRESS_SAVE, progressFormCard, progressSavedCard } from '../cards/progressCard';
import { pupilViewsFormCard, pupilViewsSavedCard, VIEWS_OPEN, VIEWS_SAVE } from '../cards/pupilViewsCard';
import { parseRecordCard, RECORD_OPEN, RECORD_REFRESH, RECORD_SAVE, recordFormCard, recordSummaryCard, withCardInputs } from '../cards/recordCard';
import { SUBJECT_TEACHERS_OPEN, SUBJECT_TEACHERS_TELL, subjectTeachersCard, subjectTeachersToldCard } from '../cards/subjectTeachersCard';
import { RecordConflict, RecordIncomplete, RecordNotEditable, saveConversationRecord } from '../recording/conversationRecord';
import { AboutAnotherPupil, recordProgressUpdate, recordPupilViews } from '../recording/pupilVoice';
import { PROGRESS_STATUSES, pupilViewsInputSchema } from '../domain/record';
import { confirmAgreedTargets } from '../recording/confirmations';
import { messageParentsOf } from '../messaging/parentMessages';
import { loadBookingCardData, loadParentReplyData, loadProgressCardData, loadRecordCardData, loadSubjectTeacherOutcome, loadSubjectTeachersData } from './cardData';

/**
 * What happens when a key teacher presses a button on a card (Universal Actions, Action.Execute):
 * each verb gets the card's inputs and answers with the card that replaces it. Our own interface:
 * nothing here knows about botbuilder.
 */
export interface CardActionContext {
  prisma: PrismaClient;
  clock: Clock;
  publicBaseUrl: string;
  staff: Staff;
  principal: Principal;
  actor: Actor;
  /** The action's data merged with the card's inputs. */
  data: Record<string, unknown>;
  /** Runs queued messages soon (after the action's transaction committed) instead of at the next minute. */
  kick?(): void;
}

export type CardActionHandler = (ctx: CardActionContext) => Promise<AdaptiveCard>;

const handlers = new Map<string, CardActionHandler>();

/** Every verb the bot answers; the role matrix (tests/security) holds each one to the role rules. */
export function cardActionVerbs(): string[] {
  return [...handlers.keys()];
}

export function registerCardAction(verb: string, handler: CardActionHandler): void {
  if (handlers.has(verb)) throw new Error(`a handler for the card action "${verb}" is already registered`);
  handlers.set(verb, handler);
}

/** A refusal the teacher should read on the card (not a fault). */
export class CardActionRefused extends Error {}

/** What a teacher reads when a card action fails on our side (the database away, a bug), instead of Teams' generic error. */
export const CARD_FAULT = 'That could not be done just now, on our side. Please try again in a minute; if it keeps happening, tell the school\'s admin.';

export function refusalCard(message: string): AdaptiveCard {
  return adaptiveCard([...heading('Sorry'), banner(message, 'attention')]);
}

export async function handleCardAction(verb: string, ctx: CardActionContext): Promise<AdaptiveCard> {
  const handler = handlers.get(verb);
  if (!handler) return refusalCard('This button is from an older version of the app. Type "help" to start again.');
  try {
    return await handler(ctx);
  } catch (err) {
    if (err instanceof CardActionRefused || err instanceof AboutAnotherPupil) return refusalCard(err.message);
    // Card data of a shape our cards never send (altered, or from a much older card): refused, nothing saved.
    if (err instanceof ZodError) return refusalCard('This card could not be read. Type "help" to start again.');
    throw err;
  }
}

const uuid = z.uuid();
const idFrom = (data: Record<string, unknown>, key: string): string => {
  const parsed = uuid.safeParse(data[key]);
  if (!parsed.success) throw new CardActionRefused('This card is missing what it refers to. Type "help" to start again.');
  return parsed.data;
};
const textFrom = (data: Record<string, unknown>, key: string): string | undefined => {
  const v = data[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

async function editablePupil(ctx: CardActionContext, pupilId: string) {
  const pupil = await ctx.prisma.pupil.findUnique({ where: { id: pupilId } });
  if (!pupil || !canEditPupil(ctx.principal, pupil)) throw new CardActionRefused("Only the pupil's key teacher, the SENCO or an admin can do this.");
  return pupil;
}

async function conversationPupil(ctx: CardActionContext, conversationId: string) {
  const c = await ctx.prisma.structuredConversation.findUnique({ where: { id: conversationId }, select: { pupilId: true } });
  if (!c) throw new CardActionRefused('This conversation no longer exists.');
  return editablePupil(ctx, c.pupilId);
}

// ------------------------------------------------------------------ the record

registerCardAction(RECORD_OPEN, async (ctx) => {
  const id = idFrom(ctx.data, 'conversationId');
  await conversationPupil(ctx, id);
  return recordFormCard(await loadRecordCardData(ctx.prisma, ctx.publicBaseUrl, id, ctx.clock.now()));
});

// Anyone who may see the pupil's record (a school lead too) sees it refreshed; only editors get the edit button.
registerCardAction(RECORD_REFRESH, async (ctx) => {
  const id = idFrom(ctx.data, 'conversationId');
  const c = await ctx.prisma.structuredConversation.findUnique({ where: { id }, select: { pupil: true } });
  if (!c || !canViewPupil(ctx.principal, c.pupil)) throw new CardActionRefused("Only the pupil's key teacher and the school's SENCO, leads and admins can see this record.");
  const d = await loadRecordCardData(ctx.prisma, ctx.publicBaseUrl, id, ctx.clock.now());
  const editable = canEditPupil(ctx.principal, c.pupil);
  return recordSummaryCard(d, { editable, refreshForUserIds: ctx.staff.teamsUserId ? [ctx.staff.teamsUserId] : [] });
});

registerCardAction(RECORD_SAVE, async (ctx) => {
  const id = idFrom(ctx.data, 'conversationId');
  await conversationPupil(ctx, id);
  const saved = await loadRecordCardData(ctx.prisma, ctx.publicBaseUrl, id, ctx.clock.now());
  const asTyped = withCardInputs(saved, ctx.data);
  const parsed = parseRecordCard(ctx.data);
  if (!parsed.ok) return recordFormCard(asTyped, { problems: parsed.problems, slotOfTarget: parsed.slotOfTarget });
  try {
    const result = await saveConversationRecord(ctx.prisma, ctx.clock, ctx.actor, id, parsed.input);
    const fresh = await loadRecordCardData(ctx.prisma, ctx.publicBaseUrl, id, ctx.clock.now());
    if (parsed.input.state === 'DRAFT') return recordFormCard(fresh, { notice: 'Draft saved. Come back to it any time ("record" and the pupil\'s name).' });
    return recordSummaryCard(fresh, {
      notice: result.becameFinal ? 'Saved as the final record. I will ask you who to tell about the agreed targets.' : 'Changes saved.',
      editable: true,
      refreshForUserIds: ctx.staff.teamsUserId ? [ctx.staff.teamsUserId] : [],
    });
  } catch (err) {
    if (err instanceof RecordIncomplete) return recordFormCard(asTyped, { problems: err.problems, slotOfTarget: parsed.slotOfTarget });
    if (err instanceof RecordConflict) {
      const newer = { ...asTyped, conversation: { ...asTyped.conversation, version: err.currentVersion } };
      return recordFormCard(newer, { problems: [{ field: 'exploreStrengths', message: `${err.message} Your text is kept here: saving again replaces their version.` }] });
    }
    if (err instanceof RecordNotEditable) throw new CardActionRefused(err.message);
    throw err;
  }
});

// ------------------------------------------------------------------ pupil views and progress

registerCardAction(VIEWS_OPEN, async (ctx) => {
  const pupil = await editablePupil(ctx, idFrom(ctx.data, 'pupilId'));
  return pupilViewsFormCard({ pupil, conversationId: uuid.safeParse(ctx.data.conversationId).data });
});

registerCardAction(VIEWS_SAVE, async (ctx) => {
  const pupil = await editablePupil(ctx, idFrom(ctx.data, 'pupilId'));
  const conversationId = uuid.safeParse(ctx.data.conversationId).data;
  const values = { goodAt: textFrom(ctx.data, 'goodAt'), findHard: textFrom(ctx.data, 'findHard'), helpsMe: textFrom(ctx.data, 'helpsMe'), wantToGetBetterAt: textFrom(ctx.data, 'wantToGetBetterAt') };
  const parsed = pupilViewsInputSchema.safeParse({ ...values, gatheredBy: textFrom(ctx.data, 'gatheredBy'), conversationId });
  if (!parsed.success) return pupilViewsFormCard({ pupil, conversationId, values, error: parsed.error.issues[0]?.message ?? 'Please check the answers' });
  const views = await recordPupilViews(ctx.prisma, ctx.clock, ctx.actor, pupil.id, parsed.data);
  return pupilViewsSavedCard({ pupil, views });
});

registerCardAction(PROGRESS_OPEN, async (ctx) => {
  const pupil = await editablePupil(ctx, idFrom(ctx.data, 'pupilId'));
  return progressFormCard(await loadProgressCardData(ctx.prisma, pupil.id));
});

const statusSchema = z.enum(PROGRESS_STATUSES);

registerCardAction(PROGRESS_SAVE, async (ctx) => {
  const pupil = await editablePupil(ctx, idFrom(ctx.data, 'pupilId'));
  const targetIds = Array.isArray(ctx.data.targetIds) ? ctx.data.targetIds.filter((t): t is string => uuid.safeParse(t).success) : [];
  const items = targetIds.flatMap((targetId) => {
    const status = statusSchema.safeParse(ctx.data[`status_${targetId}`]);
    return status.success ? [{ targetId, status: status.data, note: textFrom(ctx.data, `note_${targetId}`)?.slice(0, 1000) }] : [];
  });
  if (items.length === 0) return progressFormCard({ ...(await loadProgressCardData(ctx.prisma, pupil.id)), error: 'Choose a status for at least one target.' });
  const tellParent = ctx.data.tellParent === 'true' || ctx.data.tellParent === true;
  const recorded = await recordProgressUpdate(ctx.prisma, ctx.clock, ctx.actor, pupil.id, items, tellParent);
  return progressSavedCard({
    pupil,
    entries: recorded.targets.map((t, i) => ({ area: t.area, description: t.description, status: t.status, note: recorded.entries[i]!.note })),
    parentsTold: recorded.parentMessages.length,
    tellParent,
  });
});

// ------------------------------------------------------------------ parent replies

async function parentMessage(ctx: CardActionContext) {
  const id = idFrom(ctx.data, 'messageId');
  const m = await ctx.prisma.message.findUnique({ where: { id }, select: { id: true, pupilId: true, contactId: true, schoolId: true, handledAt: true, direction: true } });
  if (!m || !m.pupilId || m.direction !== 'INBOUND') throw new CardActionRefused('This parent message is no longer available.');
  await editablePupil(ctx, m.pupilId);
  return m as typeof m & { pupilId: string };
}

async function markHandled(ctx: CardActionContext, m: { id: string; schoolId: string; handledAt: Date | null }, how: string): Promise<void> {
  if (m.handledAt) return;
  await ctx.prisma.$transaction(async (tx) => {
    await tx.message.update({ where: { id: m.id }, data: { handledAt: ctx.clock.now(), handledById: ctx.staff.id } });
    await recordAudit(tx, ctx.actor, { schoolId: m.schoolId, action: 'parentReply.handled', entityType: 'Message', entityId: m.id, after: { how } });
  });
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

registerCardAction(REPLY_SMS, async (ctx) => {
  const m = await parentMessage(ctx);
  const text = textFrom(ctx.data, 'replyText');
  const data = await loadParentReplyData(ctx.prisma, ctx.publicBaseUrl, m.id);
  if (!text) return parentReplyCard({ ...data, notice: { text: 'Write your reply first.', tone: 'attention' } });
  const sent = await messageParentsOf(ctx.prisma, ctx.clock, {
    pupilId: m.pupilId,
    template: 'teacher.message',
    params: { text: text.slice(0, 600) },
    inReplyToId: m.id,
    onlyContactId: m.contactId ?? undefined,
    idempotencyKey: `teacher.message:${m.id}:${digest(text)}`,
  });
  if (sent.queued.length === 0) return parentReplyCard({ ...data, notice: { text: 'This parent cannot be sent text messages (no consent, opted out or the number does not work). Please contact them another way.', tone: 'warning' } });
  await markHandled(ctx, m, 'replied by SMS');
  return parentReplyCard({ ...(await loadParentReplyData(ctx.prisma, ctx.publicBaseUrl, m.id)), notice: { text: 'Your reply is on its way.', tone: 'good' } });
});

registerCardAction(REPLY_HANDLED, async (ctx) => {
  const m = await parentMessage(ctx);
  const whatWeDid = textFrom(ctx.data, 'whatWeDid')?.slice(0, 300);
  await markHandled(ctx, m, whatWeDid ? 'handled; parent told what we did' : 'handled');
  if (whatWeDid) {
    await messageParentsOf(ctx.prisma, ctx.clock, {
      pupilId: m.pupilId,
      template: 'reply.actioned',
      params: { action: whatWeDid },
      inReplyToId: m.id,
      onlyContactId: m.contactId ?? undefined,
      idempotencyKey: `reply.actioned:${m.id}`,
    });
  }
  const data = await loadParentReplyData(ctx.prisma, ctx.publicBaseUrl, m.id);
  return parentReplyCard({
    ...data,
    handled: data.handled && { ...data.handled, whatWeDid: whatWeDid ?? null },
    notice: { text: whatWeDid ? 'Marked as handled. The parent is being told what you did.' : 'Marked as handled.', tone: 'good' },
  });
});

// ------------------------------------------------------------------ booking

registerCardAction(BOOKING_OFFER, async (ctx) => {
  const id = idFrom(ctx.data, 'conversationId');
  await conversationPupil(ctx, id);
  const data = await loadBookingCardData(ctx.prisma, ctx.publicBaseUrl, id, ctx.clock.now());
  const typed = parseSlotInputs(ctx.data);
  if (typed.problems.length > 0) return bookingCard({ ...data, values: typed.values, error: typed.problems.join(' ') });
  // School-local times, as the teacher picked them; the booking rules read them in the school's zone.
  const slots = typed.slots.map((s) => `${s.date}T${s.time}`);
  try {
    await ctx.prisma.$transaction((tx) => offerSlots(tx, ctx.clock, ctx.actor, id, slots), { timeout: 20_000 });
  } catch (err) {
    // The booking rules' own words (past or repeated times, already booked, no parent to text).
    if (err instanceof HttpError && err.status < 500) return bookingCard({ ...data, values: typed.values, error: `${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}.` });
    throw err;
  }
  ctx.kick?.();
  const fresh = await loadBookingCardData(ctx.prisma, ctx.publicBaseUrl, id, ctx.clock.now());
  return bookingCard({ ...fresh, notice: `Texted to ${fresh.parents.join(', ')}. I will tell you when a time is chosen.` });
});

// ------------------------------------------------------------------ telling subject teachers

registerCardAction(SUBJECT_TEACHERS_OPEN, async (ctx) => {
  const id = idFrom(ctx.data, 'conversationId');
  await conversationPupil(ctx, id);
  return subjectTeachersCard(await loadSubjectTeachersData(ctx.prisma, ctx.publicBaseUrl, id));
});

registerCardAction(SUBJECT_TEACHERS_TELL, async (ctx) => {
  const id = idFrom(ctx.data, 'conversationId');
  const pupil = await conversationPupil(ctx, id);
  const data = await loadSubjectTeachersData(ctx.prisma, ctx.publicBaseUrl, id);
  const chosen = String(ctx.data.staffIds ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => data.staff.some((st) => st.id === s));
  const confirm = ctx.data.confirmWithParents === 'true' || ctx.data.confirmWithParents === true;
  if (chosen.length === 0 && !confirm) return subjectTeachersCard({ ...data, error: 'Choose at least one member of staff.' });
  if (data.targets.length === 0) return subjectTeachersCard({ ...data, error: 'There are no agreed targets to share yet.' });
  const card = await loadSubjectTeacherOutcome(ctx.prisma, ctx.publicBaseUrl, id);
  await ctx.prisma.$transaction(async (tx) => {
    for (const staffId of chosen) {
      await notifyStaff(tx, ctx.clock, {
        staffId,
        template: 'subjectTeachers.outcome',
        text: `${ctx.staff.displayName} shares the targets agreed for ${pupil.firstName} ${pupil.lastName}.`,
        card: card as unknown as Record<string, unknown>,
        pupilId: pupil.id,
        conversationId: id,
        idempotencyKey: `subjectTeachers.outcome:${id}:${staffId}`,
      });
    }
    if (chosen.length > 0) {
      await tx.structuredConversation.update({ where: { id }, data: { subjectTeachersToldAt: ctx.clock.now() } });
      await recordAudit(tx, ctx.actor, { schoolId: pupil.schoolId, action: 'conversation.subjectTeachersTold', entityType: 'StructuredConversation', entityId: id, after: { staffIds: chosen } });
    }
    if (confirm) await confirmAgreedTargets(tx, ctx.clock, id);
  });
  return subjectTeachersToldCard({ pupil, told: data.staff.filter((s) => chosen.includes(s.id)).map((s) => s.displayName), parentsConfirmed: confirm, recordUrl: data.recordUrl });
});
