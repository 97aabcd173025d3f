import type { Router } from 'express';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { principalOf } from '../api/auth';
import { actorOf } from '../audit/audit';
import { forbidden, HttpError, notFound, route } from '../api/errors';
import { changedFields, recordAudit, type Actor } from '../audit/audit';
import type { PrismaClient } from '../db/database';
import { canAdministerSchool, canEditPupil, type Principal } from '../domain/access';
import { STAFF_DAY_END, UPDATE_WEEKS_MAX, UPDATE_WEEKS_MIN } from '../domain/conversationCycle';
import { LEAVER_RECORDS_AGE, LEAVER_RECORDS_YEARS } from '../domain/leaverRecords';
import { MESSAGE_RETENTION_DAYS } from '../runtime/config';
import type { Prisma } from '../generated/prisma/client';

/**
 * How a school changes its rhythm: its settings (`PATCH /api/schools/:id/settings`), its terms
 * and closures (`PUT /api/schools/:id/calendar`), and a parent's own choice of how often they
 * hear about progress (`PUT /api/contacts/:id/progress-updates`). Admins and SENCOs only (a key
 * teacher may set the rhythm for their own pupils' parents); every change is audited, and the
 * caller re-plans the school so reminders already planned move at once.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 09:00');
const isoDate = z.iso.date();
const validZone = (zone: string): boolean => DateTime.local().setZone(zone).isValid;

export const settingsSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(120),
    /** Told to parents who text HELP. */
    contactPhone: z.string().trim().min(5).max(30).nullable(),
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

export const progressRhythmSchema = z.strictObject({
  /** School weeks between updates; null = the school's default. */
  everyWeeks: z.int().min(UPDATE_WEEKS_MIN).max(UPDATE_WEEKS_MAX).nullable(),
});

export const SETTINGS_SELECT = {
  name: true,
  contactPhone: true,
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

const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** Quiet hours that start and end together would silence nothing; checked on the saved row, inside its transaction. */
export function refuseEmptyQuietHours(school: { quietHoursStart: string; quietHoursEnd: string }): void {
  if (school.quietHoursStart === school.quietHoursEnd) throw new HttpError(400, 'invalid_request', 'Quiet hours must not start and end at the same time');
}

async function schoolFor(prisma: PrismaClient, p: Principal, schoolId: string): Promise<void> {
  if (!z.uuid().safeParse(schoolId).success || !(await prisma.school.findUnique({ where: { id: schoolId }, select: { id: true } }))) throw notFound('School');
  if (!canAdministerSchool(p, schoolId)) throw forbidden('Only admins and SENCOs change the school settings');
}

async function readCalendar(db: PrismaClient | Prisma.TransactionClient, schoolId: string) {
  const terms = await db.schoolTerm.findMany({ where: { schoolId }, orderBy: { startsOn: 'asc' } });
  const closures = await db.schoolClosure.findMany({ where: { schoolId }, orderBy: { startsOn: 'asc' } });
  return {
    terms: terms.map((t) => ({ name: t.name, startsOn: iso(t.startsOn), endsOn: iso(t.endsOn) })),
    closures: closures.map((c) => ({ name: c.name, kind: c.kind, startsOn: iso(c.startsOn), endsOn: iso(c.endsOn) })),
  };
}

/** A parent's own rhythm of progress updates; also for the SMS side, should parents set it by text. */
export async function setProgressRhythm(db: PrismaClient | Prisma.TransactionClient, actor: Actor, contactId: string, everyWeeks: number | null) {
  const before = await db.contact.findUniqueOrThrow({ where: { id: contactId }, select: { schoolId: true, updateEveryWeeks: true } });
  const after = await db.contact.update({ where: { id: contactId }, data: { updateEveryWeeks: everyWeeks }, select: { id: true, updateEveryWeeks: true } });
  await recordAudit(db, actor, {
    schoolId: before.schoolId,
    action: 'contact.progressRhythm',
    entityType: 'Contact',
    entityId: contactId,
    before: { updateEveryWeeks: before.updateEveryWeeks },
    after: { updateEveryWeeks: everyWeeks },
  });
  return after;
}

export function mountSchoolRhythmApi(api: Router, prisma: PrismaClient, replan: (schoolId: string) => Promise<void>): void {
  api.get(
    '/schools/:id/settings',
    route(async (req, res) => {
      const schoolId = String(req.params.id);
      await schoolFor(prisma, principalOf(req), schoolId);
      res.json(await prisma.school.findUniqueOrThrow({ where: { id: schoolId }, select: SETTINGS_SELECT }));
    }),
  );

  api.patch(
    '/schools/:id/settings',
    route(async (req, res) => {
      const schoolId = String(req.params.id);
      const p = principalOf(req);
      await schoolFor(prisma, p, schoolId);
      const change = settingsSchema.parse(req.body);
      const updated = await prisma.$transaction(async (tx) => {
        const before = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: SETTINGS_SELECT });
        const after = await tx.school.update({ where: { id: schoolId }, data: change, select: SETTINGS_SELECT });
        refuseEmptyQuietHours(after);
        const diff = changedFields(before, change);
        if (Object.keys(diff.after).length > 0) {
          await recordAudit(tx, actorOf(p), { schoolId, action: 'school.settings', entityType: 'School', entityId: schoolId, ...diff, requestId: res.getHeader('x-request-id') as string });
        }
        return after;
      });
      await replan(schoolId);
      res.json(updated);
    }),
  );

  api.get(
    '/schools/:id/calendar',
    route(async (req, res) => {
      const schoolId = String(req.params.id);
      await schoolFor(prisma, principalOf(req), schoolId);
      res.json(await readCalendar(prisma, schoolId));
    }),
  );

  api.put(
    '/schools/:id/calendar',
    route(async (req, res) => {
      const schoolId = String(req.params.id);
      const p = principalOf(req);
      await schoolFor(prisma, p, schoolId);
      const cal = calendarSchema.parse(req.body);
      const after = await prisma.$transaction(async (tx) => {
        // Two saves at once would both delete and both insert the same terms: one waits for the other.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`calendar:${schoolId}`}))`;
        const before = await readCalendar(tx, schoolId);
        await tx.schoolTerm.deleteMany({ where: { schoolId } });
        await tx.schoolClosure.deleteMany({ where: { schoolId } });
        await tx.schoolTerm.createMany({ data: cal.terms.map((t) => ({ schoolId, name: t.name, startsOn: day(t.startsOn), endsOn: day(t.endsOn) })) });
        await tx.schoolClosure.createMany({ data: cal.closures.map((c) => ({ schoolId, name: c.name, kind: c.kind, startsOn: day(c.startsOn), endsOn: day(c.endsOn) })) });
        const saved = await readCalendar(tx, schoolId);
        await recordAudit(tx, actorOf(p), { schoolId, action: 'school.calendar', entityType: 'School', entityId: schoolId, before, after: saved, requestId: res.getHeader('x-request-id') as string });
        return saved;
      });
      await replan(schoolId);
      res.json(after);
    }),
  );

  api.put(
    '/contacts/:id/progress-updates',
    route(async (req, res) => {
      const contactId = String(req.params.id);
      const p = principalOf(req);
      const contact = z.uuid().safeParse(contactId).success
        ? await prisma.contact.findUnique({ where: { id: contactId }, select: { schoolId: true, pupils: { select: { pupil: { select: { schoolId: true, keyTeacherId: true } } } } } })
        : null;
      if (!contact) throw notFound('Contact');
      if (!canAdministerSchool(p, contact.schoolId) && !contact.pupils.some((pc) => canEditPupil(p, pc.pupil))) throw forbidden('Only the key teacher, the SENCO or an admin sets this');
      const { everyWeeks } = progressRhythmSchema.parse(req.body);
      const saved = await prisma.$transaction((tx) => setProgressRhythm(tx, actorOf(p), contactId, everyWeeks));
      await replan(contact.schoolId);
      res.json(saved);
    }),
  );
}
