import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createService } from '../../service/service';
import { ManualClock } from '../../runtime/clock';
import { loadConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';
import { startBotConnector, type BotConnector } from '../support/botConnector';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { startTestService } from '../support/testService';
import { personal, post } from './teamsActivities';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const credentials = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '72f988bf-0000-4000-8000-000000000001' };
const stranger = { id: '29:someone', name: 'Someone' };

describe('with authentication switched on (MicrosoftAppId set)', () => {
  let connector: BotConnector;
  beforeAll(async () => {
    connector = await startBotConnector();
  });
  afterAll(async () => {
    await connector.close();
  });

  it('When a request comes without a Bot Framework token, Then it is refused with 401 and nothing is sent', async () => {
    const svc = await startTestService({ env: credentials });
    try {
      const activity = personal(connector, stranger).message('help');
      expect((await post(svc.baseUrl, activity)).status).toBe(401);
      expect(connector.sent).toHaveLength(0);
    } finally {
      await svc.close();
    }
  });

  describe('Given the channel signs with keys the bot fetches from its OpenID metadata (a local issuer standing in for Bot Framework)', () => {
    let testDb: TestDatabase;
    let issuerServer: Server;
    let botServer: Server;
    let botUrl: string;
    let sign: (claims: Record<string, unknown>, audience?: string) => Promise<string>;
    const ISSUER = 'https://api.botframework.test';

    beforeAll(async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', use: 'sig', endorsements: ['msteams'] };
      const metadata = express();
      metadata.get('/openid', (_req, res) => res.json({ issuer: ISSUER, jwks_uri: `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}/keys` }));
      metadata.get('/keys', (_req, res) => res.json({ keys: [jwk] }));
      issuerServer = await new Promise<Server>((resolve) => {
        const s = metadata.listen(0, '127.0.0.1', () => resolve(s));
      });
      const openId = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}/openid`;
      sign = (claims, audience = APP_ID) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setIssuer(ISSUER).setAudience(audience).setIssuedAt().setExpirationTime('1h').sign(privateKey);

      testDb = await createTestDatabase();
      // Behind one proxy (each test may speak from an address of its own), with a small allowance of refusals.
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: testDb.url, LOG_LEVEL: 'silent', WEBHOOK_RATE_LIMIT_PER_MINUTE: '5', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sebt-bot-')), ...credentials });
      const ctx = { config, db: testDb.db, prisma: testDb.db.prisma, clock: new ManualClock(new Date('2026-09-07T09:00:00Z')), logger: createLogger('silent') };
      const { app } = createService(ctx, {
        teams: {
          botFramework: {
            ToBotFromChannelOpenIdMetadataUrl: openId,
            ToBotFromChannelTokenIssuer: ISSUER,
            ToBotFromEmulatorOpenIdMetadataUrl: openId,
            ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${credentials.MicrosoftAppTenantId}`,
            ToChannelFromBotOAuthScope: 'https://api.botframework.com',
            OAuthUrl: 'https://api.botframework.com',
            CallerId: 'urn:botframework:azure',
            ValidateAuthority: true,
          },
        },
      });
      botServer = await new Promise<Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      botUrl = `http://127.0.0.1:${(botServer.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((r) => botServer.close(r));
      await new Promise((r) => issuerServer.close(r));
      await testDb.drop();
    });

    it('When a card action arrives signed by that issuer for this bot, Then it is accepted and answered', async () => {
      const activity = personal(connector, stranger).cardAction('record.open', {});
      const token = await sign({ serviceurl: connector.serviceUrl });
      const res = await post(botUrl, activity, { authorization: `Bearer ${token}` });
      // Accepted and handled: this stranger is refused by the bot itself (its invoke answer), not by authentication.
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ statusCode: 403, value: { code: 'unknown_staff' } });
    });

    it('Given a flood of forged tokens from the address the channel sends from, Then forgeries past the limit get 429 but every request with a valid token is still answered by the bot', async () => {
      const channel = { 'x-forwarded-for': '203.0.113.77' };
      const forgedCodes: number[] = [];
      const genuineCodes: number[] = [];
      for (let i = 0; i < 16; i += 1) {
        forgedCodes.push((await post(botUrl, personal(connector, stranger).cardAction('record.open', {}), { ...channel, authorization: 'Bearer forged.token.here' })).status);
        if (i % 4 === 3) {
          const token = await sign({ serviceurl: connector.serviceUrl });
          const res = await post(botUrl, personal(connector, stranger).cardAction('record.open', {}), { ...channel, authorization: `Bearer ${token}` });
          genuineCodes.push(res.status);
          // The bot's own answer (this stranger is not staff), never the limit's.
          expect(await res.json()).toMatchObject({ statusCode: 403, value: { code: 'unknown_staff' } });
        }
      }
      expect(forgedCodes).toEqual([401, 401, 401, 401, 401, ...Array(11).fill(429)]);
      expect(genuineCodes).toEqual([403, 403, 403, 403]);
    });

    it('Given a valid token, When the activity or its card data holds text PostgreSQL cannot store, Then 400 names the field and nothing is done', async () => {
      const token = await sign({ serviceurl: connector.serviceUrl });
      const res = await post(botUrl, personal(connector, stranger).cardAction('views.save', { goodAt: 'Drawing\u0000' }), { authorization: `Bearer ${token}` });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_text', details: [{ path: 'value.action.data.goodAt', message: expect.stringContaining('NUL') }] });
    });

    it('When the token was issued for another bot, Then it is refused with 401', async () => {
      const token = await new SignJWT({ serviceurl: connector.serviceUrl }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience('another-bot').setExpirationTime('1h').sign(new TextEncoder().encode('x'));
      const res = await post(botUrl, personal(connector, stranger).cardAction('record.open', {}), { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      const wrongAudience = await sign({ serviceurl: connector.serviceUrl }, 'another-bot');
      expect((await post(botUrl, personal(connector, stranger).cardAction('record.open', {}), { authorization: `Bearer ${wrongAudience}` })).status).toBe(401);
    });
  });
});
