import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { CycleSettings } from '../domain/conversationCycle';
import type { SchoolCalendar } from '../domain/schoolCalendar';
import { loadSchoolCalendar } from '../school/calendar';

/** A school's calendar and the settings that drive its cycle: everything the rules need to know. */
export interface Rhythm {
  schoolId: string;
  cal: SchoolCalendar;
  settings: CycleSettings;
}

export async function loadRhythm(db: PrismaClient | Prisma.TransactionClient, schoolId: string): Promise<Rhythm> {
  // One after the other: inside a transaction both queries share one connection.
  const cal = await loadSchoolCalendar(db, schoolId);
  const settings = await db.school.findUniqueOrThrow({
    where: { id: schoolId },
    select: {
      initialConversationWeeks: true,
      reviewByWeekOfTerm: true,
      progressUpdateEveryWeeks: true,
      overdueEscalationDays: true,
      replyEscalationSchoolDays: true,
      staffReminderTime: true,
    },
  });
  return { schoolId, cal, settings };
}
