import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Command } from '../cards/command';
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

/** manifest.json + color.png + outline.png, zipped at the top level as Teams expects; the menu lists `commands`. */
export function buildTeamsPackage(settings: ManifestSettings, commands: readonly Command[], dir = __dirname): { zip: Buffer; manifest: Record<string, unknown> } {
  const manifest = teamsManifest(settings, commands);
  return {
    manifest,
    zip: zip([
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
      { name: 'color.png', data: readFileSync(path.join(dir, 'color.png')) },
      { name: 'outline.png', data: readFileSync(path.join(dir, 'outline.png')) },
    ]),
  };
}

/**
 * What packaging needs from the environment: the bot's app id and the public address, nothing
 * else. The service's own configuration (secrets, database) is not read: whoever builds the
 * package need not hold the bot's client secret.
 */
const packagingEnv = z.object({
  MicrosoftAppId: z
    .string({ error: 'required: the Application (client) ID of the bot\'s Entra app registration' })
    .trim()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be the Application (client) ID, a GUID such as 11111111-2222-3333-4444-555555555555'),
  PUBLIC_BASE_URL: z
    .string({ error: 'required: the https address Teams reaches this service at, e.g. https://engage.oakfield.sch.uk' })
    .trim()
    .pipe(z.url({ protocol: /^https$/, error: 'must be an https address, e.g. https://engage.oakfield.sch.uk (Teams only opens https)' })),
});

export type PackagingSettings = { ok: true; appId: string; publicBaseUrl: string } | { ok: false; problems: string[] };

export function packagingSettings(env: NodeJS.ProcessEnv): PackagingSettings {
  const parsed = packagingEnv.safeParse({ MicrosoftAppId: env.MicrosoftAppId || undefined, PUBLIC_BASE_URL: env.PUBLIC_BASE_URL || undefined });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  return { ok: true, appId: parsed.data.MicrosoftAppId, publicBaseUrl: parsed.data.PUBLIC_BASE_URL.replace(/\/+$/, '') };
}
