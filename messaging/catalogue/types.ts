import type { Language, TargetArea } from '../../generated/prisma/client';

/**
 * Every text the product sends to parents, by key, with the parameters each needs. One source
 * for all four languages: a language file that forgets a key or a parameter does not compile.
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
  'progress.update': { achieved: TargetArea[]; workingOn: TargetArea[] };
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
}

export type TemplateKey = keyof TemplateParams;

/** Filled in for every text. `child` is '' for texts not about one child. */
export interface Common {
  school: string;
  child: string;
}

/** Dates, times and lists written the way the parent's language writes them, in school-local time. */
export interface Format {
  /** "Tue 6 Oct 3:30pm" */
  when(instant: Date): string;
  /** "Mon 12 Jan" from an ISO date. */
  day(isoDate: string): string;
  /** Target areas in plain words: "reading, maths and coming to school every day". */
  areas(areas: TargetArea[]): string;
  /** "1 for Amir, 2 for Sara" style lists. */
  list(items: string[]): string;
}

export type Texts = { [K in TemplateKey]: (p: TemplateParams[K] & Common, f: Format) => string };

export interface LanguagePack {
  language: Language;
  /** Locale for dates and lists (Intl / luxon). */
  locale: string;
  areaWords: Record<TargetArea, string>;
  texts: Texts;
}

/** Texts that carry words a teacher wrote: flagged `freeText` on the stored message. */
export const FREE_TEXT_TEMPLATES: ReadonlySet<TemplateKey> = new Set(['reply.actioned', 'teacher.message', 'school.message']);

/**
 * Answers to a parent's own text. The STOP confirmation is a carrier requirement and goes at
 * once, even at night; every other answer waits for sending hours like any message.
 */
export const SEND_AT_ANY_HOUR: ReadonlySet<TemplateKey> = new Set(['stop.confirmed']);
