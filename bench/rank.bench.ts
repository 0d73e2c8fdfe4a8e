/**
 * Ranking benchmark: profile → scores → top picks over catalogs of 1k, 10k and 100k titles
 * (random unit vectors of the model's dim, random popularity). Prints JSON.
 *
 *   npx tsx bench/rank.bench.ts
 *
 * Per size: a user with 60 history events in 3 interests (so the multi-interest scorer
 * runs), median of repeats of (a) profile build (events → weights → clusters), (b) scoring
 * every title, (c) top picks (top-K + blocklist + MMR diversification to 10), and the
 * total. Target: 100k titles ranked (b + c) under 20 ms.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { scoreCandidates, bestOrder, diversify, type CandidateSet } from '../src/rank/recommend';
import { buildUserProfile, type ProfileEvent } from '../src/rank/user-profile';
import { scoreAll } from '../scripts/core/score';

let dim = 64;
try {
  dim = (JSON.parse(readFileSync(new URL('../models/model.json', import.meta.url), 'utf8')) as { dim: number }).dim;
} catch {
  /* default 64 */
}

let seed = 12345;
const rand = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());

function unit(out: Float32Array, off: number, around?: Float32Array, spread = 1): void {
  let n = 0;
  for (let d = 0; d < dim; d++) {
    const x = (around ? (around[d] as number) : 0) + spread * gauss();
    out[off + d] = x;
    n += x * x;
  }
  n = Math.sqrt(n);
  for (let d = 0; d < dim; d++) out[off + d] = (out[off + d] as number) / n;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

function bench(n: number, repeats: number): Record<string, number> {
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) unit(vectors, i * dim);
  const popularity = new Float32Array(n).map(() => gauss());
  const cands: CandidateSet = { vectors, dim, popularity, keys: Array.from({ length: n }, (_, i) => `t${i}`) };
  // Three interests, 20 events each, plus a few skips.
  const centers = [0, 1, 2].map(() => {
    const c = new Float32Array(dim);
    unit(c, 0);
    return c;
  });
  const now = Date.now();
  const events: ProfileEvent[] = Array.from({ length: 60 }, (_, j) => {
    const v = new Float32Array(dim);
    unit(
      v,
      0,
      centers[j % 3]?.map((x) => x * 6),
      1,
    );
    return {
      key: `h${j}`,
      source: 'history',
      at: now - (60 - j) * 3_600_000,
      weight: j % 10 === 9 ? -0.5 : 1,
      watch: 1,
      skip: 0,
      impression: 0,
      rating: null,
      maxCompletion: 1,
      rewatch: false,
      sessions: 1,
      strong: true,
      vector: v,
      title: `H${j}`,
      genres: [],
    };
  });
  const block = { keys: new Set(events.map((e) => e.key)), vectors: [] as Float32Array[] };

  const tProfile: number[] = [];
  const tScore: number[] = [];
  const tTop: number[] = [];
  const tCore: number[] = [];
  let k = 0;
  // Warm-up (JIT) runs are not measured.
  for (let r = 0; r < 3; r++) scoreCandidates(buildUserProfile(events, { halfLifeItems: 8, halfLifeDays: 30, now }), cands, { popWeight: 0.05 });
  for (let r = 0; r < repeats; r++) {
    let t = performance.now();
    const profile = buildUserProfile(events, { halfLifeItems: 8, halfLifeDays: 30, now });
    tProfile.push(performance.now() - t);
    k = profile.clusters.length;
    t = performance.now();
    const { scores } = scoreCandidates(profile, cands, { popWeight: 0.05 });
    tScore.push(performance.now() - t);
    t = performance.now();
    const order = bestOrder(cands, scores, 200, block);
    const top = diversify(cands, order, scores, { k: 10, sigma: 0.1 });
    tTop.push(performance.now() - t);
    if (top.length !== 10) throw new Error('top picks short');
    t = performance.now();
    scoreAll(profile.global, cands, 0.05);
    tCore.push(performance.now() - t);
  }
  const score = median(tScore);
  const top = median(tTop);
  const total = tScore.map((x, i) => x + (tTop[i] as number));
  return {
    titles: n,
    dim,
    clusters: k,
    profileMs: r3(median(tProfile)),
    scoreMs: r3(score),
    topPicksMs: r3(top),
    rankMs: r3(median(total)),
    rankMsBest: r3(Math.min(...total)),
    coreScoreAllMs: r3(median(tCore)),
  };
}

const results = [bench(1_000, 41), bench(10_000, 21), bench(100_000, 15)];
const big = results[2] as Record<string, number>;
console.log(
  JSON.stringify(
    {
      bench: 'rank',
      node: process.version,
      cpus: cpus().length,
      loadAvg1m: r3(loadavg()[0] ?? 0),
      results,
      target: { titles: 100_000, rankMs: 20, met: (big.rankMs as number) < 20 },
    },
    null,
    2,
  ),
);
