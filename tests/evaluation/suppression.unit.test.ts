import { suppressedCells, type CellFacts, type Relation } from '../../evaluation/suppression';

type Cell = CellFacts & { value: number | null };
const pupils = (value: number): Cell => ({ value, base: value, protect: true });
const cellsOf = (entries: Record<string, Cell>) => new Map(Object.entries(entries));
const column = (total: string, parts: string[]): Relation => ({ total, parts, kind: 'sum' });

describe('small numbers never leave the school', () => {
  it.each([0, 1, 2, 3, 4])('Given a cell of %i pupils, Then it shows "fewer than 5"', (n) => {
    expect(suppressedCells(cellsOf({ a: pupils(n) }), [])).toEqual(new Set(['a']));
  });

  it('Given cells of 5 pupils and more, Then they are shown as they are', () => {
    expect(suppressedCells(cellsOf({ a: pupils(5), b: pupils(40) }), [])).toEqual(new Set());
  });

  it('Given a figure about staff (key teachers), Then a small count is shown: it is not about children', () => {
    expect(suppressedCells(cellsOf({ keyTeachers: { value: 2, base: 2, protect: false } }), [])).toEqual(new Set());
  });

  it('Given an average resting on 4 parents, Then it is suppressed whatever its value', () => {
    expect(suppressedCells(cellsOf({ confidence: { value: 3.75, base: 4, protect: true } }), [])).toEqual(new Set(['confidence']));
  });

  it('Given three schools where only one has fewer than 5, When the total is shown beside them, Then the total is suppressed too (it would give the small one away by subtraction)', () => {
    const cells = cellsOf({ a: pupils(3), b: pupils(12), c: pupils(20), total: pupils(35) });
    expect(suppressedCells(cells, [column('total', ['a', 'b', 'c'])])).toEqual(new Set(['a', 'total']));
  });

  it('Given two schools under 5 among three, Then the total stays: neither small cell can be worked out from it', () => {
    const cells = cellsOf({ a: pupils(3), b: pupils(2), c: pupils(20), total: pupils(25) });
    expect(suppressedCells(cells, [column('total', ['a', 'b', 'c'])])).toEqual(new Set(['a', 'b']));
  });

  it('Given a subset shown beside its total (38 of 40 pupils had their views gathered), When the rest is under 5, Then the subset is suppressed and the total stays', () => {
    const cells = cellsOf({ onRegister: pupils(40), views: pupils(38), 'views~rest': { ...pupils(2), hidden: true } });
    expect(suppressedCells(cells, [{ total: 'onRegister', parts: ['views', 'views~rest'], kind: 'complement' }])).toEqual(new Set(['views', 'views~rest']));
  });

  it('Given a school whose English targets are under 5, Then its all-areas total is hidden, and so is the organisation\'s, so neither gives it away through the other', () => {
    // Two schools, targets by area; each school's total is the sum of its areas, and each column's total the sum of the schools.
    const cells = cellsOf({
      'A.en': pupils(3), 'A.ma': pupils(8), 'A.all': pupils(11),
      'B.en': pupils(9), 'B.ma': pupils(7), 'B.all': pupils(16),
      'T.en': pupils(12), 'T.ma': pupils(15), 'T.all': pupils(27),
    });
    const relations = [
      column('A.all', ['A.en', 'A.ma']), column('B.all', ['B.en', 'B.ma']), column('T.all', ['T.en', 'T.ma']),
      column('T.en', ['A.en', 'B.en']), column('T.ma', ['A.ma', 'B.ma']), column('T.all', ['A.all', 'B.all']),
    ];
    const hidden = suppressedCells(cells, relations);
    expect(hidden).toEqual(new Set(['A.en', 'A.all', 'T.en', 'T.all']));
    // No sum is left with exactly one unknown member.
    for (const r of relations) expect([r.total, ...r.parts].filter((m) => hidden.has(m)).length).not.toBe(1);
  });
});
