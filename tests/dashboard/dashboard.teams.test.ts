import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';
import { fakeEntra, PUBLIC_BASE_URL } from '../api/entraTokens';
import { REPORT_AT, seedKnownSchools } from '../digest/knownSchools';

/**
 * The dashboard as a Teams tab: a stand-in Teams host page (served at https://teams.microsoft.com
 * by the browser's request routing, so the Teams SDK trusts its origin) frames the dashboard (at
 * the service's public https address, routed to the test service) and
 * answers the SDK's messages: initialize, getContext, and getAuthToken with an Entra token that
 * the service verifies against the test tenant's keys.
 */
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

function hostPage(dashboardUrl: string, token: string): string {
  return `<!doctype html><html lang="en"><head><title>Microsoft Teams (stand-in)</title></head><body>
<iframe id="tab" title="Dashboard" src="${dashboardUrl}" style="width:1240px;height:860px;border:0"></iframe>
<script>
window.calls = [];
const context = { locale: 'en-gb', theme: 'default', entityId: 'dashboard', hostClientType: 'web', frameContext: 'content', userPrincipalName: 'hana.lewis@oakfield.example' };
window.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m.func !== 'string') return;
  window.calls.push(m.func);
  const reply = (args) => e.source.postMessage({ id: m.id, uuid: m.uuid, args }, e.origin);
  if (m.func === 'initialize') reply(['content', 'web', '2.0.0']);
  else if (m.func === 'getContext') reply([context]);
  else if (m.func === 'authentication.getAuthToken') reply([true, ${JSON.stringify(token)}]);
});
</script></body></html>`;
}

let svc: RunningService;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const entra = await fakeEntra();
  svc = await startTestService({ ...entra.serviceOptions, clock: new ManualClock(REPORT_AT) });
  await seedKnownSchools(svc.ctx.prisma);
  const token = await entra.token({ oid: 'oid-hana.lewis@oakfield.example', preferred_username: 'hana.lewis@oakfield.example' });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('https://teams.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/html', body: hostPage(`${PUBLIC_BASE_URL}/dashboard/`, token) }));
  // Teams frames the tab at the service's https address; here that address is the test service.
  await context.route(`${PUBLIC_BASE_URL}/**`, async (route) => route.fulfill({ response: await route.fetch({ url: route.request().url().replace(PUBLIC_BASE_URL, svc.baseUrl) }) }));
  // No network here: the SDK falls back to its built-in list of Teams domains.
  await context.route('https://res.cdn.office.net/**', (route) => route.abort());
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

describe('the dashboard inside a Teams host', () => {
  it('Given Teams frames the tab, Then it initialises, reads the context, signs in with Teams SSO and shows the school overview without the demo sign-in', async () => {
    await page.goto('https://teams.microsoft.com/_#/apps/dashboard');
    const tab = page.frameLocator('#tab');
    await tab.getByRole('heading', { level: 1, name: 'School overview' }).waitFor();
    await expect(tab.locator('#who').textContent()).resolves.toBe('Hana Lewis, Oakfield Academy');
    await expect(tab.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
    const calls = await page.evaluate(() => (window as unknown as { calls: string[] }).calls);
    expect(calls).toEqual(expect.arrayContaining(['initialize', 'getContext', 'appInitialization.success', 'authentication.getAuthToken']));
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'staff.localSignIn' } })).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'teams-host.png') });
  });

  it('Given the service has no local sign-in (Entra configured), Then outside Teams the page says to open it in Teams', async () => {
    const outside = await page.context().newPage();
    await outside.goto(`${PUBLIC_BASE_URL}/dashboard/`);
    await outside.getByRole('heading', { name: 'Open the dashboard in Microsoft Teams' }).waitFor();
    await outside.close();
  });
});
