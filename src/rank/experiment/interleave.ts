/**
 * Team-draft interleaving (Radlinski, Kurup & Joachims, "How does clickthrough data reflect
 * retrieval quality?", CIKM 2008). Two rankings A and B are merged into one list of k items:
 * in each round a coin flip decides which team picks first, then each team in turn adds its
 * highest-ranked item not already in the list. When one team is ahead by one it picks next
 * (that is what "rounds" amount to), so team sizes never differ by more than one while both
 * rankings have items left; a ranking that runs out leaves the rest to the other team.
 *
 * Each shown item remembers its team; a later start or rating of it credits that team
 * (credit.ts). The coin comes from a seeded generator, so the same seed and rankings give the
 * same list (a reload of the panel shows what it showed before).
 */

export type Team = 0 | 1;

export interface Interleaved<T> {
  /** The merged list, at most k items. */
  items: T[];
  /** Team per item of `items` (0 = ranking A, 1 = ranking B). */
  teams: Team[];
}

/**
 * Interleave rankings `a` and `b` (best first; items compared with `===`, duplicates inside
 * one ranking are ignored after their first place) into at most `k` items.
 */
export function teamDraft<T>(a: readonly T[], b: readonly T[], k: number, random: () => number): Interleaved<T> {
  const items: T[] = [];
  const teams: Team[] = [];
  const taken = new Set<T>();
  const next: [number, number] = [0, 0];
  const size: [number, number] = [0, 0];
  const lists = [a, b] as const;
  const advance = (t: Team): void => {
    const list = lists[t];
    while (next[t] < list.length && taken.has(list[next[t]] as T)) next[t]++;
  };
  const left = (t: Team): boolean => {
    advance(t);
    return next[t] < lists[t].length;
  };
  while (items.length < k && (left(0) || left(1))) {
    let t: Team;
    if (!left(0)) t = 1;
    else if (!left(1)) t = 0;
    else if (size[0] !== size[1]) t = size[0] < size[1] ? 0 : 1;
    // Equal sizes: a new round, a coin flip decides who picks first.
    else t = random() < 0.5 ? 0 : 1;
    const item = lists[t][next[t]] as T;
    taken.add(item);
    items.push(item);
    teams.push(t);
    size[t]++;
  }
  return { items, teams };
}
