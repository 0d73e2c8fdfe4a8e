/**
 * Popularity of the user's period (issue 10): what people who watched when this user watches
 * watched most. A title's popularity is not one number: a film everyone rated in 2000 is a
 * catalogue title by 2010, and the encoder's popularity logit is an average over every year of
 * its training data. Counted over the other users of the evaluated users' own period, plain
 * popularity finds a fifth more of their held-out titles than counted over all periods
 * (models/MODEL_CARD.md, "Session 18").
 *
 * The file (learned offline by training/period-pop.ts, shipped inside models/prior.json) holds,
 * per period of rating time, how many ratings each title got (titles rated by ≥ 2 users of that
 * period only) and the period's total. At run time (pure):
 *   - the user's period weights come from their own titles, not from clocks (an import keeps
 *     old times, a fresh install has none): w_b ∝ exp(T · mean_j log p_b(j)) over the history
 *     titles the file knows — the period whose popular titles the history is made of;
 *   - each title's lift is log(Σ_b w_b p_b(x) / p(x)): how much more popular it was in the
 *     user's periods than over all of them, with p_b smoothed toward the all-period p
 *     (p_b(x) = (c_b(x) + κ p(x)) / (N_b + κ)), so a period that never saw a title pulls it down
 *     by a bounded amount and a title no period knows, dated within them, gets the same pull as
 *     one unseen in the user's periods (a title without a year, or released after the data
 *     ends, gets none).
 * A horizon adds `periodWeight · lift(x)` next to its popularity term (horizons.ts).
 *
 * The same file carries, per period, what that period's users rated together (`cowatch`): a
 * horizon adds `cowatchWeight · cw(x)`, the co-watching of the user's titles with x in the user's
 * periods, over whole histories or (`early`) over each user's first titles, the period's sign-up
 * list. Co-watching over all years lost on users of another period than the training users'
 * (MODEL_CARD.md, "Session 17"); counted per period and weighed by the user's, it gains where the
 * period is known and stays silent where it is not ("Session 19").
 */
import { splitKey } from '../titles/normalize';
import { withTitleNames, type KnownTitles } from './known-titles';
import { decodePairs } from './neighbours';

export interface PeriodFile {
  /** Ascending start years of the periods of rating time, then the end year (exclusive). */
  bounds: number[];
  /** Ratings per period (every title, also those below the floor). */
  totals: number[];
  keys: string[];
  /** Per period, flat [keyIndex, ratings, …]. */
  counts: number[][];
  /**
   * Stage counts: per period and bin of history positions (`bounds`: ascending starts, then the
   * end), how many users rated each title there (`counts`, flat pairs) out of how many users
   * reached that bin (`users`).
   */
  stages?: { bounds: number[]; users: number[][]; counts: number[][][] };
  /**
   * Per period and key row, the titles that period's users most often rated with it: flat
   * [keyIndex, users who rated both, …] (≥ 2 users each), and the cosine's shrinkage in users.
   */
  cowatch?: {
    shrink: number;
    pairs: number[][][];
    /** The same, counting only each user's first `titles` titles (a period's sign-up list). */
    early?: { titles: number; pairs: number[][][] };
  };
}

export interface PeriodIndex {
  periods: number;
  bounds: number[];
  rowOf: Map<string, number>;
  /** periods × keys: smoothed p_b(x), then the all-period p(x) as the last row. */
  prob: Float64Array;
  keyCount: number;
  /** p_b of a title the period never saw, per period, over p(x) (the lift's floor). */
  unseen: Float64Array;
  /** Per period and position bin, the share of that bin's users who rated each title (sparse). */
  stages: { bounds: number[]; users: number[][]; share: { j: Int32Array; w: Float32Array }[][] } | null;
  /** Per period, each key row's co-watch neighbours in that period (cosines), rows in CSR form. */
  cowatch: Cowatch[] | null;
  /** The same among users' first titles (null: the file has none). */
  cowatchEarly: Cowatch[] | null;
}

/** One period's co-watch neighbours: row x's are j/w[start[x] … start[x + 1]). */
export interface Cowatch {
  start: Int32Array;
  j: Int32Array;
  w: Float32Array;
}

export const PERIOD_RULES = {
  /** Sharpness of the period weights: the mean log-likelihood gap between periods is small. */
  temperature: 10,
  /** Smoothing toward the all-period distribution, in ratings. */
  kappa: 1000,
  /** Fewer known history titles than this: no lift (the periods cannot be told apart). */
  minTitles: 3,
} as const;

/**
 * Validates a parsed `periods` block (throws with the reason) and precomputes the smoothed shares.
 * `known`: the training catalog's films, which settle what a name alone means (known-titles.ts).
 */
export function periodIndex(raw: unknown, known: KnownTitles | null = null): PeriodIndex {
  const f = raw as PeriodFile | null;
  if (!f || typeof f !== 'object') throw new Error('periods: not an object');
  const { bounds, totals, keys, counts } = f;
  if (!Array.isArray(bounds) || bounds.length < 2 || !bounds.every((y, i) => Number.isInteger(y) && (i === 0 || y > (bounds[i - 1] as number))))
    throw new Error('periods: bounds are not ascending years');
  const periods = bounds.length - 1;
  if (!Array.isArray(totals) || totals.length !== periods || !totals.every((t) => Number.isFinite(t) && t > 0))
    throw new Error('periods: totals do not match the periods');
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw new Error('periods: keys are not strings');
  if (!Array.isArray(counts) || counts.length !== periods) throw new Error('periods: counts do not match the periods');
  const n = keys.length;
  const rowOf = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!rowOf.has(k)) rowOf.set(k, i);
  });
  // A page or an export that shows no year keys a title by its name alone.
  withTitleNames(rowOf, known);
  const c = new Float64Array(periods * n);
  counts.forEach((flat, b) => {
    const { j, w } = decodePairs(flat, n, `periods: counts of period ${b}`, 1);
    for (let t = 0; t < j.length; t++) c[b * n + (j[t] as number)] = w[t] as number;
  });
  const total = totals.reduce((a, b) => a + b, 0);
  const prob = new Float64Array((periods + 1) * n);
  // All-period p(x), add-one smoothed over the titles the file knows.
  for (let x = 0; x < n; x++) {
    let s = 0;
    for (let b = 0; b < periods; b++) s += c[b * n + x] as number;
    prob[periods * n + x] = (s + 1) / (total + n);
  }
  const k = PERIOD_RULES.kappa;
  const unseen = new Float64Array(periods);
  for (let b = 0; b < periods; b++) {
    const nb = totals[b] as number;
    unseen[b] = k / (nb + k);
    for (let x = 0; x < n; x++) prob[b * n + x] = ((c[b * n + x] as number) + k * (prob[periods * n + x] as number)) / (nb + k);
  }
  return {
    periods,
    bounds: [...bounds],
    rowOf,
    prob,
    keyCount: n,
    unseen,
    stages: f.stages === undefined ? null : stageIndex(f.stages, periods, n),
    cowatch: f.cowatch === undefined ? null : cowatchIndex(f.cowatch.shrink, f.cowatch.pairs, c, periods, n),
    cowatchEarly: f.cowatch?.early === undefined ? null : cowatchIndex(f.cowatch.shrink, f.cowatch.early.pairs, c, periods, n),
  };
}

/** Cosines c_xy / (√n_x n_y + shrink) from the file's co-watch counts and the period's counts n. */
function cowatchIndex(shrink: unknown, pairs: unknown, counts: Float64Array, periods: number, n: number): Cowatch[] {
  if (!(typeof shrink === 'number' && shrink >= 0)) throw new Error('periods: co-watch shrinkage is not a number ≥ 0');
  if (!Array.isArray(pairs) || pairs.length !== periods) throw new Error('periods: co-watch lists do not match the periods');
  return pairs.map((rows, b) => {
    if (!Array.isArray(rows) || rows.length !== n) throw new Error(`periods: co-watch of period ${b} does not match the keys`);
    // Straight into the flat arrays: a per-row decode made ~65,000 short-lived arrays per load.
    const start = new Int32Array(n + 1);
    rows.forEach((flat, x) => {
      if (!Array.isArray(flat) || flat.length % 2) throw new Error(`periods: co-watch of period ${b}, title ${x} is not [row, users] pairs`);
      start[x + 1] = (start[x] as number) + flat.length / 2;
    });
    const j = new Int32Array(start[n] as number);
    const w = new Float32Array(start[n] as number);
    rows.forEach((flat: unknown[], x) => {
      const nx = counts[b * n + x] as number;
      for (let t = 0, at = start[x] as number; t < flat.length; t += 2, at++) {
        const y = flat[t];
        const c = flat[t + 1];
        if (!Number.isInteger(y) || (y as number) < 0 || (y as number) >= n)
          throw new Error(`periods: co-watch of period ${b}, title ${x} has a bad pair`);
        if (typeof c !== 'number' || !(c >= 2) || c > nx) throw new Error(`periods: co-watch of period ${b}, title ${x} has a bad count`);
        j[at] = y as number;
        w[at] = c / (Math.sqrt(nx * (counts[b * n + (y as number)] as number)) + shrink);
      }
    });
    return { start, j, w };
  });
}

function stageIndex(raw: NonNullable<PeriodFile['stages']>, periods: number, n: number): NonNullable<PeriodIndex['stages']> {
  const { bounds, users, counts } = raw;
  if (
    !Array.isArray(bounds) ||
    bounds.length < 2 ||
    !bounds.every((x, i) => Number.isInteger(x) && x >= 0 && (i === 0 || x > (bounds[i - 1] as number)))
  )
    throw new Error('periods: stage bounds are not ascending positions');
  const bins = bounds.length - 1;
  if (!Array.isArray(users) || users.length !== periods || !Array.isArray(counts) || counts.length !== periods)
    throw new Error('periods: stages do not match the periods');
  const share = counts.map((byBin, b) => {
    const u = users[b];
    if (!Array.isArray(byBin) || byBin.length !== bins || !Array.isArray(u) || u.length !== bins)
      throw new Error(`periods: stages of period ${b} do not match the bins`);
    return byBin.map((flat, k) => {
      const d = decodePairs(flat, n, `periods: stage ${k} of period ${b}`, 1);
      const m = u[k] as number;
      if (!(m >= 0)) throw new Error(`periods: stage ${k} of period ${b} has no user count`);
      for (let t = 0; t < d.w.length; t++) d.w[t] = m > 0 ? Math.min(1, (d.w[t] as number) / m) : 0;
      return d;
    });
  });
  return { bounds: [...bounds], users: users.map((u) => [...u]), share };
}

/** The user's weight on each period, from the history titles the file knows; null: too few of them. */
export function periodWeights(
  index: PeriodIndex,
  historyKeys: Iterable<string>,
  temperature: number = PERIOD_RULES.temperature,
): Float64Array | null {
  // The all-period distribution competes as one more component: a history no period explains
  // better than the whole (a user of a time the data does not reach) gets no lift.
  const { periods, keyCount: n, prob } = index;
  const m = periods + 1;
  const ll = new Float64Array(m);
  let known = 0;
  for (const key of historyKeys) {
    const x = index.rowOf.get(key);
    if (x === undefined) continue;
    known++;
    for (let b = 0; b < m; b++) ll[b] = (ll[b] as number) + Math.log(prob[b * n + x] as number);
  }
  if (known < PERIOD_RULES.minTitles) return null;
  let max = Number.NEGATIVE_INFINITY;
  for (let b = 0; b < m; b++) max = Math.max(max, (ll[b] as number) / known);
  const w = new Float64Array(m);
  let z = 0;
  for (let b = 0; b < m; b++) {
    w[b] = Math.exp(temperature * ((ll[b] as number) / known - max));
    z += w[b] as number;
  }
  for (let b = 0; b < m; b++) w[b] = (w[b] as number) / z;
  return w;
}

/**
 * Plain words for the dashboard when one period clearly explains the history ("Your titles look
 * most like what people watched in 1999–2001"); null when none does, or the whole data does.
 */
export function describePeriod(index: PeriodIndex, weights: Float64Array): string | null {
  let best = 0;
  for (let b = 1; b < index.periods; b++) if ((weights[b] as number) > (weights[best] as number)) best = b;
  if (!((weights[best] as number) >= 0.6)) return null;
  const from = index.bounds[best] as number;
  const to = (index.bounds[best + 1] as number) - 1;
  return `Your titles look most like what people watched in ${from === to ? from : `${from}–${to}`}`;
}

/** lift per title-key row, then the lift of a title the file does not know (last entry). */
export function periodLifts(index: PeriodIndex, weights: Float64Array): Float32Array {
  const { periods, keyCount: n, prob } = index;
  const out = new Float32Array(n + 1);
  for (let x = 0; x < n; x++) {
    let mix = 0;
    for (let b = 0; b <= periods; b++) mix += (weights[b] as number) * (prob[b * n + x] as number);
    out[x] = Math.log(mix / (prob[periods * n + x] as number));
  }
  let floor = weights[periods] as number;
  for (let b = 0; b < periods; b++) floor += (weights[b] as number) * (index.unseen[b] as number);
  out[n] = Math.log(floor);
  return out;
}

/** The stage bin a history of `n` titles is in (−1: no stages, or past the last bin). */
export function stageBin(index: PeriodIndex, n: number): number {
  const b = index.stages?.bounds;
  if (!b || n < (b[0] as number) || n >= (b.at(-1) as number)) return -1;
  let k = 0;
  while (n >= (b[k + 1] as number)) k++;
  return k;
}

/**
 * For a history of `n` titles, the share of users of the user's periods who rated each title
 * (per key row) at the stage the next title comes at; null past the last bin or without stages.
 */
export function stageShares(index: PeriodIndex, weights: Float64Array, n: number): Float32Array | null {
  const st = index.stages;
  const k = stageBin(index, n);
  if (!st || k < 0) return null;
  const out = new Float32Array(index.keyCount + 1);
  // The all-period component's weight goes to each period by its users at this stage (a pooled share).
  let reached = 0;
  for (let b = 0; b < index.periods; b++) reached += (st.users[b] as number[])[k] as number;
  const pooled = reached > 0 ? (weights[index.periods] ?? 0) / reached : 0;
  for (let b = 0; b < index.periods; b++) {
    const wb = (weights[b] as number) + pooled * ((st.users[b] as number[])[k] as number);
    const d = (st.share[b] as { j: Int32Array; w: Float32Array }[])[k] as { j: Int32Array; w: Float32Array };
    for (let t = 0; t < d.j.length; t++) out[d.j[t] as number] = (out[d.j[t] as number] as number) + wb * (d.w[t] as number);
  }
  return out;
}

/** The co-watch term of one history: per key row its score, and which history title paired with it most strongly. */
export interface CowatchTerm {
  /** cw per key row, then 0 for a title the file does not know (last entry). */
  scores: Float32Array;
  /** Per key row, the index in the history of the title its strongest pair is with (−1: none). */
  by: Int32Array;
  /** That pair's period-weighted cosine. */
  strength: Float32Array;
}

/**
 * cw(x) = Σ_b w_b Σ_h w_h cos_b(h, x) / Σ_h w_h: how much the users of the user's periods watched x
 * with the user's titles h (weighted as the horizon weighs them). The all-period component gets
 * none: co-watching of one period does not carry to another (MODEL_CARD.md, "Session 17"), so a
 * history no period explains better than the whole gets no term. Null without co-watch lists or
 * history weight.
 */
export function cowatchScores(
  index: PeriodIndex,
  weights: Float64Array,
  history: readonly { key: string; weight: number }[],
  lists: 'all' | 'early' = 'all',
): CowatchTerm | null {
  const cw = lists === 'early' ? index.cowatchEarly : index.cowatch;
  if (!cw) return null;
  let mass = 0;
  for (const h of history) if (h.weight > 0) mass += h.weight;
  if (!(mass > 0)) return null;
  const n = index.keyCount;
  const scores = new Float32Array(n + 1);
  const by = new Int32Array(n).fill(-1);
  const strength = new Float32Array(n);
  // Each history title's key row, once for all periods (−1: not in the file, or no weight).
  const rows = history.map((h) => (h.weight > 0 ? (index.rowOf.get(h.key) ?? -1) : -1));
  for (let b = 0; b < index.periods; b++) {
    const wb = weights[b] as number;
    if (!(wb > 0)) continue;
    const { start, j, w } = cw[b] as Cowatch;
    history.forEach((h, hi) => {
      const r = rows[hi] as number;
      if (r < 0) return;
      const f = (wb * h.weight) / mass;
      for (let t = start[r] as number; t < (start[r + 1] as number); t++) {
        const x = j[t] as number;
        const c = w[t] as number;
        scores[x] = (scores[x] as number) + f * c;
        if (wb * c > (strength[x] as number)) {
          strength[x] = wb * c;
          by[x] = hi;
        }
      }
    });
  }
  return { scores, by, strength };
}

/** A candidate the file does not know and cannot speak about: no year, or released after its last period. */
export const BEYOND_DATA = -2;

/**
 * Row of each candidate key: −1 for a title the file does not know though its periods could
 * have (dated within them: unseen, so pulled down like a title the user's periods never saw);
 * BEYOND_DATA for one without a year or released after the data ends (a new release is not
 * unpopular, the data is old: no lift either way).
 */
export function periodRows(index: PeriodIndex, keys: readonly string[]): Int32Array {
  const end = index.bounds.at(-1) as number;
  const out = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    const r = index.rowOf.get(k);
    if (r !== undefined) out[i] = r;
    else {
      const { year } = splitKey(k);
      out[i] = year !== null && year < end ? -1 : BEYOND_DATA;
    }
  });
  return out;
}

/** scores[i] += weight · lift(x_i), in place. */
export function addPeriodLift(scores: Float32Array, lifts: Float32Array, rows: Int32Array, weight: number): void {
  if (!weight) return;
  const unknown = lifts[lifts.length - 1] as number;
  for (let i = 0; i < scores.length; i++) {
    const r = rows[i] as number;
    if (r !== BEYOND_DATA) scores[i] = (scores[i] as number) + weight * (r >= 0 ? (lifts[r] as number) : unknown);
  }
}
