import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Tx } from '../db/transaction';
import { actorOf, changedFields, recordAudit, type Actor } from '../audit/audit';
import { canAdministerSchool, canEditPupil, type Principal } from '../domain/access';
import { STAFF_DAY_END, UPDATE_WEEKS_MAX, UPDATE_WEEKS_MIN } from '../domain/conversationCycle';
import { conflict, forbidden, invalid, notFound } from '../domain/errors';
import { LEAVER_RECORDS_AGE, LEAVER_RECORDS_YEARS } from '../domain/leaverRecords';
import { inTransaction, type UseCaseDeps } from '../platform/useCase';
import { markForPlanning } from '../jobs/planningMarks';
import { MESSAGE_RETENTION_DAYS } from '../runtime/config';

/**
 * How a school is set up and changes its rhythm: adding a school (whoever runs the service), its
 * settings and its terms and closures (admins and SENCOs), and a parent's own choice of how often
 * they hear about progress (a key teacher may set it for their own pupils' parents; the parent by
 * SMS). Every change is audited and marks what it changes for planning (a school's settings or
 * calendar: the whole school), and the school's marks are planned at once, so reminders already
 * planned move before the answer is sent.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 09:00');
const isoDate = z.iso.date();
const validZone = (zone: string): boolean => DateTime.local().setZone(zone).isValid;

export const settingsSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(120),
    /** Told to parents who text HELP. */
    contactPhone: z.string().trim().min(5).max(30).nullable(),
    /** The school's own Twilio number: texts arriving at it concern this school alone, and its texts go from it (admins only). */
    smsNumber: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'must be the Twilio number in E.164 form, such as +447700900123').nullable(),
    contactEmail: z.email().nullable(),
    timezone: z.string().refine(validZone, 'must be an IANA time zone such as Europe/London'),
    quietHoursStart: hhmm,
    quietHoursEnd: hhmm,
    messagesAtWeekends: z.boolean(),
    messagesInHolidays: z.boolean(),
    initialConversationWeeks: z.int().min(1).max(12),
    /** Week 1 would put the review before the term starts. */
    reviewByWeekOfTerm: z.int().min(2).max(12),
    progressUpdateEveryWeeks: z.int().min(UPDATE_WEEKS_MIN).max(UPDATE_WEEKS_MAX),
    overdueEscalationDays: z.int().min(1).max(60),
    replyEscalationSchoolDays: z.int().min(1).max(10),
    digestWeekday: z.int().min(1).max(7),
    digestTime: hhmm,
    staffReminderTime: hhmm.refine((t) => t < STAFF_DAY_END, `must be before ${STAFF_DAY_END}`),
    widerOutcomes: z
      .array(z.enum(['ATTENDANCE', 'BEHAVIOUR', 'BULLYING', 'RELATIONSHIPS', 'PARTICIPATION']))
      .max(2)
      .refine((a) => new Set(a).size === a.length, 'choose two different outcomes'),
    /** Days message text and numbers are kept; null = the service's MESSAGE_RETENTION_DAYS. */
    messageRetentionDays: z.int().min(MESSAGE_RETENTION_DAYS.min).max(MESSAGE_RETENTION_DAYS.max).nullable(),
    /** Leavers' records are kept until the pupil is this age (domain/leaverRecords.ts)... */
    leaverRecordsUntilAge: z.int().min(LEAVER_RECORDS_AGE.min).max(LEAVER_RECORDS_AGE.max),
    /** ...or, when set, this many years after they left. */
    leaverRecordsYears: z.int().min(LEAVER_RECORDS_YEARS.min).max(LEAVER_RECORDS_YEARS.max).nullable(),
  })
  .partial();
export type SettingsChange = z.infer<typeof settingsSchema>;

/** A new school: its name is needed; every other setting has the product's default. */
export const newSchoolSchema = settingsSchema.required({ name: true });

const dated = z
  .strictObject({ name: z.string().trim().min(1).max(100), startsOn: isoDate, endsOn: isoDate })
  .refine((p) => p.startsOn <= p.endsOn, { message: 'ends before it starts', path: ['endsOn'] });

export const calendarSchema = z
  .strictObject({
    terms: z.array(dated).max(12),
    closures: z.array(dated.and(z.object({ kind: z.enum(['HOLIDAY', 'TRAINING_DAY', 'NO_PARENT_MESSAGES']).default('HOLIDAY') }))).max(200),
  })
  .superRefine((cal, ctx) => {
    const terms = [...cal.terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    for (let i = 1; i < terms.length; i += 1) {
      if (terms[i]!.startsOn <= terms[i - 1]!.endsOn) ctx.addIssue({ code: 'custom', path: ['terms'], message: `${terms[i]!.name} overlaps ${terms[i - 1]!.name}` });
    }
  });
export type CalendarChange = z.infer<typeof calendarSchema>;

export const progressRhythmSchema = z.strictObject({
  /** School weeks between updates; null = the school's default. */
  everyWeeks: z.int().min(UPDATE_WEEKS_MIN).max(UPDATE_WEEKS_MAX).nullable(),
});

export const SETTINGS_SELECT = {
  name: true,
  contactPhone: true,
  smsNumber: true,
  contactEmail: true,
  timezone: true,
  quietHoursStart: true,
  quietHoursEnd: true,
  messagesAtWeekends: true,
  messagesInHolidays: true,
  initialConversationWeeks: true,
  reviewByWeekOfTerm: true,
  progressUpdateEveryWeeks: true,
  overdueEscalationDays: true,
  replyEscalationSchoolDays: true,
  digestWeekday: true,
  digestTime: true,
  staffReminderTime: true,
  widerOutcomes: true,
  messageRetentionDays: true,
  leaverRecordsUntilAge: true,
  leaverRecordsYears: true,
} satisfies Prisma.SchoolSelect;

/** A school's use cases plan what they marked once their change has committed (scheduling/planner.ts). */
export type SchoolDeps = UseCaseDeps & { replanSchool(schoolId: string): Promise<{ skipped: boolean; conversationsCreated: number }> };

const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** Quiet hours that start and end together would silence nothing; checked on the saved row, inside its transaction. */
function refuseEmptyQuietHours(school: { quietHoursStart: string; quietHoursEnd: string }): void {
  if (school.quietHoursStart === school.quietHoursEnd) throw invalid('invalid_request', 'Quiet hours must not start and end at the same time');
}

/** The school exists and the caller runs it (also for an edge to check before it reads a request's body). */
export async function administered(db: Tx | PrismaClient, by: Principal, schoolId: string): Promise<void> {
  if (!z.uuid().safeParse(schoolId).success || !(await db.school.findUnique({ where: { id: schoolId }, select: { id: true } }))) throw notFound('School');
  if (!canAdministerSchool(by, schoolId)) throw forbidden('Only admins and SENCOs change the school settings');
}

async function readCalendar(db: Tx | PrismaClient, schoolId: string) {
  const terms = await db.schoolTerm.findMany({ where: { schoolId }, orderBy: { startsOn: 'asc' } });
  const closures = await db.schoolClosure.findMany({ where: { schoolId }, orderBy: { startsOn: 'asc' } });
  return {
    terms: terms.map((t) => ({ name: t.name, startsOn: iso(t.startsOn), endsOn: iso(t.endsOn) })),
    closures: closures.map((c) => ({ name: c.name, kind: c.kind, startsOn: iso(c.startsOn), endsOn: iso(c.endsOn) })),
  };
}

/** The schools the caller sees: their own, every one for the API key, their organisation's for a trust or local authority. */
export function listSchools(prisma: PrismaClient, by: Principal) {
  const where: Prisma.SchoolWhereInput =
    by.kind === 'apiKey' ? {} : by.kind === 'staff' ? { id: by.schoolId } : { OR: [{ trustId: by.organisationId }, { localAuthorityId: by.organisationId }] };
  return prisma.school.findMany({ where, select: { id: true, name: true, timezone: true, isDemo: true }, orderBy: { createdAt: 'asc' } });
}

export async function createSchool(d: UseCaseDeps, by: Principal, input: z.infer<typeof newSchoolSchema>) {
  if (by.kind !== 'apiKey') throw forbidden('Schools are added by whoever runs the service, with the API key');
  return inTransaction(d, async (tx) => {
    if (input.smsNumber) await checkSmsNumber(tx, by, null, input.smsNumber);
    const created = await tx.school.create({ data: input, select: { id: true, ...SETTINGS_SELECT } });
    refuseEmptyQuietHours(created);
    await recordAudit(tx, actorOf(by), { schoolId: created.id, action: 'school.create', entityType: 'School', entityId: created.id, after: created });
    await markForPlanning(tx, 'school', created.id);
    return created;
  });
}

export async function readSettings(prisma: PrismaClient, by: Principal, schoolId: string) {
  await administered(prisma, by, schoolId);
  return prisma.school.findUniqueOrThrow({ where: { id: schoolId }, select: SETTINGS_SELECT });
}

/** Which number a school's texts come from decides where parents' answers go: its admins (and whoever runs the service) choose it. */
async function checkSmsNumber(tx: Tx, by: Principal, schoolId: string | null, smsNumber: string | null): Promise<void> {
  if (by.kind === 'staff' && !by.roles.includes('ADMIN')) throw forbidden("Only the school's admins change its SMS number");
  if (smsNumber && (await tx.school.findFirst({ where: { smsNumber, ...(schoolId ? { id: { not: schoolId } } : {}) }, select: { id: true } }))) {
    throw conflict('sms_number_taken', `${smsNumber} is already another school's number: each school's own number must be its alone (leave it unset where schools share one).`);
  }
}

/** Saves a change to a school's settings with its audit event: a step of the use case below and of adopting an organisation's defaults. */
export async function applySettings(tx: Tx, actor: Actor, schoolId: string, change: SettingsChange) {
  const before = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: SETTINGS_SELECT });
  const after = await tx.school.update({ where: { id: schoolId }, data: change, select: SETTINGS_SELECT });
  refuseEmptyQuietHours(after);
  const diff = changedFields(before, change);
  if (Object.keys(diff.after).length > 0) await recordAudit(tx, actor, { schoolId, action: 'school.settings', entityType: 'School', entityId: schoolId, ...diff });
  await markForPlanning(tx, 'school', schoolId);
  return after;
}

export async function changeSettings(d: SchoolDeps, by: Principal, schoolId: string, change: SettingsChange) {
  const updated = await inTransaction(d, async (tx) => {
    await administered(tx, by, schoolId);
    if (change.smsNumber !== undefined) await checkSmsNumber(tx, by, schoolId, change.smsNumber);
    return applySettings(tx, actorOf(by), schoolId, change);
  });
  await d.replanSchool(schoolId);
  return updated;
}

export async function readSchoolCalendar(prisma: PrismaClient, by: Principal, schoolId: string) {
  await administered(prisma, by, schoolId);
  return readCalendar(prisma, schoolId);
}

/** Replaces a school's terms and closures with its audit event: a step of the use case below and of adopting an organisation's defaults. */
export async function applyCalendar(tx: Tx, actor: Actor, schoolId: string, cal: CalendarChange) {
  // Two saves at once would both delete and both insert the same terms: one waits for the other.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`calendar:${schoolId}`}))`;
  const before = await readCalendar(tx, schoolId);
  await tx.schoolTerm.deleteMany({ where: { schoolId } });
  await tx.schoolClosure.deleteMany({ where: { schoolId } });
  await tx.schoolTerm.createMany({ data: cal.terms.map((t) => ({ schoolId, name: t.name, startsOn: day(t.startsOn), endsOn: day(t.endsOn) })) });
  await tx.schoolClosure.createMany({ data: cal.closures.map((c) => ({ schoolId, name: c.name, kind: c.kind, startsOn: day(c.startsOn), endsOn: day(c.endsOn) })) });
  const saved = await readCalendar(tx, schoolId);
  await recordAudit(tx, actor, { schoolId, action: 'school.calendar', entityType: 'School', entityId: schoolId, before, after: saved });
  await markForPlanning(tx, 'school', schoolId);
  return saved;
}

export async function setSchoolCalendar(d: SchoolDeps, by: Principal, schoolId: string, cal: CalendarChange) {
  const after = await inTransaction(d, async (tx) => {
    await administered(tx, by, schoolId);
    return applyCalendar(tx, actorOf(by), schoolId, cal);
  });
  await d.replanSchool(schoolId);
  return after;
}

/** A parent's own rhythm of progress updates: a step of the staff use case below and of the parent's UPDATES text. */
export async function setProgressRhythm(tx: Tx, actor: Actor, contactId: string, everyWeeks: number | null) {
  const before = await tx.contact.findUniqueOrThrow({ where: { id: contactId }, select: { schoolId: true, updateEveryWeeks: true } });
  const after = await tx.contact.update({ where: { id: contactId }, data: { updateEveryWeeks: everyWeeks }, select: { id: true, updateEveryWeeks: true } });
  await recordAudit(tx, actor, {
    schoolId: before.schoolId,
    action: 'contact.progressRhythm',
    entityType: 'Contact',
    entityId: contactId,
    before: { updateEveryWeeks: before.updateEveryWeeks },
    after: { updateEveryWeeks: everyWeeks },
  });
  await markForPlanning(tx, 'contact', contactId);
  return after;
}

export async function setParentRhythm(d: SchoolDeps, by: Principal, contactId: string, everyWeeks: number | null) {
  const { saved, schoolId } = await inTransaction(d, async (tx) => {
    const contact = z.uuid().safeParse(contactId).success
      ? await tx.contact.findUnique({ where: { id: contactId }, select: { schoolId: true, pupils: { select: { pupil: { select: { schoolId: true, keyTeacherId: true } } } } } })
      : null;
    if (!contact) throw notFound('Contact');
    if (!canAdministerSchool(by, contact.schoolId) && !contact.pupils.some((pc) => canEditPupil(by, pc.pupil))) throw forbidden('Only the key teacher, the SENCO or an admin sets this');
    return { saved: await setProgressRhythm(tx, actorOf(by), contactId, everyWeeks), schoolId: contact.schoolId };
  });
  await d.replanSchool(schoolId);
  return saved;
}

/**
 * An admin's request to plan the school in full now (the weekly safety net, on demand: after
 * fixing data by hand, say). Planning twice creates nothing new, so it is always safe.
 */
export async function replanInFull(d: SchoolDeps, by: Principal, schoolId: string) {
  await inTransaction(d, async (tx) => {
    await administered(tx, by, schoolId);
    await markForPlanning(tx, 'school', schoolId);
    await recordAudit(tx, actorOf(by), { schoolId, action: 'school.replan', entityType: 'School', entityId: schoolId });
  });
  const { skipped, conversationsCreated } = await d.replanSchool(schoolId);
  // Another instance holding the school is planning it, marks and all, or will at its next pass.
  return { planned: !skipped, conversationsCreated };
}
