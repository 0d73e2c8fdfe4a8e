/**
 * The short-history prior (issue 10): "what training users whose first titles resemble this
 * user's went on to watch", learned offline (training/prior.ts) and shipped beside the model
 * as models/prior.json. A user with few titles says little about themselves; people who
 * started the same way say more, and that carries across populations better than order
 * patterns do (issue 10).
 *
 * The file holds G groups of training users (k-means over their start vectors; no single
 * user), each as
 *   - a start vector: the normalised mean embedding of its members' first K titles;
 *   - a went-on vector: the normalised mean embedding of what they rated after those;
 *   - optionally the titles they went on to watch most (title keys, shares of members), so
 *     a page's title can be matched by key (src/titles/normalize.ts `titleKey`).
 * At run time (pure): the user's start vector s (their first K titles by time) finds the k
 * groups with the largest cos(s, start_g); with weights max(0, cos)^2,
 *   v = normalised Σ w_g next_g,  p(x) = Σ w_g share_g(x) / Σ w_g,
 *   prior(x) = cos(v, x) + itemWeight · p(x),
 * added to a horizon's score as w(n) · prior(x), w(n) = priorWeight · n0 / (n0 + n) for n
 * history titles (0 past `maxTitles`): the less history, the more the prior speaks.
 */
import { knownTitlesIndex, withTitleNames, type KnownTitles, type KnownTitlesFile } from './known-titles';
import { decodePairs } from './neighbours';
import { periodIndex, type PeriodFile, type PeriodIndex } from './period-pop';
import { orderEvents, type ProfileEvent, type UserProfile } from './user-profile';
import { addScaled, dot, normalized } from './vec';

export interface PriorFile {
  version: string;
  /** The encoder the vectors were made with: a prior is only valid in its embedding space. */
  modelVersion: string;
  dim: number;
  /** K: how many first titles make a start vector. */
  startTitles: number;
  /** Training users it was learned from (count only). */
  users: number;
  /** Smallest group: no group stands for fewer users than this. */
  minGroup: number;
  /** Base64 of G × dim int8 each (each row scaled to max |v| = 127; cosines only, so no scales). */
  start: string;
  next: string;
  /** Title keys the groups' lists refer to. */
  keys: string[];
  /** Per group, flat [keyIndex, share × 1000, …], best first. */
  titles: number[][];
  /**
   * One item text and its embedding (base64 int8, one row) by the encoder the prior was made
   * with: two encoders can share a modelVersion (a retrain), so the loader embeds the text
   * and refuses the prior when the vectors disagree (prior-loader.ts).
   */
  probe?: { text: string; vector: string };
  /** Popularity by period of rating time (period-pop.ts); absent in priors made before it. */
  periods?: PeriodFile;
  /** The training catalog's films with their years and genres (known-titles.ts); absent in priors made before it. */
  known?: KnownTitlesFile;
}

export interface PriorIndex {
  modelVersion: string;
  dim: number;
  startTitles: number;
  groups: number;
  /** G × dim, unit rows. */
  start: Float32Array;
  next: Float32Array;
  rowOf: Map<string, number>;
  keyCount: number;
  titles: { j: Int32Array; w: Float32Array }[];
  probe: { text: string; vector: Float32Array } | null;
  periods: PeriodIndex | null;
  known: KnownTitles | null;
}

/** How the prior is blended into a horizon (HorizonParams). */
export interface PriorBlend {
  priorWeight: number;
  priorN0: number;
  priorItemWeight: number;
  /** Nearest groups averaged over (default PRIOR_RULES.k). */
  priorK?: number;
}

/**
 * The blend per horizon, chosen on the shifted dev split's truncated next-title protocol
 * (models/MODEL_CARD.md, "Short-history prior"); a horizon's params override it (eval).
 * Taste: weight 0 — +0.008 Recall@20 on dev, within noise, no gain on the sampled protocol.
 * Recent: item weight 1, not 5 (session 11). With equal timestamps in random order, the
 * groups' title shares at 5 cost histories of 5–19 titles a fifth of their next-title NDCG on
 * the random-user dev split and on the held-out pre-2004 users; at 1 those gain 23 % and 14 %
 * on dev, the shifted split stays within 3 %, and test held it (MODEL_CARD.md, "Session 11").
 */
export const PRIOR_BLEND: Record<'taste' | 'recent', PriorBlend> = {
  taste: { priorWeight: 0, priorN0: 10, priorItemWeight: 5 },
  recent: { priorWeight: 0.3, priorN0: 10, priorItemWeight: 1 },
};

/** The blend a horizon ranks with: its own params where set, else PRIOR_BLEND. */
export function priorBlendOf(horizon: 'taste' | 'recent', params: Partial<PriorBlend> = {}): PriorBlend {
  const d = PRIOR_BLEND[horizon];
  return {
    priorWeight: params.priorWeight ?? d.priorWeight,
    priorN0: params.priorN0 ?? d.priorN0,
    priorItemWeight: params.priorItemWeight ?? d.priorItemWeight,
    priorK: params.priorK ?? d.priorK ?? PRIOR_RULES.k,
  };
}

export const PRIOR_RULES = {
  /** Nearest groups a user's start vector averages over. */
  k: 5,
  /** Past this many history titles the prior is off (its weight is small long before). */
  maxTitles: 100,
} as const;

function decodeRows(b64: unknown, dim: number, what: string): Float32Array {
  if (typeof b64 !== 'string') throw new Error(`prior: ${what} is not a base64 string`);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new Error(`prior: ${what} is not valid base64`);
  }
  if (bin.length % dim) throw new Error(`prior: ${what} is not a whole number of ${dim}-d rows`);
  const g = bin.length / dim;
  const out = new Float32Array(bin.length);
  for (let r = 0; r < g; r++) {
    let s = 0;
    for (let d = 0; d < dim; d++) {
      const b = bin.charCodeAt(r * dim + d);
      const v = b > 127 ? b - 256 : b;
      out[r * dim + d] = v;
      s += v * v;
    }
    if (!(s > 0)) throw new Error(`prior: ${what} row ${r} is zero`);
    const inv = 1 / Math.sqrt(s);
    for (let d = 0; d < dim; d++) out[r * dim + d] = (out[r * dim + d] as number) * inv;
  }
  return out;
}

/** Int8 rows as base64 (training side): each row scaled to max |v| = 127. */
export function encodeRows(rows: readonly Float32Array[]): string {
  const bytes: number[] = [];
  for (const v of rows) {
    let m = 0;
    for (const x of v) m = Math.max(m, Math.abs(x));
    for (const x of v) bytes.push((Math.round((x / (m || 1)) * 127) + 256) % 256);
  }
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * Validates a parsed models/prior.json against the loaded model; throws with the reason when
 * it is not a prior for it (the engine then ranks without one and logs why).
 */
export function priorIndex(raw: unknown, model: { modelVersion: string; dim: number }): PriorIndex {
  const f = raw as PriorFile | null;
  if (!f || typeof f !== 'object' || typeof f.version !== 'string') throw new Error('prior: not a prior file');
  if (f.modelVersion !== model.modelVersion) throw new Error(`prior: made for ${String(f.modelVersion)}, model is ${model.modelVersion}`);
  if (f.dim !== model.dim) throw new Error(`prior: ${String(f.dim)}-d, model is ${model.dim}-d`);
  if (!Number.isInteger(f.startTitles) || f.startTitles < 1) throw new Error('prior: bad startTitles');
  const start = decodeRows(f.start, f.dim, 'start');
  const next = decodeRows(f.next, f.dim, 'next');
  const groups = start.length / f.dim;
  if (next.length !== start.length || !groups) throw new Error('prior: start and next differ in length');
  if (!Array.isArray(f.keys) || !Array.isArray(f.titles) || f.titles.length !== groups) throw new Error('prior: titles do not match the groups');
  const rowOf = new Map<string, number>();
  f.keys.forEach((k, i) => {
    if (typeof k !== 'string') throw new Error(`prior: key ${i} is not a string`);
    if (!rowOf.has(k)) rowOf.set(k, i);
  });
  const titles = f.titles.map((flat, g) => decodePairs(flat, f.keys.length, `prior: titles of group ${g}`));
  let probe: PriorIndex['probe'] = null;
  if (f.probe !== undefined) {
    if (!f.probe || typeof f.probe.text !== 'string') throw new Error('prior: bad probe');
    const vector = decodeRows(f.probe.vector, f.dim, 'probe');
    if (vector.length !== f.dim) throw new Error('prior: probe is not one row');
    probe = { text: f.probe.text, vector };
  }
  const known = f.known === undefined ? null : knownTitlesIndex(f.known);
  // Titles a page shows without a year still find their group shares, and a name two films
  // share the one it means (a page showing "Heat" means the 1995 film).
  withTitleNames(rowOf, known);
  const periods = f.periods === undefined ? null : periodIndex(f.periods, known);
  return {
    modelVersion: f.modelVersion,
    dim: f.dim,
    startTitles: f.startTitles,
    groups,
    start,
    next,
    rowOf,
    keyCount: f.keys.length,
    titles,
    probe,
    periods,
    known,
  };
}

/** Blend weight for a history of `n` titles: falls with n, 0 without a prior weight or past maxTitles. */
export function priorWeightFor(n: number, b: Partial<PriorBlend>): number {
  const w = b.priorWeight ?? 0;
  const n0 = b.priorN0 ?? 0;
  if (!(w > 0) || n > PRIOR_RULES.maxTitles) return 0;
  return n0 > 0 ? (w * n0) / (n0 + n) : w;
}

/** Normalised mean of the first `K` vectors (already in time order); null without any. */
export function startVector(firstTitles: readonly Float32Array[], k: number): Float32Array | null {
  const use = firstTitles.slice(0, k);
  const first = use[0];
  if (!first) return null;
  const acc = new Float32Array(first.length);
  for (const v of use) for (let d = 0; d < acc.length; d++) acc[d] = (acc[d] as number) + (v[d] as number);
  return normalized(acc);
}

export interface PriorState {
  /** Unit "went on" direction of the nearest groups. */
  vector: Float32Array;
  /** Per title-key row, the blended share of the nearest groups. */
  items: Float32Array;
  /** Nearest groups and their cosines (explanations, tests). */
  nearest: { group: number; cos: number }[];
}

/** The nearest groups' blend for a start vector (one k-NN over ≤ a few hundred rows). */
export function priorFor(index: PriorIndex, start: Float32Array, k: number = PRIOR_RULES.k): PriorState | null {
  if (start.length !== index.dim) return null;
  const sims: { group: number; cos: number }[] = [];
  for (let g = 0; g < index.groups; g++) sims.push({ group: g, cos: dot(start, index.start, g * index.dim, index.dim) });
  sims.sort((a, b) => b.cos - a.cos || a.group - b.group);
  const nearest = sims.slice(0, k).filter((s) => s.cos > 0);
  if (!nearest.length) return null;
  const acc = new Float32Array(index.dim);
  const items = new Float32Array(index.keyCount);
  let mass = 0;
  for (const { group, cos } of nearest) {
    const w = cos * cos;
    mass += w;
    for (let d = 0; d < index.dim; d++) acc[d] = (acc[d] as number) + w * (index.next[group * index.dim + d] as number);
    const t = index.titles[group] as { j: Int32Array; w: Float32Array };
    for (let i = 0; i < t.j.length; i++) items[t.j[i] as number] = (items[t.j[i] as number] as number) + w * (t.w[i] as number);
  }
  for (let r = 0; r < items.length; r++) items[r] = (items[r] as number) / mass;
  const vector = normalized(acc);
  return vector ? { vector, items, nearest } : null;
}

/** Title-key row of each candidate (−1: not in the prior's lists); once per candidate set. */
export function priorRows(index: PriorIndex, keys: readonly string[]): Int32Array {
  const out = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    out[i] = index.rowOf.get(k) ?? -1;
  });
  return out;
}

/** scores[i] += w · (cos(v, x_i) + itemWeight · p(x_i)), in place. */
export function addPrior(
  scores: Float32Array,
  c: { vectors: Float32Array; dim: number },
  prior: PriorState,
  w: number,
  itemWeight: number,
  rows: Int32Array | null,
): void {
  if (!(w > 0)) return;
  const wv = prior.vector.map((x) => w * x);
  const dim = c.dim;
  const x = c.vectors;
  const n = scores.length;
  const even = dim - (dim % 2);
  // The hot loop (one dot product per candidate): unrolled by two with independent
  // accumulators, as recommend.ts does (V8 runs it ≈ 1.4× faster).
  for (let i = 0; i < n; i++) {
    const o = i * dim;
    let a = 0;
    let b = 0;
    let d = 0;
    for (; d < even; d += 2) {
      a += (wv[d] as number) * (x[o + d] as number);
      b += (wv[d + 1] as number) * (x[o + d + 1] as number);
    }
    if (d < dim) a += (wv[d] as number) * (x[o + d] as number);
    scores[i] = (scores[i] as number) + a + b;
  }
  addPriorItems(scores, prior, w * itemWeight, rows);
}

/** scores[i] += wi · p(x_i) for candidates the prior's title lists know. */
function addPriorItems(scores: Float32Array, prior: PriorState, wi: number, rows: Int32Array | null): void {
  if (!wi || !rows) return;
  for (let i = 0; i < scores.length; i++) {
    const r = rows[i] as number;
    if (r >= 0) scores[i] = (scores[i] as number) + wi * ((prior.items[r] as number | undefined) ?? 0);
  }
}

/** What a horizon keeps of the prior: the nearest groups' blend and its weight for this history. */
export interface HorizonPrior {
  state: PriorState;
  weight: number;
  itemWeight: number;
  rowsOf: (c: { keys: readonly string[] }) => Int32Array;
}

// Candidate sets are reused across calls (the engine's catalog): resolve keys once per set and prior.
const rowsCache = new WeakMap<object, { index: PriorIndex; rows: Int32Array }>();

/**
 * The prior for a history (events in any order; titles by their typed origin): its first
 * `startTitles` titles by time make the start vector, its title count n sets the weight.
 */
export function horizonPrior(index: PriorIndex | null | undefined, events: readonly ProfileEvent[], b: PriorBlend): HorizonPrior | null {
  if (!index) return null;
  const isTitle = (e: ProfileEvent): boolean => e.weight > 0 && (e.source === 'history' || (e.source === 'onboarding' && e.pick === 'title'));
  const weight = priorWeightFor(events.filter(isTitle).length, b);
  if (!(weight > 0)) return null;
  // Ordering only when the prior speaks (a long history skips the sort).
  const titles = orderEvents(events.filter(isTitle), events.length);
  const start = startVector(
    titles.map((e) => e.vector),
    index.startTitles,
  );
  const state = start && priorFor(index, start, b.priorK);
  if (!state) return null;
  const rowsOf = (c: { keys: readonly string[] }): Int32Array => {
    const hit = rowsCache.get(c);
    if (hit && hit.index === index) return hit.rows;
    const rows = priorRows(index, c.keys);
    rowsCache.set(c, { index, rows });
    return rows;
  };
  return { state, weight, itemWeight: b.priorItemWeight, rowsOf };
}

/**
 * scores += the horizon's prior term (no-op without one); in place, returns `scores`.
 * `folded`: the direction term is already inside the scores (`foldPrior`), add the title term only.
 */
export function applyPrior(
  scores: Float32Array,
  c: { vectors: Float32Array; dim: number; keys: readonly string[] },
  hp: HorizonPrior | null,
  folded = false,
): Float32Array {
  if (!hp) return scores;
  if (folded) addPriorItems(scores, hp.state, hp.weight * hp.itemWeight, hp.itemWeight ? hp.rowsOf(c) : null);
  else addPrior(scores, c, hp.state, hp.weight, hp.itemWeight, hp.itemWeight ? hp.rowsOf(c) : null);
  return scores;
}

/**
 * A single-interest profile scores cos(g, x) with g its global vector (recommend.ts), so the
 * prior's direction term w · cos(v, x) folds into g' = g + w · v at no cost per candidate;
 * a multi-interest profile is left as is (the caller adds the term per candidate).
 */
export function foldPrior(profile: UserProfile, hp: HorizonPrior | null): { profile: UserProfile; folded: boolean } {
  const g = profile.global;
  if (!hp || !g || (profile.clusters.length > 1 && profile.multiInterest)) return { profile, folded: false };
  const global = Float32Array.from(g);
  addScaled(global, hp.state.vector, hp.weight);
  return { profile: { ...profile, global }, folded: true };
}
