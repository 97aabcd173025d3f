import { DateTime } from 'luxon';
import type { TargetArea } from '../../generated/prisma/client';
import { segmentInfo, toGsmWhereEquivalent, type SegmentInfo } from '../content';
import { formatFor, renderText, SPOKEN_TEMPLATES, type Common, type GoodNews, type LanguagePack, type TemplateKey, type TemplateParams } from './index';

/**
 * The longest parameters a real text can have, for the segment budget (tests/sms/catalogue.test.ts
 * and `npm run segments`): a long school name, a long first name, four slots, three areas, every
 * kind of good news, and every month and weekday of the school year, since the names of days and
 * months differ in length from one to the next.
 */
export const LONG: Common = { school: "St Bartholomew's CE Primary Academy", child: 'Maximilian-Alexander' };
export const TIMEZONE = 'Europe/London';
/** The service's parent page with a long host and token (content.ts, parentPageLink). */
export const LONG_LINK = 'https://parents.stbartholomews.sch.uk/p/Xy7kQ2mN9pL4vR8tW3zA5c';
export const ALL_GOOD_NEWS: GoodNews[] = [
  { kind: 'attendance.everyDay' },
  { kind: 'attendance.better' },
  { kind: 'rewards', count: 12 },
  { kind: 'clubs', count: 3 },
  { kind: 'learning', subject: 'reading' },
  { kind: 'learning', subject: 'writing' },
  { kind: 'learning', subject: 'maths' },
];
const ALL_AREAS: TargetArea[] = ['ENGLISH', 'MATHS', 'ATTENDANCE', 'BEHAVIOUR', 'BULLYING', 'RELATIONSHIPS', 'PARTICIPATION', 'OTHER'];

// September to July of a school year: every month a meeting or a review can fall in.
const MONTHS = [[2026, 9], [2026, 10], [2026, 11], [2026, 12], [2027, 1], [2027, 2], [2027, 3], [2027, 4], [2027, 5], [2027, 6], [2027, 7]] as const;
// The earliest and the latest a meeting starts, with the longest minutes (a one- and a two-digit hour).
const TIMES = [[8, 15], [17, 45]] as const;

/** Monday to Friday of the second week of each month, at each of the meeting times. */
function instants(): Date[][] {
  return MONTHS.map(([y, m]) => {
    const monday = DateTime.fromObject({ year: y, month: m, day: 8 }, { zone: TIMEZONE }).startOf('week');
    return [0, 1, 2, 3, 4].flatMap((d) => TIMES.map(([h, min]) => monday.plus({ days: d }).set({ hour: h, minute: min }).toJSDate()));
  });
}

/** Four slots, Monday to Thursday or Tuesday to Friday, in each month, morning and evening by turns. */
function slotLists(): Date[][] {
  return instants().flatMap((month) => [0, 1].map((from) => [0, 1, 2, 3].map((i) => month[(from + i) * TIMES.length + (i % TIMES.length)]!)));
}

/** The three areas whose words are longest in this pack. */
function longestAreas(pack: LanguagePack): TargetArea[] {
  return [...ALL_AREAS].sort((a, b) => pack.areaWords[b].length - pack.areaWords[a].length).slice(0, 3);
}

/** A date string's cost: one that needs UCS-2 (French "août") before any longer one. */
const cost = (text: string) => (segmentInfo(text).encoding === 'UCS-2' ? 1e6 : 0) + text.length;
const costliest = <T>(items: T[], text: (item: T) => string): T => items.reduce((a, b) => (cost(text(b)) > cost(text(a)) ? b : a));

/**
 * Every worst-case parameter set of a template in a pack. A text holds one date, so the date the
 * pack writes longest (over every weekday, month and meeting time) is its worst case.
 */
const worstDates = new Map<LanguagePack, { at: Date[]; spokenAt: Date[]; days: string[] }>();
function datesOf(pack: LanguagePack) {
  let dates = worstDates.get(pack);
  if (!dates) {
    const f = formatFor(pack, TIMEZONE);
    const all = instants().flat();
    dates = {
      at: [costliest(all, (d) => f.when(d))],
      spokenAt: [costliest(all, (d) => f.spokenWhen(d))],
      days: [costliest(all.map((d) => DateTime.fromJSDate(d, { zone: TIMEZONE }).toISODate()!), (d) => f.day(d))],
    };
    worstDates.set(pack, dates);
  }
  return dates;
}

export function variants<K extends TemplateKey>(key: K, pack: LanguagePack): TemplateParams[K][] {
  const { at, spokenAt, days } = datesOf(pack);
  const three = longestAreas(pack);
  const withAt = () => at.map((a) => ({ at: a }));
  const v: { [P in TemplateKey]: () => TemplateParams[P][] } = {
    'booking.offer': () => slotLists().map((slots) => ({ slots })),
    'booking.confirmed': withAt,
    'booking.takenByOther': withAt,
    'booking.alreadyBooked': withAt,
    'booking.offerClosed': () => [{}],
    'booking.invalidChoice': () => [{ count: 4 }],
    'booking.declinedAck': () => [{}],
    'booking.reminder': withAt,
    'booking.moved': withAt,
    'booking.cancelled': () => [{}],
    'booking.changeAck': () => [{}],
    'targets.confirmed': () => days.map((nextReview) => ({ areas: three, nextReview })),
    'progress.update': () => [0, 1, 2, 3].map((k) => ({ achieved: three.slice(0, k), workingOn: three.slice(k), goodNews: ALL_GOOD_NEWS })),
    'reply.actioned': () => [{ action: 'We moved his seat nearer the board.' }],
    'teacher.message': () => [{ text: 'Great week in PE!' }],
    'school.message': () => [{ text: 'Thank you, we will call you this afternoon.' }],
    'reply.received': () => [{}],
    'confidence.check': () => [{}],
    'confidence.thanks': () => [{}],
    'which.child': () => [{ children: ['Maximilian-Alexander', 'Bartholomew', 'Anastasia-Rose'] }],
    'which.school': () => [{ schools: ["St Bartholomew's CE Primary Academy", 'Elmwood Park Community Academy', 'Oakfield Primary School'] }],
    'updates.changed': () => [{ weeks: 6, own: false }, { weeks: 1, own: false }, { weeks: 3, own: true }],
    'updates.current': () => [{ weeks: 6, own: true, min: 1, max: 6 }, { weeks: 6, own: false, min: 1, max: 6 }],
    'updates.invalid': () => [{ min: 1, max: 6 }],
    help: () => [{ phone: '01632 960123' }, { phone: null }],
    'stop.confirmed': () => [{}],
    'start.confirmed': () => [{}],
    'unknown.number': () => [{}],
    'page.link': () => [{ link: LONG_LINK }],
    'views.invite': () => at.map((a) => ({ at: a, link: LONG_LINK })),
    'plan.ready': () => [{ link: LONG_LINK }],
    'page.code': () => [{ code: '482913' }],
    'survey.question': () => (['listened', 'informed', 'expectations', 'engage', 'trust'] as const).map((aim) => ({ aim, position: 5, of: 5 })),
    'survey.thanks': () => [{}],
    'channel.call': () => [{}],
    'channel.text': () => [{}],
    'call.intro': () => [{}],
    'call.repeat': () => [{ key: '9' }],
    'call.leaveMessage': () => [{ key: '2' }],
    'call.record': () => [{}],
    'call.recorded': () => [{}],
    'call.stop': () => [{ key: '#' }],
    'call.stopped': () => [{}],
    'call.option': () => spokenAt.map((a) => ({ key: '1', at: a })),
    'call.otherTime': () => [{ key: '0' }],
    'call.confidence': () => [{}],
    'call.invalidKey': () => [{}],
    'call.goodbye': () => [{}],
    'call.voicemail': () => [{ phone: '01632 960123' }, { phone: null }],
  };
  return v[key]() as TemplateParams[K][];
}

/** Every rendering of a template in a pack with the worst-case parameters, as it is really sent. */
export function renderings(key: TemplateKey, pack: LanguagePack): string[] {
  return variants(key, pack).map((params) => toGsmWhereEquivalent(renderText(key, pack.language, { ...params, ...LONG } as never, TIMEZONE)));
}

/** The costliest rendering of an SMS template in a pack. */
export function worstSegments(key: TemplateKey, pack: LanguagePack): SegmentInfo & { text: string } {
  if (SPOKEN_TEMPLATES.has(key)) throw new Error(`${key} is a call script, not an SMS`);
  return renderings(key, pack)
    .map((text) => ({ ...segmentInfo(text), text }))
    .reduce((a, b) => (b.segments > a.segments || (b.segments === a.segments && b.characters > a.characters) ? b : a));
}
