import { LANGUAGE_PACKS, renderText, type TemplateKey, type TemplateParams } from '../../messaging/catalogue';
import { contentProblems, segmentInfo, toGsmWhereEquivalent } from '../../messaging/content';
import type { TargetArea } from '../../generated/prisma/client';

const ALL_AREAS: TargetArea[] = ['ENGLISH', 'MATHS', 'ATTENDANCE', 'BEHAVIOUR', 'BULLYING', 'RELATIONSHIPS', 'PARTICIPATION', 'OTHER'];
const slot = (d: string) => new Date(d);

/** Realistic worst cases: a long school name, a long first name, four slots, every area. */
const LONG = { school: "St Bartholomew's CE Primary Academy", child: 'Maximilian-Alexander' };
const SAMPLE: { [K in TemplateKey]: TemplateParams[K] } = {
  'booking.offer': { slots: [slot('2026-10-06T14:30:00Z'), slot('2026-10-07T15:45:00Z'), slot('2026-10-08T07:15:00Z'), slot('2026-10-12T16:00:00Z')] },
  'booking.confirmed': { at: slot('2026-10-06T14:30:00Z') },
  'booking.takenByOther': { at: slot('2026-10-06T14:30:00Z') },
  'booking.alreadyBooked': { at: slot('2026-10-06T14:30:00Z') },
  'booking.offerClosed': {},
  'booking.invalidChoice': { count: 4 },
  'booking.declinedAck': {},
  'booking.reminder': { at: slot('2026-11-18T15:30:00Z') },
  'booking.moved': { at: slot('2026-11-18T15:30:00Z') },
  'booking.cancelled': {},
  'booking.changeAck': {},
  'targets.confirmed': { areas: ['ENGLISH', 'MATHS', 'ATTENDANCE'], nextReview: '2027-01-15' },
  'progress.update': { achieved: ['ENGLISH', 'PARTICIPATION'], workingOn: ['MATHS', 'ATTENDANCE'] },
  'reply.actioned': { action: 'We moved his seat nearer the board.' },
  'teacher.message': { text: 'Great week in PE!' },
  'school.message': { text: 'Thank you, we will call you this afternoon.' },
  'reply.received': {},
  'confidence.check': {},
  'confidence.thanks': {},
  'which.child': { children: ['Maximilian-Alexander', 'Sara', 'Bartholomew'] },
  'which.school': { schools: ["St Bartholomew's CE Primary Academy", 'Elmwood Park Community Academy', 'Oakfield Primary School'] },
  'updates.changed': { weeks: 6, own: false },
  'updates.current': { weeks: 6, own: true, min: 1, max: 6 },
  'updates.invalid': { min: 1, max: 6 },
  help: { phone: '01632 960123' },
  'stop.confirmed': {},
  'start.confirmed': {},
  'unknown.number': {},
};
const KEYS = Object.keys(SAMPLE) as TemplateKey[];
const render = (key: TemplateKey, lang: keyof typeof LANGUAGE_PACKS, params: object = SAMPLE[key]) =>
  toGsmWhereEquivalent(renderText(key, lang, { ...params, ...LONG } as TemplateParams[TemplateKey] & typeof LONG, 'Europe/London'));

describe('the catalogue of texts to parents', () => {
  it('has every key in every language (the type system checks the parameters)', () => {
    for (const pack of Object.values(LANGUAGE_PACKS)) expect(Object.keys(pack.texts).sort()).toEqual([...KEYS].sort());
  });

  it.each(KEYS)('English %s fits in 2 GSM-7 segments with long names', (key) => {
    const info = segmentInfo(render(key, 'EN'));
    expect(info.encoding).toBe('GSM-7');
    expect(info.segments).toBeLessThanOrEqual(2);
  });

  it('writes times in school-local time, 12-hour in English ("Tue 6 Oct 3:30pm")', () => {
    expect(render('booking.confirmed', 'EN')).toContain('Tue 6 Oct 3:30pm');
    expect(render('booking.confirmed', 'PL')).toContain('15:30');
    expect(render('booking.offer', 'EN')).toContain('Reply 1 for Tue 6 Oct 3:30pm, 2 for Wed 7 Oct 4:45pm, 3 for Thu 8 Oct 8:15am, 4 for Mon 12 Oct 5:00pm, or 0 for another time.');
  });

  it('names target areas in plain words, never the target itself', () => {
    expect(render('targets.confirmed', 'EN')).toContain('reading and writing, maths and coming to school every day');
  });

  describe.each(Object.keys(LANGUAGE_PACKS) as (keyof typeof LANGUAGE_PACKS)[])('in %s', (lang) => {
    it.each(KEYS)('%s carries no link, no SEN word, no need code and no surname', (key) => {
      const body = render(key, lang);
      expect(contentProblems(body, { forbiddenNames: ['Khan-Wojcik', 'Popescu'] })).toEqual([]);
      expect(body).not.toMatch(/Khan|Popescu/);
    });

    it('has plain words for every target area', () => {
      const body = render('progress.update', lang, { achieved: ALL_AREAS, workingOn: [] });
      for (const word of Object.values(LANGUAGE_PACKS[lang].areaWords)) expect(body).toContain(word);
    });
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

  it('replaces curly quotes, dashes and ellipses so pasted teacher text stays GSM-7', () => {
    const pasted = '\u201cGreat work\u201d \u2013 he\u2019s trying hard\u2026';
    expect(segmentInfo(pasted).encoding).toBe('UCS-2');
    expect(segmentInfo(toGsmWhereEquivalent(pasted)).encoding).toBe('GSM-7');
  });
});

describe('segment cost of every text in every language (README table)', () => {
  it('is computed by sms-segments-calculator', () => {
    const table: Record<string, Record<string, string>> = {};
    for (const key of KEYS) {
      table[key] = {};
      for (const lang of Object.keys(LANGUAGE_PACKS) as (keyof typeof LANGUAGE_PACKS)[]) {
        const info = segmentInfo(render(key, lang));
        table[key]![lang] = `${info.segments} ${info.encoding}`;
      }
    }
    if (process.env.PRINT_SEGMENTS) console.log(JSON.stringify(table, null, 1));
    for (const key of KEYS) expect(segmentInfo(render(key, 'UR')).encoding).toBe('UCS-2');
  });
});
