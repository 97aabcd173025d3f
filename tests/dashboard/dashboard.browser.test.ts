import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';
import { REPORT_AT, seedKnownSchools, type KnownSchools } from '../digest/knownSchools';

/**
 * The dashboard in real Chromium against the running service and the known data set: sign in
 * outside Teams, overview, filters, a pupil's timeline, role rules, audit, exports, keyboard and
 * an automated accessibility check (axe-core). Screenshots go to tests/artifacts/ (the README's
 * picture is taken of the demo school: demo.browser.test.ts).
 */
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let svc: RunningService;
let known: KnownSchools;
let browser: Browser;

/** A mother's text in Urdu, answered: it shows in George's record without changing any waiting figure. */
const URDU_TEXT = 'جارج کو آج اسکول میں بہت مزہ آیا، شکریہ! ہم جمعرات 3 بجے آ سکتے ہیں۔';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  svc = await startTestService({ clock: new ManualClock(REPORT_AT), env: { LOCAL_SIGN_IN: 'true' } });
  known = await seedKnownSchools(svc.ctx.prisma);
  const mother = await svc.ctx.prisma.pupilContact.findFirstOrThrow({ where: { pupilId: known.pupils.george } });
  const urdu = await svc.ctx.prisma.message.create({
    data: { schoolId: known.oakfield, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', contactId: mother.contactId, pupilId: known.pupils.george, body: URDU_TEXT, createdAt: new Date('2026-11-12T16:00:00Z'), handledAt: new Date('2026-11-12T17:00:00Z') },
  });
  // She sent a photograph with it (a 1x1 PNG, as the media job keeps it).
  await svc.ctx.prisma.messageMedia.create({ data: { messageId: urdu.id, position: 0, declaredType: 'image/png', contentType: 'image/png', data: new Uint8Array(PNG), size: PNG.length, status: 'STORED' } });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

// The page's CSP allows only its own scripts; axe-core is injected by the test, so CSP is bypassed for it.
const newContext = (): Promise<BrowserContext> => browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });

async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto(`${svc.baseUrl}/dashboard/`);
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Sign in' }).waitFor();
}

async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/** A fresh load of the page (a hash-only change would reuse the page in its current state). */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${svc.baseUrl}/dashboard/${hash}`);
}

const pupilNames = (page: Page): Promise<string[]> => page.locator('#pupils tbody th a').allTextContents();

/** Every chart label's size on screen: its font size times the SVG's scale to the screen. */
const chartLabelPixels = (page: Page): Promise<number[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<SVGTextElement>('svg.chart text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.ownerSVGElement!.getScreenCTM()?.a ?? 0)),
  );

/** Requests the page makes, to check none leaves the service. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

describe('the dashboard in Chromium, signed in as the school lead', () => {
  let context: BrowserContext;
  let page: Page;
  let requests: string[];

  beforeAll(async () => {
    context = await newContext();
    requests = recordRequests(context);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context.close();
  });

  it('Given the page is opened outside Teams, Then it falls back to the demo sign-in listing the demo school staff', async () => {
    await page.goto(`${svc.baseUrl}/dashboard/`);
    await page.getByRole('heading', { name: 'Sign in to the demo' }).waitFor();
    const people = await page.getByRole('list', { name: 'Demo staff' }).getByRole('button').allTextContents();
    expect(people).toHaveLength(6);
    expect(people[1]).toContain('Hana Lewis');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sign-in.png') });
  });

  it('When the lead picks her name, Then the school overview shows the digest figures, charts and every pupil', async () => {
    await signInAs(page, 'Hana Lewis');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('School overview');
    const conversations = page.getByRole('region', { name: 'Structured conversations' });
    await expect(conversations.locator('dt:has-text("Overdue") + dd').textContent()).resolves.toBe('3');
    await expect(page.getByRole('region', { name: 'Parents' }).locator('dt:has-text("Longest wait") + dd').textContent()).resolves.toBe('3 d');
    await expect(page.getByRole('img', { name: /Structured conversations held per month/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('img', { name: /Targets by status in each area/ }).count()).resolves.toBe(1);
    expect(await pupilNames(page)).toEqual(['Ethan Brown', 'Bella Jones', 'Amir Khan', 'Hannah Lee', 'Isla Novak', 'Daisy Patel', 'Caleb Smith', 'George Taylor', 'Freya Wilson']);
    await expect(page.locator('#who').textContent()).resolves.toContain('Hana Lewis, Oakfield Academy');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview.png'), fullPage: true });
  });

  it('Then every chart label is at least 12px on screen, and each chart is still an image with a title, a description and its numbers', async () => {
    const sizes = await chartLabelPixels(page);
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    for (const chart of await page.locator('svg.chart').all()) {
      await expect(chart.getAttribute('role')).resolves.toBe('img');
      await expect(chart.evaluate((svg) => (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.tagName))).resolves.toEqual(['title', 'desc']);
    }
    await expect(page.getByRole('region', { name: /: the numbers$/, includeHidden: true }).count()).resolves.toBe(3);
    await page.getByRole('img', { name: /Structured conversations held per month/ }).screenshot({ path: path.join(ARTIFACTS, 'chart-held.png') });
  });

  it.each([
    [{ 'Year group': 'Year 7' }, ['Bella Jones', 'Amir Khan', 'George Taylor'], 3],
    [{ 'Year group': 'Year 8', Need: 'Specific learning difficulty' }, ['Hannah Lee', 'Daisy Patel'], 1],
    [{ 'SEN status': 'EHC plan' }, ['Ethan Brown', 'Bella Jones'], 2],
  ])('When filtered by %j, Then the pupils and figures narrow and the change is announced', async (filters, names, onRegister) => {
    await open(page, '#/');
    await page.locator('#pupils').waitFor();
    for (const [label, option] of Object.entries(filters)) {
      await page.getByLabel(label, { exact: true }).selectOption({ label: option });
      await page.waitForFunction((l) => location.hash.includes(l), label === 'Need' ? 'need=' : label === 'SEN status' ? 'senStatus=' : 'yearGroup=');
    }
    await page.waitForFunction((n) => document.querySelectorAll('#pupils tbody tr').length === n, names.length);
    expect(await pupilNames(page)).toEqual(names);
    await expect(page.locator('.subtitle').first().textContent()).resolves.toContain(`${onRegister} pupils on the SEN register`);
    await page.waitForFunction((n) => document.getElementById('status')?.textContent?.includes(`${n} pupils shown`), names.length);
    await page.screenshot({ path: path.join(ARTIFACTS, `filter-${Object.values(filters).join('-').replace(/\W+/g, '-').toLowerCase()}.png`), fullPage: true });
  });

  it("When she opens Amir's record, Then the timeline shows the conversation's four stages, views, targets with progress and texts, and the view is audited", async () => {
    await open(page, '#/');
    await page.getByRole('link', { name: 'Amir Khan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Amir Khan' }).waitFor();
    const timeline = page.locator('#timeline');
    for (const stage of ['Explore', 'Focus', 'Plan', 'Review']) await expect(timeline.getByRole('heading', { level: 4, name: stage }).count()).resolves.toBe(1);
    await expect(timeline.textContent()).resolves.toContain('Strengths: Loves building things');
    await expect(timeline.getByRole('heading', { name: 'Text from Mrs Khan' }).count()).resolves.toBe(1);
    await expect(timeline.textContent()).resolves.toContain('Thank you, he told us all about it!');
    await expect(timeline.getByRole('list', { name: 'Progress' }).textContent()).resolves.toContain('Reads to his brother at home');
    await expect(timeline.textContent()).resolves.toContain("Pupil's views");
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'pupil-timeline.png'), fullPage: true });
    const views = await svc.ctx.prisma.auditEvent.findMany({ where: { action: 'pupil.view', entityId: known.pupils.amir, actorId: known.staff.lead } });
    expect(views).toHaveLength(1);
    // Subject access requests are for the admins and the SENCO.
    await expect(page.getByRole('heading', { name: 'Requests about personal data' }).count()).resolves.toBe(0);
  });

  it('When she downloads the CSV, Then the file is the record and the export is audited', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('record-khan-amir.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFF"Date","Entry","Status","Detail"');
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'pupil.export', entityId: known.pupils.amir } })).toBe(1);
  });

  it('Then the key teachers view shows each caseload, flagging more than five', async () => {
    await page.getByRole('link', { name: 'Key teachers' }).click();
    await page.locator('#key-teachers').waitFor();
    await expect(page.locator('#key-teachers tbody tr').first().textContent()).resolves.toMatch(/^Kate Morgan More than 5\s*6/);
    await expect(page.getByRole('link', { name: 'Key teachers' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'key-teachers.png'), fullPage: true });
  });

  it("When she opens a record with a text in Urdu, Then the parent's words and names are laid out in their own direction", async () => {
    await open(page, `#/pupils/${known.pupils.george}`);
    await page.getByRole('heading', { level: 1, name: 'George Taylor' }).waitFor();
    const quote = page.locator('#timeline blockquote', { hasText: URDU_TEXT });
    await expect(quote.getAttribute('dir')).resolves.toBe('auto');
    // The browser resolved the direction from the words themselves: right to left.
    await expect(quote.evaluate((q) => q.matches(':dir(rtl)'))).resolves.toBe(true);
    await expect(page.locator('#timeline h3 bdi[dir="auto"]').first().textContent()).resolves.toBe('Mrs Taylor-Novak');
    await expect(page.locator('h1 bdi[dir="auto"]').textContent()).resolves.toBe('George Taylor');
    await page.screenshot({ path: path.join(ARTIFACTS, 'pupil-urdu.png'), fullPage: true });
  });

  it("When she opens a record with a parent's photograph, Then the page fetches it with her token and draws it under its own policy (not bypassed here), and the look is audited", async () => {
    const strict = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const refused: string[] = [];
    const p = await strict.newPage();
    p.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await signInAs(p, 'Hana Lewis');
    await p.goto(`${svc.baseUrl}/dashboard/#/pupils/${known.pupils.george}`);
    const picture = p.locator('#timeline img.parent-picture');
    await picture.waitFor();
    await p.waitForFunction(() => (document.querySelector<HTMLImageElement>('#timeline img.parent-picture')?.naturalWidth ?? 0) > 0);
    await expect(picture.getAttribute('alt')).resolves.toBe('A picture sent by Mrs Taylor-Novak');
    await expect(picture.getAttribute('src')).resolves.toMatch(/^blob:/);
    await expect(p.locator('#timeline figcaption').first().textContent()).resolves.toBe('picture, 1 KB');
    expect(refused).toEqual([]);
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'message.media.view', actorKind: 'STAFF', actorLabel: { startsWith: 'hana' } } })).toBeGreaterThan(0);
    await strict.close();
  });

  it('Then nothing the page loaded, in any of these views, came from anywhere but the service (no Microsoft CDN outside Teams)', async () => {
    expect(requests.length).toBeGreaterThan(20);
    const elsewhere = requests.filter((url) => new URL(url).origin !== svc.baseUrl && !/^(about|data|blob):/.test(url));
    expect(elsewhere).toEqual([]);
  });

  it('Works from the keyboard: the first Tab reaches the skip link, which moves focus to the content, with a visible focus ring', async () => {
    await open(page, '#/');
    await page.locator('#pupils').waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement!).outlineStyle }));
    expect(focused).toEqual({ text: 'Skip to content', outline: 'solid' });
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    // ...without touching the address, which holds the route and its filters.
    expect(new URL(page.url()).hash).toBe('#/');
    // Into the filters and change the year group without a mouse.
    const yearGroup = page.getByLabel('Year group', { exact: true });
    await yearGroup.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => location.hash.includes('yearGroup='));
  });
});

describe('the dashboard in Chromium, signed in as a key teacher', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
    await signInAs(page, 'Kate Morgan');
  });
  afterAll(async () => {
    await context.close();
  });

  it('Then she sees her own six pupils and no key-teacher table', async () => {
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('My pupils');
    await page.locator('#pupils').waitFor();
    expect(await pupilNames(page)).toEqual(['Ethan Brown', 'Bella Jones', 'Amir Khan', 'Daisy Patel', 'Caleb Smith', 'Freya Wilson']);
    await expect(page.getByRole('link', { name: 'Key teachers' }).isVisible()).resolves.toBe(false);
    await expect(page.getByLabel('Key teacher', { exact: true }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'key-teacher-overview.png'), fullPage: true });
  });

  it("When she opens another teacher's pupil by address, Then the page refuses, the API answers 403 and nothing is audited as a view", async () => {
    await open(page, `#/pupils/${known.pupils.george}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe("You can see your own pupils' records only");
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Not your pupil');
    const status = await page.evaluate(async (id) => {
      const token = JSON.parse(sessionStorage.getItem('send-dashboard.local-token')!).token as string;
      return (await fetch(`/api/dashboard/pupils/${id}`, { headers: { authorization: `Bearer ${token}` } })).status;
    }, known.pupils.george);
    expect(status).toBe(403);
    await page.screenshot({ path: path.join(ARTIFACTS, 'key-teacher-refused.png') });
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'pupil.view', entityId: known.pupils.george, actorId: known.staff.kate } })).toBe(0);
  });

  it('When she opens her own pupil, Then the record shows and the view is audited under her name', async () => {
    await open(page, `#/pupils/${known.pupils.caleb}`);
    await page.getByRole('heading', { level: 1, name: 'Caleb Smith' }).waitFor();
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'pupil.view', entityId: known.pupils.caleb, actorId: known.staff.kate } })).toBe(1);
    await expect(page.getByRole('heading', { name: 'Requests about personal data' }).count()).resolves.toBe(0);
  });
});

describe('the dashboard in Chromium, signed in as the SENCO', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
    await signInAs(page, 'Sam Okafor');
  });
  afterAll(async () => {
    await context.close();
  });

  it("Given Amir's mother asks what the school holds, When the SENCO opens his record, Then she can print the answer about Amir or about each parent, and the export is audited", async () => {
    await open(page, `#/pupils/${known.pupils.amir}`);
    await page.getByRole('heading', { level: 1, name: 'Amir Khan' }).waitFor();
    const requests = page.getByRole('region', { name: 'Requests about personal data' });
    const buttons = await requests.getByRole('button').allTextContents();
    expect(buttons[0]).toBe('Everything held about Amir');
    expect(buttons.length).toBeGreaterThan(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await requests.screenshot({ path: path.join(ARTIFACTS, 'senco-data-requests.png') });

    await requests.getByRole('button', { name: 'Everything held about Amir' }).click();
    const frame = page.locator('iframe[data-export]');
    await frame.waitFor({ state: 'attached' });
    await expect(frame.evaluate((f) => (f as HTMLIFrameElement).srcdoc)).resolves.toContain('holds about <bdi dir="auto">Amir Khan</bdi>');
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'pupil.subjectAccess', entityId: known.pupils.amir, actorId: known.staff.senco } })).toBe(1);
  });
});

describe('the dashboard on a phone (Teams mobile, 390 x 844), signed in as the school lead', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true, locale: 'en-GB', timezoneId: 'Europe/London' });
    page = await context.newPage();
    await signInAs(page, 'Hana Lewis');
  });
  afterAll(async () => {
    await context.close();
  });

  const pageWidth = () => page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

  /** The page never scrolls sideways, and Sign out is wholly on screen. */
  async function fitsTheScreen(): Promise<void> {
    const { scrollWidth, innerWidth } = await pageWidth();
    expect(innerWidth).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const signOut = (await page.getByRole('button', { name: 'Sign out' }).boundingBox())!;
    expect(signOut.x).toBeGreaterThanOrEqual(0);
    expect(signOut.x + signOut.width).toBeLessThanOrEqual(390);
  }

  it('Then the overview fits the screen: the top bar wraps, filters stack, the pupils table scrolls in its own focusable, named box, chart labels stay readable', async () => {
    await page.locator('#pupils').waitFor();
    await fitsTheScreen();
    const fields = await Promise.all(['Year group', 'Need', 'SEN status', 'Key teacher'].map(async (label) => (await page.getByLabel(label, { exact: true }).boundingBox())!));
    expect(new Set(fields.map((f) => Math.round(f.x))).size).toBe(1);
    for (let i = 1; i < fields.length; i += 1) expect(fields[i]!.y).toBeGreaterThan(fields[i - 1]!.y + fields[i - 1]!.height);
    const table = page.getByRole('region', { name: 'Pupils', exact: true });
    await expect(table.getAttribute('tabindex')).resolves.toBe('0');
    const box = await table.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, overflowX: getComputedStyle(el).overflowX }));
    expect(box.overflowX).toBe('auto');
    expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
    // From the keyboard: focus the box, then the arrow key scrolls the table sideways.
    await table.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[role="region"][aria-label="Pupils"]')!.scrollLeft > 0);
    expect(Math.min(...(await chartLabelPixels(page)))).toBeGreaterThanOrEqual(12);
    await table.evaluate((el) => el.scrollTo(0, 0));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-overview-top.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-overview.png'), fullPage: true });
  });

  it('Then the key teachers view fits the screen, its table scrolling in its own box', async () => {
    await open(page, '#/teachers');
    await page.locator('#key-teachers').waitFor();
    await fitsTheScreen();
    await expect(page.getByRole('region', { name: 'Key teachers', exact: true }).getAttribute('tabindex')).resolves.toBe('0');
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-key-teachers.png'), fullPage: true });
  });

  it("Then a pupil's record, with a long text in Urdu, fits the screen", async () => {
    await open(page, `#/pupils/${known.pupils.george}`);
    await page.locator('#timeline').waitFor();
    await fitsTheScreen();
    await page.screenshot({ path: path.join(ARTIFACTS, 'phone-pupil.png'), fullPage: true });
  });
});

describe('figures open the lists they count, and an empty view says why', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext();
    page = await context.newPage();
    await signInAs(page, 'Hana Lewis');
    await page.locator('#pupils').waitFor();
  });
  afterAll(async () => {
    await context.close();
  });

  it("Given the overview, Then every figure's number is a link, and Overdue opens a list of exactly its 3 conversations, each leading to the pupil's record", async () => {
    await expect(page.locator('dl.tiles dd').evaluateAll((dds) => dds.filter((dd) => !dd.querySelector('a[href^="#/figures/"]')).length)).resolves.toBe(0);
    await expect(page.locator('[role="region"][aria-label="Targets this school year"] td.number').evaluateAll((tds) => tds.filter((td) => !td.querySelector('a[href^="#/figures/"]')).length)).resolves.toBe(0);
    await expect(page.locator('a[data-figure]').count()).resolves.toBeGreaterThan(30);
    await page.getByRole('link', { name: 'Overdue: 3. Show the list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overdue conversations' }).waitFor();
    const rows = page.locator('#figure-rows tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await expect(page.locator('#figure-rows tbody th a[href^="#/pupils/"]').count()).resolves.toBe(3);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'figure-overdue.png'), fullPage: true });
  });

  it('Given a key teacher\'s number on the key teachers view, When it is opened, Then the list is that teacher\'s, as long as the number', async () => {
    await open(page, '#/teachers');
    await page.locator('#key-teachers').waitFor();
    const link = page.getByRole('link', { name: /^Kate Morgan, pupils: \d+\. Show the list$/ });
    const shown = Number(await link.textContent());
    await link.click();
    await page.locator('#figure-rows').waitFor();
    await expect(page.locator('#figure-rows tbody tr').count()).resolves.toBe(shown);
  });

  it('Given filters that match no pupil, Then the page says no pupils match them and offers all pupils, instead of an empty table', async () => {
    await open(page, '#/?yearGroup=9&need=HI');
    await page.locator('#pupils-empty').waitFor();
    await expect(page.locator('#pupils-empty').textContent()).resolves.toBe('No pupils match these filters. Show all pupils.');
    await expect(page.locator('#pupils').count()).resolves.toBe(0);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'No pupils match these filters.');
    await page.getByRole('link', { name: 'Show all pupils' }).click();
    await page.locator('#pupils').waitFor();
  });

  it('Given a figure that counts nothing with the filters chosen, Then its list says so, and offers it for all pupils', async () => {
    await open(page, '#/figures/parents.repliesWaiting?yearGroup=9');
    await page.locator('#figure-empty').waitFor();
    await expect(page.locator('#figure-empty').textContent()).resolves.toBe('Nothing is counted here with these filters. Show it for all pupils');
  });
});
