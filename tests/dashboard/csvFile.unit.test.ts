import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { csvCell, csvFile } from '../../dashboard/csvFile';

/**
 * The oracle, written apart from the product's rule: a spreadsheet runs a cell as a formula when
 * its first character is a tab or carriage return, or its first non-blank one is = + - or @ (OWASP).
 */
const spreadsheetRuns = (cell: string): boolean => cell.startsWith('\t') || cell.startsWith('\r') || ['=', '+', '-', '@'].includes(cell.trimStart().charAt(0));

describe('writing a CSV for Excel', () => {
  it.each([
    ['=HYPERLINK("http://evil","click")', `"'=HYPERLINK(""http://evil"",""click"")"`],
    ['+44 7700 900123 is my new number', `"'+44 7700 900123 is my new number"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A9)', `"'@SUM(A1:A9)"`],
    ['  =1+1', `"'  =1+1"`],
    ['\n=1+1', `"'\n=1+1"`],
    ['\t1', `"'\t1"`],
    ['\rcmd', `"'\rcmd"`],
    ['Text from Mrs =Smith', '"Text from Mrs =Smith"'],
    ['Smith, "Jo"', '"Smith, ""Jo"""'],
    ['', '""'],
  ])('%j is written as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(csvFile([['Date', 'Entry'], ['1 Sep 2026', 'Zoë']])).toBe('\uFEFF"Date","Entry"\r\n"1 Sep 2026","Zoë"\r\n');
  });

  it('Given any cells at all (property), then each reads back as written, or with a leading quote exactly when a spreadsheet would run it', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.tuple(fc.constantFrom(' ', '\t', '\r', '\n', ''), fc.constantFrom('=', '+', '-', '@', "'", '"'), fc.string()).map((parts) => parts.join('')));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const read = parse(csvFile(rows), { bom: true, relax_column_count: true }) as string[][];
        expect(read).toEqual(rows.map((cells) => cells.map((c) => (spreadsheetRuns(c) ? `'${c}` : c))));
        for (const c of read.flat()) expect(spreadsheetRuns(c)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
