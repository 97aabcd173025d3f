import { z } from 'zod';

/**
 * Wonde's documented response shapes as zod schemas, one source for the client's types and its
 * validation (where each shape comes from: the comment at the top of ./client.ts). Objects are
 * loose: Wonde documents many more fields than we read, and a field it adds must not make a record
 * malformed. A property outside the app's approved scopes comes back null, so almost everything
 * is nullable; what makes a record malformed is its structure (no id, a date that is not Wonde's
 * date object, an include that is not wrapped in `data`).
 */
const text = z.string().nullish();
const flag = z.boolean().nullish();

/** Wonde's dates: `{ "date": "2016-04-05 00:00:00.000000", "timezone_type": 3, "timezone": "UTC" }`. */
export const wondeDate = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'not a Wonde date'), timezone_type: z.number().nullish(), timezone: z.string().nullish() });
export type WondeDate = z.infer<typeof wondeDate>;
const date = wondeDate.nullish();

/** Every include arrives wrapped: `"year": { "data": { ... } }`, `"contacts": { "data": [ ... ] }`. */
const included = <T extends z.ZodType>(schema: T) => z.object({ data: schema }).nullish();

export const pagination = z.object({
  next: z.string().nullable(),
  previous: z.string().nullish(),
  more: z.boolean(),
  // The documentation's own example writes per_page as a string ("2") and current_page as a number.
  per_page: z.union([z.string(), z.number()]),
  current_page: z.union([z.number(), z.string()]),
});

/** A list: the records are validated one by one (./client.ts), so one malformed record does not lose the page. */
export const listEnvelope = z.object({
  data: z.array(z.unknown()),
  meta: z.looseObject({ pagination: pagination.nullish(), includes: z.array(z.string()).nullish() }).nullish(),
});
export const singleEnvelope = z.object({ data: z.unknown() });

const person = {
  id: z.string().min(1),
  upi: text,
  mis_id: text,
  initials: text,
  title: text,
  surname: text,
  forename: text,
  middle_names: text,
  legal_surname: text,
  legal_forename: text,
  gender: text,
  date_of_birth: date,
  restored_at: date,
  created_at: date,
  updated_at: date,
};

export const contactDetails = z.looseObject({
  phones: z.looseObject({ phone: text, primary: text, home: text, work: text, mobile: text }).nullish(),
  emails: z.looseObject({ email: text, primary: text, home: text, work: text }).nullish(),
  salutation: text,
});

/** A contact's link to a student, as the student's `contacts` include gives it. */
export const relationship = z.looseObject({
  relationship: text,
  priority: z.union([z.number(), z.string()]).nullish(),
  parental_responsibility: flag,
  bill_payer: flag,
  lives_with_pupil: flag,
  email_bills: flag,
  copy_bills: flag,
  court_order: flag,
  pupil_report: flag,
});

const reference = z.looseObject({ id: z.string().min(1) });

export const contact = z.looseObject({
  ...person,
  relationship: relationship.nullish(),
  contact_details: included(contactDetails),
  students: included(z.array(reference)),
});
export type WondeContact = z.infer<typeof contact>;

export const group = z.looseObject({
  id: z.string().min(1),
  mis_id: text,
  name: text,
  code: text,
  /** REGISTRATION (a form or class register), YEAR, HOUSE, ... */
  type: text,
  description: text,
  created_at: date,
  updated_at: date,
  employees: included(z.array(reference)),
  students: included(z.array(reference)),
});
export type WondeGroup = z.infer<typeof group>;

export const teachingClass = z.looseObject({
  id: z.string().min(1),
  mis_id: text,
  name: text,
  code: text,
  description: text,
  created_at: date,
  updated_at: date,
  employees: included(z.array(reference)),
  students: included(z.array(reference)),
});
export type WondeClass = z.infer<typeof teachingClass>;

// The evidence records (attendance, behaviour, achievements, exclusions, assessment results): the
// school-wide lists (./client.ts) and, as the sync reads them, a kept pupil's own through the
// student's includes. Which fields are documented and which reconstructed: ./client.ts.
/** Another record, by its Wonde id or as a reference. */
const link = z.union([z.string(), reference]).nullish();

/** A student's attendance over the school year to date (the MIS's summary: sessions, or "marks", possible and present). */
export const attendanceSummary = z.looseObject({
  id: text,
  student: link,
  possible_marks: z.union([z.number(), z.string()]).nullish(),
  present: z.union([z.number(), z.string()]).nullish(),
  authorised_absence: z.union([z.number(), z.string()]).nullish(),
  unauthorised_absence: z.union([z.number(), z.string()]).nullish(),
  late_before_registers_closed: z.union([z.number(), z.string()]).nullish(),
});
export type WondeAttendanceSummary = z.infer<typeof attendanceSummary>;
/** `type` is the MIS's code for the kind of incident; `incident` and `comment` are descriptions, never stored. */
export const behaviour = z.looseObject({ id: z.string().min(1), incident: text, type: text, comment: text, date: date, students: included(z.array(reference)) });
export const achievement = z.looseObject({ id: z.string().min(1), type: text, comment: text, date: date, points: z.union([z.number(), z.string()]).nullish(), students: included(z.array(reference)) });
export const exclusion = z.looseObject({ id: z.string().min(1), student: link, type: text, reason: text, start_date: date, end_date: date, sessions: z.union([z.number(), z.string()]).nullish() });
export const aspect = z.looseObject({ id: z.string().min(1), mis_id: text, name: text, description: text, type: text });
export const result = z.looseObject({ id: z.string().min(1), aspect: link, student: link, result: z.union([z.string(), z.number()]).nullish(), collection_date: date });

export type WondeBehaviour = z.infer<typeof behaviour>;
export type WondeAchievement = z.infer<typeof achievement>;
export type WondeExclusion = z.infer<typeof exclusion>;
export type WondeAspect = z.infer<typeof aspect>;
export type WondeResult = z.infer<typeof result>;

export const student = z.looseObject({
  ...person,
  gender_identity: text,
  education_details: included(
    z.looseObject({ upn: text, former_upn: text, admission_number: text, admission_date: date, leaving_date: date }),
  ),
  extended_details: included(
    z.looseObject({
      /** The census SEN provision code (N, K, E; A, P, S on old records) or its words. */
      sen_status: text,
      /** The census first-language code, e.g. ENG, POL, URD. */
      first_language: text,
      english_as_additional_language: flag,
      free_school_meals: flag,
      ever_in_care: flag,
      in_lea_care: flag,
    }),
  ),
  sen_needs: included(z.array(z.looseObject({ id: text, type: text, description: text, rank: z.union([z.number(), z.string()]).nullish() }))),
  year: included(z.looseObject({ id: text, code: text, name: text, description: text })),
  groups: included(z.array(group.pick({ id: true, name: true, code: true, type: true }).loose())),
  classes: included(z.array(teachingClass.pick({ id: true, name: true, code: true }).loose())),
  contacts: included(z.array(contact)),
  // A kept pupil's evidence (reconstructed include names: ./client.ts). A scope the school withheld is null: nothing is read.
  attendance_summary: included(attendanceSummary.nullable()),
  behaviours: included(z.array(behaviour)),
  achievements: included(z.array(achievement)),
  exclusions: included(z.array(exclusion)),
  assessment_results: included(z.array(result)),
});
export type WondeStudent = z.infer<typeof student>;

export const employee = z.looseObject({
  ...person,
  staff_code: text,
  contact_details: included(contactDetails),
  employment_details: included(z.looseObject({ current: flag, teaching_staff: flag })),
  roles: included(z.array(z.looseObject({ role: text }))),
});
export type WondeEmployee = z.infer<typeof employee>;

export const deletion = z.looseObject({
  /** The Wonde id of the record that was deleted. */
  id: z.string().min(1),
  type: z.string(),
  mis_id: text,
  restored: flag,
  deleted_at: date,
  restored_at: date,
});
export type WondeDeletion = z.infer<typeof deletion>;

/** The calendar date of a Wonde date (its wall-clock day, as the MIS recorded it). */
export const calendarDate = (d: WondeDate | null | undefined): string | undefined => d?.date.slice(0, 10);

