import type { PrismaClient } from '../../db/database';
import type { Prisma } from '../../generated/prisma/client';

/**
 * A known data set: Oakfield (the school under test, Europe/London, autumn term 2026) and
 * Birchwood (another school on the same database, whose records must never leak into Oakfield's
 * figures). The digest and dashboard tests assert exact numbers against it; the comments say
 * which figure each record is there for. Reporting instant: Monday 16 November 2026, 08:00 London.
 */
export const REPORT_AT = new Date('2026-11-16T08:00:00Z');

const d = (iso: string): Date => new Date(iso);
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export interface KnownSchools {
  oakfield: string;
  birchwood: string;
  staff: { lead: string; senco: string; kate: string; tom: string; una: string; admin: string; birchLead: string };
  pupils: Record<'amir' | 'bella' | 'caleb' | 'daisy' | 'ethan' | 'freya' | 'george' | 'hannah' | 'isla' | 'jack' | 'birchPupil', string>;
}

export async function seedKnownSchools(db: PrismaClient): Promise<KnownSchools> {
  const oak = await db.school.create({
    data: {
      name: 'Oakfield Academy',
      timezone: 'Europe/London',
      digestWeekday: 1,
      digestTime: '08:00',
      isDemo: true,
      widerOutcomes: ['ATTENDANCE', 'BEHAVIOUR'],
      terms: {
        create: [
          { name: 'Autumn 2026', startsOn: day('2026-09-02'), endsOn: day('2026-12-18') },
          { name: 'Spring 2027', startsOn: day('2027-01-05'), endsOn: day('2027-03-26') },
        ],
      },
    },
  });
  const birch = await db.school.create({ data: { name: 'Birchwood Primary', timezone: 'Europe/London' } });

  const staff = async (schoolId: string, displayName: string, email: string, roles: Prisma.StaffCreateInput['roles']): Promise<string> =>
    (await db.staff.create({ data: { schoolId, displayName, email, roles, aadObjectId: `oid-${email}` } })).id;
  const lead = await staff(oak.id, 'Hana Lewis', 'hana.lewis@oakfield.example', ['SCHOOL_LEAD']);
  const senco = await staff(oak.id, 'Sam Okafor', 'sam.okafor@oakfield.example', ['SENCO']);
  const kate = await staff(oak.id, 'Kate Morgan', 'kate.morgan@oakfield.example', ['KEY_TEACHER']);
  const tom = await staff(oak.id, 'Tom Reid', 'tom.reid@oakfield.example', ['KEY_TEACHER']);
  const una = await staff(oak.id, 'Una Price', 'una.price@oakfield.example', ['KEY_TEACHER']);
  const admin = await staff(oak.id, 'Ade Office', 'office@oakfield.example', ['ADMIN']);
  const birchLead = await staff(birch.id, 'Bea Birch', 'bea@birchwood.example', ['SCHOOL_LEAD', 'KEY_TEACHER']);

  const pupil = async (
    schoolId: string,
    misId: string,
    firstName: string,
    lastName: string,
    yearGroup: number,
    senStatus: Prisma.PupilCreateInput['senStatus'],
    primaryNeed: Prisma.PupilCreateInput['primaryNeed'],
    keyTeacherId: string | null,
    extra: { secondaryNeed?: Prisma.PupilCreateInput['secondaryNeed']; archivedAt?: Date } = {},
  ): Promise<string> =>
    (
      await db.pupil.create({
        data: { schoolId, misId, firstName, lastName, yearGroup, senStatus, primaryNeed, keyTeacherId, onRegisterSince: day('2026-09-02'), ...extra },
      })
    ).id;
  const p = {
    amir: await pupil(oak.id, 'A001', 'Amir', 'Khan', 7, 'SEN_SUPPORT', 'SLCN', kate),
    bella: await pupil(oak.id, 'A002', 'Bella', 'Jones', 7, 'EHC_PLAN', 'SPLD', kate),
    caleb: await pupil(oak.id, 'A003', 'Caleb', 'Smith', 8, 'SEN_SUPPORT', 'ASD', kate),
    daisy: await pupil(oak.id, 'A004', 'Daisy', 'Patel', 8, 'SEN_SUPPORT', 'SEMH', kate, { secondaryNeed: 'SPLD' }),
    ethan: await pupil(oak.id, 'A005', 'Ethan', 'Brown', 9, 'EHC_PLAN', 'MLD', kate),
    freya: await pupil(oak.id, 'A006', 'Freya', 'Wilson', 9, 'SEN_SUPPORT', 'SPLD', kate),
    george: await pupil(oak.id, 'A007', 'George', 'Taylor', 7, 'SEN_SUPPORT', 'HI', tom),
    // Left the SEN register: none of her records count.
    hannah: await pupil(oak.id, 'A008', 'Hannah', 'Lee', 8, 'NOT_ON_REGISTER', 'SPLD', tom),
    // No key teacher yet.
    isla: await pupil(oak.id, 'A009', 'Isla', 'Novak', 10, 'SEN_SUPPORT', 'VI', null),
    // Archived: invisible everywhere.
    jack: await pupil(oak.id, 'A010', 'Jack', 'Archer', 9, 'SEN_SUPPORT', 'MLD', kate, { archivedAt: d('2026-10-01T09:00:00Z') }),
    birchPupil: await pupil(birch.id, 'B001', 'Bo', 'Birch', 3, 'SEN_SUPPORT', 'SLCN', birchLead),
  };

  const conversation = (data: Prisma.StructuredConversationUncheckedCreateInput) => db.structuredConversation.create({ data });
  await conversation({ pupilId: p.amir, keyTeacherId: kate, kind: 'INITIAL', status: 'HELD', dueBy: day('2026-09-30'), heldAt: d('2026-09-20T10:00:00Z'), recordState: 'FINAL', exploreStrengths: 'Loves building things', exploreBarriers: 'Noisy classrooms', focusNotes: 'Speaking up in class', planNotes: 'Visual timetable' });
  await conversation({ pupilId: p.bella, keyTeacherId: kate, kind: 'INITIAL', status: 'HELD', dueBy: day('2026-11-13'), heldAt: d('2026-11-12T15:00:00Z') }); // held in the last 7 days
  await conversation({ pupilId: p.caleb, keyTeacherId: kate, kind: 'INITIAL', status: 'BOOKED', dueBy: day('2026-11-18'), scheduledAt: d('2026-11-18T15:30:00Z') }); // due this week
  await conversation({ pupilId: p.daisy, keyTeacherId: kate, kind: 'INITIAL', status: 'TO_BOOK', dueBy: day('2026-11-10') }); // overdue (Kate)
  await conversation({ pupilId: p.ethan, keyTeacherId: kate, kind: 'REVIEW', status: 'OFFERED', dueBy: day('2026-11-13') }); // overdue (Kate)
  await conversation({ pupilId: p.ethan, keyTeacherId: kate, kind: 'INITIAL', status: 'HELD', dueBy: day('2026-10-09'), heldAt: d('2026-10-05T14:00:00Z') });
  await conversation({ pupilId: p.george, keyTeacherId: null, kind: 'INITIAL', status: 'TO_BOOK', dueBy: day('2026-11-02') }); // overdue (Tom, by the pupil)
  await conversation({ pupilId: p.isla, kind: 'INITIAL', status: 'CANCELLED', dueBy: day('2026-11-01') }); // cancelled: not overdue
  await conversation({ pupilId: p.freya, keyTeacherId: kate, kind: 'REVIEW', status: 'TO_BOOK', dueBy: day('2026-11-23') }); // next week
  await conversation({ pupilId: p.freya, keyTeacherId: kate, kind: 'INITIAL', status: 'HELD', dueBy: day('2026-07-15'), heldAt: d('2026-07-10T13:00:00Z') }); // last school year
  await conversation({ pupilId: p.hannah, keyTeacherId: tom, kind: 'INITIAL', status: 'TO_BOOK', dueBy: day('2026-11-01') }); // off register
  await conversation({ pupilId: p.birchPupil, keyTeacherId: birchLead, kind: 'INITIAL', status: 'TO_BOOK', dueBy: day('2026-11-02') }); // Birchwood's

  const target = (data: Prisma.TargetUncheckedCreateInput) => db.target.create({ data });
  const set = d('2026-09-25T10:00:00Z');
  const t1 = await target({ pupilId: p.amir, area: 'ENGLISH', status: 'WORKING_TOWARDS', description: 'Read aloud to a partner every day', reviewBy: day('2026-11-10'), reviewedAt: d('2026-11-09T12:00:00Z'), createdAt: set });
  await target({ pupilId: p.amir, area: 'MATHS', status: 'ACHIEVED', description: 'Count in fives to 100', reviewBy: day('2026-11-01'), reviewedAt: d('2026-11-03T10:00:00Z'), createdAt: set });
  await target({ pupilId: p.bella, area: 'MATHS', status: 'NOT_STARTED', description: 'Times tables to 5', reviewBy: day('2026-11-13'), createdAt: set }); // review missed
  await target({ pupilId: p.bella, area: 'ATTENDANCE', status: 'NEEDS_CHANGE', description: 'On time four days a week', reviewBy: day('2026-12-10'), reviewedAt: d('2026-11-14T09:00:00Z'), createdAt: set });
  await target({ pupilId: p.caleb, area: 'BEHAVIOUR', status: 'WORKING_TOWARDS', description: 'Use the calm card', reviewBy: day('2026-12-01'), createdAt: set });
  await target({ pupilId: p.ethan, area: 'ENGLISH', status: 'CLOSED', description: 'Spell ten key words', reviewBy: day('2026-10-01'), createdAt: set });
  await target({ pupilId: p.freya, area: 'ENGLISH', status: 'ACHIEVED', description: 'Last year', reviewBy: day('2026-07-01'), createdAt: d('2026-06-01T10:00:00Z') });
  await target({ pupilId: p.hannah, area: 'MATHS', status: 'NEEDS_CHANGE', description: 'Off register', reviewBy: day('2026-11-01'), createdAt: set });
  // Reviewed at 00:30 on 21 October London time: a day late, although still 20 October in UTC.
  await target({ pupilId: p.daisy, area: 'PARTICIPATION', status: 'WORKING_TOWARDS', description: 'Join a lunchtime club', reviewBy: day('2026-10-20'), reviewedAt: d('2026-10-20T23:30:00Z'), createdAt: set });
  await target({ pupilId: p.birchPupil, area: 'MATHS', status: 'NEEDS_CHANGE', description: 'Birchwood', reviewBy: day('2026-11-01'), createdAt: set });
  await db.progressEntry.create({ data: { targetId: t1.id, pupilId: p.amir, status: 'WORKING_TOWARDS', note: 'Reads to his brother at home', recordedById: kate, recordedAt: d('2026-11-09T12:00:00Z') } });

  const contact = async (schoolId: string, displayName: string, mobile: string, pupils: string[], extra: Partial<Prisma.ContactUncheckedCreateInput> = {}): Promise<string> => {
    const c = await db.contact.create({ data: { schoolId, displayName, mobile, smsConsent: true, ...extra } });
    for (const pupilId of pupils) await db.pupilContact.create({ data: { pupilId, contactId: c.id, relationship: 'PARENT' } });
    return c.id;
  };
  const m1 = await contact(oak.id, 'Mrs Khan', '+447700900001', [p.amir]);
  const m2 = await contact(oak.id, 'Mr Jones', '+447700900002', [p.bella]);
  const m3 = await contact(oak.id, 'Ms Smith', '+447700900003', [p.caleb]);
  const m4 = await contact(oak.id, 'Mrs Patel', '+447700900004', [p.daisy]);
  await contact(oak.id, 'Mr Brown', '+447700900005', [p.ethan], { optedOutAt: d('2026-10-01T10:00:00Z') });
  await contact(oak.id, 'Ms Wilson', '+447700900006', [p.freya], { unreachableAt: d('2026-09-15T10:00:00Z'), unreachableReason: '30003' });
  const m7 = await contact(oak.id, 'Mrs Taylor-Novak', '+447700900007', [p.george, p.isla]); // a parent of two
  const m8 = await contact(oak.id, 'Mr Lee', '+447700900008', [p.hannah]);
  const b1 = await contact(birch.id, 'Mrs Birch', '+447700900009', [p.birchPupil]);

  const sms = (data: Omit<Prisma.MessageUncheckedCreateInput, 'channel' | 'body'> & { body?: string }) =>
    db.message.create({ data: { channel: 'SMS', body: 'Hello', ...data } });
  const out = { schoolId: oak.id, direction: 'OUTBOUND' as const };
  const inbound = { schoolId: oak.id, direction: 'INBOUND' as const, status: 'RECEIVED' as const };
  await sms({ ...out, contactId: m1, pupilId: p.amir, status: 'DELIVERED', body: 'Hello from Oakfield: Amir read to the class today.', createdAt: d('2026-11-01T09:00:00Z'), deliveredAt: d('2026-11-01T09:00:05Z') });
  await sms({ ...inbound, contactId: m1, pupilId: p.amir, body: 'Thank you, he told us all about it!', createdAt: d('2026-11-15T08:00:00Z'), handledAt: d('2026-11-16T09:00:00Z') }); // waiting 1440 min
  await sms({ ...inbound, contactId: m2, pupilId: p.bella, createdAt: d('2026-10-20T10:00:00Z'), handledAt: d('2026-10-21T08:00:00Z') });
  await sms({ ...out, contactId: m2, status: 'FAILED', createdAt: d('2026-11-10T09:00:00Z'), updatedAt: d('2026-11-10T09:05:00Z') });
  await sms({ ...out, contactId: m2, status: 'FAILED', createdAt: d('2026-11-01T09:00:00Z'), updatedAt: d('2026-11-01T09:05:00Z') }); // before the last digest
  await sms({ ...out, contactId: m3, status: 'DELIVERED', createdAt: d('2026-09-20T09:00:00Z'), deliveredAt: d('2026-09-20T09:00:05Z') });
  await sms({ ...inbound, contactId: m3, createdAt: d('2026-11-16T09:00:00Z') }); // after the reporting instant
  await sms({ ...out, contactId: m4, status: 'SENT', createdAt: d('2026-11-10T09:00:00Z') });
  await sms({ ...out, contactId: m4, status: 'UNDELIVERED', createdAt: d('2026-11-11T09:00:00Z'), updatedAt: d('2026-11-11T09:05:00Z') });
  await sms({ ...inbound, contactId: m7, pupilId: p.george, body: 'Can we move the meeting?', createdAt: d('2026-11-13T08:00:00Z') }); // 4320 min
  // Not filed under a child yet (the parent of two has not said which): no key teacher's reply to wait for.
  await sms({ ...inbound, contactId: m7, createdAt: d('2026-11-15T20:00:00Z') });
  await sms({ ...inbound, contactId: m7, createdAt: d('2026-11-16T07:00:00Z') });
  await sms({ ...inbound, contactId: m8, createdAt: d('2026-11-12T07:00:00Z') }); // off register
  await sms({ schoolId: birch.id, direction: 'INBOUND', status: 'RECEIVED', contactId: b1, pupilId: p.birchPupil, createdAt: d('2026-11-10T07:00:00Z') });
  await db.message.create({ data: { schoolId: oak.id, channel: 'TEAMS', direction: 'OUTBOUND', status: 'FAILED', staffId: kate, body: 'Reminder', createdAt: d('2026-11-12T09:00:00Z'), updatedAt: d('2026-11-12T09:01:00Z') } });
  await db.message.create({ data: { schoolId: birch.id, channel: 'TEAMS', direction: 'OUTBOUND', status: 'FAILED', staffId: birchLead, body: 'Reminder', updatedAt: d('2026-11-12T09:01:00Z') } });
  // The previous weekly digest: delivery problems are counted since it went out.
  await db.message.create({ data: { schoolId: oak.id, channel: 'TEAMS', direction: 'OUTBOUND', status: 'SENT', staffId: lead, template: 'digest.weekly', body: 'Weekly digest', notBefore: d('2026-11-09T08:00:00Z') } });

  const job = (data: Prisma.JobUncheckedCreateInput) => db.job.create({ data });
  await job({ schoolId: oak.id, kind: 'reminder.prepare', dedupeKey: 'k1', runAt: d('2026-11-12T09:00:00Z'), status: 'FAILED', completedAt: d('2026-11-12T09:00:00Z') });
  await job({ schoolId: oak.id, kind: 'reminder.prepare', dedupeKey: 'k2', runAt: d('2026-11-02T09:00:00Z'), status: 'FAILED', completedAt: d('2026-11-02T09:00:00Z') });
  await job({ schoolId: oak.id, kind: 'deliver-message', dedupeKey: 'k3', runAt: d('2026-11-12T09:00:00Z'), status: 'FAILED', completedAt: d('2026-11-12T09:00:00Z') });
  await job({ schoolId: birch.id, kind: 'reminder.prepare', dedupeKey: 'k4', runAt: d('2026-11-12T09:00:00Z'), status: 'FAILED', completedAt: d('2026-11-12T09:00:00Z') });

  const view = (pupilId: string, recordedAt: string) => db.pupilView.create({ data: { pupilId, recordedAt: d(recordedAt), goodAt: 'Drawing', findHard: 'Loud rooms', helpsMe: 'A quiet space', wantToGetBetterAt: 'Reading' } });
  await view(p.amir, '2026-09-15T10:00:00Z');
  await view(p.bella, '2026-11-10T10:00:00Z');
  await view(p.caleb, '2026-07-01T10:00:00Z'); // last term
  await view(p.ethan, '2026-11-17T10:00:00Z'); // after the reporting instant
  await view(p.birchPupil, '2026-11-10T10:00:00Z');

  const rating = (contactId: string, pupilId: string, score: number, receivedAt: string) => db.confidenceRating.create({ data: { contactId, pupilId, score, receivedAt: d(receivedAt) } });
  await rating(m1, p.amir, 2, '2026-09-20T18:00:00Z');
  await rating(m1, p.amir, 4, '2026-11-02T18:00:00Z');
  await rating(m2, p.bella, 3, '2026-10-01T18:00:00Z');
  await rating(m7, p.george, 5, '2026-11-14T10:00:00Z');
  await rating(m7, p.isla, 4, '2026-11-14T12:00:00Z'); // the same parent's latest
  await rating(m8, p.hannah, 1, '2026-11-01T10:00:00Z'); // off register
  await rating(b1, p.birchPupil, 1, '2026-11-01T10:00:00Z');

  return { oakfield: oak.id, birchwood: birch.id, staff: { lead, senco, kate, tom, una, admin, birchLead }, pupils: p };
}
