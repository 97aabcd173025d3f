import { randomUUID } from 'node:crypto';
import type { TargetArea } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import { recordAudit, type Actor } from '../audit/audit';
import { addDays, atLocalTime, localDate } from '../domain/schoolCalendar';
import { renderText } from '../messaging/catalogue';
import { importPupilRoster, importStaffRoster, type ImportRequest } from '../roster/importRoster';
import { RHYTHM_JOB } from '../scheduling/rhythmJobs';
import { lastEndedTerm, termFor } from '../evaluation/periods';
import { sendOrganisationReport, sendSchoolReport } from '../evaluation/termlyReports';

/**
 * DEMO SEEDING ONLY. Above the demo school: a trust of three schools (the demo primary with its
 * term of history, a secondary with a term of its own, and a junior school that has just joined
 * and has everything still to do), the local authority the primary and the junior school are in,
 * a trust lead and a local authority officer to sign in as, and the termly evaluation of the last
 * term sent to them and to the primary's leads (it waits in Teams until they install the app).
 * Everything is fictional and marked: schools and organisations `isDemo`, addresses .invalid,
 * mobiles in Ofcom's drama range, texts with idempotency keys `demo:`, one `demo.trust` audit event.
 */
export const DEMO_TRUST_NAME = 'Demo Learning Trust (demo data)';
export const DEMO_COUNCIL_NAME = 'Demo County Council (demo data)';
export const DEMO_SECONDARY_NAME = 'Demo High School (demo data)';
export const DEMO_JOINED_NAME = 'Demo Junior School (demo data)';

const demoActor: Actor = { kind: 'SYSTEM', label: 'demo data' };
const HOUR_MS = 3600_000;

const SECONDARY_STAFF = `Name,Email,Role,Job Title
Rachel Adeyemi,r.adeyemi@demo-high.invalid,SENCO,SENCO
Mark Doherty,m.doherty@demo-high.invalid,School Lead,Deputy Head (Inclusion)
Joy Mensah,j.mensah@demo-high.invalid,Admin,Data Manager
Ali Raza,a.raza@demo-high.invalid,Key Teacher,Year 7 Form Tutor
Beth Collins,b.collins@demo-high.invalid,Key Teacher,Year 8 Form Tutor
Chris Evans,c.evans@demo-high.invalid,Key Teacher,Year 9 Form Tutor
Dana Kowalczyk,d.kowalczyk@demo-high.invalid,Key Teacher,Head of Year 10
`;
const TUTORS = ['a.raza', 'b.collins', 'c.evans', 'd.kowalczyk'];
const FIRST = ['Aisha', 'Ben', 'Chloe', 'Dev', 'Emre', 'Fatima', 'Gabriel', 'Hana', 'Isaac', 'Jade', 'Kacper', 'Leah', 'Mohammed', 'Nina', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tia', 'Umar', 'Vlad', 'Will', 'Yasmin'];
const NEEDS = ['SpLD', 'ASD', 'SEMH', 'SLCN', 'MLD', 'HI'];
const LANGUAGES = ['English', 'English', 'Polish', 'Urdu', 'English', 'Romanian'];

function secondaryRegister(): string {
  const rows = FIRST.map((first, i) => {
    const tutor = TUTORS[Math.min(3, Math.floor(i / 6))]!;
    const mobile = `07700 900${String(200 + i).padStart(3, '0')}`;
    return [`DEMOH${String(i + 1).padStart(3, '0')}`, first, `Demo${i + 1}`, `Year ${7 + (i % 5)}`, i % 5 === 0 ? 'EHC Plan' : 'SEN Support', NEEDS[i % NEEDS.length], `${tutor}@demo-high.invalid`, '01/09/2025', `Parent of ${first}`, mobile, i % 3 === 0 ? 'Father' : 'Mother', LANGUAGES[i % LANGUAGES.length], 'Yes'].join(',');
  });
  return `UPN,Forename,Surname,Year,SEN Status,Primary Need,Key Teacher Email,SEN Start Date,Contact 1 Name,Contact 1 Mobile,Contact 1 Relationship,Contact 1 Language,Contact 1 SMS Consent\n${rows.join('\n')}\n`;
}

// The junior school has imported its staff and register, and nothing else: no terms, no SENCO or lead, consent still to collect.
const JOINED_STAFF = `Name,Email,Role,Job Title
Gwen Hart,g.hart@demo-junior.invalid,Admin,Office Manager
Ian Lowe,i.lowe@demo-junior.invalid,Key Teacher,Year 3 Teacher
Kim Shaw,k.shaw@demo-junior.invalid,Key Teacher,Year 5 Teacher
`;
const JOINED_REGISTER = `UPN,Forename,Surname,Year,SEN Status,Primary Need,Key Teacher Email,Contact 1 Name,Contact 1 Mobile,Contact 1 Language,Contact 1 SMS Consent
DEMOJ001,Lily,Brooks,Year 3,SEN Support,SpLD,i.lowe@demo-junior.invalid,Sarah Brooks,07700 900301,English,Yes
DEMOJ002,Max,Hughes,Year 3,SEN Support,SLCN,i.lowe@demo-junior.invalid,Jo Hughes,07700 900302,English,No
DEMOJ003,Zofia,Lis,Year 4,EHC Plan,ASD,i.lowe@demo-junior.invalid,Anna Lis,07700 900303,Polish,No
DEMOJ004,Ayaan,Malik,Year 5,SEN Support,SEMH,k.shaw@demo-junior.invalid,Sana Malik,07700 900304,Urdu,Yes
DEMOJ005,Evie,Ward,Year 6,SEN Support,MLD,k.shaw@demo-junior.invalid,Tom Ward,07700 900305,English,No
DEMOJ006,Ruby,Cole,Year 4,SEN Support,HI,k.shaw@demo-junior.invalid,Nia Cole,07700 900306,English,Yes
`;

export interface DemoTrust {
  trustId: string;
  councilId: string;
  schools: string[];
  members: string[];
  reportOn: string;
}

/** Adds the trust around the demo school just created (demo seeding only; never run on a database with real schools). */
export async function seedDemoTrust(prisma: PrismaClient, clock: Clock, demoSchoolId: string, publicBaseUrl: string): Promise<DemoTrust> {
  const now = clock.now();
  const primary = await prisma.school.findUniqueOrThrow({ where: { id: demoSchoolId }, include: { terms: true, closures: true } });
  const tz = primary.timezone;
  const today = localDate(now, tz);

  const trust = await prisma.organisation.create({ data: { name: DEMO_TRUST_NAME, kind: 'TRUST', isDemo: true } });
  const council = await prisma.organisation.create({ data: { name: DEMO_COUNCIL_NAME, kind: 'LOCAL_AUTHORITY', isDemo: true } });
  const lead = await prisma.organisationMember.create({ data: { organisationId: trust.id, displayName: 'Priya Shah', email: 'p.shah@demo-trust.invalid', jobTitle: 'Director of SEND, Demo Learning Trust', aadObjectId: randomUUID() } });
  const officer = await prisma.organisationMember.create({ data: { organisationId: council.id, displayName: 'Tom Bennett', email: 't.bennett@demo-council.invalid', jobTitle: 'SEND project leader, Demo County Council', aadObjectId: randomUUID() } });
  await prisma.school.update({ where: { id: primary.id }, data: { trustId: trust.id, localAuthorityId: council.id } });

  // The secondary keeps the same calendar as the primary (the trust's), and has a term of history.
  const secondary = await prisma.school.create({
    data: {
      name: DEMO_SECONDARY_NAME,
      isDemo: true,
      contactPhone: '+441632960100',
      contactEmail: 'office@demo-high.invalid',
      widerOutcomes: ['ATTENDANCE', 'BEHAVIOUR'],
      trustId: trust.id,
      terms: { create: primary.terms.map(({ name, startsOn, endsOn }) => ({ name, startsOn, endsOn })) },
      closures: { create: primary.closures.map(({ name, kind, startsOn, endsOn }) => ({ name, kind, startsOn, endsOn })) },
    },
  });
  const joined = await prisma.school.create({ data: { name: DEMO_JOINED_NAME, isDemo: true, contactPhone: '+441632960200', trustId: trust.id, localAuthorityId: council.id } });
  for (const [schoolId, staffCsv, register] of [[secondary.id, SECONDARY_STAFF, secondaryRegister()], [joined.id, JOINED_STAFF, JOINED_REGISTER]] as const) {
    const req: ImportRequest = { prisma, clock, actor: demoActor, schoolId, fileName: 'demo data' };
    const staff = await importStaffRoster(req, staffCsv);
    const pupils = await importPupilRoster(req, register);
    const rejected = [...staff.rejections, ...pupils.rejections];
    if (rejected.length > 0) throw new Error(`The demo trust's rosters have rows the import rejects: ${JSON.stringify(rejected)}`);
  }
  // Two of the junior school's pupils lost their key teacher when she left; one parent's number no longer works.
  await prisma.pupil.updateMany({ where: { schoolId: joined.id, misId: { in: ['DEMOJ005', 'DEMOJ006'] } }, data: { keyTeacherId: null } });
  await prisma.contact.updateMany({ where: { schoolId: joined.id, mobile: '+447700900304' }, data: { unreachableAt: now, unreachableReason: 'demo data: number not in service' } });

  // The evaluation of the last term (this term so far, early in the demo's first school year), as the end of term sends it.
  const terms = primary.terms.map((t) => ({ name: t.name, startsOn: t.startsOn.toISOString().slice(0, 10), endsOn: t.endsOn.toISOString().slice(0, 10) }));
  const reported = lastEndedTerm(terms, today) ?? termFor(terms, today);
  const reportOn = reported && reported.endsOn < today ? reported.endsOn : today;
  // The secondary's term of history is the term reported, so its report has something in every section.
  const history = await seedSecondaryHistory(prisma, clock, secondary.id, secondary.name, tz, {
    from: reported?.startsOn ?? addDays(today, -60),
    until: reported && reported.endsOn < today ? atLocalTime(reported.endsOn, '17:00', tz) : now,
  });

  await sendSchoolReport(prisma, clock, publicBaseUrl, primary, reportOn);
  for (const o of [trust.id, council.id]) await sendOrganisationReport(prisma, clock, publicBaseUrl, o, reportOn, { onlyOnceAllFinished: false });

  await recordAudit(prisma, demoActor, {
    action: 'demo.trust',
    entityType: 'Organisation',
    entityId: trust.id,
    after: { trust: trust.name, council: council.name, schools: [primary.name, secondary.name, joined.name], members: [lead.email, officer.email], ...history, reportOn },
  });
  return { trustId: trust.id, councilId: council.id, schools: [primary.id, secondary.id, joined.id], members: [lead.id, officer.id], reportOn };
}

/**
 * The secondary's term: each pupil's conversation held in the last weeks (most with a parent, most
 * with the pupil taking part), English and maths targets with some progress, the pupil's views,
 * the targets confirmed to the parent by text, and the confidence question answered by most.
 * Written directly, as the demo primary's is; its follow-ups are marked done so nothing is sent.
 */
async function seedSecondaryHistory(prisma: PrismaClient, clock: Clock, schoolId: string, schoolName: string, tz: string, window: { from: string; until: Date }) {
  const now = clock.now();
  const lastDay = localDate(window.until, tz);
  const firstDay = window.from;
  const span = Math.max(2, Math.min(60, (Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000 - 1));
  /** A weekday afternoon `days` before the window's end, within it and before now. */
  const daysAgo = (days: number, hhmm: string): Date => {
    let d = addDays(lastDay, -Math.max(1, Math.round(days)));
    while ([0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay())) d = addDays(d, -1);
    const at = atLocalTime(d < firstDay ? firstDay : d, hhmm, tz);
    return at < window.until ? at : new Date(window.until.getTime() - HOUR_MS);
  };
  const pupils = await prisma.pupil.findMany({ where: { schoolId }, orderBy: { misId: 'asc' }, include: { contacts: { include: { contact: true } } } });
  let held = 0;
  let texts = 0;
  let ratings = 0;
  await prisma.$transaction(
    async (tx) => {
      for (const [i, p] of pupils.entries()) {
        const parent = p.contacts[0]?.contact;
        // Three pupils' conversations are still to be held (booked or overdue): the term is not over.
        if (!parent || i % 8 === 7) continue;
        const heldAt = daysAgo(((i * 37) % span) + 1, '16:00');
        const withParent = i % 5 !== 4;
        const conversation = await tx.structuredConversation.create({
          data: {
            pupilId: p.id,
            keyTeacherId: p.keyTeacherId,
            kind: i % 4 === 0 ? 'INITIAL' : 'REVIEW',
            status: 'HELD',
            dueBy: new Date(`${addDays(localDate(heldAt, tz), i % 6 === 0 ? -3 : 5)}T00:00:00Z`),
            scheduledAt: heldAt,
            heldAt,
            durationMinutes: 40,
            recordState: 'FINAL',
            exploreStrengths: 'Demo data: strengths the parent described',
            focusNotes: 'Demo data: what matters most this term',
            attendees: [...(withParent ? [{ name: parent.displayName, role: 'Parent' }] : []), { name: 'Form tutor', role: 'Key teacher' }],
            pupilInvolvement: i % 3 === 2 ? 'NOT_INVOLVED' : 'TOOK_PART_IN_PART',
            recordedAt: new Date(heldAt.getTime() + HOUR_MS),
            subjectTeachersToldAt: new Date(heldAt.getTime() + 2 * HOUR_MS),
            parentConfirmedAt: new Date(heldAt.getTime() + 3 * HOUR_MS),
            createdAt: new Date(heldAt.getTime() - 14 * 24 * HOUR_MS),
          },
        });
        held += 1;
        const areas: TargetArea[] = ['ENGLISH', 'MATHS'];
        for (const [k, area] of areas.entries()) {
          const target = await tx.target.create({
            data: { pupilId: p.id, conversationId: conversation.id, area, description: `Demo data: a ${area.toLowerCase()} target`, reviewBy: new Date(`${addDays(localDate(heldAt, tz), 42)}T00:00:00Z`), createdAt: new Date(heldAt.getTime() + HOUR_MS) },
          });
          if ((i + k) % 3 !== 0 && heldAt.getTime() + 3 * 24 * HOUR_MS < now.getTime()) {
            const status = (i + k) % 4 === 1 ? 'ACHIEVED' : 'WORKING_TOWARDS';
            const recordedAt = new Date(Math.min(now.getTime() - HOUR_MS, heldAt.getTime() + 3 * 24 * HOUR_MS));
            await tx.progressEntry.create({ data: { targetId: target.id, pupilId: p.id, status, note: 'Demo data', recordedAt } });
            await tx.target.update({ where: { id: target.id }, data: { status, reviewedAt: recordedAt } });
          }
        }
        if (i % 6 !== 5) await tx.pupilView.create({ data: { pupilId: p.id, conversationId: conversation.id, goodAt: 'Demo data', gatheredBy: 'PUPIL_PROFILE', recordedAt: new Date(heldAt.getTime() - 3 * 24 * HOUR_MS) } });
        const language = parent.preferredLanguage;
        const confirmedAt = new Date(Math.min(now.getTime() - HOUR_MS, heldAt.getTime() + 3 * HOUR_MS));
        await tx.message.create({
          data: {
            schoolId, channel: 'SMS', direction: 'OUTBOUND', status: 'DELIVERED', template: 'targets.confirmed', language, contactId: parent.id, pupilId: p.id, conversationId: conversation.id, toAddress: parent.mobile,
            body: renderText('targets.confirmed', language, { areas, nextReview: addDays(localDate(heldAt, tz), 42), school: schoolName, child: p.firstName }, tz),
            idempotencyKey: `demo:high:${p.misId}:targets`, attempts: 1, sentAt: confirmedAt, deliveredAt: confirmedAt, createdAt: confirmedAt, updatedAt: confirmedAt,
          },
        });
        texts += 1;
        // The confidence question went out the day after (its job ran); most parents answered.
        await tx.job.create({ data: { schoolId, kind: RHYTHM_JOB.confidence, dedupeKey: `${RHYTHM_JOB.confidence}:${conversation.id}`, runAt: confirmedAt, status: 'DONE', attempts: 1, subjectId: conversation.id, completedAt: confirmedAt } });
        if (i % 7 !== 6) {
          const answeredAt = new Date(confirmedAt.getTime() + 60_000);
          await tx.message.create({ data: { schoolId, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', body: String(3 + (i % 3)), contactId: parent.id, pupilId: p.id, fromAddress: parent.mobile, idempotencyKey: `demo:high:${p.misId}:confidence`, handledAt: answeredAt, createdAt: answeredAt, updatedAt: answeredAt } });
          await tx.confidenceRating.create({ data: { contactId: parent.id, pupilId: p.id, conversationId: conversation.id, score: 3 + (i % 3), receivedAt: answeredAt } });
          texts += 1;
          ratings += 1;
        }
      }
    },
    { timeout: 60_000 },
  );
  return { secondaryConversationsHeld: held, secondaryTexts: texts, secondaryRatings: ratings };
}
