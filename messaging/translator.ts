import { z } from 'zod';
import { ENGLISH, canonicalCode, languageOf, type LanguageCode } from './languages';

/**
 * Machine translation (Azure AI Translator, REST v3) in the product's own language codes
 * (messaging/languages.ts): each code is sent as Azure's ("pt" as "pt-pt", Sorani "ckb" as "ku")
 * and Azure's answers are read back as ours. Used only when TRANSLATOR_KEY is set; a text stays
 * flagged as free text either way.
 */
export interface Detection {
  language: LanguageCode;
  /** 0 to 1. */
  score: number;
  isTranslationSupported: boolean;
}

export interface Translator {
  /** `from` defaults to English (a teacher's words). */
  translate(text: string, to: LanguageCode, from?: LanguageCode): Promise<string>;
  /** Which language a text is in (a parent's reply). */
  detect(text: string): Promise<Detection>;
}

/** What the Translator refused, with its own code (400036: the target language is not valid; 401000: credentials). */
export class TranslatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

// Azure's codes that are not ours; any other code is read as the BCP 47 tag it is.
const FROM_AZURE: Record<string, LanguageCode> = { kmr: 'ku', ku: 'ckb', prs: 'fa-AF', 'zh-Hans': 'zh', 'pt-pt': 'pt', 'mn-Cyrl': 'mn', 'sr-Cyrl': 'sr', nb: 'no', fil: 'fil' };

/** Azure's language code as ours. */
export function fromAzureCode(code: string): LanguageCode {
  return FROM_AZURE[code] ?? canonicalCode(code) ?? code;
}

function azureCodeOf(language: LanguageCode): string {
  const azure = languageOf(language).azure;
  if (!azure) throw new TranslatorError(400, null, `Azure AI Translator has no code for ${languageOf(language).english} (${language})`);
  return azure;
}

const errorSchema = z.object({ error: z.object({ code: z.number(), message: z.string() }) });
const translateSchema = z.array(z.object({ translations: z.array(z.object({ text: z.string(), to: z.string() })).min(1) })).min(1);
const detectSchema = z.array(z.object({ language: z.string(), score: z.number(), isTranslationSupported: z.boolean() })).min(1);

export function azureTranslator(o: { key: string; region?: string; endpoint: string; fetchImpl?: typeof fetch }): Translator {
  const doFetch = o.fetchImpl ?? fetch;
  async function call(path: '/translate' | '/detect', query: Record<string, string>, text: string): Promise<unknown> {
    const url = new URL(path, o.endpoint);
    url.searchParams.set('api-version', '3.0');
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8', 'Ocp-Apim-Subscription-Key': o.key };
    if (o.region) headers['Ocp-Apim-Subscription-Region'] = o.region;
    const res = await doFetch(url, { method: 'POST', headers, body: JSON.stringify([{ Text: text }]), signal: AbortSignal.timeout(10_000) });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const error = errorSchema.safeParse(body);
      throw new TranslatorError(res.status, error.success ? error.data.error.code : null, `translator answered ${res.status}${error.success ? ` (${error.data.error.code})` : ''}`);
    }
    return body;
  }
  return {
    async translate(text, to, from = ENGLISH) {
      const body = await call('/translate', { from: azureCodeOf(from), to: azureCodeOf(to) }, text);
      return translateSchema.parse(body)[0]!.translations[0]!.text;
    },
    async detect(text) {
      const [d] = detectSchema.parse(await call('/detect', {}, text));
      return { language: fromAzureCode(d!.language), score: d!.score, isTranslationSupported: d!.isTranslationSupported };
    },
  };
}
