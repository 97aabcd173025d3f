/**
 * Who is using the dashboard. Inside Teams: the Teams SDK's single sign-on token (an Entra token
 * for our app, verified by the API). Outside Teams, in the demo only: a token from the local
 * sign-in, kept for this browser tab.
 */
export interface Session {
  token: string;
  mode: 'teams' | 'local';
}

const LOCAL_KEY = 'send-dashboard.local-token';
const TEAMS_INIT_TIMEOUT_MS = 4000;

/** Teams hosts the tab in a frame (web, desktop) or a webview with a native bridge (mobile). */
function maybeInTeams(): boolean {
  return window.parent !== window || 'nativeInterface' in window || Boolean(window.opener);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => window.setTimeout(() => reject(new Error('timeout')), ms))]);
}

export class TeamsSignInError extends Error {}

/**
 * Null when not running inside Teams. The Teams SDK is loaded only when the page may be in Teams:
 * merely loading it fetches Microsoft's list of Teams domains from res.cdn.office.net, and outside
 * Teams the page must not reach anything but this service.
 */
export async function teamsSession(): Promise<Session | null> {
  if (!maybeInTeams()) return null;
  const { app, authentication } = await import('@microsoft/teams-js');
  try {
    await withTimeout(app.initialize(), TEAMS_INIT_TIMEOUT_MS);
  } catch {
    return null;
  }
  const context = await app.getContext();
  document.documentElement.dataset.theme = context.app.theme;
  app.notifySuccess();
  try {
    return { token: await authentication.getAuthToken(), mode: 'teams' };
  } catch (err) {
    throw new TeamsSignInError(`Teams could not sign you in (${err instanceof Error ? err.message : String(err)}). Ask your administrator to check the app's single sign-on settings.`);
  }
}

export function localSession(): Session | null {
  const raw = sessionStorage.getItem(LOCAL_KEY);
  if (!raw) return null;
  const saved = JSON.parse(raw) as { token: string; expiresAt: string };
  if (new Date(saved.expiresAt).getTime() <= Date.now()) {
    sessionStorage.removeItem(LOCAL_KEY);
    return null;
  }
  return { token: saved.token, mode: 'local' };
}

export function saveLocalSession(token: string, expiresAt: string): void {
  sessionStorage.setItem(LOCAL_KEY, JSON.stringify({ token, expiresAt }));
}

export function signOut(): void {
  sessionStorage.removeItem(LOCAL_KEY);
}
