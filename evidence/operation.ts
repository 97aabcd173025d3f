import type { PrismaClient } from '../db/database';
import type { Clock } from '../runtime/clock';

/** What an evidence use case runs with: the database, the clock, and the request it serves (for the audit trail). */
export interface Operation {
  prisma: PrismaClient;
  clock: Clock;
  requestId?: string;
}
