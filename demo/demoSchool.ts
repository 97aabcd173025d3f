import type { Actor } from '../audit/audit';
import { recordAudit } from '../audit/audit';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';
import { importPupilRoster, importStaffRoster, type ImportRequest } from '../roster/importRoster';
import { seedDemoHistory, type DemoHistory } from './demoHistory';

/**
 * The demo school `npm start` creates on an empty database, so every capability can be tried at
 * once. Everything in it is fictional and marked as such: the school is `isDemo`, emails end in
 * .invalid, mobiles are in Ofcom's drama range (07700 900xxx) and the landline in 01632 960xxx,
 * so nothing can ever reach a real family. Staff and pupils go in through the roster import, as a
 * real school's would; then a term of history up to the clock's now (demoHistory.ts), so the
 * dashboard, the digest and the bot show something at once.
 */
export const DEMO_SCHOOL_NAME = 'Demo Primary School (demo data)';

const demoActor: Actor = { kind: 'SYSTEM', label: 'demo data' };

// England-typical dates for 2026-27: terms, half terms, Christmas and Easter, INSET days. The demo
// moves them by whole weeks (weekdays stay weekdays) to the school year its clock is in.
const TERMS = [
  { season: 'Autumn', startsOn: '2026-09-01', endsOn: '2026-12-18' },
  { season: 'Spring', startsOn: '2027-01-04', endsOn: '2027-03-25' },
  { season: 'Summer', startsOn: '2027-04-12', endsOn: '2027-07-21' },
];

const CLOSURES = [
  { name: 'INSET day', kind: 'TRAINING_DAY', startsOn: '2026-09-01', endsOn: '2026-09-01' },
  { name: 'Autumn half term', kind: 'HOLIDAY', startsOn: '2026-10-26', endsOn: '2026-10-30' },
  { name: 'Christmas holidays', kind: 'HOLIDAY', startsOn: '2026-12-21', endsOn: '2027-01-01' },
  { name: 'INSET day', kind: 'TRAINING_DAY', startsOn: '2027-01-04', endsOn: '2027-01-04' },
  { name: 'Spring half term', kind: 'HOLIDAY', startsOn: '2027-02-15', endsOn: '2027-02-19' },
  { name: 'Easter holidays', kind: 'HOLIDAY', startsOn: '2027-03-26', endsOn: '2027-04-09' },
  { name: 'Early May bank holiday', kind: 'HOLIDAY', startsOn: '2027-05-03', endsOn: '2027-05-03' },
  { name: 'Summer half term', kind: 'HOLIDAY', startsOn: '2027-05-31', endsOn: '2027-06-04' },
] as const;

/**
 * Each demo member of staff has a Teams user id the Bot Framework Emulator can send as (its
 * Settings: "Use your own user ID to communicate with the bot"), so the bot recognises an
 * Emulator user as that teacher (README, "Try it"). Real staff get theirs from Teams.
 */
export const DEMO_TEAMS_USER_IDS = {
  'h.carter@demo.school.invalid': 'demo-helen-carter',
  'd.osei@demo.school.invalid': 'demo-david-osei',
  'f.walsh@demo.school.invalid': 'demo-fiona-walsh',
  's.patel@demo.school.invalid': 'demo-sam-patel',
  'g.lee@demo.school.invalid': 'demo-grace-lee',
  'o.price@demo.school.invalid': 'demo-owen-price',
  'm.zielinska@demo.school.invalid': 'demo-marta-zielinska',
} as const;

const STAFF = [
  ['Helen Carter', 'h.carter@demo.school.invalid', 'SENCO', 'SENCO'],
  ['David Osei', 'd.osei@demo.school.invalid', 'School Lead', 'Head Teacher'],
  ['Fiona Walsh', 'f.walsh@demo.school.invalid', 'Admin', 'School Business Manager'],
  ['Sam Patel', 's.patel@demo.school.invalid', 'Key Teacher', 'Year 1 Class Teacher'],
  ['Grace Lee', 'g.lee@demo.school.invalid', 'Key Teacher', 'Year 3 Class Teacher'],
  ['Owen Price', 'o.price@demo.school.invalid', 'Key Teacher', 'Year 5 Class Teacher'],
  ['Marta Zielinska', 'm.zielinska@demo.school.invalid', 'Teacher', 'Music Teacher'],
] as const;

const STAFF_CSV = `Name,Email,Role,Job Title,Teams User Id
${STAFF.map(([name, email, role, title]) => `${name},${email},${role},${title},${DEMO_TEAMS_USER_IDS[email]}`).join('\n')}
`;

// Nadia Hussain is the mother of two pupils; Jayden is looked after (foster carer and social worker).
const PUPILS_CSV = `UPN,Forename,Surname,Year,SEN Status,Primary Need,Looked After,Key Teacher Email,SEN Start Date,Contact 1 Name,Contact 1 Mobile,Contact 1 Relationship,Contact 1 Language,Contact 1 SMS Consent,Contact 2 Name,Contact 2 Mobile,Contact 2 Relationship,Contact 2 Language,Contact 2 SMS Consent
DEMO0001,Amir,Hussain,Reception,SEN Support,SLCN,No,s.patel@demo.school.invalid,03/09/2026,Nadia Hussain,07700 900011,Mother,Urdu,Yes,Tariq Hussain,07700 900012,Father,English,Yes
DEMO0002,Zara,Hussain,Year 3,SEN Support,SpLD,No,g.lee@demo.school.invalid,15/01/2025,Nadia Hussain,07700 900011,Mother,Urdu,Yes,,,,,
DEMO0003,Oliwia,Nowak,Year 1,EHC Plan,ASD,No,s.patel@demo.school.invalid,12/05/2025,Katarzyna Nowak,07700 900013,Mother,Polish,Yes,,,,,
DEMO0004,Jayden,Clarke,Year 5,SEN Support,SEMH,Yes,o.price@demo.school.invalid,10/10/2024,Karen Lewis,07700 900014,Foster carer,English,Yes,Mark Ellis,07700 900015,Social worker,English,No
DEMO0005,Ioana,Popescu,Year 4,SEN Support,MLD,No,g.lee@demo.school.invalid,02/03/2026,Elena Popescu,07700 900016,Mother,Romanian,Yes,,,,,
DEMO0006,Ellie,Turner,Year 6,EHC Plan,HI,No,o.price@demo.school.invalid,20/09/2023,Claire Turner,07700 900017,Mother,English,Yes,,,,,
DEMO0007,Noah,Williams,Year 2,SEN Support,PD,No,s.patel@demo.school.invalid,08/06/2025,Ben Williams,07700 900018,Father,English,Yes,,,,,
DEMO0008,Ruby,Ahmed,Year 5,EHC Plan,VI,No,h.carter@demo.school.invalid,11/11/2024,Farah Ahmed,07700 900019,Mother,Urdu,Yes,Yusuf Ahmed,07700 900020,Grandfather,Urdu,No
`;

const DAY_MS = 24 * 3600_000;

/** Whole weeks from the 2026-27 school year to the one `now` is in (from September, the new one). */
function weeksToSchoolYearOf(now: Date): number {
  const year = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return Math.round((Date.UTC(year, 8, 1) - Date.UTC(2026, 8, 1)) / (7 * DAY_MS));
}

export type DemoSeed = { created: false } | { created: true; schoolId: string; staff: number; pupils: number; history: DemoHistory };

/** Creates the demo school if, and only if, the database holds no school at all. */
export async function seedDemoSchool(prisma: PrismaClient, clock: Clock): Promise<DemoSeed> {
  const shift = weeksToSchoolYearOf(clock.now()) * 7 * DAY_MS;
  const day = (iso: string): Date => new Date(new Date(`${iso}T00:00:00Z`).getTime() + shift);
  const schoolId = await prisma.$transaction(async (tx) => {
    // Two instances starting together on an empty database must not both seed it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('demo-school'))`;
    if ((await tx.school.count()) > 0) return undefined;
    const school = await tx.school.create({
      data: {
        name: DEMO_SCHOOL_NAME,
        isDemo: true,
        contactPhone: '+441632960000',
        contactEmail: 'office@demo.school.invalid',
        widerOutcomes: ['ATTENDANCE', 'PARTICIPATION'],
        terms: { create: TERMS.map((t) => ({ name: `${t.season} ${day(t.startsOn).getUTCFullYear()}`, startsOn: day(t.startsOn), endsOn: day(t.endsOn) })) },
        closures: { create: CLOSURES.map((c) => ({ name: c.name, kind: c.kind, startsOn: day(c.startsOn), endsOn: day(c.endsOn) })) },
      },
    });
    await recordAudit(tx, demoActor, { schoolId: school.id, action: 'school.create', entityType: 'School', entityId: school.id, after: { name: school.name, isDemo: true } });
    return school.id;
  });
  if (!schoolId) return { created: false };

  const req: ImportRequest = { prisma, clock, actor: demoActor, schoolId, fileName: 'demo data' };
  const staff = await importStaffRoster(req, STAFF_CSV);
  const pupils = await importPupilRoster(req, PUPILS_CSV);
  const rejected = [...staff.rejections, ...pupils.rejections];
  if (rejected.length > 0) throw new Error(`The demo roster has rows the import rejects: ${JSON.stringify(rejected)}`);
  const history = await seedDemoHistory(prisma, clock, schoolId);
  return { created: true, schoolId, staff: staff.imported, pupils: pupils.imported, history };
}
