import type { PrismaClient } from '../db/database';
import type { Prisma } from '../generated/prisma/client';
import type { SchoolCalendar } from '../domain/schoolCalendar';

const iso = (d: Date): string => d.toISOString().slice(0, 10);

/** Reads a school's calendar (terms, closures, sending rules) for the pure calendar functions. */
export async function loadSchoolCalendar(db: PrismaClient | Prisma.TransactionClient, schoolId: string): Promise<SchoolCalendar> {
  return (await loadSchoolAndCalendar(db, schoolId)).calendar;
}

/** The school's name and own SMS number with its calendar, in one read (every text to a parent needs them). */
export async function loadSchoolAndCalendar(db: PrismaClient | Prisma.TransactionClient, schoolId: string): Promise<{ name: string; smsNumber: string | null; calendar: SchoolCalendar }> {
  const school = await db.school.findUniqueOrThrow({
    where: { id: schoolId },
    include: { terms: { orderBy: { startsOn: 'asc' } }, closures: { orderBy: { startsOn: 'asc' } } },
  });
  return { name: school.name, smsNumber: school.smsNumber, calendar: calendarOf(school) };
}

/** What a school's calendar is read from (its row's sending rules, its terms and closures): for reading many schools at once. */
export const calendarSelect = {
  timezone: true,
  messagesAtWeekends: true,
  messagesInHolidays: true,
  quietHoursStart: true,
  quietHoursEnd: true,
  terms: { orderBy: { startsOn: 'asc' } },
  closures: { orderBy: { startsOn: 'asc' } },
} satisfies Prisma.SchoolSelect;

export function calendarOf(school: Prisma.SchoolGetPayload<{ select: typeof calendarSelect }>): SchoolCalendar {
  return {
    timezone: school.timezone,
    terms: school.terms.map((t) => ({ name: t.name, startsOn: iso(t.startsOn), endsOn: iso(t.endsOn) })),
    closures: school.closures.map((c) => ({ kind: c.kind, name: c.name, startsOn: iso(c.startsOn), endsOn: iso(c.endsOn) })),
    messagesAtWeekends: school.messagesAtWeekends,
    messagesInHolidays: school.messagesInHolidays,
    quietHoursStart: school.quietHoursStart,
    quietHoursEnd: school.quietHoursEnd,
  };
}
