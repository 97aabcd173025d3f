import type { LanguagePack } from './types';

// Urdu is written right to left; keywords the parent may type back (CHANGE, STOP, START) stay in
// Latin letters, as Twilio and UK phones expect them, and the Urdu words are accepted too.
const change = 'تبدیل کرنے کے لیے CHANGE لکھ کر جواب دیں۔';
const every = (weeks: number) => (weeks === 1 ? 'ہر اسکولی ہفتے' : `ہر ${weeks} اسکولی ہفتوں بعد`);

export const ur: LanguagePack = {
  language: 'UR',
  locale: 'ur',
  areaWords: {
    ENGLISH: 'پڑھنا اور لکھنا',
    MATHS: 'ریاضی',
    ATTENDANCE: 'روزانہ اسکول آنا',
    BEHAVIOUR: 'کلاس میں اچھا رویہ',
    BULLYING: 'اسکول میں محفوظ محسوس کرنا',
    RELATIONSHIPS: 'دوستیاں',
    PARTICIPATION: 'کلب اور سرگرمیاں',
    OTHER: 'دیگر اہداف',
  },
  texts: {
    'booking.offer': (p, f) =>
      `${p.school}: براہ کرم ${p.child} کے استاد سے ملاقات کا وقت چنیں۔ جواب میں نمبر بھیجیں: ${f.list(p.slots.map((s, i) => `${i + 1} - ${f.when(s)}`))}، یا کسی اور وقت کے لیے 0۔`,
    'booking.confirmed': (p, f) => `${p.school}: شکریہ۔ ${p.child} کے بارے میں آپ کی ملاقات ${f.when(p.at)} کو طے ہو گئی ہے۔ ${change}`,
    'booking.takenByOther': (p, f) =>
      `${p.school}: ${p.child} کے بارے میں ملاقات دوسرے والدین یا سرپرست نے ${f.when(p.at)} کو طے کر دی ہے۔ ${change}`,
    'booking.alreadyBooked': (p, f) =>
      `${p.school}: یہ انتخاب اب دستیاب نہیں۔ ${p.child} کے بارے میں ملاقات ${f.when(p.at)} کو طے ہے۔ ${change}`,
    'booking.offerClosed': (p) => `${p.school}: یہ انتخاب اب دستیاب نہیں۔ ${p.child} کے استاد جلد نئے اوقات بھیجیں گے۔`,
    'booking.invalidChoice': (p) =>
      `${p.school}: معاف کیجیے، ہم سمجھ نہیں سکے۔ براہ کرم 1 سے ${p.count} تک کوئی نمبر بھیجیں، یا کسی اور وقت کے لیے 0۔`,
    'booking.declinedAck': (p) => `${p.school}: شکریہ۔ ${p.child} کے استاد آپ کو دوسرے اوقات بھیجیں گے۔`,
    'booking.reminder': (p, f) => `${p.school}: یاد دہانی: ${p.child} کے بارے میں آپ کی ملاقات ${f.when(p.at)} کو ہے۔ ${change}`,
    'booking.moved': (p, f) => `${p.school}: ہمیں ${p.child} کے بارے میں آپ کی ملاقات کا وقت بدلنا پڑا۔ نیا وقت: ${f.when(p.at)}۔ ${change}`,
    'booking.cancelled': (p) => `${p.school}: معذرت، ہمیں ${p.child} کے بارے میں آپ کی ملاقات منسوخ کرنی پڑی۔ ${p.child} کے استاد آپ سے رابطہ کریں گے۔`,
    'booking.changeAck': (p) => `${p.school}: شکریہ۔ ہم نے ${p.child} کے استاد کو بتا دیا ہے، وہ آپ کو نئے اوقات بھیجیں گے۔`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? `${p.school}: ${p.child} کے بارے میں ملاقات کا شکریہ۔ ہم نے مل کر طے کیا کہ ان پر کام کریں گے: ${f.areas(p.areas)}۔ ہم ${f.day(p.nextReview)} تک دیکھیں گے کہ کام کیسا چل رہا ہے۔ آپ کسی بھی وقت جواب دے سکتے ہیں۔`
        : `${p.school}: ${p.child} کے بارے میں ملاقات کا شکریہ۔ ہم ${f.day(p.nextReview)} تک دیکھیں گے کہ کام کیسا چل رہا ہے۔ آپ کسی بھی وقت جواب دے سکتے ہیں۔`,
    'progress.update': (p, f) =>
      [
        `${p.school}: ${p.child} کے بارے میں خبر۔`,
        p.achieved.length > 0 ? `یہ ہدف حاصل ہو گیا: ${f.areas(p.achieved)}۔` : '',
        p.workingOn.length > 0 ? `ان پر کام جاری ہے: ${f.areas(p.workingOn)}۔` : '',
        'گھر پر کیسا چل رہا ہے؟ بس جواب دیں۔',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: ${p.child} کے بارے میں آپ کے پیغام کا شکریہ۔ ہم نے یہ کیا: ${p.action}`,
    'teacher.message': (p) => `${p.school}، ${p.child} کے استاد کی طرف سے: ${p.text}`,
    'school.message': (p) => `${p.school}، آپ کے پیغام کا جواب: ${p.text}`,
    'reply.received': (p) => `${p.school}: شکریہ۔ ہم نے آپ کا پیغام ${p.child} کے استاد تک پہنچا دیا ہے۔`,
    'confidence.check': (p) =>
      `${p.school}: آپ کو کتنا یقین ہے کہ اسکول ${p.child} کی ضروریات سمجھتا ہے؟ 1 (بالکل نہیں) سے 5 (بہت زیادہ) تک جواب دیں۔`,
    'confidence.thanks': (p) => `${p.school}: آپ کے جواب کا شکریہ۔`,
    'which.child': (p, f) => `${p.school}: یہ پیغام کس بچے کے بارے میں ہے؟ جواب دیں: ${f.list(p.children.map((c, i) => `${i + 1} - ${c}`))}۔`,
    'which.school': (p, f) => `یہ پیغام کس اسکول کے بارے میں ہے؟ جواب دیں: ${f.list(p.schools.map((s, i) => `${i + 1} ${s}`))}۔`,
    'updates.changed': (p) => `${p.school}: شکریہ۔ آپ کو بچے کی پیش رفت کی خبر ${every(p.weeks)} ملے گی${p.own ? '' : ' (اسکول کا معمول)'}۔`,
    'updates.current': (p) =>
      `${p.school}: آپ کو بچے کی پیش رفت کی خبر ${every(p.weeks)} ملتی ہے${p.own ? '' : ' (اسکول کا معمول)'}۔ تبدیل کرنے کے لیے UPDATES اور ${p.min} سے ${p.max} تک کوئی نمبر لکھ کر جواب دیں${p.own ? '، یا اسکول کے معمول کے لیے UPDATES DEFAULT' : ''}۔`,
    'updates.invalid': (p) =>
      `${p.school}: معاف کیجیے، ہم ${p.min} سے ${p.max} اسکولی ہفتوں میں ایک بار خبر بھیج سکتے ہیں۔ براہ کرم UPDATES اور ${p.min} سے ${p.max} تک کوئی نمبر بھیجیں، مثلاً UPDATES 2۔`,
    help: (p) =>
      `${p.school} آپ کو آپ کے بچے کی تعلیم کے بارے میں پیغامات بھیجتا ہے۔ ${p.phone ? `اسکول سے بات کرنے کے لیے ${p.phone} پر کال کریں۔` : 'اسکول سے بات کرنے کے لیے اسکول آفس سے رابطہ کریں۔'} خبر کتنی بار ملے، یہ چننے کے لیے UPDATES لکھ کر جواب دیں۔ پیغامات بند کرنے کے لیے STOP لکھ کر جواب دیں۔`,
    'stop.confirmed': (p) => `${p.school}: آپ کو ہم سے مزید پیغامات نہیں ملیں گے۔ دوبارہ حاصل کرنے کے لیے START لکھ کر جواب دیں۔`,
    'start.confirmed': (p) => `${p.school}: خوش آمدید۔ آپ کو ہم سے دوبارہ پیغامات ملیں گے۔ بند کرنے کے لیے STOP لکھ کر جواب دیں۔`,
    'unknown.number': () =>
      'آپ کے پیغام کا شکریہ۔ یہ نمبر ایک اسکول کی طرف سے پیغامات بھیجتا ہے اور آپ کا نمبر نہیں پہچانتا۔ براہ کرم اسکول سے براہ راست رابطہ کریں۔',
  },
};
