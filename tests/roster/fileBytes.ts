/**
 * The bytes of a CSV file as the school's software would save it, for the import's tests:
 * an MIS export (UTF-8), Excel's "CSV UTF-8" (with a byte-order mark), Excel's plain "CSV" on UK
 * Windows (Windows-1252) and Excel's "Unicode text" (UTF-16LE with a byte-order mark, tab-separated).
 */
export type SavedAs = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';

/** Windows-1252 is Latin-1 but for 0x80-0x9F; these are the characters of that range the tests use. */
const WINDOWS_1252_EXTRAS = new Map([
  ['€', 0x80],
  ['‘', 0x91],
  ['’', 0x92],
  ['“', 0x93],
  ['”', 0x94],
  ['–', 0x96],
]);
const byteOf = (c: string): number | undefined => WINDOWS_1252_EXTRAS.get(c) ?? (c.codePointAt(0)! <= 0xff && !(c >= '\u0080' && c <= '\u009f') ? c.codePointAt(0) : undefined);

export const inWindows1252 = (text: string): boolean => [...text].every((c) => byteOf(c) !== undefined);

export function fileBytes(text: string, savedAs: SavedAs): Buffer {
  switch (savedAs) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'windows-1252':
      return Buffer.from(
        [...text].map((c) => {
          const b = byteOf(c);
          if (b === undefined) throw new Error(`${JSON.stringify(c)} has no Windows-1252 byte`);
          return b;
        }),
      );
  }
}

/** A CSV as an MIS writes it: every cell quoted, quotes doubled; no formula protection (that is the exporter's job). */
export const misCsv = (rows: string[][], separator = ',', lineEnd = '\r\n'): string =>
  rows.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(separator) + lineEnd).join('');

/**
 * Windows-1252 bytes that happen to contain a well-formed UTF-8 character ("ë££" is EB A3 A3, also
 * U+18E3) are ambiguous: the import reads such a file as UTF-8 and rejects the rows it cannot read.
 */
export const ambiguousWindows1252 = (bytes: Uint8Array): boolean => /[^\x00-\x7F\uFFFD]/.test(new TextDecoder().decode(bytes));
