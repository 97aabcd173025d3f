/**
 * Every CSV the product hands out is written here, so every one is safe to open in Excel.
 * Cells are quoted (commas, quotes and line breaks inside stay in their cell), lines end CRLF,
 * and the file starts with a UTF-8 byte-order mark: without it Excel reads UTF-8 as the Windows
 * code page and garbles Urdu, Polish and Romanian.
 *
 * Formula injection (OWASP "CSV Injection"): parents' texts, names from the MIS and teachers' words
 * reach these files, and a spreadsheet runs a cell starting with = + - @ (also after spaces), a tab
 * or a carriage return as a formula, e.g. =HYPERLINK("http://evil","click"). Such a cell is
 * prefixed with a single quote, which Excel and LibreOffice show as text.
 */
export const isFormulaLike = (value: string): boolean => /^[\t\r]|^\s*[=+\-@]/.test(value);

export function csvCell(value: string): string {
  const safe = isFormulaLike(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvFile(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('')}`;
}
