/**
 * Model + ranking benchmark (onnxruntime-web, WASM, one thread, in Node).
 *   npx tsx bench/model.bench.ts
 * Prints JSON: load time, one-title latency (median), titles/s at batch 256, model file
 * size, process memory, the engine's ranking path (src/rank/horizons.ts, both horizons) for
 * 1k/10k/100k candidates and its profile build for 100/1,000/10,000 history events.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { Embedder, type ModelManifest } from '../src/model/embedder';
import { buildItemText } from '../src/model/text';
import { encodeBatch } from '../src/model/tokenizer';
import { buildHorizon, HORIZONS, horizonScores } from '../src/rank/horizons';
import { priorIndex, type PriorFile } from '../src/rank/prior';
import { finishedWatchEvents } from '../src/rank/rank-history';
import type { CandidateSet } from '../src/rank/recommend';
import { topK } from '../src/rank/top-k';
import type { ProfileEvent } from '../src/rank/user-profile';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

ort.env.wasm.numThreads = 1;
const manifest = JSON.parse(readFileSync(join(ROOT, 'models/model.json'), 'utf8')) as ModelManifest;
const modelPath = join(ROOT, 'models', manifest.file);

const t0 = performance.now();
const bytes = readFileSync(modelPath);
const embedder = await Embedder.create(ort, () => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }), manifest);
const loadMs = performance.now() - t0;

const genres = ['Action', 'Comedy', 'Drama', 'Horror', 'Romance', 'Sci-Fi', 'Thriller', 'Documentary'];
const texts = Array.from({ length: 4096 }, (_, i) =>
  buildItemText({
    title: `Synthetic Title Number ${i} of the Benchmark`,
    year: 1950 + (i % 75),
    kind: 'movie',
    genres: [genres[i % 8] as string, genres[(i * 3) % 8] as string],
    description: i % 4 === 0 ? 'A short description of the plot with some words.' : null,
  }),
);

for (let i = 0; i < 5; i++) await embedder.embed([texts[i] as string]);
const single: number[] = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  await embedder.embed([texts[i] as string]);
  single.push(performance.now() - t);
}

// Throughput: one full warm-up pass (JIT), then the median of five passes over 4,096 titles.
await embedder.embed(texts);
const passes: number[] = [];
for (let r = 0; r < 5; r++) {
  const tb = performance.now();
  await embedder.embed(texts);
  passes.push((performance.now() - tb) / 1000);
}
const batchSeconds = median(passes);
// Where a batch's time goes: the featuriser (JS) and the ONNX run (WASM).
const tokMs: number[] = [];
for (let r = 0; r < 20; r++) {
  const t = performance.now();
  encodeBatch(texts.slice(0, 256));
  tokMs.push(performance.now() - t);
}

const dim = manifest.dim;
// The engine's real path (src/rank/horizons.ts): the taste horizon scores what badges show,
// the recent one the picks; each over n candidates, then the top 20.
// taste200: the taste horizon at its cap of 200 titles (the soft maximum costs rows × titles).
// recentNoEra / tasteNoPeriod / recentNoCowatch: without the era term / the period lift and
// co-watching / the period co-watching, to read their cost in the same run.
const ranking: Record<string, Record<string, number>> = {
  taste: {},
  taste200: {},
  tasteNoPeriod: {},
  recent: {},
  recentNoEra: {},
  recentNoCowatch: {},
};
const hist = await embedder.embed(texts.slice(0, 50));
// The short-history prior shipped beside the model (a 50-title history still gets it), read once.
const priorPath = join(dirname(modelPath), manifest.prior ?? 'prior.json');
const priorText = manifest.prior && existsSync(priorPath) ? readFileSync(priorPath, 'utf8') : null;
const priorRaw = priorText === null ? null : (JSON.parse(priorText) as PriorFile);
const prior = priorRaw && priorIndex(priorRaw, manifest);
// What the worker pays once to read it: parse and validate (the co-watch lists are most of it).
const priorLoadRuns: number[] = [];
for (let r = 0; priorText !== null && r < 5; r++) {
  const t = performance.now();
  priorIndex(JSON.parse(priorText), manifest);
  priorLoadRuns.push(performance.now() - t);
}
// Keys the prior's period file knows (when it ships), so the period terms do their real work.
const knownKeys = priorRaw?.periods?.keys;
const profileEvents = (count: number): ProfileEvent[] =>
  finishedWatchEvents(
    Array.from({ length: count }, (_, i) => ({
      key: knownKeys?.[i % knownKeys.length] ?? `bench title ${i}|${1950 + (i % 75)}`,
      at: Date.UTC(2020, 0, 1) + i * 3_600_000,
      vector: hist.vectors.subarray((i % 50) * dim, ((i % 50) + 1) * dim),
      title: `Bench ${i}`,
      genres: [genres[i % 8] as string],
    })),
  );
const events50 = profileEvents(50);
const now = Date.UTC(2020, 0, 1) + 50 * 3_600_000;
const states = {
  taste: buildHorizon('taste', events50, { halfLifeDays: 30, now, index: null, prior }),
  recent: buildHorizon('recent', events50, { halfLifeDays: 30, now, index: null, prior }),
  recentNoEra: buildHorizon('recent', events50, { halfLifeDays: 30, now, index: null, prior }, { ...HORIZONS.recent, eraWeight: 0 }),
  taste200: buildHorizon('taste', profileEvents(200), { halfLifeDays: 30, now: now + 200 * 3_600_000, index: null, prior }),
  tasteNoPeriod: buildHorizon(
    'taste',
    events50,
    { halfLifeDays: 30, now, index: null, prior },
    { ...HORIZONS.taste, periodWeight: 0, cowatchWeight: 0 },
  ),
  recentNoCowatch: buildHorizon('recent', events50, { halfLifeDays: 30, now, index: null, prior }, { ...HORIZONS.recent, cowatchWeight: 0 }),
};
for (const n of [1_000, 10_000, 100_000]) {
  const vectors = new Float32Array(n * dim);
  const popularity = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    vectors.set(hist.vectors.subarray((i % 50) * dim, ((i % 50) + 1) * dim), i * dim);
    popularity[i] = Math.sin(i);
  }
  const cands: CandidateSet = {
    vectors,
    dim,
    popularity,
    keys: Array.from({ length: n }, (_, i) => knownKeys?.[i] ?? `candidate ${i}|${1950 + (i % 75)}`),
    genres: Array.from({ length: n }, (_, i) => [genres[i % 8] as string]),
  };
  for (const h of ['taste', 'taste200', 'tasteNoPeriod', 'recent', 'recentNoEra', 'recentNoCowatch'] as const) {
    topK(horizonScores(states[h], cands).scores, 20);
    const runs: number[] = [];
    for (let r = 0; r < 9; r++) {
      const t = performance.now();
      topK(horizonScores(states[h], cands).scores, 20, new Set([1, 2, 3]));
      runs.push(performance.now() - t);
    }
    (ranking[h] as Record<string, number>)[`${n}`] = round(median(runs));
  }
}
// Profile build of both horizons (what a state rebuild adds per history size), and the same
// without the period co-watching and without the prior's period file at all, interleaved in one
// run to read the period terms' cost.
const buildMs: Record<string, number> = {};
const buildNoCowatchMs: Record<string, number> = {};
const buildNoPeriodMs: Record<string, number> = {};
const noCowatch = prior && { ...prior, periods: prior.periods && { ...prior.periods, cowatch: null } };
const noPeriods = prior && { ...prior, periods: null };
for (const count of [100, 1_000, 10_000]) {
  const ev = profileEvents(count);
  const runs: number[] = [];
  const noCw: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < 5; r++) {
    for (const [p, into] of [
      [prior, runs],
      [noCowatch, noCw],
      [noPeriods, bare],
    ] as const) {
      const t = performance.now();
      buildHorizon('taste', ev, { halfLifeDays: 30, now: now + count * 3_600_000, index: null, prior: p });
      buildHorizon('recent', ev, { halfLifeDays: 30, now: now + count * 3_600_000, index: null, prior: p });
      into.push(performance.now() - t);
    }
  }
  buildMs[`${count}`] = round(median(runs));
  buildNoCowatchMs[`${count}`] = round(median(noCw));
  buildNoPeriodMs[`${count}`] = round(median(bare));
}
await embedder.release();

const mem = process.memoryUsage();
console.log(
  JSON.stringify(
    {
      model: manifest.modelVersion,
      backend: 'onnxruntime-web wasm, 1 thread, Node ' + process.version,
      modelBytes: statSync(modelPath).size,
      loadMs: round(loadMs, 1),
      oneTitleMedianMs: round(median(single)),
      batch256TitlesPerSecond: Math.round(texts.length / batchSeconds),
      batch256FeaturiseMsMedian: round(median(tokMs)),
      batch256TotalMsMedian: round((batchSeconds * 1000 * 256) / texts.length),
      prior: prior ? `${manifest.prior} (${prior.groups} groups)` : 'none',
      priorBytes: priorText?.length ?? 0,
      priorLoadMsMedian: priorLoadRuns.length ? round(median(priorLoadRuns)) : null,
      rankMsMedian: ranking,
      profileBuildMsMedian: buildMs,
      profileBuildWithoutCowatchMsMedian: buildNoCowatchMs,
      profileBuildWithoutPeriodsMsMedian: buildNoPeriodMs,
      memoryMB: { rss: round(mem.rss / 2 ** 20, 1), heapUsed: round(mem.heapUsed / 2 ** 20, 1), external: round(mem.external / 2 ** 20, 1) },
    },
    null,
    2,
  ),
);
