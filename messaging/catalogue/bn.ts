import { fmt, localTime, timeOfDay } from './format';
import type { LanguagePack } from './types';

// Bengali with the polite আপনি, in Bengali digits (Intl's default for bn; a reply in either set of
// digits is understood, sms/keywords.ts). Keywords stay in Latin letters; the Bengali words are
// understood too. Sylheti and Chittagonian families get these texts (messaging/languages.ts).
const change = 'বদলাতে CHANGE লিখে পাঠান।';

export const bn: LanguagePack = {
  language: 'bn',
  locale: 'bn',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${localTime(dt)}`,
    day: (dt) => fmt(dt, 'ccc d LLLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d MMMM')}, ${timeOfDay(dt)}`,
  },
  areaWords: {
    ENGLISH: 'পড়া ও লেখা',
    MATHS: 'গণিত',
    ATTENDANCE: 'প্রতিদিন স্কুলে আসা',
    BEHAVIOUR: 'ক্লাসে ভালো আচরণ',
    BULLYING: 'স্কুলে নিরাপত্তা',
    RELATIONSHIPS: 'বন্ধুত্ব',
    PARTICIPATION: 'ক্লাবে অংশগ্রহণ',
    OTHER: 'অন্যান্য লক্ষ্য',
  },
  subjectWords: { reading: 'পড়া', writing: 'লেখা', maths: 'গণিত' },
  separator: ', ',
  fullStop: '।',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGE', updates: 'UPDATES', default: 'DEFAULT', text: 'TEXT' },
  keys: { hash: 'হ্যাশ বোতাম', star: 'স্টার বোতাম' },
  goodNews: {
    everyDay: (c) => `এই হাফ টার্মে ${c} প্রতিদিন স্কুলে এসেছে।`,
    better: (c) => `${c} এখন আরও নিয়মিত স্কুলে আসছে।`,
    rewards: (c, count, n) => (count === 1 ? `এই হাফ টার্মে ${c} একটি পুরস্কার পেয়েছে।` : `এই হাফ টার্মে ${c} ${n}টি পুরস্কার পেয়েছে।`),
    clubs: (c, count, n) => (count === 1 ? `${c} একটি ক্লাবে অংশ নিয়েছে।` : `${c} ${n}টি ক্লাবে অংশ নিয়েছে।`),
    learning: (c, subjects) => `${subjects}: ${c} ভালো উন্নতি করছে।`,
  },
  texts: {
    'booking.offer': (p, f) => `${p.school}: ${p.child}-এর মিটিংয়ের সময়: ${f.list(p.slots.map((s, i) => `${f.n(i + 1)} ${f.when(s)}`))}, ${f.n(0)} অন্য সময়।`,
    'booking.confirmed': (p, f) => `${p.school}: ধন্যবাদ। ${p.child}-এর বিষয়ে আপনার মিটিং ${f.when(p.at)}-এ ঠিক হয়েছে। ${change}`,
    'booking.takenByOther': (p, f) => `${p.school}: ${p.child}-এর বিষয়ে মিটিং অন্য একজন অভিভাবক ${f.when(p.at)}-এ ঠিক করেছেন। ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: এই পছন্দটি আর খোলা নেই। ${p.child}-এর বিষয়ে মিটিং ${f.when(p.at)}-এ ঠিক আছে। ${change}`,
    'booking.offerClosed': (p) => `${p.school}: এই পছন্দটি আর খোলা নেই। ${p.child}-এর শিক্ষক শীঘ্রই নতুন সময় পাঠাবেন।`,
    'booking.invalidChoice': (p, f) => `${p.school}: দুঃখিত, আমরা বুঝতে পারিনি। অনুগ্রহ করে ${f.n(1)} থেকে ${f.n(p.count)} পর্যন্ত একটি নম্বর পাঠান, অথবা অন্য সময়ের জন্য ${f.n(0)}।`,
    'booking.declinedAck': (p) => `${p.school}: ধন্যবাদ। ${p.child}-এর শিক্ষক আপনাকে অন্য সময় পাঠাবেন।`,
    'booking.reminder': (p, f) => `${p.school}: মনে করিয়ে দিচ্ছি, ${p.child}-এর বিষয়ে আপনার মিটিং ${f.when(p.at)}-এ। ${change}`,
    'booking.moved': (p, f) => `${p.school}: ${p.child}-এর বিষয়ে আপনার মিটিংয়ের সময় আমাদের বদলাতে হয়েছে। নতুন সময়: ${f.when(p.at)}। ${change}`,
    'booking.cancelled': (p) => `${p.school}: দুঃখিত, ${p.child}-এর বিষয়ে আপনার মিটিং আমাদের বাতিল করতে হয়েছে। ${p.child}-এর শিক্ষক আপনার সাথে যোগাযোগ করবেন।`,
    'booking.changeAck': (p) => `${p.school}: ধন্যবাদ। আমরা ${p.child}-এর শিক্ষককে জানিয়েছি, তিনি আপনাকে নতুন সময় পাঠাবেন।`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? [
            `${p.school}: ${p.child}-এর বিষয়ে দেখা করার জন্য ধন্যবাদ। আমরা একসাথে এগুলো নিয়ে কাজ করব: ${f.areas(p.areas)}। ${f.day(p.nextReview)}-এর মধ্যে দেখব কেমন চলছে। যেকোনো সময় উত্তর দিতে পারেন।`,
            `${p.school}: দেখা করার জন্য ধন্যবাদ। ${p.child}-এর লক্ষ্য: ${f.areas(p.areas)}। ${f.day(p.nextReview)}-এর মধ্যে পর্যালোচনা করব।`,
          ]
        : `${p.school}: ${p.child}-এর বিষয়ে দেখা করার জন্য ধন্যবাদ। ${f.day(p.nextReview)}-এর মধ্যে দেখব কেমন চলছে। যেকোনো সময় উত্তর দিতে পারেন।`,
    'progress.update': (p, f) =>
      [
        `${p.school}: ${p.child}-এর খবর।`,
        ...f.goodNews(p.goodNews ?? [], p.child),
        p.achieved.length > 0 ? `লক্ষ্য পূরণ হয়েছে: ${f.areas(p.achieved)}।` : '',
        p.workingOn.length > 0 ? `কাজ চলছে: ${f.areas(p.workingOn)}।` : '',
        'বাড়িতে কেমন চলছে? শুধু উত্তর দিন।',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: ${p.child}-এর বিষয়ে আপনার বার্তার জন্য ধন্যবাদ। আমরা যা করেছি: ${p.action}`,
    'teacher.message': (p) => `${p.school}, ${p.child}-এর শিক্ষকের কাছ থেকে: ${p.text}`,
    'school.message': (p) => `${p.school}, আপনার বার্তার উত্তর: ${p.text}`,
    'reply.received': (p) => `${p.school}: ধন্যবাদ। আপনার বার্তা ${p.child}-এর শিক্ষকের কাছে পৌঁছে দিয়েছি।`,
    'confidence.check': (p, f) => `${p.school}: স্কুল ${p.child}-এর প্রয়োজন বোঝে, এ ব্যাপারে আপনি কতটা নিশ্চিত? ${f.n(1)} (একদম না) থেকে ${f.n(5)} (খুব বেশি) পর্যন্ত উত্তর দিন।`,
    'confidence.thanks': (p) => `${p.school}: আপনার উত্তরের জন্য ধন্যবাদ।`,
    'which.child': (p, f) => `${p.school}: এই বার্তাটি কোন সন্তানের বিষয়ে? উত্তর দিন: ${f.list(p.children.map((c, i) => `${f.n(i + 1)} ${c}`))}।`,
    'which.school': (p, f) => `এই বার্তাটি কোন স্কুলের বিষয়ে? উত্তর দিন: ${f.list(p.schools.map((s, i) => `${f.n(i + 1)} ${s}`))}।`,
    'updates.changed': (p, f) =>
      `${p.school}: ধন্যবাদ। আপনার সন্তানের অগ্রগতির খবর আপনি ${p.weeks === 1 ? 'প্রতি স্কুল সপ্তাহে' : `প্রতি ${f.n(p.weeks)} স্কুল সপ্তাহে`} পাবেন${p.own ? '' : ' (স্কুলের স্বাভাবিক নিয়ম)'}।`,
    'updates.current': (p, f) =>
      `${p.school}: আপনার সন্তানের অগ্রগতির খবর আপনি ${p.weeks === 1 ? 'প্রতি স্কুল সপ্তাহে' : `প্রতি ${f.n(p.weeks)} স্কুল সপ্তাহে`} পান${p.own ? '' : ' (স্কুলের স্বাভাবিক নিয়ম)'}। বদলাতে UPDATES এবং ${f.n(p.min)} থেকে ${f.n(p.max)} পর্যন্ত একটি নম্বর পাঠান${p.own ? ', অথবা স্কুলের নিয়মে ফিরতে UPDATES DEFAULT' : ''}।`,
    'updates.invalid': (p, f) =>
      `${p.school}: দুঃখিত, আমরা ${f.n(p.min)} থেকে ${f.n(p.max)} স্কুল সপ্তাহে একবার খবর পাঠাতে পারি। অনুগ্রহ করে UPDATES এবং ${f.n(p.min)} থেকে ${f.n(p.max)} পর্যন্ত একটি নম্বর পাঠান, যেমন UPDATES ${f.n(2)}।`,
    help: (p) =>
      `${p.school} আপনার সন্তানের পড়াশোনা নিয়ে বার্তা পাঠায়। ${p.phone ? `স্কুলের ফোন: ${p.phone}।` : 'যোগাযোগ: স্কুল অফিস।'} কত ঘন ঘন খবর পাবেন তা বেছে নিতে UPDATES পাঠান। বার্তা বন্ধ করতে STOP পাঠান।`,
    'stop.confirmed': (p) => `${p.school}: আপনি আর আমাদের কাছ থেকে বার্তা পাবেন না। আবার পেতে START পাঠান।`,
    'start.confirmed': (p) => `${p.school}: আবার স্বাগতম। আপনি আবার আমাদের বার্তা পাবেন। বন্ধ করতে STOP পাঠান।`,
    'unknown.number': () => 'আপনার বার্তার জন্য ধন্যবাদ। এই নম্বরটি একটি স্কুলের বার্তা পাঠায় এবং আপনার নম্বর চেনে না। অনুগ্রহ করে সরাসরি স্কুলের সাথে যোগাযোগ করুন।',
    'page.link': (p) => `${p.school}: ${p.child}-এর জন্য যা ঠিক হয়েছে দেখুন এবং আপনার মতামত পাঠান: ${p.link}`,
    'views.invite': (p, f) => [
      `${p.school}: ${p.child}-এর বিষয়ে আপনার মিটিং ${f.when(p.at)}-এ। আপনি কী নিয়ে কথা বলতে চান? এখানে জানান ${p.link} অথবা এই বার্তার উত্তর দিন।`,
      `${p.school}: ${p.child}-এর মিটিং ${f.when(p.at)}-এ। আপনি কী নিয়ে কথা বলতে চান? ${p.link}`,
    ],
    'plan.ready': (p) => `${p.school}: ${p.child}-এর জন্য ঠিক করা পরিকল্পনা, বাড়িতে আপনি কী করতে পারেন সহ, এখানে: ${p.link}`,
    'page.code': (p, f) => `${p.school}: আপনার কোড ${p.code}। এটি ${f.n(10)} মিনিট কাজ করবে। কাউকে এটি বলবেন না।`,
    'survey.question': (p, f) =>
      `${p.school} (${f.n(p.position)}/${f.n(p.of)}): ${
        {
          listened: `${p.child}-এর বিষয়ে আমরা আপনার কথা কতটা শুনি?`,
          informed: `${p.child}-এর পড়াশোনা নিয়ে আমরা আপনাকে কতটা জানাই?`,
          expectations: `${p.child}-এর কাছ থেকে আমরা কতটা ভালো কিছু আশা করি বলে মনে করেন?`,
          engage: `${p.child}-এর পড়াশোনায় সাহায্য করতে আপনি নিজেকে কতটা সক্ষম মনে করেন?`,
          trust: `আমরা ${p.child}-কে ভালোভাবে সহায়তা করি, এ ব্যাপারে আপনার কতটা ভরসা?`,
        }[p.aim]
      } ${f.n(1)} (একদম না) থেকে ${f.n(5)} (খুব বেশি) পর্যন্ত উত্তর দিন।`,
    'survey.thanks': (p) => `ধন্যবাদ। আপনার উত্তর ${p.child}-এর জন্য আরও ভালো করতে ${p.school}-কে সাহায্য করে।`,
    'channel.call': (p) => `এখন থেকে ${p.school} আপনাকে বার্তার বদলে ফোন করবে। আবার বার্তা পেতে TEXT পাঠান।`,
    'channel.text': (p) => `এখন থেকে ${p.school} আপনাকে বার্তা পাঠাবে।`,
    'call.intro': (p) => `হ্যালো। এটি ${p.school} থেকে ${p.child}-এর বিষয়ে একটি বার্তা।`,
    'call.repeat': (p, f) => `এই বার্তাটি আবার শুনতে ${f.key(p.key)} চাপুন।`,
    'call.leaveMessage': (p, f) => `${p.child}-এর শিক্ষকের জন্য বার্তা রাখতে ${f.key(p.key)} চাপুন।`,
    'call.record': () => 'বিপ শব্দের পরে কথা বলুন। আপনার কাছে দুই মিনিট আছে। শেষ হলে হ্যাশ বোতাম চাপুন।',
    'call.recorded': (p) => `ধন্যবাদ। আপনার বার্তা ${p.child}-এর শিক্ষকের কাছে পৌঁছে দিয়েছি।`,
    'call.stop': (p, f) => `স্কুলের ফোন ও বার্তা বন্ধ করতে ${f.key(p.key)} চাপুন।`,
    'call.stopped': (p) => `আপনি ${p.school} থেকে আর কোনো ফোন বা বার্তা পাবেন না। বিদায়।`,
    'call.option': (p, f) => `${f.spokenWhen(p.at)}-এর জন্য ${f.key(p.key)} চাপুন।`,
    'call.otherTime': (p, f) => `এই সময়গুলোর কোনোটি সুবিধাজনক না হলে ${f.key(p.key)} চাপুন।`,
    'call.confidence': (p) => `স্কুল ${p.child}-এর প্রয়োজন বোঝে, এ ব্যাপারে আপনি কতটা নিশ্চিত? এক থেকে পাঁচ পর্যন্ত একটি নম্বর চাপুন: এক মানে একদম না, পাঁচ মানে খুব নিশ্চিত।`,
    'call.invalidKey': () => 'দুঃখিত, এই বোতামটি বিকল্পগুলোর মধ্যে নেই।',
    'call.goodbye': () => 'ধন্যবাদ। বিদায়।',
    'call.voicemail': (p, f) =>
      p.phone ? `হ্যালো, এটি ${p.school}। অনুগ্রহ করে আমাদের ${f.phone(p.phone)} নম্বরে ফোন করুন।` : `হ্যালো, এটি ${p.school}। অনুগ্রহ করে স্কুল অফিসে ফোন করুন।`,
  },
};
