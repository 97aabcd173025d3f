/**
 * `npm run segments`: what every SMS costs in every written language, in the worst case
 * (messaging/catalogue/worstCase.ts): the segments of the costliest rendering per template and
 * language, and the encoding each language is sent in, as a Markdown table (README, "Segments").
 * `npm run segments -- <template> <language>` prints that worst-case text itself.
 */
import { LANGUAGE_PACKS, SMS_SEGMENT_BUDGET, SPOKEN_TEMPLATES, type TemplateKey } from '../messaging/catalogue';
import { en } from '../messaging/catalogue/en';
import { worstSegments } from '../messaging/catalogue/worstCase';

const packs = Object.values(LANGUAGE_PACKS);
const keys = (Object.keys(en.texts) as TemplateKey[]).filter((k) => !SPOKEN_TEMPLATES.has(k));
const [only, language] = process.argv.slice(2);

if (only) {
  const pack = LANGUAGE_PACKS[language ?? 'en'];
  if (!pack || !keys.includes(only as TemplateKey)) {
    console.error(`usage: npm run segments -- <template> <language>; languages: ${packs.map((p) => p.language).join(', ')}`);
    process.exit(1);
  }
  const w = worstSegments(only as TemplateKey, pack);
  console.log(`${w.segments} ${w.encoding} segments, ${w.characters} characters:\n${w.text}`);
} else {
  const worst = keys.map((k) => packs.map((p) => worstSegments(k, p)));
  const encodings = packs.map((_, i) => [...new Set(worst.map((row) => row[i]!.encoding))].join('/'));
  const over = worst.flatMap((row, r) => row.flatMap((w, i) => (w.segments > SMS_SEGMENT_BUDGET ? [`${keys[r]} ${packs[i]!.language}`] : [])));
  console.log(`| Text | ${packs.map((p) => p.language).join(' | ')} |`);
  console.log(`| --- | ${packs.map(() => '---').join(' | ')} |`);
  for (const [r, row] of worst.entries()) console.log(`| \`${keys[r]}\` | ${row.map((w) => w.segments).join(' | ')} |`);
  console.log(`| *encoding* | ${encodings.map((e) => (e === 'GSM-7' ? 'GSM' : e === 'UCS-2' ? 'UCS-2' : e)).join(' | ')} |`);
  if (over.length > 0) {
    console.error(`\nOver the budget of ${SMS_SEGMENT_BUDGET} segments: ${over.join(', ')}`);
    process.exit(1);
  }
}
