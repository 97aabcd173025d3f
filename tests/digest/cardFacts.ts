/** The title → value pairs of every FactSet at the top of a card's body (the digest's figures). */
export const factsOf = (card: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    (card.body as { type: string; facts?: { title: string; value: string }[] }[])
      .filter((e) => e.type === 'FactSet')
      .flatMap((e) => e.facts!)
      .map((f) => [f.title, f.value]),
  );
