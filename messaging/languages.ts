import { CENSUS_LANGUAGE_CODES } from './censusLanguageCodes';

/**
 * Languages as data (pure). A parent's language is an open BCP 47 code ("en", "pl", "pa-Guru",
 * "syl", "ti" ...), stored as text; this registry says what the product knows about each: its
 * names, the direction it is written in, the written pack its texts come from, and its code at
 * Azure AI Translator. Codes are kept in their canonical form (Intl.getCanonicalLocales), so
 * "PA-guru" and "pa-Guru" are one language.
 */
export type LanguageCode = string;

export interface LanguageInfo {
  code: LanguageCode;
  /** As staff read it: "Panjabi (Gurmukhi)". */
  english: string;
  /** As the family writes it: "ਪੰਜਾਬੀ". */
  native: string;
  direction: 'ltr' | 'rtl';
  /**
   * The written pack (messaging/catalogue) texts to this language come from: its own, or the
   * written language its speakers read (Sylheti and Chittagonian families read Bengali); null:
   * none, so texts are in English until machine translation is wired in.
   */
  pack: LanguageCode | null;
  /** Azure AI Translator's code for it; null when the Translator has none. */
  azure: string | null;
}

export const ENGLISH: LanguageCode = 'en';

type Entry = Omit<LanguageInfo, 'code' | 'direction'> & { direction?: 'rtl' };

/**
 * The languages the product writes in, and those whose names, packs or Translator codes differ
 * from what Intl and the code itself would give. Any other well-formed code is still a language:
 * see languageOf.
 */
const REGISTRY: Record<LanguageCode, Entry> = {
  en: { english: 'English', native: 'English', pack: 'en', azure: 'en' },
  ur: { english: 'Urdu', native: 'اردو', direction: 'rtl', pack: 'ur', azure: 'ur' },
  // Panjabi without a script is written in Gurmukhi (CLDR's default script for pa); Azure's "pa" is Gurmukhi.
  pa: { english: 'Panjabi', native: 'ਪੰਜਾਬੀ', pack: 'pa-Guru', azure: 'pa' },
  'pa-Guru': { english: 'Panjabi (Gurmukhi)', native: 'ਪੰਜਾਬੀ', pack: 'pa-Guru', azure: 'pa' },
  // Shahmukhi: no Azure code of its own (Azure's Panjabi is Gurmukhi).
  'pa-Arab': { english: 'Panjabi (Shahmukhi)', native: 'پنجابی', direction: 'rtl', pack: 'pa-Arab', azure: null },
  lah: { english: 'Western Panjabi', native: 'پنجابی', direction: 'rtl', pack: 'pa-Arab', azure: null },
  pl: { english: 'Polish', native: 'polski', pack: 'pl', azure: 'pl' },
  bn: { english: 'Bengali', native: 'বাংলা', pack: 'bn', azure: 'bn' },
  syl: { english: 'Sylheti', native: 'সিলেটি', pack: 'bn', azure: null },
  ctg: { english: 'Chittagonian', native: 'চাটগাঁইয়া', pack: 'bn', azure: null },
  so: { english: 'Somali', native: 'Soomaali', pack: 'so', azure: 'so' },
  ar: { english: 'Arabic', native: 'العربية', direction: 'rtl', pack: 'ar', azure: 'ar' },
  gu: { english: 'Gujarati', native: 'ગુજરાતી', pack: 'gu', azure: 'gu' },
  // Most Portuguese-speaking families in England are from Portugal: Azure's "pt-pt". Brazilian is Azure's "pt".
  pt: { english: 'Portuguese', native: 'português', pack: 'pt', azure: 'pt-pt' },
  'pt-BR': { english: 'Portuguese (Brazil)', native: 'português do Brasil', pack: 'pt', azure: 'pt' },
  ro: { english: 'Romanian', native: 'română', pack: 'ro', azure: 'ro' },
  ta: { english: 'Tamil', native: 'தமிழ்', pack: 'ta', azure: 'ta' },
  fr: { english: 'French', native: 'français', pack: 'fr', azure: 'fr' },
  es: { english: 'Spanish', native: 'español', pack: 'es', azure: 'es' },
  lt: { english: 'Lithuanian', native: 'lietuvių', pack: 'lt', azure: 'lt' },
  // CLDR reads "ku" as Kurmanji (Latin script); Sorani is "ckb". Azure calls them "kmr" and "ku".
  ku: { english: 'Kurdish (Kurmanji)', native: 'kurdî', pack: null, azure: 'kmr' },
  ckb: { english: 'Kurdish (Sorani)', native: 'کوردی', direction: 'rtl', pack: null, azure: 'ku' },
  'fa-AF': { english: 'Dari', native: 'دری', direction: 'rtl', pack: null, azure: 'prs' },
  zh: { english: 'Chinese', native: '中文', pack: null, azure: 'zh-Hans' },
  'zh-Hant': { english: 'Chinese (Traditional)', native: '中文', pack: null, azure: 'zh-Hant' },
  yue: { english: 'Cantonese', native: '粵語', pack: null, azure: 'yue' },
  mn: { english: 'Mongolian', native: 'монгол', pack: null, azure: 'mn-Cyrl' },
  sr: { english: 'Serbian', native: 'српски', pack: null, azure: 'sr-Cyrl' },
  'sr-Latn': { english: 'Serbian (Latin)', native: 'srpski', pack: null, azure: 'sr-Latn' },
  no: { english: 'Norwegian', native: 'norsk', pack: null, azure: 'nb' },
  bfi: { english: 'British Sign Language', native: 'British Sign Language', pack: null, azure: null },
};

/** Azure AI Translator's text translation languages (v3, /languages?scope=translation), where the code is the language's own. */
const AZURE_SAME_CODE = new Set(
  (
    'af sq am ar hy as az bn ba eu bho brx bs bg ca hr cs da dv doi nl en et fo fj fil fi fr gl ka de el gu ht ha he hi mww hu is ig id ' +
    'ikt iu ga it ja kn ks kk km rw ko ky lo lv lt ln dsb lg mk mai mg ms ml mt mi mr my ne nb ny or ps fa pl pt pa otq ro ru sm sn st nso ' +
    'tn sd si sk sl so es sw sv ty tg ta tt te th bo ti to tr tk uk hsb ur ug uz cy xh yo yua zu'
  ).split(' '),
);

// Scripts written right to left (ISO 15924), for languages the registry does not list.
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

/** The canonical form of a well-formed BCP 47 tag ("PA-guru" -> "pa-Guru"); undefined if it is not one. */
export function canonicalCode(tag: string): LanguageCode | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
}

/** "pa-Arab-PK" -> ["pa-Arab-PK", "pa-Arab", "pa"]: the tag and each shorter one, for lookups. */
function fallbacks(code: LanguageCode): LanguageCode[] {
  const parts = code.split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
}

const censusName = new Map<LanguageCode, string>();
for (const [description, code] of Object.values(CENSUS_LANGUAGE_CODES)) if (code && !censusName.has(code)) censusName.set(code, description);

function intlName(locale: string, code: string): string | undefined {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

/** Does Intl or our own tables know this language (not just a well-formed tag like "xq")? */
export function isKnownLanguage(code: LanguageCode): boolean {
  return fallbacks(code).some((c) => c in REGISTRY || censusName.has(c) || intlName('en', c) !== undefined);
}

/** Everything the product knows about a language; for a code it has no entry for, what Intl knows. */
export function languageOf(tag: LanguageCode | null | undefined): LanguageInfo {
  const code = (tag && canonicalCode(tag)) || ENGLISH;
  const known = fallbacks(code).find((c) => c in REGISTRY);
  if (known === code) {
    const e = REGISTRY[code]!;
    return { code, ...e, direction: e.direction ?? 'ltr' };
  }
  const base = known ? REGISTRY[known]! : undefined;
  let script: string | undefined;
  try {
    script = new Intl.Locale(code).maximize().script;
  } catch {
    script = undefined;
  }
  const sameCode = fallbacks(code).find((c) => AZURE_SAME_CODE.has(c));
  return {
    code,
    english: intlName('en', code) ?? censusName.get(code) ?? base?.english ?? code,
    native: intlName(code, code) ?? base?.native ?? intlName('en', code) ?? censusName.get(code) ?? code,
    direction: base?.direction ?? (script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr'),
    pack: base?.pack ?? null,
    azure: base?.azure ?? sameCode ?? null,
  };
}

// ---------------------------------------------------------------- what a register export says

/**
 * What a language cell of an MIS export means: a language; "not stated" (blank, "n/a", or a
 * census code that names no language, such as REF or OTB: see censusLanguageCodes.ts); or
 * something we cannot read, reported to the school with the cell's own text.
 */
export type LanguageCell = { kind: 'language'; code: LanguageCode } | { kind: 'notStated'; reason: string } | { kind: 'unknown'; text: string };

const NOT_STATED_WORDS = new Set(['', 'na', 'none', 'unknown', 'notknown', 'notstated', 'notgiven', 'notobtained', 'refused', 'other', 'otherlanguage', 'pending']);

/** Names and spellings schools and MIS exports use, beyond the registry's and the census's own. */
const ALIASES: Record<string, LanguageCode> = {
  punjabi: 'pa',
  panjabi: 'pa',
  gurmukhi: 'pa-Guru',
  punjabigurmukhi: 'pa-Guru',
  panjabishahmukhi: 'pa-Arab',
  punjabishahmukhi: 'pa-Arab',
  shahmukhi: 'pa-Arab',
  punjabimirpuri: 'pa-Arab',
  punjabipothwari: 'pa-Arab',
  punjabipotwari: 'pa-Arab',
  panjabipotwari: 'pa-Arab',
  mirpuri: 'pa-Arab',
  pothwari: 'pa-Arab',
  potwari: 'pa-Arab',
  bangla: 'bn',
  bangali: 'bn',
  sylheti: 'syl',
  chittagonian: 'ctg',
  farsi: 'fa',
  dari: 'fa-AF',
  sorani: 'ckb',
  kurmanji: 'ku',
  mandarin: 'zh',
  cantonese: 'yue',
  twi: 'ak',
  tagalog: 'fil',
  brazilianportuguese: 'pt-BR',
  portuguesebrazilian: 'pt-BR',
  moldovan: 'ro-MD',
  slovene: 'sl',
  tigrigna: 'ti',
  castilian: 'es',
  // ISO 639-2 codes an older MIS may export for the languages we write in.
  eng: 'en',
  urd: 'ur',
  pan: 'pa',
  pol: 'pl',
  ben: 'bn',
  som: 'so',
  ara: 'ar',
  guj: 'gu',
  por: 'pt',
  ron: 'ro',
  rum: 'ro',
  tam: 'ta',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  lit: 'lt',
};

/** Lower case, accents off Latin letters, nothing but letters: "Portuguese (Brazil)" -> "portuguesebrazil". */
function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/(?<=[a-zA-Z])\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}]/gu, '');
}

const NAMES: Map<string, LanguageCode> = (() => {
  const names = new Map<string, LanguageCode>();
  const add = (name: string, code: LanguageCode) => {
    const k = nameKey(name);
    // Two letters are read as a BCP 47 code ("ga" is Irish), not as the name "Ga".
    if (k.length >= 3 && !names.has(k)) names.set(k, code);
  };
  for (const [code, e] of Object.entries(REGISTRY)) {
    add(e.english, code);
    add(e.native, code);
  }
  for (const [description, code] of Object.values(CENSUS_LANGUAGE_CODES)) {
    if (!code) continue;
    add(description, code);
    // "Akan/Twi-Fante" is also "Akan"; "Arabic (Any Other)" is also "Arabic".
    for (const part of description.replace(/\(.*\)/, '').split('/')) add(part, code);
  }
  for (const [alias, code] of Object.entries(ALIASES)) names.set(alias, code);
  return names;
})();

/** Damerau-Levenshtein distance (optimal string alignment), for a misspelt name. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** A misspelt language name ("Portugese", "Lithuanain"): one slip in a short name, two in a long one, and only if one name is that close. */
function closestName(key: string): LanguageCode | undefined {
  if (!/^[a-z]{5,}$/.test(key)) return undefined;
  const allowed = key.length >= 8 ? 2 : 1;
  let best: { d: number; codes: Set<LanguageCode> } = { d: Infinity, codes: new Set() };
  for (const [name, code] of NAMES) {
    if (!/^[a-z]{4,}$/.test(name) || Math.abs(name.length - key.length) > allowed) continue;
    const d = distance(key, name);
    if (d < best.d) best = { d, codes: new Set([code]) };
    else if (d === best.d) best.codes.add(code);
  }
  return best.d <= allowed && best.codes.size === 1 ? [...best.codes][0] : undefined;
}

/**
 * Reads a language cell as an MIS exports it: a school census code ("URD", "PNJG", "REF"), a
 * language name in English or in the language itself ("Urdu", "Punjabi", "Polski", "Portugese"
 * with a slip), or a BCP 47 code ("pa-Guru", "pt-BR", "syl"; "EN", "PL" as older files wrote them).
 */
export function parseLanguageCell(cell: string): LanguageCell {
  const text = cell.trim();
  const key = nameKey(text);
  if (NOT_STATED_WORDS.has(key) || /^[?\-–—.]*$/.test(text)) return { kind: 'notStated', reason: 'blank' };
  const census = /^[a-z]{3,4}$/i.test(text) ? CENSUS_LANGUAGE_CODES[text.toUpperCase()] : undefined;
  if (census) return census[1] ? { kind: 'language', code: census[1] } : { kind: 'notStated', reason: `census code ${text.toUpperCase()} (${census[0]})` };
  const named = NAMES.get(key);
  if (named) return { kind: 'language', code: named };
  if (/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(text)) {
    const code = canonicalCode(text.replace(/_/g, '-'));
    if (code && isKnownLanguage(code)) return { kind: 'language', code };
  }
  const close = closestName(key);
  if (close) return { kind: 'language', code: close };
  return { kind: 'unknown', text };
}
