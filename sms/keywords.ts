import type { LanguageCode } from '../messaging/languages';

/**
 * What a parent's text means before we look at who sent it (pure). Keywords are whole messages,
 * case-, space- and punctuation-insensitive, as carriers match them, in every language the
 * catalogue writes in, whatever the parent's own language: a parent who answers in English (or
 * in any of them) is always understood, and the words a pack asks for (its `reply` words) are
 * here (tests/sms/keywords.test.ts checks both).
 *
 * Opt-out words are the carrier's (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) plus
 * unambiguous "unsubscribe" or "stop" words in our languages (Polish WYPISZ, Spanish BAJA, Urdu
 * "بند کریں" ...). A plain "no" (Polish "nie", Romanian "nu", Urdu "نہیں" ...) is NOT an opt-out:
 * it is the most likely answer to a question we asked, and silencing a parent who meant "no, that
 * time does not suit" would cut off exactly the hard-to-reach parents the programme is for; it is
 * `none`, the answer that declines what was offered. For the same reason "cancel" in another
 * language (anuluj, cancelar, anuler) is not an opt-out: it is the parent's voice, read by the key
 * teacher. Because CANCEL must opt out (carrier rule), a parent changes or cancels a booked
 * meeting with CHANGE.
 *
 * UPDATES (Polish AKTUALIZACJE, Somali WARAR ...) is how often the parent hears about progress:
 * alone it asks, with a number it sets (range checked by the handler, so an out-of-range number
 * gets the limits, not the key teacher), with DEFAULT it goes back to the school's. CALL and TEXT
 * choose how the school reaches them.
 */
export type Intent =
  | { kind: 'stop' }
  | { kind: 'start' }
  | { kind: 'help' }
  | { kind: 'change' }
  /** "0", "no", "none", "another time" and their equivalents: decline what was offered. */
  | { kind: 'none' }
  /** "yes" where a question asked for it. */
  | { kind: 'yes' }
  | { kind: 'number'; value: number }
  /** `weeks`: undefined = "what is it now?", null = back to the school's rhythm. */
  | { kind: 'updates'; weeks?: number | null }
  /** How the school reaches the parent: phone calls or texts. */
  | { kind: 'channel'; channel: 'call' | 'sms' }
  | { kind: 'text' };

interface Words {
  stop: string[];
  start: string[];
  help: string[];
  change: string[];
  none: string[];
  yes: string[];
  updates: string[];
  default: string[];
  call: string[];
  sms: string[];
}

/** Every keyword, by language (written as parents type them; matched after normaliseReply, accents optional in Latin letters). */
export const KEYWORDS: Record<LanguageCode, Words> = {
  en: {
    stop: ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'optout', 'opt out', 'revoke'],
    start: ['start', 'unstop'],
    help: ['help', 'info'],
    change: ['change'],
    none: ['no', 'none', 'another time', 'other time', 'another day', 'none of them', 'none of these'],
    yes: ['yes', 'y', 'yeah', 'yep'],
    updates: ['updates'],
    default: ['default', 'standard'],
    call: ['call', 'call me', 'phone', 'phone me', 'calls'],
    sms: ['text', 'texts', 'text me', 'sms'],
  },
  pl: {
    stop: ['wypisz', 'rezygnuję'],
    start: ['wznów'],
    help: ['pomoc'],
    change: ['zmiana', 'zmień'],
    none: ['nie', 'żaden', 'żadna', 'żaden z nich', 'inny termin', 'inny dzień'],
    yes: ['tak'],
    updates: ['aktualizacje'],
    default: ['domyślnie', 'domyślne'],
    call: ['telefon', 'zadzwoń', 'dzwoń'],
    sms: ['sms'],
  },
  ro: {
    stop: ['dezabonare', 'dezabonează'],
    start: ['pornire'],
    help: ['ajutor'],
    change: ['schimbare', 'schimbă'],
    none: ['nu', 'niciunul', 'niciuna', 'altă dată', 'altă oră', 'altă zi'],
    yes: ['da'],
    updates: ['actualizări'],
    default: ['implicit'],
    call: ['apel', 'sună', 'sunați', 'telefon'],
    sms: ['mesaje', 'text'],
  },
  ur: {
    stop: ['بند کریں', 'بند'],
    start: ['شروع', 'شروع کریں'],
    help: ['مدد'],
    change: ['تبدیلی', 'تبدیل', 'بدلیں'],
    none: ['نہیں', 'کوئی نہیں', 'دوسرا وقت', 'کوئی اور وقت'],
    yes: ['ہاں', 'جی', 'جی ہاں'],
    updates: ['اپڈیٹ', 'اپڈیٹس', 'اپ ڈیٹ'],
    default: ['ڈیفالٹ', 'معمول'],
    call: ['کال', 'فون'],
    sms: ['میسج', 'ٹیکسٹ'],
  },
  'pa-Arab': {
    stop: ['بند کرو'],
    start: ['شروع کرو'],
    help: ['مدد کرو'],
    change: ['بدلو'],
    none: ['نئیں', 'کوئی نئیں', 'ہور ویلا'],
    yes: ['آہو', 'ہاں جی'],
    updates: ['اپڈیٹ'],
    default: ['عام'],
    call: ['فون کرو'],
    sms: ['سنیہا', 'سنیہے'],
  },
  'pa-Guru': {
    stop: ['ਬੰਦ', 'ਬੰਦ ਕਰੋ'],
    start: ['ਸ਼ੁਰੂ', 'ਚਾਲੂ'],
    help: ['ਮਦਦ'],
    change: ['ਬਦਲੋ', 'ਬਦਲਾਅ'],
    none: ['ਨਹੀਂ', 'ਕੋਈ ਨਹੀਂ', 'ਹੋਰ ਸਮਾਂ'],
    yes: ['ਹਾਂ', 'ਜੀ', 'ਹਾਂ ਜੀ'],
    updates: ['ਅੱਪਡੇਟ', 'ਅਪਡੇਟ'],
    default: ['ਆਮ'],
    call: ['ਕਾਲ', 'ਫ਼ੋਨ', 'ਫੋਨ'],
    sms: ['ਸੁਨੇਹਾ', 'ਮੈਸੇਜ'],
  },
  bn: {
    stop: ['বন্ধ', 'বন্ধ করুন'],
    start: ['শুরু', 'চালু'],
    help: ['সাহায্য'],
    change: ['পরিবর্তন', 'বদল'],
    none: ['না', 'কোনোটাই না', 'অন্য সময়'],
    yes: ['হ্যাঁ', 'হা'],
    updates: ['আপডেট'],
    default: ['স্বাভাবিক'],
    call: ['কল', 'ফোন'],
    sms: ['মেসেজ', 'এসএমএস'],
  },
  so: {
    stop: ['jooji'],
    start: ['bilow'],
    help: ['caawin', 'caawimo'],
    change: ['beddel', 'bedel'],
    none: ['maya', 'mayo', 'midna', 'waqti kale'],
    yes: ['haa'],
    updates: ['warar'],
    default: ['caadi'],
    call: ['wac', 'ii soo wac', 'telefoon'],
    sms: ['qoraal', 'fariin'],
  },
  ar: {
    stop: ['إيقاف', 'توقف', 'إلغاء الاشتراك'],
    start: ['ابدأ', 'بدء'],
    help: ['مساعدة'],
    change: ['تغيير'],
    none: ['لا', 'لا شيء', 'ولا واحد', 'وقت آخر', 'موعد آخر'],
    yes: ['نعم', 'أجل'],
    updates: ['تحديثات'],
    default: ['افتراضي'],
    call: ['اتصال', 'اتصلوا', 'مكالمة'],
    sms: ['رسائل', 'رسالة نصية'],
  },
  gu: {
    stop: ['બંધ', 'બંધ કરો'],
    start: ['શરૂ', 'ચાલુ'],
    help: ['મદદ'],
    change: ['બદલો', 'ફેરફાર'],
    none: ['ના', 'નહીં', 'કોઈ નહીં', 'બીજો સમય'],
    yes: ['હા'],
    updates: ['અપડેટ'],
    default: ['સામાન્ય'],
    call: ['કૉલ', 'કોલ', 'ફોન'],
    sms: ['સંદેશ', 'મેસેજ'],
  },
  pt: {
    stop: ['sair', 'parar'],
    start: ['iniciar', 'voltar'],
    help: ['ajuda'],
    change: ['mudar', 'alterar'],
    none: ['não', 'nenhum', 'nenhuma', 'outra hora', 'outro dia', 'outro horário'],
    yes: ['sim'],
    updates: ['novidades'],
    default: ['padrão'],
    call: ['ligar', 'chamada', 'telefone'],
    sms: ['mensagem', 'mensagens'],
  },
  ta: {
    stop: ['நிறுத்து', 'நிறுத்தவும்'],
    start: ['தொடங்கு', 'தொடங்கவும்'],
    help: ['உதவி'],
    change: ['மாற்று', 'மாற்றம்'],
    none: ['இல்லை', 'எதுவும் இல்லை', 'வேறு நேரம்'],
    yes: ['ஆம்', 'ஆமாம்'],
    updates: ['அப்டேட்'],
    default: ['வழக்கம்'],
    call: ['அழைப்பு', 'கால்', 'போன்'],
    sms: ['குறுஞ்செய்தி', 'மெசேஜ்'],
  },
  fr: {
    stop: ['arrêt', 'désabonner', 'désinscrire'],
    start: ['reprendre'],
    help: ['aide'],
    change: ['changer', 'modifier'],
    none: ['non', 'aucun', 'aucune', 'autre moment', 'autre heure', 'autre jour'],
    yes: ['oui'],
    updates: ['nouvelles'],
    default: ['défaut', 'par défaut'],
    call: ['appel', 'appeler', 'téléphone'],
    sms: ['texto', 'textos'],
  },
  es: {
    stop: ['baja', 'detener'],
    start: ['alta'],
    help: ['ayuda'],
    change: ['cambiar', 'cambio'],
    none: ['ninguno', 'ninguna', 'otra hora', 'otro día', 'otro momento'],
    yes: ['sí'],
    updates: ['noticias'],
    default: ['normal'],
    call: ['llamada', 'llamar', 'llámenme'],
    sms: ['mensaje', 'mensajes'],
  },
  lt: {
    stop: ['stabdyti', 'atsisakyti'],
    start: ['pradėti'],
    help: ['pagalba'],
    change: ['keisti', 'pakeisti'],
    none: ['ne', 'joks', 'jokio', 'kitas laikas', 'kita diena'],
    yes: ['taip'],
    updates: ['naujienos'],
    default: ['įprastai'],
    call: ['skambinti', 'skambutis', 'skambinkite'],
    sms: ['žinutė', 'žinutės', 'žinutes'],
  },
};

/** Digits in the scripts parents write (Eastern Arabic, Persian and Urdu, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil ...), by their zero. */
const DIGIT_ZEROS = [0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x17e0, 0x1810];
const DIGITS: Record<string, string> = Object.fromEntries(DIGIT_ZEROS.flatMap((zero) => [...'0123456789'].map((d, i) => [String.fromCodePoint(zero + i), d])));

/**
 * Letters written two ways in Arabic script (an Arabic keyboard's ي ك ه in an Urdu word, alef
 * with or without hamza), folded to one so a word is found however the phone wrote it.
 */
const ARABIC_FOLD: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ي': 'ی', 'ى': 'ی', 'ك': 'ک', 'ه': 'ہ', 'ة': 'ہ', 'ۃ': 'ہ', 'ـ': '' };
// Arabic short vowels and other marks a parent may add, which never change the word.
const ARABIC_MARKS = /[\u064B-\u065F\u0670]/g;

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
 * invisible characters removed, lower case, digits of any script as 0-9, Arabic-script letter
 * variants folded, punctuation, emoji, control characters and repeated spaces gone, and combining
 * marks left with no letter to sit on dropped.
 */
export function normaliseReply(text: string): string {
  return [...text.normalize('NFKC').replace(INVISIBLE, '').replace(ARABIC_MARKS, '')]
    .map((ch) => DIGITS[ch] ?? ARABIC_FOLD[ch] ?? ch)
    .join('')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s]/gu, ' ')
    .replace(/(?<![\p{L}\p{N}\p{M}])\p{M}+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "zmień" is also "zmien", "não" also "nao": accents off Latin letters only (a vowel sign is part of an Indic letter). */
const withoutAccents = (word: string): string => word.normalize('NFD').replace(/(?<=[a-z])\p{M}+/gu, '').normalize('NFC');

type Kind = keyof Words;
const WORDS = new Map<string, Kind>();
for (const words of Object.values(KEYWORDS)) {
  for (const [kind, list] of Object.entries(words) as [Kind, string[]][]) {
    for (const word of list) for (const form of new Set([normaliseReply(word), withoutAccents(normaliseReply(word))])) WORDS.set(form, kind);
  }
}

/** The kind of a whole-message keyword, if it is one. */
export function keywordKind(normalised: string): Kind | undefined {
  return WORDS.get(normalised);
}

const wordsOf = (kind: Kind) => [...WORDS].filter(([, k]) => k === kind).map(([w]) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const UPDATES_RE = new RegExp(`^(${wordsOf('updates').join('|')})(?: (\\d{1,3}|${wordsOf('default').join('|')}))?$`, 'u');
const OPTION = /^(?:option|opcja|opțiunea|optiunea|opção|opcao|opción|opcion|opsiyon|numer|număr|numar|number|no)? ?(\d{1,2})$/u;

export function intentOf(text: string): Intent {
  const t = normaliseReply(text);
  if (t === '0') return { kind: 'none' };
  const u = UPDATES_RE.exec(t);
  if (u) return { kind: 'updates', weeks: u[2] === undefined ? undefined : /^\d+$/.test(u[2]) ? Number(u[2]) : null };
  const kind = keywordKind(t);
  if (kind === 'stop' || kind === 'start' || kind === 'help' || kind === 'change' || kind === 'none' || kind === 'yes') return { kind };
  if (kind === 'call' || kind === 'sms') return { kind: 'channel', channel: kind };
  const n = OPTION.exec(t);
  if (n) return { kind: 'number', value: Number(n[1]) };
  return { kind: 'text' };
}
