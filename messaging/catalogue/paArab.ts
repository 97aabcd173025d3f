import type { DateTime } from 'luxon';
import { fmt, localTime } from './format';
import type { LanguagePack } from './types';

// Panjabi in Shahmukhi, as families from Pakistan and Azad Kashmir (Mirpuri, Pothwari) read it:
// right to left, close to Urdu, digits as Pakistan prints them (0-9, like Urdu; CLDR's default for
// pa-Arab would be Eastern Arabic-Indic). Keywords stay in Latin letters; the Panjabi words are
// understood too (sms/keywords.ts). Verbs agree with a noun, never with the child.
const change = 'بدلن لئی CHANGE لکھ کے بھیجو۔';
const every = (weeks: number) => (weeks === 1 ? 'ہر سکولی ہفتے' : `ہر ${weeks} سکولی ہفتیاں بعد`);
const scale = '1 (بالکل نہیں) توں 5 (بہت زیادہ) تک جواب دیو۔';

/** CLDR has no day-period words for pa-Arab; these are the ones a Panjabi speaker says. */
function spokenTime(dt: DateTime): string {
  const part = dt.hour < 12 ? 'سویرے' : dt.hour < 16 ? 'دوپہر' : 'شام';
  return `${part} ${fmt(dt, 'h:mm')} وجے`;
}

const SURVEY = {
  listened: (c: string) => `${c} بارے اسیں تہاڈی گل کنی سندے آں؟`,
  informed: (c: string) => `${c} دی پڑھائی بارے اسیں تہانوں کنا باخبر رکھدے آں؟`,
  expectations: (c: string) => `تہانوں کنا لگدا اے کہ اسیں ${c} توں چنگیاں امیداں رکھدے آں؟`,
  engage: (c: string) => `${c} دی پڑھائی وچ مدد لئی تسیں اپنے آپ نوں کنا تیار سمجھدے او؟`,
  trust: (c: string) => `تہانوں کنا بھروسا اے کہ اسیں ${c} دا چنگا ساتھ دیندے آں؟`,
};

export const paArab: LanguagePack = {
  language: 'pa-Arab',
  locale: 'pa-Arab-u-nu-latn',
  dates: {
    when: (dt) => `${fmt(dt, 'cccc d LLLL')} ${localTime(dt)}`,
    day: (dt) => fmt(dt, 'cccc d LLLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')}، ${spokenTime(dt)}`,
  },
  areaWords: {
    ENGLISH: 'پڑھنا لکھنا',
    MATHS: 'حساب',
    ATTENDANCE: 'ہر روز سکول آنا',
    BEHAVIOUR: 'کلاس وچ چنگا رویہ',
    BULLYING: 'سکول وچ حفاظت',
    RELATIONSHIPS: 'دوستیاں',
    PARTICIPATION: 'کلباں وچ حصہ',
    OTHER: 'ہور مقصد',
  },
  subjectWords: { reading: 'پڑھن', writing: 'لکھن', maths: 'حساب' },
  join: (words) => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join('، ')} تے ${words[words.length - 1]}`),
  separator: '، ',
  fullStop: '۔',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGE', updates: 'UPDATES', default: 'DEFAULT', text: 'TEXT' },
  keys: { hash: 'ہیش والا بٹن', star: 'سٹار والا بٹن' },
  goodNews: {
    everyDay: (c) => `ایس ہاف ٹرم ${c} دی حاضری ہر روز رہی۔`,
    better: (c) => `${c} دی حاضری بہتر ہو رہی اے۔`,
    rewards: (c, count, n) => (count === 1 ? `ایس ہاف ٹرم ${c} نوں اک انعام ملیا۔` : `ایس ہاف ٹرم ${c} نوں ${n} انعام ملے۔`),
    clubs: (c, count, n) => (count === 1 ? `${c} نے اک کلب وچ حصہ لیا۔` : `${c} نے ${n} کلباں وچ حصہ لیا۔`),
    learning: (c, subjects) => `${subjects} وچ ${c} دی ترقی چنگی اے۔`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: ${p.child} دی ملاقات دا ویلا چنو: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}، 0 ہور ویلا۔`,
    'booking.confirmed': (p, f) => `${p.school}: شکریہ۔ ${p.child} بارے تہاڈی ملاقات ${f.when(p.at)} نوں طے اے۔ ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: ${p.child} بارے ملاقات دوجے ماپے یا سرپرست نے ${f.when(p.at)} نوں طے کر دتی اے۔ ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: ایہہ چون ہن بند اے۔ ${p.child} بارے ملاقات ${f.when(p.at)} نوں طے اے۔ ${change}`,
    'booking.offerClosed': (p) => `${p.school}: ایہہ چون ہن بند اے۔ ${p.child} دے استاد چھیتی نویں ویلے بھیجن گے۔`,
    'booking.invalidChoice': (p) => `${p.school}: معاف کرنا، سانوں سمجھ نہیں آئی۔ مہربانی کر کے 1 توں ${p.count} تک کوئی نمبر بھیجو، یا کسے ہور ویلے لئی 0۔`,
    'booking.declinedAck': (p) => `${p.school}: شکریہ۔ ${p.child} دے استاد تہانوں ہور ویلے بھیجن گے۔`,
    'booking.reminder': (p, f) => `${p.school}: یاد رہوے، ${p.child} بارے تہاڈی ملاقات ${f.when(p.at)} نوں اے۔ ${change}`,
    'booking.moved': (p, f) => `${p.school}: سانوں ${p.child} بارے تہاڈی ملاقات دا ویلا بدلنا پیا۔ نواں ویلا: ${f.when(p.at)}۔ ${change}`,
    'booking.cancelled': (p) => `${p.school}: معاف کرنا، سانوں ${p.child} بارے تہاڈی ملاقات منسوخ کرنی پئی۔ ${p.child} دے استاد تہاڈے نال رابطہ کرن گے۔`,
    'booking.changeAck': (p) => `${p.school}: شکریہ۔ اسیں ${p.child} دے استاد نوں دس دتا اے، اوہ تہانوں نویں ویلے بھیجن گے۔`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: ${p.child} بارے ملاقات لئی شکریہ۔ اسیں رل کے ایہناں تے کم کراں گے: ${f.areas(p.areas)}۔ ${f.day(p.nextReview)} تک اسیں ویکھاں گے کہ کم کیویں چل رہیا اے۔ تسیں کدے وی جواب دے سکدے او۔`,
            `${p.school}: ملاقات لئی شکریہ۔ ${p.child} لئی رل کے طے کیتے مقصد: ${f.areas(p.areas)}۔ ${f.day(p.nextReview)} تک جائزہ لواں گے۔`,
          ]
        : `${p.school}: ${p.child} بارے ملاقات لئی شکریہ۔ ${f.day(p.nextReview)} تک اسیں ویکھاں گے کہ کم کیویں چل رہیا اے۔ تسیں کدے وی جواب دے سکدے او۔`,
    'progress.update': (p, f) =>
      [
        `${p.school}: ${p.child} دی خبر۔`,
        ...f.goodNews(p.goodNews ?? [], p.child),
        p.achieved.length > 0 ? `مقصد پورا ہویا: ${f.areas(p.achieved)}۔` : '',
        p.workingOn.length > 0 ? `کم جاری اے: ${f.areas(p.workingOn)}۔` : '',
        'گھر وچ کیویں چل رہیا اے؟ بس جواب دیو۔',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: ${p.child} بارے تہاڈے سنیہے لئی شکریہ۔ اسیں ایہہ کیتا: ${p.action}`,
    'teacher.message': (p) => `${p.school}، ${p.child} دے استاد ولوں: ${p.text}`,
    'school.message': (p) => `${p.school}، تہاڈے سنیہے دا جواب: ${p.text}`,
    'reply.received': (p) => `${p.school}: شکریہ۔ اسیں تہاڈا سنیہا ${p.child} دے استاد تک پہنچا دتا اے۔`,
    'confidence.check': (p) => `${p.school}: تہانوں کنا یقین اے کہ سکول ${p.child} دیاں لوڑاں سمجھدا اے؟ ${scale}`,
    'confidence.thanks': (p) => `${p.school}: تہاڈے جواب لئی شکریہ۔`,
    'which.child': (p, f) => `${p.school}: ایہہ سنیہا کیہڑے بچے بارے اے؟ جواب دیو: ${f.list(p.children.map((c, i) => `${i + 1} ${c}`))}۔`,
    'which.school': (p, f) => `ایہہ سنیہا کیہڑے سکول بارے اے؟ جواب دیو: ${f.list(p.schools.map((s, i) => `${i + 1} ${s}`))}۔`,
    'updates.changed': (p) => `${p.school}: شکریہ۔ تہانوں بچے دی ترقی دی خبر ${every(p.weeks)} ملے گی${p.own ? '' : ' (سکول دا عام طریقہ)'}۔`,
    'updates.current': (p) =>
      `${p.school}: تہانوں بچے دی ترقی دی خبر ${every(p.weeks)} ملدی اے${p.own ? '' : ' (سکول دا عام طریقہ)'}۔ بدلن لئی UPDATES تے ${p.min} توں ${p.max} تک کوئی نمبر بھیجو${p.own ? '، یا سکول دے عام طریقے لئی UPDATES DEFAULT' : ''}۔`,
    'updates.invalid': (p) =>
      `${p.school}: معاف کرنا، اسیں ${p.min} توں ${p.max} سکولی ہفتیاں وچ اک وار خبر بھیج سکدے آں۔ مہربانی کر کے UPDATES تے ${p.min} توں ${p.max} تک کوئی نمبر بھیجو، جیویں UPDATES 2۔`,
    help: (p) =>
      `${p.school} تہاڈے بچے دی پڑھائی بارے سنیہے بھیجدا اے۔ ${p.phone ? `سکول دا فون: ${p.phone}۔` : 'رابطہ: سکول دفتر۔'} خبر کنی وار ملے، ایہہ چنن لئی UPDATES بھیجو۔ سنیہے بند کرن لئی STOP بھیجو۔`,
    'stop.confirmed': (p) => `${p.school}: تہانوں ساڈے ولوں ہور سنیہے نہیں ملن گے۔ مڑ لین لئی START بھیجو۔`,
    'start.confirmed': (p) => `${p.school}: جی آیاں نوں۔ تہانوں ساڈے ولوں مڑ سنیہے ملن گے۔ بند کرن لئی STOP بھیجو۔`,
    'unknown.number': () => 'تہاڈے سنیہے لئی شکریہ۔ ایہہ نمبر اک سکول ولوں سنیہے بھیجدا اے تے تہاڈا نمبر نہیں پچھاندا۔ مہربانی کر کے سدھا سکول نال رابطہ کرو۔',
    'page.link': (p) => `${p.school}: ${p.child} لئی جو طے ہویا اوہ ویکھو تے اپنی رائے بھیجو: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: ${p.child} بارے تہاڈی ملاقات ${f.when(p.at)} نوں اے۔ تسیں کس بارے گل کرنا چاہو گے؟ ایتھے دسو ${p.link} یا ایس سنیہے دا جواب دیو۔`,
      `${p.school}: ${p.child} دی ملاقات ${f.when(p.at)} نوں اے۔ تسیں کی گل کرنا چاہو گے؟ ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: ${p.child} لئی طے کیتا منصوبہ، تے تسیں گھر وچ کی کر سکدے او، ایتھے اے: ${p.link}`,
    'page.code': (p) => `${p.school}: تہاڈا کوڈ ${p.code} اے۔ ایہہ 10 منٹ تک چلے گا۔ ایہہ کسے نوں نہ دسو۔`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `شکریہ۔ تہاڈے جواب ${p.school} نوں ${p.child} لئی ہور چنگا کم کرن وچ مدد دیندے نیں۔`,
    'channel.call': (p) => `ہن توں ${p.school} تہانوں سنیہے دی تھاں فون کرے گا۔ مڑ سنیہیاں لئی TEXT بھیجو۔`,
    'channel.text': (p) => `ہن توں ${p.school} تہانوں سنیہے بھیجے گا۔`,
    'call.intro': (p) => `ہیلو۔ ایہہ ${p.school} ولوں ${p.child} بارے سنیہا اے۔`,
    'call.repeat': (p, f) => `ایہہ سنیہا مڑ سنن لئی ${f.key(p.key)} دباؤ۔`,
    'call.leaveMessage': (p, f) => `${p.child} دے استاد لئی سنیہا چھڈن لئی ${f.key(p.key)} دباؤ۔`,
    'call.record': () => 'بیپ توں بعد بولو۔ تہاڈے کول دو منٹ نیں۔ گل مکن تے ہیش والا بٹن دباؤ۔',
    'call.recorded': (p) => `شکریہ۔ اسیں تہاڈا سنیہا ${p.child} دے استاد تک پہنچا دتا اے۔`,
    'call.stop': (p, f) => `سکول دیاں کالاں تے سنیہے بند کرن لئی ${f.key(p.key)} دباؤ۔`,
    'call.stopped': (p) => `تہانوں ${p.school} ولوں ہور کالاں یا سنیہے نہیں ملن گے۔ خدا حافظ۔`,
    'call.option': (p, f) => `${f.spokenWhen(p.at)} لئی ${f.key(p.key)} دباؤ۔`,
    'call.otherTime': (p, f) => `جے ایہناں وچوں کوئی ویلا ٹھیک نہیں تے ${f.key(p.key)} دباؤ۔`,
    'call.confidence': (p) => `تہانوں کنا یقین اے کہ سکول ${p.child} دیاں لوڑاں سمجھدا اے؟ 1 توں 5 تک کوئی نمبر دباؤ: 1 مطلب بالکل نہیں، 5 مطلب بہت زیادہ۔`,
    'call.invalidKey': () => 'معاف کرنا، ایہہ بٹن چوناں وچ نہیں۔',
    'call.goodbye': () => 'شکریہ۔ خدا حافظ۔',
    'call.voicemail': (p, f) =>
      p.phone ? `ہیلو، ایہہ ${p.school} اے۔ مہربانی کر کے سانوں ${f.phone(p.phone)} تے واپس فون کرو۔` : `ہیلو، ایہہ ${p.school} اے۔ مہربانی کر کے سکول دفتر نوں فون کرو۔`,
  },
};
