import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { CycleSettings } from '../domain/conversationCycle';
import type { SchoolCalendar } from '../domain/schoolCalendar';
import { calendarOf, calendarSelect } from '../school/calendar';

/** A school's calendar and the settings that drive its cycle: everything the rules need to know. */
export interface Rhythm {
  schoolId: string;
  cal: SchoolCalendar;
  settings: CycleSettings;
}

type Db = PrismaClient | Prisma.TransactionClient;

/** Several schools' rhythms in one read (a planning pass plans schools in batches). */
export async function loadRhythms(db: Db, schoolIds: string[]): Promise<Map<string, Rhythm>> {
  const schools = await db.school.findMany({
    where: { id: { in: schoolIds } },
    select: {
      id: true,
      initialConversationWeeks: true,
      reviewByWeekOfTerm: true,
      progressUpdateEveryWeeks: true,
      overdueEscalationDays: true,
      replyEscalationSchoolDays: true,
      staffReminderTime: true,
      ...calendarSelect,
    },
  });
  return new Map(
    schools.map(({ id, initialConversationWeeks, reviewByWeekOfTerm, progressUpdateEveryWeeks, overdueEscalationDays, replyEscalationSchoolDays, staffReminderTime, ...calendar }) => [
      id,
      { schoolId: id, cal: calendarOf(calendar), settings: { initialConversationWeeks, reviewByWeekOfTerm, progressUpdateEveryWeeks, overdueEscalationDays, replyEscalationSchoolDays, staffReminderTime } },
    ]),
  );
}

export async function loadRhythm(db: Db, schoolId: string): Promise<Rhythm> {
  const r = (await loadRhythms(db, [schoolId])).get(schoolId);
  if (!r) throw new Error(`no school ${schoolId}`);
  return r;
}
