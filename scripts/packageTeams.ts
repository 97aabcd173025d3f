import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commandMenu } from '../service/capabilities';
import { buildTeamsPackage, drawIcons, packagingSettings } from '../teamsApp/package';

/**
 * npm run package:teams: the Teams app package for this deployment, from MicrosoftAppId and
 * PUBLIC_BASE_URL only. `--out <file>` writes it elsewhere than dist/teams-app.zip;
 * `--icons` redraws the committed icons first.
 */
function main(): void {
  const root = path.resolve(__dirname, '..');
  const args = process.argv.slice(2);
  if (args.includes('--icons')) {
    const icons = drawIcons();
    writeFileSync(path.join(root, 'teamsApp/color.png'), icons.color);
    writeFileSync(path.join(root, 'teamsApp/outline.png'), icons.outline);
  }
  const settings = packagingSettings(process.env);
  if (!settings.ok) {
    console.error(`Cannot package the Teams app:\n${settings.problems.map((p) => `  ${p}`).join('\n')}`);
    // EX_CONFIG, as the service itself exits on bad configuration.
    process.exit(78);
  }
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1]!) : path.join(root, 'dist/teams-app.zip');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  // The bot's command menu, as the running service assembles it.
  const { zip } = buildTeamsPackage({ appId: settings.appId, publicBaseUrl: settings.publicBaseUrl, version: pkg.version }, commandMenu());
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`${path.relative(process.cwd(), out) || out} written for ${settings.publicBaseUrl} (app ${settings.appId})`);
}

main();
