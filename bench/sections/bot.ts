import { Pool } from 'pg';
import { memberFor, personal } from '../../tests/bot/teamsActivities';
import type { BotConnector } from '../../tests/support/botConnector';
import { startChild } from '../support/child';
import { againstCeiling, type Target } from '../support/load';
import { record } from '../support/results';
import { serviceEnv, trustDatabase } from '../support/scene';

/**
 * Key teachers writing to the bot in Teams ("my pupils"): Bot Framework activities to
 * /api/messages, each carrying a channel token signed by a local OpenID issuer that the bot
 * verifies (MicrosoftAppId set, as in production); the bot looks the teacher up, reads their pupils
 * and replies through the Bot Connector stand-in, in another process, before answering 200.
 */
const SECTION = 'bot';
const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '72f988bf-0000-4000-8000-000000000001';

export async function bot(): Promise<void> {
  const fresh = await trustDatabase(SECTION);
  const pool = new Pool({ connectionString: fresh.url, max: 1 });
  const standIns = await startChild('stand-ins');
  const { serviceUrl, openIdUrl, issuer } = standIns.ready as Record<string, string>;
  const service = await startChild(
    'bot',
    serviceEnv(fresh.url, { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT, BENCH_OPENID_URL: openIdUrl!, BENCH_ISSUER: issuer! }),
  );
  const bare = await startChild('bare-bot');
  try {
    const teachers = (
      await pool.query<{ displayName: string; email: string; aadObjectId: string }>(`SELECT "displayName", email, "aadObjectId" FROM "Staff" WHERE 'KEY_TEACHER' = ANY(roles) ORDER BY random()`)
    ).rows;
    // The channel's token is reused for its hour, as Teams does.
    const token = await standIns.ask<string>('token', { audience: APP_ID });
    const connector = { serviceUrl } as BotConnector;
    let sent = 0;
    const myPupils = (): { body: string; headers: Record<string, string> } => {
      const teacher = teachers[sent++ % teachers.length]!;
      const activity = personal(connector, memberFor(teacher, `29:${teacher.aadObjectId}`)).message('my pupils');
      return { body: JSON.stringify(activity), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
    };
    const target = (url: string): Target => ({ url, path: '/api/messages', next: myPupils });
    const results = await againstCeiling(SECTION, 'key teachers ask "my pupils" (token verified, pupils read, reply sent)', target(service.url), target(bare.url));

    const { connectorSent } = await standIns.ask<{ connectorSent: number }>('counts');
    const answered = results.reduce((n, r) => n + r.ok, 0);
    if (connectorSent < answered) throw new Error(`${answered} activities answered 200 but only ${connectorSent} replies reached the connector`);
    record(SECTION, 'replies received by the connector stand-in', `${connectorSent} (one for every activity answered 200)`);
  } finally {
    await service.stop();
    await bare.stop();
    await standIns.stop();
    await pool.end();
    await fresh.drop();
  }
}
