import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyRetention } from '../../retention/nightlyRetention';
import { ManualClock } from '../../runtime/clock';
import { startTestService, type RunningService } from '../support/testService';

const SAMPLES = path.resolve(__dirname, 'samples/oakfield');
const STAFF_CSV = readFileSync(path.join(SAMPLES, 'staff.csv'), 'utf8');
const PUPILS_CSV = readFileSync(path.join(SAMPLES, 'pupils.csv'), 'utf8');

/** The sample register with a leaving date column, as SIMS and Arbor export it. */
function withLeavingDates(dates: Record<string, string>): string {
  const [header, ...rows] = PUPILS_CSV.trim().split('\n');
  return [`${header},Leaving Date`, ...rows.map((r) => `${r},${dates[r.split(',')[0]!] ?? ''}`)].join('\n');
}
const AMIR = 'A123456789012';
const SARA = 'A123456789013';

describe('pupils leaving the school, as the register says', () => {
  const clock = new ManualClock(new Date('2026-09-07T09:00:00Z'));
  let svc: RunningService;
  let schoolId: string;

  const importPupils = async (csv: string) => {
    const res = await svc.api(`/api/roster/pupils?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    return (await res.json()) as { imported: number; updated: number; unchanged: number; rejected: number };
  };
  const leftOn = async (misId: string) => {
    const p = await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId } } });
    return p.archivedAt?.toISOString().slice(0, 10) ?? null;
  };

  beforeAll(async () => {
    svc = await startTestService({ clock });
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary', leaverRecordsYears: 1 } })).id;
    await svc.api(`/api/roster/staff?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: STAFF_CSV });
    await importPupils(PUPILS_CSV);
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given the register gives Amir a leaving date last Friday, Then he is off the roll from that day, and the change is in the audit trail', async () => {
    expect(await importPupils(withLeavingDates({ [AMIR]: '04/09/2026' }))).toMatchObject({ updated: 1, unchanged: 3, rejected: 0 });
    expect(await leftOn(AMIR)).toBe('2026-09-04');
    const amir = await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId: AMIR } } });
    const audit = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { entityId: amir.id, action: 'pupil.update' }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ before: { archivedAt: null }, after: { archivedAt: '2026-09-04' } });
  });

  it('Given a leaving date still to come, Then Sara stays on the roll until the register is imported after it', async () => {
    const file = withLeavingDates({ [AMIR]: '04/09/2026', [SARA]: '30/09/2026' });
    expect(await importPupils(file)).toMatchObject({ updated: 0, unchanged: 4 });
    expect(await leftOn(SARA)).toBeNull();

    clock.set(new Date('2026-10-01T18:00:00Z'));
    expect(await importPupils(file)).toMatchObject({ updated: 1, unchanged: 3 });
    expect(await leftOn(SARA)).toBe('2026-09-30');
  });

  it('Given a file without a leaving date column, Then nobody who left comes back', async () => {
    expect(await importPupils(PUPILS_CSV)).toMatchObject({ updated: 0, unchanged: 4 });
    expect([await leftOn(AMIR), await leftOn(SARA)]).toEqual(['2026-09-04', '2026-09-30']);
  });

  it('Given Amir rejoins and the register shows no leaving date for him, Then he is back on the roll', async () => {
    expect(await importPupils(withLeavingDates({ [SARA]: '30/09/2026' }))).toMatchObject({ updated: 1, unchanged: 3 });
    expect(await leftOn(AMIR)).toBeNull();
  });

  it('Given a school that keeps leavers\' records one year, Then Sara\'s record is anonymised by the nightly job a year after she left, and Amir\'s is kept', async () => {
    clock.set(new Date('2027-09-29T02:30:00Z'));
    await applyRetention(svc.ctx);
    expect((await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId: SARA } } })).anonymisedAt).toBeNull();

    clock.set(new Date('2027-10-01T02:30:00Z'));
    await applyRetention(svc.ctx);
    const pupils = await svc.ctx.prisma.pupil.findMany({ where: { schoolId }, select: { firstName: true, anonymisedAt: true } });
    expect(pupils.filter((p) => p.anonymisedAt).map((p) => p.firstName)).toEqual(['Former pupil']);
    expect(pupils.map((p) => p.firstName)).toContain('Amir');
    expect(pupils.map((p) => p.firstName)).not.toContain('Sara');
  });
});
