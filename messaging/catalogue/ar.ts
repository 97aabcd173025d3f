import { fmt, localTime, plural, timeOfDay } from './format';
import type { LanguagePack } from './types';

// Modern Standard Arabic, right to left. The parent is addressed in the plural (لكم، أرسلوا) and
// asked with يرجى, as official Arabic does, so no text guesses whether a mother or a father reads it;
// good news is said of a noun (حضور، حصول), never with a verb that would give the child a gender.
// Keywords stay in Latin letters; the Arabic words are understood too (sms/keywords.ts).
const change = 'للتغيير يرجى إرسال CHANGE.';
const weeksOf = (n: number) => (n === 1 ? 'كل أسبوع دراسي' : n === 2 ? 'كل أسبوعين دراسيين' : `كل ${n} أسابيع دراسية`);
const scale = 'يرجى الرد من 1 (لا إطلاقًا) إلى 5 (كثيرًا جدًا).';
/** مكافأة واحدة، مكافأتان، 3 مكافآت، 11 مكافأة: the noun follows the number. */
const counted = (n: number, one: string, two: string, few: string, many: string) => {
  const c = plural('ar', n);
  return c === 'one' ? one : c === 'two' ? two : c === 'few' ? `${n} ${few}` : `${n} ${many}`;
};

const SURVEY = {
  listened: (c: string) => `إلى أي حد تشعرون بأننا نصغي إليكم بشأن ${c}؟`,
  informed: (c: string) => `إلى أي حد نطلعكم على تعلم ${c}؟`,
  expectations: (c: string) => `إلى أي حد تشعرون بأننا نتوقع الأفضل من ${c}؟`,
  engage: (c: string) => `إلى أي حد تشعرون بأنكم قادرون على المساعدة في تعلم ${c}؟`,
  trust: (c: string) => `إلى أي حد تثقون بأننا ندعم ${c} جيدًا؟`,
};

export const ar: LanguagePack = {
  language: 'ar',
  locale: 'ar',
  dates: {
    when: (dt) => `${fmt(dt, 'cccc d LLLL')} ${localTime(dt)}`,
    day: (dt) => fmt(dt, 'cccc d LLLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')}، الساعة ${timeOfDay(dt)}`,
  },
  areaWords: {
    ENGLISH: 'القراءة والكتابة',
    MATHS: 'الرياضيات',
    ATTENDANCE: 'الحضور اليومي',
    BEHAVIOUR: 'السلوك في الصف',
    BULLYING: 'الأمان في المدرسة',
    RELATIONSHIPS: 'الصداقات',
    PARTICIPATION: 'المشاركة في الأندية',
    OTHER: 'أهداف أخرى',
  },
  subjectWords: { reading: 'القراءة', writing: 'الكتابة', maths: 'الرياضيات' },
  separator: '، ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGE', updates: 'UPDATES', default: 'DEFAULT', text: 'TEXT' },
  keys: { hash: 'مفتاح المربع', star: 'مفتاح النجمة' },
  goodNews: {
    everyDay: (c) => `كان حضور ${c} إلى المدرسة يوميًا منذ آخر عطلة.`,
    better: (c) => `حضور ${c} إلى المدرسة في تحسن.`,
    rewards: (c, n) => `حصول ${c} على ${counted(n, 'مكافأة واحدة', 'مكافأتين', 'مكافآت', 'مكافأة')} منذ آخر عطلة.`,
    clubs: (c, n) => `مشاركة ${c} في ${counted(n, 'نادٍ واحد', 'ناديين', 'أندية', 'ناديًا')}.`,
    learning: (c, subjects) => `تقدم ${c} جيد في ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: لقاء بشأن ${p.child}. اختاروا: ${f.list(p.slots.map((s, i) => `${i + 1} ${f.when(s)}`))}، 0 غير ذلك.`,
    'booking.confirmed': (p, f) => `${p.school}: شكرًا. تم حجز لقائكم بشأن ${p.child} يوم ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: حجز ولي أمر آخر اللقاء بشأن ${p.child} يوم ${f.when(p.at)}. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: هذا الخيار مغلق. اللقاء بشأن ${p.child} محجوز يوم ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: هذا الخيار مغلق. سيرسل معلم ${p.child} مواعيد جديدة قريبًا.`,
    'booking.invalidChoice': (p) => `${p.school}: عذرًا، لم نفهم الرد. يرجى إرسال رقم من 1 إلى ${p.count}، أو 0 لموعد آخر.`,
    'booking.declinedAck': (p) => `${p.school}: شكرًا. سيرسل معلم ${p.child} مواعيد أخرى.`,
    'booking.reminder': (p, f) => `${p.school}: تذكير: لقاؤكم بشأن ${p.child} يوم ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: اضطررنا إلى تغيير موعد لقائكم بشأن ${p.child}. الموعد الجديد: ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: نعتذر، اضطررنا إلى إلغاء لقائكم بشأن ${p.child}. سيتواصل معكم معلم ${p.child}.`,
    'booking.changeAck': (p) => `${p.school}: شكرًا. أبلغنا معلم ${p.child}، وسيرسل لكم مواعيد جديدة.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: شكرًا على لقائكم بشأن ${p.child}. اتفقنا معًا على العمل على ${f.areas(p.areas)}. سنراجع سير الأمور بحلول ${f.day(p.nextReview)}. يمكنكم الرد في أي وقت.`,
            `${p.school}: شكرًا على اللقاء. أهداف ${p.child}: ${f.areas(p.areas)}. المراجعة بحلول ${f.day(p.nextReview)}.`,
          ]
        : `${p.school}: شكرًا على لقائكم بشأن ${p.child}. سنراجع سير الأمور بحلول ${f.day(p.nextReview)}. يمكنكم الرد في أي وقت.`,
    'progress.update': (p, f) =>
      [
        `${p.school}: أخبار ${p.child}.`,
        ...f.goodNews(p.goodNews ?? [], p.child),
        p.achieved.length > 0 ? `تحقق الهدف في ${f.areas(p.achieved)}.` : '',
        p.workingOn.length > 0 ? `نعمل على ${f.areas(p.workingOn)}.` : '',
        'كيف تسير الأمور في البيت؟ يكفي الرد.',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: شكرًا على رسالتكم بشأن ${p.child}. ما قمنا به: ${p.action}`,
    'teacher.message': (p) => `${p.school}، من معلم ${p.child}: ${p.text}`,
    'school.message': (p) => `${p.school}، ردّ على رسالتك: ${p.text}`,
    'reply.received': (p) => `${p.school}: شكرًا. أوصلنا رسالتكم إلى معلم ${p.child}.`,
    'confidence.check': (p) => `${p.school}: إلى أي حد تثقون بأن المدرسة تفهم احتياجات ${p.child}؟ ${scale}`,
    'confidence.thanks': (p) => `${p.school}: شكرًا على ردكم.`,
    'which.child': (p, f) => `${p.school}: بشأن أي طفل هذه الرسالة؟ يرجى الرد: ${f.list(p.children.map((c, i) => `${i + 1} ${c}`))}.`,
    'which.school': (p, f) => `بشأن أي مدرسة هذه الرسالة؟ يرجى الرد: ${f.list(p.schools.map((s, i) => `${i + 1} ${s}`))}.`,
    'updates.changed': (p) => `${p.school}: شكرًا. ستصلكم أخبار تقدم طفلكم ${weeksOf(p.weeks)}${p.own ? '' : ' (المعتاد في المدرسة)'}.`,
    'updates.current': (p) =>
      `${p.school}: تصلكم أخبار تقدم طفلكم ${weeksOf(p.weeks)}${p.own ? '' : ' (المعتاد في المدرسة)'}. للتغيير يرجى إرسال UPDATES ورقم من ${p.min} إلى ${p.max}${p.own ? '، أو UPDATES DEFAULT للعودة إلى المعتاد في المدرسة' : ''}.`,
    'updates.invalid': (p) =>
      `${p.school}: عذرًا، يمكننا إرسال الأخبار كل ${p.min} إلى ${p.max} أسابيع دراسية. يرجى إرسال UPDATES ورقم من ${p.min} إلى ${p.max}، مثل UPDATES 2.`,
    help: (p) =>
      `${p.school} ترسل لكم رسائل عن تعلم طفلكم. ${p.phone ? `للتحدث مع المدرسة اتصلوا على ${p.phone}.` : 'للتحدث مع المدرسة تواصلوا مع مكتب المدرسة.'} أرسلوا UPDATES لاختيار عدد مرات وصول الأخبار. أرسلوا STOP لإيقاف الرسائل.`,
    'stop.confirmed': (p) => `${p.school}: لن تصلكم رسائل أخرى منا. أرسلوا START لتلقيها مجددًا.`,
    'start.confirmed': (p) => `${p.school}: أهلًا بعودتكم. ستصلكم رسائلنا مجددًا. أرسلوا STOP لإيقافها.`,
    'unknown.number': () => 'شكرًا على رسالتكم. هذا الرقم يرسل رسائل من مدرسة ولا يعرف رقمكم. يرجى التواصل مع المدرسة مباشرة.',
    'page.link': (p) => `${p.school}: اطلعوا على ما اتفقنا عليه بشأن ${p.child} وأرسلوا لنا آراءكم: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: لقاؤكم بشأن ${p.child} يوم ${f.when(p.at)}. عمّ تودون التحدث؟ أخبرونا هنا ${p.link} أو ردوا على هذه الرسالة.`,
      `${p.school}: لقاؤكم بشأن ${p.child} يوم ${f.when(p.at)}. عمّ تودون التحدث؟ ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: الخطة التي اتفقنا عليها بشأن ${p.child}، مع ما يمكنكم فعله في البيت، هنا: ${p.link}`,
    'page.code': (p) => `${p.school}: رمزكم هو ${p.code}. يعمل لمدة 10 دقائق. لا تشاركوه مع أحد.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} ${scale}`,
    'survey.thanks': (p) => `شكرًا. إجاباتكم تساعد ${p.school} على تقديم الأفضل بشأن ${p.child}.`,
    'channel.call': (p) => `من الآن ستتصل بكم ${p.school} بدلًا من إرسال الرسائل. أرسلوا TEXT للعودة إلى الرسائل.`,
    'channel.text': (p) => `من الآن سترسل لكم ${p.school} رسائل نصية.`,
    'call.intro': (p) => `مرحبًا. هذه رسالة من ${p.school} بشأن ${p.child}.`,
    'call.repeat': (p, f) => `لسماع هذه الرسالة مرة أخرى، اضغطوا ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `لترك رسالة لمعلم ${p.child}، اضغطوا ${f.key(p.key)}.`,
    'call.record': () => 'يرجى التحدث بعد سماع الصافرة. لديكم دقيقتان. اضغطوا مفتاح المربع عند الانتهاء.',
    'call.recorded': (p) => `شكرًا. أوصلنا رسالتكم إلى معلم ${p.child}.`,
    'call.stop': (p, f) => `لإيقاف المكالمات والرسائل من المدرسة، اضغطوا ${f.key(p.key)}.`,
    'call.stopped': (p) => `لن تصلكم مكالمات أو رسائل أخرى من ${p.school}. مع السلامة.`,
    'call.option': (p, f) => `لموعد ${f.spokenWhen(p.at)}، اضغطوا ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `إذا لم يناسبكم أي من هذه المواعيد، اضغطوا ${f.key(p.key)}.`,
    'call.confidence': (p) => `إلى أي حد تثقون بأن المدرسة تفهم احتياجات ${p.child}؟ اضغطوا رقمًا من 1، لا إطلاقًا، إلى 5، كثيرًا جدًا.`,
    'call.invalidKey': () => 'عذرًا، هذا المفتاح ليس من الخيارات.',
    'call.goodbye': () => 'شكرًا. مع السلامة.',
    'call.voicemail': (p, f) =>
      p.phone ? `مرحبًا، معكم ${p.school}. يرجى معاودة الاتصال بنا على ${f.phone(p.phone)}.` : `مرحبًا، معكم ${p.school}. يرجى الاتصال بمكتب المدرسة.`,
  },
};
