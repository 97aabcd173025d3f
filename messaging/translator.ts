import { z } from 'zod';
import type { Language } from '../generated/prisma/client';

/**
 * Optional machine translation of teachers' free text (Azure AI Translator, REST v3). Used only
 * when TRANSLATOR_KEY is set; the message stays flagged as free text either way.
 */
export interface Translator {
  translate(text: string, to: Language, from?: Language): Promise<string>;
}

const LANGUAGE_CODES: Record<Language, string> = { EN: 'en', PL: 'pl', UR: 'ur', RO: 'ro' };

const responseSchema = z.array(z.object({ translations: z.array(z.object({ text: z.string(), to: z.string() })).min(1) })).min(1);

export function azureTranslator(o: { key: string; region?: string; endpoint: string; fetchImpl?: typeof fetch }): Translator {
  const doFetch = o.fetchImpl ?? fetch;
  return {
    async translate(text, to, from = 'EN') {
      const url = new URL('/translate', o.endpoint);
      url.searchParams.set('api-version', '3.0');
      url.searchParams.set('from', LANGUAGE_CODES[from]);
      url.searchParams.set('to', LANGUAGE_CODES[to]);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'Ocp-Apim-Subscription-Key': o.key };
      if (o.region) headers['Ocp-Apim-Subscription-Region'] = o.region;
      const res = await doFetch(url, { method: 'POST', headers, body: JSON.stringify([{ Text: text }]), signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`translator answered ${res.status}`);
      return responseSchema.parse(await res.json())[0]!.translations[0]!.text;
    },
  };
}
