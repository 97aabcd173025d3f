import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seedDemoSchool } from '../../demo/demoSchool';
import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';

/**
 * The demo school as someone trying the product sees it on first start: signed in as its school
 * lead, every part of the overview has something to show. `npm run screenshot` takes the README's
 * picture (docs/dashboard.png) from here, so the README shows what a new user gets.
 */
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const NOW = new Date('2026-11-25T13:41:00Z');

let svc: RunningService;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const clock = new ManualClock(NOW);
  svc = await startTestService({ clock, env: { LOCAL_SIGN_IN: 'true' } });
  await seedDemoSchool(svc.ctx.prisma, clock);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

const tile = (region: string, label: string): Promise<string | null> =>
  page.getByRole('region', { name: region, exact: true }).locator(`dt:text-is("${label}") + dd`).textContent();

describe('the demo school in the dashboard, on first start', () => {
  it('Given the demo was just created, When its school lead signs in, Then the figures, the charts and the pupils all show its term of history', async () => {
    await page.goto(`${svc.baseUrl}/dashboard/`);
    await page.getByRole('button', { name: /^David Osei/ }).click();
    await page.locator('#pupils').waitFor();
    await expect(page.locator('#who').textContent()).resolves.toContain('Demo Primary School (demo data)');
    await expect(tile('Structured conversations', 'Held this term')).resolves.toBe('7');
    await expect(tile('Parents', 'Replies waiting for an answer')).resolves.toBe('1');
    await expect(tile('Parents', 'Opted out of texts')).resolves.toBe('1');
    await expect(tile('Pupil voice and confidence', 'Parental confidence')).resolves.toBe('3.50 / 5');
    await expect(tile('Delivery problems since the last digest', 'Texts to parents not delivered')).resolves.toBe('1');
    // Bars of held conversations in more than one month, a confidence line, and targets in every area.
    const heldBars = await page.getByRole('img', { name: /Structured conversations held per month/ }).locator('rect').evaluateAll((rects) => rects.filter((r) => Number(r.getAttribute('height')) > 0).length);
    expect(heldBars).toBeGreaterThanOrEqual(2);
    await expect(page.getByRole('img', { name: /Average parental confidence/ }).locator('polyline').count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: /Targets by status in each area/ }).locator('rect').count()).resolves.toBeGreaterThanOrEqual(6);
    await expect(page.locator('#pupils tbody tr').count()).resolves.toBe(8);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-overview.png'), fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), clip: { x: 0, y: 0, width: 1280, height: 1420 }, fullPage: true });
      copyFileSync(path.join(ARTIFACTS, 'dashboard.png'), path.join(__dirname, '..', '..', 'docs', 'dashboard.png'));
    }
  });

  it("When she opens a pupil's record, Then the conversation's four stages, the pupil's views, targets with progress and texts in the parent's language are there", async () => {
    await page.getByRole('link', { name: 'Amir Hussain' }).click();
    const timeline = page.locator('#timeline');
    await timeline.waitFor();
    for (const stage of ['Explore', 'Focus', 'Plan', 'Review']) await expect(timeline.getByRole('heading', { level: 4, name: stage }).count()).resolves.toBe(1);
    await expect(timeline.getByRole('heading', { name: "Pupil's views" }).count()).resolves.toBe(1);
    await expect(timeline.getByRole('list', { name: 'Progress' }).allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Achieved'), expect.stringContaining('Working towards')]));
    await expect(timeline.locator('blockquote[dir="auto"]', { hasText: 'شکریہ' }).count()).resolves.toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-pupil.png'), fullPage: true });
  });

  it("Then the record's substance comes first: the service's own thank-yous and keyword answers are folded away, and the timeline can be narrowed to one kind", async () => {
    const timeline = page.locator('#timeline');
    const folded = page.locator('#automatic-texts');
    await expect(folded.locator('summary').textContent()).resolves.toMatch(/^\d+ automatic texts: acknowledgements, and keywords and numbers the service answered itself$/);
    await expect(folded.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    // The thank-you after a confidence score and the STOP confirmation are there, not in the timeline.
    for (const template of ['confidence.thanks', 'stop.confirmed']) {
      const text = (await svc.ctx.prisma.message.findFirstOrThrow({ where: { template, pupil: { firstName: 'Amir' } } })).body;
      await expect(folded.locator('blockquote', { hasText: text }).count()).resolves.toBeGreaterThanOrEqual(1);
      await expect(timeline.locator('blockquote', { hasText: text }).count()).resolves.toBe(0);
    }
    await page.getByRole('radio', { name: /^Texts \(\d+\)$/ }).check();
    await expect(timeline.locator(':scope > li:not([hidden])').evaluateAll((lis) => lis.every((li) => li.getAttribute('data-kind') === 'message'))).resolves.toBe(true);
    await expect(timeline.locator(':scope > li:not([hidden])').count()).resolves.toBeGreaterThan(0);
    await page.getByRole('radio', { name: /^Conversations \(1\)$/ }).check();
    await expect(timeline.locator(':scope > li:not([hidden])').count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-pupil-conversations.png'), fullPage: true });
    await page.getByRole('radio', { name: /^Everything/ }).check();
  });
});
