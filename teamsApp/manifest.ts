import { APP_NAME, type Command } from '../cards/command';
import { PRIVACY_PATH, TERMS_PATH } from './legalPages';

/**
 * The Teams app manifest (schema 1.19): the bot for personal chats with its command menu, and a
 * personal tab showing the dashboard, built from configuration so one package fits one deployment.
 */
export const MANIFEST_SCHEMA = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.19/MicrosoftTeams.schema.json';

export interface ManifestSettings {
  appId: string;
  publicBaseUrl: string;
  version: string;
  /** Shown to staff in Teams; the school or trust deploying it. */
  developerName?: string;
}

export function teamsManifest(s: ManifestSettings, commands: readonly Command[]): Record<string, unknown> {
  const base = s.publicBaseUrl.replace(/\/+$/, '');
  const host = new URL(base).host;
  const menu = commands
    .slice(0, 10)
    .map((c) => ({ title: c.usage.replace(/ <pupil>$/, ''), description: c.summary.slice(0, 128) }));
  return {
    $schema: MANIFEST_SCHEMA,
    manifestVersion: '1.19',
    version: s.version,
    id: s.appId,
    developer: {
      name: s.developerName ?? 'School engagement',
      websiteUrl: base,
      privacyUrl: `${base}${PRIVACY_PATH}`,
      termsOfUseUrl: `${base}${TERMS_PATH}`,
    },
    name: { short: APP_NAME.short, full: APP_NAME.full },
    description: {
      short: 'Prepare, record and follow up structured conversations with parents.',
      full: 'For the staff around pupils with special educational needs: key teachers get reminders, parent messages and cards to prepare and record the structured conversation (explore, focus, plan, review), pupil views and progress updates; SENCOs and school leads the weekly digest and the dashboard.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#2E6B5E',
    bots: [
      {
        botId: s.appId,
        scopes: ['personal'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal'], commands: menu }],
      },
    ],
    staticTabs: [
      { entityId: 'dashboard', name: 'Dashboard', contentUrl: `${base}/dashboard`, websiteUrl: `${base}/dashboard`, scopes: ['personal'] },
      { entityId: 'conversations', scopes: ['personal'] },
    ],
    permissions: ['identity'],
    validDomains: [host],
    webApplicationInfo: { id: s.appId, resource: `api://${host}/${s.appId}` },
  };
}
