import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/**
 * A local stand-in for Azure AI Translator, REST v3.0, for tests and the embedded default:
 * deterministic, offline, and shaped as Microsoft documents the real service (Translator v3.0
 * reference: Translate, Detect, errors and request limits).
 *
 * - `POST /translate?api-version=3.0&to=..(&to=..)(&from=..)`, body `[{ "Text": ... }]`, answers
 *   `[{ "detectedLanguage"?: { language, score }, "translations": [{ text, to }] }]`
 *   (`detectedLanguage` only when `from` is not given).
 * - `POST /detect?api-version=3.0`, answers `[{ language, score, isTranslationSupported, isTransliterationSupported }]`.
 * - The key in `Ocp-Apim-Subscription-Key` (and, for a regional resource, the region in
 *   `Ocp-Apim-Subscription-Region`) is checked; errors are `{ "error": { "code", "message" } }`
 *   with Azure's six-digit codes: 401000 credentials, 400021 api-version, 400036 target language,
 *   400035 source language, 400074 not JSON, 400005 missing text, 400072 too many elements,
 *   400077 request too large, 415000 content type.
 *
 * What it does not do is translate: detection is by script and a short word list per language, and
 * a text is translated only when it is one of a small phrasebook of common parent and teacher
 * phrases (so a demo reads well); any other text comes back exactly as it was sent, with the
 * detected language set, never an invented translation.
 */
export interface TranslatorStandInOptions {
  key: string;
  /** Set for a regional resource: the region header must then match. */
  region?: string;
}

/** Azure's text translation languages (the codes it accepts in `to` and `from`). */
const SUPPORTED = new Set(
  (
    'af sq am ar hy as az bn ba eu bho brx bs bg yue ca lzh zh-hans zh-hant sn hr cs da prs dv doi nl en et fo fj fil fi fr fr-ca gl ka de el gu ht ha he hi mww hu is ig id ' +
    'ikt iu iu-latn ga it ja kn ks kk km rw tlh-latn gom ko ku kmr ky lo lv lt ln dsb lug mk mai mg ms ml mt mi mr mn-cyrl mn-mong my ne nb nya or ps fa pl pt pt-pt pa otq ro run ' +
    'ru sm sr-cyrl sr-latn st nso tn sd si sk sl so es sw sv ty tg ta tt te th bo ti to tr tk uk hsb ur ug uz cy xh yo yua zu'
  ).split(' '),
);
const TRANSLITERATION = new Set('ar as be bg bn el fa gu he hi ja kk kn ko ky mk ml mn-cyrl mr ne or pa ru sa sd si sr-cyrl ta te tg th tt uk ur zh-hans zh-hant'.split(' '));

// Request limits (Translator v3.0 reference).
const MAX_ELEMENTS = { translate: 1000, detect: 100 } as const;
const MAX_CHARACTERS = 50_000;

class AzureError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- detection

const SCRIPTS: [RegExp, (text: string) => string][] = [
  [/\p{Script=Gurmukhi}/gu, () => 'pa'],
  [/\p{Script=Bengali}/gu, () => 'bn'],
  [/\p{Script=Gujarati}/gu, () => 'gu'],
  [/\p{Script=Tamil}/gu, () => 'ta'],
  [/\p{Script=Devanagari}/gu, () => 'hi'],
  [/\p{Script=Arabic}/gu, arabicScript],
  [/\p{Script=Ethiopic}/gu, (t) => (/(እዩ|ኣብ|የቐንየለይ|ኣይ)/u.test(t) ? 'ti' : 'am')],
  [/\p{Script=Cyrillic}/gu, (t) => (/[іїєґ]/iu.test(t) ? 'uk' : /ъ/u.test(t) && !/ы/u.test(t) ? 'bg' : 'ru')],
  [/\p{Script=Greek}/gu, () => 'el'],
  [/\p{Script=Hebrew}/gu, () => 'he'],
  [/\p{Script=Thai}/gu, () => 'th'],
  [/\p{Script=Hangul}/gu, () => 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, () => 'ja'],
  [/\p{Script=Han}/gu, () => 'zh-Hans'],
];

/** Arabic script: Sorani Kurdish's own letters (Azure's "ku"), Urdu's, Persian's, or Arabic's. */
function arabicScript(text: string): string {
  if (/[ەێۆڵڕ]/u.test(text)) return 'ku';
  if (/[ٹڈڑںےۓھہ]/u.test(text)) return 'ur';
  if (/[پچژگ]/u.test(text) && !/[ةىإ]/u.test(text)) return 'fa';
  return 'ar';
}

/** A few common words and letters of each language written in Latin letters. */
const LATIN: Record<string, { words: string[]; letters?: RegExp }> = {
  en: { words: 'the and is are you thank thanks my he she we can not please will at to of it i yes no ok okay today time meeting school home child'.split(' ') },
  pl: { words: 'nie jest się dziękuję dziekuje tak moje dziecko proszę prosze czy że na do jak dzisiaj dziś mogę'.split(' '), letters: /[ąćęłńśźż]/u },
  ro: { words: 'nu este și si mulțumesc multumesc copilul meu da vă va rog pentru azi astăzi pot'.split(' '), letters: /[ăâîșțşţ]/u },
  pt: { words: 'não nao obrigado obrigada é meu filho filha sim está reunião hoje em casa favor você posso'.split(' '), letters: /[ãõ]/u },
  fr: { words: 'merci je ne pas est mon enfant oui non le les vous aujourd et maison peux'.split(' '), letters: /[èêëîïôùûœ]/u },
  es: { words: 'gracias sí mi hijo hija está es el por favor usted hoy reunión casa puedo muchas'.split(' '), letters: /[ñ¿¡]/u },
  lt: { words: 'ačiū aciu ne taip mano vaikas yra šiandien labai ir kad susitikimas negaliu'.split(' '), letters: /[ėįųū]/u },
  so: { words: 'mahadsanid haa maya waa iyo ilmaha ilmahaygu maanta fadlan waxaan ma aad waqtiga'.split(' ') },
  tr: { words: 'teşekkür ederim evet hayır bir ve bu çocuğum bugün'.split(' '), letters: /[ğış]/u },
  it: { words: 'grazie sì il mio figlio oggi non per favore sono'.split(' ') },
  de: { words: 'danke ja nein ist mein kind heute und nicht bitte'.split(' '), letters: /[äöüß]/u },
  nl: { words: 'dank je ja nee mijn kind vandaag en niet'.split(' ') },
  sq: { words: 'faleminderit po jo është fëmija im sot dhe'.split(' ') },
  kmr: { words: 'spas erê zarok min îro ez'.split(' ') },
  sw: { words: 'asante ndiyo hapana mtoto wangu leo'.split(' ') },
};

const wordsOf = (text: string): string[] => text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{M}']+/u).filter(Boolean);

/** Which language a text is in, and how sure: by script, then by words and letters for Latin. */
export function detectLanguage(text: string): { language: string; score: number } {
  const letters = [...text].filter((c) => /\p{L}/u.test(c)).length || 1;
  const scripts = SCRIPTS.map(([re, pick]) => ({ count: text.match(re)?.length ?? 0, pick })).sort((a, b) => b.count - a.count);
  if (scripts[0]!.count > letters / 2) return { language: scripts[0]!.pick(text), score: 1 };
  const words = wordsOf(text);
  const scored = Object.entries(LATIN)
    .map(([language, l]) => ({ language, hits: words.filter((w) => l.words.includes(w)).length + (l.letters?.test(text) ? 2 : 0) }))
    .sort((a, b) => b.hits - a.hits);
  const best = scored[0]!;
  if (best.hits === 0) return { language: 'en', score: 0.3 };
  return { language: best.language, score: Math.min(1, Math.round((0.5 + best.hits / (2 * Math.max(words.length, 1))) * 100) / 100) };
}

// ---------------------------------------------------------------- phrasebook

/** Common parent and teacher phrases, by Azure code; English is the pivot. */
const PHRASES: Record<string, string>[] = [
  { en: 'Thank you', ur: 'شکریہ', pa: 'ਧੰਨਵਾਦ', pl: 'Dziękuję', bn: 'ধন্যবাদ', so: 'Mahadsanid', ar: 'شكرا', gu: 'આભાર', pt: 'Obrigado', ro: 'Mulțumesc', ta: 'நன்றி', fr: 'Merci', es: 'Gracias', lt: 'Ačiū' },
  {
    en: 'Thank you very much',
    ur: 'بہت شکریہ',
    pa: 'ਬਹੁਤ ਧੰਨਵਾਦ',
    pl: 'Dziękuję bardzo',
    bn: 'অনেক ধন্যবাদ',
    so: 'Aad baad u mahadsan tahay',
    ar: 'شكرا جزيلا',
    gu: 'ખૂબ ખૂબ આભાર',
    pt: 'Muito obrigado',
    ro: 'Mulțumesc foarte mult',
    ta: 'மிக்க நன்றி',
    fr: 'Merci beaucoup',
    es: 'Muchas gracias',
    lt: 'Labai ačiū',
  },
  {
    en: 'My child is ill today',
    ur: 'میرا بچہ آج بیمار ہے',
    pa: 'ਮੇਰਾ ਬੱਚਾ ਅੱਜ ਬਿਮਾਰ ਹੈ',
    pl: 'Moje dziecko jest dziś chore',
    bn: 'আমার সন্তান আজ অসুস্থ',
    so: 'Ilmahaygu maanta waa jiran yahay',
    ar: 'طفلي مريض اليوم',
    gu: 'મારું બાળક આજે બીમાર છે',
    pt: 'O meu filho está doente hoje',
    ro: 'Copilul meu este bolnav azi',
    ta: 'என் குழந்தைக்கு இன்று உடம்பு சரியில்லை',
    fr: "Mon enfant est malade aujourd'hui",
    es: 'Mi hijo está enfermo hoy',
    lt: 'Mano vaikas šiandien serga',
  },
  {
    en: 'I cannot come to the meeting',
    ur: 'میں ملاقات میں نہیں آ سکتا',
    pa: 'ਮੈਂ ਮੀਟਿੰਗ ਵਿੱਚ ਨਹੀਂ ਆ ਸਕਦਾ',
    pl: 'Nie mogę przyjść na spotkanie',
    bn: 'আমি মিটিংয়ে আসতে পারব না',
    so: 'Ma iman karo kulanka',
    ar: 'لا أستطيع حضور الاجتماع',
    gu: 'હું મીટિંગમાં આવી શકીશ નહીં',
    pt: 'Não posso ir à reunião',
    ro: 'Nu pot veni la întâlnire',
    ta: 'என்னால் சந்திப்புக்கு வர முடியாது',
    fr: 'Je ne peux pas venir au rendez-vous',
    es: 'No puedo ir a la reunión',
    lt: 'Negaliu atvykti į susitikimą',
  },
  {
    en: 'Can we change the time?',
    ur: 'کیا ہم وقت بدل سکتے ہیں؟',
    pa: 'ਕੀ ਅਸੀਂ ਸਮਾਂ ਬਦਲ ਸਕਦੇ ਹਾਂ?',
    pl: 'Czy możemy zmienić termin?',
    bn: 'আমরা কি সময় বদলাতে পারি?',
    so: 'Ma beddeli karnaa waqtiga?',
    ar: 'هل يمكننا تغيير الموعد؟',
    gu: 'શું આપણે સમય બદલી શકીએ?',
    pt: 'Podemos mudar a hora?',
    ro: 'Putem schimba ora?',
    ta: 'நேரத்தை மாற்ற முடியுமா?',
    fr: "Pouvons-nous changer l'heure ?",
    es: '¿Podemos cambiar la hora?',
    lt: 'Ar galime pakeisti laiką?',
  },
  {
    en: 'What time is the meeting?',
    ur: 'ملاقات کتنے بجے ہے؟',
    pa: 'ਮੀਟਿੰਗ ਕਿੰਨੇ ਵਜੇ ਹੈ?',
    pl: 'O której jest spotkanie?',
    bn: 'মিটিং কখন?',
    so: 'Kulanku goorma ayuu yahay?',
    ar: 'متى موعد الاجتماع؟',
    gu: 'મીટિંગ કેટલા વાગ્યે છે?',
    pt: 'A que horas é a reunião?',
    ro: 'La ce oră este întâlnirea?',
    ta: 'சந்திப்பு எத்தனை மணிக்கு?',
    fr: 'À quelle heure est le rendez-vous ?',
    es: '¿A qué hora es la reunión?',
    lt: 'Kelintą valandą susitikimas?',
  },
  {
    en: 'Please call me',
    ur: 'براہ کرم مجھے فون کریں',
    pa: 'ਕਿਰਪਾ ਕਰਕੇ ਮੈਨੂੰ ਫ਼ੋਨ ਕਰੋ',
    pl: 'Proszę do mnie zadzwonić',
    bn: 'অনুগ্রহ করে আমাকে ফোন করুন',
    so: 'Fadlan i soo wac',
    ar: 'أرجو الاتصال بي',
    gu: 'કૃપા કરીને મને ફોન કરો',
    pt: 'Por favor, ligue-me',
    ro: 'Vă rog să mă sunați',
    ta: 'தயவுசெய்து என்னை அழைக்கவும்',
    fr: "Merci de m'appeler",
    es: 'Por favor, llámeme',
    lt: 'Prašau man paskambinti',
  },
  {
    en: 'Great week!',
    ur: 'بہترین ہفتہ!',
    pa: 'ਸ਼ਾਨਦਾਰ ਹਫ਼ਤਾ!',
    pl: 'Świetny tydzień!',
    bn: 'দারুণ সপ্তাহ!',
    so: 'Toddobaad fiican!',
    ar: 'أسبوع رائع!',
    gu: 'ઉત્તમ અઠવાડિયું!',
    pt: 'Uma ótima semana!',
    ro: 'O săptămână minunată!',
    ta: 'அருமையான வாரம்!',
    fr: 'Super semaine !',
    es: '¡Una semana genial!',
    lt: 'Puiki savaitė!',
  },
  {
    en: 'See you at the meeting.',
    ur: 'ملاقات پر ملتے ہیں۔',
    pa: 'ਮੀਟਿੰਗ ਵਿੱਚ ਮਿਲਦੇ ਹਾਂ।',
    pl: 'Do zobaczenia na spotkaniu.',
    bn: 'মিটিংয়ে দেখা হবে।',
    so: 'Kulanka ayaan isku aragnaa.',
    ar: 'نراكم في الاجتماع.',
    gu: 'મીટિંગમાં મળીએ.',
    pt: 'Até à reunião.',
    ro: 'Ne vedem la întâlnire.',
    ta: 'சந்திப்பில் சந்திப்போம்.',
    fr: 'À bientôt au rendez-vous.',
    es: 'Nos vemos en la reunión.',
    lt: 'Iki pasimatymo susitikime.',
  },
];

// The phrasebook's own codes for Azure's variants.
const PHRASE_LANGUAGE: Record<string, string> = { 'pt-pt': 'pt' };
const phraseKey = (text: string) => wordsOf(text).join(' ');

/** The phrasebook's rendering of a text, or the text itself when the phrasebook does not have it. */
function translateText(text: string, from: string, to: string): string {
  const f = PHRASE_LANGUAGE[from.toLowerCase()] ?? from.toLowerCase();
  const t = PHRASE_LANGUAGE[to.toLowerCase()] ?? to.toLowerCase();
  const key = phraseKey(text);
  const phrase = PHRASES.find((p) => p[f] !== undefined && phraseKey(p[f]!) === key);
  return phrase?.[t] ?? text;
}

// ---------------------------------------------------------------- HTTP

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : []).map((s) => s.trim()).filter(Boolean);
const supported = (code: string) => SUPPORTED.has(code.toLowerCase());

function texts(req: Request, limit: number): string[] {
  if (!Array.isArray(req.body)) throw new AzureError(400, 400074, 'The body of the request is not valid JSON.');
  if (req.body.length > limit) throw new AzureError(400, 400072, 'The array of input text has too many elements.');
  const items: unknown[] = req.body.map((item: unknown) => (item && typeof item === 'object' ? ((item as Record<string, unknown>).Text ?? (item as Record<string, unknown>).text) : undefined));
  if (items.length === 0 || !items.every((t): t is string => typeof t === 'string')) throw new AzureError(400, 400005, 'An input text is missing or invalid.');
  const strings = items as string[];
  if (strings.reduce((n, t) => n + t.length, 0) > MAX_CHARACTERS) throw new AzureError(400, 400077, 'The maximum request size has been exceeded.');
  return strings;
}

export function translatorStandIn(o: TranslatorStandInOptions): Router {
  const router = express.Router();
  router.use((req, _res, next) => {
    const keyOk = req.header('Ocp-Apim-Subscription-Key') === o.key;
    const regionOk = !o.region || req.header('Ocp-Apim-Subscription-Region')?.toLowerCase() === o.region.toLowerCase();
    if (!keyOk || !regionOk) return next(new AzureError(401, 401000, 'The request is not authorized because credentials are missing or invalid.'));
    if (req.query['api-version'] !== '3.0') return next(new AzureError(400, 400021, 'The API version parameter is missing or invalid.'));
    if (req.method === 'POST' && !req.is('application/json')) return next(new AzureError(415, 415000, 'The Content-Type header is missing or invalid.'));
    next();
  });
  router.use(express.json({ limit: '1mb' }));

  router.post('/translate', (req, res, next) => {
    try {
      const to = list(req.query.to);
      if (to.length === 0 || to.some((t) => !supported(t))) throw new AzureError(400, 400036, 'The target language ("To" field) is missing or invalid.');
      const [from] = list(req.query.from);
      if (from !== undefined && !supported(from)) throw new AzureError(400, 400035, 'The source language ("From" field) is not valid.');
      res.json(
        texts(req, MAX_ELEMENTS.translate).map((text) => {
          const detected = from === undefined ? detectLanguage(text) : undefined;
          const source = from ?? detected!.language;
          return { ...(detected ? { detectedLanguage: detected } : {}), translations: to.map((t) => ({ text: translateText(text, source, t), to: t })) };
        }),
      );
    } catch (err) {
      next(err);
    }
  });

  router.post('/detect', (req, res, next) => {
    try {
      res.json(
        texts(req, MAX_ELEMENTS.detect).map((text) => {
          const { language, score } = detectLanguage(text);
          return { language, score, isTranslationSupported: supported(language), isTransliterationSupported: TRANSLITERATION.has(language.toLowerCase()) };
        }),
      );
    } catch (err) {
      next(err);
    }
  });

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e =
      err instanceof AzureError
        ? err
        : (err as { type?: string }).type === 'entity.too.large'
          ? new AzureError(400, 400077, 'The maximum request size has been exceeded.')
          : err instanceof SyntaxError
            ? new AzureError(400, 400074, 'The body of the request is not valid JSON.')
            : new AzureError(500, 500000, 'An unexpected error occurred.');
    res.status(e.status).json({ error: { code: e.code, message: e.message } });
  });
  return router;
}
