import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import schema from '@microsoft/app-manifest/build/json-schemas/teams/v1.19/MicrosoftTeams.schema.json';
import { buildTeamsPackage, ICON_SIZES } from '../../teamsApp/package';
import { commandMenu } from '../../service/capabilities';

const settings = { appId: '11111111-2222-4333-8444-555555555555', publicBaseUrl: 'https://bot.oakfield.sch.uk', version: '0.1.0' };

describe('the Teams app package', () => {
  const built = buildTeamsPackage(settings, commandMenu(), path.resolve(__dirname, '../../teamsApp'));

  it("Given this deployment's app id and address, Then the manifest validates against Microsoft's published 1.19 schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(built.manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('Then it has the bot with its command menu, a personal dashboard tab, SSO and the service as a valid domain', () => {
    const m = built.manifest as { bots: { botId: string; commandLists: { commands: { title: string }[] }[] }[]; staticTabs: { contentUrl?: string }[]; webApplicationInfo: unknown; validDomains: string[] };
    expect(m.bots[0]!.botId).toBe(settings.appId);
    expect(m.bots[0]!.commandLists[0]!.commands.map((c) => c.title)).toEqual(expect.arrayContaining(['my pupils', 'due', 'prepare', 'record', 'targets', 'help']));
    expect(m.staticTabs[0]!.contentUrl).toBe('https://bot.oakfield.sch.uk/dashboard');
    expect(m.webApplicationInfo).toEqual({ id: settings.appId, resource: `api://bot.oakfield.sch.uk/${settings.appId}` });
    expect(m.validDomains).toEqual(['bot.oakfield.sch.uk']);
  });

  it('Then the zip holds manifest.json and icons of the sizes Teams requires, the outline transparent', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'teams-app-'));
    const file = path.join(dir, 'app.zip');
    require('node:fs').writeFileSync(file, built.zip);
    execFileSync('unzip', ['-q', file, '-d', dir]);
    expect(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).toEqual(built.manifest);
    const size = (f: string) => { const b = readFileSync(path.join(dir, f)); return [b.readUInt32BE(16), b.readUInt32BE(20), b[25]]; };
    expect(size('color.png')).toEqual([ICON_SIZES.color, ICON_SIZES.color, 6]);
    expect(size('outline.png')).toEqual([ICON_SIZES.outline, ICON_SIZES.outline, 6]);
  });
});

describe('npm run package:teams', () => {
  const script = path.resolve(__dirname, '../../scripts/packageTeams.ts');
  const tsx = require.resolve('tsx/cli');
  // Exactly the environment the README documents: no secret, no database, nothing else.
  const run = (env: Record<string, string>, out: string) => spawnSync(process.execPath, [tsx, script, '--out', out], { env, encoding: 'utf8', timeout: 60_000 });

  it('Given only MicrosoftAppId and PUBLIC_BASE_URL, When it runs, Then it writes the package for that app and address', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'teams-pkg-')), 'teams-app.zip');
    const result = run({ MicrosoftAppId: settings.appId, PUBLIC_BASE_URL: 'https://engage.oakfield.sch.uk/' }, out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`written for https://engage.oakfield.sch.uk (app ${settings.appId})`);
    const dir = path.dirname(out);
    execFileSync('unzip', ['-q', out, 'manifest.json', '-d', dir]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ id: settings.appId, validDomains: ['engage.oakfield.sch.uk'], developer: { privacyUrl: 'https://engage.oakfield.sch.uk/privacy' } });
  });

  it.each([
    ['nothing set', {}, [/MicrosoftAppId: required/, /PUBLIC_BASE_URL: required/]],
    ['no public address', { MicrosoftAppId: settings.appId }, [/PUBLIC_BASE_URL: required/]],
    ['no app id', { PUBLIC_BASE_URL: 'https://engage.oakfield.sch.uk' }, [/MicrosoftAppId: required/]],
    ['an app id that is not a GUID', { MicrosoftAppId: 'oakfield-bot', PUBLIC_BASE_URL: 'https://engage.oakfield.sch.uk' }, [/MicrosoftAppId: must be the Application \(client\) ID/]],
    ['a plain http address', { MicrosoftAppId: settings.appId, PUBLIC_BASE_URL: 'http://engage.oakfield.sch.uk' }, [/PUBLIC_BASE_URL: must be an https address/]],
  ])('Given %s, Then it stops with exit code 78 and names what is missing or wrong, without a stack trace', (_case, env, expected) => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'teams-pkg-')), 'teams-app.zip');
    const result = run(env as Record<string, string>, out);
    expect(result.status).toBe(78);
    for (const e of expected) expect(result.stderr).toMatch(e);
    expect(result.stderr).not.toMatch(/\bat \w+ \(|MicrosoftAppPassword|MicrosoftAppTenantId/);
    expect(() => readFileSync(out)).toThrow();
  });
});
