import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../service/config';
import { buildTeamsPackage, drawIcons } from '../teamsApp/package';

/** npm run package:teams: dist/teams-app.zip for this deployment (MicrosoftAppId, PUBLIC_BASE_URL). */
function main(): void {
  const root = path.resolve(__dirname, '..');
  if (process.argv.includes('--icons')) {
    const icons = drawIcons();
    writeFileSync(path.join(root, 'teamsApp/color.png'), icons.color);
    writeFileSync(path.join(root, 'teamsApp/outline.png'), icons.outline);
  }
  const config = loadConfig();
  if (!config.MicrosoftAppId || !config.PUBLIC_BASE_URL) {
    console.error('Set MicrosoftAppId (the bot\'s app registration) and PUBLIC_BASE_URL (https address of this service) first.');
    process.exit(78);
  }
  const pkg = JSON.parse(require('node:fs').readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const { zip } = buildTeamsPackage({ appId: config.MicrosoftAppId, publicBaseUrl: config.publicBaseUrl, version: pkg.version });
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  writeFileSync(path.join(root, 'dist/teams-app.zip'), zip);
  console.log(`dist/teams-app.zip written for ${config.publicBaseUrl} (app ${config.MicrosoftAppId})`);
}

main();
