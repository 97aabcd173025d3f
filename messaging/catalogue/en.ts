import { conjunction, fmt, timeOfDay } from './format';
import type { LanguagePack } from './types';

const change = 'To change it, reply CHANGE.';
const every = (weeks: number) => (weeks === 1 ? 'every school week' : `every ${weeks} school weeks`);
const plural = (count: number, one: string, many: string) => (count === 1 ? one : `${count} ${many}`);


const SURVEY = {
  listened: (child: string) => `how much do you feel we listen to you about ${child}?`,
  informed: (child: string) => `how well do we keep you informed about ${child}'s learning?`,
  expectations: (child: string) => `how much do you feel we expect the best of ${child}?`,
  engage: (child: string) => `how able do you feel to help with ${child}'s learning?`,
  trust: (child: string) => `how much do you trust us to support ${child} well?`,
};

export const en: LanguagePack = {
  language: 'en',
  locale: 'en-GB',
  dates: {
    when: (dt) => `${fmt(dt, 'ccc d LLL')} ${fmt(dt, 'h:mm')}${dt.hour < 12 ? 'am' : 'pm'}`,
    day: (dt) => fmt(dt, 'ccc d LLL'),
    spoken: (dt) => `${fmt(dt, 'cccc d LLLL')} at ${timeOfDay(dt)}`,
  },
  areaWords: {
    ENGLISH: 'reading and writing',
    MATHS: 'maths',
    ATTENDANCE: 'coming to school every day',
    BEHAVIOUR: 'getting on well in class',
    BULLYING: 'feeling safe at school',
    RELATIONSHIPS: 'friendships',
    PARTICIPATION: 'taking part in clubs',
    OTHER: 'other goals',
  },
  subjectWords: { reading: 'reading', writing: 'writing', maths: 'maths' },
  // "reading and writing, and taking part in clubs": a comma before the last "and" when an area has its own.
  join: conjunction('and', ', and '),
  separator: ', ',
  fullStop: '.',
  reply: { stop: 'STOP', start: 'START', change: 'CHANGE', updates: 'UPDATES', default: 'DEFAULT', text: 'TEXT' },
  keys: { hash: 'the hash key', star: 'the star key' },
  goodNews: {
    everyDay: (c) => `${c} came to school every day this half term.`,
    better: (c) => `${c} is coming to school more often.`,
    rewards: (c, count) => `${c} earned ${plural(count, 'a reward', 'rewards')} this half term.`,
    clubs: (c, count) => `${c} took part in ${plural(count, 'a club', 'clubs')}.`,
    learning: (c, subjects) => `${c} is making good progress in ${subjects}.`,
  },
  texts: {
    'booking.offer': (p, f) =>
      `${p.school}: please choose a time to meet ${p.child}'s teacher. Reply ${f.list(p.slots.map((s, i) => `${i + 1} for ${f.when(s)}`))}, or 0 for another time.`,
    'booking.confirmed': (p, f) => `${p.school}: thank you. Your meeting about ${p.child} is booked for ${f.when(p.at)}. ${change}`,
    'booking.takenByOther': (p, f) =>
      `${p.school}: the meeting about ${p.child} has been booked for ${f.when(p.at)} by another parent or carer. ${change}`,
    'booking.alreadyBooked': (p, f) => `${p.school}: that choice is closed. The meeting about ${p.child} is booked for ${f.when(p.at)}. ${change}`,
    'booking.offerClosed': (p) => `${p.school}: that choice is closed. ${p.child}'s teacher will send you new times soon.`,
    'booking.invalidChoice': (p) =>
      `${p.school}: sorry, we did not understand. Please reply with a number from 1 to ${p.count}, or 0 for another time.`,
    'booking.declinedAck': (p) => `${p.school}: thank you. ${p.child}'s teacher will send you other times.`,
    'booking.reminder': (p, f) => `${p.school}: a reminder that your meeting about ${p.child} is on ${f.when(p.at)}. ${change}`,
    'booking.moved': (p, f) => `${p.school}: we have had to move your meeting about ${p.child}. The new time is ${f.when(p.at)}. ${change}`,
    'booking.cancelled': (p) => `${p.school}: sorry, we have had to cancel your meeting about ${p.child}. ${p.child}'s teacher will be in touch.`,
    'booking.changeAck': (p) => `${p.school}: thank you. We have told ${p.child}'s teacher, who will send you new times.`,
    'targets.confirmed': (p, f) =>
      p.areas.length > 0
        ? `${p.school}: thank you for meeting us about ${p.child}. Together we agreed to work on ${f.areas(p.areas)}. We will look at how it is going by ${f.day(p.nextReview)}. Reply any time.`
        : `${p.school}: thank you for meeting us about ${p.child}. We will look at how things are going by ${f.day(p.nextReview)}. Reply any time.`,
    'progress.update': (p, f) =>
      [
        `${p.school}: news about ${p.child}.`,
        ...f.goodNews(p.goodNews ?? [], p.child),
        p.achieved.length > 0 ? `${p.child} has reached the goal for ${f.areas(p.achieved)}.` : '',
        p.workingOn.length > 0 ? `${p.child} is working on ${f.areas(p.workingOn)}.` : '',
        'How is it going at home? Just reply.',
      ]
        .filter(Boolean)
        .join(' '),
    'reply.actioned': (p) => `${p.school}: thank you for your message about ${p.child}. What we have done: ${p.action}`,
    'teacher.message': (p) => `${p.school}, from ${p.child}'s teacher: ${p.text}`,
    'school.message': (p) => `${p.school}, a reply to your message: ${p.text}`,
    'reply.received': (p) => `${p.school}: thank you. We have passed your message to ${p.child}'s teacher.`,
    'confidence.check': (p) =>
      `${p.school}: how confident do you feel that school understands ${p.child}'s needs? Reply 1 (not at all) to 5 (very confident).`,
    'confidence.thanks': (p) => `${p.school}: thank you for your answer.`,
    'which.child': (p, f) => `${p.school}: which child is this about? Reply ${f.list(p.children.map((c, i) => `${i + 1} for ${c}`))}.`,
    'which.school': (p, f) => `Which school is this about? Reply ${f.list(p.schools.map((s, i) => `${i + 1} for ${s}`))}.`,
    'updates.changed': (p) =>
      `${p.school}: thank you. You will hear how your child is getting on ${every(p.weeks)}${p.own ? '' : ", the school's usual rhythm"}.`,
    'updates.current': (p) =>
      `${p.school}: you hear how your child is getting on ${every(p.weeks)}${p.own ? '' : ", the school's usual rhythm"}. To change it, reply UPDATES and a number from ${p.min} to ${p.max}${p.own ? ", or UPDATES DEFAULT for the school's rhythm" : ''}.`,
    'updates.invalid': (p) =>
      `${p.school}: sorry, we can send news every ${p.min} to ${p.max} school weeks. Please reply UPDATES and a number from ${p.min} to ${p.max}, for example UPDATES 2.`,
    help: (p) =>
      `${p.school} sends you messages about your child's learning. ${p.phone ? `To talk to the school, call ${p.phone}.` : 'To talk to the school, contact the school office.'} Reply UPDATES to choose how often you hear about progress. Reply STOP to stop messages.`,
    'stop.confirmed': (p) => `${p.school}: you will get no more messages from us. Reply START to get them again.`,
    'start.confirmed': (p) => `${p.school}: welcome back. You will get messages from us again. Reply STOP to stop.`,
    'unknown.number': () =>
      'Thank you for your message. This number sends messages from a school, and it does not know your number. Please contact the school directly.',
    'page.link': (p) => `${p.school}: see what we agreed for ${p.child} and send us your views: ${p.link}`,
    'views.invite': (p, f) =>
      `${p.school}: your meeting about ${p.child} is on ${f.when(p.at)}. What would you like to talk about? Tell us here ${p.link} or reply to this text.`,
    'plan.ready': (p) => `${p.school}: the plan we agreed for ${p.child}, with what you can do at home, is here: ${p.link}`,
    'page.code': (p) => `${p.school}: your code is ${p.code}. It works for 10 minutes. Do not share it with anyone.`,
    'survey.question': (p) => `${p.school} (${p.position}/${p.of}): ${SURVEY[p.aim](p.child)} Reply 1 (not at all) to 5 (very much).`,
    'survey.thanks': (p) => `Thank you. Your answers help ${p.school} do better for ${p.child}.`,
    'channel.call': (p) => `From now on ${p.school} will phone you instead of texting. Reply TEXT to go back to texts.`,
    'channel.text': (p) => `From now on ${p.school} will text you.`,
    'call.intro': (p) => `Hello. This is a message from ${p.school} about ${p.child}.`,
    'call.repeat': (p, f) => `To hear this message again, press ${f.key(p.key)}.`,
    'call.leaveMessage': (p, f) => `To leave a message for ${p.child}'s teacher, press ${f.key(p.key)}.`,
    'call.record': () => 'Please speak after the tone. You have two minutes. Press the hash key when you have finished.',
    'call.recorded': (p) => `Thank you. We have passed your message to ${p.child}'s teacher.`,
    'call.stop': (p, f) => `To stop calls and texts from the school, press ${f.key(p.key)}.`,
    'call.stopped': (p) => `You will get no more calls or texts from ${p.school}. Goodbye.`,
    'call.option': (p, f) => `For ${f.spokenWhen(p.at)}, press ${f.key(p.key)}.`,
    'call.otherTime': (p, f) => `If none of these times suit you, press ${f.key(p.key)}.`,
    'call.confidence': (p) =>
      `How confident do you feel that the school understands ${p.child}'s needs? Press a number from 1, not at all, to 5, very confident.`,
    'call.invalidKey': () => 'Sorry, that key is not one of the choices.',
    'call.goodbye': () => 'Thank you. Goodbye.',
    'call.voicemail': (p, f) =>
      p.phone ? `Hello, this is ${p.school}. Please call us back on ${f.phone(p.phone)}.` : `Hello, this is ${p.school}. Please call the school office.`,
  },
};
