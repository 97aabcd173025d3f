import {
  FREE_TEXT_TEMPLATES,
  LANGUAGE_PACKS,
  LINK_TEMPLATES,
  RLM,
  SMS_SEGMENT_BUDGET,
  SPOKEN_TEMPLATES,
  WITHOUT_CHILD,
  formatFor,
  packFor,
  renderText,
  wordings,
  type GoodNews,
  type LanguagePack,
  type TemplateKey,
  type TemplateParams,
} from '../../messaging/catalogue';
import { en } from '../../messaging/catalogue/en';
import { ALL_GOOD_NEWS, LONG, LONG_LINK, TIMEZONE, renderings, variants, worstSegments } from '../../messaging/catalogue/worstCase';
import { contentProblems, segmentInfo, toGsmWhereEquivalent } from '../../messaging/content';
import { languageOf } from '../../messaging/languages';
import { normaliseReply } from '../../sms/keywords';
import type { TargetArea } from '../../generated/prisma/client';

/**
 * Every text to parents, in every written pack, with the longest parameters a real text can
 * have (messaging/catalogue/worstCase.ts): filled, in the pack's own words, within the content
 * rules, in the right direction, and within the segment budget in the encoding it is really sent in.
 */
const ALL_AREAS: TargetArea[] = ['ENGLISH', 'MATHS', 'ATTENDANCE', 'BEHAVIOUR', 'BULLYING', 'RELATIONSHIPS', 'PARTICIPATION', 'OTHER'];
const KEYS = Object.keys(en.texts) as TemplateKey[];
const SMS_KEYS = KEYS.filter((k) => !SPOKEN_TEMPLATES.has(k));
const PACKS = Object.values(LANGUAGE_PACKS);
const LANGS = PACKS.map((p) => p.language);
const OTHER_PACKS = PACKS.filter((p) => p.language !== 'en');
const SHORT = { school: 'Oakfield', child: 'Amir' };

/** Every wording (fullest to shortest) of every worst-case and ordinary rendering of a template in a pack. */
function allTexts(key: TemplateKey, pack: LanguagePack): string[] {
  const f = formatFor(pack, TIMEZONE);
  return variants(key, pack).flatMap((params) => [LONG, SHORT].flatMap((names) => wordings(pack, key, { ...params, ...names } as never, f)));
}

const render = <K extends TemplateKey>(key: K, lang: string, params: TemplateParams[K], names = SHORT) =>
  toGsmWhereEquivalent(renderText(key, lang, { ...params, ...names } as TemplateParams[K] & typeof names, TIMEZONE));

describe('the catalogue of texts to parents', () => {
  it('is written in the fifteen languages most schools in England have, each with every key', () => {
    expect(LANGS.sort()).toEqual(['ar', 'bn', 'en', 'es', 'fr', 'gu', 'lt', 'pa-Arab', 'pa-Guru', 'pl', 'pt', 'ro', 'so', 'ta', 'ur'].sort());
    for (const pack of PACKS) expect(Object.keys(pack.texts).sort()).toEqual([...KEYS].sort());
  });

  it('gives each parent the pack of their language, the one its readers read, or English', () => {
    expect(packFor('pl').language).toBe('pl');
    expect(packFor('pa').language).toBe('pa-Guru');
    expect(packFor('syl').language).toBe('bn');
    expect(packFor('pt-BR').language).toBe('pt');
    expect(packFor('ar-IQ').language).toBe('ar');
    expect(packFor('ti').language).toBe('en');
    expect(packFor(null).language).toBe('en');
  });

  describe.each(LANGS)('in %s', (lang) => {
    const pack = LANGUAGE_PACKS[lang]!;

    it.each(KEYS)('%s has every placeholder filled, in every wording', (key) => {
      for (const text of allTexts(key, pack)) {
        expect(text).not.toMatch(/[{}]|undefined|NaN|Invalid DateTime|\[object|null/);
        expect(text.trim()).toBe(text);
        expect(text).not.toMatch(/ {2}| [.,]/u);
      }
    });

    it.each(KEYS)('%s carries no link but its own parent page, no SEN word, no need code and no surname', (key) => {
      for (const text of allTexts(key, pack)) {
        const allowedLinks = LINK_TEMPLATES.has(key) ? [LONG_LINK] : [];
        expect(contentProblems(text, { forbiddenNames: ['Khan-Wojcik', 'Popescu'], allowedLinks })).toEqual([]);
        if (LINK_TEMPLATES.has(key)) expect(text).toContain(LONG_LINK);
        if (WITHOUT_CHILD.has(key)) expect(text).not.toMatch(/Maximilian|Amir/);
      }
    });

    it.each(KEYS)('%s reads in the direction of the language', (key) => {
      const rtl = languageOf(lang).direction === 'rtl';
      for (const text of allTexts(key, pack)) {
        if (rtl) expect(text.startsWith(RLM)).toBe(true);
        else expect(text).not.toContain(RLM);
      }
    });

    it.each(SMS_KEYS)(`%s fits in ${SMS_SEGMENT_BUDGET} segments in the worst case, in the encoding it is sent in`, (key) => {
      const worst = worstSegments(key, pack);
      expect({ key, segments: worst.segments }).toEqual({ key, segments: Math.min(worst.segments, SMS_SEGMENT_BUDGET) });
      if (['en', 'so', 'fr'].includes(lang)) expect(worst.encoding).toBe('GSM-7');
    });

    it('never ends a sentence with two full stops (an abbreviated date like "vin. 15 ian.")', () => {
      for (const key of KEYS) for (const text of allTexts(key, pack)) expect(text).not.toMatch(/(?<!\.)\.\.(?!\.)|۔۔|।।/u);
    });

    it('has plain words for every target area, none of them a need category', () => {
      const body = render('progress.update', lang, { achieved: ALL_AREAS, workingOn: [] });
      for (const word of Object.values(pack.areaWords)) expect(body).toContain(word);
      expect(contentProblems(Object.values(pack.areaWords).join(' '))).toEqual([]);
    });

    it.each(ALL_GOOD_NEWS.map((g) => [g.kind === 'learning' ? `learning ${g.subject}` : g.kind, g] as const))('says good news (%s) as a short plain sentence, never a score', (_label, news) => {
      const sentences = formatFor(pack, TIMEZONE).goodNews([news as GoodNews], 'Amir');
      expect(sentences).toHaveLength(1);
      expect(sentences[0]).toContain('Amir');
      expect(sentences[0]).not.toMatch(/\d+(?:[.,]\d+)?\s*%|\/\s*\d/);
    });

    it('keeps the first good news when a progress update is long, and drops what does not fit', () => {
      const text = renderText('progress.update', lang, { achieved: ['ENGLISH'], workingOn: ['MATHS'], goodNews: ALL_GOOD_NEWS, ...SHORT }, TIMEZONE);
      const first = formatFor(pack, TIMEZONE).goodNews([ALL_GOOD_NEWS[0]!], SHORT.child)[0]!;
      expect(text).toContain(first);
      expect(segmentInfo(toGsmWhereEquivalent(text)).segments).toBeLessThanOrEqual(SMS_SEGMENT_BUDGET);
    });

    it('writes the time on the clock its readers expect, in school-local time', () => {
      const evening = new Date('2026-10-06T16:45:00Z'); // 17:45 in London (BST)
      const twelve = ['en', 'ur', 'pa-Guru', 'pa-Arab', 'bn', 'gu', 'ta', 'ar'].includes(lang);
      // Digits of any script read as 0-9, the way a parent's reply is read.
      expect(normaliseReply(formatFor(pack, TIMEZONE).when(evening))).toMatch(twelve ? /(?<!\d)5 45(?!\d)/ : /(?<!\d)17[ h]45(?!\d)/);
    });

    it.each([...SPOKEN_TEMPLATES])('%s is written to be read aloud: no abbreviation, no symbol, no am/pm', (key) => {
      for (const text of allTexts(key, pack)) expect(text).not.toMatch(/\d\s?(?:am|pm)\b|\b(?:AM|PM)\b|#|\*/u);
      if (key === 'call.option') for (const text of allTexts(key, pack)) expect(text).not.toContain(formatFor(pack, TIMEZONE).when(variants('call.option', pack)[0]!.at));
    });
  });

  describe.each(OTHER_PACKS.map((p) => p.language))('in %s, no English is left', (lang) => {
    // English template words (the school's own name and the Latin keywords aside), and English day and month names.
    const ENGLISH_WORDS =
      /\b(?:please|reply|thank|thanks|meeting|teacher|choose|another|your|about|news|working|reached|goal|going|every|week|weeks|would|here|share|anyone|instead|hello|press|again|goodbye|sorry|reading|writing|friendships|progress|learning|answer|confident|needs|booked|reminder|closed|Monday|Tuesday|Wednesday|Thursday|Friday|January|February|March|April|June|July|September|October|November|December)\b/i;
    // English short day and month names, as English writes them (Somali's own short months are spelt the same).
    const ENGLISH_SHORT = /\b(?:Mon|Tue|Wed|Thu|Fri|Jan|Feb|Apr|Jun|Jul|Aug|Oct|Nov|Dec)\b/;
    it.each(KEYS)('%s', (key) => {
      for (const text of allTexts(key, LANGUAGE_PACKS[lang]!)) {
        const own = text.replaceAll(LONG.school, '').replaceAll(LONG_LINK, '').replace(/Great week in PE!|We moved his seat nearer the board\.|Thank you, we will call you this afternoon\.|Elmwood Park Community Academy|Oakfield Primary School|Anastasia-Rose|Bartholomew/g, '');
        expect(own).not.toMatch(ENGLISH_WORDS);
        if (lang !== 'so') expect(own).not.toMatch(ENGLISH_SHORT);
      }
    });
  });
});

describe('what the texts say, language by language', () => {
  it('English writes school-local times on the 12-hour clock ("Tue 6 Oct 3:30pm")', () => {
    const slots = ['2026-10-06T14:30:00Z', '2026-10-07T15:45:00Z', '2026-10-08T07:15:00Z', '2026-10-12T16:00:00Z'].map((d) => new Date(d));
    expect(render('booking.confirmed', 'en', { at: slots[0]! })).toContain('Tue 6 Oct 3:30pm');
    expect(render('booking.confirmed', 'pl', { at: slots[0]! })).toContain('15:30');
    expect(render('booking.offer', 'en', { slots })).toContain('Reply 1 for Tue 6 Oct 3:30pm, 2 for Wed 7 Oct 4:45pm, 3 for Thu 8 Oct 8:15am, 4 for Mon 12 Oct 5:00pm, or 0 for another time.');
  });

  it('English lists areas the way English does: never "reading and writing and clubs"', () => {
    expect(render('targets.confirmed', 'en', { areas: ['ENGLISH', 'MATHS', 'ATTENDANCE'], nextReview: '2027-01-15' })).toContain('reading and writing, maths and coming to school every day');
    expect(render('targets.confirmed', 'en', { areas: ['ENGLISH', 'PARTICIPATION'], nextReview: '2027-01-15' })).toContain('work on reading and writing, and taking part in clubs.');
    expect(render('targets.confirmed', 'en', { areas: ['MATHS', 'ENGLISH'], nextReview: '2027-01-15' })).toContain('work on maths, and reading and writing.');
    for (const pack of PACKS) {
      const areas = formatFor(pack, TIMEZONE).areas(['ENGLISH', 'PARTICIPATION']);
      const and = new Intl.ListFormat(pack.locale, { type: 'conjunction' }).format(['x', 'y']).replace(/^x|y$/g, '').trim();
      // Never "A and B and C" with no comma between: a second "and" is another word ("oraz") or follows a comma.
      if (and) expect(areas).not.toMatch(new RegExp(`(?<=\\s)${and}\\s[^,،]*\\s${and}(?=\\s)`, 'u'));
    }
  });

  it('Polish keeps one voice, the polite "Państwo", and says whose teacher it is', () => {
    for (const key of KEYS) for (const text of allTexts(key, LANGUAGE_PACKS.pl!)) expect(text).not.toMatch(/\bOdpowiedz\b|\bnapisz\b|\bTwoj/u);
    expect(render('reply.received', 'pl', {}, { school: 'Oakfield', child: 'Oliwia' })).toBe('Oakfield: dziękujemy. Przekazaliśmy wiadomość nauczycielowi dziecka (Oliwia).');
  });

  it('Romanian ends a sentence on an abbreviated date with one full stop ("vin. 15 ian.")', () => {
    const text = render('targets.confirmed', 'ro', { areas: ['MATHS'], nextReview: '2027-01-15' });
    expect(text).toContain('până pe vin. 15 ian. Ne puteți');
    expect(text).not.toContain('ian..');
  });

  it('French stays in GSM-7, Polish keeps its diacritics (UCS-2), Urdu starts with a right-to-left mark', () => {
    expect(segmentInfo(render('booking.cancelled', 'fr', {})).encoding).toBe('GSM-7');
    expect(render('booking.cancelled', 'pl', {})).toContain('przepraszamy, musieliśmy odwołać');
    expect(render('reply.received', 'ur', {}, { school: 'Oakfield Primary', child: 'Amir' }).startsWith(`${RLM}Oakfield Primary:`)).toBe(true);
  });

  it('French drops the vowel of "de" before a name that starts with one ("au sujet d\'Amir", "de Zara")', () => {
    expect(render('reply.received', 'fr', {})).toBe("Oakfield : merci. Nous avons transmis votre message à l'enseignant d'Amir.");
    expect(render('reply.received', 'fr', {}, { school: 'Oakfield', child: 'Zara' })).toContain("l'enseignant de Zara.");
  });

  it('Lithuanian sets slots apart with semicolons, as each slot has its own comma', () => {
    const slots = [new Date('2026-10-06T14:30:00Z'), new Date('2026-10-07T15:45:00Z')];
    expect(render('booking.offer', 'lt', { slots })).toBe('Oakfield: susitikimas dėl vaiko (Amir): 1 antr. spal. 6, 15:30; 2 treč. spal. 7, 16:45; 0 kitas laikas.');
  });

  it('Bengali writes its own digits; a Sylheti family gets the Bengali text', () => {
    expect(render('booking.invalidChoice', 'bn', { count: 4 })).toContain('১ থেকে ৪');
    expect(render('reply.received', 'syl', {})).toBe(render('reply.received', 'bn', {}));
  });

  it('a call option says the time in words a voice reads well', () => {
    const at = new Date('2026-10-06T14:30:00Z');
    expect(render('call.option', 'en', { key: '1', at })).toBe('For Tuesday 6 October at 3:30 in the afternoon, press 1.');
    expect(render('call.option', 'pl', { key: '1', at })).toBe('Termin: wtorek 6 października o godzinie 15:30. Proszę nacisnąć 1.');
    expect(render('call.record', 'en', {})).toContain('the hash key');
    expect(render('call.stop', 'fr', { key: '#' })).toContain('appuyez sur la touche dièse');
  });

  it('a voicemail names the school and reads the number digit by digit, never the child', () => {
    expect(render('call.voicemail', 'en', { phone: '01632 960123' }, { school: 'Oakfield', child: 'Amir' })).toBe('Hello, this is Oakfield. Please call us back on 0 1 6 3 2, 9 6 0 1 2 3.');
  });

  it('the teacher\'s own words go as written, after the frame in the parent\'s language', () => {
    for (const key of [...FREE_TEXT_TEMPLATES]) {
      for (const lang of LANGS) {
        const text = render(key, lang, { text: 'See you soon!', action: 'See you soon!' } as never);
        expect(text.endsWith('See you soon!')).toBe(true);
      }
    }
  });

  it('the segment table of every text in every language is what `npm run segments` prints (README)', () => {
    const table = SMS_KEYS.map((key) => PACKS.map((p) => worstSegments(key, p).segments));
    expect(table.flat().every((n) => n >= 1 && n <= SMS_SEGMENT_BUDGET)).toBe(true);
    expect(renderings('booking.offer', LANGUAGE_PACKS.ur!).every((t) => segmentInfo(t).encoding === 'UCS-2')).toBe(true);
  });
});

describe('the content rules', () => {
  it.each([
    ['a link', 'See https://school.example/report', 'contains a link'],
    ['a bare domain', 'details on oakfield.sch.uk or oakfield.co.uk', 'contains a link'],
    ['SEN status', 'Amir is on SEN support', 'mentions "SEN"'],
    ['an EHC plan', 'about the EHCP review', 'mentions "EHCP"'],
    ['a diagnosis', 'since his autism diagnosis', 'mentions "autism"'],
    ['a need code', 'his SpLD assessment', 'mentions "SpLD"'],
    ['the surname', 'Amir Khan did well', 'contains a surname'],
  ])('refuse %s', (_label, text, problem) => {
    expect(contentProblems(text, { forbiddenNames: ['Khan'] })).toContain(problem);
  });

  it.each(['I will send the letter home', 'Polish "sen" means sleep', 'We will sort it out'])('allow ordinary words: %s', (t) => {
    expect(contentProblems(t, { forbiddenNames: ['Khan'] })).toEqual([]);
  });

  it('allow exactly the links they are told to, and refuse any other beside them', () => {
    const page = 'https://parents.oakfield.sch.uk/p/Xy7kQ2mN9pL4vR8tW3zA5c';
    expect(contentProblems(`See what we agreed: ${page}`, { allowedLinks: [page] })).toEqual([]);
    expect(contentProblems(`See ${page} or www.other.example`, { allowedLinks: [page] })).toContain('contains a link');
    expect(contentProblems(`See ${page}x`, { allowedLinks: [page] })).toContain('contains a link');
    expect(contentProblems(`See ${page}`)).toContain('contains a link');
  });

  it('replaces curly quotes, dashes and ellipses so pasted teacher text stays GSM-7', () => {
    const pasted = '\u201cGreat work\u201d \u2013 he\u2019s trying hard\u2026';
    expect(segmentInfo(pasted).encoding).toBe('UCS-2');
    expect(segmentInfo(toGsmWhereEquivalent(pasted)).encoding).toBe('GSM-7');
  });
});
