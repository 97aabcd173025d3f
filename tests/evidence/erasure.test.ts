import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';
import { evidenceSample, setUpOakfield } from './evidenceSchool';

/** A pupil's evidence when their record is anonymised (erasure on request, or the leaver rule). */
describe("Given Jayden's imported evidence, when the SENCO erases his record (entered in error)", () => {
  let svc: RunningService;
  let jayden: string;

  beforeAll(async () => {
    svc = await startTestService({ clock: new ManualClock(new Date('2027-03-01T10:00:00Z')) });
    const { schoolId, pupils } = await setUpOakfield(svc);
    jayden = pupils.jayden;
    for (const kind of ['assessments', 'attendance', 'exclusions', 'behaviour', 'bullying']) {
      const res = await svc.api(`/api/evidence/import/${kind}?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: new Uint8Array(evidenceSample(`${kind}.csv`)) });
      expect(res.status).toBe(200);
    }
    const erased = await svc.api(`/api/pupils/${jayden}/erasure`, { method: 'POST', body: JSON.stringify({ reason: 'ENTERED_IN_ERROR' }) });
    expect(erased.status).toBe(200);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Then the dated facts stay for the school\'s figures, with no category left on his events', async () => {
    const events = await svc.ctx.prisma.widerOutcomeEvent.findMany({ where: { pupilId: jayden }, select: { kind: true, category: true } });
    expect(events.length).toBe(5);
    expect(events.every((e) => e.category === null)).toBe(true);
    expect(await svc.ctx.prisma.exclusion.count({ where: { pupilId: jayden } })).toBe(3);
    expect(await svc.ctx.prisma.attendanceRecord.count({ where: { pupilId: jayden } })).toBe(2);
  });

  it('Then the audit trail of his evidence keeps who did what and when, but not the before and after', async () => {
    const ids = (await Promise.all([
      svc.ctx.prisma.assessmentPoint.findMany({ where: { pupilId: jayden }, select: { id: true } }),
      svc.ctx.prisma.attendanceRecord.findMany({ where: { pupilId: jayden }, select: { id: true } }),
      svc.ctx.prisma.exclusion.findMany({ where: { pupilId: jayden }, select: { id: true } }),
      svc.ctx.prisma.widerOutcomeEvent.findMany({ where: { pupilId: jayden }, select: { id: true } }),
    ])).flat().map((r) => r.id);
    const trail = await svc.ctx.prisma.auditEvent.findMany({ where: { entityId: { in: ids } }, select: { action: true, before: true, after: true } });
    expect(trail.length).toBe(ids.length);
    expect(trail.filter((t) => t.before !== null || t.after !== null)).toEqual([]);
  });
});
