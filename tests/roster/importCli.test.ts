import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemoSchool } from '../../demo/demoSchool';
import { startTestService, TEST_API_KEY, type RunningService } from '../support/testService';
import { fileBytes } from './fileBytes';

const ROOT = path.resolve(__dirname, '../..');

/** `npm run import -- ...` as a school office runs it, against the service over HTTP. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/import.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run import', () => {
  let svc: RunningService;
  let dir: string;
  let env: Record<string, string>;
  let oakfield: string;

  beforeAll(async () => {
    svc = await startTestService();
    // The embedded default's demo school, as `npm start` creates it on an empty database.
    await seedDemoSchool(svc.ctx.prisma, svc.clock);
    dir = mkdtempSync(path.join(tmpdir(), 'sebt-import-'));
    env = { SERVICE_URL: svc.baseUrl, API_KEY: TEST_API_KEY };
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await svc.close();
  });

  it("Given the demo school, When the README's sample staff list and register are imported into it, Then nothing changes: they are the demo's own, so no stranger joins its sign-in list", async () => {
    const demo = await svc.ctx.prisma.school.findFirstOrThrow({ where: { isDemo: true } });
    const staffBefore = await svc.ctx.prisma.staff.findMany({ where: { schoolId: demo.id }, select: { email: true }, orderBy: { email: 'asc' } });
    // Exactly as the README says, with no --school: the service holds the demo school alone.
    const staff = await cli(['roster/samples/staff.csv', '--staff'], env);
    expect(staff.stdout).toMatch(/Imported\s+0\n\s+Updated\s+0\n\s+Unchanged\s+7\n\s+Rejected\s+0/);
    const pupils = await cli(['roster/samples/pupils.csv'], env);
    expect(pupils.stdout).toMatch(/Imported\s+0\n\s+Updated\s+0\n\s+Unchanged\s+8\n\s+Rejected\s+0/);
    expect([staff.code, pupils.code]).toEqual([0, 0]);
    expect(await svc.ctx.prisma.staff.findMany({ where: { schoolId: demo.id }, select: { email: true }, orderBy: { email: 'asc' } })).toEqual(staffBefore);
  });

  it('Given a staff list for another school, when imported with --staff --school, then it prints the summary table', async () => {
    oakfield = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } })).id;
    const run = await cli(['tests/roster/samples/oakfield/staff.csv', '--staff', '--school', oakfield], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Imported\s+6\n\s+Updated\s+0\n\s+Unchanged\s+0\n\s+Rejected\s+0/);
    expect(await svc.ctx.prisma.staff.count({ where: { schoolId: oakfield } })).toBe(6);
  });

  it('Given a file that is not there, then it says so plainly (no ENOENT) and exits 1', async () => {
    const run = await cli(['registr.csv', '--school', oakfield], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Cannot import registr.csv: there is no file at ${path.join(ROOT, 'registr.csv')}: check the name and the folder you are in.`);
    expect(run.stderr).not.toMatch(/ENOENT|at Object|node:internal/);
    const folder = await cli(['tests/roster', '--school', oakfield], env);
    expect(folder.stderr).toContain('is a folder, not a file');
  });

  it('Given the service is not running, then it says where it looked and how to start it (never a bare "fetch failed")', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const run = await cli(['roster/samples/staff.csv', '--staff'], { ...env, SERVICE_URL: `http://127.0.0.1:${port}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The service is not running at http://127.0.0.1:${port} (tried http://127.0.0.1:${port}/api/roster/staff: ECONNREFUSED)`);
    expect(run.stderr).toContain('Start it in another terminal with "npm start"');
    expect(run.stderr).not.toMatch(/^fetch failed/m);
  });

  it('Given a file sent in chunks, then progress shows, rows keep their numbers in the file, and the exit code says rows were rejected', async () => {
    const file = path.join(dir, 'register.csv');
    writeFileSync(
      file,
      [
        'UPN,Forename,Surname,Year,SEN Status,Key Teacher Email,Mobile',
        'C1,Lily,Evans,3,K,t.fletcher@oakfield.example,07700 900301',
        'C2,Noah,Brown,3,K,t.fletcher@oakfield.example,07700 900302',
        'C3,Mia,Green,3,K,t.fletcher@oakfield.example,07700 900303',
        'C4,Leo,White,Year 15,K,t.fletcher@oakfield.example,07700 900304',
        'C5,Ava,Black,3,K,a.begum@oakfield.example,07700 900305',
      ].join('\r\n'),
    );
    const run = await cli([file, '--chunk', '2', '--school', oakfield], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[############..................] 40% (2 / 5 rows)');
    expect(run.stderr).toContain('100% (5 / 5 rows)');
    expect(run.stdout).toMatch(/Imported\s+4\n\s+Updated\s+0\n\s+Unchanged\s+0\n\s+Rejected\s+1/);
    expect(run.stdout).toMatch(/row 5\s+Year\s+"Year 15" is not a year group/);
    expect(run.stdout).toContain('To import the rejected rows, change in the file (once for all the rows listed):\n  Year: "Year 15" is not a year group');
    expect(await svc.ctx.prisma.pupil.count({ where: { schoolId: oakfield } })).toBe(4);
    const imports = await svc.ctx.prisma.rosterImport.findMany({ where: { kind: 'PUPILS', schoolId: oakfield } });
    expect(imports.map((i) => i.fileName)).toEqual(['register.csv', 'register.csv', 'register.csv']);

    const again = await cli([file, '--chunk', '2', '--school', oakfield], env);
    expect(again.stdout).toMatch(/Imported\s+0\n\s+Updated\s+0\n\s+Unchanged\s+4\n\s+Rejected\s+1/);
  });

  it("Given Excel's plain CSV from UK Windows with LF and CRLF mixed, then the names arrive as written and the summary says how the file was read", async () => {
    const file = path.join(dir, 'excel.csv');
    writeFileSync(file, fileBytes('UPN,Forename,Surname,Year,SEN Status,Key Teacher Email\r\nW1,Zoë,O’Neill,3,K,t.fletcher@oakfield.example\nW2,Siobhán,Ó Briain,3,K,t.fletcher@oakfield.example\r\n', 'windows-1252'));
    const run = await cli([file, '--chunk', '1', '--school', oakfield], env);
    expect(run.stdout).toMatch(/^Read as Windows-1252 \(Excel "CSV" on Windows\)\n\n\s+Imported\s+2\n/);
    expect(run.code).toBe(0);
    const names = await svc.ctx.prisma.pupil.findMany({ where: { schoolId: oakfield, misId: { in: ['W1', 'W2'] } }, orderBy: { misId: 'asc' }, select: { firstName: true, lastName: true } });
    expect(names).toEqual([
      { firstName: 'Zoë', lastName: 'O’Neill' },
      { firstName: 'Siobhán', lastName: 'Ó Briain' },
    ]);
  });

  it('Given a wrong API key, then it fails with the reason and exit code 1', async () => {
    const run = await cli(['roster/samples/staff.csv', '--staff'], { ...env, API_KEY: 'wrong-key-wrong-key-wrong-key' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The service refused the import (401)');
  });
});
