import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The shape of the code, checked: the folders form layers (no folder imports one that imports it
 * back, however indirectly), every botbuilder import stays in bot/ (a move to the Teams SDK is that
 * folder's work), and HTTP errors stay at the HTTP edge (use cases throw DomainError).
 */
const ROOT = path.resolve(__dirname, '../..');
const NOT_PRODUCT = new Set(['node_modules', 'generated', 'tests', 'dist', 'data', '.git', '.ci']);

function productFiles(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return dir === ROOT && NOT_PRODUCT.has(name) ? [] : productFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const folderOf = (file: string): string => path.relative(ROOT, file).split(path.sep)[0]!;
const files = productFiles().filter((f) => path.dirname(f) !== ROOT);
/** What a module imports: `import ... from`, `export ... from`, bare `import '...'` and `import('...')`, type-only ones included. */
const IMPORT = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);

/** Folder -> the folders it imports, each with one file that does (for the message). */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file);
    for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
      const to = folderOf(path.resolve(path.dirname(file), spec));
      if (to === from || to === 'generated' || to.startsWith('..')) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, path.relative(ROOT, file));
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle's folders, as a path a -> b -> ... -> a (Tarjan's strongly connected components). */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) component.push(w);
      if (component.length > 1) {
        const members = new Set(component);
        found.push(component.map((c) => `${c} imports ${[...(graph.get(c) ?? [])].filter(([to]) => members.has(to)).map(([to, file]) => `${to} (${file})`).join(', ')}`).join('; '));
      }
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the layers of the code', () => {
  it('no folder imports, directly or through others, a folder that imports it', () => {
    expect(cycles(folderGraph())).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['sms', new Map([['booking', 'sms/inbound.ts']])],
      ['booking', new Map([['sms', 'booking/booking.ts']])],
    ]);
    expect(cycles(graph)).toHaveLength(1);
  });

  it('every botbuilder import is inside bot/', () => {
    const outside = files.filter((f) => folderOf(f) !== 'bot' && folderOf(f) !== 'bench' && importsOf(f).some((s) => /^(botbuilder|botframework-)/.test(s)));
    expect(outside.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('HTTP errors are thrown only at the HTTP edge: the api folder, route and webhook modules, never by a use case', () => {
    const edge = (f: string) => folderOf(f) === 'api' || /(routes|Api|webhooks|localSignIn)\.ts$/.test(f);
    const users = files.filter((f) => !edge(f) && /\bHttpError\b/.test(readFileSync(f, 'utf8')));
    expect(users.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
