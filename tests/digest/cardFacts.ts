/** A fact's value as Teams shows it: a markdown link "[3](url)" reads "3". */
export const shown = (value: string): string => value.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

/** The title → value pairs of every FactSet at the top of a card's body (the digest's figures), as they read. */
export const factsOf = (card: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    (card.body as { type: string; facts?: { title: string; value: string }[] }[])
      .filter((e) => e.type === 'FactSet')
      .flatMap((e) => e.facts!)
      .map((f) => [f.title, shown(f.value)]),
  );
