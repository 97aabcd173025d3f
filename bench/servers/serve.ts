/**
 * A bench server in its own process, so the load generator never shares its event loop:
 * `node --import tsx bench/servers/serve.ts <mode>`, configured by environment, reporting
 * `{ ready: { url, ... } }` to its parent over IPC. Modes:
 * - service: the whole product (createService) on DATABASE_URL, clock fixed at BENCH_NOW.
 * - bot: the whole product, verifying Bot Framework tokens against a local OpenID issuer
 *   (BENCH_OPENID_URL, BENCH_ISSUER), as the bot auth tests do.
 * - bare-sms, bare-bot: the ceiling, Express doing only what any handler must (parse, answer 200).
 * - stand-ins: Twilio's Messages API, the Bot Connector and the token issuer, answering `counts`
 *   and `token` questions from the parent.
 * - wonde: the Wonde stand-in (standins/wonde.ts) serving BENCH_WONDE_SCHOOLS generated 1,500-pupil
 *   schools, answering `requests` (how many it served since last asked) and `night` (a night's
 *   changes in the MIS of the schools named, at the instant given).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { AppCredentials } from 'botframework-connector';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { openDatabase } from '../../db/database';
import { ManualClock } from '../../runtime/clock';
import { loadConfig } from '../../runtime/config';
import type { ServiceContext } from '../../platform/context';
import { createLogger } from '../../runtime/logger';
import { createService } from '../../service/service';
import { BENCH_API_KEY } from '../support/scene';
import { startBotConnector } from '../../tests/support/botConnector';
import { startTwilioStandIn } from '../../tests/sms/twilioStandIn';
import { createWondeStandIn } from '../../standins/wonde';
import { benchWondeSchool, nightOfChanges } from '../support/misTrust';

const BOT_OAUTH_SCOPE = 'https://api.botframework.com';

type Answerer = (question: { ask: string; [k: string]: unknown }) => Promise<unknown>;

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

const urlOf = (s: Server): string => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

async function context(): Promise<ServiceContext> {
  const config = loadConfig(process.env);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  return { config, db, prisma: db.prisma, clock: new ManualClock(new Date(process.env.BENCH_NOW!)), logger: createLogger(config.LOG_LEVEL) };
}

async function service(): Promise<{ url: string }> {
  const ctx = await context();
  const { port } = await createService(ctx, { apiKey: BENCH_API_KEY }).listen(0);
  return { url: `http://127.0.0.1:${port}` };
}

async function bot(): Promise<{ url: string }> {
  const ctx = await context();
  const { config } = ctx;
  const instance = createService(ctx, {
    teams: {
      botFramework: {
      ToBotFromChannelOpenIdMetadataUrl: process.env.BENCH_OPENID_URL,
        ToBotFromChannelTokenIssuer: process.env.BENCH_ISSUER,
        ToBotFromEmulatorOpenIdMetadataUrl: process.env.BENCH_OPENID_URL,
        ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${config.MicrosoftAppTenantId}`,
        ToChannelFromBotOAuthScope: BOT_OAUTH_SCOPE,
        CallerId: 'urn:botframework:azure',
        ValidateAuthority: true,
      },
    },
  });
  // The bot's own token for calling the connector, as MSAL would have cached it after its first
  // sign-in (it is reused for an hour): no call to login.microsoftonline.com from the bench.
  (AppCredentials as unknown as { cache: Map<string, { accessToken: string; expiresOn: Date }> }).cache.set(`${config.MicrosoftAppId}${BOT_OAUTH_SCOPE}-cache`, { accessToken: 'bench-bot-token', expiresOn: new Date(Date.now() + 3_600_000) });
  const { port } = await instance.listen(0);
  return { url: `http://127.0.0.1:${port}` };
}

async function bareSms(): Promise<{ url: string }> {
  const app = express();
  app.post('/sms/inbound', express.urlencoded({ extended: false, limit: '32kb' }), (_req, res) => {
    res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
  return { url: urlOf(await listen(app)) };
}

async function bareBot(): Promise<{ url: string }> {
  const app = express();
  app.post('/api/messages', express.json({ limit: '1mb' }), (_req, res) => {
    res.status(200).end();
  });
  return { url: urlOf(await listen(app)) };
}

async function standIns(): Promise<{ ready: Record<string, string>; answer: Answerer }> {
  const twilio = await startTwilioStandIn();
  const connector = await startBotConnector();
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench-key', use: 'sig', endorsements: ['msteams'] };
  const issuer = 'https://api.botframework.test';
  const metadata = express();
  metadata.get('/openid', (_req, res) => res.json({ issuer, jwks_uri: `${urlOf(issuerServer)}/keys` }));
  metadata.get('/keys', (_req, res) => res.json({ keys: [jwk] }));
  const issuerServer = await listen(metadata);
  return {
    ready: { twilioUrl: twilio.url, serviceUrl: connector.serviceUrl, openIdUrl: `${urlOf(issuerServer)}/openid`, issuer },
    async answer(q) {
      if (q.ask === 'counts') return { twilioAccepted: twilio.accepted.length, connectorSent: connector.sent.length };
      if (q.ask === 'token') {
        return new SignJWT({ serviceurl: connector.serviceUrl }).setProtectedHeader({ alg: 'RS256', kid: 'bench-key' }).setIssuer(issuer).setAudience(String(q.audience)).setIssuedAt().setExpirationTime('1h').sign(privateKey);
      }
      throw new Error(`unknown question ${q.ask}`);
    },
  };
}

async function wonde(): Promise<{ ready: Record<string, string>; answer: Answerer }> {
  const clock = new ManualClock(new Date(process.env.BENCH_NOW!));
  const standIn = createWondeStandIn(clock, Array.from({ length: Number(process.env.BENCH_WONDE_SCHOOLS ?? 1) }, (_, i) => benchWondeSchool(i)));
  const app = express();
  app.use(standIn.router);
  const server = await listen(app);
  const nights = new Map<string, number>();
  return {
    ready: { url: urlOf(server) },
    async answer(q) {
      if (q.ask === 'requests') return standIn.requests.splice(0).length;
      if (q.ask === 'night') {
        clock.set(new Date(String(q.at)));
        for (const id of q.schools as string[]) {
          const night = nights.get(id) ?? 0;
          nights.set(id, night + 1);
          nightOfChanges(standIn.school(id), night, String(q.at).slice(0, 10));
        }
        return null;
      }
      throw new Error(`unknown question ${q.ask}`);
    },
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  let answer: Answerer = async (q) => {
    throw new Error(`unknown question ${q.ask}`);
  };
  let ready: Record<string, string>;
  if (mode === 'service') ready = await service();
  else if (mode === 'bot') ready = await bot();
  else if (mode === 'bare-sms') ready = await bareSms();
  else if (mode === 'bare-bot') ready = await bareBot();
  else if (mode === 'stand-ins') ({ ready, answer } = await standIns());
  else if (mode === 'wonde') ({ ready, answer } = await wonde());
  else throw new Error(`unknown mode ${mode}`);
  process.on('message', (q: { id: number; ask: string }) => {
    answer(q).then(
      (value) => process.send!({ id: q.id, value }),
      (err: Error) => process.send!({ id: q.id, error: err.message }),
    );
  });
  // The parent going away (or ending the run) ends this process.
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
