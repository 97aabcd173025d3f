import fc from 'fast-check';
import { intentOf } from '../../sms/keywords';

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
