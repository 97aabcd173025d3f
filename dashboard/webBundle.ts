import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Express } from 'express';
import { pagePolicy, TEAMS_FRAME_ANCESTORS } from '../api/hardening';
import type { Logger } from '../runtime/logger';
import { paletteCss } from './web/palette';

/**
 * The dashboard page: TypeScript in dashboard/web bundled by esbuild in memory when the service
 * starts (no build output is kept), served at /dashboard/. Framed by Teams as a personal tab.
 */
const WEB_DIR = path.join(__dirname, 'web');

// Teams (web, desktop, mobile) frames the tab; nothing else may.
const tabPolicy = pagePolicy({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // The printable export is shown in a frame whose own styles are inline.
  styleSrc: ["'self'", "'unsafe-inline'"],
  // blob: parents' pictures, fetched with the signed-in token (/api/media/:id) and shown from memory.
  imgSrc: ["'self'", 'data:', 'blob:'],
  // Inside Teams, teams-js reads Microsoft's list of valid Teams host domains from its CDN (outside
  // Teams the page does not load teams-js at all: web/session.ts).
  connectSrc: ["'self'", 'https://res.cdn.office.net'],
  frameSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'", ...TEAMS_FRAME_ANCESTORS],
});

interface Asset {
  type: string;
  body: string;
}

export class DashboardWeb {
  private assets = new Map<string, Asset>();

  constructor(private readonly logger: Logger) {}

  async build(): Promise<void> {
    const started = Date.now();
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(WEB_DIR, 'main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      minify: true,
      legalComments: 'none',
      outfile: 'app.js',
      logLevel: 'silent',
    });
    const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
    if (!js) throw new Error('the dashboard bundle produced no script');
    const [html, css] = await Promise.all([readFile(path.join(WEB_DIR, 'index.html'), 'utf8'), readFile(path.join(WEB_DIR, 'styles.css'), 'utf8')]);
    this.assets = new Map([
      ['', { type: 'text/html; charset=utf-8', body: html }],
      ['app.js', { type: 'text/javascript; charset=utf-8', body: js.text }],
      ['styles.css', { type: 'text/css; charset=utf-8', body: `${paletteCss()}\n${css}` }],
    ]);
    this.logger.debug({ ms: Date.now() - started, bytes: js.contents.length }, 'dashboard bundled');
  }

  mount(app: Express): void {
    app.get(['/dashboard', '/dashboard/', '/dashboard/:file'], tabPolicy, (req, res) => {
      // Routing is not strict: "/dashboard" gets here too, and the page's relative links need the slash.
      if (!req.originalUrl.split('?')[0]!.startsWith('/dashboard/')) {
        res.redirect(301, '/dashboard/');
        return;
      }
      const asset = this.assets.get(typeof req.params.file === 'string' ? req.params.file : '');
      if (!asset) {
        res.status(404).json({ error: 'not_found', message: 'No such file' });
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      res.type(asset.type).send(asset.body);
    });
  }
}
