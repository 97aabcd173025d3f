import { fmt, localTime, timeOfDay } from './format';
import type { LanguagePack } from './types';

// Urdu is written right to left (catalogue/index.ts starts each text with a right-to-left mark).
// Keywords the parent may type back (CHANGE, UPDATES, STOP, START) stay in Latin letters, as UK
// phones and Twilio expect them; the Urdu words are understood too (sms/keywords.ts). The verbs
// agree with a noun, never with the child ("کی حاضری رہی"), so a text reads right for a son or a daughter.
const change = 'تبدیلی کے لیے CHANGE لکھ کر بھیجیں۔';
const every = (weeks: number) => (weeks === 1 ? 'ہر اسکولی ہفتے' : `ہر ${weeks} اسکولی ہفتوں بعد`);

const SURVEY = {
  listened: (c: string) => `${c} کے بارے میں ہم آپ کی بات کتنی سنتے ہیں؟`,
  informed: (c: string) => `${c} کی پڑھائی کے بارے میں ہم آپ کو کتنا باخبر رکھتے ہیں؟`,
  expectations: (c: string) => `کیا آپ کو لگتا ہے کہ ہم ${c} سے اچھی امیدیں رکھتے ہیں؟`,
  engage: (c: string) => `${c} کی پڑھائی میں مدد کے لیے آپ خود کو کتنا تیار محسوس کرتے ہیں؟`,
  trust: (c: string) => `آپ کو کتنا بھروسا ہے کہ ہم ${c} کا اچھا ساتھ دیتے ہیں؟`,
};

export const ur: LanguagePack = {
  language: 'ur',
  locale: 'ur',
  dates: {
    when: (dt) => `${fmt(dt, 'cccc d LLLL')} ${localTime(dt)}`,
    day: (dt) => fmt(dt, 'cccc d LLLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')}، ${timeOfDay(dt)}`,
  },
  areaWords: {
    ENGLISH: 'پڑھنا لکھنا',
    MATHS: 'ریاضی',
    ATTENDANCE: 'روزانہ اسکول آنا',
    BEHAVIOUR: 'کلاس میں اچھا رویہ',
    BULLYING: 'اسکول میں حفاظت',
    RELATIONSHIPS: 'دوستیاں',
    PARTICIPATION: 'کلبوں میں حصہ',
    OTHER: 'دیگر اہداف',
  },
  subjectWords: { reading: 'پڑھنے', writing: 'لکھنے', maths: 'ریاضی' },
  separator: '، ',
  fullStop: '۔',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGE', updates: 'UPDATES', default: 'DEFAULT', text: 'TEXT' },
  keys: { hash: 'ہیش کا بٹن', star: 'اسٹار کا بٹن' },
  goodNews: {
    everyDay: (c) => `اس ہاف ٹرم ${c} کی حاضری ہر روز رہی۔`,
    better: (c) => `${c} کی حاضری بہتر ہو رہی ہے۔`,
    rewards: (c, count, n) => (count === 1 ? `اس ہاف ٹرم ${c} کو ایک انعام ملا۔` : `اس ہاف ٹرم ${c} کو ${n} انعامات ملے۔`),
    clubs: (c, count, n) => (count === 1 ? `${c} نے ایک کلب میں حصہ لیا۔` : `${c} نے ${n} کلبوں میں حصہ لیا۔`),
    learning: (c, subjects) => `${subjects} میں ${c} کی ترقی اچھی ہے۔`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: ${p.child} کی ملاقات کا وقت چنیں: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}، 0 دوسرا وقت۔`,
    'booking.confirmed': (p, f) => `${p.school}: شکریہ۔ ${p.child} کے بارے میں آپ کی ملاقات ${f.when(p.at)} کو طے ہے۔ ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: ${p.child} کے بارے میں ملاقات دوسرے والدین یا سرپرست نے ${f.when(p.at)} کو طے کر دی ہے۔ ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: یہ انتخاب اب بند ہے۔ ${p.child} کے بارے میں ملاقات ${f.when(p.at)} کو طے ہے۔ ${change}`,
    'booking.offerClosed': (p) => `${p.school}: یہ انتخاب اب بند ہے۔ ${p.child} کے استاد جلد نئے اوقات بھیجیں گے۔`,
    'booking.invalidChoice': (p) => `${p.school}: معاف کیجیے، ہم سمجھ نہیں سکے۔ براہ کرم 1 سے ${p.count} تک کوئی نمبر بھیجیں، یا کسی اور وقت کے لیے 0۔`,
    'booking.declinedAck': (p) => `${p.school}: شکریہ۔ ${p.child} کے استاد آپ کو دوسرے اوقات بھیجیں گے۔`,
    'booking.reminder': (p, f) => `${p.school}: یاد دہانی: ${p.child} کے بارے میں آپ کی ملاقات ${f.when(p.at)} کو ہے۔ ${change}`,
    'booking.moved': (p, f) => `${p.school}: ہمیں ${p.child} کے بارے میں آپ کی ملاقات کا وقت بدلنا پڑا۔ نیا وقت: ${f.when(p.at)}۔ ${change}`,
    'booking.cancelled': (p) => `${p.school}: معذرت، ہمیں ${p.child} کے بارے میں آپ کی ملاقات منسوخ کرنی پڑی۔ ${p.child} کے استاد آپ سے رابطہ کریں گے۔`,
    'booking.changeAck': (p) => `${p.school}: شکریہ۔ ہم نے ${p.child} کے استاد کو بتا دیا ہے، وہ آپ کو نئے اوقات بھیجیں گے۔`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: ${p.child} کے بارے میں ملاقات کا شکریہ۔ ہم نے مل کر طے کیا کہ ان پر کام کریں گے: ${f.areas(p.areas)}۔ ${f.day(p.nextReview)} تک ہم دیکھیں گے کہ کام کیسا چل رہا ہے۔ آپ کسی بھی وقت جواب دے سکتے ہیں۔`,
            `${p.school}: ملاقات کا شکریہ۔ ${p.child} کے لیے طے شدہ اہداف: ${f.areas(p.areas)}۔ ${f.day(p.nextReview)} تک جائزہ لیں گے۔`,
          ]
        : `${p.school}: ${p.child} کے بارے میں ملاقات کا شکریہ۔ ${f.day(p.nextReview)} تک ہم دیکھیں گے کہ کام کیسا چل رہا ہے۔ آپ کسی بھی وقت جواب دے سکتے ہیں۔`,
    'progress.update': (p, f) =>
      [
        `${p.school}: ${p.child} کی خبر۔`,
        ...f.goodNews(p.goodNews ?? [], p.child),
        p.achieved.length > 0 ? `ہدف حاصل ہوا: ${f.areas(p.achieved)}۔` : '',
        p.workingOn.length > 0 ? `کام جاری ہے: ${f.areas(p.workingOn)}۔` : '',
        'گھر پر کیسا چل رہا ہے؟ بس جواب دیں۔',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: ${p.child} کے بارے میں آپ کے پیغام کا شکریہ۔ ہم نے یہ کیا: ${p.action}`,
    'teacher.message': (p) => `${p.school}، ${p.child} کے استاد کی طرف سے: ${p.text}`,
    'school.message': (p) => `${p.school}، آپ کے پیغام کا جواب: ${p.text}`,
    'reply.received': (p) => `${p.school}: شکریہ۔ ہم نے آپ کا پیغام ${p.child} کے استاد تک پہنچا دیا ہے۔`,
    'confidence.check': (p) => `${p.school}: آپ کو کتنا یقین ہے کہ اسکول ${p.child} کی ضروریات سمجھتا ہے؟ 1 (بالکل نہیں) سے 5 (بہت زیادہ) تک جواب دیں۔`,
    'confidence.thanks': (p) => `${p.school}: آپ کے جواب کا شکریہ۔`,
    'which.child': (p, f) => `${p.school}: یہ پیغام کس بچے کے بارے میں ہے؟ جواب دیں: ${f.list(p.children.map((c, i) => `${i + 1} ${c}`))}۔`,
    'which.school': (p, f) => `یہ پیغام کس اسکول کے بارے میں ہے؟ جواب دیں: ${f.list(p.schools.map((s, i) => `${i + 1} ${s}`))}۔`,
    'updates.changed': (p) => `${p.school}: شکریہ۔ آپ کو بچے کی پیش رفت کی خبر ${every(p.weeks)} ملے گی${p.own ? '' : ' (اسکول کا معمول)'}۔`,
    'updates.current': (p) =>
      `${p.school}: آپ کو بچے کی پیش رفت کی خبر ${every(p.weeks)} ملتی ہے${p.own ? '' : ' (اسکول کا معمول)'}۔ بدلنے کے لیے UPDATES اور ${p.min} سے ${p.max} تک کوئی نمبر بھیجیں${p.own ? '، یا اسکول کے معمول کے لیے UPDATES DEFAULT' : ''}۔`,
    'updates.invalid': (p) =>
      `${p.school}: معاف کیجیے، ہم ${p.min} سے ${p.max} اسکولی ہفتوں میں ایک بار خبر بھیج سکتے ہیں۔ براہ کرم UPDATES اور ${p.min} سے ${p.max} تک کوئی نمبر بھیجیں، مثلاً UPDATES 2۔`,
    help: (p) =>
      `${p.school} آپ کے بچے کی تعلیم پر پیغامات بھیجتا ہے۔ ${p.phone ? `اسکول کا فون: ${p.phone}۔` : 'رابطہ: اسکول آفس۔'} خبر کتنی بار ملے، یہ چننے کے لیے UPDATES بھیجیں۔ پیغامات بند کرنے کے لیے STOP بھیجیں۔`,
    'stop.confirmed': (p) => `${p.school}: آپ کو ہم سے مزید پیغامات نہیں ملیں گے۔ دوبارہ پانے کے لیے START بھیجیں۔`,
    'start.confirmed': (p) => `${p.school}: خوش آمدید۔ آپ کو ہم سے دوبارہ پیغامات ملیں گے۔ بند کرنے کے لیے STOP بھیجیں۔`,
    'unknown.number': () => 'آپ کے پیغام کا شکریہ۔ یہ نمبر ایک اسکول کی طرف سے پیغامات بھیجتا ہے اور آپ کا نمبر نہیں پہچانتا۔ براہ کرم اسکول سے براہ راست رابطہ کریں۔',
    'page.link': (p) => `${p.school}: ${p.child} کے لیے جو طے ہوا وہ دیکھیں اور اپنی رائے بھیجیں: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: ${p.child} کے بارے میں آپ کی ملاقات ${f.when(p.at)} کو ہے۔ آپ کس بارے میں بات کرنا چاہیں گے؟ یہاں بتائیں ${p.link} یا اس پیغام کا جواب دیں۔`,
      `${p.school}: ${p.child} کی ملاقات ${f.when(p.at)} کو ہے۔ آپ کیا بات کرنا چاہیں گے؟ ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: ${p.child} کا طے شدہ منصوبہ، اور گھر پر آپ کیا کر سکتے ہیں، یہاں ہے: ${p.link}`,
    'page.code': (p) => `${p.school}: آپ کا کوڈ ${p.code} ہے۔ یہ 10 منٹ تک چلے گا۔ یہ کسی کو نہ بتائیں۔`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} 1 (بالکل نہیں) سے 5 (بہت زیادہ) تک جواب دیں۔`,
    'survey.thanks': (p) => `شکریہ۔ آپ کے جوابات سے ${p.school} کو ${p.child} کے لیے بہتر کام کرنے میں مدد ملتی ہے۔`,
    'channel.call': (p) => `اب سے ${p.school} آپ کو پیغام کے بجائے فون کرے گا۔ دوبارہ پیغامات کے لیے TEXT بھیجیں۔`,
    'channel.text': (p) => `اب سے ${p.school} آپ کو پیغام بھیجے گا۔`,
    'call.intro': (p) => `ہیلو۔ یہ ${p.school} کی طرف سے ${p.child} کے بارے میں پیغام ہے۔`,
    'call.repeat': (p, f) => `یہ پیغام دوبارہ سننے کے لیے ${f.key(p.key)} دبائیں۔`,
    'call.leaveMessage': (p, f) => `${p.child} کے استاد کے لیے پیغام چھوڑنے کے لیے ${f.key(p.key)} دبائیں۔`,
    'call.record': () => 'بیپ کے بعد بات کریں۔ آپ کے پاس دو منٹ ہیں۔ بات ختم ہونے پر ہیش کا بٹن دبائیں۔',
    'call.recorded': (p) => `شکریہ۔ ہم نے آپ کا پیغام ${p.child} کے استاد تک پہنچا دیا ہے۔`,
    'call.stop': (p, f) => `اسکول کی کالیں اور پیغامات بند کرنے کے لیے ${f.key(p.key)} دبائیں۔`,
    'call.stopped': (p) => `آپ کو ${p.school} کی طرف سے مزید کالیں یا پیغامات نہیں ملیں گے۔ خدا حافظ۔`,
    'call.option': (p, f) => `${f.spokenWhen(p.at)} کے لیے ${f.key(p.key)} دبائیں۔`,
    'call.otherTime': (p, f) => `اگر ان میں سے کوئی وقت مناسب نہیں تو ${f.key(p.key)} دبائیں۔`,
    'call.confidence': (p) => `آپ کو کتنا یقین ہے کہ اسکول ${p.child} کی ضروریات سمجھتا ہے؟ 1 سے 5 تک کوئی نمبر دبائیں: 1 یعنی بالکل نہیں، 5 یعنی بہت زیادہ۔`,
    'call.invalidKey': () => 'معاف کیجیے، یہ بٹن انتخاب میں شامل نہیں۔',
    'call.goodbye': () => 'شکریہ۔ خدا حافظ۔',
    'call.voicemail': (p, f) =>
      p.phone ? `ہیلو، یہ ${p.school} ہے۔ براہ کرم ہمیں ${f.phone(p.phone)} پر واپس کال کریں۔` : `ہیلو، یہ ${p.school} ہے۔ براہ کرم اسکول آفس کو کال کریں۔`,
  },
};
