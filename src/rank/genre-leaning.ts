/**
 * A title's standing with the user's genre leanings, and the score penalty for genres the
 * user turned away from. The embedding alone moves slowly on negative evidence: after four
 * finished sci-fi films and two romances abandoned after six seconds, romances still scored
 * 77 % against 84 % for sci-fi, and a comedy scored 96 % while the profile showed Comedy at
 * −0.52. The genre affinities (user-profile.ts, the numbers the dashboard shows, scaled to
 * max |a| = 1) carry that evidence directly, so the score uses them too:
 *
 *   leaning(x) = min(0, min_g a_g) + max(0, max_g a_g)      over x's genres with an affinity
 *   penalty(x) = min(cap, perUnit · max(0, −leaning(x) − free))
 *
 * A liked genre of the same title offsets a disliked one ("Her" is romance and sci-fi: for
 * a sci-fi fan who drops romances it is not a disliked title). `free` ignores faint
 * negatives (a few unopened impressions). perUnit 1, cap 0.3, in score units (the shipped
 * model's scores spread with σ ≈ 0.25 over a catalog): in the issue-13 replay (four finished
 * sci-fi films, two romances abandoned after 6 s, Aliens thumbed up) Romance and Comedy sit
 * at −0.26, a penalty of 0.21; Romance titles then average 22 % (no badge = 0) against 42 %
 * for the catalog (src/engine/replay.real.test.ts). One abandon (≈ −0.13) costs ≈ 0.08.
 * Thumbs down and "not interested" weigh more (events.ts) and move further.
 */
import type { UserProfile } from './user-profile';

export const LEANING_RULES = { free: 0.05, perUnit: 1, cap: 0.3, disliked: -0.2 } as const;

export type Affinity = ReadonlyMap<string, number>;

// Explanations ask once per title (hundreds per page): one map per profile.
const maps = new WeakMap<object, Map<string, number>>();

export function affinityMap(profile: Pick<UserProfile, 'genreAffinity'> | null): Affinity {
  if (!profile) return new Map();
  let m = maps.get(profile.genreAffinity);
  if (!m) maps.set(profile.genreAffinity, (m = new Map(profile.genreAffinity.map((g) => [g.genre, g.affinity]))));
  return m;
}

/** Net leaning of a title from its genres: its most disliked genre offset by its most liked one. */
export function leaning(aff: Affinity, genres: readonly string[]): number {
  let lo = 0;
  let hi = 0;
  for (const g of genres) {
    const a = aff.get(g);
    if (a === undefined) continue;
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  return lo + hi;
}

/** Score penalty (≥ 0) for a title in genres the user turned away from. */
export function leaningPenalty(aff: Affinity, genres: readonly string[]): number {
  const d = -leaning(aff, genres) - LEANING_RULES.free;
  return d > 0 ? Math.min(LEANING_RULES.cap, LEANING_RULES.perUnit * d) : 0;
}

/** Whether the title sits in a genre the user dislikes (net leaning ≤ −0.25): no neighbour from elsewhere explains it. */
export function inDislikedGenre(aff: Affinity, genres: readonly string[]): boolean {
  return leaning(aff, genres) <= LEANING_RULES.disliked;
}
