import fc from 'fast-check';
import { inWindows1252, type SavedAs } from './fileBytes';

/**
 * Names as real registers hold them, and as a careless or hostile cell might: quotes, commas, line
 * breaks inside the cell, accents, curly apostrophes, other scripts, and a leading = + - @ that a
 * spreadsheet would run as a formula. Trimmed and not blank: the import trims cells (a blank name is
 * a missing name).
 */
const PIECES = ['Zoë', 'Siobhán', 'O’Neill', "D'Arcy", 'Anne-Marie', ' ', '"Jo"', ',', '\n', '\r\n', '£', 'Łucja', 'Ștefan', 'عائشہ', '🙂', 'x', 'Smith'];
const FORMULA_STARTS = ['', '', '=', '+', '-', '@', '=HYPERLINK("http://evil","click")'];

export const awkwardName = (savedAs: SavedAs): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...FORMULA_STARTS), fc.array(fc.constantFrom(...PIECES.filter((p) => savedAs !== 'windows-1252' || inWindows1252(p))), { minLength: 1, maxLength: 6 }))
    .map(([start, pieces]) => (start + pieces.join('')).trim())
    .filter((name) => name !== '');

export interface AwkwardPupil {
  upn: string;
  firstName: string;
  lastName: string;
}

/** A few pupils with distinct UPNs and awkward names. */
export const awkwardPupils = (savedAs: SavedAs): fc.Arbitrary<AwkwardPupil[]> =>
  fc
    .uniqueArray(fc.integer({ min: 100000, max: 999999 }), { minLength: 1, maxLength: 5 })
    .chain((ids) => fc.tuple(...ids.map((id) => fc.record({ upn: fc.constant(`P${id}`), firstName: awkwardName(savedAs), lastName: awkwardName(savedAs) }))));
