import type { Pool } from 'pg';

/**
 * A multi-academy trust at full size, written straight into the product's tables with a few
 * set-based INSERTs (seconds, where the roster import would take minutes): schools with their
 * terms, staff, SEN register, parents, and one term's history per pupil. Every pupil had a review
 * conversation held in the last three school weeks (spread evenly over those 15 days, so a fifteenth
 * of the parents are due their three-weekly progress update on any one day), with two targets,
 * progress noted since, the pupil's views and a text exchanged with each parent. Fictional numbers
 * (+4474...), never sent to.
 */
export interface TrustShape {
  /** Pupils per school, in order: the trust's secondaries and primaries. */
  schoolSizes: number[];
  /** One key teacher per this many pupils (plus a SENCO, a school lead and an admin per school). */
  pupilsPerKeyTeacher: number;
  /** Every pupil has a mother on record; all but every n-th pupil a second parent too. */
  noSecondParentEvery: number;
}

/** 50 schools, 25,000 pupils, 45,000 parents: ten 1,500-pupil secondaries and forty 250-pupil primaries. */
export const LARGE_TRUST: TrustShape = {
  schoolSizes: [...Array<number>(10).fill(1_500), ...Array<number>(40).fill(250)],
  pupilsPerKeyTeacher: 15,
  noSecondParentEvery: 5,
};

/**
 * A slice of the country for the planner at scale (the `scale` section): 500 schools of 500
 * pupils on the SEN register, 250,000 pupils and 450,000 parents, about one school in fifty of
 * England's 24,000 and a seventh of its pupils with SEN.
 */
export const NATION_SLICE: TrustShape = {
  schoolSizes: Array<number>(500).fill(500),
  pupilsPerKeyTeacher: 15,
  noSecondParentEvery: 5,
};

export interface TrustFigures {
  schools: number;
  staff: number;
  pupils: number;
  contacts: number;
  rows: number;
}

/** The 15 school days (weekdays; the bench's terms have no closures) before `today`, oldest first. */
export function schoolDaysBefore(today: string, n: number): string[] {
  const days: string[] = [];
  for (let d = new Date(`${today}T00:00:00Z`); days.length < n; ) {
    d = new Date(d.getTime() - 86_400_000);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.unshift(d.toISOString().slice(0, 10));
  }
  return days;
}

export const TERMS = [
  { name: 'Autumn 2026', startsOn: '2026-09-03', endsOn: '2026-12-18' },
  { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
];

/** Seeds the trust into an empty, migrated database; `today` is the school-local date the bench runs on. */
export async function seedTrust(pool: Pool, shape: TrustShape, today: string): Promise<TrustFigures> {
  const heldDays = schoolDaysBefore(today, 15);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE b_school ON COMMIT DROP AS
         SELECT n, gen_random_uuid() AS id, size, (sum(size) OVER (ORDER BY n) - size)::int AS first,
                ceil(size::numeric / $2)::int AS teachers
           FROM unnest($1::int[]) WITH ORDINALITY AS s(size, n)`,
      [shape.schoolSizes, shape.pupilsPerKeyTeacher],
    );
    await client.query(`INSERT INTO "School" ("id", "name", "contactPhone") SELECT id, 'Trust school ' || n, '+441632960' || lpad(n::text, 3, '0') FROM b_school`);
    for (const t of TERMS) {
      await client.query(`INSERT INTO "SchoolTerm" ("schoolId", "name", "startsOn", "endsOn") SELECT id, $1, $2::date, $3::date FROM b_school`, [t.name, t.startsOn, t.endsOn]);
    }
    await client.query(
      `CREATE TEMP TABLE b_teacher ON COMMIT DROP AS
         SELECT s.id AS school_id, s.n, k, gen_random_uuid() AS id FROM b_school s, generate_series(0, s.teachers - 1) k`,
    );
    await client.query(
      `INSERT INTO "Staff" ("id", "schoolId", "displayName", "email", "roles", "aadObjectId")
         SELECT id, school_id, 'Teacher ' || k, 'teacher' || k || '.s' || n || '@trust.example', ARRAY['KEY_TEACHER']::"StaffRole"[], gen_random_uuid() FROM b_teacher`,
    );
    await client.query(
      `INSERT INTO "Staff" ("schoolId", "displayName", "email", "roles", "aadObjectId")
         SELECT s.id, r.name, lower(r.role) || '.s' || s.n || '@trust.example', ARRAY[r.role]::"StaffRole"[], gen_random_uuid()
           FROM b_school s, (VALUES ('SENCO', 'The SENCO'), ('SCHOOL_LEAD', 'The head'), ('ADMIN', 'The office')) r(role, name)`,
    );
    await client.query(
      `CREATE TEMP TABLE b_pupil ON COMMIT DROP AS
         SELECT s.id AS school_id, s.first + j AS i, j, gen_random_uuid() AS id, t.id AS teacher_id,
                (($1::date[])[1 + (s.first + j) % 15] + time '15:30') AT TIME ZONE 'Europe/London' AS held_at
           FROM b_school s
           CROSS JOIN generate_series(0, s.size - 1) j
           JOIN b_teacher t ON t.school_id = s.id AND t.k = j % s.teachers`,
      [heldDays],
    );
    await client.query(
      `INSERT INTO "Pupil" ("id", "schoolId", "misId", "firstName", "lastName", "yearGroup", "senStatus", "primaryNeed", "keyTeacherId", "onRegisterSince")
         SELECT id, school_id, 'U' || lpad(i::text, 6, '0'), 'Pupil' || i, 'Family' || i, 1 + i % 11,
                (CASE WHEN i % 4 = 0 THEN 'EHC_PLAN' ELSE 'SEN_SUPPORT' END)::"SenStatus",
                (ARRAY['SPLD', 'MLD', 'SEMH', 'SLCN', 'ASD', 'HI', 'VI', 'PD', 'OTHER'])[1 + i % 9]::"PrimaryNeed",
                teacher_id, date '2025-09-01'
           FROM b_pupil`,
    );
    await client.query(
      `CREATE TEMP TABLE b_contact ON COMMIT DROP AS
         SELECT p.school_id, p.id AS pupil_id, p.i, gen_random_uuid() AS id, parent,
                '+4474' || lpad((2 * p.i + parent)::text, 8, '0') AS mobile
           FROM b_pupil p CROSS JOIN generate_series(0, 1) parent
          WHERE parent = 0 OR p.i % $1 <> 0`,
      [shape.noSecondParentEvery],
    );
    await client.query(
      `INSERT INTO "Contact" ("id", "schoolId", "displayName", "mobile", "smsConsent", "smsConsentAt", "smsConsentMethod")
         SELECT id, school_id, (CASE parent WHEN 0 THEN 'Mother ' ELSE 'Father ' END) || i, mobile, true, timestamptz '2025-09-01', 'ADMISSION_FORM' FROM b_contact`,
    );
    await client.query(
      `INSERT INTO "PupilContact" ("pupilId", "contactId", "relationship", "priority")
         SELECT pupil_id, id, (CASE parent WHEN 0 THEN 'MOTHER' ELSE 'FATHER' END)::"Relationship", 1 + parent FROM b_contact`,
    );
    // The term's conversation, held and recorded, its outcome shared with colleagues and confirmed with the parents.
    await client.query(
      `CREATE TEMP TABLE b_conversation ON COMMIT DROP AS SELECT p.*, gen_random_uuid() AS conversation_id FROM b_pupil p`,
    );
    await client.query(
      `INSERT INTO "StructuredConversation" ("id", "pupilId", "keyTeacherId", "kind", "status", "dueBy", "scheduledAt", "heldAt", "recordState", "recordedAt", "subjectTeachersToldAt", "parentConfirmedAt", "createdAt")
         SELECT conversation_id, id, teacher_id, 'REVIEW', 'HELD', held_at::date, held_at, held_at, 'FINAL', held_at + interval '1 hour',
                held_at + interval '1 day', held_at + interval '1 day', held_at - interval '14 days'
           FROM b_conversation`,
    );
    // Two targets each, reviews spread over the rest of the term; progress noted on each since the conversation.
    await client.query(
      `CREATE TEMP TABLE b_target ON COMMIT DROP AS
         SELECT c.*, t, gen_random_uuid() AS target_id FROM b_conversation c CROSS JOIN generate_series(0, 1) t`,
    );
    await client.query(
      `INSERT INTO "Target" ("id", "pupilId", "conversationId", "area", "description", "reviewBy", "status", "createdAt")
         SELECT target_id, id, conversation_id, (CASE t WHEN 0 THEN 'ENGLISH' ELSE 'MATHS' END)::"TargetArea",
                'Reads a short passage aloud each week', $1::date + ((2 * i + t) % 24), 'WORKING_TOWARDS', held_at
           FROM b_target`,
      [today],
    );
    await client.query(
      `INSERT INTO "ProgressEntry" ("targetId", "pupilId", "status", "note", "recordedAt")
         SELECT target_id, id, (CASE WHEN (i + t) % 4 = 0 THEN 'ACHIEVED' ELSE 'WORKING_TOWARDS' END)::"TargetStatus", 'Good week', held_at + interval '1 day'
           FROM b_target`,
    );
    // Parents were asked how confident they feel the day after each record; today's ask is for yesterday's.
    await client.query(
      `INSERT INTO "Job" ("kind", "dedupeKey", "payload", "runAt", "schoolId", "subjectId", "status", "attempts", "completedAt", "updatedAt")
         SELECT 'confidence.check', 'confidence.check:' || conversation_id, jsonb_build_object('conversationId', conversation_id, 'pupilId', id),
                held_at + interval '1 day', school_id, conversation_id, 'DONE', 1, held_at + interval '1 day', held_at + interval '1 day'
           FROM b_conversation WHERE held_at::date < ($1::date[])[15]`,
      [heldDays],
    );
    await client.query(`INSERT INTO "PupilView" ("pupilId", "goodAt", "recordedAt") SELECT id, 'Drawing', held_at - interval '2 days' FROM b_pupil`);
    // Each parent had the last round's update; one in five answered it.
    await client.query(
      `INSERT INTO "Message" ("schoolId", "channel", "direction", "status", "template", "language", "body", "segments", "encoding", "contactId", "pupilId", "toAddress", "providerId", "sentAt", "deliveredAt", "createdAt", "updatedAt")
         SELECT c.school_id, 'SMS', 'OUTBOUND', 'DELIVERED', 'progress.update', 'en', 'News about your child', 1, 'GSM-7', c.id, c.pupil_id, c.mobile,
                'SM' || md5(c.id::text), p.held_at - interval '20 days', p.held_at - interval '20 days', p.held_at - interval '20 days', p.held_at - interval '20 days'
           FROM b_contact c JOIN b_pupil p ON p.id = c.pupil_id`,
    );
    await client.query(
      `INSERT INTO "Message" ("schoolId", "channel", "direction", "status", "body", "contactId", "pupilId", "fromAddress", "handledAt", "createdAt", "updatedAt")
         SELECT c.school_id, 'SMS', 'INBOUND', 'RECEIVED', 'Thank you, he enjoyed it', c.id, c.pupil_id, c.mobile,
                p.held_at - interval '19 days', p.held_at - interval '19 days', p.held_at - interval '19 days'
           FROM b_contact c JOIN b_pupil p ON p.id = c.pupil_id WHERE c.i % 5 = 1`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const { rows } = await client.query<TrustFigures>(
      `SELECT (SELECT count(*) FROM "School")::int AS schools, (SELECT count(*) FROM "Staff")::int AS staff,
              (SELECT count(*) FROM "Pupil")::int AS pupils, (SELECT count(*) FROM "Contact")::int AS contacts,
              (SELECT sum(n_live_tup) FROM pg_stat_user_tables)::int AS rows`,
    );
    return rows[0]!;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
