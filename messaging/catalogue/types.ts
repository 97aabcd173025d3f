import type { DateTime } from 'luxon';
import type { TargetArea } from '../../generated/prisma/client';
import type { LanguageCode } from '../languages';

/** A school subject a parent hears good news about, in plain words. */
export type Subject = 'reading' | 'writing' | 'maths';

/**
 * Something good to tell a parent between conversations, rendered as a short plain sentence
 * ("Amir came to school every day this half term."): never a score, a step name or a diagnosis.
 */
export type GoodNews =
  | { kind: 'attendance.everyDay' }
  | { kind: 'attendance.better' }
  | { kind: 'rewards'; count: number }
  | { kind: 'clubs'; count: number }
  | { kind: 'learning'; subject: Subject };

/** One question per aim of the programme: parents feel listened to, informed, that expectations are high, able to take part, and trust the school. */
export type SurveyAim = 'listened' | 'informed' | 'expectations' | 'engage' | 'trust';

/**
 * Every text the product sends to parents, by key, with the parameters each needs. One source
 * for every language: a pack that forgets a key or a parameter does not compile.
 * `child` (first name only) and `school` are filled in by the sender, never by the caller.
 */
export interface TemplateParams {
  'booking.offer': { slots: Date[] };
  'booking.confirmed': { at: Date };
  'booking.takenByOther': { at: Date };
  'booking.alreadyBooked': { at: Date };
  'booking.offerClosed': Record<string, never>;
  'booking.invalidChoice': { count: number };
  'booking.declinedAck': Record<string, never>;
  'booking.reminder': { at: Date };
  'booking.moved': { at: Date };
  'booking.cancelled': Record<string, never>;
  'booking.changeAck': Record<string, never>;
  'targets.confirmed': { areas: TargetArea[]; nextReview: string };
  /** `goodNews`: kept in the order given, as much of it as fits the segment budget (catalogue/index.ts). */
  'progress.update': { achieved: TargetArea[]; workingOn: TargetArea[]; goodNews?: GoodNews[] };
  /** `action`: what the school did, in the teacher's words (free text). */
  'reply.actioned': { action: string };
  /** `text`: written by a teacher (free text). */
  'teacher.message': { text: string };
  /** `text`: a teacher's answer (or what was done) to a text the parent never said the child of: names no child (free text). */
  'school.message': { text: string };
  'reply.received': Record<string, never>;
  'confidence.check': Record<string, never>;
  'confidence.thanks': Record<string, never>;
  'which.child': { children: string[] };
  /** Names only schools, never a child: the parent has children at several and texted a number they share. */
  'which.school': { schools: string[] };
  /** How often this parent hears about progress, in school weeks; `own` = their choice, not the school's. */
  'updates.changed': { weeks: number; own: boolean };
  'updates.current': { weeks: number; own: boolean; min: number; max: number };
  'updates.invalid': { min: number; max: number };
  help: { phone: string | null };
  'stop.confirmed': Record<string, never>;
  'start.confirmed': Record<string, never>;
  /** Sent to a number we do not know: no school, no child. */
  'unknown.number': Record<string, never>;
  /** `link`: the service's own parent page (content.ts, isParentPageLink), the only link a text may carry. */
  'page.link': { link: string };
  'views.invite': { at: Date; link: string };
  'plan.ready': { link: string };
  /** A one-time code for the parent page; no child named. */
  'page.code': { code: string };
  'survey.question': { aim: SurveyAim; position: number; of: number };
  'survey.thanks': Record<string, never>;
  'channel.call': Record<string, never>;
  'channel.text': Record<string, never>;
  // Spoken call scripts (Twilio <Say>): plain sentences, nothing abbreviated, times written to be read aloud.
  'call.intro': Record<string, never>;
  'call.repeat': { key: string };
  'call.leaveMessage': { key: string };
  'call.record': Record<string, never>;
  'call.recorded': Record<string, never>;
  'call.stop': { key: string };
  'call.stopped': Record<string, never>;
  'call.option': { key: string; at: Date };
  'call.otherTime': { key: string };
  'call.confidence': Record<string, never>;
  'call.invalidKey': Record<string, never>;
  'call.goodbye': Record<string, never>;
  /** Left on an answering machine: the school only, never the child's name. */
  'call.voicemail': { phone: string | null };
}

export type TemplateKey = keyof TemplateParams;

/** Filled in for every text. `child` is '' for texts not about one child. */
export interface Common {
  school: string;
  child: string;
}

/** Dates, times, numbers and lists written the way the parent's language writes them, in school-local time. */
export interface Format {
  /** "Tue 6 Oct 3:30pm", "wt. 6 paź 15:30". */
  when(instant: Date): string;
  /** The same moment written to be read aloud: "Tuesday 6 October at 3:30 in the afternoon". */
  spokenWhen(instant: Date): string;
  /** "Mon 12 Jan" from an ISO date. */
  day(isoDate: string): string;
  /** Target areas in plain words: "reading and writing, maths and coming to school every day". */
  areas(areas: TargetArea[]): string;
  /** "1 for Amir, 2 for Sara" style lists. */
  list(items: string[]): string;
  /** A number in the language's digits. */
  n(value: number): string;
  /** Ends a sentence: adds the full stop unless the text already ends with one (an abbreviated date like "vin. 15 ian."). */
  stop(sentence: string): string;
  /** The good news, one short sentence each (learning merged into one), in the order given. */
  goodNews(news: GoodNews[], child: string): string[];
  /** A phone key as a voice says it ("the hash key"). */
  key(key: string): string;
  /** A phone number digit by digit, in its groups, so a voice reads it as a number to dial. */
  phone(phone: string): string;
}

/**
 * A text, or its wordings from fullest to shortest: the first that fits the segment budget is sent
 * (catalogue/index.ts), so a worst case (a long school name, three long areas) still goes in three
 * segments while an ordinary text keeps its full wording.
 */
export type Wording = string | readonly [string, ...string[]];

export type Texts = { [K in TemplateKey]: (p: TemplateParams[K] & Common, f: Format) => Wording };

/** How a pack writes dates and times (luxon DateTime already in the school's zone and the pack's locale). */
export interface DateWords {
  when(dt: DateTime): string;
  day(dt: DateTime): string;
  spoken(dt: DateTime): string;
}

/** The words a pack's texts ask parents to send back (sms/keywords.ts understands each; tests/sms/keywords.test.ts checks). */
export interface ReplyWords {
  stop: string;
  start: string;
  change: string;
  updates: string;
  default: string;
  /** Back to texts after calls (channel.call). */
  text: string;
}

export interface GoodNewsWords {
  everyDay(child: string): string;
  better(child: string): string;
  rewards(child: string, count: number, n: string): string;
  clubs(child: string, count: number, n: string): string;
  /** `subjects`: already joined ("reading and maths"). */
  learning(child: string, subjects: string): string;
}

export interface LanguagePack {
  /** BCP 47 code (messaging/languages.ts). */
  language: LanguageCode;
  /** Locale for dates, numbers and lists (Intl / luxon). */
  locale: string;
  dates: DateWords;
  areaWords: Record<TargetArea, string>;
  subjectWords: Record<Subject, string>;
  /** Joins plain words into a list; default Intl.ListFormat (a pack overrides it when an area's own words hold the conjunction). */
  join?(words: string[]): string;
  /** Between "1 for Amir" and "2 for Sara". */
  separator: string;
  /** Sentence end ("." or "۔" or "।"). */
  fullStop: string;
  reply: ReplyWords;
  keys: { hash: string; star: string };
  goodNews: GoodNewsWords;
  texts: Texts;
}

/** Texts that carry words a teacher wrote: flagged `freeText` on the stored message. */
export const FREE_TEXT_TEMPLATES: ReadonlySet<TemplateKey> = new Set(['reply.actioned', 'teacher.message', 'school.message']);

/** The only texts that carry a link, and the only link they may carry is their `link` parameter (content.ts). */
export const LINK_TEMPLATES: ReadonlySet<TemplateKey> = new Set(['page.link', 'views.invite', 'plan.ready']);

/**
 * Answers that must go at once, even at night: the STOP confirmation (a carrier requirement) and
 * the parent page's code (the parent is waiting for it, and it lasts ten minutes). Every other
 * answer waits for sending hours like any message.
 */
export const SEND_AT_ANY_HOUR: ReadonlySet<TemplateKey> = new Set(['stop.confirmed', 'page.code']);

const SPOKEN = [
  'call.intro',
  'call.repeat',
  'call.leaveMessage',
  'call.record',
  'call.recorded',
  'call.stop',
  'call.stopped',
  'call.option',
  'call.otherTime',
  'call.confidence',
  'call.invalidKey',
  'call.goodbye',
  'call.voicemail',
] as const satisfies readonly TemplateKey[];

/** Call scripts: spoken, never sent as SMS, so SMS-only checks (segments, encoding) skip them. */
export const SPOKEN_TEMPLATES: ReadonlySet<TemplateKey> = new Set(SPOKEN);

/** Texts that never name the child: to a number we do not know, the page code, which school, an answer to a text about no single child, a voicemail anyone at home may hear. */
export const WITHOUT_CHILD: ReadonlySet<TemplateKey> = new Set(['unknown.number', 'page.code', 'which.school', 'school.message', 'call.voicemail']);
