/**
 * The user's profile: per-event weights (the core's recency rule plus the user-visible
 * wall-clock half-life), interest clusters, genre affinities, context habits, evidence.
 * Pure; the engine feeds it embeddings.
 *
 * Effective weight of event j (ordered oldest → newest, onboarding before all history,
 * at most 200 events):
 *   eff_j = weight_j × 0.5^((n − 1 − j) / halfLifeItems) × 0.5^((t − at_j) / halfLifeDays)
 * (the wall-clock factor is 1 for onboarding picks; searches decay like history; t is the time
 * of the newest positive history event, at most now: `wallClockAnchor`). This is exactly `buildProfile`'s rule
 * (scripts/core/profile.ts) with halfLifeMs = halfLifeDays; the global profile
 * g = Σ eff_j e_j / |…| equals `buildProfile(events, { halfLifeItems, halfLifeMs, now })`
 * for a plain history (tested).
 *
 * Clusters: spherical k-means over the events with eff > 0 except searches (see
 * cluster.ts), in the embedding joined with the genres (× 0.8). Each negative event and each search is assigned to the cluster whose centroid it is nearest, so a skip pushes the
 * interest it resembles. Cluster c's raw vector r_c = Σ_{j∈c} eff_j e_j, its profile
 * p_c = r_c / |r_c|, and g = Σ_c r_c, hence cos(g, x) = Σ_c (|r_c| / |g|) cos(p_c, x):
 * the scorer gets the core's global score for free from the per-cluster dot products.
 */
import { clusterInterests } from './cluster';
import { learnHabits, type ContextSession, type Habit } from './context';
import { evidenceOf, type TitleEvent } from './events';
import { genresLabel } from './genres';
import { addScaled, dot, norm } from './vec';

export type ProfileEvent = TitleEvent & {
  vector: Float32Array;
  /** Display title ("Alien"), the query for a search, or the genre for an onboarding genre pick. */
  title: string;
  /** Canonical genres. */
  genres: readonly string[];
  /** Release year where one is known (shown, or the known film's); absent: the key's own. */
  year?: number | null;
};

export interface ProfileOptions {
  halfLifeItems: number;
  halfLifeDays: number;
  now: number;
  maxEvents?: number;
  onboardingDone?: boolean;
  /** Sessions for context habits (optional). */
  sessions?: readonly ContextSession[];
}

export interface Cluster {
  index: number;
  /** Share of the positive (effective) mass, 0..1. */
  share: number;
  /** Unit profile vector of this interest (positives + assigned negatives). */
  profile: Float32Array;
  /** |r_c| / |g|: its coefficient in the global score. */
  globalCoef: number;
  /** Additive bias in the max-over-clusters term: 0.05 · ln(share / maxShare), ≥ −0.15. */
  bias: number;
  /**
   * Multiplier of cos(p_c, x) in the max term: mean cohesion / this cluster's cohesion
   * (cohesion = weighted mean cosine of its own positive members to p_c), clamped to
   * [0.8, 1.25]. A title as close to a loose interest as the user's own titles in it scores
   * like one as close to a tight interest.
   */
  scale: number;
  /** Weighted mean cosine of the positive members to p_c. */
  cohesion: number;
  genres: string[];
  label: string;
  /** Heaviest member titles first. */
  examples: { key: string; title: string }[];
  /** Indices into `UserProfile.events`. */
  members: number[];
}

export interface UserProfile {
  dim: number;
  /** Ordered as weighted (oldest → newest). */
  events: ProfileEvent[];
  eff: Float64Array;
  global: Float32Array | null;
  clusters: Cluster[];
  /** Clusters worth their own row (k ≥ 2 found by the data). */
  multiInterest: boolean;
  /** Signed, scaled to max |a| = 1, strongest first. */
  genreAffinity: { genre: string; affinity: number }[];
  habits: Habit[];
  evidence: number;
  strongTitles: number;
  confident: boolean;
  halfLifeDays: number;
}

/**
 * `negativeShare`: skips, thumbs down and impressions push the profile away from titles, but
 * together they may cancel at most this share of the positive mass. Without the cap, two
 * skips right after three short watches outweighed them (the newest events weigh most) and
 * the profile pointed "away from romance" instead of "towards sci-fi": nowhere useful.
 */
export const PROFILE_RULES = { maxEvents: 200, clusterBiasScale: 0.05, clusterBiasFloor: -0.15, genreMix: 0.8, negativeShare: 0.5 } as const;

/**
 * Effective weights for events already in weighting order. Recency in items counts only
 * positive events (the model was trained on sequences of things watched): a skip does not
 * age the watches before it, and it takes the age of the positives that follow it.
 */
export function effectiveWeights(events: readonly Pick<TitleEvent, 'at' | 'weight' | 'source'>[], o: ProfileOptions): Float64Array {
  const n = events.length;
  const out = new Float64Array(n);
  const halfLifeMs = o.halfLifeDays * 86_400_000;
  const clock = wallClockAnchor(events, o.now);
  let positivesAfter = 0;
  for (let i = n - 1; i >= 0; i--) {
    const e = events[i] as Pick<TitleEvent, 'at' | 'weight' | 'source'>;
    const age = e.weight > 0 ? positivesAfter++ : positivesAfter;
    let w = e.weight * 0.5 ** (age / o.halfLifeItems);
    if (e.source !== 'onboarding') w *= 0.5 ** (Math.max(0, clock - e.at) / halfLifeMs);
    out[i] = w;
  }
  let pos = 0;
  let neg = 0;
  for (const w of out) w > 0 ? (pos += w) : (neg -= w);
  if (neg > PROFILE_RULES.negativeShare * pos) {
    const k = neg > 0 ? (PROFILE_RULES.negativeShare * pos) / neg : 0;
    for (let i = 0; i < n; i++) if ((out[i] as number) < 0) out[i] = (out[i] as number) * k;
  }
  return out;
}

/**
 * Where the wall-clock half-life counts from: the newest title the user took up (a positive
 * history event), or `now` if that is later than now or there is none. The half-life fades older
 * interests against newer ones; counted from `now`, a history whose newest watch is years old (a
 * history imported from another service or period, a long pause) faded as a whole: after about
 * 30 half-lives (2.5 years at the recent horizon's 30 days) its profile vanished, and well before
 * that one search or onboarding pick outweighed all of it. Counted from its newest title, it
 * keeps the shape its weights had then; a history in use (watched lately) is unchanged.
 */
export function wallClockAnchor(events: readonly Pick<TitleEvent, 'at' | 'weight' | 'source'>[], now: number): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const e of events) if (e.source === 'history' && e.weight > 0 && e.at > newest) newest = e.at;
  return Number.isFinite(newest) ? Math.min(now, newest) : now;
}

/** Weighting order: onboarding picks first (input order), then history by time (stable). */
export function orderEvents<T extends Pick<TitleEvent, 'at' | 'source'>>(events: readonly T[], maxEvents: number): T[] {
  const onb = events.filter((e) => e.source === 'onboarding');
  const hist = events
    .map((e, i) => ({ e, i }))
    .filter((x) => x.e.source !== 'onboarding')
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map((x) => x.e);
  return [...onb, ...hist].slice(-maxEvents);
}

export function buildUserProfile(input: readonly ProfileEvent[], o: ProfileOptions): UserProfile {
  const events = orderEvents(input, o.maxEvents ?? PROFILE_RULES.maxEvents);
  const dim = events[0]?.vector.length ?? 0;
  const eff = effectiveWeights(events, o);
  const { evidence, strongTitles } = evidenceOf(events);
  const confident = evidence >= 1 && (strongTitles >= 2 || (!!o.onboardingDone && strongTitles >= 1));
  const habits = learnHabits(o.sessions ?? []);

  const posIdx: number[] = [];
  // Searches join the interest they are nearest to, but do not shape the clusters.
  events.forEach((e, i) => {
    if ((eff[i] as number) > 0 && e.source !== 'search') posIdx.push(i);
  });
  const cvec = clusteringSpace(events, dim);
  const clustering = clusterInterests(posIdx.map((i) => ({ vector: cvec[i] as Float32Array, weight: eff[i] as number })));
  const k = clustering.k;
  const members = assignMembers(events, eff, posIdx, cvec, clustering);

  const raws = members.map((m) => {
    const r = new Float32Array(dim);
    for (const i of m) addScaled(r, (events[i] as ProfileEvent).vector, eff[i] as number);
    return r;
  });
  const g = new Float32Array(dim);
  for (const r of raws) addScaled(g, r, 1);
  const gNorm = norm(g);
  const global = gNorm > 1e-9 ? g.map((x) => x / gNorm) : null;

  const posMass = posIdx.reduce((s, i) => s + (eff[i] as number), 0);
  const clusters: Cluster[] = [];
  if (global) {
    members.forEach((m, ci) => {
      const c = describeCluster(events, eff, m, raws[ci] as Float32Array, posMass, gNorm);
      if (c) clusters.push({ index: clusters.length, ...c });
    });
    calibrateClusters(clusters);
  }

  return {
    dim,
    events,
    eff,
    global,
    clusters,
    multiInterest: k >= 2 && clusters.length >= 2,
    genreAffinity: genreAffinityOf(events, eff),
    habits,
    evidence,
    strongTitles,
    confident,
    halfLifeDays: o.halfLifeDays,
  };
}

/**
 * Clustering space: the embedding joined with the title's genres (multi-hot, unit,
 * × 0.8), renormalised. The embedding alone mixes taste with popularity (acclaimed
 * classics sit close together across genres); the genres keep interests nameable.
 */
function clusteringSpace(events: readonly ProfileEvent[], dim: number): Float32Array[] {
  const vocab = new Map<string, number>();
  for (const e of events) for (const g of e.genres) if (!vocab.has(g)) vocab.set(g, vocab.size);
  const clusterVec = (e: ProfileEvent): Float32Array => {
    const out = new Float32Array(dim + vocab.size);
    out.set(e.vector);
    const gs = e.genres.filter((g) => vocab.has(g));
    for (const g of gs) out[dim + (vocab.get(g) as number)] = PROFILE_RULES.genreMix / Math.sqrt(gs.length);
    const nn = norm(out);
    return nn > 0 ? out.map((x) => x / nn) : out;
  };
  return events.map(clusterVec);
}

/** Event indices per cluster: positives as clustered, negatives and searches to the nearest centroid. */
function assignMembers(
  events: readonly ProfileEvent[],
  eff: Float64Array,
  posIdx: readonly number[],
  cvec: readonly Float32Array[],
  clustering: ReturnType<typeof clusterInterests>,
): number[][] {
  const members: number[][] = Array.from({ length: Math.max(1, clustering.k) }, () => []);
  posIdx.forEach((i, p) => {
    members[clustering.assign[p] as number]?.push(i);
  });
  events.forEach((e, i) => {
    if ((eff[i] as number) >= 0 && e.source !== 'search') return;
    if (eff[i] === 0) return;
    let best = 0;
    let bs = -Infinity;
    clustering.centroids.forEach((c, ci) => {
      const s = dot(c, cvec[i] as Float32Array);
      if (s > bs) {
        bs = s;
        best = ci;
      }
    });
    members[best]?.push(i);
  });
  return members;
}

/** One interest from its members and raw vector r_c (index, bias and scale set later); null when r_c vanishes. */
function describeCluster(
  events: readonly ProfileEvent[],
  eff: Float64Array,
  m: number[],
  r: Float32Array,
  posMass: number,
  gNorm: number,
): Omit<Cluster, 'index'> | null {
  const rn = norm(r);
  if (!(rn > 1e-9)) return null;
  const mass = m.reduce((s, i) => s + Math.max(0, eff[i] as number), 0);
  const genres = clusterGenres(events, eff, m);
  const examples = m
    .filter((i) => (eff[i] as number) > 0 && (events[i] as ProfileEvent).source === 'history')
    .sort((a, b) => (eff[b] as number) - (eff[a] as number))
    .slice(0, 3)
    .map((i) => ({ key: (events[i] as ProfileEvent).key, title: (events[i] as ProfileEvent).title }));
  return {
    share: posMass > 0 ? mass / posMass : 1,
    profile: r.map((x) => x / rn),
    globalCoef: rn / gNorm,
    bias: 0,
    scale: 1,
    cohesion: cohesionOf(
      events,
      eff,
      m,
      r.map((x) => x / rn),
    ),
    genres,
    label: genresLabel(genres),
    examples,
    members: m,
  };
}

/** The interest's top 3 genres by positive weight. */
function clusterGenres(events: readonly ProfileEvent[], eff: Float64Array, m: readonly number[]): string[] {
  const gw = new Map<string, number>();
  for (const i of m) {
    const w = eff[i] as number;
    if (w <= 0) continue;
    // Earlier-listed genres describe a title better: weight 1 / (1 + 0.25 · position).
    (events[i] as ProfileEvent).genres.forEach((gen, pos) => {
      gw.set(gen, (gw.get(gen) ?? 0) + w / (1 + 0.25 * pos));
    });
  }
  return [...gw.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([x]) => x)
    .slice(0, 3);
}

/** Weighted mean cosine of the positive members to the unit profile p. */
function cohesionOf(events: readonly ProfileEvent[], eff: Float64Array, m: readonly number[], p: Float32Array): number {
  let num = 0;
  let den = 0;
  for (const i of m) {
    const w = eff[i] as number;
    if (w <= 0) continue;
    num += w * dot(p, (events[i] as ProfileEvent).vector);
    den += w;
  }
  return den > 0 ? num / den : 1;
}

/** Heaviest interest first; index, scale and bias (from the share relative to the heaviest) in place. */
function calibrateClusters(clusters: Cluster[]): void {
  clusters.sort((a, b) => b.share - a.share);
  const maxShare = Math.max(1e-9, ...clusters.map((c) => c.share));
  const meanCoh =
    clusters.reduce((a, c) => a + c.share * c.cohesion, 0) /
    Math.max(
      1e-9,
      clusters.reduce((a, c) => a + c.share, 0),
    );
  clusters.forEach((c, i) => {
    c.index = i;
    c.scale = c.cohesion > 1e-6 ? Math.min(1.25, Math.max(0.8, meanCoh / c.cohesion)) : 1;
    c.bias =
      c.share > 0
        ? Math.max(PROFILE_RULES.clusterBiasFloor, PROFILE_RULES.clusterBiasScale * Math.log(c.share / maxShare))
        : PROFILE_RULES.clusterBiasFloor;
  });
}

/** Signed genre affinities, scaled to max |a| = 1, strongest first. */
function genreAffinityOf(events: readonly ProfileEvent[], eff: Float64Array): { genre: string; affinity: number }[] {
  const aff = new Map<string, number>();
  events.forEach((e, i) => {
    for (const gen of e.genres) aff.set(gen, (aff.get(gen) ?? 0) + (eff[i] as number));
  });
  const maxAff = Math.max(1e-9, ...[...aff.values()].map(Math.abs));
  return [...aff.entries()]
    .map(([genre, a]) => ({ genre, affinity: Math.round((a / maxAff) * 1000) / 1000 }))
    .sort((a, b) => b.affinity - a.affinity || a.genre.localeCompare(b.genre));
}
