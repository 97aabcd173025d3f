import { startTestService } from '../../tests/support/testService';
import { registerCsv, registerTeachers } from '../registerCsv';
import { record, timed } from '../support/results';

/** A trust's 10,000-pupil SEN register imported over HTTP in one request, then again unchanged. */
export async function roster(): Promise<void> {
  const svc = await startTestService();
  try {
    const school = await svc.ctx.prisma.school.create({ data: { name: 'Riverside Trust' } });
    await svc.ctx.prisma.staff.createMany({ data: registerTeachers(school.id) });
    const csv = registerCsv(10_000);
    const post = async () => {
      const res = await svc.api(`/api/roster/pupils?schoolId=${school.id}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
      if (res.status !== 200) throw new Error(`roster import answered ${res.status}`);
    };
    const [, first] = await timed(post);
    record('roster', 'roster import, first (10,000-row register, one request)', `${(first / 1000).toFixed(1)} s (${(10_000 / (first / 1000)).toFixed(0)} rows/s)`);
    const [, again] = await timed(post);
    record('roster', 'roster import, unchanged re-import', `${(again / 1000).toFixed(1)} s (${(10_000 / (again / 1000)).toFixed(0)} rows/s)`);
  } finally {
    await svc.close();
  }
}
