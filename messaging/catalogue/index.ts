import { DateTime } from 'luxon';
import { segmentInfo, toGsmWhereEquivalent } from '../content';
import { ENGLISH, languageOf, type LanguageCode } from '../languages';
import { ar } from './ar';
import { bn } from './bn';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { gu } from './gu';
import { lt } from './lt';
import { paArab } from './paArab';
import { paGuru } from './paGuru';
import { pl } from './pl';
import { pt } from './pt';
import { ro } from './ro';
import { so } from './so';
import { ta } from './ta';
import { ur } from './ur';
import { SPOKEN_TEMPLATES, type Common, type Format, type GoodNews, type LanguagePack, type TemplateKey, type TemplateParams } from './types';

export * from './types';

/** The written packs, by BCP 47 code: the families most schools in England have. */
export const LANGUAGE_PACKS: Readonly<Record<LanguageCode, LanguagePack>> = Object.fromEntries(
  [en, ur, paGuru, paArab, pl, bn, so, ar, gu, pt, ro, ta, fr, es, lt].map((p) => [p.language, p]),
);

/** Every SMS fits in this many segments in the encoding it is really sent in (tests/sms/catalogue.test.ts). */
export const SMS_SEGMENT_BUDGET = 3;

/** The pack a parent's texts come from: their language's own, the one its readers read (Sylheti: Bengali), or English. */
export function packFor(language: LanguageCode | null | undefined): LanguagePack {
  const pack = languageOf(language).pack;
  return (pack && LANGUAGE_PACKS[pack]) || LANGUAGE_PACKS[ENGLISH]!;
}

export function formatFor(pack: LanguagePack, timezone: string): Format {
  const at = (instant: Date) => DateTime.fromJSDate(instant, { zone: timezone }).setLocale(pack.locale);
  const numbers = new Intl.NumberFormat(pack.locale, { useGrouping: false });
  const join = pack.join ?? ((words: string[]) => new Intl.ListFormat(pack.locale, { type: 'conjunction' }).format(words));
  const f: Format = {
    when: (instant) => pack.dates.when(at(instant)),
    spokenWhen: (instant) => pack.dates.spoken(at(instant)),
    day: (isoDate) => pack.dates.day(DateTime.fromISO(isoDate, { zone: timezone }).setLocale(pack.locale)),
    areas: (areas) => join([...new Set(areas)].map((a) => pack.areaWords[a])),
    list: (items) => items.join(pack.separator),
    n: (value) => numbers.format(value),
    stop: (sentence) => (sentence.endsWith('.') || sentence.endsWith(pack.fullStop) ? sentence : sentence + pack.fullStop),
    goodNews(news, child) {
      const w = pack.goodNews;
      const sentences: string[] = [];
      // Every day says more than "more often": with both, only the first is said.
      const everyDay = news.some((g) => g.kind === 'attendance.everyDay');
      const subjects = [...new Set(news.flatMap((g) => (g.kind === 'learning' ? [g.subject] : [])))];
      let learningSaid = false;
      for (const g of news) {
        if (g.kind === 'attendance.everyDay') sentences.push(w.everyDay(child));
        else if (g.kind === 'attendance.better' && !everyDay) sentences.push(w.better(child));
        else if (g.kind === 'rewards' && g.count > 0) sentences.push(w.rewards(child, g.count, f.n(g.count)));
        else if (g.kind === 'clubs' && g.count > 0) sentences.push(w.clubs(child, g.count, f.n(g.count)));
        else if (g.kind === 'learning' && !learningSaid) {
          learningSaid = true;
          sentences.push(w.learning(child, join(subjects.map((s) => pack.subjectWords[s]))));
        }
      }
      return [...new Set(sentences)];
    },
    key: (key) => (key === '#' ? pack.keys.hash : key === '*' ? pack.keys.star : key),
    phone: (phone) =>
      phone
        .trim()
        .split(/\s+/)
        .map((group) => [...group].join(' '))
        .join(', '),
  };
  return f;
}

/** U+200F RIGHT-TO-LEFT MARK: a right-to-left text that begins with the school's English name still reads right to left. */
export const RLM = '\u200F';

/** Every wording of a text, fullest first, each as it is sent (right-to-left texts start with the mark). */
export function wordings<K extends TemplateKey>(pack: LanguagePack, key: K, params: TemplateParams[K] & Common, f: Format): string[] {
  const rtl = languageOf(pack.language).direction === 'rtl';
  return [pack.texts[key](params, f)].flat().map((text) => (rtl ? RLM + text : text));
}

// Counting segments is slow (the calculator splits graphemes), so the certain cases are decided by
// length: a UCS-2 segment holds at most 67 UTF-16 units (a little less when a letter with its
// vowel signs would straddle two), a GSM-7 one at most 153 characters; no letter of these ranges (Latin Extended, combining marks, the scripts from Cyrillic on) is in GSM-7.
const SURELY_FITS = SMS_SEGMENT_BUDGET * 67 - 16;
const NEVER_GSM = /[\u0100-\u036F\u0400-\u1FFF\u2C00-\uFFFF]/u;
function fits(text: string): boolean {
  if (text.length <= SURELY_FITS) return true;
  if (text.length > SMS_SEGMENT_BUDGET * 153 || (NEVER_GSM.test(text) && text.length > SMS_SEGMENT_BUDGET * 67)) return false;
  return segmentInfo(toGsmWhereEquivalent(text)).segments <= SMS_SEGMENT_BUDGET;
}

/**
 * The text of a catalogue entry in the parent's language, with dates in the school's time zone:
 * the fullest wording that fits the segment budget (a call script: its only wording). A progress
 * update keeps as much of its good news as fits, in the order the caller gave it (most important
 * first); the areas themselves always go.
 */
export function renderText<K extends TemplateKey>(key: K, language: LanguageCode | null | undefined, params: TemplateParams[K] & Common, timezone: string): string {
  const pack = packFor(language);
  const f = formatFor(pack, timezone);
  const news: GoodNews[] = key === 'progress.update' ? ((params as TemplateParams['progress.update']).goodNews ?? []) : [];
  // A progress update with all its good news, then with one piece fewer, down to none.
  const attempts = key === 'progress.update' ? news.map((_, i) => ({ ...params, goodNews: news.slice(0, news.length - i) })).concat({ ...params, goodNews: [] }) : [params];
  let texts: string[] = [];
  for (const attempt of attempts) {
    texts = wordings(pack, key, attempt, f);
    const fitting = SPOKEN_TEMPLATES.has(key) ? texts[0] : texts.find(fits);
    if (fitting !== undefined) return fitting;
  }
  // Nothing fits (a teacher's long note): the shortest wording; the segments are stored with it.
  return texts[texts.length - 1]!;
}
