import { DateTime } from 'luxon';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../db/database';
import { transaction } from '../../db/transaction';
import { systemActor } from '../../audit/audit';
import { ManualClock } from '../../runtime/clock';
import { planChanges, type PlanSummary } from '../../scheduling/planner';
import { RHYTHM_JOB } from '../../scheduling/rhythmJobs';
import { setProgressRhythm } from '../../settings/useCases';
import { markForPlanning } from '../../jobs/planningMarks';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/**
 * How change-driven planning behaves as a deployment sees it: a pass with nothing changed does
 * nothing, a change plans its own pupil only, the date brings the next progress round at 03:00
 * school-local, a change made while its pupil is being planned is planned by the next pass, two
 * instances share a busy pass without planning a school twice, and each school is planned in full
 * once a week.
 */
const ZONE = 'Europe/London';
const local = (s: string): Date => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: ZONE }).toJSDate();
const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const fail = (_id: string, err: unknown) => {
  throw err;
};
const worked = (s: PlanSummary[]) => s.filter((p) => !p.skipped);

describe('change-driven planning', () => {
  let t: TestDatabase;
  let second: Database;
  const clock = new ManualClock(local('2026-09-08 10:00'));

  beforeAll(async () => {
    t = await createTestDatabase();
    second = await openDatabase({ databaseUrl: t.url, dataDir: '/nonexistent', poolSize: 2 });
  });
  afterAll(async () => {
    await second.close();
    await t.drop();
  });

  /** A school whose pupils each had their conversation on Monday 7 September; their parents hear every 3 school weeks. */
  async function givenASchool(name: string, pupils: number) {
    const db = t.db.prisma;
    const school = await db.school.create({ data: { name, timezone: ZONE } });
    await db.schoolTerm.create({ data: { schoolId: school.id, name: 'Autumn 2026', startsOn: day('2026-09-03'), endsOn: day('2026-12-18') } });
    const teacher = await db.staff.create({ data: { schoolId: school.id, displayName: 'Ms Khan', email: `khan@${school.id}.example`, roles: ['KEY_TEACHER'] } });
    const ids: { pupilId: string; contactId: string }[] = [];
    for (let i = 0; i < pupils; i += 1) {
      const pupil = await db.pupil.create({ data: { schoolId: school.id, misId: `P${i}`, firstName: `Child${i}`, lastName: 'Test', yearGroup: 4, senStatus: 'SEN_SUPPORT', keyTeacherId: teacher.id, onRegisterSince: day('2026-01-05') } });
      const held = local('2026-09-07 15:30');
      await db.structuredConversation.create({
        data: { pupilId: pupil.id, keyTeacherId: teacher.id, kind: 'REVIEW', status: 'HELD', dueBy: day('2026-10-09'), scheduledAt: held, heldAt: held, recordState: 'FINAL', recordedAt: held, subjectTeachersToldAt: held, parentConfirmedAt: held },
      });
      const contact = await db.contact.create({ data: { schoolId: school.id, displayName: `Parent ${i}`, mobile: `+44770090${String(ids.length).padStart(4, '0')}${name.length}`, smsConsent: true } });
      await db.pupilContact.create({ data: { pupilId: pupil.id, contactId: contact.id, relationship: 'MOTHER' } });
      ids.push({ pupilId: pupil.id, contactId: contact.id });
    }
    return { schoolId: school.id, pupils: ids };
  }

  const progressJobs = (pupilId: string) =>
    t.db.prisma.job.findMany({ where: { subjectId: pupilId, kind: RHYTHM_JOB.progress, status: 'PENDING' }, select: { dedupeKey: true, runAt: true } });

  it('Given a school planned once, a pass with nothing changed plans nothing; a parent choosing weekly updates has only their child planned again', async () => {
    clock.set(local('2026-09-08 10:00'));
    const { schoolId, pupils } = await givenASchool('Oakfield Primary', 3);
    const first = worked(await planChanges(t.db.prisma, clock, fail)).filter((p) => p.schoolId === schoolId);
    expect(first).toMatchObject([{ full: true, pupils: 3, conversationsCreated: 0 }]);
    expect((await progressJobs(pupils[0]!.pupilId)).map((j) => j.runAt)).toEqual([local('2026-09-28 16:00')]);

    clock.set(local('2026-09-08 10:15'));
    expect(await planChanges(t.db.prisma, clock, fail)).toEqual([]);

    await transaction(t.db.prisma, (tx) => setProgressRhythm(tx, systemActor, pupils[0]!.contactId, 1));
    expect(worked(await planChanges(t.db.prisma, clock, fail))).toMatchObject([{ schoolId, full: false, pupils: 1 }]);
    expect((await progressJobs(pupils[0]!.pupilId)).map((j) => j.runAt)).toEqual([local('2026-09-14 16:00')]);
    expect(await t.db.prisma.planningMark.count({ where: { schoolId } })).toBe(0);
  });

  it('Given a progress round on Monday 28 September, the next round is planned by the day rollover at 03:00 on Tuesday, not before', async () => {
    clock.set(local('2026-09-08 10:00'));
    const { schoolId, pupils } = await givenASchool('Elm Road Primary', 2);
    await planChanges(t.db.prisma, clock, fail);
    expect(await t.db.prisma.schoolPlanning.findUniqueOrThrow({ where: { schoolId } })).toMatchObject({ rolloverAt: local('2026-09-29 03:00') });

    // Sunday night's full plan (the safety net) has been, as every week.
    clock.set(local('2026-09-27 05:00'));
    await planChanges(t.db.prisma, clock, fail);

    clock.set(local('2026-09-29 02:45'));
    expect(worked(await planChanges(t.db.prisma, clock, fail)).filter((p) => p.schoolId === schoolId)).toEqual([]);
    expect((await progressJobs(pupils[0]!.pupilId)).map((j) => j.dedupeKey.endsWith(':3w:1'))).toEqual([true]);

    clock.set(local('2026-09-29 03:00'));
    expect(worked(await planChanges(t.db.prisma, clock, fail)).filter((p) => p.schoolId === schoolId)).toMatchObject([{ full: false, pupils: 2 }]);
    for (const { pupilId } of pupils) {
      expect(await progressJobs(pupilId)).toEqual([{ dedupeKey: expect.stringMatching(/:3w:2$/), runAt: local('2026-10-19 16:00') }]);
    }
    expect(await t.db.prisma.schoolPlanning.findUniqueOrThrow({ where: { schoolId } })).toMatchObject({ rolloverAt: local('2026-10-20 03:00') });
  });

  it('Given a parent changes their rhythm while the planner is planning their child, the change is not lost: the next pass plans it', async () => {
    clock.set(local('2026-09-08 10:00'));
    const { schoolId, pupils } = await givenASchool('Ash Grove Academy', 1);
    await planChanges(t.db.prisma, clock, fail);
    const { pupilId, contactId } = pupils[0]!;
    await transaction(t.db.prisma, (tx) => setProgressRhythm(tx, systemActor, contactId, 2));

    // The planner reads the mark, then waits on a job row held elsewhere; meanwhile the parent chooses again.
    const holder = new Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "Job" WHERE "subjectId" = $1 AND "kind" = $2 FOR UPDATE`, [pupilId, RHYTHM_JOB.progress]);
      const planning = planChanges(t.db.prisma, clock, fail);
      for (let i = 0; i < 200 && (await waitingOnLocks(holder)) === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(await waitingOnLocks(holder)).toBeGreaterThan(0);
      await transaction(second.prisma, (tx) => setProgressRhythm(tx, systemActor, contactId, 1));
      await holder.query('COMMIT');
      expect(worked(await planning)).toMatchObject([{ schoolId, pupils: 1 }]);
    } finally {
      await holder.end();
    }
    // Planned from the rhythm it read (every 2 weeks); the newer mark is still there.
    expect((await progressJobs(pupilId)).map((j) => j.runAt)).toEqual([local('2026-09-21 16:00')]);
    expect(await t.db.prisma.planningMark.findMany({ where: { schoolId }, select: { kind: true, subjectId: true, sequence: true } })).toEqual([{ kind: 'CONTACT', subjectId: contactId, sequence: 2 }]);
    expect(worked(await planChanges(t.db.prisma, clock, fail))).toMatchObject([{ schoolId, pupils: 1 }]);
    expect((await progressJobs(pupilId)).map((j) => j.runAt)).toEqual([local('2026-09-14 16:00')]);
    expect(await t.db.prisma.planningMark.count({ where: { schoolId } })).toBe(0);
  });

  it('Given two instances and a busy pass, a school one of them is planning is skipped by the other, which plans the rest; no school is planned twice', async () => {
    clock.set(local('2026-09-08 10:00'));
    const schools = [];
    for (const name of ['North', 'South', 'East', 'West']) schools.push(await givenASchool(`${name} School`, 2));
    await planChanges(t.db.prisma, clock, fail);
    // Every pupil's conversation is found to have been entered by mistake: each needs a new one, to be created once.
    const ids = schools.map((s) => s.schoolId);
    const cancelled = await t.db.prisma.structuredConversation.updateMany({ where: { pupil: { schoolId: { in: ids } } }, data: { status: 'CANCELLED', heldAt: null, recordState: 'NONE', recordedAt: null } });
    expect(cancelled.count).toBe(8);
    await transaction(t.db.prisma, (tx) => markForPlanning(tx, 'school', ids));
    const [held, ...rest] = schools;

    // One instance is planning the first school (it holds its row); two others run a pass at once.
    const holder = new Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "SchoolPlanning" WHERE "schoolId" = $1 FOR UPDATE`, [held!.schoolId]);
      const [a, b] = await Promise.all([planChanges(t.db.prisma, clock, fail), planChanges(second.prisma, clock, fail)]);
      const planned = [...worked(a), ...worked(b)].filter((p) => p.full);
      expect(planned.map((p) => p.schoolId).sort()).toEqual(rest.map((s) => s.schoolId).sort());
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    expect(worked(await planChanges(second.prisma, clock, fail))).toMatchObject([{ schoolId: held!.schoolId, full: true, conversationsCreated: 2 }]);
    for (const s of schools) {
      expect(await t.db.prisma.structuredConversation.count({ where: { pupil: { schoolId: s.schoolId }, status: 'TO_BOOK' } })).toBe(2);
    }
  });

  it('Given a week has passed, each school is planned in full once, on Sunday night school time (the safety net)', async () => {
    clock.set(local('2026-09-08 10:00'));
    const { schoolId } = await givenASchool('Birch Lane School', 1);
    await planChanges(t.db.prisma, clock, fail);
    const { fullPlanAt } = await t.db.prisma.schoolPlanning.findUniqueOrThrow({ where: { schoolId } });
    const when = DateTime.fromJSDate(fullPlanAt, { zone: ZONE });
    expect([when.toISODate(), when.hour >= 1 && when.hour < 5]).toEqual(['2026-09-13', true]);

    clock.set(new Date(fullPlanAt.getTime() - 60_000));
    expect(worked(await planChanges(t.db.prisma, clock, fail)).filter((p) => p.schoolId === schoolId && p.full)).toEqual([]);
    clock.set(fullPlanAt);
    expect(worked(await planChanges(t.db.prisma, clock, fail)).filter((p) => p.schoolId === schoolId)).toMatchObject([{ full: true, pupils: 1, conversationsCreated: 0 }]);
    expect((await t.db.prisma.schoolPlanning.findUniqueOrThrow({ where: { schoolId } })).fullPlanAt.getTime() - fullPlanAt.getTime()).toBe(7 * 86_400_000);
  });
});

/** Sessions of this test's database waiting for a lock (other databases on the server are other tests'). */
async function waitingOnLocks(c: Client): Promise<number> {
  const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
  return rows[0]!.n;
}
