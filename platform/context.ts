import type { Config } from '../runtime/config';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Database, PrismaClient } from '../db/database';

/** What every capability is built from: configuration, the database, the clock and the log. */
export interface ServiceContext {
  config: Config;
  db: Database;
  prisma: PrismaClient;
  clock: Clock;
  logger: Logger;
}
