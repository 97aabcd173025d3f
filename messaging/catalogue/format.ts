import type { DateTime } from 'luxon';

/**
 * Building blocks for the packs' dates, times and lists (pure). Intl and luxon write a few characters an
 * SMS should not carry: narrow and no-break spaces (Twilio's Smart Encoding would turn them into
 * two spaces) and bidirectional marks (the RTL texts get one mark at the start, catalogue/index.ts).
 */
export function clean(text: string): string {
  return text
    .replace(/[\u00A0\u2007\u2009\u202F]/g, ' ')
    .replace(/[\u200E\u200F\u061C]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** luxon's toFormat in the DateTime's locale, cleaned. */
export const fmt = (dt: DateTime, pattern: string): string => clean(dt.toFormat(pattern));

/** The locale's own time of day (CLDR): "3:30 PM", "3:30 م", "15:30". */
export const localTime = (dt: DateTime): string => clean(dt.toLocaleString({ hour: 'numeric', minute: '2-digit' }));

/** The time with the locale's word for the part of the day (CLDR flexible day periods): "3:30 in the afternoon", "ਦੁਪਹਿਰੇ 3:30". */
export const timeOfDay = (dt: DateTime): string => clean(dt.toLocaleString({ hour: 'numeric', minute: '2-digit', hourCycle: 'h12', dayPeriod: 'short' } as Intl.DateTimeFormatOptions));

/** The 24-hour clock: "15:30". */
export const time24 = (dt: DateTime): string => dt.toFormat('HH:mm');

/**
 * A list of plain words joined the way the language joins them, with a second word for "and"
 * when one of the last two items already holds the first ("czytanie i pisanie oraz matematyka",
 * "reading and writing, and taking part in clubs"), so a list never reads "reading and writing
 * and clubs and activities".
 */
export function conjunction(and: string, instead: string): (words: string[]) => string {
  return (words) => {
    if (words.length <= 1) return words.join('');
    const inside = words.slice(-2).some((w) => ` ${w} `.includes(` ${and} `));
    return words.slice(0, -1).join(', ') + (inside ? instead : ` ${and} `) + words[words.length - 1];
  };
}

/** Intl plural category of a count in a locale ("one", "few", "many", "other"...). */
export const plural = (locale: string, count: number): Intl.LDMLPluralRule => new Intl.PluralRules(locale).select(count);
