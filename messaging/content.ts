import { SegmentedMessage } from 'sms-segments-calculator';
import SmartEncodingMap from 'sms-segments-calculator/dist/libs/SmartEncodingMap';
import { DomainError } from '../domain/errors';

/**
 * What may go in an SMS to a parent (pure). A family phone is shared: the child's first name
 * only, never a diagnosis, SEN status, need or target wording, and no links, except the one link
 * a few catalogue texts carry: the service's own page for that parent (parentPageLink).
 */

/** The first word of the child's first name ("Amir Ali" -> "Amir"): never a surname. */
export function childFirstName(firstName: string): string {
  return firstName.trim().split(/\s+/)[0] ?? '';
}

/**
 * Replaces curly quotes, dashes, ellipses and similar with their GSM-7 equivalents (the mapping
 * Twilio's Smart Encoding uses, shipped with sms-segments-calculator), so a teacher's pasted text
 * does not silently double the cost by switching the whole message to UCS-2.
 */
export function toGsmWhereEquivalent(text: string): string {
  return [...text].map((ch) => SmartEncodingMap[ch] ?? ch).join('');
}

export interface SegmentInfo {
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  characters: number;
}

export function segmentInfo(text: string): SegmentInfo {
  const m = new SegmentedMessage(text);
  return { segments: m.segmentsCount, encoding: m.encodingName, characters: m.numberOfCharacters };
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(?:com|co\.uk|org|uk|net|io|ly|me|info)\b/i;

/** Abbreviations that would reveal special category data about a child: whole words, exact case ("SEN", not "sen"). */
export const SENSITIVE_ABBREVIATIONS = ['SEN', 'SEND', 'SENCO', 'EHC', 'EHCP', 'ASD', 'ADHD', 'SpLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'MSI', 'IEP'] as const;

/** Words and phrases with the same risk: whole words, any case. */
export const SENSITIVE_PHRASES = [
  'special educational',
  'special needs',
  'education, health and care',
  'statement',
  'School Action',
  'diagnosis',
  'diagnosed',
  'disability',
  'disabled',
  'autism',
  'autistic',
  'dyslexia',
  'dyslexic',
  'dyspraxia',
  'learning difficulty',
  'learning difficulties',
  'looked after',
  'social worker',
] as const;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function containsWord(text: string, word: string, caseSensitive = false): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escape(word)}($|[^\\p{L}\\p{N}])`, caseSensitive ? 'u' : 'iu').test(text);
}

/** Where the service's page for one parent lives: a long random token, nothing about the child. */
const PARENT_PAGE = /^\/p\/[A-Za-z0-9_-]{16,64}$/;

/** The link to a parent's own page on this service (`publicBaseUrl`: config.publicBaseUrl). */
export function parentPageLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/p/${token}`;
}

/** Is this exactly a link to a parent's page on this service: same address, the page's path, no query or fragment? */
export function isParentPageLink(link: string, publicBaseUrl: string): boolean {
  const base = publicBaseUrl.replace(/\/+$/, '');
  if (!link.startsWith(`${base}/p/`)) return false;
  try {
    const url = new URL(link);
    return url.search === '' && url.hash === '' && PARENT_PAGE.test(link.slice(base.length));
  } catch {
    return false;
  }
}

export interface ContentContext {
  /** Surnames (and any other words) that must never appear: the pupil's and the contact's. */
  forbiddenNames?: string[];
  /** Target descriptions of the pupil: their words must never be sent. */
  targetTexts?: string[];
  /** The only links the text may carry, exactly as written (a link template's `link`); any other link is refused. */
  allowedLinks?: readonly string[];
}

/** Every reason this text may not go to a parent; empty when it may. */
export function contentProblems(text: string, ctx: ContentContext = {}): string[] {
  const problems: string[] = [];
  // An allowed link counts only as a whole word: "https://…/p/abc" is not allowed inside "https://…/p/abcd".
  const withoutAllowed = (ctx.allowedLinks ?? []).reduce((t, link) => t.replace(new RegExp(`(?<=^|\\s)${escape(link)}(?=[.,;:!?)]*(?:\\s|$))`, 'gu'), ' '), text);
  if (URL_PATTERN.test(withoutAllowed)) problems.push('contains a link');
  for (const word of SENSITIVE_ABBREVIATIONS) if (containsWord(text, word, true)) problems.push(`mentions "${word}"`);
  for (const word of SENSITIVE_PHRASES) if (containsWord(text, word)) problems.push(`mentions "${word}"`);
  for (const name of ctx.forbiddenNames ?? []) {
    if (name.trim().length >= 2 && containsWord(text, name.trim())) problems.push('contains a surname');
  }
  for (const target of ctx.targetTexts ?? []) {
    if (target.trim().length >= 12 && text.toLowerCase().includes(target.trim().toLowerCase())) problems.push('contains target wording');
  }
  return [...new Set(problems)];
}

export class ContentRuleError extends DomainError {
  constructor(readonly problems: string[]) {
    super('unprocessable', 'content_rules', `This text cannot be sent to a parent by SMS: it ${problems.join(', ')}.`, { problems });
  }
}
