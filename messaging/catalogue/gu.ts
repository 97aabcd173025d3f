import { fmt, localTime, timeOfDay } from './format';
import type { LanguagePack } from './types';

// Gujarati with the polite તમે. Keywords stay in Latin letters; the Gujarati words are understood
// too (sms/keywords.ts). Verbs agree with a noun ("ની હાજરી રહી") or are ergative ("એ ભાગ લીધો"),
// never with the child, so a text reads right for a son or a daughter.
const change = 'બદલવા માટે CHANGE લખીને મોકલો.';
const every = (weeks: number) => (weeks === 1 ? 'દર શાળા સપ્તાહે' : `દર ${weeks} શાળા સપ્તાહે`);
const scale = '1 (બિલકુલ નહીં) થી 5 (ખૂબ જ) સુધી જવાબ આપો.';

const SURVEY = {
  listened: (c: string) => `${c} વિશે અમે તમારી વાત કેટલી સાંભળીએ છીએ?`,
  informed: (c: string) => `${c} ના અભ્યાસ વિશે અમે તમને કેટલા માહિતગાર રાખીએ છીએ?`,
  expectations: (c: string) => `અમે ${c} પાસેથી સારી અપેક્ષા રાખીએ છીએ એવું તમને કેટલું લાગે છે?`,
  engage: (c: string) => `${c} ના અભ્યાસમાં મદદ કરવા તમે પોતાને કેટલા સક્ષમ માનો છો?`,
  trust: (c: string) => `અમે ${c} ને સારો સાથ આપીએ છીએ એવો તમને કેટલો વિશ્વાસ છે?`,
};

export const gu: LanguagePack = {
  language: 'gu',
  locale: 'gu',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${localTime(dt)}`,
    day: (dt) => fmt(dt, 'ccc d LLLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')}, ${timeOfDay(dt)}`,
  },
  areaWords: {
    ENGLISH: 'વાંચન-લેખન',
    MATHS: 'ગણિત',
    ATTENDANCE: 'રોજ શાળાએ આવવું',
    BEHAVIOUR: 'વર્ગમાં સારું વર્તન',
    BULLYING: 'શાળામાં સલામતી',
    RELATIONSHIPS: 'મિત્રતા',
    PARTICIPATION: 'ક્લબમાં ભાગ',
    OTHER: 'અન્ય લક્ષ્યો',
  },
  subjectWords: { reading: 'વાંચન', writing: 'લેખન', maths: 'ગણિત' },
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGE', updates: 'UPDATES', default: 'DEFAULT', text: 'TEXT' },
  keys: { hash: 'હેશ બટન', star: 'સ્ટાર બટન' },
  goodNews: {
    everyDay: (c) => `આ હાફ ટર્મમાં ${c} ની હાજરી દરરોજ રહી.`,
    better: (c) => `${c} ની હાજરી સુધરી રહી છે.`,
    rewards: (c, count, n) => (count === 1 ? `આ હાફ ટર્મમાં ${c} ને એક ઇનામ મળ્યું.` : `આ હાફ ટર્મમાં ${c} ને ${n} ઇનામ મળ્યાં.`),
    clubs: (c, count, n) => (count === 1 ? `${c} એ એક ક્લબમાં ભાગ લીધો.` : `${c} એ ${n} ક્લબમાં ભાગ લીધો.`),
    learning: (c, subjects) => `${subjects}માં ${c} ની પ્રગતિ સારી છે.`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: ${p.child} ની મીટિંગનો સમય પસંદ કરો: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}, 0 બીજો સમય.`,
    'booking.confirmed': (p, f) => `${p.school}: આભાર. ${p.child} વિશે તમારી મીટિંગ ${f.when(p.at)} માટે નક્કી છે. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: ${p.child} વિશેની મીટિંગ બીજા વાલીએ ${f.when(p.at)} માટે નક્કી કરી છે. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: આ પસંદગી હવે બંધ છે. ${p.child} વિશેની મીટિંગ ${f.when(p.at)} માટે નક્કી છે. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: આ પસંદગી હવે બંધ છે. ${p.child} ના શિક્ષક જલ્દી નવા સમય મોકલશે.`,
    'booking.invalidChoice': (p) => `${p.school}: માફ કરશો, અમે સમજી શક્યા નહીં. કૃપા કરીને 1 થી ${p.count} સુધીનો નંબર મોકલો, અથવા બીજા સમય માટે 0.`,
    'booking.declinedAck': (p) => `${p.school}: આભાર. ${p.child} ના શિક્ષક તમને બીજા સમય મોકલશે.`,
    'booking.reminder': (p, f) => `${p.school}: યાદ અપાવીએ કે ${p.child} વિશે તમારી મીટિંગ ${f.when(p.at)} એ છે. ${change}`,
    'booking.moved': (p, f) => `${p.school}: અમારે ${p.child} વિશેની તમારી મીટિંગનો સમય બદલવો પડ્યો. નવો સમય: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: માફ કરશો, અમારે ${p.child} વિશેની તમારી મીટિંગ રદ કરવી પડી. ${p.child} ના શિક્ષક તમારો સંપર્ક કરશે.`,
    'booking.changeAck': (p) => `${p.school}: આભાર. અમે ${p.child} ના શિક્ષકને જણાવ્યું છે, તેઓ તમને નવા સમય મોકલશે.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: ${p.child} વિશે મળવા બદલ આભાર. અમે સાથે મળીને આના પર કામ કરીશું: ${f.areas(p.areas)}. ${f.day(p.nextReview)} સુધીમાં જોઈશું કે કેવું ચાલે છે. તમે ગમે ત્યારે જવાબ આપી શકો છો.`,
            `${p.school}: મળવા બદલ આભાર. ${p.child} માટેનાં લક્ષ્યો: ${f.areas(p.areas)}. ${f.day(p.nextReview)} સુધીમાં સમીક્ષા કરીશું.`,
          ]
        : `${p.school}: ${p.child} વિશે મળવા બદલ આભાર. ${f.day(p.nextReview)} સુધીમાં જોઈશું કે કેવું ચાલે છે. તમે ગમે ત્યારે જવાબ આપી શકો છો.`,
    'progress.update': (p, f) =>
      (['ઘરે કેવું ચાલે છે? બસ જવાબ આપો.', 'ઘરે કેવું છે? જવાબ આપો.'] as const).map((ask) =>
        [
          `${p.school}: ${p.child} વિશે સમાચાર.`,
          ...f.goodNews(p.goodNews ?? [], p.child),
          p.achieved.length > 0 ? `લક્ષ્ય પૂરું થયું: ${f.areas(p.achieved)}.` : '',
          p.workingOn.length > 0 ? `કામ ચાલુ છે: ${f.areas(p.workingOn)}.` : '',
          ask,
        ]
          .filter(Boolean)
          .join(' '),
      ) as [string, string],
    'reply.actioned': (p) => `${p.school}: ${p.child} વિશેના તમારા સંદેશ બદલ આભાર. અમે આ કર્યું: ${p.action}`,
    'teacher.message': (p) => `${p.school}, ${p.child} ના શિક્ષક તરફથી: ${p.text}`,
    'school.message': (p) => `${p.school}, તમારા સંદેશનો જવાબ: ${p.text}`,
    'reply.received': (p) => `${p.school}: આભાર. અમે તમારો સંદેશ ${p.child} ના શિક્ષક સુધી પહોંચાડ્યો છે.`,
    'confidence.check': (p) => `${p.school}: શાળા ${p.child} ની જરૂરિયાતો સમજે છે એવો તમને કેટલો વિશ્વાસ છે? ${scale}`,
    'confidence.thanks': (p) => `${p.school}: તમારા જવાબ બદલ આભાર.`,
    'which.child': (p, f) => `${p.school}: આ સંદેશ કયા બાળક વિશે છે? જવાબ આપો: ${f.list(p.children.map((c, i) => `${i + 1} ${c}`))}.`,
    'which.school': (p, f) => `આ સંદેશ કઈ શાળા વિશે છે? જવાબ આપો: ${f.list(p.schools.map((s, i) => `${i + 1} ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: આભાર. તમને બાળકની પ્રગતિના સમાચાર ${every(p.weeks)} મળશે${p.own ? '' : ' (શાળાનો સામાન્ય ક્રમ)'}.`,
    'updates.current': (p) =>
      `${p.school}: તમને બાળકની પ્રગતિના સમાચાર ${every(p.weeks)} મળે છે${p.own ? '' : ' (શાળાનો સામાન્ય ક્રમ)'}. બદલવા માટે UPDATES અને ${p.min} થી ${p.max} સુધીનો નંબર મોકલો${p.own ? ', અથવા શાળાના ક્રમ માટે UPDATES DEFAULT' : ''}.`,
    'updates.invalid': (p) =>
      `${p.school}: માફ કરશો, અમે ${p.min} થી ${p.max} શાળા સપ્તાહે એક વાર સમાચાર મોકલી શકીએ છીએ. કૃપા કરીને UPDATES અને ${p.min} થી ${p.max} સુધીનો નંબર મોકલો, જેમ કે UPDATES 2.`,
    help: (p) =>
      `${p.school} તમારા બાળકના અભ્યાસ વિશે સંદેશા મોકલે છે. ${p.phone ? `શાળાનો ફોન: ${p.phone}.` : 'સંપર્ક: શાળાની ઑફિસ.'} સમાચાર કેટલી વાર મળે તે પસંદ કરવા UPDATES મોકલો. સંદેશા બંધ કરવા STOP મોકલો.`,
    'stop.confirmed': (p) => `${p.school}: તમને અમારા તરફથી હવે સંદેશા નહીં મળે. ફરી મેળવવા START મોકલો.`,
    'start.confirmed': (p) => `${p.school}: ફરી સ્વાગત છે. તમને ફરીથી અમારા સંદેશા મળશે. બંધ કરવા STOP મોકલો.`,
    'unknown.number': () => 'તમારા સંદેશ બદલ આભાર. આ નંબર એક શાળા તરફથી સંદેશા મોકલે છે અને તમારો નંબર ઓળખતો નથી. કૃપા કરીને સીધો શાળાનો સંપર્ક કરો.',
    'page.link': (p) => `${p.school}: ${p.child} માટે જે નક્કી થયું તે જુઓ અને તમારો અભિપ્રાય મોકલો: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: ${p.child} વિશે તમારી મીટિંગ ${f.when(p.at)} એ છે. તમે શેના વિશે વાત કરવા માંગો છો? અહીં જણાવો ${p.link} અથવા આ સંદેશનો જવાબ આપો.`,
      `${p.school}: ${p.child} ની મીટિંગ ${f.when(p.at)} એ છે. તમે શું વાત કરવા માંગો છો? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: ${p.child} માટે નક્કી કરેલી યોજના, ઘરે તમે શું કરી શકો તે સાથે, અહીં છે: ${p.link}`,
    'page.code': (p) => `${p.school}: તમારો કોડ ${p.code} છે. તે 10 મિનિટ ચાલશે. તે કોઈને ન જણાવશો.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `આભાર. તમારા જવાબો ${p.school} ને ${p.child} માટે વધુ સારું કરવામાં મદદ કરે છે.`,
    'channel.call': (p) => `હવેથી ${p.school} તમને સંદેશાને બદલે ફોન કરશે. ફરી સંદેશા માટે TEXT મોકલો.`,
    'channel.text': (p) => `હવેથી ${p.school} તમને સંદેશા મોકલશે.`,
    'call.intro': (p) => `હેલો. આ ${p.school} તરફથી ${p.child} વિશે સંદેશ છે.`,
    'call.repeat': (p, f) => `આ સંદેશ ફરી સાંભળવા ${f.key(p.key)} દબાવો.`,
    'call.leaveMessage': (p, f) => `${p.child} ના શિક્ષક માટે સંદેશ મૂકવા ${f.key(p.key)} દબાવો.`,
    'call.record': () => 'બીપ પછી બોલો. તમારી પાસે બે મિનિટ છે. પૂરું થાય ત્યારે હેશ બટન દબાવો.',
    'call.recorded': (p) => `આભાર. અમે તમારો સંદેશ ${p.child} ના શિક્ષક સુધી પહોંચાડ્યો છે.`,
    'call.stop': (p, f) => `શાળાના ફોન અને સંદેશા બંધ કરવા ${f.key(p.key)} દબાવો.`,
    'call.stopped': (p) => `તમને ${p.school} તરફથી હવે ફોન કે સંદેશા નહીં મળે. આવજો.`,
    'call.option': (p, f) => `${f.spokenWhen(p.at)} માટે ${f.key(p.key)} દબાવો.`,
    'call.otherTime': (p, f) => `જો આમાંથી કોઈ સમય અનુકૂળ ન હોય, તો ${f.key(p.key)} દબાવો.`,
    'call.confidence': (p) => `શાળા ${p.child} ની જરૂરિયાતો સમજે છે એવો તમને કેટલો વિશ્વાસ છે? 1 થી 5 સુધીનો નંબર દબાવો: 1 એટલે બિલકુલ નહીં, 5 એટલે ખૂબ જ.`,
    'call.invalidKey': () => 'માફ કરશો, આ બટન વિકલ્પોમાં નથી.',
    'call.goodbye': () => 'આભાર. આવજો.',
    'call.voicemail': (p, f) =>
      p.phone ? `હેલો, આ ${p.school} છે. કૃપા કરીને અમને ${f.phone(p.phone)} પર પાછો ફોન કરો.` : `હેલો, આ ${p.school} છે. કૃપા કરીને શાળાની ઑફિસને ફોન કરો.`,
  },
};
