import { CENSUS_LANGUAGE_CODES } from '../../messaging/censusLanguageCodes';
import { LANGUAGE_PACKS } from '../../messaging/catalogue';
import { canonicalCode, isKnownLanguage, languageOf, parseLanguageCell } from '../../messaging/languages';
import { fromAzureCode } from '../../messaging/translator';

/**
 * Languages as data: the registry, and reading a register export's language cell (a school
 * census code, a name as an office types it, or a BCP 47 code).
 */
describe('the school census home-language codes', () => {
  it('maps every code of the published list to a canonical BCP 47 code the product knows, or says it names no language', () => {
    expect(Object.keys(CENSUS_LANGUAGE_CODES).length).toBeGreaterThan(300);
    for (const [census, [description, code]] of Object.entries(CENSUS_LANGUAGE_CODES)) {
      expect(census).toMatch(/^[A-Z]{3,4}$/);
      expect(description).not.toBe('');
      if (code !== null) {
        expect(canonicalCode(code)).toBe(code);
        expect(isKnownLanguage(code)).toBe(true);
      }
    }
  });

  it('leaves unmapped exactly the codes that name no one language (not obtained, refused, other, groups)', () => {
    const unmapped = Object.entries(CENSUS_LANGUAGE_CODES).filter(([, [, code]]) => code === null).map(([census]) => census);
    expect(unmapped.sort()).toEqual(['CGA', 'LBA', 'NOT', 'OAM', 'OGN', 'OTB', 'OTH', 'OTL', 'PHA', 'REF', 'RNY', 'SCB', 'VSY', 'VSYA', 'ZZZ']);
  });

  it.each([
    ['URD', 'ur'],
    ['PNJ', 'pa'],
    ['PNJA', 'pa'],
    ['PNJG', 'pa-Guru'],
    ['PNJM', 'pa-Arab'],
    ['PNJP', 'pa-Arab'],
    ['POL', 'pl'],
    ['BNG', 'bn'],
    ['BNGS', 'syl'],
    ['SOM', 'so'],
    ['ARA', 'ar'],
    ['ARAI', 'ar-IQ'],
    ['GUJ', 'gu'],
    ['POR', 'pt'],
    ['PORB', 'pt-BR'],
    ['TAM', 'ta'],
    ['FRN', 'fr'],
    ['RMN', 'ro'],
    ['SPA', 'es'],
    ['LIT', 'lt'],
    ['ENG', 'en'],
    ['ENB', 'en'],
    ['KURS', 'ckb'],
    ['TGR', 'ti'],
    ['urd', 'ur'],
  ])('Given the census code %s, Then the language is %s', (cell, code) => {
    expect(parseLanguageCell(cell)).toEqual({ kind: 'language', code });
  });

  it.each(['OTB', 'OTH', 'NOT', 'REF', 'ZZZ', 'SCB'])('Given %s, a census code that names no one language, Then it is "not stated", never an error', (cell) => {
    expect(parseLanguageCell(cell)).toMatchObject({ kind: 'notStated', reason: expect.stringContaining(cell) });
  });
});

describe('a language cell as a school office writes it', () => {
  it.each([
    ['Urdu', 'ur'],
    ['Panjabi', 'pa'],
    ['Punjabi', 'pa'],
    ['Punjabi (Gurmukhi)', 'pa-Guru'],
    ['Panjabi (Shahmukhi)', 'pa-Arab'],
    ['Mirpuri', 'pa-Arab'],
    ['Polish', 'pl'],
    ['polski', 'pl'],
    ['Bengali', 'bn'],
    ['Bangla', 'bn'],
    ['Sylheti', 'syl'],
    ['Somali', 'so'],
    ['Arabic', 'ar'],
    ['Gujarati', 'gu'],
    ['Portuguese', 'pt'],
    ['Portugese', 'pt'],
    ['Portuguese (Brazil)', 'pt-BR'],
    ['Romanian', 'ro'],
    ['Română', 'ro'],
    ['Tamil', 'ta'],
    ['French', 'fr'],
    ['Spanish', 'es'],
    ['Español', 'es'],
    ['Lithuanian', 'lt'],
    ['Lithuanain', 'lt'],
    ['Tigrinya', 'ti'],
    ['Kurdish (Sorani)', 'ckb'],
    ['Farsi', 'fa'],
    ['اردو', 'ur'],
    ['EN', 'en'],
    ['pl', 'pl'],
    ['pa-guru', 'pa-Guru'],
    ['pt_BR', 'pt-BR'],
    ['syl', 'syl'],
    ['ku', 'ku'],
    ['ti', 'ti'],
  ])('Given "%s", Then the language is %s', (cell, code) => {
    expect(parseLanguageCell(cell)).toEqual({ kind: 'language', code });
  });

  it.each(['', '  ', 'n/a', 'N/A', '-', 'Unknown', 'Not known', 'Refused', 'Other'])('Given "%s", Then it is not stated', (cell) => {
    expect(parseLanguageCell(cell).kind).toBe('notStated');
  });

  it.each(['Klingonese', 'Elvish', 'xq', 'English and Urdu', 'Potato'])('Given "%s", Then it is reported with the cell\'s own text', (cell) => {
    expect(parseLanguageCell(cell)).toEqual({ kind: 'unknown', text: cell });
  });
});

describe('the language registry', () => {
  it('gives each of the fifteen written languages its own pack', () => {
    for (const code of Object.keys(LANGUAGE_PACKS)) expect(languageOf(code).pack).toBe(code);
  });

  it.each([
    ['ur', 'rtl', 'ur', 'ur'],
    ['pa-Arab', 'rtl', 'pa-Arab', null],
    ['ar', 'rtl', 'ar', 'ar'],
    ['ar-IQ', 'rtl', 'ar', 'ar'],
    ['pa', 'ltr', 'pa-Guru', 'pa'],
    ['pt', 'ltr', 'pt', 'pt-pt'],
    ['pt-BR', 'ltr', 'pt', 'pt'],
    ['syl', 'ltr', 'bn', null],
    ['ckb', 'rtl', null, 'ku'],
    ['ku', 'ltr', null, 'kmr'],
    ['ps', 'rtl', null, 'ps'],
    ['he', 'rtl', null, 'he'],
    ['ti', 'ltr', null, 'ti'],
    ['bfi', 'ltr', null, null],
  ])('%s is written %s, from pack %s, and is %s at Azure AI Translator', (code, direction, pack, azure) => {
    expect(languageOf(code)).toMatchObject({ code, direction, pack, azure });
  });

  it('names every language for staff in English and for the family in its own words', () => {
    expect(languageOf('pa-Guru')).toMatchObject({ english: 'Panjabi (Gurmukhi)', native: 'ਪੰਜਾਬੀ' });
    expect(languageOf('so')).toMatchObject({ english: 'Somali', native: 'Soomaali' });
    expect(languageOf('ti')).toMatchObject({ english: 'Tigrinya', native: 'ትግርኛ' });
    expect(languageOf('syl')).toMatchObject({ english: 'Sylheti', native: 'সিলেটি' });
    expect(languageOf('hne').english).toBe('Chattisgarhi/Khatahi');
  });

  it('reads a missing or malformed code as English, the fallback everywhere', () => {
    expect(languageOf(null).code).toBe('en');
    expect(languageOf('not a code!').code).toBe('en');
  });

  it("reads Azure's own codes back as ours", () => {
    expect(fromAzureCode('pt-pt')).toBe('pt');
    expect(fromAzureCode('ku')).toBe('ckb');
    expect(fromAzureCode('kmr')).toBe('ku');
    expect(fromAzureCode('zh-Hans')).toBe('zh');
    expect(fromAzureCode('ur')).toBe('ur');
  });
});
