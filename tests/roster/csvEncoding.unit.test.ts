import fc from 'fast-check';
import { decodeCsv } from '../../roster/csvEncoding';
import { parsePupilRoster } from '../../roster/pupilRow';
import { RosterFileError, separatorOf } from '../../roster/rows';
import { awkwardPupils } from './awkwardNames';
import { ambiguousWindows1252, fileBytes, misCsv, type SavedAs } from './fileBytes';

const UK_NAMES = 'Forename,Surname,Note\nZoë,O’Neill,£2.60 dinner money\nSiobhán,Ó Briain,\n';

describe('reading the bytes of a register file', () => {
  it.each<[SavedAs, string]>([
    ['utf-8', 'utf-8'],
    ['utf-8-bom', 'utf-8-bom'],
    ['windows-1252', 'windows-1252'],
    ['utf-16le', 'utf-16le'],
  ])('Given a file saved as %s, then it reads the names as written and says it was %s', (savedAs, detected) => {
    expect(decodeCsv(fileBytes(UK_NAMES, savedAs))).toEqual({ text: UK_NAMES, encoding: detected });
  });

  it("Given Excel's plain CSV from UK Windows, then 0x92 is a curly apostrophe and 0xA3 a pound sign", () => {
    const bytes = Buffer.from([...Buffer.from('Surname,Note\nO'), 0x92, ...Buffer.from('Neill,'), 0xa3, ...Buffer.from('5\nZo'), 0xeb, 0x0a]);
    expect(decodeCsv(bytes)).toEqual({ text: 'Surname,Note\nO’Neill,£5\nZoë\n', encoding: 'windows-1252' });
  });

  it('Given a plain ASCII file, then it is UTF-8 (the two agree)', () => {
    expect(decodeCsv(Buffer.from('UPN,Forename\nA1,Amir\n')).encoding).toBe('utf-8');
  });

  it('Given a UTF-8 file with one row pasted in from a Windows-1252 file, then it stays UTF-8 and only the bytes of that row are unreadable', () => {
    const bytes = Buffer.concat([Buffer.from('Forename,Surname\nZoë,Smith\nSiobhán,O'), Buffer.from([0x92]), Buffer.from('Neill\n')]);
    expect(decodeCsv(bytes)).toEqual({ text: 'Forename,Surname\nZoë,Smith\nSiobhán,O\uFFFDNeill\n', encoding: 'utf-8' });
  });

  it('Given binary data (a photo), then it is refused as not text', () => {
    let seed = 7;
    const noise = Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise]);
    expect(() => decodeCsv(png)).toThrow(new RosterFileError('The file could not be read as text: save the register from the MIS or Excel as CSV (CSV UTF-8 if offered) and import that'));
  });

  it('Given UTF-16 text that is cut off mid-character, then it is refused as not text', () => {
    expect(() => decodeCsv(fileBytes('UPN', 'utf-16le').subarray(0, 7))).toThrow(/could not be read as text/);
  });

  it.each([
    ['.xlsx', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
    ['.xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]],
  ])('Given an Excel workbook (%s) instead of its CSV, then the office is told to save it as CSV', (_, bytes) => {
    expect(() => decodeCsv(Buffer.from(bytes))).toThrow(/This is an Excel workbook, not a CSV file: in Excel choose File, Save As/);
  });

  it('Given a stray vertical tab in a notes cell, then the file is still read', () => {
    const text = `UPN,Notes\nA1,Reads well\u000Bwith support\n${Array.from({ length: 20 }, (_, i) => `A${i + 2},`).join('\n')}\n`;
    expect(decodeCsv(Buffer.from(text)).text).toBe(text);
  });
});

describe('the separator of a file', () => {
  it.each([
    ['UPN,Forename,Surname\r\nA1,"Smith, Jo",X', ','],
    ['UPN\tForename\tSurname\nA1\tJo, Ann\tX', '\t'],
    ['UPN;Forename;Surname\nA1;Jo;X', ';'],
    ['UPN\n', ','],
  ])('%j is separated by %j', (text, separator) => {
    expect(separatorOf(text)).toBe(separator);
  });
});

describe('awkward names survive every encoding (property)', () => {
  const header = ['UPN', 'Forename', 'Surname', 'Year', 'SEN Status', 'Key Teacher Email'];

  it.each<SavedAs>(['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'])('saved as %s, every name reads back exactly as written', (savedAs) => {
    fc.assert(
      fc.property(awkwardPupils(savedAs), fc.constantFrom('\r\n', '\n'), (pupils, lineEnd) => {
        const text = misCsv([header, ...pupils.map((p) => [p.upn, p.firstName, p.lastName, '3', 'K', 't@school.example'])], savedAs === 'utf-16le' ? '\t' : ',', lineEnd);
        const bytes = fileBytes(text, savedAs);
        fc.pre(savedAs !== 'windows-1252' || !ambiguousWindows1252(bytes));
        const parsed = parsePupilRoster(decodeCsv(bytes).text);
        expect(parsed.rejections).toEqual([]);
        expect(parsed.rows.map(({ record }) => ({ upn: record.misId, firstName: record.firstName, lastName: record.lastName }))).toEqual(pupils);
      }),
      { numRuns: 150 },
    );
  });
});
