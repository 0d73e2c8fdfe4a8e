/**
 * Rows for the "Picked for you" panel and the popup: short curated lists, at most 10 rows
 * of 10, per user in content and order.
 *
 * Rows (ids are stable):
 *   top              "Top picks for you": best 10 after filter + diversification (MMR);
 *                    each interest with ≥ 20 % of the evidence gets at least one place
 *                    (its best title replaces the last pick of the most represented one,
 *                    inserted at position 4).
 *   continue         "Continue watching": 0.05 ≤ completion < 0.9, most recent first.
 *   because:<key>    "Because you watched X" ("liked X" for a thumbs up without a counted
 *                    watch, "loved X"): for the 2 most recent strong titles (real
 *                    watch ≥ 50 % or up/love); among the max(12, 10 %) titles nearest X,
 *                    by cos(X, x) + popWeight · π; not titles in a genre the user turned
 *                    away from unless X shares one of their genres (explain.ts).
 *   cluster:<n>      one per interest when the data found ≥ 2 (label from its genres);
 *                    items whose best interest is n and whose cosine to it is ≥ half the
 *                    interest's own cohesion, by score.
 *   genre:<slug>     up to 3 genres with the highest positive affinity (as many as fit
 *                    in 10 rows); items by score.
 *   trending         "Trending here": titles this site showed most in the last 7 days
 *                    (distinct impression days + tiles), by count then score.
 *   explore          "Explore something new" (≤ 5): never met, farther from every
 *                    interest (max cosine over the clusters) than the median candidate,
 *                    none of its genres with affinity ≥ 0.25, not in an earlier row, by
 *                    popularity.
 * Items already placed in an earlier discovery row are skipped (Trending here, which
 * reports facts, does not skip them, and Continue watching neither skips nor counts); a discovery row with < 3 items is
 * dropped; genres that lead an interest row get no genre row of their own. Over 10 rows,
 * the weakest ranked rows go first (top, continue and explore stay). Order: top, continue, then the
 * others by strength = mean z-score of their first 5 items + type prior (because +0.3,
 * cluster +0.2, genre 0, trending −0.2), explore last.
 */
import type { PickItem, PickRow } from './types';
import type { Habit } from './context';
import { becauseText, explain, fitsAsReason } from './explain';
import { genreSlug, genresLabel } from './genres';
import { badge, type Calibration } from './match';
import { bestOrder, diversify, isBlocked, type Blocklist, type CandidateSet, type Scores } from './recommend';
import type { Cluster, ProfileEvent, UserProfile } from './user-profile';
import { row as vrow } from './vec';

export const ROW_RULES = {
  maxRows: 10,
  perRow: 10,
  minItems: 3,
  because: 2,
  genres: 3,
  explore: 5,
  topQuotaShare: 0.2,
  becauseNear: 12,
  clusterClose: 0.5,
  prior: { because: 0.3, cluster: 0.2, genre: 0, trending: -0.2 },
} as const;

export type ItemBase = Omit<PickItem, 'match' | 'why'>;

export interface RowsInput {
  profile: UserProfile | null;
  cands: CandidateSet;
  scored: Scores;
  cal: Calibration;
  popWeight: number;
  block: Blocklist;
  /** In-progress titles, most recent first. */
  continueWatching: readonly { key: string; completion: number }[];
  /** This site's most shown titles (count = distinct days + tiles), most first. */
  trending: readonly { key: string; count: number }[];
  /** Keys with any own event (watch, skip, rating, impression). */
  seenKeys: ReadonlySet<string>;
  habits: readonly Habit[];
  onboardingGenres: readonly string[];
  /** Popularity threshold for "popular" (the catalog's 80th percentile). */
  popularAt: number;
  describe: (i: number) => ItemBase;
  /** Candidate indices for the top row instead of `topPickOrder` (an interleaved experiment list). */
  topPicks?: readonly number[];
  /** The history title the user's period often watched a title with, for its "why" (horizons.ts `cowatchedWith`). */
  watchedWith?: (key: string) => ProfileEvent | null;
}

/**
 * "Top picks for you": the best 10 after filter + diversification (MMR). Every interest with
 * ≥ 20 % of the evidence gets at least one of them: its best remaining title replaces the
 * weakest pick of the most represented interest.
 */
export function topPickOrder(profile: UserProfile | null, cands: CandidateSet, scored: Scores, block: Blocklist, sigma: number): number[] {
  const scores = scored.scores;
  const order = bestOrder(cands, scores, 300, block);
  const topPicks = diversify(cands, order, scores, { k: ROW_RULES.perRow, sigma });
  if (profile?.multiInterest) {
    for (const cl of profile.clusters) {
      if (cl.share < ROW_RULES.topQuotaShare || topPicks.some((i) => scored.bestCluster[i] === cl.index)) continue;
      const best = order.find((i) => scored.bestCluster[i] === cl.index && !topPicks.includes(i));
      if (best === undefined || topPicks.length < 2) continue;
      const counts = new Map<number, number>();
      for (const i of topPicks) counts.set(scored.bestCluster[i] as number, (counts.get(scored.bestCluster[i] as number) ?? 0) + 1);
      const major = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      const victim = topPicks
        .map((i, pos) => ({ i, pos }))
        .reverse()
        .find((x) => scored.bestCluster[x.i] === major);
      if (victim) topPicks.splice(victim.pos, 1);
      topPicks.splice(Math.min(topPicks.length, 3), 0, best);
    }
  }
  return topPicks;
}

export function buildRows(inp: RowsInput): PickRow[] {
  const { cands, scored, cal, profile } = inp;
  const scores = scored.scores;
  const indexOf = new Map(cands.keys.map((k, i) => [k, i]));
  const used = new Set<number>();
  const z = (i: number): number => ((scores[i] as number) - cal.mu) / cal.sigma;
  const confident = !!profile?.confident;
  const pop = cands.popularity;

  const item = (i: number, why?: string[], explore = false): PickItem => {
    const base = inp.describe(i);
    return {
      ...base,
      match: badge(cal, scores[i] as number, { confident, disliked: false }),
      why: why ?? whyOf(i, base, explore),
    };
  };
  function whyOf(i: number, base: ItemBase, explore: boolean): string[] {
    return explain({
      profile,
      vector: vrow(cands.vectors, cands.dim, i),
      genres: cands.genres?.[i] ?? [],
      key: cands.keys[i],
      title: base.title,
      popular: pop ? (pop[i] as number) >= inp.popularAt : false,
      habits: inp.habits,
      onboardingGenres: inp.onboardingGenres,
      explore,
      watchedWith: inp.watchedWith?.(cands.keys[i] as string) ?? null,
    });
  }

  const rows: RankedRow[] = [];
  const push = (
    id: string,
    label: string,
    idx: number[],
    fixed: number,
    prior = 0,
    whyFor?: (i: number) => string[] | undefined,
    explore = false,
  ): void => {
    if (!idx.length || (fixed > 1 && idx.length < ROW_RULES.minItems)) return;
    const top5 = idx.slice(0, 5);
    const strength = top5.reduce((s, i) => s + z(i), 0) / top5.length + prior;
    rows.push({ row: { id, label, items: idx.map((i) => item(i, whyFor?.(i), explore)) }, strength, fixed });
    if (id !== 'continue') for (const i of idx) used.add(i);
  };
  const free = (i: number): boolean => used.has(i);

  // Top picks (or the interleaved list of a local experiment, src/rank/experiment/).
  push('top', 'Top picks for you', inp.topPicks ? [...inp.topPicks] : topPickOrder(profile, cands, scored, inp.block, cal.sigma), 0);

  // Continue watching.
  const cont = continueRow(inp, indexOf);
  push('continue', 'Continue watching', cont.idx, 1, 0, (i) => cont.why.get(i));

  if (profile?.global) {
    // Because you watched X.
    const recent = profile.events
      .filter((e) => e.source === 'history' && e.strong && e.weight > 0)
      .sort((a, b) => b.at - a.at)
      .slice(0, ROW_RULES.because);
    for (const e of recent) {
      const picked = becausePicks(inp, profile, e, free);
      // The verb is what the user did: "watched" only with a counted watch, "liked" for a thumbs up alone.
      const label = e.rating === 'love' ? `Because you loved ${e.title}` : becauseText(e);
      push(`because:${e.key}`, label, picked, 2, ROW_RULES.prior.because, () => [label]);
    }

    // One row per interest.
    if (profile.multiInterest) {
      for (const cl of profile.clusters) push(`cluster:${cl.index}`, cl.label, clusterPicks(inp, cl, free), 2, ROW_RULES.prior.cluster);
    }
  }

  // Genre rows by affinity (cold start: onboarding genres).
  const genres = genreRowGenres(profile, inp.onboardingGenres);
  // Room left for genre rows once trending and explore have their places.
  const reserved = (inp.trending.length >= ROW_RULES.minItems ? 1 : 0) + (profile?.global && pop ? 1 : 0);
  const genreBudget = Math.max(0, Math.min(ROW_RULES.genres, ROW_RULES.maxRows - rows.length - reserved));
  for (const g of genres.slice(0, genreBudget)) {
    const ord = bestOrder(cands, scores, 100, inp.block, (i) => free(i) || !(cands.genres?.[i] ?? []).includes(g));
    push(
      `genre:${genreSlug(g)}`,
      genresLabel([g]),
      diversify(cands, ord, scores, { k: ROW_RULES.perRow, sigma: cal.sigma }),
      2,
      ROW_RULES.prior.genre,
    );
  }

  // Trending here.
  push('trending', 'Trending here', trendingPicks(inp, indexOf), 2, ROW_RULES.prior.trending);

  // Explore: popular, far from the profile, never met.
  if (profile?.global && pop) {
    const picked = explorePicks(inp, profile, pop, free);
    if (picked.length >= ROW_RULES.minItems) {
      rows.push({
        row: { id: 'explore', label: 'Explore something new', items: picked.map((i) => item(i, undefined, true)) },
        strength: -Infinity,
        fixed: 3,
      });
    }
  }

  return orderAndCap(rows);
}

interface RankedRow {
  row: PickRow;
  strength: number;
  /** 0 top, 1 continue, 2 ranked by strength, 3 explore. */
  fixed: number;
}

/** Rows in display order; over the cap, the weakest ranked rows go (top, continue and explore stay). */
function orderAndCap(rows: RankedRow[]): PickRow[] {
  rows.sort((a, b) => a.fixed - b.fixed || b.strength - a.strength);
  while (rows.length > ROW_RULES.maxRows) {
    const weakest = rows.map((r) => r.fixed).lastIndexOf(2);
    rows.splice(weakest >= 0 ? weakest : ROW_RULES.maxRows, 1);
  }
  return rows.map((r) => r.row);
}

/** In-progress titles in the catalog, most recent first, each with how far through the user is. */
function continueRow(inp: RowsInput, indexOf: ReadonlyMap<string, number>): { idx: number[]; why: Map<number, string[]> } {
  const cont = inp.continueWatching
    .map((c) => ({ c, i: indexOf.get(c.key) }))
    .filter((x): x is { c: { key: string; completion: number }; i: number } => x.i !== undefined);
  const why = new Map(cont.map((x) => [x.i, [`You're ${Math.round(x.c.completion * 100)}% through`]]));
  return { idx: cont.slice(0, ROW_RULES.perRow).map((x) => x.i), why };
}

/** "Because you watched X": among the titles nearest X, by cos(X, x) + popWeight · π, diversified. */
function becausePicks(inp: RowsInput, profile: UserProfile, e: ProfileEvent, taken: (i: number) => boolean): number[] {
  const { cands } = inp;
  const pop = cands.popularity;
  const n = cands.keys.length;
  const s = new Float32Array(n);
  const sim = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let d = 0; d < cands.dim; d++) acc += (e.vector[d] as number) * (cands.vectors[i * cands.dim + d] as number);
    sim[i] = acc;
    s[i] = acc + (pop ? inp.popWeight * (pop[i] as number) : 0);
  }
  // Only titles among the nearest to X: the top max(12, 10 %) of the unblocked by cosine.
  const open = bestOrder(cands, sim, Math.max(ROW_RULES.becauseNear, Math.ceil(0.1 * n)), inp.block, (i) => cands.keys[i] === e.key);
  const near = open.length ? (sim[open[open.length - 1] as number] as number) : Infinity;
  // Titles X would not truthfully explain (a disliked genre X is not in) stay out.
  const ord = bestOrder(
    cands,
    s,
    100,
    inp.block,
    (i) => taken(i) || cands.keys[i] === e.key || (sim[i] as number) < near || !fitsAsReason(profile, e, { genres: cands.genres?.[i] ?? [] }),
  );
  return diversify(cands, ord, s, { k: ROW_RULES.perRow, sigma: inp.cal.sigma });
}

/** One interest's row: items whose best interest it is and that are close enough to it, by score. */
function clusterPicks(inp: RowsInput, cl: Cluster, taken: (i: number) => boolean): number[] {
  const { cands, scored } = inp;
  const close = (i: number): boolean => {
    let c = 0;
    for (let d = 0; d < cands.dim; d++) c += (cl.profile[d] as number) * (cands.vectors[i * cands.dim + d] as number);
    return c >= ROW_RULES.clusterClose * cl.cohesion;
  };
  const ord = bestOrder(cands, scored.scores, 100, inp.block, (i) => taken(i) || scored.bestCluster[i] !== cl.index || !close(i));
  return diversify(cands, ord, scored.scores, { k: ROW_RULES.perRow, sigma: inp.cal.sigma });
}

/**
 * Genres for genre rows, by affinity (cold start: onboarding genres). Genres that already
 * lead an interest row are covered by it.
 */
function genreRowGenres(profile: UserProfile | null, onboardingGenres: readonly string[]): string[] {
  const covered = new Set(profile?.multiInterest ? profile.clusters.map((c) => c.genres[0]) : []);
  return (profile?.global ? profile.genreAffinity.filter((g) => g.affinity > 0).map((g) => g.genre) : [...onboardingGenres]).filter(
    (g) => !covered.has(g),
  );
}

/** This site's most shown titles in the catalog and not blocked, by count then score. */
function trendingPicks(inp: RowsInput, indexOf: ReadonlyMap<string, number>): number[] {
  const scores = inp.scored.scores;
  return inp.trending
    .map((t) => ({ t, i: indexOf.get(t.key) }))
    .filter((x): x is { t: { key: string; count: number }; i: number } => x.i !== undefined)
    .filter((x) => !isBlocked(inp.cands, x.i, inp.block))
    .sort((a, b) => b.t.count - a.t.count || (scores[b.i] as number) - (scores[a.i] as number))
    .slice(0, ROW_RULES.perRow)
    .map((x) => x.i);
}

/** Explore: popular, farther from every interest than the median candidate, never met, none of the liked genres. */
function explorePicks(inp: RowsInput, profile: UserProfile, pop: Float32Array, taken: (i: number) => boolean): number[] {
  const { cands } = inp;
  const n = cands.keys.length;
  // Distance to the nearest interest (max cosine over the clusters).
  const sims = new Float32Array(n).fill(-Infinity);
  for (const cl of profile.clusters) {
    const g = cl.profile;
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let d = 0; d < cands.dim; d++) acc += (g[d] as number) * (cands.vectors[i * cands.dim + d] as number);
      if (acc > (sims[i] as number)) sims[i] = acc;
    }
  }
  const median = Float32Array.from(sims).sort()[Math.floor(n / 2)] ?? 0;
  const liked = new Set(profile.genreAffinity.filter((g) => g.affinity >= 0.25).map((g) => g.genre));
  const ord = bestOrder(
    cands,
    pop,
    100,
    inp.block,
    (i) =>
      taken(i) || inp.seenKeys.has(cands.keys[i] as string) || (sims[i] as number) >= median || (cands.genres?.[i] ?? []).some((g) => liked.has(g)),
  );
  return diversify(cands, ord, pop, { k: ROW_RULES.explore, sigma: 1 });
}
