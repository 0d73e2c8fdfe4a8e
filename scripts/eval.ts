/**
 * Offline evaluation on MovieLens (leave-last-out, full ranking).
 *
 *   npx tsx scripts/eval.ts --ratings R --movies M [--out F] [--users U.json]
 *        [--half-life N] [--pop-weight W] [--half-life-days D] [--no-core] [--no-baselines]
 *        [--ease-lambda 500] [--ease-max-items 6000] [--ease-train-complement]
 *
 * Per user: ratings sorted by time (ties in file order); the last is the test item, the
 * rest is the history. Every movie of M that occurs in R is a candidate; history items are
 * excluded. Our model sees each user's history only as the texts a page would show
 * (title with year, genres) → shipped ONNX in onnxruntime-web → the extension's own
 * ranking: src/rank/rank-history.ts (`finishedWatchEvents` → `rankHistory`, the function
 * src/engine/engine.ts builds its profile and base scores with). Each rating in the history
 * is one finished, single watch of that title at its timestamp (weight 1 by events.ts; star
 * values are not visible to a page and are not used); no skips, thumbs, impressions,
 * searches or onboarding; no context habits (MovieLens has no device / viewing context).
 * Options as the engine: half-life in items and popularity weight from models/model.json
 * → ranking. Wall-clock half-life: neutral by default (MovieLens timestamps are rating
 * times — users rate many titles in one sitting, often years after watching — so the
 * extension's 30-day default would measure rating bursts, not taste drift; on the dev
 * split it costs 0.002–0.008 NDCG@10); `--half-life-days 30` applies it, measured from
 * the user's last history event. "core" is the low-level scripts/core/profile.ts +
 * score.ts (the engine's score for a one-interest history), kept for reference.
 * MostPop and EASE are fitted on R's histories themselves (in-domain reference points).
 * --users restricts R to the listed user ids (the dev split); --ease-train-complement also
 * fits EASE on the other users of the file and scores the listed users with it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { Embedder, type ModelManifest } from '../src/model/embedder';
import { buildItemText } from '../src/model/text';
import { canonicalGenres } from '../src/rank/genres';
import { buildProfile, type HistoryEvent } from './core/profile';
import { finishedWatchEvents, rankHistory } from '../src/rank/rank-history';
import type { CandidateSet } from '../src/rank/recommend';
import { rank, topK } from './core/score';
import { easeScores, fitEase } from '../training/ease';
import { readMovies, readRatings, sequences, type Rating } from '../training/movielens';

export interface Metrics {
  hr10: number;
  ndcg10: number;
  hr20: number;
  ndcg20: number;
}

export interface EvalOptions {
  ratings: string;
  movies: string;
  users?: number[];
  halfLife?: number;
  popWeight?: number;
  /**
   * Wall-clock half-life of the engine path, in days (default Infinity: neutral). Measured
   * from the user's last history event; MovieLens timestamps are rating times, not watch
   * times, so the extension's 30-day default is not applied unless asked for.
   */
  halfLifeDays?: number;
  /** Also run the low-level core (profile.ts buildProfile + score.ts rank); default true. */
  core?: boolean;
  /** Weight of a history event from its rating (default: every rating counts 1). */
  ratingWeight?: (rating: number) => number;
  baselines?: boolean;
  easeLambda?: number;
  easeMaxItems?: number;
  easeTrainComplement?: boolean;
  modelDir?: string;
  log?: (msg: string) => void;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

class Acc {
  private n = 0;
  private s = { hr10: 0, ndcg10: 0, hr20: 0, ndcg20: 0 };
  /** `pos` is the 0-based rank of the test item, or -1 when outside the top 20. */
  add(pos: number): void {
    this.n++;
    if (pos < 0) return;
    const g = 1 / Math.log2(pos + 2);
    if (pos < 10) {
      this.s.hr10++;
      this.s.ndcg10 += g;
    }
    if (pos < 20) {
      this.s.hr20++;
      this.s.ndcg20 += g;
    }
  }
  result(): Metrics {
    const r = (x: number): number => Math.round((x / Math.max(1, this.n)) * 1e5) / 1e5;
    return { hr10: r(this.s.hr10), ndcg10: r(this.s.ndcg10), hr20: r(this.s.hr20), ndcg20: r(this.s.ndcg20) };
  }
}

function positionOf(list: { index: number }[], item: number): number {
  return list.findIndex((x) => x.index === item);
}

export async function loadEmbedder(modelDir = join(ROOT, 'models')): Promise<Embedder> {
  ort.env.wasm.numThreads = 1;
  const manifest = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as ModelManifest;
  const bytes = readFileSync(join(modelDir, manifest.file));
  return Embedder.create(ort, () => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }), manifest);
}

export async function evaluate(o: EvalOptions): Promise<Record<string, unknown>> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const t0 = performance.now();
  const movies = readMovies(o.movies);
  let ratings: Rating[] = readRatings(o.ratings);
  const all = ratings;
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

  // Our model: embed every candidate's page-like text once.
  const embedder = await loadEmbedder(o.modelDir);
  const tLoad = performance.now();
  const texts = cands.map((m) => buildItemText({ title: m.title, genres: m.genres, kind: 'movie' }));
  const emb = await embedder.embed(texts);
  const embedMs = performance.now() - tLoad;
  const { dim } = emb;
  const halfLife = o.halfLife ?? embedder.manifest.ranking.halfLifeItems;
  const popWeight = o.popWeight ?? embedder.manifest.ranking.popWeight;
  const weightOf = o.ratingWeight ?? (() => 1);
  const matrix = { vectors: emb.vectors, dim, popularity: emb.popularity };

  // Engine path: each rating in the history = one finished watch of that title at its
  // timestamp (star values are not visible to a page) → finishedWatchEvents → rankHistory,
  // exactly as src/engine/engine.ts builds its profile and base scores.
  const halfLifeDays = o.halfLifeDays ?? Number.POSITIVE_INFINITY;
  const cset: CandidateSet = {
    vectors: emb.vectors,
    dim,
    popularity: emb.popularity,
    keys: cands.map((m) => `ml:${m.id}`),
    genres: cands.map((m) => canonicalGenres(m.genres)),
  };
  const ours = new Acc();
  const tRank = performance.now();
  for (const s of seqs) {
    const hist = s.slice(0, -1);
    const test = index.get((s[s.length - 1] as Rating).item) as number;
    const events = finishedWatchEvents(
      hist.map((r) => {
        const i = index.get(r.item) as number;
        return { key: cset.keys[i] as string, at: r.ts * 1000, vector: emb.vectors.subarray(i * dim, (i + 1) * dim), title: (cands[i] as { title: string }).title, genres: cset.genres?.[i] ?? [] };
      }),
    );
    const now = (hist[hist.length - 1] as Rating).ts * 1000;
    const { scored } = rankHistory(events, cset, { halfLifeItems: halfLife, halfLifeDays, now, popWeight, onboardingDone: false, onboardingGenres: [] });
    const exclude = new Set(hist.map((r) => index.get(r.item) as number));
    ours.add(positionOf(topK(scored.scores, 20, exclude), test));
  }
  const msPerUser = (performance.now() - tRank) / Math.max(1, seqs.length);

  // The low-level core (profile.ts + score.ts): the engine's score for a one-interest history.
  let core: (Metrics & { msPerUser: number }) | undefined;
  if (o.core !== false) {
    const acc = new Acc();
    const t = performance.now();
    for (const s of seqs) {
      const hist = s.slice(0, -1);
      const test = index.get((s[s.length - 1] as Rating).item) as number;
      const events: HistoryEvent[] = hist.map((r) => {
        const i = index.get(r.item) as number;
        return { embedding: emb.vectors.subarray(i * dim, (i + 1) * dim), at: r.ts, weight: weightOf(r.rating) };
      });
      const profile = buildProfile(events, { halfLifeItems: halfLife });
      const exclude = new Set(hist.map((r) => index.get(r.item) as number));
      acc.add(positionOf(rank(profile, matrix, { k: 20, popWeight, exclude }), test));
    }
    core = { ...acc.result(), msPerUser: Math.round(((performance.now() - t) / Math.max(1, seqs.length)) * 1000) / 1000 };
  }
  await embedder.release();

  const result: Record<string, unknown> = {
    model: { name: embedder.manifest.modelVersion, path: 'engine (rank-history.ts)', ...ours.result() },
    ...(core ? { core: { name: `${embedder.manifest.modelVersion} core (profile.ts + score.ts)`, ...core } } : {}),
    users: seqs.length,
    items: n,
    msPerUser: Math.round(msPerUser * 1000) / 1000,
    embedMs: Math.round(embedMs),
    halfLifeItems: halfLife,
    halfLifeDays: Number.isFinite(halfLifeDays) ? halfLifeDays : 'none',
    popWeight,
  };

  if (o.baselines !== false) {
    const histories = seqs.map((s) => s.slice(0, -1).map((r) => index.get(r.item) as number));
    const tests = seqs.map((s) => index.get((s[s.length - 1] as Rating).item) as number);
    const counts = new Float32Array(n);
    for (const h of histories) for (const i of h) counts[i] = (counts[i] as number) + 1;
    const pop = new Acc();
    histories.forEach((h, u) => pop.add(positionOf(topK(counts, 20, new Set(h)), tests[u] as number)));
    result.mostPop = pop.result();

    const lambda = o.easeLambda ?? 500;
    const maxItems = o.easeMaxItems ?? 6000;
    const runEase = (fitHistories: number[][], label: string): Metrics => {
      const t = performance.now();
      // EASE needs an items×items inverse; above maxItems keep the most-watched items
      // (the rest can still be the test item, they just score -∞ for EASE).
      const fc = new Float32Array(n);
      for (const h of fitHistories) for (const i of h) fc[i] = (fc[i] as number) + 1;
      const sub = [...fc.keys()].filter((i) => (fc[i] as number) > 0).sort((a, b) => (fc[b] as number) - (fc[a] as number) || a - b).slice(0, maxItems);
      const local = new Map(sub.map((g, l) => [g, l]));
      const m = sub.length;
      const b = fitEase(fitHistories.map((h) => h.flatMap((i) => (local.has(i) ? [local.get(i) as number] : []))), m, lambda);
      const acc = new Acc();
      const s = new Float32Array(m);
      const full = new Float32Array(n);
      histories.forEach((h, u) => {
        const lh = h.flatMap((i) => (local.has(i) ? [local.get(i) as number] : []));
        easeScores(b, m, lh, s);
        full.fill(Number.NEGATIVE_INFINITY);
        sub.forEach((g, l) => (full[g] = s[l] as number));
        acc.add(positionOf(topK(full, 20, new Set(h)), tests[u] as number));
      });
      log(`${label}: ${m} items, ${Math.round(performance.now() - t)} ms`);
      return acc.result();
    };
    result.ease = { lambda, ...runEase(histories, 'EASE (same users)') };
    if (o.easeTrainComplement && o.users) {
      const dev = new Set(o.users);
      const other = [...sequences(all.filter((r) => !dev.has(r.user) && index.has(r.item))).values()].map((s) =>
        s.map((r) => index.get(r.item) as number),
      );
      result.easeTrainUsers = { lambda, ...runEase(other, 'EASE (complement users)') };
    }
  }
  result.totalMs = Math.round(performance.now() - t0);
  return result;
}

function parseArgs(argv: string[]): EvalOptions & { out?: string } {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const ratings = get('ratings');
  const movies = get('movies');
  if (!ratings || !movies) {
    throw new Error('usage: tsx scripts/eval.ts --ratings R --movies M [--out F] [--users U.json] [--no-baselines]');
  }
  const usersFile = get('users');
  const users = usersFile ? (JSON.parse(readFileSync(usersFile, 'utf8')) as { users: number[] }).users : undefined;
  const num = (name: string): number | undefined => (get(name) === undefined ? undefined : Number(get(name)));
  return {
    ratings,
    movies,
    out: get('out'),
    users,
    halfLife: num('half-life'),
    popWeight: num('pop-weight'),
    halfLifeDays: num('half-life-days'),
    core: !argv.includes('--no-core'),
    baselines: !argv.includes('--no-baselines'),
    easeLambda: num('ease-lambda'),
    easeMaxItems: num('ease-max-items'),
    easeTrainComplement: argv.includes('--ease-train-complement'),
    modelDir: get('model-dir'),
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
