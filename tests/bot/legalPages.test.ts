import { readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { commandMenu } from '../../service/capabilities';
import { teamsManifest } from '../../teamsApp/manifest';
import { startTestService, type RunningService } from '../support/testService';

/** The privacy notice and terms the Teams manifest links to, served by the running service. */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let svc: RunningService;
let browser: Browser;

beforeAll(async () => {
  svc = await startTestService({ env: { MESSAGE_RETENTION_DAYS: '365' } });
  await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary', contactPhone: '0161 496 0000', contactEmail: 'office@oakfield.sch.uk' } });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await svc.close();
});

const headings = (page: string): string[] => [...page.matchAll(/<h([12])>([^<]*)<\/h\1>/g)].map((m) => m[2]!);

describe('the pages the Teams manifest links to', () => {
  it("Given the manifest for this deployment, Then its privacy and terms links are this service's /privacy and /terms, and both answer 200", async () => {
    const manifest = teamsManifest({ appId: '11111111-2222-4333-8444-555555555555', publicBaseUrl: svc.baseUrl, version: '0.1.0' }, commandMenu()) as { developer: { privacyUrl: string; termsOfUseUrl: string } };
    expect(manifest.developer.privacyUrl).toBe(`${svc.baseUrl}/privacy`);
    expect(manifest.developer.termsOfUseUrl).toBe(`${svc.baseUrl}/terms`);
    for (const url of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      // Nothing may be loaded from anywhere, not even from the service itself.
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
  });

  it('Given a school, When anyone opens /privacy without signing in, Then it says who holds what, why, who sees it, for how long, and who to contact', async () => {
    const page = await (await fetch(`${svc.baseUrl}/privacy`)).text();
    expect(headings(page)).toEqual([
      'Privacy notice',
      'Who is responsible for the information',
      'What the service is for',
      'What information we hold',
      'Why we may use it',
      'Text messages never carry sensitive details',
      'Who can see what',
      'How long we keep it',
      'Audit trail',
      'Keeping it safe',
      'Your rights',
    ]);
    expect(page).toMatch(/<h3>About pupils<\/h3>[\s\S]*<h3>About parents and carers<\/h3>[\s\S]*<h3>About staff<\/h3>/);
    expect(page).toContain('Oakfield Primary is the data controller: contact the school (phone 0161 496 0000, or email <a href="mailto:office@oakfield.sch.uk">office@oakfield.sch.uk</a>)');
    expect(page).toContain('Children and Families Act 2014');
    expect(page).toContain('SEND Code of Practice');
    expect(page).toMatch(/special category data/i);
    expect(page).toMatch(/never carry a surname, diagnosis, type of need, SEN status or the wording of a target/);
    expect(page).toContain('removed after 365 days');
    expect(page).toContain("kept as part of the pupil's SEN file");
    expect(page).toMatch(/<strong>Key teachers<\/strong> see and update the records of their own pupils only/);
  });

  it('Given a school, When anyone opens /terms, Then it has the terms for staff and points to the privacy notice', async () => {
    const page = await (await fetch(`${svc.baseUrl}/terms`)).text();
    expect(headings(page)).toEqual(['Terms of use', 'Who may use it', 'Using it well', 'The records belong to the school', 'Availability', 'Questions']);
    expect(page).toContain('<a href="/privacy">privacy notice</a>');
    expect(page).toContain('phone 0161 496 0000');
  });

  it('Given both pages in a browser, Then they request nothing else and axe-core finds no WCAG 2.2 AA violation', async () => {
    for (const path of ['/privacy', '/terms']) {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`${svc.baseUrl}${path}`);
      expect(requests).toEqual([`${svc.baseUrl}${path}`]);
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
        return result.violations.map((v) => v.id);
      });
      expect(violations).toEqual([]);
      await context.close();
    }
  });

  it('Given a service holding several schools, Then the notice names no school and tells people to contact their own', async () => {
    await svc.ctx.prisma.school.create({ data: { name: 'Riverside Academy' } });
    const page = await (await fetch(`${svc.baseUrl}/privacy`)).text();
    expect(page).toContain('The school your child attends, or where you work, is the data controller: contact the school office');
    expect(page).not.toContain('Oakfield');
    expect(page).not.toContain('Riverside');
  });
});
