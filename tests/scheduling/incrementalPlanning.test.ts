import fc from 'fast-check';
import { DateTime } from 'luxon';
import { transaction } from '../../db/transaction';
import type { Principal } from '../../domain/access';
import { DomainError } from '../../domain/errors';
import { recordInputSchema } from '../../domain/record';
import { addDays, localDate } from '../../domain/schoolCalendar';
import { cancel, offerTimes, openConversation, rescheduleConversation } from '../../booking/useCases';
import { saveConversationRecord } from '../../recording/conversationRecord';
import { recordProgressUpdate } from '../../recording/pupilVoice';
import { tellSubjectTeachers } from '../../recording/subjectTeachers';
import { markReplyHandled } from '../../replies/useCases';
import { ManualClock } from '../../runtime/clock';
import { PLANNED_JOB_KINDS, planChanges, planSchoolChanges, planSchoolIn, ROLLOVER_TIME } from '../../scheduling/planner';
import { changeSettings, setParentRhythm, setSchoolCalendar, settingsSchema, type CalendarChange, type SchoolDeps } from '../../settings/useCases';
import { receiveSms } from '../../sms/inbound';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/**
 * Change-driven planning plans only what was marked and what the date brings; the claim is that
 * this is exactly what planning everything from scratch gives. A generated school lives through a
 * school year of random changes, each made by the product's own use cases (bookings, moves,
 * cancellations, records, progress, tell subject teachers, a parent's rhythm by SMS or by staff,
 * replies and answers, STOP and START, the school's settings and calendar) with the clock moving
 * on between them, and after each step a planning pass (as the scheduler's tick and kicks make
 * them). Then the pending planned jobs (kind, key, time) must be those a full plan from scratch
 * makes of the same data at the same moment: in a transaction rolled back afterwards, every
 * pending planned job is deleted and the school planned in full. What ran stays (a plan from
 * scratch must not send again what was sent).
 *
 * Jobs that come due are taken as run: which messages a handler sends is tested elsewhere;
 * here only what the planner plans counts. Compared from the rollover hour on (between midnight
 * and 03:00 school-local the change-driven plan is, by design, still yesterday's).
 */
const ZONE = 'Europe/London';
/** A school year: Tuesday 1 September to the end of August. */
const START = DateTime.fromISO('2026-09-01T08:00', { zone: ZONE }).toJSDate();
const END = DateTime.fromISO('2027-09-01T00:00', { zone: ZONE }).toJSDate();
const by: Principal = { kind: 'apiKey', label: 'property test' };
const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

const TERMS = [
  { name: 'Summer 2026', startsOn: '2026-04-13', endsOn: '2026-07-22' },
  { name: 'Autumn 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' },
  { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
  { name: 'Summer 2027', startsOn: '2027-04-12', endsOn: '2027-07-21' },
  { name: 'Autumn 2027', startsOn: '2027-09-02', endsOn: '2027-12-17' },
];
const HALF_TERMS = [
  { name: 'October half term', startsOn: '2026-10-26', endsOn: '2026-10-30', kind: 'HOLIDAY' as const },
  { name: 'February half term', startsOn: '2027-02-15', endsOn: '2027-02-19', kind: 'HOLIDAY' as const },
  { name: 'May half term', startsOn: '2027-05-31', endsOn: '2027-06-04', kind: 'HOLIDAY' as const },
];

type Action =
  | { kind: 'tick' }
  | { kind: 'book'; pupil: number; inDays: number; hour: number }
  | { kind: 'offer'; pupil: number; inDays: number }
  | { kind: 'choose'; contact: number; choice: number }
  | { kind: 'cancel'; pupil: number }
  | { kind: 'open'; pupil: number }
  | { kind: 'record'; pupil: number; final: boolean; daysAgo: number; reviewIn: number[] }
  | { kind: 'progress'; pupil: number; status: 'NOT_STARTED' | 'WORKING_TOWARDS' | 'ACHIEVED' | 'NEEDS_CHANGE' }
  | { kind: 'tell'; pupil: number; confirm: boolean }
  | { kind: 'rhythm'; contact: number; weeks: number | null; bySms: boolean }
  | { kind: 'reply'; contact: number }
  | { kind: 'handle'; reply: number }
  | { kind: 'stop'; contact: number; start: boolean }
  | { kind: 'settings'; change: Record<string, string | number> }
  | { kind: 'calendar'; shiftEnd: number; closure?: { from: number; length: number; kind: 'HOLIDAY' | 'TRAINING_DAY' | 'NO_PARENT_MESSAGES' }; holidays: boolean };

const index = fc.nat({ max: 50 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'tick' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('book' as const), pupil: index, inDays: fc.integer({ min: 1, max: 30 }), hour: fc.integer({ min: 8, max: 18 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offer' as const), pupil: index, inDays: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('choose' as const), contact: index, choice: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pupil: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), pupil: index }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('record' as const), pupil: index, final: fc.boolean(), daysAgo: fc.integer({ min: 0, max: 3 }), reviewIn: fc.array(fc.integer({ min: 5, max: 90 }), { minLength: 1, maxLength: 2 }) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('progress' as const), pupil: index, status: fc.constantFrom('NOT_STARTED' as const, 'WORKING_TOWARDS' as const, 'ACHIEVED' as const, 'NEEDS_CHANGE' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tell' as const), pupil: index, confirm: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rhythm' as const), contact: index, weeks: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }), bySms: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reply' as const), contact: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('handle' as const), reply: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stop' as const), contact: index, start: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('settings' as const),
      change: fc.record(
        {
          staffReminderTime: fc.constantFrom('08:00', '09:00', '10:30'),
          progressUpdateEveryWeeks: fc.integer({ min: 1, max: 6 }),
          overdueEscalationDays: fc.integer({ min: 1, max: 20 }),
          reviewByWeekOfTerm: fc.integer({ min: 2, max: 8 }),
          replyEscalationSchoolDays: fc.integer({ min: 1, max: 5 }),
          initialConversationWeeks: fc.integer({ min: 1, max: 6 }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        kind: fc.constant('calendar' as const),
        shiftEnd: fc.integer({ min: -3, max: 3 }),
        closure: fc.record({ from: fc.integer({ min: 0, max: 330 }), length: fc.integer({ min: 1, max: 10 }), kind: fc.constantFrom('HOLIDAY' as const, 'TRAINING_DAY' as const, 'NO_PARENT_MESSAGES' as const) }),
        holidays: fc.boolean(),
      },
      { requiredKeys: ['kind', 'shiftEnd', 'holidays'] },
    ),
  },
);

const parent = fc.record({ consent: fc.boolean(), weeks: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }) });
const school = fc.record({
  pupils: fc.array(
    fc.record({
      ehcPlan: fc.boolean(),
      registeredDaysAgo: fc.integer({ min: 0, max: 400 }),
      // Held a conversation last summer, with a target: progress updates run from the start.
      summer: fc.option(fc.record({ heldOn: fc.constantFrom('2026-06-10', '2026-07-01', '2026-07-20'), reviewBy: fc.constantFrom('2026-09-20', '2026-10-15') }), { nil: undefined }),
      parents: fc.array(parent, { minLength: 1, maxLength: 2 }),
    }),
    { minLength: 2, maxLength: 4 },
  ),
  // Steps about a week apart (20 minutes to 16 days), more than enough of them for the year.
  steps: fc.array(fc.record({ advanceMinutes: fc.integer({ min: 20, max: 16 * 24 * 60 }), action }), { minLength: 60, maxLength: 60 }),
});

describe('change-driven planning equals planning from scratch', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('Given a generated school and a year of random changes and clock ticks, after every planning pass the pending jobs are exactly those a full plan from scratch makes', async () => {
    const prisma = t.db.prisma;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(school, async (shape) => {
        run += 1;
        const clock = new ManualClock(START);
        const d: SchoolDeps & { publicBaseUrl: string } = {
          prisma,
          clock,
          kick: () => undefined,
          replanSchool: (schoolId) => planSchoolChanges(prisma, clock, schoolId),
          publicBaseUrl: 'https://engage.school.example',
        };
        const s = await prisma.school.create({ data: { name: `Generated ${run}`, timezone: ZONE } });
        const schoolId = s.id;
        try {
          await prisma.schoolTerm.createMany({ data: TERMS.map((term) => ({ schoolId, ...term, startsOn: day(term.startsOn), endsOn: day(term.endsOn) })) });
          await prisma.schoolClosure.createMany({ data: HALF_TERMS.map((c) => ({ schoolId, ...c, startsOn: day(c.startsOn), endsOn: day(c.endsOn) })) });
          const teacher = await prisma.staff.create({ data: { schoolId, displayName: 'Ms Khan', email: `khan${run}@generated.example`, roles: ['KEY_TEACHER'] } });
          const senco = await prisma.staff.create({ data: { schoolId, displayName: 'Mrs Patel', email: `patel${run}@generated.example`, roles: ['SENCO'] } });
          const pupils: string[] = [];
          const contacts: { id: string; mobile: string }[] = [];
          for (const [i, p] of shape.pupils.entries()) {
            const pupil = await prisma.pupil.create({
              data: { schoolId, misId: `G${i}`, firstName: `Child${i}`, lastName: 'Generated', yearGroup: 5, senStatus: p.ehcPlan ? 'EHC_PLAN' : 'SEN_SUPPORT', keyTeacherId: teacher.id, onRegisterSince: day(addDays('2026-09-01', -p.registeredDaysAgo)) },
            });
            pupils.push(pupil.id);
            if (p.summer) {
              const held = DateTime.fromISO(`${p.summer.heldOn}T15:30`, { zone: ZONE }).toJSDate();
              const c = await prisma.structuredConversation.create({
                data: { pupilId: pupil.id, keyTeacherId: teacher.id, kind: 'INITIAL', status: 'HELD', dueBy: day(p.summer.heldOn), scheduledAt: held, heldAt: held, recordState: 'FINAL', recordedAt: held, subjectTeachersToldAt: held, parentConfirmedAt: held },
              });
              await prisma.target.create({ data: { pupilId: pupil.id, conversationId: c.id, area: 'ENGLISH', description: 'Reads aloud', reviewBy: day(p.summer.reviewBy) } });
            }
            for (const [j, pc] of p.parents.entries()) {
              const mobile = `+4477009${String(run).padStart(2, '0')}${i}${j}0`;
              const contact = await prisma.contact.create({ data: { schoolId, displayName: `Parent ${i}${j}`, mobile, smsConsent: pc.consent || j === 0, updateEveryWeeks: pc.weeks } });
              await prisma.pupilContact.create({ data: { pupilId: pupil.id, contactId: contact.id, relationship: 'PARENT', priority: j + 1 } });
              contacts.push({ id: contact.id, mobile });
            }
          }

          const pick = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
          const today = () => localDate(clock.now(), ZONE);
          const schoolTime = (date: string, hhmm: string) => `${date}T${hhmm}`;
          const conversationOf = (pupilId: string, statuses: ('TO_BOOK' | 'OFFERED' | 'BOOKED' | 'HELD')[]) =>
            prisma.structuredConversation.findFirst({ where: { pupilId, status: { in: statuses } }, orderBy: { createdAt: 'desc' } });
          let sid = 0;
          const sms = (mobile: string, body: string) => receiveSms(prisma, clock, { messageSid: `SM${run}x${(sid += 1)}`, from: mobile, body }, { schoolNumbers: false });

          const act = async (a: Action): Promise<void> => {
            switch (a.kind) {
              case 'tick':
                return;
              case 'book': {
                const c = await conversationOf(pick(pupils, a.pupil)!, ['TO_BOOK', 'OFFERED', 'BOOKED']);
                if (c) await rescheduleConversation(d, by, { conversationId: c.id, at: schoolTime(addDays(today(), a.inDays), `${String(a.hour).padStart(2, '0')}:30`) });
                return;
              }
              case 'offer': {
                const c = await conversationOf(pick(pupils, a.pupil)!, ['TO_BOOK', 'OFFERED']);
                if (c) await offerTimes(d, by, { conversationId: c.id, slots: [schoolTime(addDays(today(), a.inDays), '15:30'), schoolTime(addDays(today(), a.inDays + 1), '16:00')] });
                return;
              }
              case 'choose': {
                const contact = pick(contacts, a.contact)!;
                await sms(contact.mobile, String(a.choice));
                return;
              }
              case 'cancel': {
                const c = await conversationOf(pick(pupils, a.pupil)!, ['TO_BOOK', 'OFFERED', 'BOOKED']);
                if (c) await cancel(d, by, { conversationId: c.id });
                return;
              }
              case 'open':
                await openConversation(d, by, { pupilId: pick(pupils, a.pupil)!, kind: 'ADDITIONAL' });
                return;
              case 'record': {
                const pupilId = pick(pupils, a.pupil)!;
                const c = await conversationOf(pupilId, ['BOOKED', 'TO_BOOK', 'OFFERED', 'HELD']);
                if (!c) return;
                const heldOn = addDays(today(), -a.daysAgo);
                const input = recordInputSchema.parse({
                  state: a.final ? 'FINAL' : 'DRAFT',
                  version: c.version,
                  exploreStrengths: 'Loves drawing',
                  focusNotes: 'Reading at home',
                  reviewNotes: 'Going well',
                  attendees: [{ name: 'Parent', role: 'parent' }],
                  pupilInvolvement: 'TOOK_PART_FULLY',
                  heldOn,
                  targets: a.reviewIn.map((n, i) => ({ area: i === 0 ? 'ENGLISH' : 'MATHS', description: 'Reads a page aloud', reviewBy: addDays(heldOn, n) })),
                });
                await saveConversationRecord(d, by, c.id, input);
                return;
              }
              case 'progress': {
                const pupilId = pick(pupils, a.pupil)!;
                const target = await prisma.target.findFirst({ where: { pupilId, status: { notIn: ['ACHIEVED', 'CLOSED'] } }, orderBy: { createdAt: 'desc' } });
                if (target) await recordProgressUpdate(d, by, pupilId, [{ targetId: target.id, status: a.status }], false);
                return;
              }
              case 'tell': {
                const c = await conversationOf(pick(pupils, a.pupil)!, ['HELD']);
                if (c) await tellSubjectTeachers(d, by, { conversationId: c.id, staffIds: a.confirm ? [] : [senco.id], confirmWithParents: a.confirm });
                return;
              }
              case 'rhythm': {
                const contact = pick(contacts, a.contact)!;
                if (a.bySms) await sms(contact.mobile, a.weeks === null ? 'UPDATES DEFAULT' : `UPDATES ${a.weeks}`);
                else await setParentRhythm(d, by, contact.id, a.weeks);
                return;
              }
              case 'reply':
                await sms(pick(contacts, a.contact)!.mobile, 'He has been much happier this week, thank you');
                return;
              case 'handle': {
                const waiting = await prisma.message.findMany({ where: { schoolId, direction: 'INBOUND', pupilId: { not: null }, handledAt: null }, orderBy: { createdAt: 'asc' } });
                const reply = pick(waiting, a.reply);
                if (reply) await markReplyHandled(d, by, { messageId: reply.id });
                return;
              }
              case 'stop':
                await sms(pick(contacts, a.contact)!.mobile, a.start ? 'START' : 'STOP');
                return;
              case 'settings':
                await changeSettings(d, by, schoolId, settingsSchema.parse(a.change));
                return;
              case 'calendar': {
                const terms = TERMS.map((term, i) => (i === 2 ? { ...term, endsOn: addDays(term.endsOn, a.shiftEnd) } : term));
                const closures: CalendarChange['closures'] = [...HALF_TERMS];
                if (a.closure) closures.push({ name: 'Closed', kind: a.closure.kind, startsOn: addDays('2026-09-07', a.closure.from), endsOn: addDays('2026-09-07', a.closure.from + a.closure.length - 1) });
                await setSchoolCalendar(d, by, schoolId, { terms, closures });
                await changeSettings(d, by, schoolId, { messagesInHolidays: a.holidays });
                return;
              }
            }
          };

          const pendingPlan = async (db: Pick<typeof prisma, 'job'>) =>
            (await db.job.findMany({ where: { schoolId, status: 'PENDING', kind: { in: PLANNED_JOB_KINDS } }, select: { kind: true, dedupeKey: true, runAt: true } }))
              .map((j) => `${j.runAt.toISOString()} ${j.kind} ${j.dedupeKey}`)
              .sort();
          class Rollback extends Error {
            constructor(readonly plan: string[]) {
              super('rolled back');
            }
          }
          const fromScratch = () =>
            transaction(prisma, async (tx) => {
              await tx.job.deleteMany({ where: { schoolId, status: 'PENDING', kind: { in: PLANNED_JOB_KINDS } } });
              const summary = await planSchoolIn(tx, clock, schoolId, true);
              expect(summary.skipped).toBe(false);
              throw new Rollback(await pendingPlan(tx));
            }, { timeout: 60_000 }).catch((err: unknown) => {
              if (err instanceof Rollback) return err.plan;
              throw err;
            });
          // The runner: every job that has come due is taken as run.
          const runDue = () => prisma.job.updateMany({ where: { schoolId, status: 'PENDING', runAt: { lte: clock.now() } }, data: { status: 'DONE', completedAt: clock.now() } });
          const pass = async () => {
            await runDue();
            await planChanges(prisma, clock, (_id, err) => {
              throw err;
            });
          };

          await pass();
          for (const [n, step] of shape.steps.entries()) {
            clock.advance(step.advanceMinutes * 60_000);
            if (clock.now() >= END) break;
            await runDue();
            try {
              await act(step.action);
            } catch (err) {
              // A use case's refusal (a time in the past, a conversation already held ...) changes nothing.
              if (!(err instanceof DomainError)) throw err;
            }
            await pass();
            if (DateTime.fromJSDate(clock.now(), { zone: ZONE }).toFormat('HH:mm') < ROLLOVER_TIME) continue;
            const incremental = await pendingPlan(prisma);
            const full = await fromScratch();
            if (JSON.stringify(incremental) !== JSON.stringify(full)) {
              throw new Error(
                `after step ${n + 1} (${JSON.stringify(step.action)}) at ${clock.now().toISOString()}:\nonly planned incrementally:\n  ${incremental.filter((j) => !full.includes(j)).join('\n  ')}\nonly from scratch:\n  ${full.filter((j) => !incremental.includes(j)).join('\n  ')}`,
              );
            }
          }
        } finally {
          await prisma.school.delete({ where: { id: schoolId } });
        }
      }),
      { numRuns: Number(process.env.PLAN_RUNS ?? 3), endOnFailure: true, ...(process.env.PLAN_SEED ? { seed: Number(process.env.PLAN_SEED), path: process.env.PLAN_PATH } : {}) },
    );
  }, 600_000);
});
