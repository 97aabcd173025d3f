import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../runtime/config';

const DB = 'postgresql://postgres@127.0.0.1:5432/test';

describe('configuration, read once and validated at start', () => {
  it('needs nothing for the embedded default: PGlite, local outbox, unauthenticated bot, loopback only, demo data and local sign-in', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3978, embeddedDatabase: true, twilioConfigured: false, botAuthenticated: false, seedDemo: true, localSignIn: true, host: '127.0.0.1', publicBaseUrl: 'http://localhost:3978' });
  });

  it('listens on every interface with a real database, and takes HOST when given', () => {
    expect(loadConfig({ DATABASE_URL: DB })).toMatchObject({ embeddedDatabase: false, host: '0.0.0.0', seedDemo: false, localSignIn: false });
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('never allows local sign-in in production, whatever LOCAL_SIGN_IN says', () => {
    expect(loadConfig({ NODE_ENV: 'production', LOCAL_SIGN_IN: 'true' }).localSignIn).toBe(false);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/school' }],
    ['API_KEY', { API_KEY: 'short' }],
    ['TWILIO_FROM', { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret', TWILIO_FROM: '07700 900123' }],
    ['TWILIO_*', { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}` }],
    ['MicrosoftAppPassword', { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppTenantId: 'tenant' }],
    ['MicrosoftAppTenantId', { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' }],
    ['PUBLIC_BASE_URL', { NODE_ENV: 'production', DATABASE_URL: DB, MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant' }],
    ['MESSAGE_RETENTION_DAYS', { MESSAGE_RETENTION_DAYS: '7' }],
    ['TWILIO_API_ORIGIN', { NODE_ENV: 'production', TWILIO_API_ORIGIN: 'http://127.0.0.1:9999' }],
    ['WONDE_API_ORIGIN', { NODE_ENV: 'production', WONDE_API_ORIGIN: 'http://127.0.0.1:9999' }],
    ['MIS_TOKEN_KEY', { MIS_TOKEN_KEY: Buffer.alloc(16).toString('base64') }],
  ])('names %s when it is missing or malformed', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('stops start-up with exit code 78 and the variable named', () => {
    const root = path.resolve(__dirname, '..', '..');
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'service/main.ts'], { cwd: root, env: { ...process.env, PORT: 'eighty' }, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      status = (err as { status: number }).status;
      stderr = (err as { stderr: string }).stderr;
    }
    expect(status).toBe(78);
    expect(stderr).toContain('PORT');
  });
});
