/**
 * What a parent's text means before we look at who sent it (pure). Keywords are whole messages,
 * case-, space- and punctuation-insensitive, as carriers match them.
 *
 * Opt-out words are the carrier's (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) plus
 * unambiguous "unsubscribe" words in our languages (Polish WYPISZ, Romanian DEZABONARE, Urdu
 * "بند کریں"). A plain "no" (Polish "nie", Romanian "nu") is NOT an opt-out: it is the most
 * likely answer to a question we asked, and silencing a parent who meant "no, that time does not
 * suit" would cut off exactly the hard-to-reach parents the programme is for. Because CANCEL must
 * opt out (carrier rule), a parent changes or cancels a booked meeting with CHANGE.
 *
 * UPDATES (Polish AKTUALIZACJE, Romanian ACTUALIZARI, Urdu اپڈیٹ) is how often the parent hears
 * about progress: alone it asks, with a number it sets (range checked by the handler, so an
 * out-of-range number gets the limits, not the key teacher), with DEFAULT it goes back to the school's.
 */
export type Intent =
  | { kind: 'stop' }
  | { kind: 'start' }
  | { kind: 'help' }
  | { kind: 'change' }
  /** "0", "none", "another time" and their equivalents: decline offered slots. */
  | { kind: 'none' }
  | { kind: 'number'; value: number }
  /** `weeks`: undefined = "what is it now?", null = back to the school's rhythm. */
  | { kind: 'updates'; weeks?: number | null }
  | { kind: 'text' };

const STOP = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'optout', 'revoke', 'wypisz', 'dezabonare', 'بند کریں'];
const START = ['start', 'unstop'];
const HELP = ['help', 'info', 'pomoc', 'ajutor', 'مدد'];
const CHANGE = ['change', 'zmiana', 'zmien', 'zmień', 'schimbare', 'schimba', 'schimbă', 'تبدیلی', 'تبدیل'];
// Not the singular "update": "Update?" is a parent asking about their child, for the key teacher.
const UPDATES = ['updates', 'aktualizacje', 'actualizari', 'actualizări', 'اپڈیٹ', 'اپڈیٹس', 'اپ ڈیٹ'];
const DEFAULT = ['default', 'domyslnie', 'domyślnie', 'domyslne', 'domyślne', 'implicit', 'standard', 'ڈیفالٹ', 'معمول'];
const UPDATES_RE = new RegExp(`^(${UPDATES.join('|')})(?: (\\d{1,3}|${DEFAULT.join('|')}))?$`, 'u');

const NONE = [
  'none',
  'no',
  'another time',
  'other time',
  'another day',
  'none of them',
  'nie',
  'żaden',
  'zaden',
  'inny termin',
  'nu',
  'niciunul',
  'niciuna',
  'altă dată',
  'alta data',
  'altă oră',
  'alta ora',
  'کوئی نہیں',
  'دوسرا وقت',
  'نہیں',
];

const DIGITS: Record<string, string> = { '۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9', '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9' };

/**
 * Characters that change how a text looks but never which word it is, removed before matching: format
 * characters (zero-width space and joiners, right-to-left and left-to-right marks, the byte order
 * mark, soft hyphens), variation selectors (the emoji style of "❤️") and enclosing marks (the keycap
 * of "1️⃣"). Phones and keyboards add them unseen, so "STOP\u200B", "\u200FSTOP" and even
 * "ST\u200BOP" are still STOP: a parent who means to opt out must never be ignored over an
 * invisible character.
 */
const INVISIBLE = /[\p{Cf}\p{Me}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/**
 * The text as keywords are matched (the stored message keeps what the parent sent): compatibility
 * forms folded (NFKC: full-width "ＳＴＯＰ" is STOP, Arabic presentation forms are plain letters),
 * invisible characters removed, lower case, Eastern Arabic digits as 0-9, punctuation, emoji, control
 * characters and repeated spaces gone, and combining marks left with no letter to sit on dropped.
 */
export function normaliseReply(text: string): string {
  return [...text.normalize('NFKC').replace(INVISIBLE, '')]
    .map((ch) => DIGITS[ch] ?? ch)
    .join('')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s]/gu, ' ')
    .replace(/(?<![\p{L}\p{N}\p{M}])\p{M}+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function intentOf(text: string): Intent {
  const t = normaliseReply(text);
  if (STOP.includes(t)) return { kind: 'stop' };
  if (START.includes(t)) return { kind: 'start' };
  if (HELP.includes(t)) return { kind: 'help' };
  if (CHANGE.includes(t)) return { kind: 'change' };
  if (t === '0' || NONE.includes(t)) return { kind: 'none' };
  const u = UPDATES_RE.exec(t);
  if (u) return { kind: 'updates', weeks: u[2] === undefined ? undefined : /^\d+$/.test(u[2]) ? Number(u[2]) : null };
  const n = /^(?:option |opcja |optiunea |opțiunea )?(\d{1,2})$/.exec(t);
  if (n) return { kind: 'number', value: Number(n[1]) };
  return { kind: 'text' };
}
