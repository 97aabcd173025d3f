import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seedDemoSchool } from '../../demo/demoSchool';
import { DEMO_TRUST_NAME, seedDemoTrust } from '../../demo/demoTrust';
import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';

/**
 * The demo trust in Chromium, as its lead, the local authority's officer and a school lead get it:
 * the schools side by side, a school's figures, the termly evaluation and its printable page, the
 * gap analysis; axe-core on each; nothing but the service is reached; no pupil is ever named.
 */
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const NOW = new Date('2027-02-10T10:00:00Z');

let svc: RunningService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const outside: string[] = [];
let pupilNames: string[];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const clock = new ManualClock(NOW);
  svc = await startTestService({ clock, env: { LOCAL_SIGN_IN: 'true' } });
  const seeded = await seedDemoSchool(svc.ctx.prisma, clock);
  if (!seeded.created) throw new Error('no demo school');
  await seedDemoTrust(svc.ctx.prisma, clock, seeded.schoolId, svc.ctx.config.publicBaseUrl);
  pupilNames = (await svc.ctx.prisma.pupil.findMany({ select: { lastName: true } })).map((p) => p.lastName);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  // axe-core is injected by the test, so the page's CSP is bypassed for it.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
  page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(svc.baseUrl) && !r.url().startsWith('about:') && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url());
  });
});
afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

async function signInAs(name: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${svc.baseUrl}/dashboard/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('about:blank');
  await page.goto(`${svc.baseUrl}/dashboard/`);
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor();
}

async function violations(p: Page = page): Promise<string[]> {
  await p.addScriptTag({ content: AXE });
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const noPupilNamed = async (): Promise<void> => {
  const text = await page.locator('main').innerText();
  expect(pupilNames.filter((name) => text.includes(name))).toEqual([]);
};

describe('the demo trust in the dashboard', () => {
  it('Given the sign-in page, Then the trust lead and the officer are offered beside the schools’ staff', async () => {
    await page.goto(`${svc.baseUrl}/dashboard/`);
    const offered = page.getByRole('list', { name: 'Demo trust and local authority' }).getByRole('button');
    // allTextContents does not wait: the sign-in list is drawn after /auth/local answers.
    await offered.first().waitFor();
    await expect(offered.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^Tom Bennett.*Local authority officer · Demo County Council/),
      expect.stringMatching(/^Priya Shah.*Trust lead · Demo Learning Trust/),
    ]);
  });

  it("When the trust lead signs in, Then her three schools are side by side with the trust's total, small numbers suppressed, and no child named", async () => {
    await signInAs('Priya Shah');
    await expect(page.locator('#who').textContent()).resolves.toContain(DEMO_TRUST_NAME);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(DEMO_TRUST_NAME);
    const pupils = page.getByRole('region', { name: 'Pupils', exact: true });
    await expect(pupils.locator('tbody th').allTextContents()).resolves.toEqual(['Demo High School (demo data)', 'Demo Junior School (demo data)', 'Demo Primary School (demo data)']);
    await expect(pupils.locator('tbody tr').first().locator('td').first().textContent()).resolves.toBe('24');
    await expect(page.locator('.suppressed', { hasText: 'fewer than 5' }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: 'Key teachers' }).isHidden()).resolves.toBe(true);
    await noPupilNamed();
    expect(await violations()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'trust-overview.png'), fullPage: true });
  });

  it("When she opens a school, Then she sees its figures and its conversations month by month, never a pupil list", async () => {
    await page.getByRole('link', { name: 'Demo High School (demo data)' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Demo High School (demo data)' }).waitFor();
    await expect(page.locator('#pupils').count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Conversations held per month' }).locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await noPupilNamed();
    expect(await violations()).toEqual([]);
  });

  it('When she opens the termly evaluation, Then each school’s last term is compared with its baseline, and the page the API prints passes the same checks and prints', async () => {
    await page.getByRole('link', { name: 'Termly evaluation' }).click();
    await page.getByRole('heading', { level: 1, name: /^Termly evaluation: Demo Learning Trust/ }).waitFor();
    await expect(page.getByRole('region', { name: 'Terms compared' }).locator('li').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^Demo High School \(demo data\): Autumn 2026: .*; baseline Autumn 2026/), expect.stringMatching(/^Demo Junior School \(demo data\): No term entered/)]));
    await expect(page.getByRole('heading', { level: 2 }).allTextContents()).resolves.toEqual(expect.arrayContaining(['Terms compared', 'The cohort', 'Structured conversations', 'Parents and carers', "The pupil's views", 'Targets', "Key teachers' load", 'Not counted yet']));
    await noPupilNamed();
    expect(await violations()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'trust-evaluation.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    expect((await download).suggestedFilename()).toBe('evaluation-demo-learning-trust-demo-data-.csv');

    // The printable page, alone in a tab as the print frame holds it: accessible, and it prints.
    const html = await (await page.request.get(`${svc.baseUrl}/api/organisations/${(await svc.ctx.prisma.organisation.findFirstOrThrow({ where: { kind: 'TRUST' } })).id}/evaluation?format=html`, { headers: { authorization: `Bearer ${await page.evaluate(() => JSON.parse(sessionStorage.getItem('send-dashboard.local-token')!).token as string)}` } })).text();
    const printable = await context.newPage();
    await printable.setContent(html);
    await expect(printable.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Termly evaluation: Demo Learning Trust/);
    expect(await violations(printable)).toEqual([]);
    await printable.emulateMedia({ media: 'print' });
    const pdf = await printable.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await printable.screenshot({ path: path.join(ARTIFACTS, 'trust-evaluation-print.png'), fullPage: true });
    await printable.close();
  });

  it('When she opens the gap analysis, Then the school that just joined has its list of what is missing', async () => {
    await page.getByRole('link', { name: 'Gap analysis' }).click();
    const joined = page.getByRole('region', { name: /^Demo Junior School/ });
    await joined.waitFor();
    await expect(joined.locator('li.todo strong').allTextContents()).resolves.toEqual(expect.arrayContaining(['Terms entered for the rest of the year', 'A SENCO named', 'Every pupil has a key teacher']));
    expect(await violations()).toEqual([]);
  });

  it("Given the local authority's officer, Then he sees the two schools of his area, not the trust's secondary", async () => {
    await signInAs('Tom Bennett');
    await expect(page.getByRole('region', { name: 'Pupils', exact: true }).locator('tbody th').allTextContents()).resolves.toEqual(['Demo Junior School (demo data)', 'Demo Primary School (demo data)']);
  });

  it("Given the demo primary's school lead, Then she has her school's own evaluation (exact figures, her key teachers named) and its checklist", async () => {
    await signInAs('David Osei');
    await page.getByRole('link', { name: 'Termly evaluation' }).click();
    await page.getByRole('heading', { level: 1, name: /^Termly evaluation: Demo Primary School/ }).waitFor();
    await expect(page.getByRole('heading', { level: 2, name: 'Pupils per key teacher' }).count()).resolves.toBe(1);
    expect(await violations()).toEqual([]);
    await page.getByRole('link', { name: 'Gap analysis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Getting started' }).waitFor();
    expect(await violations()).toEqual([]);
  });

  it('Then the pages reached nothing but the service', () => {
    expect(outside).toEqual([]);
  });
});
