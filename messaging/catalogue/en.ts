import type { LanguagePack } from './types';

const change = 'To change it, reply CHANGE.';
const every = (weeks: number) => (weeks === 1 ? 'every school week' : `every ${weeks} school weeks`);

export const en: LanguagePack = {
  language: 'EN',
  locale: 'en-GB',
  areaWords: {
    ENGLISH: 'reading and writing',
    MATHS: 'maths',
    ATTENDANCE: 'coming to school every day',
    BEHAVIOUR: 'getting on well in class',
    BULLYING: 'feeling safe at school',
    RELATIONSHIPS: 'friendships',
    PARTICIPATION: 'clubs and activities',
    OTHER: 'other goals',
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
  },
};
