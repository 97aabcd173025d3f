import iconv from 'iconv-lite';
import { RosterFileError } from './rows';

/**
 * The bytes of a register as the school's MIS or Excel saved them. A charset header is not
 * trusted (browsers and scripts rarely send one, and Excel never says): the bytes decide.
 * - a byte-order mark names UTF-8, UTF-16LE (Excel's "Unicode text") or UTF-16BE;
 * - otherwise strict UTF-8 (what an MIS and Excel's "CSV UTF-8" write);
 * - bytes that are not UTF-8 are read as Windows-1252, what Excel's plain "CSV" writes on UK
 *   Windows ("Zoë", "O’Neill" with a curly apostrophe, "£"). Every byte means something there, so
 *   a file that is neither (a workbook, a PDF, a photo) is recognised by its control characters;
 * - a UTF-8 file with a few rows that are not (pasted in from elsewhere) stays UTF-8: the bytes that
 *   cannot be read become U+FFFD and those rows are rejected (rows.ts), rather than every other
 *   accented name being garbled by reading the whole file as Windows-1252.
 */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

const BOMS: { bytes: number[]; encoding: CsvEncoding; decoder: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8-bom', decoder: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le', decoder: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be', decoder: 'utf-16be' },
];

/** Files a school office uploads by mistake instead of the CSV, known by their first bytes. */
const WORKBOOKS = [
  [0x50, 0x4b, 0x03, 0x04], // .xlsx (a zip)
  [0xd0, 0xcf, 0x11, 0xe0], // .xls
];

// C0 controls other than tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

// A well-formed multi-byte UTF-8 character, over the bytes read one to one ('latin1'). Windows-1252
// text rarely holds one by chance (a capital accented letter right before a symbol such as ’ or £).
const UTF8_CHARACTER = /[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}/;

const NOT_TEXT = 'The file could not be read as text: save the register from the MIS or Excel as CSV (CSV UTF-8 if offered) and import that';

const startsWith = (bytes: Uint8Array, prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function strict(decoder: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(decoder, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

// Not TextDecoder: Node 20.18.3 and later read windows-1252 as Latin-1, so 0x92 would not be ’ (nodejs/node#60888).
const windows1252 = (bytes: Uint8Array): string => iconv.decode(asBuffer(bytes), 'windows-1252');

/** UTF-8 with its unreadable bytes as U+FFFD, for a file that is mostly UTF-8. */
const lenientUtf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

function withoutBom(bytes: Uint8Array): DecodedCsv {
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  if (UTF8_CHARACTER.test(asBuffer(bytes).toString('latin1'))) return { text: lenientUtf8(bytes), encoding: 'utf-8' };
  return { text: windows1252(bytes), encoding: 'windows-1252' };
}

function withBom(bom: (typeof BOMS)[number], body: Uint8Array): DecodedCsv | undefined {
  // The mark promises UTF-8: bytes that break the promise become U+FFFD and their rows are rejected.
  if (bom.encoding === 'utf-8-bom') return { text: lenientUtf8(body), encoding: bom.encoding };
  const text = strict(bom.decoder, body);
  return text === undefined ? undefined : { text, encoding: bom.encoding };
}

/** A few stray control characters happen in real exports (a vertical tab from a notes field); garbage has many, or NUL bytes. */
function looksLikeText(text: string): boolean {
  if (text.includes('\u0000')) return false;
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls * 100 <= text.length;
}

export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (WORKBOOKS.some((magic) => startsWith(bytes, magic))) {
    throw new RosterFileError('This is an Excel workbook, not a CSV file: in Excel choose File, Save As, "CSV UTF-8 (Comma delimited)" and import that');
  }
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  const decoded = bom ? withBom(bom, bytes.subarray(bom.bytes.length)) : withoutBom(bytes);
  if (!decoded || !looksLikeText(decoded.text)) throw new RosterFileError(NOT_TEXT);
  return decoded;
}

/** For the CLI's summary and messages to the school. */
export const ENCODING_NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (with byte-order mark)',
  'utf-16le': 'UTF-16 (Excel "Unicode text")',
  'utf-16be': 'UTF-16 big-endian',
  'windows-1252': 'Windows-1252 (Excel "CSV" on Windows)',
};
