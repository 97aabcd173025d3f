import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeCsv, ENCODING_NAMES } from '../roster/csvEncoding';
import { csvOptions } from '../roster/rows';

/**
 * `npm run import -- <file.csv> [--staff] [--school <id>] [--chunk <rows>]`
 * `npm run import -- <file.csv> --evidence <kind> [--school <id>]` (kind: assessments, attendance,
 * exclusions, behaviour, achievements, bullying, participation; see evidence/samples/)
 *
 * The embedded database belongs to the running service (PGlite admits one process), so this talks
 * to the service's API: SERVICE_URL (default http://localhost:$PORT, 3978) with API_KEY or the key
 * the embedded default keeps in <DATA_DIR>/api-key. The file goes in chunks of rows, each with the
 * header and its original first row number, so progress shows and rejections name the file's rows.
 * The file is decoded here as the service would (UTF-8, UTF-16 or Windows-1252) and sent as UTF-8.
 * An evidence file goes in one request: an event's occurrences on a day are counted over the whole file.
 * A missing file, a service that is not running and a refused import are each said in words, with
 * what to do. Exit code: 0 all imported, 2 some rows rejected, 1 failed.
 */
interface Summary {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: { row: number; column: string; reason: string }[];
  fixes: { column: string; reason: string; rows: number[] }[];
  ignoredColumns: string[];
}

const USAGE = 'Usage: npm run import -- <file.csv> [--staff | --evidence <kind>] [--school <id>] [--chunk <rows>]';

function parseArgs(argv: string[]): { file: string; staff: boolean; evidence?: string; school?: string; chunk: number } {
  let file: string | undefined;
  let staff = false;
  let evidence: string | undefined;
  let school: string | undefined;
  let chunk = 500;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--staff') staff = true;
    else if (a === '--evidence') evidence = argv[++i];
    else if (a === '--school') school = argv[++i];
    else if (a === '--chunk') chunk = Number(argv[++i]);
    else if (a === '--help' || a === '-h') throw new Error(USAGE);
    else if (!a.startsWith('--') && !file) file = a;
    else throw new Error(`Unknown option ${a}\n${USAGE}`);
  }
  if (!file) throw new Error(USAGE);
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error('--chunk must be a whole number of rows');
  if (evidence !== undefined && (staff || !evidence)) throw new Error(`--evidence needs a kind, and is not a staff file\n${USAGE}`);
  return { file, staff, evidence, school, chunk };
}

function apiKey(): string {
  if (process.env.API_KEY) return process.env.API_KEY;
  const file = path.join(path.resolve(process.env.DATA_DIR ?? './data'), 'api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Error(`No API key: set API_KEY, or start the service once so it writes ${file}`);
}

/** The file's records with their raw text, so chunks are re-sent exactly as written. */
function records(text: string): { header: string; rows: string[] } {
  const parsed = parse(text, { ...csvOptions(text), raw: true }) as unknown as { raw: string }[];
  // Each record is sent on a line of its own, whatever ended it in the file.
  const [header, ...rows] = parsed.map((r) => (r.raw.endsWith('\n') ? r.raw : `${r.raw}\n`));
  if (!header) throw new Error('The file is empty');
  return { header, rows };
}

/** The file's bytes, or a plain reason it cannot be read (never a raw ENOENT). */
function readFile(file: string): Buffer {
  const where = path.resolve(file);
  try {
    return readFileSync(where);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? `there is no file at ${where}: check the name and the folder you are in` :
      code === 'EISDIR' ? `${where} is a folder, not a file` :
      code === 'EACCES' || code === 'EPERM' ? `you are not allowed to read ${where}` :
      `${where} could not be read (${(err as Error).message})`;
    throw new Error(`Cannot import ${file}: ${why}.`);
  }
}

/** A request to the service, saying plainly when nothing answers there (never a bare "fetch failed"). */
async function send(base: string, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND ...) is its cause.
    if ((err as Error).message !== 'fetch failed') throw err;
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new Error(
      `The service is not running at ${base} (tried ${url.split('?')[0]}${cause ? `: ${cause}` : ''}).\n` +
        'Start it in another terminal with "npm start" (using the same PORT and DATA_DIR as here), or set SERVICE_URL to the address it runs at, then import again.',
    );
  }
}

/** "2-4, 7, 9": the rows a fix names, as a spreadsheet user reads them. */
function rowList(rows: number[]): string {
  const ranges: string[] = [];
  const sorted = [...rows].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 1) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    ranges.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return ranges.join(', ');
}

function progress(done: number, total: number): void {
  const width = 30;
  const share = total === 0 ? 1 : done / total;
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
  process.stderr.write(`\r[${bar}] ${Math.floor(share * 100)}% (${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} rows)`);
}

function table(s: Summary, encoding: string): string {
  const counts = [['Imported', s.imported], ['Updated', s.updated], ['Unchanged', s.unchanged], ['Rejected', s.rejected]].map(
    ([label, n]) => `  ${String(label).padEnd(10)} ${String(n).padStart(7)}`,
  );
  const lines = [`Read as ${encoding}`, '', ...counts];
  if (s.ignoredColumns.length) lines.push('', `Columns not recognised (ignored): ${s.ignoredColumns.join(', ')}`);
  if (s.fixes.length) {
    lines.push('', 'To import the rejected rows, change in the file (once for all the rows listed):');
    for (const f of s.fixes) lines.push(`  ${f.column}: ${f.reason} (row${f.rows.length > 1 ? 's' : ''} ${rowList(f.rows)})`);
  }
  if (s.rejections.length) {
    lines.push('', 'Rejected rows:');
    const col = Math.max(...s.rejections.map((r) => r.column.length));
    for (const r of s.rejections) lines.push(`  row ${String(r.row).padEnd(6)} ${r.column.padEnd(col)}  ${r.reason}`);
  }
  return lines.join('\n');
}

/** The school to import into: the one named, or the only one the service holds. */
async function schoolOf(base: string, key: string, named: string | undefined): Promise<string> {
  if (named) return named;
  const res = await fetch(`${base}/api/schools`, { headers: { authorization: `Bearer ${key}` } });
  const { schools } = (await res.json()) as { schools: { id: string }[] };
  if (schools.length !== 1) throw new Error(`Say which school with --school <id>: the service holds ${schools.length} schools`);
  return schools[0]!.id;
}

/** One evidence file, in one request. */
async function importEvidence(base: string, key: string, args: ReturnType<typeof parseArgs>, text: string): Promise<Summary> {
  const query = new URLSearchParams({ schoolId: await schoolOf(base, key, args.school), fileName: path.basename(args.file) });
  const res = await fetch(`${base}/api/evidence/import/${encodeURIComponent(args.evidence!)}?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv; charset=utf-8' },
    body: text,
  });
  const body = (await res.json().catch(() => ({}))) as Summary & { message?: string };
  if (!res.ok) throw new Error(`The service refused the import (${res.status}): ${body.message ?? res.statusText}`);
  return body;
}

async function run(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const base = (process.env.SERVICE_URL ?? `http://localhost:${process.env.PORT || 3978}`).replace(/\/+$/, '');
  const key = apiKey();
  const file = decodeCsv(readFile(args.file));
  if (args.evidence) {
    const summary = await importEvidence(base, key, args, file.text);
    process.stdout.write(`${table(summary, ENCODING_NAMES[file.encoding])}\n`);
    return summary.rejected > 0 ? 2 : 0;
  }
  const { header, rows } = records(file.text);
  const kind = args.staff ? 'staff' : 'pupils';
  const total: Summary = { imported: 0, updated: 0, unchanged: 0, rejected: 0, rejections: [], fixes: [], ignoredColumns: [] };
  progress(0, rows.length);
  const chunks = Math.max(1, Math.ceil(rows.length / args.chunk));
  for (let c = 0; c < chunks; c++) {
    const start = c * args.chunk;
    const query = new URLSearchParams({ firstRow: String(start + 2), fileName: path.basename(args.file) });
    if (args.school) query.set('schoolId', args.school);
    const res = await send(base, `${base}/api/roster/${kind}?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv; charset=utf-8' },
      body: header + rows.slice(start, start + args.chunk).join(''),
    });
    const body = (await res.json().catch(() => ({}))) as Partial<Summary> & { message?: string };
    if (!res.ok) {
      process.stderr.write('\n');
      const done = start > 0 ? `\nRows before row ${start + 2} were imported; importing the file again is safe.` : '';
      throw new Error(`The service refused the import (${res.status}): ${body.message ?? res.statusText}${done}`);
    }
    for (const k of ['imported', 'updated', 'unchanged', 'rejected'] as const) total[k] += body[k] ?? 0;
    total.rejections.push(...(body.rejections ?? []));
    // Chunks are reported apart: the same change across chunks is one fix.
    for (const fix of body.fixes ?? []) {
      const same = total.fixes.find((f) => f.column === fix.column && f.reason === fix.reason);
      if (same) same.rows.push(...fix.rows);
      else total.fixes.push({ ...fix, rows: [...fix.rows] });
    }
    total.ignoredColumns = body.ignoredColumns ?? [];
    progress(Math.min(start + args.chunk, rows.length), rows.length);
  }
  process.stderr.write('\n');
  process.stdout.write(`${table(total, ENCODING_NAMES[file.encoding])}\n`);
  return total.rejected > 0 ? 2 : 0;
}

run().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
