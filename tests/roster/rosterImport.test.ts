import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestService, type RunningService } from '../support/testService';
import { fakeEntra, type FakeEntra } from '../api/entraTokens';

const SAMPLES = path.resolve(__dirname, 'samples/oakfield');
const STAFF_CSV = readFileSync(path.join(SAMPLES, 'staff.csv'), 'utf8');
const PUPILS_CSV = readFileSync(path.join(SAMPLES, 'pupils.csv'), 'utf8');

describe('importing a school roster over the API', () => {
  let svc: RunningService;
  let entra: FakeEntra;
  let schoolId: string;
  let registerAfterChange: string;

  const post = (route: string, csv: string, init: { token?: string; query?: string } = {}) =>
    svc.api(`/api/roster/${route}?schoolId=${schoolId}${init.query ?? ''}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: csv,
    });
  const auditCount = () => svc.ctx.prisma.auditEvent.count({ where: { schoolId } });

  beforeAll(async () => {
    entra = await fakeEntra();
    svc = await startTestService(entra.serviceOptions);
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } })).id;
  });
  afterAll(async () => {
    await svc.close();
  });

  it('Given an empty school, when the office imports its staff and then its SEN register, then every pupil, key teacher and contact is recorded', async () => {
    const staff = await post('staff', STAFF_CSV);
    expect(staff.status).toBe(200);
    expect(await staff.json()).toMatchObject({ imported: 6, updated: 0, unchanged: 0, rejected: 0, rejections: [] });

    const pupils = await post('pupils', PUPILS_CSV);
    expect(pupils.status).toBe(200);
    expect(await pupils.json()).toMatchObject({ imported: 4, updated: 0, unchanged: 0, rejected: 0, rejections: [] });

    const amir = await svc.ctx.prisma.pupil.findUniqueOrThrow({
      where: { schoolId_misId: { schoolId, misId: 'A123456789012' } },
      include: { keyTeacher: true, contacts: { include: { contact: true }, orderBy: { priority: 'asc' } }, senHistory: true },
    });
    expect(amir).toMatchObject({ firstName: 'Amir', yearGroup: 2, senStatus: 'SEN_SUPPORT', primaryNeed: 'SLCN', lookedAfter: false });
    expect(amir.keyTeacher?.email).toBe('t.fletcher@oakfield.example');
    expect(amir.onRegisterSince.toISOString().slice(0, 10)).toBe('2025-09-15');
    expect(amir.senHistory).toEqual([expect.objectContaining({ senStatus: 'SEN_SUPPORT', primaryNeed: 'SLCN' })]);
    expect(amir.contacts.map((l) => [l.relationship, l.priority, l.contact.displayName, l.contact.mobile, l.contact.preferredLanguage, l.contact.smsConsent])).toEqual([
      ['MOTHER', 1, 'Sadia Khan', '+447700900101', 'ur', true],
      ['FATHER', 2, 'Imran Khan', '+447700900102', 'en', false],
    ]);
    const sadia = amir.contacts[0]!.contact;
    expect(sadia.smsConsentMethod).toBe('ROSTER_IMPORT');
    expect(sadia.smsConsentAt).toEqual(svc.clock.now());

    const jayden = await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId: 'A123456789015' } } });
    expect(jayden).toMatchObject({ lookedAfter: true, senStatus: 'EHC_PLAN', primaryNeed: 'SEMH' });

    const imports = await svc.ctx.prisma.rosterImport.findMany({ where: { schoolId }, orderBy: { startedAt: 'asc' } });
    expect(imports.map((i) => [i.kind, i.imported, i.actorLabel])).toEqual([
      ['STAFF', 6, 'api-key'],
      ['PUPILS', 4, 'api-key'],
    ]);
    const created = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'Pupil', entityId: amir.id } });
    expect(created).toMatchObject({ action: 'pupil.create', actorKind: 'API_KEY', actorLabel: 'api-key', after: expect.objectContaining({ senStatus: 'SEN_SUPPORT' }) });
  });

  it('Given a parent with two children in the school, then she is one contact linked to both', async () => {
    const sadia = await svc.ctx.prisma.contact.findUniqueOrThrow({
      where: { schoolId_mobile: { schoolId, mobile: '+447700900101' } },
      include: { pupils: { include: { pupil: true } } },
    });
    expect(sadia.pupils.map((l) => l.pupil.firstName).sort()).toEqual(['Amir', 'Sara']);
    expect(await svc.ctx.prisma.contact.count({ where: { schoolId } })).toBe(5);
  });

  it('Given the same files imported again, then nothing changes and no audit event is written', async () => {
    const before = await auditCount();
    expect(await (await post('staff', STAFF_CSV)).json()).toMatchObject({ imported: 0, updated: 0, unchanged: 6, rejected: 0 });
    expect(await (await post('pupils', PUPILS_CSV)).json()).toMatchObject({ imported: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(await auditCount()).toBe(before);
    expect(await svc.ctx.prisma.pupil.count({ where: { schoolId } })).toBe(4);
    expect(await svc.ctx.prisma.senStatusChange.count()).toBe(4);
  });

  it('Given a changed row (now on an EHC plan, a new relationship), then that pupil is updated, audited before/after and the SEN history grows', async () => {
    registerAfterChange = PUPILS_CSV.replace('A123456789012,Amir,Khan,Year 2,K,SLCN', 'A123456789012,Amir,Khan,Year 2,EHC Plan,SLCN').replace(
      'Imran Khan,07700 900102,Father',
      'Imran Khan,07700 900102,Step-parent',
    );
    const res = await post('pupils', registerAfterChange);
    expect(await res.json()).toMatchObject({ imported: 0, updated: 1, unchanged: 3, rejected: 0 });

    const amir = await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId: 'A123456789012' } }, include: { senHistory: { orderBy: { recordedAt: 'asc' } } } });
    expect(amir.senStatus).toBe('EHC_PLAN');
    expect(amir.senHistory.map((h) => [h.senStatus, h.effectiveOn.toISOString().slice(0, 10)])).toEqual([
      ['SEN_SUPPORT', '2025-09-15'],
      ['EHC_PLAN', '2026-09-07'],
    ]);
    const update = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'pupil.update', entityId: amir.id } });
    expect(update).toMatchObject({ actorKind: 'API_KEY', before: { senStatus: 'SEN_SUPPORT' }, after: { senStatus: 'EHC_PLAN' } });
    const link = await svc.ctx.prisma.auditEvent.findFirstOrThrow({ where: { action: 'pupilContact.update', entityId: { startsWith: amir.id } } });
    expect(link).toMatchObject({ before: { relationship: 'FATHER' }, after: { relationship: 'STEP_PARENT' } });
  });

  it('Given a contact dropped from a pupil in the register, then the link goes but the contact stays for their other child', async () => {
    const saraNowWithHerFather = registerAfterChange.replace('Sadia Khan,07700 900101,Mother,Urdu,Yes,,,,,', 'Imran Khan,07700 900102,Father,English,No,,,,,');
    expect(await (await post('pupils', saraNowWithHerFather)).json()).toMatchObject({ updated: 1, unchanged: 3, rejected: 0 });
    const sara = await svc.ctx.prisma.pupil.findUniqueOrThrow({ where: { schoolId_misId: { schoolId, misId: 'A123456789013' } }, include: { contacts: { include: { contact: true } } } });
    expect(sara.contacts.map((l) => l.contact.displayName)).toEqual(['Imran Khan']);
    const sadia = await svc.ctx.prisma.contact.findUniqueOrThrow({ where: { schoolId_mobile: { schoolId, mobile: '+447700900101' } }, include: { pupils: true } });
    expect(sadia.pupils).toHaveLength(1);
    expect(await svc.ctx.prisma.auditEvent.count({ where: { action: 'pupilContact.delete', entityId: `${sara.id}:${sadia.id}` } })).toBe(1);
  });

  it('Given bad rows, then they are reported with row, column and reason, nothing of them is written, and the good rows go in', async () => {
    const file = [
      'UPN,Forename,Surname,Year,SEN Status,Key Teacher Email,Contact 1 Name,Contact 1 Mobile',
      'B1,Lily,Evans,3,K,t.fletcher@oakfield.example,Rose Evans,07700 900201',
      'B2,Noah,Brown,3,K,t.fletcher@oakfield.example,Jo Brown,0123',
      'B3,Mia,Green,Year 15,K,t.fletcher@oakfield.example,Sam Green,07700 900203',
      'B4,Leo,White,3,K,nobody@oakfield.example,Kim White,07700 900204',
      'B5,Ava,Black,3,K,,Lou Black,07700 900205',
    ].join('\n');
    const res = await post('pupils', file);
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(summary).toEqual({
      importId: expect.any(String),
      imported: 1,
      updated: 0,
      unchanged: 0,
      rejected: 4,
      ignoredColumns: [],
      encoding: 'utf-8',
      rejections: [
        { row: 3, column: 'Contact 1 Mobile', reason: '"0123" is not a valid phone number' },
        { row: 4, column: 'Year', reason: expect.stringMatching(/"Year 15" is not a year group/) },
        { row: 5, column: 'Key Teacher Email', reason: 'no member of staff at this school has the email nobody@oakfield.example' },
        { row: 6, column: 'Key Teacher Email', reason: 'missing key teacher' },
      ],
      fixes: expect.any(Array),
    });
    const written = await svc.ctx.prisma.pupil.findMany({ where: { schoolId, misId: { in: ['B1', 'B2', 'B3', 'B4', 'B5'] } } });
    expect(written.map((p) => p.misId)).toEqual(['B1']);
    const contacts = await svc.ctx.prisma.contact.findMany({ where: { schoolId, mobile: { in: ['+447700900201', '+447700900203', '+447700900204', '+447700900205'] } } });
    expect(contacts.map((c) => c.mobile)).toEqual(['+447700900201']);
    const recorded = await svc.ctx.prisma.rosterImport.findUniqueOrThrow({ where: { id: summary.importId } });
    expect(recorded).toMatchObject({ kind: 'PUPILS', imported: 1, rejected: 4, rejections: summary.rejections });
  });

  it('Given a row with a bad year and an unknown key teacher, then both are reported for that row in one go', async () => {
    const file = ['UPN,Forename,Surname,Year,SEN Status,Key Teacher Email', 'K1,Lily,Evans,Year 15,Q,nobody@oakfield.example'].join('\n');
    const summary = await (await post('pupils', file)).json();
    expect(summary.rejections).toEqual([
      { row: 2, column: 'Year', reason: expect.stringMatching(/"Year 15" is not a year group/) },
      { row: 2, column: 'SEN Status', reason: expect.stringMatching(/"Q" is not an SEN status/) },
      { row: 2, column: 'Key Teacher Email', reason: 'no member of staff at this school has the email nobody@oakfield.example' },
    ]);
    expect(summary.rejected).toBe(1);
  });

  it('Given the same problem on many rows, then the answer says once what to change for all of them, with the accepted values', async () => {
    const rows = ['F1', 'F2', 'F3', 'F4'].map((id, i) => `${id},Kid${i},Ford,${i === 3 ? 'Year 15' : '3'},Early Help,t.fletcher@oakfield.example`);
    const summary = await (await post('pupils', ['UPN,Forename,Surname,Year,SEN Status,Key Teacher Email', ...rows].join('\n'))).json();
    expect(summary.rejected).toBe(4);
    expect(summary.fixes).toEqual([
      { column: 'SEN Status', reason: expect.stringMatching(/^"Early Help" is not an SEN status \(use K or SEN Support, E or EHC Plan/), rows: [2, 3, 4, 5] },
      { column: 'Year', reason: expect.stringMatching(/^"Year 15" is not a year group \(use Nursery/), rows: [5] },
    ]);
  });

  it('accepts JSON { csv } on /api/roster/import with a kind and a first row number', async () => {
    const res = await svc.api('/api/roster/import', {
      method: 'POST',
      body: JSON.stringify({ kind: 'staff', schoolId, firstRow: 40, csv: 'Name,Email,Role\nJo Bloggs,jo@oakfield.example,Teacher\nNo Role,nr@oakfield.example,\n' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 1, rejected: 1, rejections: [{ row: 41, column: 'Role', reason: 'missing role' }] });
  });

  it('refuses a file missing required columns, naming them, and writes nothing', async () => {
    const res = await post('pupils', 'Forename,Surname\nAmir,Khan\n');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid_roster',
      message: expect.stringMatching(/^The file has no column for the UPN or admission number \(headed "UPN"/),
      details: { missingColumns: ['UPN', 'Year', 'SEN Status', 'Key Teacher Email'], missing: expect.arrayContaining([{ column: 'Year', accepted: expect.arrayContaining(['Year', 'NC Year', 'Year Group']) }]) },
    });
  });

  it('refuses an unauthenticated call with 401', async () => {
    const res = await fetch(`${svc.baseUrl}/api/roster/pupils?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: PUPILS_CSV });
    expect(res.status).toBe(401);
  });

  it('Given a key teacher signed in through Entra ID, when they try to import, then they get 403; the SENCO of the school may', async () => {
    const teacher = await entra.token({ preferred_username: 't.fletcher@oakfield.example', oid: '11111111-1111-4111-8111-111111111111' });
    const refused = await post('pupils', PUPILS_CSV, { token: teacher });
    expect(refused.status).toBe(403);

    const senco = await entra.token({ preferred_username: 'r.okafor@oakfield.example' });
    const allowed = await svc.api('/api/roster/staff', { method: 'POST', headers: { authorization: `Bearer ${senco}`, 'content-type': 'text/csv' }, body: STAFF_CSV });
    expect(allowed.status).toBe(200);
    const ruth = await svc.ctx.prisma.staff.findFirstOrThrow({ where: { email: 'r.okafor@oakfield.example' } });
    const last = await svc.ctx.prisma.rosterImport.findUniqueOrThrow({ where: { id: (await allowed.json()).importId } });
    expect(last.actorLabel).toBe('r.okafor@oakfield.example');
    expect(ruth.roles).toEqual(['KEY_TEACHER', 'SENCO']);
  });

  it("Given a SENCO of another school, when they name this school, then they get 403", async () => {
    const other = await svc.ctx.prisma.school.create({ data: { name: 'Elm Street Academy' } });
    await svc.ctx.prisma.staff.create({ data: { schoolId: other.id, displayName: 'Jan Other', email: 'j.other@elm.example', roles: ['SENCO'] } });
    const token = await entra.token({ preferred_username: 'j.other@elm.example' });
    expect((await post('pupils', PUPILS_CSV, { token })).status).toBe(403);
  });
});
