import { z } from 'zod';

/**
 * The subjects a school assesses. Reading, writing and maths are the programme's (termly progress
 * in English and maths: 000:566-580, 000:886-890); a school may add its own ("science", "phonics").
 * A subject is named by a key: lower case letters, digits and dashes. Pure.
 */
export const CORE_SUBJECTS = [
  { key: 'reading', name: 'Reading' },
  { key: 'writing', name: 'Writing' },
  { key: 'maths', name: 'Maths' },
] as const;

/** What MIS exports and teachers call the core subjects. */
const ALIASES: Record<string, string> = {
  englishreading: 'reading',
  read: 'reading',
  englishwriting: 'writing',
  write: 'writing',
  mathematics: 'maths',
  math: 'maths',
  numeracy: 'maths',
};

const compact = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

export const subjectKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a subject is named in lower case letters, digits and dashes, e.g. "reading" or "science"')
  .max(40);

export const subjectNameSchema = z.string().trim().min(1).max(60);

/** The name a subject gets when the school gives none: the core subjects' own, else the key in words. */
export function defaultSubjectName(key: string): string {
  const core = CORE_SUBJECTS.find((s) => s.key === key);
  if (core) return core.name;
  const words = key.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The school's subject a cell or request names, by key, name or a common alias ("Mathematics" is maths). */
export function matchSubject<S extends { key: string; name: string }>(subjects: S[], text: string): S | undefined {
  const c = compact(text);
  return subjects.find((s) => compact(s.key) === c || compact(s.name) === c) ?? subjects.find((s) => s.key === ALIASES[c]);
}
