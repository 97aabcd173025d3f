import { setTimeout as sleep } from 'node:timers/promises';
import { startBotConnector, type BotConnector } from '../support/botConnector';
import { startServiceProcess, type ServiceProcess } from '../support/serviceProcess';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { personal, post } from '../bot/teamsActivities';

/**
 * The process dies between the two writes of the outbox: the staff notice is stored, its delivery
 * job not yet. A stranger writing to the bot makes the school's admin a notice (a path that wrote
 * the two with a bare client before: the notice committed alone, its retry found the notice by its
 * key and returned, and nothing was ever sent). A trigger holds the job's insert; the real process
 * is killed there. Nothing of the half-done work may remain, and the next attempt sends it.
 */
describe('the service killed between storing a message and planning its delivery', () => {
  let t: TestDatabase;
  let connector: BotConnector;
  const started: ServiceProcess[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    connector = await startBotConnector();
    const school = await t.db.prisma.school.create({ data: { name: 'Oakfield Primary' } });
    await t.db.prisma.staff.create({ data: { schoolId: school.id, displayName: 'Pat Admin', email: 'pat.admin@oakfield.sch.uk', roles: ['ADMIN'] } });
  });
  afterAll(async () => {
    await Promise.all(started.map((p) => p.kill('SIGKILL')));
    await connector?.close();
    await t?.drop();
  });

  const start = async (): Promise<ServiceProcess> => {
    const p = await startServiceProcess({ DATABASE_URL: t.url, API_KEY: 'fault-tests-api-key-0123456789', SCHEDULER_ENABLED: 'false' });
    started.push(p);
    return p;
  };
  const stranger = () => personal(connector, { id: '29:stranger', name: 'Someone New', aadObjectId: '0b5f9e44-0000-4000-8000-00000000abcd', email: 'someone@elsewhere.example' });
  const notices = () => t.db.prisma.message.findMany({ where: { template: 'staff.unknownTeamsUser' }, select: { id: true, status: true } });
  const deliveryJobs = (ids: string[]) => t.db.prisma.job.count({ where: { kind: 'deliver-message', subjectId: { in: ids } } });

  it('Given the delivery job cannot be written yet, When the process is killed right there, Then no notice is left without its job, and the stranger writing again gets the admin told', async () => {
    const { pool } = t.db;
    await pool.query(`
      CREATE FUNCTION hold_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.kind = 'deliver-message' THEN PERFORM pg_sleep(60); END IF; RETURN NEW; END $$;
      CREATE TRIGGER hold_delivery BEFORE INSERT ON "Job" FOR EACH ROW EXECUTE FUNCTION hold_delivery();`);
    const first = await start();
    const answered = post(first.baseUrl, stranger().message('hello')).catch(() => 'no answer');

    // The notice's row is written; the job's insert is held in the trigger.
    const held = async () => (await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`)).rows;
    for (let i = 0; i < 300 && (await held()).length === 0; i += 1) await sleep(50);
    expect(await held()).toHaveLength(1);
    await first.kill('SIGKILL');
    // The server learns its client is gone at the next write; end the held session as a server would on a dead socket.
    for (const { pid } of await held()) await pool.query('SELECT pg_terminate_backend($1)', [pid]);
    expect(await answered).toBe('no answer');
    await pool.query('DROP TRIGGER hold_delivery ON "Job"; DROP FUNCTION hold_delivery();');

    expect(await notices()).toEqual([]);

    const second = await start();
    expect((await post(second.baseUrl, stranger().message('hello again'))).status).toBe(200);
    const now = await notices();
    expect(now).toEqual([expect.objectContaining({ status: 'QUEUED' })]);
    expect(await deliveryJobs(now.map((n) => n.id))).toBe(1);
  });
});
