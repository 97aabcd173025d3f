import type { Message } from '../../generated/prisma/client';
import { ManualClock } from '../../runtime/clock';
import { queueMessage } from '../../messaging/outbox';
import { PermanentFailure } from '../../jobs/jobRunner';
import { onConversationCancelled, onConversationTimeChanged, planSchool } from '../../scheduling/planner';
import type { Scheduler } from '../../scheduling/scheduler';
import { startTestService, type RunningService } from '../support/testService';
import { switchableSenders } from '../support/switchableSenders';
import { transaction } from '../../db/transaction';

const TUESDAY_10 = new Date('2026-09-08T09:00:00Z'); // 10:00 BST, in term

async function givenASchool(s: RunningService) {
  const db = s.ctx.prisma;
  const school = await db.school.create({ data: { name: 'Oakfield Primary' } });
  await db.schoolTerm.create({ data: { schoolId: school.id, name: 'Autumn 2026', startsOn: new Date('2026-09-03'), endsOn: new Date('2026-12-18') } });
  const khan = await db.staff.create({ data: { schoolId: school.id, displayName: 'Ms Khan', email: 'khan@oakfield.example', roles: ['KEY_TEACHER'] } });
  await db.staff.create({ data: { schoolId: school.id, displayName: 'Mrs Patel', email: 'patel@oakfield.example', roles: ['SENCO'] } });
  const amir = await db.pupil.create({
    data: { schoolId: school.id, misId: 'A1', firstName: 'Amir', lastName: 'Hussain', yearGroup: 4, senStatus: 'EHC_PLAN', keyTeacherId: khan.id, onRegisterSince: new Date('2026-09-08') },
  });
  return { db, school, khan, amir };
}

const providers = switchableSenders();

function recordingSenders(s: RunningService): Message[] {
  const sent: Message[] = [];
  const sender = { send: async (m: Message) => (sent.push({ ...m, sentAt: s.clock.now() }), { kind: 'sent' as const }) };
  providers.use('TEAMS', sender);
  providers.use('SMS', sender);
  return sent;
}

describe('planning the rhythm into the jobs table', () => {
  let s: RunningService;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(TUESDAY_10);
    providers.use('TEAMS', undefined);
    providers.use('SMS', undefined);
    s = await startTestService({ clock, service: { senders: providers.senders } });
  });
  afterEach(async () => {
    await s.close();
  });

  it('Given a pupil new to the register, planning creates one initial conversation due in 4 school weeks, and planning again (the next tick, later that day) creates nothing new', async () => {
    const { db, school, amir } = await givenASchool(s);
    expect(await planSchool(db, clock, school.id)).toMatchObject({ conversationsCreated: 1, skipped: false });
    const snapshot = async () => (await db.job.findMany({ where: { schoolId: school.id }, orderBy: { dedupeKey: 'asc' }, select: { dedupeKey: true, status: true } })).map((j) => `${j.dedupeKey.replace(/:[0-9a-f-]{36}/g, ':<id>')} ${j.status}`);
    const first = await snapshot();
    expect(first).toEqual(['escalation.overdueConversation:<id>:2026-10-06 PENDING', 'reminder.book:<id> PENDING']);
    clock.advance(15 * 60_000);
    expect(await planSchool(db, clock, school.id)).toMatchObject({ conversationsCreated: 0 });
    clock.advance(6 * 3600_000);
    await planSchool(db, clock, school.id);
    expect(await snapshot()).toEqual(first);
    expect(await db.structuredConversation.findMany({ where: { pupilId: amir.id }, select: { kind: true, status: true, dueBy: true } })).toEqual([
      { kind: 'INITIAL', status: 'TO_BOOK', dueBy: new Date('2026-10-06T00:00:00Z') },
    ]);
  });

  it('Given a booked conversation, when the time changes the reminders move; when it moves back they come back; when it is cancelled they are cancelled for good', async () => {
    const { db, school, amir } = await givenASchool(s);
    await planSchool(db, clock, school.id);
    const c = await db.structuredConversation.findFirstOrThrow({ where: { pupilId: amir.id } });
    const bookAt = async (iso: string) => {
      await db.structuredConversation.update({ where: { id: c.id }, data: { status: 'BOOKED', scheduledAt: new Date(iso) } });
      await transaction(db, (tx) => onConversationTimeChanged(tx, clock, c.id));
    };
    const pending = async () =>
      (await db.job.findMany({ where: { subjectId: c.id, status: 'PENDING' }, orderBy: { runAt: 'asc' } })).map((j) => [j.kind, j.runAt.toISOString()]);

    await bookAt('2026-09-22T14:30:00Z');
    expect(await pending()).toEqual([
      ['reminder.gatherViews', '2026-09-15T08:00:00.000Z'],
      ['reminder.prepare', '2026-09-21T08:00:00.000Z'],
      ['reminder.record', '2026-09-22T15:30:00.000Z'],
      ['escalation.overdueConversation', '2026-10-19T08:00:00.000Z'],
    ]);
    await bookAt('2026-09-29T14:30:00Z');
    expect((await pending()).map(([, at]) => at)).toEqual(['2026-09-22T08:00:00.000Z', '2026-09-28T08:00:00.000Z', '2026-09-29T15:30:00.000Z', '2026-10-19T08:00:00.000Z']);
    await bookAt('2026-09-22T14:30:00Z');
    expect((await pending()).map(([, at]) => at)).toEqual(['2026-09-15T08:00:00.000Z', '2026-09-21T08:00:00.000Z', '2026-09-22T15:30:00.000Z', '2026-10-19T08:00:00.000Z']);

    await db.structuredConversation.update({ where: { id: c.id }, data: { status: 'CANCELLED', cancelledAt: clock.now() } });
    expect(await transaction(db, (tx) => onConversationCancelled(tx, clock, c.id))).toBe(4);
    // The next tick plans a new initial conversation for Amir, and nothing for the cancelled one.
    await planSchool(db, clock, school.id);
    expect(await pending()).toEqual([]);
    expect(await db.structuredConversation.count({ where: { pupilId: amir.id, status: 'TO_BOOK' } })).toBe(1);
  });

  it('Given a conversation booked for tomorrow, the reminders that missed their time go at once, but only the Prepare card, not both', async () => {
    const { db, school, amir } = await givenASchool(s);
    await planSchool(db, clock, school.id);
    const c = await db.structuredConversation.findFirstOrThrow({ where: { pupilId: amir.id } });
    await db.structuredConversation.update({ where: { id: c.id }, data: { status: 'BOOKED', scheduledAt: new Date('2026-09-09T14:30:00Z') } });
    await transaction(db, (tx) => onConversationTimeChanged(tx, clock, c.id));
    const pending = await db.job.findMany({ where: { subjectId: c.id, status: 'PENDING', kind: { startsWith: 'reminder.' } }, orderBy: { runAt: 'asc' } });
    expect(pending.map((j) => [j.kind, j.runAt.toISOString()])).toEqual([
      ['reminder.prepare', TUESDAY_10.toISOString()],
      ['reminder.record', '2026-09-09T15:30:00.000Z'],
    ]);
  });

  it('Given a reminder no longer wanted when it comes due (the conversation was held early, no hook called), it sends nothing', async () => {
    const { db, school, amir } = await givenASchool(s);
    const sent = recordingSenders(s);
    await planSchool(db, clock, school.id);
    await s.service.jobs.runDue(); // the "book" reminder
    const c = await db.structuredConversation.findFirstOrThrow({ where: { pupilId: amir.id } });
    await db.structuredConversation.update({ where: { id: c.id }, data: { status: 'BOOKED', scheduledAt: new Date('2026-09-22T14:30:00Z') } });
    await transaction(db, (tx) => onConversationTimeChanged(tx, clock, c.id));
    await db.structuredConversation.update({ where: { id: c.id }, data: { status: 'HELD', heldAt: new Date('2026-09-14'), scheduledAt: new Date('2026-09-14T14:30:00Z'), recordState: 'DRAFT' } });
    clock.set(new Date('2026-09-15T08:00:00Z'));
    await s.service.jobs.runDue();
    expect(sent.map((m) => m.template)).toEqual(['reminder.book']);
  });

  it('Given the service was down from Tuesday to the weekend, a reminder that fell due meanwhile is not sent on Saturday but at 09:00 on Monday', async () => {
    const { db, school } = await givenASchool(s);
    const sent = recordingSenders(s);
    await planSchool(db, clock, school.id);
    clock.set(new Date('2026-09-12T10:00:00Z')); // Saturday
    await s.service.jobs.runDue();
    expect(sent).toHaveLength(0);
    expect((await db.job.findFirstOrThrow({ where: { kind: 'reminder.book' } })).runAt.toISOString()).toBe('2026-09-14T08:00:00.000Z');
    clock.set(new Date('2026-09-14T08:00:00Z'));
    await s.service.jobs.runDue();
    expect(sent.map((m) => [m.template, m.sentAt?.toISOString()])).toEqual([['reminder.book', '2026-09-14T08:00:00.000Z']]);
  });

  it('Given a message that fails for good, it is recorded as failed with its error, on the message and its job, for the digest to count', async () => {
    const { db, school, khan } = await givenASchool(s);
    providers.use('TEAMS', {
      send: async () => {
        throw Object.assign(new PermanentFailure('the bot was removed from the team'), { code: 'BotNotInConversationRoster' });
      },
    });
    const { messageId } = await transaction(db, (tx) => queueMessage(tx, { schoolId: school.id, channel: 'TEAMS', staffId: khan.id, body: 'Hello', template: 'reminder.prepare', notBefore: clock.now(), createdAt: clock.now() }));
    await s.service.jobs.runDue();
    expect(await db.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ status: 'FAILED', errorCode: 'BotNotInConversationRoster', errorMessage: 'the bot was removed from the team' });
    expect(await db.job.findFirstOrThrow({ where: { subjectId: messageId } })).toMatchObject({ status: 'FAILED', lastError: 'the bot was removed from the team' });
  });
});

describe('the scheduler in a running service (SCHEDULER_ENABLED=true)', () => {
  it('plans each school (as at start-up and every 15 minutes), and a kick runs due work at once instead of at the next minute', async () => {
    const clock = new ManualClock(TUESDAY_10);
    const s = await startTestService({ clock, env: { SCHEDULER_ENABLED: 'true' }, service: { senders: providers.senders } });
    try {
      const sent = recordingSenders(s);
      const { db, school, khan } = await givenASchool(s);
      const scheduler = s.service.capabilities.find((c) => c.name === 'scheduler') as Scheduler;
      await scheduler.planNow();
      expect(await db.structuredConversation.count({ where: { pupil: { schoolId: school.id } } })).toBe(1);

      await transaction(db, (tx) => queueMessage(tx, { schoolId: school.id, channel: 'TEAMS', staffId: khan.id, body: 'A parent replied', template: 'parent.reply', notBefore: clock.now(), createdAt: clock.now() }));
      s.service.jobs.kick();
      const deadline = Date.now() + 5000;
      while (sent.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(sent.map((m) => m.template).sort()).toEqual(['parent.reply', 'reminder.book']);
    } finally {
      await s.close();
    }
  });
});
