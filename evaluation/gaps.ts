import type { PrismaClient } from '../db/database';
import { CORE_SUBJECTS } from '../assessment/subjects';
import { localDate } from '../domain/schoolCalendar';
import { MANAGEABLE_PUPILS_PER_KEY_TEACHER } from '../digest/figures';
import { SMALL_NUMBER, SUPPRESSED_TEXT } from './suppression';

/**
 * The gap analysis a school and its trust or local authority work through when it joins (the
 * programme's first step, 000:537-554): what is missing before the rhythm can run. Pure
 * checklist over counts (one query each for any number of schools); the school's leads see the
 * numbers, an organisation sees "fewer than 5" for a count of pupils or parents from 1 to 4 (the
 * point of the list is whether each thing is done, so none shows as done).
 */
export interface GapFacts {
  termsAhead: number;
  closures: number;
  activeStaff: number;
  sencos: number;
  schoolLeads: number;
  admins: number;
  /** School leads and SENCOs (the digest's readers) who have the app installed in Teams. */
  digestReadersInTeams: number;
  keyTeachers: number;
  keyTeachersNotInTeams: number;
  keyTeachersOverFive: number;
  pupilsOnRegister: number;
  pupilsWithoutKeyTeacher: number;
  /** Pupils on the register with no parent or carer who may be texted (consent, a working number, not opted out). */
  pupilsNoParentToText: number;
  parents: number;
  parentsWithoutConsent: number;
  parentsOptedOut: number;
  parentsNumberNotWorking: number;
  widerOutcomesChosen: number;
  /** Of reading, writing and maths, how many have an assessment scheme chosen. */
  coreSubjectsAssessed: number;
}

export interface GapItem {
  id: string;
  label: string;
  done: boolean;
  /** What is left to do, in words ("12 pupils", "fewer than 5 parents"). */
  detail: string;
  /** Who can put it right. */
  fix: string;
}

const people = (n: number, what: string, suppress: boolean): string => (suppress && n > 0 && n < SMALL_NUMBER ? `${SUPPRESSED_TEXT} ${what}` : `${n} ${what}`);

export function gapChecklist(f: GapFacts, suppress: boolean): GapItem[] {
  const item = (id: string, label: string, done: boolean, detail: string, fix: string): GapItem => ({ id, label, done, detail: done ? 'Done' : detail, fix });
  return [
    item('terms', 'Terms entered for the rest of the year', f.termsAhead > 0, 'No term today or ahead: nothing can be planned', 'An admin or the SENCO enters the terms (or adopts the trust\'s or local authority\'s calendar).'),
    item('closures', 'Holidays and training days entered', f.closures > 0, 'No holidays entered: parents could be texted in the holidays', 'An admin or the SENCO enters them with the terms.'),
    item('staff', 'Staff list imported', f.activeStaff > 0, 'No staff yet', 'An admin imports the staff list from the MIS.'),
    item('senco', 'A SENCO named', f.sencos > 0, 'No one has the SENCO role: escalations go to the school leads', 'Give the SENCO the role in the staff list.'),
    item('digestReaders', 'A school lead or SENCO receives the weekly digest in Teams', f.digestReadersInTeams > 0, f.schoolLeads + f.sencos === 0 ? 'No school lead or SENCO named' : 'None of them has the app installed in Teams yet', 'The school lead and SENCO install the app in Teams.'),
    item('admin', 'An admin named', f.admins > 0, 'No admin: no one is told when someone cannot be reached in Teams', 'Give an admin the role in the staff list.'),
    item('register', 'SEN register imported', f.pupilsOnRegister > 0, 'No pupils on the register yet', 'An admin or the SENCO imports the SEN register from the MIS.'),
    item('keyTeacher', 'Every pupil has a key teacher', f.pupilsOnRegister > 0 && f.pupilsWithoutKeyTeacher === 0, people(f.pupilsWithoutKeyTeacher, 'pupils without a key teacher', suppress), 'Name a key teacher for each pupil in the register import.'),
    item('keyTeachersInTeams', 'Key teachers have the app in Teams', f.keyTeachers > 0 && f.keyTeachersNotInTeams === 0, f.keyTeachers === 0 ? 'No key teachers yet' : `${f.keyTeachersNotInTeams} key teachers without the app: their reminders wait`, 'Add the app for them (Teams admin centre, setup policies).'),
    item('manageable', `No key teacher has more than ${MANAGEABLE_PUPILS_PER_KEY_TEACHER} pupils`, f.keyTeachersOverFive === 0, `${f.keyTeachersOverFive} key teachers with more than ${MANAGEABLE_PUPILS_PER_KEY_TEACHER}`, 'Share the pupils among more key teachers (001:636).'),
    item('parentToText', 'Every pupil has a parent or carer who can be texted', f.pupilsOnRegister > 0 && f.pupilsNoParentToText === 0, people(f.pupilsNoParentToText, 'pupils with no parent to text (consent, a working number)', suppress), 'Record consent and mobile numbers in the MIS, then import the register again.'),
    item('consent', 'Every parent has agreed to texts', f.parents > 0 && f.parentsWithoutConsent === 0, people(f.parentsWithoutConsent, 'parents without consent recorded', suppress), 'Ask at the next contact and record it in the MIS.'),
    item('numbers', 'Every parent\'s number works', f.parentsNumberNotWorking === 0, people(f.parentsNumberNotWorking, 'numbers not working', suppress), 'Ask the family for a new number.'),
    item('optedOut', 'No parent has opted out of texts', f.parentsOptedOut === 0, people(f.parentsOptedOut, 'parents opted out', suppress), 'Reach them another way; they may text START to hear again.'),
    item('schemes', 'Reading, writing and maths each assessed in a scheme', f.coreSubjectsAssessed === CORE_SUBJECTS.length, `${f.coreSubjectsAssessed} of ${CORE_SUBJECTS.length} chosen: progress cannot be shown without them`, "An admin or the SENCO chooses a scheme for each (or adopts the trust's or local authority's)."),
    item('widerOutcomes', 'Two wider outcomes chosen', f.widerOutcomesChosen === 2, `${f.widerOutcomesChosen} of 2 chosen`, 'An admin or the SENCO chooses two of attendance, behaviour, bullying, relationships and participation (000:1251-1260).'),
  ];
}

/** The counts behind the checklist, for any number of schools, in a fixed number of statements. */
export async function loadGapFacts(db: PrismaClient, schoolIds: string[], now: Date): Promise<Map<string, GapFacts>> {
  const schools = await db.school.findMany({ where: { id: { in: schoolIds } }, select: { id: true, timezone: true, widerOutcomes: true } });
  const today = new Map(schools.map((s) => [s.id, localDate(now, s.timezone)]));
  const ids = schools.map((s) => s.id);
  const todays = ids.map((id) => today.get(id)!);
  type Row = { schoolId: string } & Record<string, number>;
  const [calendar, staff, pupils, parents] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT s.id AS "schoolId",
             (SELECT count(*) FROM "SchoolTerm" t WHERE t."schoolId" = s.id AND t."endsOn" >= d.today)::int AS "termsAhead",
             (SELECT count(*) FROM "SchoolClosure" c WHERE c."schoolId" = s.id)::int AS "closures",
             (SELECT count(*) FROM "AssessmentSubject" a WHERE a."schoolId" = s.id AND a.key = ANY(${CORE_SUBJECTS.map((c) => c.key)}::text[]))::int AS "coreSubjectsAssessed"
        FROM "School" s JOIN unnest(${ids}::uuid[], ${todays}::date[]) AS d(id, today) ON d.id = s.id`,
    db.$queryRaw<Row[]>`
      SELECT st."schoolId",
             count(*)::int AS "activeStaff",
             count(*) FILTER (WHERE 'SENCO' = ANY(st.roles))::int AS "sencos",
             count(*) FILTER (WHERE 'SCHOOL_LEAD' = ANY(st.roles))::int AS "schoolLeads",
             count(*) FILTER (WHERE 'ADMIN' = ANY(st.roles))::int AS "admins",
             count(*) FILTER (WHERE (st.roles && ARRAY['SENCO','SCHOOL_LEAD']::"StaffRole"[]) AND r.id IS NOT NULL AND r."uninstalledAt" IS NULL)::int AS "digestReadersInTeams",
             count(*) FILTER (WHERE k.pupils > 0 OR 'KEY_TEACHER' = ANY(st.roles))::int AS "keyTeachers",
             count(*) FILTER (WHERE (k.pupils > 0 OR 'KEY_TEACHER' = ANY(st.roles)) AND (r.id IS NULL OR r."uninstalledAt" IS NOT NULL))::int AS "keyTeachersNotInTeams",
             count(*) FILTER (WHERE k.pupils > ${MANAGEABLE_PUPILS_PER_KEY_TEACHER})::int AS "keyTeachersOverFive"
        FROM "Staff" st
        LEFT JOIN "TeamsConversationReference" r ON r."staffId" = st.id
        LEFT JOIN LATERAL (SELECT count(*) AS pupils FROM "Pupil" p WHERE p."keyTeacherId" = st.id AND p."archivedAt" IS NULL AND p."senStatus" <> 'NOT_ON_REGISTER') k ON true
       WHERE st."schoolId" = ANY(${ids}::uuid[]) AND st.active
       GROUP BY st."schoolId"`,
    db.$queryRaw<Row[]>`
      SELECT p."schoolId",
             count(*)::int AS "pupilsOnRegister",
             count(*) FILTER (WHERE p."keyTeacherId" IS NULL)::int AS "pupilsWithoutKeyTeacher",
             count(*) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM "PupilContact" pc JOIN "Contact" c ON c.id = pc."contactId"
                WHERE pc."pupilId" = p.id AND c."smsConsent" AND c."optedOutAt" IS NULL AND c."unreachableAt" IS NULL AND c."anonymisedAt" IS NULL))::int AS "pupilsNoParentToText"
        FROM "Pupil" p
       WHERE p."schoolId" = ANY(${ids}::uuid[]) AND p."archivedAt" IS NULL AND p."senStatus" <> 'NOT_ON_REGISTER'
       GROUP BY p."schoolId"`,
    db.$queryRaw<Row[]>`
      SELECT c."schoolId",
             count(*)::int AS "parents",
             count(*) FILTER (WHERE NOT c."smsConsent")::int AS "parentsWithoutConsent",
             count(*) FILTER (WHERE c."optedOutAt" IS NOT NULL)::int AS "parentsOptedOut",
             count(*) FILTER (WHERE c."unreachableAt" IS NOT NULL)::int AS "parentsNumberNotWorking"
        FROM "Contact" c
       WHERE c."schoolId" = ANY(${ids}::uuid[]) AND c."anonymisedAt" IS NULL
         AND EXISTS (SELECT 1 FROM "PupilContact" pc JOIN "Pupil" p ON p.id = pc."pupilId"
                      WHERE pc."contactId" = c.id AND p."archivedAt" IS NULL AND p."senStatus" <> 'NOT_ON_REGISTER')
       GROUP BY c."schoolId"`,
  ]);
  const row = (rows: Row[], id: string): Record<string, number> => rows.find((r) => r.schoolId === id) ?? {};
  const zero: Omit<GapFacts, 'widerOutcomesChosen'> = {
    termsAhead: 0, closures: 0, coreSubjectsAssessed: 0, activeStaff: 0, sencos: 0, schoolLeads: 0, admins: 0, digestReadersInTeams: 0, keyTeachers: 0, keyTeachersNotInTeams: 0,
    keyTeachersOverFive: 0, pupilsOnRegister: 0, pupilsWithoutKeyTeacher: 0, pupilsNoParentToText: 0, parents: 0, parentsWithoutConsent: 0, parentsOptedOut: 0, parentsNumberNotWorking: 0,
  };
  return new Map(
    schools.map((s) => {
      const { schoolId: _c, ...c } = row(calendar, s.id);
      const { schoolId: _s, ...st } = row(staff, s.id);
      const { schoolId: _p, ...p } = row(pupils, s.id);
      const { schoolId: _q, ...q } = row(parents, s.id);
      return [s.id, { ...zero, ...c, ...st, ...p, ...q, widerOutcomesChosen: s.widerOutcomes.length }];
    }),
  );
}
