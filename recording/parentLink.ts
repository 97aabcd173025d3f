import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../db/database';
import type { Clock } from '../service/clock';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * What recording and the bot ask of the parents' side (SMS). Kept to this one seam so the
 * Teams side never depends on how parents are reached; the SMS capability provides it.
 */
export interface ParentLink {
  /** Queue a message from the catalogue (or a teacher's free text) to every reachable parent of a pupil. */
  messageParentsOf(
    db: Db,
    clock: Clock,
    m: { pupilId: string; template: string; params?: Record<string, string>; conversationId?: string; targetId?: string; idempotencyKey?: string; freeText?: string; onlyContactId?: string },
  ): Promise<{ queued: string[]; suppressed: string[] }>;
  /** Step 5 of the process information trail: confirm the agreed targets with the parents. */
  confirmAgreedTargets(db: Db, clock: Clock, conversationId: string): Promise<unknown>;
}
