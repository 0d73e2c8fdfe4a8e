/**
 * Offline evaluation on MovieLens through the extension's own ranking code (issue 10).
 *
 *   npx tsx scripts/eval.ts --ratings R --movies M [--out F]
 *        [--split test/fixtures/shift-split.json --side dev|test]   (evaluation under shift)
 *        [--users U.json] [--neighbours F|none] [--taste k=v,…] [--recent k=v,…]
 *        [--protocols next,sampled,taste] [--no-baselines] [--no-core] [--ease-lambda 500] [--ease-max-items 2500]
 *        [--prior F|none] [--prior-fit start=10,horizon=50,groups=0,…] [--truncate 5,10,15] [--sampled-history 30] [--ties file|shuffle]
 *
 * Users: `--split S --side dev` evaluates the split's dev users; the collaborative term and
 * population shares are then learned from the split's `train` users only (training/
 * neighbours.ts, same code as the shipped models/neighbours.json). Without a split, the
 * shipped models/neighbours.json is used (learned on all ml-latest-small users: optimistic).
 * The short-history prior (src/rank/prior.ts) likewise: with a split it is fitted on the train
 * users (training/prior.ts `fitPrior`, options `--prior-fit`), else `--prior F` or the model
 * folder's prior.json; `--prior none` ranks without it.
 *
 * Histories: each rating = one finished, single watch at its timestamp (star values are not
 * visible to a page), through the engine's event rules (rank-history.ts `finishedWatchEvents`)
 * → src/rank/horizons.ts `rankHorizon`, the function the engine ranks with. Wall-clock decay
 * is measured from the user's last history event with the extension's default setting off
 * (MovieLens timestamps are rating times, users rate in bursts).
 *
 * Protocols (each also broken down by history length: < 20, 20–100, > 100 titles):
 *  - next (full ranking): ratings by time, the last is the test title, the rest the history;
 *    every movie of the evaluated ratings is a candidate, history excluded, and, as the picks
 *    do (filters.ts), titles released after the year of the last history title; the 'recent'
 *    horizon (picks). Every ranker (today, MostPop, EASE) gets the same candidates. Keys
 *    `model`, `core`, `mostPop`, `ease` as before.
 *  - sampled: same test title among 99 titles the user never rated, drawn uniformly (seeded);
 *    the 'taste' horizon (what a badge shows); HR@10 / NDCG@10. `--sampled-history 30` keeps
 *    only the last 30 titles as the history, as a user who imports their last 30 titles.
 *  - taste: 20 % of each user's titles held out at random (seeded), the rest in time order as
 *    the history; Recall@20 and NDCG@20 over the full ranking; the 'taste' horizon.
 *  - truncated (`--truncate 5,10,15`, the cold-start protocol the prior is chosen on): each
 *    user's first n titles by time are the history, title n + 1 the test title; full ranking
 *    as in next, both horizons, MostPop / EASE fitted on those truncated histories.
 * `today` is the engine before issue 10 (rank-history.ts, half-life 3 items, pop 0.1) on
 * every protocol; `mostPop` and `ease` are fitted on the evaluated users' own histories
 * (in-domain references our model does not get).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { Embedder, type ModelManifest } from '../src/model/embedder';
import { buildItemText } from '../src/model/text';
import { catalogMeanOf } from '../src/model/catalog-mean';
import { isUnreleased, releasedBy } from '../src/rank/filters';
import { canonicalGenres } from '../src/rank/genres';
import { BADGE_RULES, badgeMixFor, badgeScores, HORIZONS, rankHorizon, type Horizon, type HorizonParams } from '../src/rank/horizons';
import { neighbourIndex, type NeighbourIndex } from '../src/rank/neighbours';
import { priorBlendOf, priorIndex, type PriorIndex } from '../src/rank/prior';
import { buildProfile, type HistoryEvent } from './core/profile';
import { finishedWatchEvents, rankHistory } from '../src/rank/rank-history';
import type { CandidateSet } from '../src/rank/recommend';
import { rank, topK } from './core/score';
import type { ProfileEvent } from '../src/rank/user-profile';
import { titleKey } from '../src/titles/normalize';
import { easeScores, fitEase } from '../training/ease';
import { readMovies, readRatings, sequences, type Rating } from '../training/movielens';
import { fitNeighbours, historiesOf, type NeighbourOptions } from '../training/neighbours';
import { fitPeriods } from '../training/period-pop';
import { fitPrior, orderedHistories, type PriorOptions } from '../training/prior';
import { rng, shuffle } from '../training/splits';
import { cliOptions } from '../training/cli';

export interface Metrics {
  hr10: number;
  ndcg10: number;
  hr20: number;
  ndcg20: number;
}

export type Protocol = 'next' | 'sampled' | 'taste';

export interface EvalOptions {
  ratings: string;
  movies: string;
  users?: number[];
  /** Users whose ratings learn the collaborative term (the split's train side). */
  trainUsers?: number[];
  /** Neighbour file path, or 'none'; default: fitted on trainUsers, else models/neighbours.json. */
  neighbours?: string;
  /** Options of the collaborative term fitted on trainUsers (training/neighbours.ts). */
  neighbourFit?: NeighbourOptions;
  protocols?: Protocol[];
  taste?: Partial<HorizonParams>;
  recent?: Partial<HorizonParams>;
  /** Share of the recent horizon in badge scores (default BADGE_RULES.recentMix). */
  badgeMix?: number;
  /** History length up to which the badge mix applies in full (default BADGE_RULES.mixTitles). */
  badgeMixTitles?: number;
  /** Legacy options of the 'today' engine path. */
  halfLife?: number;
  popWeight?: number;
  halfLifeDays?: number;
  core?: boolean;
  baselines?: boolean;
  /** EASE among the baselines (default true; MostPop always runs with baselines). */
  ease?: boolean;
  /** Also run the engine before issue 10 ('today'; default true). */
  today?: boolean;
  easeLambda?: number;
  easeMaxItems?: number;
  seed?: number;
  modelDir?: string;
  /** Prior file path, or 'none'; default: fitted on trainUsers (priorFit), else the model folder's prior.json. */
  prior?: string;
  priorFit?: PriorOptions;
  /** Sampled protocol: only the user's last N titles are the history (0 or unset: all). */
  sampledHistory?: number;
  /** History lengths of the truncated (cold-start) next-title protocol. */
  truncate?: number[];
  /**
   * 'shuffle': ratings with equal timestamps in a seeded random order instead of file order.
   * ml-latest-small lists each user's ratings by movie id, so a sign-up burst (a quarter of the
   * first 20 ratings share a second) reads in id order: neighbouring ids are films of the same
   * year, a pattern no other service's history has (ML-1M's files are not in id order).
   */
  ties?: 'file' | 'shuffle';
  log?: (msg: string) => void;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUCKETS = [
  { name: 'lt20', test: (n: number) => n < 20 },
  { name: '20to100', test: (n: number) => n >= 20 && n <= 100 },
  { name: 'gt100', test: (n: number) => n > 100 },
] as const;

/** Ranks of held-out items → HR/NDCG (next, sampled) or Recall/NDCG (taste), overall and per bucket. */
class Acc {
  private rows: { len: number; v: Record<string, number> }[] = [];
  add(len: number, v: Record<string, number>): void {
    this.rows.push({ len, v });
  }
  private mean(rows: { v: Record<string, number> }[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of rows) for (const [k, x] of Object.entries(r.v)) out[k] = (out[k] ?? 0) + x;
    for (const k of Object.keys(out)) out[k] = Math.round(((out[k] as number) / Math.max(1, rows.length)) * 1e5) / 1e5;
    return out;
  }
  result(): Record<string, number> {
    return this.mean(this.rows);
  }
  buckets(): Record<string, Record<string, number>> {
    return Object.fromEntries(
      BUCKETS.map((b) => {
        const rows = this.rows.filter((r) => b.test(r.len));
        return [b.name, { users: rows.length, ...this.mean(rows) }];
      }),
    );
  }
}

/** One test item at 0-based position `pos` (−1: outside the list). */
function single(pos: number): Metrics {
  const g = pos >= 0 ? 1 / Math.log2(pos + 2) : 0;
  return {
    hr10: pos >= 0 && pos < 10 ? 1 : 0,
    ndcg10: pos >= 0 && pos < 10 ? g : 0,
    hr20: pos >= 0 && pos < 20 ? 1 : 0,
    ndcg20: pos >= 0 && pos < 20 ? g : 0,
  };
}

/** Recall@20 and NDCG@20 of a set of held-out items. */
function setMetrics(list: number[], held: Set<number>): { recall20: number; ndcg20: number } {
  let dcg = 0;
  let hits = 0;
  list.slice(0, 20).forEach((i, p) => {
    if (held.has(i)) {
      hits++;
      dcg += 1 / Math.log2(p + 2);
    }
  });
  let idcg = 0;
  for (let p = 0; p < Math.min(20, held.size); p++) idcg += 1 / Math.log2(p + 2);
  return { recall20: hits / Math.min(20, Math.max(1, held.size)), ndcg20: idcg ? dcg / idcg : 0 };
}

export async function loadEmbedder(modelDir = join(ROOT, 'models')): Promise<Embedder> {
  ort.env.wasm.numThreads = 1;
  const manifest = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as ModelManifest;
  const bytes = readFileSync(join(modelDir, manifest.file));
  return Embedder.create(ort, () => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }), manifest);
}

interface Case {
  hist: number[];
  histAt: number[];
  /** Held-out candidate indices. */
  held: number[];
  /** Sampled protocol: the 100 titles to rank (held[0] first). */
  sample?: number[];
}

export async function evaluate(o: EvalOptions): Promise<Record<string, unknown>> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const t0 = performance.now();
  const protocols = new Set<Protocol>(o.protocols ?? ['next', 'sampled', 'taste']);
  const seed = o.seed ?? 10;
  const movies = readMovies(o.movies);
  const read = readRatings(o.ratings);
  const all = o.ties === 'shuffle' ? shuffleTies(read, seed) : read;
  let ratings: Rating[] = all;
  if (o.users) {
    const keep = new Set(o.users);
    ratings = ratings.filter((r) => keep.has(r.user));
  }
  const inR = new Set(ratings.map((r) => r.item));
  const cands = movies.filter((m) => inR.has(m.id));
  const index = new Map(cands.map((m, i) => [m.id, i]));
  const n = cands.length;
  const seqs = [...sequences(ratings.filter((r) => index.has(r.item))).values()].filter((s) => s.length >= 2);
  log(`eval: ${seqs.length} users, ${n} candidate movies`);

  let nb: NeighbourIndex | null = null;
  let nbSource = 'none';
  if (o.neighbours !== 'none') {
    if (!o.neighbours && o.trainUsers) {
      nb = neighbourIndex(fitNeighbours(historiesOf(all, new Set(o.trainUsers)), movies, o.neighbourFit));
      nbSource = `fitted on ${o.trainUsers.length} train users (${JSON.stringify(o.neighbourFit ?? {})})`;
    } else {
      const path = o.neighbours ?? join(o.modelDir ?? join(ROOT, 'models'), 'neighbours.json');
      // No neighbour file ships (the term lost on the shifted dev split): without one, evaluate without it.
      if (o.neighbours || existsSync(path)) {
        nb = neighbourIndex(JSON.parse(readFileSync(path, 'utf8')));
        nbSource = path;
      }
    }
  }

  const embedder = await loadEmbedder(o.modelDir);
  const tLoad = performance.now();
  const texts = cands.map((m) => buildItemText({ title: m.title, genres: m.genres, kind: 'movie' }));
  const emb = await embedder.embed(texts);
  const embedMs = performance.now() - tLoad;
  const { dim } = emb;
  const halfLife = o.halfLife ?? embedder.manifest.ranking.halfLifeItems;
  const popWeight = o.popWeight ?? embedder.manifest.ranking.popWeight;
  const halfLifeDays = o.halfLifeDays ?? Number.POSITIVE_INFINITY;
  const cset: CandidateSet = {
    vectors: emb.vectors,
    dim,
    popularity: emb.popularity,
    keys: cands.map((m) => titleKey(m.title)),
    genres: cands.map((m) => canonicalGenres(m.genres)),
  };
  const { prior, priorSource } = await loadPrior(o, all, movies, embedder, emb, cands);
  // The hub term's mean comes from the model's manifest, as in the extension (catalog-mean.ts).
  const catalogMean = catalogMeanOf(embedder.manifest);
  const params: Record<Horizon, HorizonParams> = { taste: { ...HORIZONS.taste, ...o.taste }, recent: { ...HORIZONS.recent, ...o.recent } };
  const toEvents = (hist: number[], at: number[]): ProfileEvent[] =>
    finishedWatchEvents(
      hist.map((i, j) => ({
        key: cset.keys[i] as string,
        at: (at[j] as number) * 1000,
        vector: emb.vectors.subarray(i * dim, (i + 1) * dim),
        title: (cands[i] as { title: string }).title,
        genres: cset.genres?.[i] ?? [],
      })),
    );
  // Engine paths: the shipped horizons, and the engine before issue 10 ('today').
  const ours = (h: Horizon, c: Case): Float32Array => {
    const now = Math.max(...c.histAt) * 1000;
    return rankHorizon(h, toEvents(c.hist, c.histAt), cset, { halfLifeDays, now, index: nb, prior, catalogMean }, params[h]).scored.scores;
  };
  const badgeRules = { recentMix: o.badgeMix ?? BADGE_RULES.recentMix, mixTitles: o.badgeMixTitles ?? BADGE_RULES.mixTitles };
  // Badges: the taste horizon plus a share of the recent one for short histories (horizons.ts
  // `badgeMixFor`, counted on the taste horizon's titles as the engine counts them).
  const badges = (c: Case): Float32Array => {
    const now = Math.max(...c.histAt) * 1000;
    const taste = rankHorizon('taste', toEvents(c.hist, c.histAt), cset, { halfLifeDays, now, index: nb, prior, catalogMean }, params.taste);
    const mix = badgeMixFor(taste.state.titles, badgeRules);
    return mix ? badgeScores(taste.scored.scores, ours('recent', c), mix) : taste.scored.scores;
  };
  const today = (c: Case): Float32Array => {
    const now = Math.max(...c.histAt) * 1000;
    return rankHistory(toEvents(c.hist, c.histAt), cset, {
      halfLifeItems: halfLife,
      halfLifeDays,
      now,
      popWeight,
      onboardingDone: false,
      onboardingGenres: [],
    }).scored.scores;
  };
  const core = (c: Case): Float32Array => {
    const events: HistoryEvent[] = c.hist.map((i, j) => ({
      embedding: emb.vectors.subarray(i * dim, (i + 1) * dim),
      at: c.histAt[j] as number,
      weight: 1,
    }));
    const profile = buildProfile(events, { halfLifeItems: halfLife });
    const s = new Float32Array(n).fill(Number.NEGATIVE_INFINITY);
    for (const x of rank(profile, { vectors: emb.vectors, dim, popularity: emb.popularity }, { k: n, popWeight })) s[x.index] = x.score;
    return s;
  };

  // Cases per protocol.
  const r = rng(seed);
  const userRated = seqs.map((s) => new Set(s.map((x) => index.get(x.item) as number)));
  const nextCases: Case[] = seqs.map((s) => ({
    hist: s.slice(0, -1).map((x) => index.get(x.item) as number),
    histAt: s.slice(0, -1).map((x) => x.ts),
    held: [index.get((s[s.length - 1] as Rating).item) as number],
  }));
  const sampledCases: Case[] = nextCases.map((c, u) => {
    const rated = userRated[u] as Set<number>;
    const picked = new Set<number>();
    // Rejection sampling: users rate a small part of the catalog.
    for (let guard = 0; picked.size < 99 && guard < 100_000; guard++) {
      const i = Math.floor(r() * n);
      if (!rated.has(i)) picked.add(i);
    }
    // The product's check imports a user's last N titles only (issue 10: "their real last 30").
    const keep = o.sampledHistory ? -o.sampledHistory : 0;
    return { ...c, hist: c.hist.slice(keep), histAt: c.histAt.slice(keep), sample: [c.held[0] as number, ...picked] };
  });
  const tasteCases: Case[] = seqs.flatMap((s, u) => {
    if (s.length < 5) return [];
    const ids = s.map((x) => index.get(x.item) as number);
    const k = Math.max(1, Math.round(0.2 * s.length));
    const heldPos = new Set(shuffle([...s.keys()], seed * 100_003 + (s[0] as Rating).user).slice(0, k));
    void u;
    return [
      {
        hist: ids.filter((_, j) => !heldPos.has(j)),
        histAt: s.filter((_, j) => !heldPos.has(j)).map((x) => x.ts),
        held: ids.filter((_, j) => heldPos.has(j)),
      },
    ];
  });

  // Picks never offer a title released after the moment they are made (filters.ts): nor does
  // next-title ranking, at the time of the user's last history title. One list per year, not
  // one per case and ranker.
  const unreleasedIn = new Map<number, number[]>();
  const unreleased = (c: Case): number[] => {
    const last = releasedBy(Math.max(...c.histAt) * 1000);
    let list = unreleasedIn.get(last);
    if (!list) unreleasedIn.set(last, (list = cset.keys.flatMap((k, i) => (isUnreleased(k, last) ? [i] : []))));
    return list;
  };
  const runNext = (cases: Case[], score: (c: Case) => Float32Array): Acc => {
    const acc = new Acc();
    for (const c of cases) {
      const list = topK(score(c), 20, new Set([...c.hist, ...unreleased(c)]));
      acc.add(c.hist.length, { ...single(list.findIndex((x) => x.index === c.held[0])) });
    }
    return acc;
  };
  const runSampled = (cases: Case[], score: (c: Case) => Float32Array): Acc => {
    const acc = new Acc();
    for (const c of cases) {
      const s = score(c);
      const sample = c.sample as number[];
      const t = s[sample[0] as number] as number;
      // Ties count against the true title (no credit for a flat score).
      let above = 0;
      for (const i of sample.slice(1)) if ((s[i] as number) >= t) above++;
      const m = single(above);
      acc.add(c.hist.length, { hr10: m.hr10, ndcg10: m.ndcg10 });
    }
    return acc;
  };
  const runTaste = (cases: Case[], score: (c: Case) => Float32Array): Acc => {
    const acc = new Acc();
    for (const c of cases)
      acc.add(
        c.hist.length,
        setMetrics(
          topK(score(c), 20, new Set(c.hist)).map((x) => x.index),
          new Set(c.held),
        ),
      );
    return acc;
  };

  const result: Record<string, unknown> = {};
  const tRank = performance.now();
  let nextCalls = 0;
  if (protocols.has('next')) {
    const acc = runNext(nextCases, (c) => {
      nextCalls++;
      return ours('recent', c);
    });
    result.model = {
      name: embedder.manifest.modelVersion,
      path: 'engine (src/rank/horizons.ts rankHorizon, recent)',
      ...acc.result(),
      buckets: acc.buckets(),
    };
  }
  const msPerUser = (performance.now() - tRank) / Math.max(1, nextCalls);
  if (protocols.has('next') && o.core !== false) {
    const acc = runNext(nextCases, core);
    result.core = { name: `${embedder.manifest.modelVersion} core (profile.ts + score.ts)`, ...acc.result() };
  }
  Object.assign(result, {
    users: seqs.length,
    items: n,
    msPerUser: Math.round(msPerUser * 1000) / 1000,
    embedMs: Math.round(embedMs),
    halfLifeItems: halfLife,
    halfLifeDays: Number.isFinite(halfLifeDays) ? halfLifeDays : 'none',
    popWeight,
    neighbours: nbSource,
    prior: priorSource,
    horizons: params,
    priorBlend: { taste: priorBlendOf('taste', params.taste), recent: priorBlendOf('recent', params.recent) },
    badgeMix: badgeRules,
  });

  // Baselines: MostPop and EASE fitted on the evaluated users' own histories (per protocol).
  const mostPop = (cases: Case[]): ((c: Case) => Float32Array) => {
    const counts = new Float32Array(n);
    for (const c of cases) for (const i of c.hist) counts[i] = (counts[i] as number) + 1;
    // Tiny deterministic tie-break so the sampled protocol does not reward ties.
    for (let i = 0; i < n; i++) counts[i] = (counts[i] as number) - i * 1e-7;
    return () => counts;
  };
  const ease = (cases: Case[], label: string): ((c: Case) => Float32Array) => {
    const t = performance.now();
    const lambda = o.easeLambda ?? 500;
    const maxItems = o.easeMaxItems ?? 2500;
    const fc = new Float32Array(n);
    for (const c of cases) for (const i of c.hist) fc[i] = (fc[i] as number) + 1;
    const sub = [...fc.keys()]
      .filter((i) => (fc[i] as number) > 0)
      .sort((a, b) => (fc[b] as number) - (fc[a] as number) || a - b)
      .slice(0, maxItems);
    const local = new Map(sub.map((g, l) => [g, l]));
    const m = sub.length;
    const b = fitEase(
      cases.map((c) => c.hist.flatMap((i) => (local.has(i) ? [local.get(i) as number] : []))),
      m,
      lambda,
    );
    log(`EASE ${label}: ${m} items, ${Math.round(performance.now() - t)} ms`);
    const s = new Float32Array(m);
    return (c) => {
      easeScores(
        b,
        m,
        c.hist.flatMap((i) => (local.has(i) ? [local.get(i) as number] : [])),
        s,
      );
      const full = new Float32Array(n).fill(-1e9);
      sub.forEach((g, l) => {
        full[g] = (s[l] as number) - l * 1e-9;
      });
      return full;
    };
  };

  const withBuckets = (acc: Acc): Record<string, unknown> => ({ ...acc.result(), buckets: acc.buckets() });
  if (protocols.has('next')) {
    if (o.today !== false) result.today = { next: withBuckets(runNext(nextCases, today)) };
    if (o.baselines !== false) {
      result.mostPop = withBuckets(runNext(nextCases, mostPop(nextCases)));
      if (o.ease !== false) result.ease = { lambda: o.easeLambda ?? 500, ...withBuckets(runNext(nextCases, ease(nextCases, 'next'))) };
    }
  }
  if (protocols.has('sampled')) {
    result.sampled = {
      path: 'engine (src/rank/horizons.ts rankHorizon, taste: the badges)',
      model: withBuckets(runSampled(sampledCases, badges)),
      recent: withBuckets(runSampled(sampledCases, (c) => ours('recent', c))),
      ...(o.today !== false ? { today: withBuckets(runSampled(sampledCases, today)) } : {}),
      ...(o.baselines !== false ? { mostPop: withBuckets(runSampled(sampledCases, mostPop(nextCases))) } : {}),
    };
  }
  if (protocols.has('taste')) {
    result.taste = {
      path: 'engine (src/rank/horizons.ts rankHorizon, taste)',
      users: tasteCases.length,
      model: withBuckets(runTaste(tasteCases, badges)),
      ...(o.today !== false ? { today: withBuckets(runTaste(tasteCases, today)) } : {}),
      ...(o.baselines !== false ? { mostPop: withBuckets(runTaste(tasteCases, mostPop(tasteCases))) } : {}),
      ...(o.baselines !== false && o.ease !== false ? { ease: withBuckets(runTaste(tasteCases, ease(tasteCases, 'taste'))) } : {}),
    };
  }
  if (o.truncate?.length) {
    // Cold start: the first n titles of every user with more than n, title n + 1 held out.
    result.truncated = Object.fromEntries(
      o.truncate.map((len) => {
        const cases: Case[] = seqs
          .filter((s) => s.length > len)
          .map((s) => ({
            hist: s.slice(0, len).map((x) => index.get(x.item) as number),
            histAt: s.slice(0, len).map((x) => x.ts),
            held: [index.get((s[len] as Rating).item) as number],
          }));
        return [
          `n${len}`,
          {
            users: cases.length,
            model: runNext(cases, (c) => ours('recent', c)).result(),
            badges: runNext(cases, badges).result(),
            ...(o.today !== false ? { today: runNext(cases, today).result() } : {}),
            ...(o.baselines !== false ? { mostPop: runNext(cases, mostPop(cases)).result() } : {}),
            ...(o.baselines !== false && o.ease !== false ? { ease: runNext(cases, ease(cases, `n${len}`)).result() } : {}),
          },
        ];
      }),
    );
  }
  await embedder.release();
  result.totalMs = Math.round(performance.now() - t0);
  return result;
}

/** The prior the horizons rank with (see the header): fitted on the split's train users, a file, or none. */
async function loadPrior(
  o: EvalOptions,
  all: Rating[],
  movies: ReturnType<typeof readMovies>,
  embedder: Embedder,
  emb: { vectors: Float32Array; dim: number },
  cands: ReturnType<typeof readMovies>,
): Promise<{ prior: PriorIndex | null; priorSource: string }> {
  const model = { modelVersion: embedder.manifest.modelVersion, dim: emb.dim };
  if (o.prior === 'none') return { prior: null, priorSource: 'none' };
  if (!o.prior && o.trainUsers) {
    // Training users rated movies the evaluated users did not: embed those too.
    const row = new Map(cands.map((m, i) => [m.id, i]));
    const extra = movies.filter((m) => !row.has(m.id));
    const more = await embedder.embed(extra.map((m) => buildItemText({ title: m.title, genres: m.genres, kind: 'movie' })));
    const extraRow = new Map(extra.map((m, i) => [m.id, i]));
    const vecOf = (id: number): Float32Array | undefined => {
      const i = row.get(id);
      if (i !== undefined) return emb.vectors.subarray(i * emb.dim, (i + 1) * emb.dim);
      const j = extraRow.get(id);
      return j === undefined ? undefined : more.vectors.subarray(j * emb.dim, (j + 1) * emb.dim);
    };
    const byId = new Map(movies.map((m) => [m.id, m]));
    const keyOf = (id: number): string => titleKey((byId.get(id) as { title: string }).title);
    const train = new Set(o.trainUsers);
    const f = {
      ...fitPrior(orderedHistories(all, train), vecOf, keyOf, model, o.priorFit),
      periods: fitPeriods(
        all.filter((r) => train.has(r.user)),
        keyOf,
      ),
    };
    return {
      prior: priorIndex(f, model),
      priorSource: `fitted on ${f.users} train users (${f.titles.length} groups, ${JSON.stringify(o.priorFit ?? {})})`,
    };
  }
  const path = o.prior ?? join(o.modelDir ?? join(ROOT, 'models'), 'prior.json');
  // No prior beside the model: evaluate without it (as the engine ranks).
  if (!o.prior && !existsSync(path)) return { prior: null, priorSource: 'none' };
  return { prior: priorIndex(JSON.parse(readFileSync(path, 'utf8')), model), priorSource: path };
}

export function parseTies(v: string | undefined): EvalOptions['ties'] {
  if (v === undefined || v === 'file' || v === 'shuffle') return v;
  throw new Error(`bad --ties "${v}" (want file or shuffle)`);
}

/** Ratings whose file order (the tie-break of equal timestamps) is a seeded permutation. */
export function shuffleTies(ratings: readonly Rating[], seed: number): Rating[] {
  const order = shuffle(
    ratings.map((_, i) => i),
    seed,
  );
  return ratings.map((r, i) => ({ ...r, order: order[i] as number }));
}

export function parseParams(s: string | undefined): Partial<HorizonParams> | undefined {
  if (!s) return undefined;
  return Object.fromEntries(
    s.split(',').map((kv) => {
      const [k, v] = kv.split('=');
      if (!k || v === undefined || Number.isNaN(Number(v))) throw new Error(`bad horizon parameter "${kv}" (want name=number)`);
      return [k, Number(v)];
    }),
  );
}

function parseArgs(argv: string[]): EvalOptions & { out?: string } {
  const { get, num } = cliOptions(argv);
  const ratings = get('ratings');
  const movies = get('movies');
  if (!ratings || !movies) {
    throw new Error('usage: tsx scripts/eval.ts --ratings R --movies M [--split S --side dev|test] [--users U.json] [--out F] [--no-baselines]');
  }
  let users: number[] | undefined;
  let trainUsers: number[] | undefined;
  const splitFile = get('split');
  if (splitFile) {
    const side = get('side') ?? 'dev';
    const split = JSON.parse(readFileSync(splitFile, 'utf8')) as Record<string, number[]>;
    users = split[side];
    trainUsers = split.train;
    if (!users?.length || !trainUsers?.length) throw new Error(`${splitFile} has no "${side}" or "train" users`);
  }
  const usersFile = get('users');
  if (usersFile) users = (JSON.parse(readFileSync(usersFile, 'utf8')) as { users: number[] }).users;
  return {
    ratings,
    movies,
    out: get('out'),
    users,
    trainUsers,
    neighbours: get('neighbours'),
    neighbourFit: parseParams(get('neighbour-fit')) as NeighbourOptions | undefined,
    protocols: get('protocols')?.split(',') as Protocol[] | undefined,
    taste: parseParams(get('taste')),
    recent: parseParams(get('recent')),
    halfLife: num('half-life'),
    popWeight: num('pop-weight'),
    halfLifeDays: num('half-life-days'),
    badgeMix: num('badge-mix'),
    badgeMixTitles: num('badge-mix-titles'),
    core: !argv.includes('--no-core'),
    baselines: !argv.includes('--no-baselines'),
    easeLambda: num('ease-lambda'),
    easeMaxItems: num('ease-max-items'),
    seed: num('seed'),
    sampledHistory: num('sampled-history'),
    modelDir: get('model-dir'),
    prior: get('prior'),
    priorFit: parseParams(get('prior-fit')) as PriorOptions | undefined,
    ties: parseTies(get('ties')),
    truncate: get('truncate')
      ?.split(',')
      .map((x) => {
        const v = Number(x);
        if (!Number.isInteger(v) || v < 1) throw new Error(`bad --truncate length "${x}"`);
        return v;
      }),
  };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  const result = await evaluate(args);
  const json = JSON.stringify(result, null, 2);
  process.stdout.write(`${json}\n`);
  if (args.out) writeFileSync(args.out, `${json}\n`);
}
