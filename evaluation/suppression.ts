/**
 * Small numbers never leave the school (pure, no I/O). The rule, as published statistics apply it:
 *
 * 1. **Primary**: a figure about fewer than five pupils or parents, none included (a count of 0
 *    to 4, or an average or rate resting on fewer than five people), shows "fewer than 5". Counts
 *    of records (conversations, targets) rest on the distinct pupils behind them.
 * 2. **Secondary**: where figures add up (a total and its parts: every school and the
 *    organisation's total; conversations by kind; targets by area; parents by language), no
 *    suppressed figure may be worked out by subtraction. Whenever exactly one member of such a sum
 *    is unknown and it is suppressed, a second one is suppressed too: the **total** (the rule a
 *    reader expects), or, where the total is already unknown, the smallest part still shown.
 *    A figure that is a subset of a total shown beside it (views gathered of the pupils on the
 *    register, initial conversations on time of those held) has a hidden complement (the pupils
 *    without views): when that complement is under five, the subset is suppressed instead.
 *    This repeats until no sum has a lone unknown, so the suppression made for one sum never
 *    opens another (a school's total of targets suppressed for its areas is hidden again in the
 *    organisation's column).
 *
 * Figures about staff (how many key teachers, how many with more than five pupils) are not about
 * children and are shown as they are.
 */
export const SMALL_NUMBER = 5;
export const SUPPRESSED_TEXT = 'fewer than 5';

export interface CellFacts {
  /** The pupils or parents the figure rests on. */
  base: number;
  /** True for figures about pupils or parents (suppressible); false for staff counts. */
  protect: boolean;
  /** Never shown: the complement of a subset figure (its value is only ever derived). */
  hidden?: boolean;
}

/** Figures that add up: `total` = the sum of `parts`. A `complement` relation's subset is what gets suppressed first. */
export interface Relation {
  total: string;
  parts: string[];
  kind: 'sum' | 'complement';
}

/** The ids of the cells that show "fewer than 5". Cells a relation names but `cells` lacks are left out of it; `relations` are taken in their order. */
export function suppressedCells(cells: ReadonlyMap<string, CellFacts & { value: number | null }>, relations: readonly Relation[]): Set<string> {
  const suppressed = new Set<string>();
  for (const [id, c] of cells) if (c.protect && c.base < SMALL_NUMBER) suppressed.add(id);
  const unknown = (id: string): boolean => suppressed.has(id) || cells.get(id)!.hidden === true;
  const size = (id: string): number => cells.get(id)!.value ?? 0;
  const present = relations
    .map((r) => ({ ...r, parts: r.parts.filter((p) => cells.has(p)) }))
    .filter((r) => cells.has(r.total) && r.parts.length > 0);

  // One unknown that is sensitive: it is the total minus the others (or a part's share of it).
  const exposed = (r: Relation): boolean => {
    const lone = [r.total, ...r.parts].filter(unknown);
    return lone.length === 1 && suppressed.has(lone[0]!);
  };
  const nextFor = (r: Relation): string | undefined => {
    const shownParts = r.parts.filter((p) => !unknown(p)).sort((a, b) => size(a) - size(b));
    const totalShown = !unknown(r.total);
    return r.kind === 'sum' ? (totalShown ? r.total : shownParts[0]) : (shownParts[0] ?? (totalShown ? r.total : undefined));
  };
  // Sums are taken in the order given, over and over until none is exposed (the order decides only
  // which of the safe answers is kept, never whether one is safe).
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of present) {
      if (!exposed(r)) continue;
      const next = nextFor(r);
      if (next === undefined) continue;
      suppressed.add(next);
      changed = true;
    }
  }
  return suppressed;
}
