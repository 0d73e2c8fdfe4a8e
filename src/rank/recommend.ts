/**
 * Ranking: candidates → score → filter → diversify.
 *
 * Score of candidate x (unit vector, popularity logit π):
 *   s(x) = (1 − μ) · cos(g, x) + μ · max_c [scale_c · cos(p_c, x) + bias_c] + popWeight · π + boost(x)
 * with g the global profile (the core's profile), p_c the interest clusters, μ =
 * RECOMMEND_RULES.clusterMix = 0.2 when the data found ≥ 2 interests and 0 otherwise
 * (scale_c, bias_c: user-profile.ts), so for a single-interest (plain) history the score is
 * exactly the core's `scoreAll` (cos + popWeight · π). μ is picked on the dev split
 * (122 held-out ml-latest-small users, shipped model tasteful-ml-1, half-life 3 items,
 * leave-last-out, full ranking, through src/rank/rank-history.ts as `npm run eval` does;
 * NDCG@10 / HR@10): μ 0 (= core) 0.0891 / 0.156, μ 0.1 0.0928 / 0.156, μ 0.2 0.0954 / 0.156,
 * μ 0.3 0.0927 / 0.148, μ 0.4 0.0930 / 0.148, μ 0.6 0.0880 / 0.139 (the earlier 0.6 was
 * picked with an older model on all 610 users, 488 of them its training users).
 * Sanity check on all 610 users: see models/MODEL_CARD.md. boost(x) = the largest
 * genre boost among x's genres: strong context habits active now (context.ts) and, before
 * the profile is confident, +0.05 per onboarding genre (≤ 0.1). Minus the penalty for
 * genres the user turned away from (genre-leaning.ts; 0 for a history without negatives,
 * so the eval is unchanged). No profile at all (cold start): popularity + onboarding genres only.
 *
 * Filter (discovery rows and top picks): thumbs down and not-interested titles and their
 * near-duplicates (same key or cosine > 0.92), finished titles (completion ≥ 0.9, not a
 * series), titles in progress (they live in "Continue watching").
 *
 * Diversify (MMR): from the best 200, repeatedly take the candidate maximising
 *   (s − s_best) / σ − 1.0 · max(0, maxSim − 0.5) / 0.5
 * where maxSim is its largest cosine to the titles already taken and σ the spread of the
 * user's scores; a candidate with the same key or cosine > 0.92 to a taken title is skipped.
 */
import type { Habit } from './context';
import { affinityMap, leaningPenalty } from './genre-leaning';
import { topK } from './top-k';
import type { Cluster, UserProfile } from './user-profile';
import { dot } from './vec';
import { isUnreleased, sameFilmAs } from './filters';

export interface CandidateSet {
  /** Row-major n × dim, L2-normalised. */
  vectors: Float32Array;
  dim: number;
  popularity?: Float32Array;
  /** Title key per row (rows are distinct keys). */
  keys: readonly string[];
  /** Canonical genres per row (may be empty arrays; may be omitted in benches). */
  genres?: readonly (readonly string[])[];
  /**
   * Release year per row where one is known: shown, or the known film's (known-titles.ts).
   * Omitted: each key's own year.
   */
  years?: readonly (number | null)[];
}

export interface ScoreParams {
  popWeight: number;
  /** Habits active in the current context (already filtered for strength). */
  habits?: readonly Habit[];
  /** Onboarding genres; boosted while the profile is not confident. */
  onboardingGenres?: readonly string[];
}

export const RECOMMEND_RULES = {
  /** μ: see the header (dev split, tasteful-ml-1). */
  clusterMix: 0.2,
  onboardingGenreBoost: 0.05,
  onboardingGenreCap: 0.1,
  dupCos: 0.92,
  pool: 200,
  mmrPenalty: 1.0,
  mmrFrom: 0.5,
} as const;

export interface Scores {
  scores: Float32Array;
  /** Cluster giving the max term per row (−1: none). */
  bestCluster: Int8Array;
  /** Genre boost applied per row (for explanations), or null when none applied. */
  boost: Float32Array | null;
}

function genreBoosts(profile: UserProfile | null, p: ScoreParams): Map<string, number> {
  const b = new Map<string, number>();
  for (const h of p.habits ?? []) b.set(h.genre, Math.max(b.get(h.genre) ?? 0, h.boost));
  if (!profile?.confident) {
    for (const g of p.onboardingGenres ?? []) b.set(g, Math.max(b.get(g) ?? 0, RECOMMEND_RULES.onboardingGenreBoost));
  }
  return b;
}

export function scoreCandidates(profile: UserProfile | null, c: CandidateSet, p: ScoreParams): Scores {
  const { vectors: v, dim } = c;
  const n = Math.floor(v.length / dim);
  const scores = new Float32Array(n);
  const bestCluster = new Int8Array(n).fill(-1);
  const pop = c.popularity;
  const pw = p.popWeight;
  const clusters = profile?.global ? profile.clusters : [];
  const K = clusters.length;
  const mu = profile?.multiInterest ? RECOMMEND_RULES.clusterMix : 0;

  if (K === 0) {
    for (let i = 0; i < n; i++) scores[i] = pop ? pw * (pop[i] as number) : 0;
  } else if (K === 1 || mu === 0) {
    // One interest: the core's score, cos(g, x) + popWeight · π.
    const g = profile?.global as Float32Array;
    for (let i = 0; i < n; i++) {
      const base = i * dim;
      let acc = 0;
      for (let d = 0; d < dim; d++) acc += (g[d] as number) * (v[base + d] as number);
      scores[i] = acc + (pop ? pw * (pop[i] as number) : 0);
      bestCluster[i] = 0;
    }
  } else if (K === 2) {
    // Two interests (the most common multi-interest profile): P is dim × 2, interleaved. The
    // three-wide pass below would spend a third of its multiplies on an empty column.
    const { P, coef, bias, scale } = interleaveClusters(clusters, dim, 2);
    const [c0, c1] = coef as [number, number];
    const [b0, b1] = bias as [number, number];
    const [s0, s1] = scale as [number, number];
    const g1 = 1 - mu;
    const even = dim - (dim % 2);
    for (let i = 0; i < n; i++) {
      const base = i * dim;
      let a0 = 0;
      let a1 = 0;
      let e0 = 0;
      let e1 = 0;
      // Unrolled by two with independent accumulators, summed in the same order as the wider passes.
      let d = 0;
      let q = 0;
      for (; d < even; d += 2, q += 4) {
        const x = v[base + d] as number;
        const y = v[base + d + 1] as number;
        a0 += (P[q] as number) * x;
        a1 += (P[q + 1] as number) * x;
        e0 += (P[q + 2] as number) * y;
        e1 += (P[q + 3] as number) * y;
      }
      if (d < dim) {
        const x = v[base + d] as number;
        a0 += (P[q] as number) * x;
        a1 += (P[q + 1] as number) * x;
      }
      a0 += e0;
      a1 += e1;
      let m = s0 * a0 + b0;
      let bc = 0;
      if (s1 * a1 + b1 > m) {
        m = s1 * a1 + b1;
        bc = 1;
      }
      scores[i] = g1 * (c0 * a0 + c1 * a1) + mu * m;
      bestCluster[i] = bc;
    }
    if (pop) for (let i = 0; i < n; i++) scores[i] = (scores[i] as number) + pw * (pop[i] as number);
  } else if (K <= 3) {
    // Three interests in one pass over each row: P is dim × 3, interleaved.
    const { P, coef, bias, scale } = interleaveClusters(clusters, dim, 3);
    const [c0, c1, c2] = coef as [number, number, number];
    const [b0, b1, b2] = bias as [number, number, number];
    const [s0, s1, s2] = scale as [number, number, number];
    const g1 = 1 - mu;
    const even = dim - (dim % 2);
    for (let i = 0; i < n; i++) {
      const base = i * dim;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let e0 = 0;
      let e1 = 0;
      let e2 = 0;
      // Unrolled by two (independent accumulators): ~1.4× faster in V8.
      let d = 0;
      let q = 0;
      for (; d < even; d += 2, q += 6) {
        const x = v[base + d] as number;
        const y = v[base + d + 1] as number;
        a0 += (P[q] as number) * x;
        a1 += (P[q + 1] as number) * x;
        a2 += (P[q + 2] as number) * x;
        e0 += (P[q + 3] as number) * y;
        e1 += (P[q + 4] as number) * y;
        e2 += (P[q + 5] as number) * y;
      }
      if (d < dim) {
        const x = v[base + d] as number;
        a0 += (P[q] as number) * x;
        a1 += (P[q + 1] as number) * x;
        a2 += (P[q + 2] as number) * x;
      }
      a0 += e0;
      a1 += e1;
      a2 += e2;
      let m = s0 * a0 + b0;
      let bc = 0;
      if (s1 * a1 + b1 > m) {
        m = s1 * a1 + b1;
        bc = 1;
      }
      if (s2 * a2 + b2 > m) {
        m = s2 * a2 + b2;
        bc = 2;
      }
      scores[i] = g1 * (c0 * a0 + c1 * a1 + c2 * a2) + mu * m;
      bestCluster[i] = bc;
    }
    if (pop) for (let i = 0; i < n; i++) scores[i] = (scores[i] as number) + pw * (pop[i] as number);
  } else {
    // Four or five interests: P is dim × 5, interleaved.
    const { P, coef, bias, scale } = interleaveClusters(clusters, dim, 5);
    const [c0, c1, c2, c3, c4] = coef as [number, number, number, number, number];
    const [b0, b1, b2, b3, b4] = bias as [number, number, number, number, number];
    const [s0, s1, s2, s3, s4] = scale as [number, number, number, number, number];
    const g1 = 1 - mu;
    for (let i = 0; i < n; i++) {
      const base = i * dim;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let a4 = 0;
      for (let d = 0, q = 0; d < dim; d++, q += 5) {
        const x = v[base + d] as number;
        a0 += (P[q] as number) * x;
        a1 += (P[q + 1] as number) * x;
        a2 += (P[q + 2] as number) * x;
        a3 += (P[q + 3] as number) * x;
        a4 += (P[q + 4] as number) * x;
      }
      let m = s0 * a0 + b0;
      let bc = 0;
      if (s1 * a1 + b1 > m) {
        m = s1 * a1 + b1;
        bc = 1;
      }
      if (s2 * a2 + b2 > m) {
        m = s2 * a2 + b2;
        bc = 2;
      }
      if (s3 * a3 + b3 > m) {
        m = s3 * a3 + b3;
        bc = 3;
      }
      if (s4 * a4 + b4 > m) {
        m = s4 * a4 + b4;
        bc = 4;
      }
      scores[i] = g1 * (c0 * a0 + c1 * a1 + c2 * a2 + c3 * a3 + c4 * a4) + mu * m;
      bestCluster[i] = bc;
    }
    if (pop) for (let i = 0; i < n; i++) scores[i] = (scores[i] as number) + pw * (pop[i] as number);
  }

  const boost = addGenreBoosts(profile, c, p, scores);
  subtractLeaningPenalty(profile, c, scores);
  return { scores, bestCluster, boost };
}

/**
 * Scores from a similarity computed elsewhere (the taste horizon's soft maximum,
 * taste-kernel.ts): the same popularity, genre boosts and turned-away penalty as above.
 */
export function scoreWithSimilarity(profile: UserProfile, c: CandidateSet, p: ScoreParams, similarity: Float32Array): Scores {
  const scores = similarity;
  const pop = c.popularity;
  if (pop) for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) + p.popWeight * (pop[i] as number);
  const boost = addGenreBoosts(profile, c, p, scores);
  subtractLeaningPenalty(profile, c, scores);
  return { scores, bestCluster: nearestClusters(profile, c, scores), boost };
}

/**
 * Rows past this many (by score) get no nearest interest (−1): a catalog's tail is never
 * shown, and a cluster dot product per interest per row cost a 100k-title catalog more than
 * its similarity did.
 */
export const NEAREST_CLUSTER_ROWS = 2000;

/**
 * Per row, the interest (cluster) of the max term above — argmax_c scale_c · cos(p_c, x) + bias_c —
 * so rows' interest quotas work the same whichever similarity scored the candidates. Only the
 * best NEAREST_CLUSTER_ROWS rows by `scores` are named on a larger catalog.
 */
function nearestClusters(profile: UserProfile, c: CandidateSet, scores: Float32Array): Int8Array {
  const { vectors: v, dim } = c;
  const n = Math.floor(v.length / dim);
  const clusters = profile.clusters;
  const one = profile.global && clusters.length ? 0 : -1;
  if (clusters.length < 2) return new Int8Array(n).fill(one);
  const rows = n <= NEAREST_CLUSTER_ROWS ? null : topK(scores, NEAREST_CLUSTER_ROWS);
  const out = new Int8Array(n).fill(rows ? -1 : one);
  const nameRow = (i: number): void => {
    let best = Number.NEGATIVE_INFINITY;
    for (let ci = 0; ci < clusters.length; ci++) {
      const cl = clusters[ci] as Cluster;
      const m = cl.scale * dot(cl.profile, v, i * dim, dim) + cl.bias;
      if (m > best) {
        best = m;
        out[i] = ci;
      }
    }
  };
  if (rows) for (const { index } of rows) nameRow(index);
  else for (let i = 0; i < n; i++) nameRow(i);
  return out;
}

/**
 * Cluster profiles interleaved for the unrolled kernels: P[d · width + c] = p_c[d], at most
 * `width` clusters; unused slots score −1e9 in the max term and weigh 0 in the global one.
 */
function interleaveClusters(
  clusters: readonly Cluster[],
  dim: number,
  width: number,
): { P: Float32Array; coef: number[]; bias: number[]; scale: number[] } {
  const P = new Float32Array(dim * width);
  const coef = new Array<number>(width).fill(0);
  const bias = new Array<number>(width).fill(-1e9);
  const scale = new Array<number>(width).fill(1);
  clusters.slice(0, width).forEach((cl, ci) => {
    for (let d = 0; d < dim; d++) P[d * width + ci] = cl.profile[d] as number;
    coef[ci] = cl.globalCoef;
    bias[ci] = cl.bias;
    scale[ci] = cl.scale;
  });
  return { P, coef, bias, scale };
}

/** Adds each row's largest genre boost to its score; returns the boosts (for explanations), or null when none apply. */
function addGenreBoosts(profile: UserProfile | null, c: CandidateSet, p: ScoreParams, scores: Float32Array): Float32Array | null {
  const gb = genreBoosts(profile, p);
  if (!gb.size || !c.genres) return null;
  const n = scores.length;
  const boost = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (const g of c.genres[i] ?? []) b = Math.max(b, gb.get(g) ?? 0);
    if (b > 0) {
      boost[i] = b;
      scores[i] = (scores[i] as number) + b;
    }
  }
  return boost;
}

/** Genres the user turned away from (abandons, thumbs down, not interested): genre-leaning.ts. */
function subtractLeaningPenalty(profile: UserProfile | null, c: CandidateSet, scores: Float32Array): void {
  const aff = profile?.global && c.genres ? affinityMap(profile) : null;
  if (!aff || ![...aff.values()].some((a) => a < 0)) return;
  for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) - leaningPenalty(aff, c.genres?.[i] ?? []);
}

export function cosRows(c: CandidateSet, i: number, j: number): number {
  const { vectors: v, dim } = c;
  let s = 0;
  const a = i * dim;
  const b = j * dim;
  for (let d = 0; d < dim; d++) s += (v[a + d] as number) * (v[b + d] as number);
  return s;
}

export interface Blocklist {
  /** Keys never shown in discovery rows. */
  keys: ReadonlySet<string>;
  /** Unit vectors of disliked titles: candidates within `dupCos` of one are dropped. */
  vectors: readonly Float32Array[];
  /** Titles of a later release year are not offered: they cannot be watched yet (filters.ts `releasedBy`). */
  releasedBy?: number;
  /**
   * Disliked titles by name (key base → release years, null: none known): the same name a year
   * off, or without a year, is the same film as listed by another service (filters.ts `sameFilmAs`).
   */
  dislikedNames?: ReadonlyMap<string, readonly (number | null)[]>;
}

export function isBlocked(c: CandidateSet, i: number, block: Blocklist): boolean {
  const key = c.keys[i] as string;
  if (block.keys.has(key)) return true;
  if (block.releasedBy !== undefined && isUnreleased(key, block.releasedBy)) return true;
  if (block.dislikedNames?.size && sameFilmAs(key, block.dislikedNames)) return true;
  const { vectors: v, dim } = c;
  for (const b of block.vectors) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += (b[d] as number) * (v[i * dim + d] as number);
    if (s > RECOMMEND_RULES.dupCos) return true;
  }
  return false;
}

export interface DiversifyOptions {
  k: number;
  /** Spread of the user's scores (calibration σ). */
  sigma: number;
  /** Extra per-row filter (e.g. already used in an earlier row). */
  skip?: (i: number) => boolean;
  /** Titles already shown that new picks must not duplicate. */
  taken?: readonly number[];
}

/** MMR over candidates ordered best first. */
export function diversify(c: CandidateSet, order: readonly number[], scores: Float32Array, o: DiversifyOptions): number[] {
  const R = RECOMMEND_RULES;
  const pool = order.filter((i) => !o.skip?.(i)).slice(0, R.pool);
  const picked: number[] = [];
  const against = [...(o.taken ?? [])];
  const maxSim = new Float64Array(pool.length).fill(-1);
  const alive = new Uint8Array(pool.length).fill(1);
  const top = pool.length ? (scores[pool[0] as number] as number) : 0;
  const sigma = Math.max(1e-6, o.sigma);
  const keysTaken = new Set(against.map((i) => c.keys[i]));
  const update = (j: number): void => {
    pool.forEach((i, pi) => {
      if (!alive[pi]) return;
      if (c.keys[i] === c.keys[j]) {
        alive[pi] = 0;
        return;
      }
      const s = cosRows(c, i, j);
      if (s > R.dupCos) alive[pi] = 0;
      else if (s > (maxSim[pi] as number)) maxSim[pi] = s;
    });
  };
  pool.forEach((i, pi) => {
    if (keysTaken.has(c.keys[i] as string)) alive[pi] = 0;
  });
  for (const j of against) update(j);
  while (picked.length < o.k) {
    let best = -1;
    let bestVal = -Infinity;
    pool.forEach((i, pi) => {
      if (!alive[pi]) return;
      const val = ((scores[i] as number) - top) / sigma - R.mmrPenalty * (Math.max(0, (maxSim[pi] as number) - R.mmrFrom) / (1 - R.mmrFrom));
      if (val > bestVal) {
        bestVal = val;
        best = pi;
      }
    });
    if (best < 0) break;
    const j = pool[best] as number;
    alive[best] = 0;
    picked.push(j);
    update(j);
  }
  return picked;
}

/** Row indices by score, best first, the blocklist and `skip` applied, at most `limit`. */
export function bestOrder(c: CandidateSet, scores: Float32Array, limit: number, block: Blocklist, skip?: (i: number) => boolean): number[] {
  // Blocked keys are filtered from the shortlist (asking for that many more), so a large
  // catalog is not walked key by key; near-duplicates are checked on the shortlist only.
  const n = scores.length;
  let want = Math.min(n, limit + block.keys.size + 16);
  for (;;) {
    const out: number[] = [];
    const list = topK(scores, want);
    for (const { index } of list) {
      if (isBlocked(c, index, block) || skip?.(index)) continue;
      out.push(index);
      if (out.length >= limit) return out;
    }
    if (want >= n) return out;
    want = Math.min(n, want * 4);
  }
}
