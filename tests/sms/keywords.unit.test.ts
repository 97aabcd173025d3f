import fc from 'fast-check';
import { LANGUAGE_PACKS, formatFor } from '../../messaging/catalogue';
import { KEYWORDS, intentOf, normaliseReply, type Intent } from '../../sms/keywords';

/**
 * What a parent's text means, whatever a phone adds around it unseen. The rule (sms/keywords.ts):
 * invisible characters never change which word it is; visible words always do.
 */
const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C', '\u202A', '\u202C', '\u00AD', '\uFE0F', '\u20E3');
const noise = fc.oneof(invisible, fc.constantFrom(' ', '\n', '\t', '.', '!', '?', '🙏', '❤️', '👍🏽', '"', '\u0000', '\u0007'));
const around = fc.array(noise, { maxLength: 5 }).map((p) => p.join(''));
const within = (word: string) =>
  fc.array(fc.option(invisible, { nil: '' }), { minLength: word.length, maxLength: word.length }).map((inside) => [...word].map((ch, i) => ch + (i < word.length - 1 ? inside[i] : '')).join(''));
const written = (word: string) => fc.tuple(around, within(word), around).map(([a, w, b]) => `${a}${w}${b}`);

describe('keywords survive what phones add', () => {
  it.each([
    ['STOP', 'stop'],
    ['Stop', 'stop'],
    ['ＳＴＯＰ', 'stop'],
    ['WYPISZ', 'stop'],
    ['بند کریں', 'stop'],
    ['START', 'start'],
    ['HELP', 'help'],
    ['مدد', 'help'],
    ['CHANGE', 'change'],
    ['zmień', 'change'],
  ])('Given "%s" with invisible marks around and inside it, emoji or punctuation, Then it is read as %s', (word, kind) => {
    fc.assert(fc.property(written(word), (text) => expect(intentOf(text).kind).toBe(kind)), { numRuns: 200 });
  });

  it('Given a slot number with a keycap, invisible marks or Eastern Arabic digits, Then it is read as that number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.constantFrom('', '\uFE0F\u20E3', '\u200F', '\u200B'), fc.boolean(), around, (n, mark, urdu, pad) => {
        const digit = urdu ? '۰۱۲۳۴۵۶۷۸۹'[n]! : String(n);
        expect(intentOf(`${pad}${digit}${mark}${pad}`)).toEqual({ kind: 'number', value: n });
      }),
      { numRuns: 200 },
    );
  });

  it.each(["Please don't stop the texts", 'stop it please, he is being bullied', 'S T O P', 'STOPPED', 'Help with homework?'])('Given "%s", a sentence with a keyword in it, Then it is the parent\'s voice, not a keyword', (text) => {
    expect(intentOf(text).kind).toBe('text');
  });

  it('Given a combining mark with no letter to sit on next to a keyword, Then it is dropped; on a letter it stays part of the word', () => {
    expect(intentOf('STOP \u0301').kind).toBe('stop');
    expect(intentOf('STÓP').kind).toBe('text');
  });
});

/**
 * Every language the catalogue writes in, as a table: its words for each keyword, the words its
 * own texts ask the parent to send, and digits in its own script. A parent who answers in English
 * is understood whatever their language, because every word is understood from every parent.
 */
describe.each(Object.keys(KEYWORDS))('keywords in %s', (lang) => {
  const words = KEYWORDS[lang]!;
  const table: [string, Intent][] = [
    ...words.stop.map((w) => [w, { kind: 'stop' }] as [string, Intent]),
    ...words.start.map((w) => [w, { kind: 'start' }] as [string, Intent]),
    ...words.help.map((w) => [w, { kind: 'help' }] as [string, Intent]),
    ...words.change.map((w) => [w, { kind: 'change' }] as [string, Intent]),
    ...words.none.map((w) => [w, { kind: 'none' }] as [string, Intent]),
    ...words.yes.map((w) => [w, { kind: 'yes' }] as [string, Intent]),
    ...words.call.map((w) => [w, { kind: 'channel', channel: 'call' }] as [string, Intent]),
    ...words.sms.map((w) => [w, { kind: 'channel', channel: 'sms' }] as [string, Intent]),
    ...words.updates.flatMap((w) => [
      [w, { kind: 'updates', weeks: undefined }],
      [`${w} 3`, { kind: 'updates', weeks: 3 }],
      ...words.default.map((d) => [`${w} ${d}`, { kind: 'updates', weeks: null }]),
    ] as [string, Intent][]),
  ];
  it.each(table)('Given "%s", Then it is read as %j', (text, intent) => {
    expect(intentOf(text)).toEqual(intent);
    expect(intentOf(`  ${text.toUpperCase()}! `)).toEqual(intent);
  });

  it('Given a plain "no" in this language, Then it declines what was offered and never opts the parent out', () => {
    for (const no of words.none) expect(intentOf(no).kind).toBe('none');
  });
});

describe.each(Object.values(LANGUAGE_PACKS).map((p) => [p.language, p] as const))('the words the %s texts ask parents to send', (_lang, pack) => {
  it('are each understood as what the text asks for', () => {
    const r = pack.reply;
    expect(intentOf(r.stop)).toEqual({ kind: 'stop' });
    expect(intentOf(r.start)).toEqual({ kind: 'start' });
    expect(intentOf(r.change)).toEqual({ kind: 'change' });
    expect(intentOf(r.updates)).toEqual({ kind: 'updates', weeks: undefined });
    expect(intentOf(`${r.updates} 2`)).toEqual({ kind: 'updates', weeks: 2 });
    expect(intentOf(`${r.updates} ${r.default}`)).toEqual({ kind: 'updates', weeks: null });
    expect(intentOf(r.text)).toEqual({ kind: 'channel', channel: 'sms' });
  });

  it('appear in its texts as written there', () => {
    const f = formatFor(pack, 'Europe/London');
    const p = { school: 'Oakfield', child: 'Amir' };
    expect(pack.texts['updates.current']({ ...p, weeks: 2, own: true, min: 1, max: 6 }, f).toString()).toContain(`${pack.reply.updates} ${pack.reply.default}`);
    expect(pack.texts['booking.confirmed']({ ...p, at: new Date('2026-10-06T14:30:00Z') }, f).toString()).toContain(pack.reply.change);
    expect(pack.texts['channel.call'](p as never, f).toString()).toContain(pack.reply.text);
    expect(pack.texts['stop.confirmed'](p as never, f).toString()).toContain(pack.reply.start);
  });
});

describe('keywords across languages', () => {
  it('Given every keyword of every language, Then no word means two different things', () => {
    const meaning = new Map<string, string>();
    const clashes: string[] = [];
    for (const [lang, words] of Object.entries(KEYWORDS)) {
      for (const [kind, list] of Object.entries(words)) {
        for (const word of list) {
          const key = normaliseReply(word);
          const was = meaning.get(key);
          if (was && was !== kind) clashes.push(`${word} (${lang}): ${kind}, elsewhere ${was}`);
          meaning.set(key, kind);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each(['nie', 'nu', 'no', 'non', 'não', 'ne', 'maya', 'نہیں', 'لا', 'না', 'ਨਹੀਂ', 'இல்லை', 'ના'])('Given "%s" (no), Then it is never an opt-out', (no) => {
    expect(intentOf(no).kind).toBe('none');
  });

  it.each([
    ['Eastern Arabic', '٣'],
    ['Persian and Urdu', '۳'],
    ['Devanagari', '३'],
    ['Bengali', '৩'],
    ['Gurmukhi', '੩'],
    ['Gujarati', '૩'],
    ['Tamil', '௩'],
  ])('Given a number in %s digits (%s), Then it is read as that number, alone or after UPDATES', (_script, three) => {
    expect(intentOf(three)).toEqual({ kind: 'number', value: 3 });
    expect(intentOf(`UPDATES ${three}`)).toEqual({ kind: 'updates', weeks: 3 });
  });

  it('Given an Urdu word typed on an Arabic keyboard (ي for ی, ك for ک), Then it is the same word', () => {
    expect(intentOf('تبديلي')).toEqual({ kind: 'change' });
    expect(intentOf('مدد')).toEqual({ kind: 'help' });
    expect(intentOf('إيقاف')).toEqual(intentOf('ايقاف'));
  });

  it('Given accents left off (zmien, nao, iprastai), Then the word is still understood', () => {
    expect(intentOf('zmien')).toEqual({ kind: 'change' });
    expect(intentOf('nao')).toEqual({ kind: 'none' });
    expect(intentOf('NAUJIENOS IPRASTAI')).toEqual({ kind: 'updates', weeks: null });
  });

  it.each(['cancelar', 'anuluj', 'annuler', 'Please call me tomorrow', 'text me later please'])('Given "%s", a sentence or a cancel word of another language, Then it is the parent\'s voice', (text) => {
    expect(intentOf(text).kind).toBe('text');
  });
});
