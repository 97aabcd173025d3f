import { DateTime } from 'luxon';
import type { Language } from '../../generated/prisma/client';
import { en } from './en';
import { pl } from './pl';
import { ro } from './ro';
import { ur } from './ur';
import type { Common, Format, LanguagePack, TemplateKey, TemplateParams } from './types';

export * from './types';

export const LANGUAGE_PACKS: Record<Language, LanguagePack> = { EN: en, PL: pl, UR: ur, RO: ro };

export function packFor(language: Language | null | undefined): LanguagePack {
  return LANGUAGE_PACKS[language ?? 'EN'] ?? en;
}

export function formatFor(pack: LanguagePack, timezone: string): Format {
  const separator = pack.language === 'UR' ? '، ' : ', ';
  return {
    when(instant) {
      const local = DateTime.fromJSDate(instant, { zone: timezone }).setLocale(pack.locale);
      // English writes "3:30pm"; the others use the 24-hour clock their readers expect.
      return pack.language === 'EN' || pack.language === 'UR'
        ? `${local.toFormat('ccc d LLL')} ${local.toFormat('h:mm')}${local.hour < 12 ? 'am' : 'pm'}`
        : local.toFormat('ccc d LLL HH:mm');
    },
    day(isoDate) {
      return DateTime.fromISO(isoDate, { zone: timezone }).setLocale(pack.locale).toFormat('ccc d LLL');
    },
    areas(areas) {
      const words = [...new Set(areas)].map((a) => pack.areaWords[a]);
      return new Intl.ListFormat(pack.locale, { type: 'conjunction' }).format(words);
    },
    list(items) {
      return items.join(separator);
    },
  };
}

/** The text of a catalogue entry in a language, with dates in the school's time zone. */
export function renderText<K extends TemplateKey>(key: K, language: Language | null | undefined, params: TemplateParams[K] & Common, timezone: string): string {
  const pack = packFor(language);
  return pack.texts[key](params, formatFor(pack, timezone));
}
