import { fmt, localTime, timeOfDay } from './format';
import type { LanguagePack } from './types';

// Panjabi in Gurmukhi, the respectful ਤੁਸੀਂ throughout. Keywords the parent may send back stay in
// Latin letters (CHANGE, UPDATES, STOP, START), as UK phones expect; the Panjabi words are understood
// too (sms/keywords.ts). Verbs agree with a noun ("ਦੀ ਹਾਜ਼ਰੀ ਰਹੀ"), never with the child.
const change = 'ਬਦਲਣ ਲਈ CHANGE ਲਿਖ ਕੇ ਭੇਜੋ।';
const every = (weeks: number) => (weeks === 1 ? 'ਹਰ ਸਕੂਲੀ ਹਫ਼ਤੇ' : `ਹਰ ${weeks} ਸਕੂਲੀ ਹਫ਼ਤਿਆਂ ਬਾਅਦ`);
const scale = '1 (ਬਿਲਕੁਲ ਨਹੀਂ) ਤੋਂ 5 (ਬਹੁਤ ਜ਼ਿਆਦਾ) ਤੱਕ ਜਵਾਬ ਦਿਓ।';

const SURVEY = {
  listened: (c: string) => `${c} ਬਾਰੇ ਅਸੀਂ ਤੁਹਾਡੀ ਗੱਲ ਕਿੰਨੀ ਸੁਣਦੇ ਹਾਂ?`,
  informed: (c: string) => `${c} ਦੀ ਪੜ੍ਹਾਈ ਬਾਰੇ ਅਸੀਂ ਤੁਹਾਨੂੰ ਕਿੰਨਾ ਜਾਣੂ ਰੱਖਦੇ ਹਾਂ?`,
  expectations: (c: string) => `ਤੁਹਾਨੂੰ ਕਿੰਨਾ ਲੱਗਦਾ ਹੈ ਕਿ ਅਸੀਂ ${c} ਤੋਂ ਉੱਚੀਆਂ ਉਮੀਦਾਂ ਰੱਖਦੇ ਹਾਂ?`,
  engage: (c: string) => `${c} ਦੀ ਪੜ੍ਹਾਈ ਵਿੱਚ ਮਦਦ ਲਈ ਤੁਸੀਂ ਆਪਣੇ ਆਪ ਨੂੰ ਕਿੰਨਾ ਤਿਆਰ ਸਮਝਦੇ ਹੋ?`,
  trust: (c: string) => `ਤੁਹਾਨੂੰ ਕਿੰਨਾ ਭਰੋਸਾ ਹੈ ਕਿ ਅਸੀਂ ${c} ਦਾ ਚੰਗਾ ਸਾਥ ਦਿੰਦੇ ਹਾਂ?`,
};

export const paGuru: LanguagePack = {
  language: 'pa-Guru',
  locale: 'pa-Guru',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${localTime(dt)}`,
    day: (dt) => fmt(dt, 'ccc d LLLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')}, ${timeOfDay(dt)}`,
  },
  areaWords: {
    ENGLISH: 'ਪੜ੍ਹਨਾ-ਲਿਖਣਾ',
    MATHS: 'ਗਣਿਤ',
    ATTENDANCE: 'ਹਰ ਰੋਜ਼ ਸਕੂਲ ਆਉਣਾ',
    BEHAVIOUR: 'ਕਲਾਸ ਵਿੱਚ ਚੰਗਾ ਵਿਹਾਰ',
    BULLYING: 'ਸਕੂਲ ਵਿੱਚ ਸੁਰੱਖਿਆ',
    RELATIONSHIPS: 'ਦੋਸਤੀਆਂ',
    PARTICIPATION: 'ਕਲੱਬਾਂ ਵਿੱਚ ਹਿੱਸਾ',
    OTHER: 'ਹੋਰ ਟੀਚੇ',
  },
  subjectWords: { reading: 'ਪੜ੍ਹਨ', writing: 'ਲਿਖਣ', maths: 'ਗਣਿਤ' },
  separator: ', ',
  fullStop: '।',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGE', updates: 'UPDATES', default: 'DEFAULT', text: 'TEXT' },
  keys: { hash: 'ਹੈਸ਼ ਵਾਲਾ ਬਟਨ', star: 'ਸਟਾਰ ਵਾਲਾ ਬਟਨ' },
  goodNews: {
    everyDay: (c) => `ਇਸ ਹਾਫ਼ ਟਰਮ ${c} ਦੀ ਹਾਜ਼ਰੀ ਹਰ ਰੋਜ਼ ਰਹੀ।`,
    better: (c) => `${c} ਦੀ ਹਾਜ਼ਰੀ ਬਿਹਤਰ ਹੋ ਰਹੀ ਹੈ।`,
    rewards: (c, count, n) => (count === 1 ? `ਇਸ ਹਾਫ਼ ਟਰਮ ${c} ਨੂੰ ਇੱਕ ਇਨਾਮ ਮਿਲਿਆ।` : `ਇਸ ਹਾਫ਼ ਟਰਮ ${c} ਨੂੰ ${n} ਇਨਾਮ ਮਿਲੇ।`),
    clubs: (c, count, n) => (count === 1 ? `${c} ਨੇ ਇੱਕ ਕਲੱਬ ਵਿੱਚ ਹਿੱਸਾ ਲਿਆ।` : `${c} ਨੇ ${n} ਕਲੱਬਾਂ ਵਿੱਚ ਹਿੱਸਾ ਲਿਆ।`),
    learning: (c, subjects) => `${subjects} ਵਿੱਚ ${c} ਦੀ ਤਰੱਕੀ ਚੰਗੀ ਹੈ।`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: ${p.child} ਦੀ ਮੀਟਿੰਗ ਦਾ ਸਮਾਂ ਚੁਣੋ: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}, 0 ਹੋਰ ਸਮਾਂ।`,
    'booking.confirmed': (p, f) => `${p.school}: ਧੰਨਵਾਦ। ${p.child} ਬਾਰੇ ਤੁਹਾਡੀ ਮੀਟਿੰਗ ${f.when(p.at)} ਨੂੰ ਤੈਅ ਹੈ। ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: ${p.child} ਬਾਰੇ ਮੀਟਿੰਗ ਦੂਜੇ ਮਾਪੇ ਜਾਂ ਸਰਪ੍ਰਸਤ ਨੇ ${f.when(p.at)} ਨੂੰ ਤੈਅ ਕਰ ਦਿੱਤੀ ਹੈ। ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: ਇਹ ਚੋਣ ਹੁਣ ਬੰਦ ਹੈ। ${p.child} ਬਾਰੇ ਮੀਟਿੰਗ ${f.when(p.at)} ਨੂੰ ਤੈਅ ਹੈ। ${change}`,
    'booking.offerClosed': (p) => `${p.school}: ਇਹ ਚੋਣ ਹੁਣ ਬੰਦ ਹੈ। ${p.child} ਦੇ ਅਧਿਆਪਕ ਜਲਦੀ ਨਵੇਂ ਸਮੇਂ ਭੇਜਣਗੇ।`,
    'booking.invalidChoice': (p) => `${p.school}: ਮਾਫ਼ ਕਰਨਾ, ਸਾਨੂੰ ਸਮਝ ਨਹੀਂ ਆਈ। ਕਿਰਪਾ ਕਰਕੇ 1 ਤੋਂ ${p.count} ਤੱਕ ਕੋਈ ਨੰਬਰ ਭੇਜੋ, ਜਾਂ ਹੋਰ ਸਮੇਂ ਲਈ 0।`,
    'booking.declinedAck': (p) => `${p.school}: ਧੰਨਵਾਦ। ${p.child} ਦੇ ਅਧਿਆਪਕ ਤੁਹਾਨੂੰ ਹੋਰ ਸਮੇਂ ਭੇਜਣਗੇ।`,
    'booking.reminder': (p, f) => `${p.school}: ਯਾਦ ਰਹੇ, ${p.child} ਬਾਰੇ ਤੁਹਾਡੀ ਮੀਟਿੰਗ ${f.when(p.at)} ਨੂੰ ਹੈ। ${change}`,
    'booking.moved': (p, f) => `${p.school}: ਸਾਨੂੰ ${p.child} ਬਾਰੇ ਤੁਹਾਡੀ ਮੀਟਿੰਗ ਦਾ ਸਮਾਂ ਬਦਲਣਾ ਪਿਆ। ਨਵਾਂ ਸਮਾਂ: ${f.when(p.at)}। ${change}`,
    'booking.cancelled': (p) => `${p.school}: ਮਾਫ਼ ਕਰਨਾ, ਸਾਨੂੰ ${p.child} ਬਾਰੇ ਤੁਹਾਡੀ ਮੀਟਿੰਗ ਰੱਦ ਕਰਨੀ ਪਈ। ${p.child} ਦੇ ਅਧਿਆਪਕ ਤੁਹਾਡੇ ਨਾਲ ਸੰਪਰਕ ਕਰਨਗੇ।`,
    'booking.changeAck': (p) => `${p.school}: ਧੰਨਵਾਦ। ਅਸੀਂ ${p.child} ਦੇ ਅਧਿਆਪਕ ਨੂੰ ਦੱਸ ਦਿੱਤਾ ਹੈ, ਉਹ ਤੁਹਾਨੂੰ ਨਵੇਂ ਸਮੇਂ ਭੇਜਣਗੇ।`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: ${p.child} ਬਾਰੇ ਮੀਟਿੰਗ ਲਈ ਧੰਨਵਾਦ। ਅਸੀਂ ਮਿਲ ਕੇ ਇਨ੍ਹਾਂ 'ਤੇ ਕੰਮ ਕਰਾਂਗੇ: ${f.areas(p.areas)}। ${f.day(p.nextReview)} ਤੱਕ ਅਸੀਂ ਦੇਖਾਂਗੇ ਕਿ ਕੰਮ ਕਿਵੇਂ ਚੱਲ ਰਿਹਾ ਹੈ। ਤੁਸੀਂ ਕਦੇ ਵੀ ਜਵਾਬ ਦੇ ਸਕਦੇ ਹੋ।`,
            `${p.school}: ਮੀਟਿੰਗ ਲਈ ਧੰਨਵਾਦ। ${p.child} ਲਈ ਤੈਅ ਟੀਚੇ: ${f.areas(p.areas)}। ${f.day(p.nextReview)} ਤੱਕ ਜਾਇਜ਼ਾ ਲਵਾਂਗੇ।`,
          ]
        : `${p.school}: ${p.child} ਬਾਰੇ ਮੀਟਿੰਗ ਲਈ ਧੰਨਵਾਦ। ${f.day(p.nextReview)} ਤੱਕ ਅਸੀਂ ਦੇਖਾਂਗੇ ਕਿ ਕੰਮ ਕਿਵੇਂ ਚੱਲ ਰਿਹਾ ਹੈ। ਤੁਸੀਂ ਕਦੇ ਵੀ ਜਵਾਬ ਦੇ ਸਕਦੇ ਹੋ।`,
    'progress.update': (p, f) =>
      (['ਘਰ ਵਿੱਚ ਕਿਵੇਂ ਚੱਲ ਰਿਹਾ ਹੈ? ਬਸ ਜਵਾਬ ਦਿਓ।', 'ਘਰ ਵਿੱਚ ਕਿਵੇਂ ਹੈ? ਜਵਾਬ ਦਿਓ।'] as const).map((ask) =>
        [
          `${p.school}: ${p.child} ਦੀ ਖ਼ਬਰ।`,
          ...f.goodNews(p.goodNews ?? [], p.child),
          p.achieved.length > 0 ? `ਟੀਚਾ ਪੂਰਾ ਹੋਇਆ: ${f.areas(p.achieved)}।` : '',
          p.workingOn.length > 0 ? `ਕੰਮ ਜਾਰੀ ਹੈ: ${f.areas(p.workingOn)}।` : '',
          ask,
        ]
          .filter(Boolean)
          .join(' '),
      ) as [string, string],
    'reply.actioned': (p) => `${p.school}: ${p.child} ਬਾਰੇ ਤੁਹਾਡੇ ਸੁਨੇਹੇ ਲਈ ਧੰਨਵਾਦ। ਅਸੀਂ ਇਹ ਕੀਤਾ: ${p.action}`,
    'teacher.message': (p) => `${p.school}, ${p.child} ਦੇ ਅਧਿਆਪਕ ਵੱਲੋਂ: ${p.text}`,
    'school.message': (p) => `${p.school}, ਤੁਹਾਡੇ ਸੁਨੇਹੇ ਦਾ ਜਵਾਬ: ${p.text}`,
    'reply.received': (p) => `${p.school}: ਧੰਨਵਾਦ। ਅਸੀਂ ਤੁਹਾਡਾ ਸੁਨੇਹਾ ${p.child} ਦੇ ਅਧਿਆਪਕ ਤੱਕ ਪਹੁੰਚਾ ਦਿੱਤਾ ਹੈ।`,
    'confidence.check': (p) => `${p.school}: ਤੁਹਾਨੂੰ ਕਿੰਨਾ ਭਰੋਸਾ ਹੈ ਕਿ ਸਕੂਲ ${p.child} ਦੀਆਂ ਲੋੜਾਂ ਸਮਝਦਾ ਹੈ? ${scale}`,
    'confidence.thanks': (p) => `${p.school}: ਤੁਹਾਡੇ ਜਵਾਬ ਲਈ ਧੰਨਵਾਦ।`,
    'which.child': (p, f) => `${p.school}: ਇਹ ਸੁਨੇਹਾ ਕਿਸ ਬੱਚੇ ਬਾਰੇ ਹੈ? ਜਵਾਬ ਦਿਓ: ${f.list(p.children.map((c, i) => `${i + 1} ${c}`))}।`,
    'which.school': (p, f) => `ਇਹ ਸੁਨੇਹਾ ਕਿਸ ਸਕੂਲ ਬਾਰੇ ਹੈ? ਜਵਾਬ ਦਿਓ: ${f.list(p.schools.map((s, i) => `${i + 1} ${s}`))}।`,
    'updates.changed': (p) => `${p.school}: ਧੰਨਵਾਦ। ਤੁਹਾਨੂੰ ਬੱਚੇ ਦੀ ਤਰੱਕੀ ਦੀ ਖ਼ਬਰ ${every(p.weeks)} ਮਿਲੇਗੀ${p.own ? '' : ' (ਸਕੂਲ ਦਾ ਆਮ ਨਿਯਮ)'}।`,
    'updates.current': (p) =>
      `${p.school}: ਤੁਹਾਨੂੰ ਬੱਚੇ ਦੀ ਤਰੱਕੀ ਦੀ ਖ਼ਬਰ ${every(p.weeks)} ਮਿਲਦੀ ਹੈ${p.own ? '' : ' (ਸਕੂਲ ਦਾ ਆਮ ਨਿਯਮ)'}। ਬਦਲਣ ਲਈ UPDATES ਅਤੇ ${p.min} ਤੋਂ ${p.max} ਤੱਕ ਕੋਈ ਨੰਬਰ ਭੇਜੋ${p.own ? ', ਜਾਂ ਸਕੂਲ ਦੇ ਆਮ ਨਿਯਮ ਲਈ UPDATES DEFAULT' : ''}।`,
    'updates.invalid': (p) =>
      `${p.school}: ਮਾਫ਼ ਕਰਨਾ, ਅਸੀਂ ${p.min} ਤੋਂ ${p.max} ਸਕੂਲੀ ਹਫ਼ਤਿਆਂ ਵਿੱਚ ਇੱਕ ਵਾਰ ਖ਼ਬਰ ਭੇਜ ਸਕਦੇ ਹਾਂ। ਕਿਰਪਾ ਕਰਕੇ UPDATES ਅਤੇ ${p.min} ਤੋਂ ${p.max} ਤੱਕ ਕੋਈ ਨੰਬਰ ਭੇਜੋ, ਜਿਵੇਂ UPDATES 2।`,
    help: (p) =>
      `${p.school} ਤੁਹਾਡੇ ਬੱਚੇ ਦੀ ਪੜ੍ਹਾਈ ਬਾਰੇ ਸੁਨੇਹੇ ਭੇਜਦਾ ਹੈ। ${p.phone ? `ਸਕੂਲ ਦਾ ਫ਼ੋਨ: ${p.phone}।` : 'ਸੰਪਰਕ: ਸਕੂਲ ਦਫ਼ਤਰ।'} ਖ਼ਬਰ ਕਿੰਨੀ ਵਾਰ ਮਿਲੇ, ਇਹ ਚੁਣਨ ਲਈ UPDATES ਭੇਜੋ। ਸੁਨੇਹੇ ਬੰਦ ਕਰਨ ਲਈ STOP ਭੇਜੋ।`,
    'stop.confirmed': (p) => `${p.school}: ਤੁਹਾਨੂੰ ਸਾਡੇ ਵੱਲੋਂ ਹੋਰ ਸੁਨੇਹੇ ਨਹੀਂ ਮਿਲਣਗੇ। ਦੁਬਾਰਾ ਲੈਣ ਲਈ START ਭੇਜੋ।`,
    'start.confirmed': (p) => `${p.school}: ਜੀ ਆਇਆਂ ਨੂੰ। ਤੁਹਾਨੂੰ ਸਾਡੇ ਵੱਲੋਂ ਦੁਬਾਰਾ ਸੁਨੇਹੇ ਮਿਲਣਗੇ। ਬੰਦ ਕਰਨ ਲਈ STOP ਭੇਜੋ।`,
    'unknown.number': () => 'ਤੁਹਾਡੇ ਸੁਨੇਹੇ ਲਈ ਧੰਨਵਾਦ। ਇਹ ਨੰਬਰ ਇੱਕ ਸਕੂਲ ਵੱਲੋਂ ਸੁਨੇਹੇ ਭੇਜਦਾ ਹੈ ਅਤੇ ਤੁਹਾਡੇ ਨੰਬਰ ਨੂੰ ਨਹੀਂ ਪਛਾਣਦਾ। ਕਿਰਪਾ ਕਰਕੇ ਸਿੱਧਾ ਸਕੂਲ ਨਾਲ ਸੰਪਰਕ ਕਰੋ।',
    'page.link': (p) => `${p.school}: ${p.child} ਲਈ ਜੋ ਤੈਅ ਹੋਇਆ ਉਹ ਦੇਖੋ ਅਤੇ ਆਪਣੀ ਰਾਏ ਭੇਜੋ: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: ${p.child} ਬਾਰੇ ਤੁਹਾਡੀ ਮੀਟਿੰਗ ${f.when(p.at)} ਨੂੰ ਹੈ। ਤੁਸੀਂ ਕਿਸ ਬਾਰੇ ਗੱਲ ਕਰਨਾ ਚਾਹੋਗੇ? ਇੱਥੇ ਦੱਸੋ ${p.link} ਜਾਂ ਇਸ ਸੁਨੇਹੇ ਦਾ ਜਵਾਬ ਦਿਓ।`,
      `${p.school}: ${p.child} ਦੀ ਮੀਟਿੰਗ ${f.when(p.at)} ਨੂੰ ਹੈ। ਤੁਸੀਂ ਕੀ ਗੱਲ ਕਰਨੀ ਚਾਹੋਗੇ? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: ${p.child} ਲਈ ਤੈਅ ਕੀਤੀ ਯੋਜਨਾ, ਅਤੇ ਤੁਸੀਂ ਘਰ ਵਿੱਚ ਕੀ ਕਰ ਸਕਦੇ ਹੋ, ਇੱਥੇ ਹੈ: ${p.link}`,
    'page.code': (p) => `${p.school}: ਤੁਹਾਡਾ ਕੋਡ ${p.code} ਹੈ। ਇਹ 10 ਮਿੰਟ ਲਈ ਚੱਲੇਗਾ। ਇਹ ਕਿਸੇ ਨੂੰ ਨਾ ਦੱਸੋ।`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `ਧੰਨਵਾਦ। ਤੁਹਾਡੇ ਜਵਾਬ ${p.school} ਨੂੰ ${p.child} ਲਈ ਹੋਰ ਵਧੀਆ ਕੰਮ ਕਰਨ ਵਿੱਚ ਮਦਦ ਕਰਦੇ ਹਨ।`,
    'channel.call': (p) => `ਹੁਣ ਤੋਂ ${p.school} ਤੁਹਾਨੂੰ ਸੁਨੇਹੇ ਦੀ ਥਾਂ ਫ਼ੋਨ ਕਰੇਗਾ। ਦੁਬਾਰਾ ਸੁਨੇਹਿਆਂ ਲਈ TEXT ਭੇਜੋ।`,
    'channel.text': (p) => `ਹੁਣ ਤੋਂ ${p.school} ਤੁਹਾਨੂੰ ਸੁਨੇਹੇ ਭੇਜੇਗਾ।`,
    'call.intro': (p) => `ਹੈਲੋ। ਇਹ ${p.school} ਵੱਲੋਂ ${p.child} ਬਾਰੇ ਸੁਨੇਹਾ ਹੈ।`,
    'call.repeat': (p, f) => `ਇਹ ਸੁਨੇਹਾ ਦੁਬਾਰਾ ਸੁਣਨ ਲਈ ${f.key(p.key)} ਦਬਾਓ।`,
    'call.leaveMessage': (p, f) => `${p.child} ਦੇ ਅਧਿਆਪਕ ਲਈ ਸੁਨੇਹਾ ਛੱਡਣ ਲਈ ${f.key(p.key)} ਦਬਾਓ।`,
    'call.record': () => "ਬੀਪ ਤੋਂ ਬਾਅਦ ਬੋਲੋ। ਤੁਹਾਡੇ ਕੋਲ ਦੋ ਮਿੰਟ ਹਨ। ਗੱਲ ਖ਼ਤਮ ਹੋਣ 'ਤੇ ਹੈਸ਼ ਵਾਲਾ ਬਟਨ ਦਬਾਓ।",
    'call.recorded': (p) => `ਧੰਨਵਾਦ। ਅਸੀਂ ਤੁਹਾਡਾ ਸੁਨੇਹਾ ${p.child} ਦੇ ਅਧਿਆਪਕ ਤੱਕ ਪਹੁੰਚਾ ਦਿੱਤਾ ਹੈ।`,
    'call.stop': (p, f) => `ਸਕੂਲ ਦੀਆਂ ਕਾਲਾਂ ਅਤੇ ਸੁਨੇਹੇ ਬੰਦ ਕਰਨ ਲਈ ${f.key(p.key)} ਦਬਾਓ।`,
    'call.stopped': (p) => `ਤੁਹਾਨੂੰ ${p.school} ਵੱਲੋਂ ਹੋਰ ਕਾਲਾਂ ਜਾਂ ਸੁਨੇਹੇ ਨਹੀਂ ਮਿਲਣਗੇ। ਅਲਵਿਦਾ।`,
    'call.option': (p, f) => `${f.spokenWhen(p.at)} ਲਈ ${f.key(p.key)} ਦਬਾਓ।`,
    'call.otherTime': (p, f) => `ਜੇ ਇਨ੍ਹਾਂ ਵਿੱਚੋਂ ਕੋਈ ਸਮਾਂ ਠੀਕ ਨਹੀਂ, ਤਾਂ ${f.key(p.key)} ਦਬਾਓ।`,
    'call.confidence': (p) => `ਤੁਹਾਨੂੰ ਕਿੰਨਾ ਭਰੋਸਾ ਹੈ ਕਿ ਸਕੂਲ ${p.child} ਦੀਆਂ ਲੋੜਾਂ ਸਮਝਦਾ ਹੈ? 1 ਤੋਂ 5 ਤੱਕ ਕੋਈ ਨੰਬਰ ਦਬਾਓ: 1 ਮਤਲਬ ਬਿਲਕੁਲ ਨਹੀਂ, 5 ਮਤਲਬ ਬਹੁਤ ਜ਼ਿਆਦਾ।`,
    'call.invalidKey': () => 'ਮਾਫ਼ ਕਰਨਾ, ਇਹ ਬਟਨ ਚੋਣਾਂ ਵਿੱਚ ਨਹੀਂ ਹੈ।',
    'call.goodbye': () => 'ਧੰਨਵਾਦ। ਅਲਵਿਦਾ।',
    'call.voicemail': (p, f) =>
      p.phone ? `ਹੈਲੋ, ਇਹ ${p.school} ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਸਾਨੂੰ ${f.phone(p.phone)} 'ਤੇ ਵਾਪਸ ਫ਼ੋਨ ਕਰੋ।` : `ਹੈਲੋ, ਇਹ ${p.school} ਹੈ। ਕਿਰਪਾ ਕਰਕੇ ਸਕੂਲ ਦਫ਼ਤਰ ਨੂੰ ਫ਼ੋਨ ਕਰੋ।`,
  },
};
