import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningService } from '../support/testService';

/**
 * Oakfield as the roster samples describe it (six staff, four pupils: Amir and Sara Khan, Oliwia
 * Kowalska, Jayden Smith), with the 2026-27 terms and its subjects assessed as the evidence samples
 * expect: reading and writing in age-related expectations, maths in standardised scores. All set up
 * through the API, as a school would.
 */
export const TERMS = [
  { name: 'Autumn 2026', startsOn: '2026-09-02', endsOn: '2026-12-18' },
  { name: 'Spring 2027', startsOn: '2027-01-05', endsOn: '2027-03-26' },
  { name: 'Summer 2027', startsOn: '2027-04-12', endsOn: '2027-07-21' },
];

export const UPN = { amir: 'A123456789012', sara: 'A123456789013', oliwia: 'A123456789014', jayden: 'A123456789015' } as const;

const sample = (folder: 'roster' | 'evidence', file: string): Buffer =>
  readFileSync(path.resolve(__dirname, folder === 'roster' ? `../roster/samples/oakfield/${file}` : `../../evidence/samples/${file}`));
export const evidenceSample = (file: string): Buffer => sample('evidence', file);

async function ok(res: Response): Promise<unknown> {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function setUpOakfield(svc: RunningService): Promise<{ schoolId: string; pupils: Record<keyof typeof UPN, string> }> {
  const schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary', widerOutcomes: ['ATTENDANCE', 'BEHAVIOUR'] } })).id;
  const csv = (kind: string, body: Buffer) => svc.api(`/api/roster/${kind}?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: new Uint8Array(body) });
  await ok(await csv('staff', sample('roster', 'staff.csv')));
  await ok(await csv('pupils', sample('roster', 'pupils.csv')));
  await ok(await svc.api(`/api/schools/${schoolId}/calendar`, { method: 'PUT', body: JSON.stringify({ terms: TERMS, closures: [] }) }));
  for (const [subject, preset] of [['reading', 'age-related'], ['writing', 'age-related'], ['maths', 'standardised-score']]) {
    await ok(await svc.api(`/api/schools/${schoolId}/subjects/${subject}`, { method: 'PUT', body: JSON.stringify({ preset }) }));
  }
  const rows = await svc.ctx.prisma.pupil.findMany({ where: { schoolId }, select: { id: true, misId: true } });
  const idOf = (upn: string) => rows.find((r) => r.misId === upn)!.id;
  return { schoolId, pupils: { amir: idOf(UPN.amir), sara: idOf(UPN.sara), oliwia: idOf(UPN.oliwia), jayden: idOf(UPN.jayden) } };
}
