import { execFile } from 'node:child_process';
import path from 'node:path';
import { ManualClock } from '../../runtime/clock';
import { startTestService, TEST_API_KEY, type RunningService } from '../support/testService';
import { setUpOakfield } from './evidenceSchool';

const ROOT = path.resolve(__dirname, '../..');

/** `npm run import -- <file> --evidence <kind>` as a school office runs it, against the service over HTTP. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/import.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run import -- <file> --evidence <kind>', () => {
  let svc: RunningService;
  let env: Record<string, string>;

  beforeAll(async () => {
    svc = await startTestService({ clock: new ManualClock(new Date('2027-03-01T10:00:00Z')) });
    await setUpOakfield(svc);
    env = { SERVICE_URL: svc.baseUrl, API_KEY: TEST_API_KEY };
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given the attendance sample and the only school, when imported, then it prints the summary and the columns it did not keep; again, every row is unchanged', async () => {
    const first = await cli(['evidence/samples/attendance.csv', '--evidence', 'attendance'], env);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toMatch(/Read as UTF-8\n\n\s+Imported\s+7\n\s+Updated\s+0\n\s+Unchanged\s+0\n\s+Rejected\s+0\n\nColumns not recognised \(ignored\): Legal Surname, Legal Forename, Attendance %/);
    const again = await cli(['evidence/samples/attendance.csv', '--evidence', 'attendance'], env);
    expect(again.stdout).toMatch(/Imported\s+0\n\s+Updated\s+0\n\s+Unchanged\s+7/);
    expect(await svc.ctx.prisma.rosterImport.findFirst({ where: { kind: 'ATTENDANCE' }, select: { fileName: true } })).toEqual({ fileName: 'attendance.csv' });
  });

  it('Given a kind the service does not import, then it says so and exits 1', async () => {
    const run = await cli(['evidence/samples/attendance.csv', '--evidence', 'homework'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The service refused the import (400)');
  });
});
