import { DateTime } from 'luxon';
import type { Message } from '../../generated/prisma/client';
import { ManualClock } from '../../runtime/clock';
import { notifyStaff } from '../../messaging/staffNotifier';
import { confirmAgreedTargets } from '../../recording/confirmations';
import { onConversationRecorded, onConversationTimeChanged, planAllSchools } from '../../scheduling/planner';
import { startTestService, type RunningService } from '../support/testService';
import { switchableSenders } from '../support/switchableSenders';
import { transaction } from '../../db/transaction';

/**
 * A whole autumn term of a small school, simulated in seconds: the clock jumps from one moment
 * something happens to the next (a job falls due, the planner's tick, a teacher or a parent acts),
 * and every message that reaches a parent or a member of staff is written down with its
 * school-local time. The table at the end is the specification of the rhythm of the year.
 */
const ZONE = 'Europe/London';
const local = (s: string): Date => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: ZONE }).toJSDate();
const show = (d: Date): string => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

type Row = [recipient: string, template: string, at: string, pupil: string];

describe('the rhythm of an autumn term (half term, the October clock change, five people)', () => {
  let s: RunningService;
  let clock: ManualClock;
  const received: Row[] = [];
  const deliveredAt: { channel: string; template: string | null; at: Date }[] = [];
  const providers = switchableSenders();

  beforeAll(async () => {
    clock = new ManualClock(local('2026-09-01 00:00'));
    s = await startTestService({ clock, service: { senders: providers.senders } });
  });
  afterAll(async () => {
    await s.close();
  });

  it('sends each parent, key teacher and the SENCO exactly the right messages at the right school-local times', async () => {
    const db = s.ctx.prisma;
    const school = await db.school.create({ data: { name: 'Oakfield Primary', timezone: ZONE } });
    await db.schoolTerm.createMany({
      data: [
        { schoolId: school.id, name: 'Summer 2026', startsOn: day('2026-04-13'), endsOn: day('2026-07-22') },
        { schoolId: school.id, name: 'Autumn 2026', startsOn: day('2026-09-03'), endsOn: day('2026-12-18') },
      ],
    });
    await db.schoolClosure.create({ data: { schoolId: school.id, name: 'October half term', startsOn: day('2026-10-26'), endsOn: day('2026-10-30') } });
    const staff = async (displayName: string, roles: ('KEY_TEACHER' | 'SENCO')[], teams: boolean) => {
      const st = await db.staff.create({ data: { schoolId: school.id, displayName, email: `${displayName.replace(/\W/g, '').toLowerCase()}@oakfield.example`, roles } });
      if (teams) await installTeams(st.id);
      return st;
    };
    const installTeams = (staffId: string) =>
      db.teamsConversationReference.create({ data: { staffId, conversationId: `a:${staffId}`, serviceUrl: 'https://smba.example/', reference: {} } });
    const khan = await staff('Ms Khan', ['KEY_TEACHER'], true);
    const evans = await staff('Mr Evans', ['KEY_TEACHER'], false);
    await staff('Mrs Patel', ['SENCO'], true);

    const pupil = (firstName: string, lastName: string, keyTeacherId: string, senStatus: 'SEN_SUPPORT' | 'EHC_PLAN' | 'SCHOOL_ACTION_PLUS' | 'NOT_ON_REGISTER', onRegisterSince: string) =>
      db.pupil.create({ data: { schoolId: school.id, misId: `${firstName}-${lastName}`, firstName, lastName, yearGroup: 4, senStatus, keyTeacherId, onRegisterSince: day(onRegisterSince) } });
    let mobile = 0;
    const parent = async (pupilId: string, displayName: string, preferredLanguage: 'en' | 'pl', smsConsent = true) => {
      mobile += 1;
      const c = await db.contact.create({ data: { schoolId: school.id, displayName, mobile: `+4477009001${String(mobile).padStart(2, '0')}`, preferredLanguage, smsConsent } });
      await db.pupilContact.create({ data: { pupilId, contactId: c.id, relationship: 'PARENT' } });
      return c;
    };

    // Amir had his initial conversation in the summer term: this term he is due a review.
    const amir = await pupil('Amir', 'Hussain', khan.id, 'SEN_SUPPORT', '2025-05-01');
    const sana = await parent(amir.id, 'Sana Hussain', 'en');
    const summer = await db.structuredConversation.create({
      data: { pupilId: amir.id, keyTeacherId: khan.id, kind: 'INITIAL', status: 'HELD', dueBy: day('2026-06-26'), heldAt: day('2026-06-19'), recordState: 'FINAL', recordedAt: local('2026-06-19 16:00'), subjectTeachersToldAt: local('2026-06-20 09:00'), parentConfirmedAt: local('2026-06-19 16:05') },
    });
    const reading = await db.target.create({ data: { pupilId: amir.id, conversationId: summer.id, area: 'ENGLISH', description: 'Read a short chapter book aloud', reviewBy: day('2026-07-20') } });
    await db.progressEntry.create({ data: { targetId: reading.id, pupilId: amir.id, status: 'WORKING_TOWARDS', recordedAt: local('2026-07-01 12:00') } });
    // Leo has been on the register for years, from before the school used the product; his mum never gets an answer to her text.
    const leo = await pupil('Leo', 'Brown', khan.id, 'SCHOOL_ACTION_PLUS', '2023-11-01');
    const jo = await parent(leo.id, 'Jo Brown', 'en');
    // Mia left the register: nothing is planned for her.
    const mia = await pupil('Mia', 'Green', khan.id, 'NOT_ON_REGISTER', '2024-01-01');
    await parent(mia.id, 'Kim Green', 'en');

    const conversationOf = async (pupilId: string, kind: 'INITIAL' | 'REVIEW') => db.structuredConversation.findFirstOrThrow({ where: { pupilId, kind, status: { not: 'HELD' } } });
    const book = async (pupilId: string, kind: 'INITIAL' | 'REVIEW', at: string) => {
      const c = await conversationOf(pupilId, kind);
      await db.structuredConversation.update({ where: { id: c.id }, data: { status: 'BOOKED', scheduledAt: local(at) } });
      await transaction(db, (tx) => onConversationTimeChanged(tx, clock, c.id));
      return c.id;
    };
    const record = async (conversationId: string, heldOn: string, target: { area: 'ENGLISH' | 'MATHS'; reviewBy: string }) => {
      const c = await db.structuredConversation.update({
        where: { id: conversationId },
        data: { status: 'HELD', heldAt: day(heldOn), recordState: 'FINAL', recordedAt: clock.now() },
      });
      const t = await db.target.create({ data: { pupilId: c.pupilId, conversationId, area: target.area, description: 'agreed target', reviewBy: day(target.reviewBy) } });
      await transaction(db, (tx) => onConversationRecorded(tx, clock, conversationId));
      return t.id;
    };
    const noteProgress = (targetId: string, pupilId: string) => db.progressEntry.create({ data: { targetId, pupilId, status: 'WORKING_TOWARDS', recordedAt: clock.now() } });
    // What the SMS capability does with a parent's own words: stored under the child, passed to the key teacher.
    const parentTexts = async (contactId: string, pupilId: string, staffId: string) => {
      const inbound = await db.message.create({ data: { schoolId: school.id, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body: '(reply)', contactId, pupilId, createdAt: clock.now() } });
      await transaction(db, (tx) => notifyStaff(tx, clock, { staffId, template: 'parent.reply', text: 'A parent replied', pupilId, inReplyToId: inbound.id, idempotencyKey: `parent.reply:${inbound.id}` }));
      return inbound.id;
    };

    let amirReview = '';
    let amirTarget = '';
    let zofia = { id: '' };
    let zofiaConversation = '';
    let zofiaTarget = '';
    let sanaReply = '';
    const actions: [string, () => Promise<unknown>][] = [
      ['2026-09-08 15:00', async () => (amirReview = await book(amir.id, 'REVIEW', '2026-09-22 15:30'))],
      ['2026-09-08 15:05', () => book(leo.id, 'INITIAL', '2026-09-24 15:30')],
      [
        '2026-09-14 10:00',
        async () => {
          // Zofia joins the register today, with an EHC plan; her dad has not given consent to texts.
          zofia = await pupil('Zofia', 'Nowak', evans.id, 'EHC_PLAN', '2026-09-14');
          await parent(zofia.id, 'Ola Nowak', 'pl');
          await parent(zofia.id, 'Piotr Nowak', 'pl', false);
        },
      ],
      ['2026-09-15 12:00', () => installTeams(evans.id)],
      ['2026-09-16 11:00', () => book(leo.id, 'INITIAL', '2026-09-29 15:30')],
      ['2026-09-22 16:00', async () => (amirTarget = await record(amirReview, '2026-09-22', { area: 'ENGLISH', reviewBy: '2026-11-21' }))],
      ['2026-09-24 10:00', () => transaction(db, (tx) => confirmAgreedTargets(tx, clock, amirReview))],
      ['2026-10-05 09:30', async () => (zofiaConversation = await book(zofia.id, 'INITIAL', '2026-11-03 15:30'))],
      ['2026-10-05 14:00', () => parentTexts(jo.id, leo.id, khan.id)],
      ['2026-10-08 12:00', () => noteProgress(amirTarget, amir.id)],
      ['2026-10-14 19:00', async () => (sanaReply = await parentTexts(sana.id, amir.id, khan.id))],
      ['2026-10-15 08:45', () => db.message.update({ where: { id: sanaReply }, data: { handledAt: clock.now(), handledById: khan.id } })],
      [
        '2026-11-04 21:30',
        async () => {
          zofiaTarget = await record(zofiaConversation, '2026-11-03', { area: 'MATHS', reviewBy: '2027-01-20' });
          await transaction(db, (tx) => confirmAgreedTargets(tx, clock, zofiaConversation));
        },
      ],
      ['2026-11-11 11:00', () => noteProgress(amirTarget, amir.id)],
      ['2026-12-10 10:00', () => noteProgress(zofiaTarget, zofia.id)],
    ];

    // Test senders: write down who got what, when. A member of staff who has not installed the
    // Teams app yet keeps their messages waiting (checked again every hour), as the bot does.
    const names = new Map<string, string>();
    const nameOf = async (m: Message): Promise<string> => {
      const id = (m.staffId ?? m.contactId)!;
      if (!names.has(id)) {
        const n = m.staffId ? (await db.staff.findUniqueOrThrow({ where: { id } })).displayName : (await db.contact.findUniqueOrThrow({ where: { id } })).displayName;
        names.set(id, n);
      }
      return names.get(id)!;
    };
    const pupilName = async (m: Message): Promise<string> => (m.pupilId ? (await db.pupil.findUniqueOrThrow({ where: { id: m.pupilId } })).firstName : '');
    const write = async (m: Message) => {
      const who = m.channel === 'SMS' ? `${await nameOf(m)} (${m.language})` : await nameOf(m);
      received.push([who, m.template ?? '(free text)', show(clock.now()), await pupilName(m)]);
      deliveredAt.push({ channel: m.channel, template: m.template, at: clock.now() });
    };
    providers.use('SMS', {
      async send(m) {
        await write(m);
        return { kind: 'sent', providerId: `SM${m.id}` };
      },
    });
    providers.use('TEAMS', {
      async send(m) {
        const ref = await db.teamsConversationReference.findUnique({ where: { staffId: m.staffId! } });
        if (!ref) return { kind: 'hold', until: new Date(clock.now().getTime() + 3600_000) };
        await write(m);
        return { kind: 'sent', providerId: `teams-${m.id}` };
      },
    });

    // The simulation: jump to the next moment anything happens, until the end of term.
    const end = local('2026-12-18 23:59');
    const pendingActions = actions.map(([at, act]) => ({ at: local(at), act }));
    const planningAt = (d: Date): Date => DateTime.fromJSDate(d, { zone: ZONE }).plus({ days: 1 }).startOf('day').toJSDate();
    let nextPlanning = clock.now();
    const plan = () => planAllSchools(db, clock, (_id, err) => { throw err; });
    for (let steps = 0; steps < 5000; steps += 1) {
      const nextJob = await db.job.findFirst({ where: { status: 'PENDING' }, orderBy: { runAt: 'asc' }, select: { runAt: true } });
      const moments = [pendingActions[0]?.at, nextPlanning, nextJob?.runAt].filter((d): d is Date => d !== undefined);
      const next = new Date(Math.max(clock.now().getTime(), Math.min(...moments.map((d) => d.getTime()))));
      if (next > end) break;
      clock.set(next);
      let replan = false;
      while (pendingActions[0] && pendingActions[0].at <= next) {
        await pendingActions.shift()!.act();
        replan = true;
      }
      // The planner's tick: here once a day and right after anything changes (in service, every
      // 15 minutes; planning in between changes nothing, which the planner test proves).
      if (next >= nextPlanning) {
        nextPlanning = planningAt(next);
        replan = true;
      }
      if (replan) await plan();
      await s.service.jobs.runDue();
    }
    expect(pendingActions).toHaveLength(0);

    // Messages delivered in the same minute are compared in a fixed order.
    const byTime = (a: Row, b: Row): number => a[2].localeCompare(b[2]) || a.join().localeCompare(b.join());
    expect([...received].sort(byTime)).toEqual<Row[]>([
      ['Ms Khan', 'reminder.book', '2026-09-03 09:00', 'Amir'],
      ['Ms Khan', 'reminder.book', '2026-09-03 09:00', 'Leo'],
      ['Sana Hussain (en)', 'progress.update', '2026-09-11 16:00', 'Amir'],
      ['Ms Khan', 'reminder.gatherViews', '2026-09-15 09:00', 'Amir'],
      ['Mr Evans', 'reminder.book', '2026-09-15 12:00', 'Zofia'],
      ['Ms Khan', 'reminder.prepare', '2026-09-21 09:00', 'Amir'],
      ['Ms Khan', 'reminder.gatherViews', '2026-09-22 09:00', 'Leo'],
      ['Ms Khan', 'reminder.tellSubjectTeachers', '2026-09-23 09:00', 'Amir'],
      ['Sana Hussain (en)', 'confidence.check', '2026-09-23 16:00', 'Amir'],
      ['Ms Khan', 'reminder.confirmWithParent', '2026-09-24 09:00', 'Amir'],
      ['Sana Hussain (en)', 'targets.confirmed', '2026-09-24 10:00', 'Amir'],
      ['Ms Khan', 'reminder.prepare', '2026-09-28 09:00', 'Leo'],
      ['Ms Khan', 'reminder.record', '2026-09-29 16:30', 'Leo'],
      ['Ms Khan', 'parent.reply', '2026-10-05 14:00', 'Leo'],
      ['Mrs Patel', 'escalation.unansweredReply', '2026-10-08 09:00', 'Leo'],
      ['Mrs Patel', 'escalation.overdueConversation', '2026-10-12 09:00', 'Leo'],
      ['Sana Hussain (en)', 'progress.update', '2026-10-13 16:00', 'Amir'],
      ['Ms Khan', 'parent.reply', '2026-10-14 19:00', 'Amir'],
      ['Mr Evans', 'reminder.gatherViews', '2026-10-23 09:00', 'Zofia'],
      ['Mrs Patel', 'escalation.overdueConversation', '2026-10-23 09:00', 'Zofia'],
      ['Mr Evans', 'reminder.prepare', '2026-11-02 09:00', 'Zofia'],
      ['Mr Evans', 'reminder.record', '2026-11-03 16:30', 'Zofia'],
      ['Ola Nowak (pl)', 'targets.confirmed', '2026-11-05 08:00', 'Zofia'],
      ['Mr Evans', 'reminder.tellSubjectTeachers', '2026-11-05 09:00', 'Zofia'],
      ['Ola Nowak (pl)', 'confidence.check', '2026-11-05 16:00', 'Zofia'],
      ['Ms Khan', 'progress.askTeacher', '2026-11-10 16:00', 'Amir'],
      ['Sana Hussain (en)', 'progress.update', '2026-11-12 16:00', 'Amir'],
      ['Ms Khan', 'reminder.targetReview', '2026-11-20 09:00', 'Amir'],
      ['Mr Evans', 'progress.askTeacher', '2026-11-24 16:00', 'Zofia'],
      ['Ms Khan', 'progress.askTeacher', '2026-12-01 16:00', 'Amir'],
      ['Ola Nowak (pl)', 'progress.update', '2026-12-15 16:00', 'Zofia'],
    ]);

    // Nothing at weekends or in half term; parents never in quiet hours; reminders to staff only
    // 09:00-18:00 (a parent's reply is passed on as it comes, by the SMS capability).
    for (const { channel, template, at } of deliveredAt) {
      const t = DateTime.fromJSDate(at, { zone: ZONE });
      expect(t.weekday).toBeLessThanOrEqual(5);
      expect(t.toISODate()! < '2026-10-26' || t.toISODate()! > '2026-10-30').toBe(true);
      const minutes = t.hour * 60 + t.minute;
      if (channel === 'SMS') expect(minutes >= 8 * 60 && minutes < 20 * 60).toBe(true);
      else if (template !== 'parent.reply') expect(minutes >= 9 * 60 && minutes < 18 * 60).toBe(true);
    }
    // 09:00 school-local on both sides of the clock change: 08:00 UTC in BST, 09:00 UTC in GMT.
    const evansNine = await db.message.findMany({ where: { staffId: evans.id, template: { in: ['reminder.gatherViews', 'reminder.prepare'] } }, orderBy: { sentAt: 'asc' }, select: { sentAt: true } });
    expect(evansNine.map((m) => m.sentAt!.toISOString())).toEqual(['2026-10-23T08:00:00.000Z', '2026-11-02T09:00:00.000Z']);
    // Mia (off the register) and Zofia's dad (no consent) heard nothing; Amir's summer conversation was not planned again.
    expect(await db.structuredConversation.count({ where: { pupilId: mia.id } })).toBe(0);
    expect(await db.message.count({ where: { contact: { displayName: 'Piotr Nowak' } } })).toBe(0);
    expect(await db.structuredConversation.count({ where: { pupilId: amir.id } })).toBe(2);
  });
});
