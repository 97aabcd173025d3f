import { readFileSync } from 'node:fs';
import path from 'node:path';
import { teamsManifest, type ManifestSettings } from './manifest';
import { encodePng, iconPixel } from './png';
import { zip } from './zip';

export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** The icons as committed under teamsApp/ (regenerate with `npm run package:teams -- --icons`). */
export function drawIcons(): { color: Buffer; outline: Buffer } {
  return {
    color: encodePng(ICON_SIZES.color, ICON_SIZES.color, iconPixel(ICON_SIZES.color, false)),
    outline: encodePng(ICON_SIZES.outline, ICON_SIZES.outline, iconPixel(ICON_SIZES.outline, true)),
  };
}

/** manifest.json + color.png + outline.png, zipped at the top level as Teams expects. */
export function buildTeamsPackage(settings: ManifestSettings, dir = __dirname): { zip: Buffer; manifest: Record<string, unknown> } {
  const manifest = teamsManifest(settings);
  return {
    manifest,
    zip: zip([
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
      { name: 'color.png', data: readFileSync(path.join(dir, 'color.png')) },
      { name: 'outline.png', data: readFileSync(path.join(dir, 'outline.png')) },
    ]),
  };
}
