/**
 * A parent of several children who names one of them ("Zara loved the trip") has said which
 * child: we need not ask. Pure. Names match as whole words, any case, accents folded ("zoe" is
 * Zoë), on the first word of the first name, the one our texts use.
 */
const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const wordsOf = (text: string): string[] => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The one child whose first name the text contains; undefined when it names none, or more than one. */
export function childNamedIn<T>(text: string, children: T[], firstNameOf: (child: T) => string): T | undefined {
  const words = new Set(wordsOf(text));
  const named = children.filter((child) => {
    const first = wordsOf(firstNameOf(child))[0];
    return first !== undefined && words.has(first);
  });
  return named.length === 1 ? named[0] : undefined;
}
