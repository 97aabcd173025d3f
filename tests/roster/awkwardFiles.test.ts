import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { startTestService, type RunningService } from '../support/testService';
import { awkwardPupils } from './awkwardNames';
import { ambiguousWindows1252, fileBytes, misCsv, type SavedAs } from './fileBytes';

/**
 * Registers as schools really send them: saved by Excel in whatever encoding Windows chose, with
 * line breaks inside cells, repeated columns, the same pupil twice, and bytes that are no text at all.
 */
const STAFF_CSV = readFileSync(path.resolve(__dirname, 'samples/oakfield/staff.csv'));
const TEACHER = 't.fletcher@oakfield.example';
const HEADER = ['UPN', 'Forename', 'Surname', 'Year', 'SEN Status', 'Key Teacher Email', 'Contact 1 Name', 'Contact 1 Mobile'];

describe('importing registers in awkward shapes over HTTP', () => {
  let svc: RunningService;
  let schoolId: string;

  const post = (body: Uint8Array | string) =>
    svc.api(`/api/roster/pupils?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const pupil = (misId: string) => svc.ctx.prisma.pupil.findUnique({ where: { schoolId_misId: { schoolId, misId } }, include: { contacts: { include: { contact: true } } } });
  const importsRecorded = () => svc.ctx.prisma.rosterImport.count({ where: { schoolId } });

  beforeAll(async () => {
    svc = await startTestService();
    schoolId = (await svc.ctx.prisma.school.create({ data: { name: 'Oakfield Primary' } })).id;
    const staff = await svc.api(`/api/roster/staff?schoolId=${schoolId}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: new Uint8Array(STAFF_CSV) });
    expect(staff.status).toBe(200);
  });
  afterAll(async () => {
    await svc.close();
  });

  describe('encodings', () => {
    const ukNames = (upn: string) => [upn, 'Zoë', 'O’Neill', '4', 'K', TEACHER, 'Siobhán O’Neill', '07700 900401'];

    it.each<[SavedAs, string]>([
      ['utf-8', 'E1'],
      ['utf-8-bom', 'E2'],
      ['windows-1252', 'E3'],
      ['utf-16le', 'E4'],
    ])('Given a register saved as %s, when imported, then Zoë and Siobhán O’Neill are stored as written and the answer names the encoding', async (savedAs, upn) => {
      // Excel's "Unicode text" is tab-separated.
      const separator = savedAs === 'utf-16le' ? '\t' : ',';
      const res = await post(fileBytes(misCsv([HEADER, ukNames(upn)], separator), savedAs));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ imported: 1, rejected: 0, ignoredColumns: [], encoding: savedAs });
      const stored = await pupil(upn);
      expect([stored?.firstName, stored?.lastName, stored?.contacts[0]?.contact.displayName]).toEqual(['Zoë', 'O’Neill', 'Siobhán O’Neill']);
    });

    it("Given Excel's plain CSV written byte by byte (0x92 apostrophe, 0xEB ë, 0xA3 pound), then it is read as Windows-1252", async () => {
      const row = Buffer.concat([Buffer.from(`E5,Zo`), Buffer.from([0xeb]), Buffer.from(`,O`), Buffer.from([0x92]), Buffer.from(`Brien,5,K,${TEACHER},Mr O`), Buffer.from([0x92]), Buffer.from('Brien,07700 900405\r\n')]);
      const res = await post(Buffer.concat([Buffer.from(`${HEADER.join(',')},Dinner money\r\n`), row.subarray(0, row.length - 2), Buffer.from([0x2c, 0xa3, 0x32, 0x0d, 0x0a])]));
      expect(await res.json()).toMatchObject({ imported: 1, encoding: 'windows-1252', ignoredColumns: ['Dinner money'] });
      expect(await pupil('E5')).toMatchObject({ firstName: 'Zoë', lastName: 'O’Brien' });
    });

    it('Given a UTF-8 register with one row pasted in from a Windows-1252 file, then that row is rejected naming its column and the others keep their accents', async () => {
      const before = Buffer.from(`${HEADER.slice(0, 6).join(',')}\nM1,Zoë,Smith,3,K,${TEACHER}\nM2,Siobhán,O`);
      const res = await post(Buffer.concat([before, Buffer.from([0x92]), Buffer.from(`Neill,3,K,${TEACHER}\nM3,Chloé,Brown,3,K,${TEACHER}\n`)]));
      expect(await res.json()).toMatchObject({
        imported: 2,
        rejected: 1,
        encoding: 'utf-8',
        rejections: [{ row: 3, column: 'Surname', reason: expect.stringMatching(/^has characters that could not be read .* save the file from Excel as "CSV UTF-8"/) }],
      });
      expect([(await pupil('M1'))?.firstName, (await pupil('M3'))?.firstName, await pupil('M2')]).toEqual(['Zoë', 'Chloé', null]);
    });

    it.each([
      ['a photo', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]), /^The file could not be read as text/],
      ['the Excel workbook itself', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), /^This is an Excel workbook, not a CSV file/],
    ])('Given %s instead of a CSV, then it is refused with 400 saying why, and nothing is recorded', async (_, bytes, message) => {
      const before = await importsRecorded();
      const res = await post(bytes);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_roster', message: expect.stringMatching(message) });
      expect(await importsRecorded()).toBe(before);
    });
  });

  describe('the shape of the file', () => {
    it('Given line breaks and commas inside quoted cells, mixed CRLF and LF, and blank lines at the end, then each pupil is one row and rows keep their spreadsheet numbers', async () => {
      const file =
        `${HEADER.join(',')}\r\n` +
        `S1,"Mary\nJane","Smith, Jones",3,K,${TEACHER},"Ann ""Nan"" Smith",07700 900411\n` +
        `S2,Leo,Brown,Year 15,K,${TEACHER},Jo Brown,07700 900412\r\n` +
        `S3,Ava,"Black\r\nWhite",3,K,${TEACHER},Lou Black,07700 900413\r\n` +
        '\r\n\n,,,,,,,\r\n';
      const res = await post(file);
      expect(await res.json()).toMatchObject({
        imported: 2,
        rejected: 1,
        // Row 3 of the spreadsheet, although it starts on the file's fourth line.
        rejections: [{ row: 3, column: 'Year', reason: expect.stringMatching(/"Year 15" is not a year group/) }],
      });
      expect(await pupil('S1')).toMatchObject({ firstName: 'Mary\nJane', lastName: 'Smith, Jones', contacts: [expect.objectContaining({ contact: expect.objectContaining({ displayName: 'Ann "Nan" Smith' }) })] });
      expect(await pupil('S3')).toMatchObject({ lastName: 'Black\r\nWhite' });
    });

    it('Given two columns for one field (Surname and Legal Surname), then the first is used and the other is listed as ignored', async () => {
      const res = await post(`UPN,Forename,Surname,Year,SEN Status,Key Teacher Email,Legal Surname,UPN\nD1,Jo,Preferred,3,K,${TEACHER},Legal,D9\n`);
      expect(await res.json()).toMatchObject({ imported: 1, rejected: 0, ignoredColumns: ['Legal Surname', 'UPN'] });
      expect(await pupil('D1')).toMatchObject({ lastName: 'Preferred' });
      expect(await pupil('D9')).toBeNull();
    });

    it('Given the same pupil twice in one file, then the first row is imported once and the later row is rejected naming the first', async () => {
      const res = await post(misCsv([HEADER, ['T1', 'Tom', 'Ward', '3', 'K', TEACHER, '', ''], ['T2', 'Ann', 'Ward', '3', 'K', TEACHER, '', ''], ['T1', 'Thomas', 'Ward', '4', 'K', TEACHER, '', '']]));
      expect(await res.json()).toMatchObject({ imported: 2, rejected: 1, rejections: [{ row: 4, column: 'UPN', reason: 'pupil T1 is already on row 2' }] });
      expect(await svc.ctx.prisma.pupil.findMany({ where: { schoolId, misId: 'T1' }, select: { firstName: true, yearGroup: true } })).toEqual([{ firstName: 'Tom', yearGroup: 3 }]);
    });

    it('Given a pupil already in the school, when a later export renames them, then the same pupil is updated, never a second one', async () => {
      const res = await post(misCsv([HEADER, ['T2', 'Annie', 'Ward', '3', 'K', TEACHER, '', '']]));
      expect(await res.json()).toMatchObject({ imported: 0, updated: 1, rejected: 0 });
      expect(await svc.ctx.prisma.pupil.findMany({ where: { schoolId, misId: 'T2' }, select: { firstName: true } })).toEqual([{ firstName: 'Annie' }]);
    });
  });

  describe('awkward names round-trip through every encoding (property)', () => {
    it.each<SavedAs>(['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'])('saved as %s: stored names equal the file, one pupil per UPN, and a second import changes nothing', async (savedAs) => {
      await fc.assert(
        fc.asyncProperty(awkwardPupils(savedAs), async (pupils) => {
          const text = misCsv([HEADER.slice(0, 6), ...pupils.map((p) => [p.upn, p.firstName, p.lastName, '3', 'K', TEACHER])], savedAs === 'utf-16le' ? '\t' : ',');
          const bytes = fileBytes(text, savedAs);
          fc.pre(savedAs !== 'windows-1252' || !ambiguousWindows1252(bytes));
          const first = await (await post(bytes)).json();
          expect(first).toMatchObject({ rejected: 0 });
          expect(first.imported + first.updated + first.unchanged).toBe(pupils.length);
          const stored = await svc.ctx.prisma.pupil.findMany({ where: { schoolId, misId: { in: pupils.map((p) => p.upn) } }, select: { misId: true, firstName: true, lastName: true } });
          expect(stored.map((p) => ({ upn: p.misId, firstName: p.firstName, lastName: p.lastName })).sort((a, b) => a.upn.localeCompare(b.upn))).toEqual(
            [...pupils].sort((a, b) => a.upn.localeCompare(b.upn)),
          );
          expect(await (await post(bytes)).json()).toMatchObject({ imported: 0, updated: 0, unchanged: pupils.length });
        }),
        { numRuns: 8 },
      );
    });
  });
});
