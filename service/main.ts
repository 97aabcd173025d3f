import { ConfigError, loadConfig } from '../runtime/config';
import { createLogger, isPgConcurrentQueryNotice, logFormat, prettyDestination, prettyInstalled } from '../runtime/logger';
import { systemClock } from '../runtime/clock';
import { resolveApiKey } from './apiKey';
import { createService, PortInUse } from './service';
import { openDatabase } from '../db/database';
import { MigrationError } from '../db/migrations';
import { DataDirInUse } from '../db/dataDirLock';
import { seedDemoSchool } from '../demo/demoSchool';
import { seedDemoTrust } from '../demo/demoTrust';

/** Starts the whole service: configuration, database and migrations, HTTP, background work. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const format = logFormat({ isTTY: process.stdout.isTTY === true, nodeEnv: config.NODE_ENV, prettyInstalled: prettyInstalled() });
  const logger = createLogger(config.LOG_LEVEL, {}, format === 'pretty' ? prettyDestination() : undefined);
  // Node's own warnings (e.g. a library's deprecation) go into the log, not raw onto stderr.
  process.removeAllListeners('warning');
  process.on('warning', (w) =>
    // pg's notice that Prisma's query interpreter sent a transaction's reads at once on one connection (README, "Database").
    isPgConcurrentQueryNotice(w) ? logger.debug({ warning: w.name }, w.message) : logger.warn({ warning: w.name, code: (w as NodeJS.ErrnoException).code }, w.message),
  );
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, logger });
  const applied = await db.migrate();
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (config.seedDemo) {
    const demo = await seedDemoSchool(db.prisma, systemClock);
    if (demo.created) {
      logger.info({ schoolId: demo.schoolId, staff: demo.staff, pupils: demo.pupils }, 'created the demo school (fictional data) in an empty database');
      const trust = await seedDemoTrust(db.prisma, systemClock, demo.schoolId, config.publicBaseUrl);
      logger.info({ trustId: trust.trustId, schools: trust.schools.length }, 'created the demo trust and local authority around it (fictional data)');
    }
    else logger.info('demo data not created: the database already holds a school');
  }

  const apiKey = resolveApiKey(config.API_KEY, config.dataDir, config.embeddedDatabase);
  if (apiKey.created) {
    // Printed once, on the first start; kept in the data folder.
    process.stdout.write(`\nAPI key (kept in ${config.dataDir}/api-key): ${apiKey.key}\n\n`);
  }

  const ctx = { config, db, prisma: db.prisma, clock: systemClock, logger };
  const service = createService(ctx, { apiKey: apiKey.key });
  const { port } = await service.listen(config.PORT);
  logger.info(
    { port, host: config.host, database: db.kind, sms: config.twilioConfigured ? 'twilio' : 'local outbox', bot: config.botAuthenticated ? 'authenticated' : 'local (unauthenticated)' },
    `listening on ${config.publicBaseUrl}; dashboard at ${config.publicBaseUrl}/dashboard/${config.localSignIn ? ' (local sign-in)' : ''}`,
  );

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    await service.stop();
    await db.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  // Problems an operator can fix get one clear line; anything else its stack.
  if (err instanceof MigrationError || err instanceof DataDirInUse || err instanceof PortInUse) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
