/** Finding "Amir", "amir k" or "Amir Khan" among a teacher's own pupils (pure). */
export interface NamedPupil {
  id: string;
  firstName: string;
  lastName: string;
}

export type PupilMatch<P extends NamedPupil> = { kind: 'one'; pupil: P } | { kind: 'several'; pupils: P[] } | { kind: 'none' };

const norm = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export const fullName = (p: NamedPupil): string => `${p.firstName} ${p.lastName}`;

/** Exact full name, then exact first name, then the words as prefixes of first and last name. */
export function matchPupil<P extends NamedPupil>(query: string, pupils: P[]): PupilMatch<P> {
  const q = norm(query);
  if (!q) return { kind: 'none' };
  const tiers: ((p: P) => boolean)[] = [
    (p) => norm(fullName(p)) === q,
    (p) => norm(p.firstName) === q,
    (p) => {
      const [first, ...rest] = q.split(' ');
      const last = rest.join(' ');
      return norm(p.firstName).startsWith(first!) && (!last || norm(p.lastName).startsWith(last));
    },
  ];
  for (const tier of tiers) {
    const found = pupils.filter(tier);
    if (found.length === 1) return { kind: 'one', pupil: found[0]! };
    if (found.length > 1) return { kind: 'several', pupils: found };
  }
  return { kind: 'none' };
}
