import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { startTestService, type RunningService } from '../support/testService';
import { staffBearer } from '../support/staffTokens';

/**
 * A register row, a parent's text and a teacher's target may all start like a spreadsheet formula.
 * Whatever came in, the record a SENCO exports must open in Excel as text, and read back as written.
 */
const HYPERLINK = '=HYPERLINK("http://evil","click")';

describe("exporting the record of a pupil whose details look like formulas", () => {
  let svc: RunningService;
  let schoolId: string;

  beforeAll(async () => {
    svc = await startTestService({ env: { LOCAL_SIGN_IN: 'true' } });
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } })).id;
    const post = (route: string, body: string) => svc.api(`/api/roster/${route}?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    expect((await post('staff', readFileSync(path.resolve(__dirname, '../roster/samples/oakfield/staff.csv'), 'utf8'))).status).toBe(200);
    const register = [
      'UPN,Forename,Surname,Year,SEN Status,Key Teacher Email,Contact 1 Name,Contact 1 Mobile',
      `X1,"${HYPERLINK.replace(/"/g, '""')}",@SUM(1+1),3,K,t.fletcher@oakfield.example,-2+3 Mum,07700 900501`,
    ].join('\r\n');
    expect(await (await post('pupils', register)).json()).toMatchObject({ imported: 1, rejected: 0 });
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given a pupil named like a formula, a target and a parent\'s texts starting with = + and a tab, When the SENCO exports the record, Then those cells carry a leading quote and everything else reads back as written', async () => {
    const pupil = await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId: 'X1' } }, include: { contacts: { include: { contact: true } } } });
    // The import keeps the names exactly as the register wrote them.
    expect([pupil.firstName, pupil.lastName, pupil.contacts[0]?.contact.displayName]).toEqual([HYPERLINK, '@SUM(1+1)', '-2+3 Mum']);
    const contactId = pupil.contacts[0]!.contactId;
    await svc.ctx.prisma.target.create({ data: { pupilId: pupil.id, area: 'MATHS', description: HYPERLINK, homeActions: '=1+1', reviewBy: new Date('2026-12-01'), createdAt: new Date('2026-09-08T09:00:00Z') } });
    const text = (body: string, at: string) => svc.ctx.prisma.message.create({ data: { schoolId, channel: 'SMS', direction: 'INBOUND', status: 'RECEIVED', contactId, pupilId: pupil.id, body, createdAt: new Date(at) } });
    await text('+44 7700 900999 is my new number', '2026-09-09T09:00:00Z');
    await text('\t=cmd|" /C calc"!A0', '2026-09-10T09:00:00Z');

    const senco = await staffBearer(svc, { email: 'r.okafor@oakfield.example' });
    const res = await fetch(`${svc.baseUrl}/api/dashboard/pupils/${pupil.id}/export.csv`, { headers: { authorization: senco } });
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { bom: true }) as string[][];

    expect(rows).toEqual([
      ['Date', 'Entry', 'Status', 'Detail'],
      ['10 Sept 2026, 10:00', 'Text from -2+3 Mum', 'Received', `'\t=cmd|" /C calc"!A0`],
      ['9 Sept 2026, 10:00', 'Text from -2+3 Mum', 'Received', "'+44 7700 900999 is my new number"],
      ['8 Sept 2026, 10:00', 'Target: Maths', 'Not started', `'${HYPERLINK}; At home: =1+1; Review by 1 Dec 2026`],
    ]);
  });
});
