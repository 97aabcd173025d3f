import { z } from 'zod';
import { canEditPupil } from '../domain/access';
import { DomainError } from '../domain/errors';
import { PROGRESS_STATUSES, pupilViewsInputSchema } from '../domain/record';
import type { Message } from '../generated/prisma/client';
import type { AdaptiveCard } from '../cards/adaptive';
import { dropNotice, flagFrom, idFrom, optionalIdFrom, sendNotice, storedCard, textFrom, type CardAction, type NoticeCard } from '../cards/cardAction';
import { targetReviewCard } from '../cards/noticeCards';
import { PREPARE_OPEN } from '../cards/prepareCard';
import { PROGRESS_OPEN, PROGRESS_SAVE, progressFormCard, progressSavedCard } from '../cards/progressCard';
import { pupilViewsFormCard, pupilViewsSavedCard, VIEWS_OPEN, VIEWS_SAVE } from '../cards/pupilViewsCard';
import { parseRecordCard, RECORD_ADD_TARGET, RECORD_OPEN, RECORD_REFRESH, RECORD_SAVE, recordFormCard, recordSummaryCard, withCardInputs } from '../cards/recordCard';
import { SUBJECT_TEACHERS_OPEN, SUBJECT_TEACHERS_TELL, subjectTeachersCard, subjectTeachersToldCard } from '../cards/subjectTeachersCard';
import type { UseCaseDeps } from '../platform/useCase';
import { conversationFor, pupilFor } from '../pupils/access';
import { loadPrepareCard, loadProgressCardData, loadRecordCardData, loadSubjectTeacherOutcome, loadSubjectTeachersData, loadTargetReviewData } from './cardData';
import { RecordConflict, RecordIncomplete, saveConversationRecord, TELL_SUBJECT_TEACHERS } from './conversationRecord';
import { recordProgressUpdate, recordPupilViews } from './pupilVoice';
import { tellSubjectTeachers, tellSubjectTeachersInput } from './subjectTeachers';

/**
 * Recording in Teams: the record of the structured conversation, the pupil's views, progress on
 * targets and telling subject teachers, as cards (each button calls the same use case the API
 * does) and the notices that bring those cards; the commands that open them are in ./commands.ts.
 */
type Deps = UseCaseDeps & { publicBaseUrl: string };

export function recordingCards(d: Deps) {
  const { prisma, publicBaseUrl } = d;
  const refreshFor = (teamsUserId: string | null) => (teamsUserId ? [teamsUserId] : []);

  const cardActions: Record<string, CardAction> = {
    [RECORD_OPEN]: async ({ principal, data }) => {
      const id = idFrom(data, 'conversationId');
      await conversationFor(prisma, principal, id, 'edit');
      return recordFormCard(await loadRecordCardData(prisma, publicBaseUrl, id, d.clock.now()));
    },

    // Anyone who may see the pupil's record (a school lead too) sees it refreshed; only editors get the edit button.
    [RECORD_REFRESH]: async ({ staff, principal, data }) => {
      const id = idFrom(data, 'conversationId');
      const { pupil } = await conversationFor(prisma, principal, id, 'view');
      const shown = await loadRecordCardData(prisma, publicBaseUrl, id, d.clock.now());
      return recordSummaryCard(shown, { editable: canEditPupil(principal, pupil), refreshForUserIds: refreshFor(staff.teamsUserId) });
    },

    [RECORD_SAVE]: async ({ staff, principal, data }) => {
      const id = idFrom(data, 'conversationId');
      await conversationFor(prisma, principal, id, 'edit');
      const saved = await loadRecordCardData(prisma, publicBaseUrl, id, d.clock.now());
      const asTyped = withCardInputs(saved, data);
      const parsed = parseRecordCard(data);
      if (!parsed.ok) return recordFormCard(asTyped, { problems: parsed.problems, slotOfTarget: parsed.slotOfTarget });
      try {
        const result = await saveConversationRecord(d, principal, id, parsed.input);
        const fresh = await loadRecordCardData(prisma, publicBaseUrl, id, d.clock.now());
        if (parsed.input.state === 'DRAFT') return recordFormCard(fresh, { notice: 'Draft saved. Come back to it any time ("record" and the pupil\'s name).' });
        return recordSummaryCard(fresh, {
          notice: result.becameFinal ? 'Saved as the final record. I will ask you who to tell about the agreed targets.' : 'Changes saved.',
          editable: true,
          refreshForUserIds: refreshFor(staff.teamsUserId),
        });
      } catch (err) {
        // What the teacher can put right on the form itself, keeping what they typed.
        if (err instanceof RecordIncomplete) return recordFormCard(asTyped, { problems: err.problems, slotOfTarget: parsed.slotOfTarget });
        if (err instanceof RecordConflict) {
          const newer = { ...asTyped, conversation: { ...asTyped.conversation, version: err.currentVersion } };
          return recordFormCard(newer, { problems: [{ field: 'exploreStrengths', message: `${err.message} Your text is kept here: saving again replaces their version.` }] });
        }
        throw err;
      }
    },

    [PREPARE_OPEN]: async ({ principal, data }) => {
      const { id } = await pupilFor(prisma, principal, idFrom(data, 'pupilId'), 'view');
      return loadPrepareCard(prisma, publicBaseUrl, id);
    },

    // Nothing is saved: the form again, as typed, with one more empty target.
    [RECORD_ADD_TARGET]: async ({ principal, data }) => {
      const id = idFrom(data, 'conversationId');
      await conversationFor(prisma, principal, id, 'edit');
      const saved = await loadRecordCardData(prisma, publicBaseUrl, id, d.clock.now());
      // Only this conversation's own targets are carried on (the card's data is not to be trusted).
      const own = new Set(saved.targets.map((t) => t.id));
      const targetIds = Array.isArray(data.targetIds) ? data.targetIds.map((t) => (typeof t === 'string' && own.has(t) ? t : '')) : [];
      const asTyped = withCardInputs(saved, { ...data, targetIds });
      // A record with none shows one empty target already: the button then brings a second.
      return recordFormCard({ ...asTyped, targets: asTyped.targets.length === 0 ? [{}, {}] : [...asTyped.targets, {}] });
    },

    [VIEWS_OPEN]: async ({ principal, data }) => {
      const { id } = await pupilFor(prisma, principal, idFrom(data, 'pupilId'), 'edit');
      return pupilViewsFormCard({ pupil: await prisma.pupil.findUniqueOrThrow({ where: { id } }), conversationId: optionalIdFrom(data, 'conversationId') });
    },

    [VIEWS_SAVE]: async ({ principal, data }) => {
      const { id } = await pupilFor(prisma, principal, idFrom(data, 'pupilId'), 'edit');
      const pupil = await prisma.pupil.findUniqueOrThrow({ where: { id } });
      const conversationId = optionalIdFrom(data, 'conversationId');
      const values = { goodAt: textFrom(data, 'goodAt'), findHard: textFrom(data, 'findHard'), helpsMe: textFrom(data, 'helpsMe'), wantToGetBetterAt: textFrom(data, 'wantToGetBetterAt') };
      const parsed = pupilViewsInputSchema.safeParse({ ...values, gatheredBy: textFrom(data, 'gatheredBy'), conversationId });
      if (!parsed.success) return pupilViewsFormCard({ pupil, conversationId, values, error: parsed.error.issues[0]?.message ?? 'Please check the answers' });
      const views = await recordPupilViews(d, principal, pupil.id, parsed.data);
      return pupilViewsSavedCard({ pupil, views });
    },

    [PROGRESS_OPEN]: async ({ principal, data }) => {
      const { id } = await pupilFor(prisma, principal, idFrom(data, 'pupilId'), 'edit');
      return progressFormCard(await loadProgressCardData(prisma, id));
    },

    [PROGRESS_SAVE]: async ({ principal, data }) => {
      const { id } = await pupilFor(prisma, principal, idFrom(data, 'pupilId'), 'edit');
      const targetIds = Array.isArray(data.targetIds) ? data.targetIds.filter((t): t is string => z.uuid().safeParse(t).success) : [];
      const items = targetIds.flatMap((targetId) => {
        const status = z.enum(PROGRESS_STATUSES).safeParse(data[`status_${targetId}`]);
        return status.success ? [{ targetId, status: status.data, note: textFrom(data, `note_${targetId}`)?.slice(0, 1000) }] : [];
      });
      if (items.length === 0) return progressFormCard({ ...(await loadProgressCardData(prisma, id)), error: 'Choose a status for at least one target.' });
      const tellParent = flagFrom(data, 'tellParent');
      const recorded = await recordProgressUpdate(d, principal, id, items, tellParent);
      return progressSavedCard({
        pupil: await prisma.pupil.findUniqueOrThrow({ where: { id } }),
        entries: recorded.targets.map((t, i) => ({ area: t.area, description: t.description, status: t.status, note: recorded.entries[i]!.note })),
        parentsTold: recorded.parentMessages.length,
        tellParent,
      });
    },

    [SUBJECT_TEACHERS_OPEN]: async ({ principal, data }) => {
      const id = idFrom(data, 'conversationId');
      await conversationFor(prisma, principal, id, 'edit');
      return subjectTeachersCard(await loadSubjectTeachersData(prisma, publicBaseUrl, id));
    },

    [SUBJECT_TEACHERS_TELL]: async ({ principal, data }) => {
      const conversationId = idFrom(data, 'conversationId');
      await conversationFor(prisma, principal, conversationId, 'edit');
      const shown = await loadSubjectTeachersData(prisma, publicBaseUrl, conversationId);
      const staffIds = [...new Set(String(data.staffIds ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
      const input = tellSubjectTeachersInput.safeParse({ conversationId, staffIds, confirmWithParents: flagFrom(data, 'confirmWithParents') });
      if (!input.success) return subjectTeachersCard({ ...shown, error: 'Choose staff of this school.' });
      try {
        const done = await tellSubjectTeachers(d, principal, input.data);
        return subjectTeachersToldCard({ pupil: done.pupil, told: done.told, parentsConfirmed: done.parentsConfirmed, recordUrl: shown.recordUrl });
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'invalid') return subjectTeachersCard({ ...shown, error: err.message });
        throw err;
      }
    },
  };

  const conversationOf = (id: string) => prisma.structuredConversation.findUnique({ where: { id }, select: { status: true, recordState: true, scheduledAt: true, subjectTeachersToldAt: true, parentConfirmedAt: true, pupilId: true } });
  /** A notice about a conversation, sent with the card `build` makes while `stillTrue` holds, else dropped. */
  const aboutConversation =
    (stillTrue: (c: NonNullable<Awaited<ReturnType<typeof conversationOf>>>, m: Message, now: Date) => string | undefined | Promise<string | undefined>, build: (conversationId: string, now: Date, pupilId: string) => Promise<AdaptiveCard>): NoticeCard =>
    async (m, now) => {
      // A notice that names no conversation has nothing to re-check and goes as it was written.
      if (!m.conversationId) return sendNotice();
      const c = await conversationOf(m.conversationId);
      if (!c) return dropNotice('the conversation no longer exists');
      const untrue = await stillTrue(c, m, now);
      return untrue ? dropNotice(untrue) : sendNotice(await build(m.conversationId, now, c.pupilId));
    };
  const beforeTheMeeting = (c: { status: string; scheduledAt: Date | null }, _m: Message, now: Date) =>
    c.status !== 'BOOKED' || !c.scheduledAt ? 'the meeting is not booked now' : c.scheduledAt <= now ? 'the meeting has started' : undefined;
  const subjectTeachers = (id: string) => loadSubjectTeachersData(prisma, publicBaseUrl, id).then(subjectTeachersCard);

  const noticeCards: Record<string, NoticeCard> = {
    'reminder.record': aboutConversation(
      (c) => (c.status === 'CANCELLED' ? 'the conversation was cancelled' : c.recordState === 'FINAL' ? 'the record is final' : undefined),
      async (id, now) => recordFormCard(await loadRecordCardData(prisma, publicBaseUrl, id, now)),
    ),
    [TELL_SUBJECT_TEACHERS]: aboutConversation((c) => (c.subjectTeachersToldAt ? 'subject teachers have been told' : undefined), subjectTeachers),
    'reminder.confirmWithParent': aboutConversation((c) => (c.parentConfirmedAt ? 'the targets have been confirmed with the parents' : undefined), subjectTeachers),
    'reminder.prepare': async (m, now) =>
      // About a pupil with no conversation named: the card as the pupil's record stands.
      !m.conversationId && m.pupilId ? sendNotice(await loadPrepareCard(prisma, publicBaseUrl, m.pupilId)) : aboutConversation(beforeTheMeeting, (_id, _now, pupilId) => loadPrepareCard(prisma, publicBaseUrl, pupilId))(m, now),
    // Gather the pupil's views before the meeting: not once they are gathered, or the meeting is off or under way.
    'reminder.gatherViews': async (m, now) => {
      const c = m.conversationId ? await conversationOf(m.conversationId) : null;
      const pupilId = m.pupilId ?? c?.pupilId;
      if (!pupilId) return sendNotice();
      const off = c ? beforeTheMeeting(c, m, now) : undefined;
      if (off) return dropNotice(off);
      if ((await prisma.pupilView.count({ where: { pupilId, recordedAt: { gte: m.createdAt } } })) > 0) return dropNotice("the pupil's views have been gathered");
      return sendNotice(pupilViewsFormCard({ pupil: await prisma.pupil.findUniqueOrThrow({ where: { id: pupilId } }), conversationId: m.conversationId ?? undefined }));
    },
    // Asked for a progress note: no longer needed once one is noted, or with no target to note it on.
    'progress.askTeacher': async (m) => {
      if (!m.pupilId) return sendNotice();
      const data = await loadProgressCardData(prisma, m.pupilId);
      if (data.targets.length === 0) return dropNotice('the pupil has no open targets');
      if ((await prisma.progressEntry.count({ where: { pupilId: m.pupilId, recordedAt: { gte: m.createdAt } } })) > 0) return dropNotice('progress has been noted since');
      return sendNotice(progressFormCard(data));
    },
    // The targets due are read again: one reviewed since the reminder was planned is not listed, and with none left nothing is sent.
    'reminder.targetReview': async (m, now) => {
      if (!m.pupilId) return sendNotice();
      const data = await loadTargetReviewData(prisma, publicBaseUrl, m.pupilId, now);
      return data.targets.length === 0 ? dropNotice('the targets have been reviewed') : sendNotice(targetReviewCard(data));
    },
    // What was agreed, as the record says it now (a target may have been changed since it was shared).
    'subjectTeachers.outcome': async (m) => {
      if (!m.conversationId) return sendNotice(storedCard(m));
      const targets = await prisma.target.count({ where: { conversationId: m.conversationId, status: { not: 'CLOSED' } } });
      return targets === 0 ? dropNotice('no agreed target is open now') : sendNotice(await loadSubjectTeacherOutcome(prisma, publicBaseUrl, m.conversationId));
    },
  };

  return { cardActions, noticeCards };
}
