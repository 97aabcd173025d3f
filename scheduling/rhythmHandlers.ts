import type { PrismaClient } from '../db/database';
import { transaction } from '../db/transaction';
import type { Clock } from '../runtime/clock';
import { isOnRegister, isStaffReminderTime, nextStaffReminderTime, updateEveryWeeks, parentMessageAt } from '../domain/conversationCycle';
import { addSchoolDays, canMessageParentsAt, localDate, nextParentSendingTime } from '../domain/schoolCalendar';
import { AWAITING_ANSWER } from '../messaging/parentVoice';
import { isStaffNotice, notifyStaff, staffWithRole } from '../messaging/staffNotifier';
import { askConfidence, messageParentsOf } from '../messaging/parentMessages';
import { mayMessage } from '../messaging/textRule';
import { planJob, type ClaimedJob } from '../jobs/jobQueue';
import { z } from 'zod';
import { payloadOf, PermanentFailure, type JobHandler, type JobResult } from '../jobs/jobRunner';
import { conversationStateSelect, latestHeld } from './planner';
import { reminderText, type ReminderFacts } from './reminderTexts';
import { loadRhythm, type Rhythm } from './rhythm';
import { CONVERSATION_JOB_KINDS, conversationJobs, RHYTHM_JOB, targetJobs, unansweredReplyJobs } from './rhythmJobs';

/**
 * What each planned job does when it comes due. Every handler first asks whether the job is still
 * wanted (the same rules the planner used, on the state now: the meeting may have moved, the
 * record may be final), then whether now is a time it may reach its recipient, then sends through
 * the outbox with an idempotency key made from the job's key, so a retry never sends twice.
 */
const ESCALATION_ROLES = ['SENCO', 'SCHOOL_LEAD', 'ADMIN'] as const;

/** What each kind of rhythm job carries (scheduling/rhythmJobs.ts writes them). */
const conversationPayload = z.object({ conversationId: z.uuid() });
const targetPayload = z.object({ targetId: z.uuid() });
const replyPayload = z.object({ messageId: z.uuid() });
const progressPayload = z.object({ pupilId: z.uuid(), contactId: z.uuid(), conversationId: z.uuid(), weeks: z.int(), round: z.int().optional(), date: z.iso.date() });

/** The SENCO(s); a school without one escalates to its leads, then its admins, so nothing stays silent. */
async function escalationRecipients(prisma: PrismaClient, schoolId: string): Promise<string[]> {
  for (const role of ESCALATION_ROLES) {
    const ids = await staffWithRole(prisma, schoolId, role);
    if (ids.length > 0) return ids;
  }
  return [];
}

const staffName = (s: { displayName: string } | null): string | null => s?.displayName ?? null;
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

function staffTimeGate(r: Rhythm, now: Date): JobResult | undefined {
  const time = r.settings.staffReminderTime;
  return isStaffReminderTime(r.cal, now, time) ? undefined : { rescheduleAt: nextStaffReminderTime(r.cal, now, time) };
}

function parentTimeGate(r: Rhythm, now: Date): JobResult | undefined {
  return canMessageParentsAt(r.cal, now) ? undefined : { rescheduleAt: nextParentSendingTime(r.cal, now) };
}

async function tell(prisma: PrismaClient, clock: Clock, job: ClaimedJob, staffIds: string[], text: string, about: { pupilId: string; conversationId?: string; inReplyToId?: string }): Promise<void> {
  const template = job.kind;
  // Each reminder job's kind is the kind of notice it sends (scheduling/rhythmJobs.ts).
  if (!isStaffNotice(template)) throw new PermanentFailure(`${template} is not a kind of staff notice`);
  await transaction(prisma, async (tx) => {
    for (const staffId of staffIds) {
      await notifyStaff(tx, clock, { staffId, text, template, ...about, idempotencyKey: `${job.dedupeKey}:${staffId}` });
    }
  });
}

const pupilForReminders = { select: { firstName: true, lastName: true, schoolId: true, senStatus: true, archivedAt: true, keyTeacherId: true, keyTeacher: { select: { displayName: true } } } } as const;

function conversationReminder(prisma: PrismaClient, clock: Clock): JobHandler {
  return async (job) => {
    const c = await prisma.structuredConversation.findUnique({
      where: { id: payloadOf(job, conversationPayload).conversationId },
      select: { ...conversationStateSelect, keyTeacherId: true, pupil: pupilForReminders, keyTeacher: { select: { displayName: true } } },
    });
    if (!c || !isOnRegister(c.pupil)) return;
    const now = clock.now();
    const r = await loadRhythm(prisma, c.pupil.schoolId);
    if (!conversationJobs(r, c, now).some((s) => s.dedupeKey === job.dedupeKey)) return;

    if (job.kind === RHYTHM_JOB.confidence) {
      const wait = parentTimeGate(r, now);
      if (wait) return wait;
      await transaction(prisma, (tx) => askConfidence(tx, clock, { pupilId: c.pupilId, conversationId: c.id }));
      return;
    }
    const wait = staffTimeGate(r, now);
    if (wait) return wait;
    // Saving a final record already prompts the key teacher at once; this job only catches records saved without that prompt.
    if (job.kind === RHYTHM_JOB.tellSubjectTeachers && (await prisma.message.count({ where: { conversationId: c.id, template: job.kind } })) > 0) return;
    const keyTeacher = c.keyTeacher ?? c.pupil.keyTeacher;
    const facts: ReminderFacts = {
      pupil: `${c.pupil.firstName} ${c.pupil.lastName}`,
      kind: c.kind,
      timezone: r.cal.timezone,
      dueBy: isoDate(c.dueBy),
      scheduledAt: c.scheduledAt,
      keyTeacher: staffName(keyTeacher),
      overdueDays: Math.floor((now.getTime() - new Date(`${isoDate(c.dueBy)}T00:00:00Z`).getTime()) / 86_400_000),
    };
    const keyTeacherId = c.keyTeacherId ?? c.pupil.keyTeacherId;
    const recipients = job.kind === RHYTHM_JOB.overdue || !keyTeacherId ? await escalationRecipients(prisma, c.pupil.schoolId) : [keyTeacherId];
    await tell(prisma, clock, job, recipients, reminderText[job.kind]!(facts), { pupilId: c.pupilId, conversationId: c.id });
  };
}

function targetReminder(prisma: PrismaClient, clock: Clock): JobHandler {
  return async (job) => {
    const t = await prisma.target.findUnique({ where: { id: payloadOf(job, targetPayload).targetId }, include: { pupil: pupilForReminders } });
    if (!t || !isOnRegister(t.pupil)) return;
    const now = clock.now();
    const r = await loadRhythm(prisma, t.pupil.schoolId);
    if (!targetJobs(r, t, now).some((s) => s.dedupeKey === job.dedupeKey)) return;
    const wait = staffTimeGate(r, now);
    if (wait) return wait;
    const recipients = t.pupil.keyTeacherId ? [t.pupil.keyTeacherId] : await escalationRecipients(prisma, t.pupil.schoolId);
    const text = reminderText[job.kind]!({
      pupil: `${t.pupil.firstName} ${t.pupil.lastName}`,
      kind: 'REVIEW',
      timezone: r.cal.timezone,
      dueBy: isoDate(t.reviewBy),
      scheduledAt: null,
      keyTeacher: staffName(t.pupil.keyTeacher),
      area: t.area,
      reviewBy: isoDate(t.reviewBy),
    });
    await tell(prisma, clock, job, recipients, text, { pupilId: t.pupilId, conversationId: t.conversationId ?? undefined });
  };
}

function unansweredReplyEscalation(prisma: PrismaClient, clock: Clock): JobHandler {
  return async (job) => {
    const reply = await prisma.message.findFirst({ where: { id: payloadOf(job, replyPayload).messageId, ...AWAITING_ANSWER }, include: { pupil: pupilForReminders } });
    if (!reply?.pupil || !reply.pupilId || !reply.schoolId) return;
    const now = clock.now();
    const r = await loadRhythm(prisma, reply.schoolId);
    if (!unansweredReplyJobs(r, { id: reply.id, pupilId: reply.pupilId, createdAt: reply.createdAt, handledAt: reply.handledAt }, now).some((s) => s.dedupeKey === job.dedupeKey)) return;
    const wait = staffTimeGate(r, now);
    if (wait) return wait;
    const text = reminderText[job.kind]!({
      pupil: `${reply.pupil.firstName} ${reply.pupil.lastName}`,
      kind: 'REVIEW',
      timezone: r.cal.timezone,
      dueBy: localDate(reply.createdAt, r.cal.timezone),
      scheduledAt: null,
      keyTeacher: staffName(reply.pupil.keyTeacher),
      receivedAt: reply.createdAt,
      schoolDays: r.settings.replyEscalationSchoolDays,
    });
    await tell(prisma, clock, job, await escalationRecipients(prisma, reply.schoolId), text, { pupilId: reply.pupilId, inReplyToId: reply.id });
  };
}

/** Days the key teacher has to add a note after being asked, before this round's update is given up. */
const ASK_TEACHER_SCHOOL_DAYS = 2;

/**
 * A progress update to one parent: built from the progress entries noted since their last
 * update. Nothing new: the key teacher is asked first and the update looked at again two school
 * days later (a `progress.recheck` job); still nothing: this round is skipped. A parent is never
 * sent an empty update.
 */
function progressUpdate(prisma: PrismaClient, clock: Clock): JobHandler {
  return async (job) => {
    const { pupilId, contactId, conversationId, weeks, date } = payloadOf(job, progressPayload);
    const pupil = await prisma.pupil.findUnique({
      where: { id: pupilId },
      select: {
        ...pupilForReminders.select,
        conversations: { select: conversationStateSelect },
        contacts: { where: { contactId, parentalResponsibility: true }, select: { contact: true } },
      },
    });
    const contact = pupil?.contacts[0]?.contact;
    if (!pupil || !contact || !isOnRegister(pupil) || !mayMessage(contact)) return;
    const now = clock.now();
    const r = await loadRhythm(prisma, pupil.schoolId);
    const anchor = latestHeld(r, pupil.conversations);
    // A newer conversation starts a new rhythm; a parent who chose another rhythm has a new job.
    if (anchor?.conversationId !== conversationId || updateEveryWeeks(contact.updateEveryWeeks, r.settings.progressUpdateEveryWeeks) !== weeks) return;
    const wait = parentTimeGate(r, now);
    if (wait) return wait;

    const lastUpdate = await prisma.message.findFirst({
      where: { pupilId, contactId, template: RHYTHM_JOB.progress, direction: 'OUTBOUND', status: { notIn: ['FAILED', 'SUPPRESSED'] } },
      orderBy: { notBefore: 'desc' },
      select: { notBefore: true },
    });
    // notBefore, not createdAt: it comes from the injected clock, like every other instant here.
    const since = lastUpdate?.notBefore && lastUpdate.notBefore > anchor.heldAt ? lastUpdate.notBefore : anchor.heldAt;
    const entries = await prisma.progressEntry.findMany({
      where: { pupilId, recordedAt: { gt: since } },
      orderBy: { recordedAt: 'asc' },
      select: { id: true, status: true, target: { select: { id: true, area: true } } },
    });
    if (entries.length === 0) {
      if (job.kind === RHYTHM_JOB.progressRecheck) return;
      const keyTeacherId = pupil.keyTeacherId;
      const text = keyTeacherId
        ? reminderText['progress.askTeacher']!({
            pupil: `${pupil.firstName} ${pupil.lastName}`,
            kind: 'REVIEW',
            timezone: r.cal.timezone,
            dueBy: date,
            scheduledAt: null,
            keyTeacher: staffName(pupil.keyTeacher),
            sinceDate: localDate(since, r.cal.timezone),
          })
        : undefined;
      await transaction(prisma, async (tx) => {
        // One question per pupil and round, however many parents are due an update that day.
        if (keyTeacherId && text) {
          await notifyStaff(tx, clock, {
            staffId: keyTeacherId,
            text,
            template: 'progress.askTeacher',
            pupilId,
            idempotencyKey: `progress.askTeacher:${pupilId}:${date}`,
            at: nextStaffReminderTime(r.cal, now, r.settings.staffReminderTime),
          });
        }
        // A separate kind, so re-planning the round never pulls the second look forward.
        await planJob(tx, {
          kind: RHYTHM_JOB.progressRecheck,
          dedupeKey: `${RHYTHM_JOB.progressRecheck}:${job.dedupeKey}`,
          runAt: parentMessageAt(r.cal, addSchoolDays(r.cal, localDate(now, r.cal.timezone), ASK_TEACHER_SCHOOL_DAYS)),
          schoolId: pupil.schoolId,
          subjectId: pupilId,
          payload: job.payload,
        });
      });
      return;
    }

    // Each target's latest status since the last update, in plain words by area (never the target's text).
    const latest = new Map<string, (typeof entries)[number]>();
    for (const e of entries) latest.set(e.target.id, e);
    const achieved = [...new Set([...latest.values()].filter((e) => e.status === 'ACHIEVED').map((e) => e.target.area))];
    const workingOn = [...new Set([...latest.values()].filter((e) => e.status !== 'ACHIEVED' && e.status !== 'CLOSED').map((e) => e.target.area))];
    await transaction(prisma, async (tx) => {
      await messageParentsOf(tx, clock, { pupilId, template: 'progress.update', params: { achieved, workingOn }, onlyContactId: contactId, idempotencyKey: job.dedupeKey });
      await tx.progressEntry.updateMany({ where: { id: { in: entries.map((e) => e.id) }, sharedWithParentAt: null }, data: { sharedWithParentAt: now } });
    });
  };
}

/** The handler for each kind of job the rhythm plans. */
export function rhythmHandlers(prisma: PrismaClient, clock: Clock): Record<string, JobHandler> {
  const reminder = conversationReminder(prisma, clock);
  const progress = progressUpdate(prisma, clock);
  return {
    ...Object.fromEntries(CONVERSATION_JOB_KINDS.map((kind) => [kind, reminder])),
    [RHYTHM_JOB.targetReview]: targetReminder(prisma, clock),
    [RHYTHM_JOB.unansweredReply]: unansweredReplyEscalation(prisma, clock),
    [RHYTHM_JOB.progress]: progress,
    [RHYTHM_JOB.progressRecheck]: progress,
  };
}
