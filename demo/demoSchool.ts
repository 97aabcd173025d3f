import { readFileSync } from 'node:fs';
import path from 'node:path';
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

// The demo's staff list and register are the README's sample files, so importing the samples into
// the demo changes nothing. Each member of staff has a Teams user id the Bot Framework Emulator can
// send as (README, "Try it"); real staff get theirs from Teams. Nadia Hussain is the mother of two pupils; Jayden is looked after
// (foster carer and social worker).
const SAMPLES = path.resolve(__dirname, '../roster/samples');
const sample = (file: string): string => readFileSync(path.join(SAMPLES, file), 'utf8');

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
  const staff = await importStaffRoster(req, sample('staff.csv'));
  const pupils = await importPupilRoster(req, sample('pupils.csv'));
  const rejected = [...staff.rejections, ...pupils.rejections];
  if (rejected.length > 0) throw new Error(`The demo roster has rows the import rejects: ${JSON.stringify(rejected)}`);
  const history = await seedDemoHistory(prisma, clock, schoolId);
  return { created: true, schoolId, staff: staff.imported, pupils: pupils.imported, history };
}
