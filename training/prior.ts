/**
 * Learns the short-history prior (src/rank/prior.ts) from MovieLens ratings: per training
 * user, a start vector (normalised mean embedding of their first K titles by time, ties in
 * file order) and a went-on vector (the same over the titles they rated after those, at most
 * `horizon` of them); users are grouped by spherical k-means over their start vectors
 * (`groups`; 0 = one group per user), and each group of at least `minGroup` users also keeps
 * the titles its members went on to watch most (title keys, share of members; a title only
 * when ≥ 2 members watched it). Embeddings come from the shipped ONNX encoder through the
 * extension's own `buildItemText`, so the vectors live in the space the engine ranks in.
 *
 *   npx tsx training/prior.ts --ratings R --movies M --out models/prior.json
 *        [--split test/fixtures/shift-split.json]   (learn from the split's train users only)
 *        [--model-dir models] [--start 10] [--horizon 50] [--groups 0] [--min-group 1] [--top 200]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { Embedder, type ModelManifest } from '../src/model/embedder';
import { buildItemText, canonicalGenres } from '../src/model/text';
import { encodeRows, type PriorFile } from '../src/rank/prior';
import { parseTitle, splitKey, titleKey } from '../src/titles/normalize';
import { genreMask, type KnownTitlesFile } from '../src/rank/known-titles';
import { readMovies, readRatings, sequences, type Movie, type Rating } from './movielens';
import { rng } from './splits';
import { cliOptions } from './cli';
import { fitPeriods } from './period-pop';

export interface PriorOptions {
  /** K: first titles that make the start vector. */
  start?: number;
  /** At most this many titles after the first K make the went-on vector. */
  horizon?: number;
  /** k-means groups over start vectors; 0 = one group per user (no title lists then). */
  groups?: number;
  minGroup?: number;
  /** Titles kept per group. */
  top?: number;
  seed?: number;
}

export const PRIOR_DEFAULTS = { start: 10, horizon: 50, groups: 20, minGroup: 5, top: 200, seed: 10 } as const;

function meanUnit(vs: readonly Float32Array[], dim: number): Float32Array | null {
  if (!vs.length) return null;
  const acc = new Float32Array(dim);
  for (const v of vs) for (let d = 0; d < dim; d++) acc[d] = (acc[d] as number) + (v[d] as number);
  let s = 0;
  for (const x of acc) s += x * x;
  if (!(s > 0)) return null;
  const inv = 1 / Math.sqrt(s);
  for (let d = 0; d < dim; d++) acc[d] = (acc[d] as number) * inv;
  return acc;
}

const cos = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d] as number) * (b[d] as number);
  return s;
};

/** Spherical k-means (seeded, k-means++-style spread start); returns each point's group. */
function kmeans(points: readonly Float32Array[], g: number, seed: number, iters = 30): number[] {
  const r = rng(seed);
  const dim = points[0]?.length ?? 0;
  const cents: Float32Array[] = [points[Math.floor(r() * points.length)] as Float32Array];
  while (cents.length < g) {
    // Farthest-first with randomness: the next centre is drawn ∝ (1 − max cos)².
    const d = points.map((p) => (1 - Math.max(...cents.map((c) => cos(p, c)))) ** 2);
    let t = r() * d.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < d.length - 1 && (t -= d[i] as number) > 0) i++;
    cents.push(points[i] as Float32Array);
  }
  let assign = points.map(() => 0);
  for (let it = 0; it < iters; it++) {
    const next = points.map((p) => {
      let best = 0;
      for (let c = 1; c < cents.length; c++) if (cos(p, cents[c] as Float32Array) > cos(p, cents[best] as Float32Array)) best = c;
      return best;
    });
    const same = next.every((a, i) => a === assign[i]);
    assign = next;
    for (let c = 0; c < cents.length; c++) {
      const m = meanUnit(
        points.filter((_, i) => assign[i] === c),
        dim,
      );
      if (m) cents[c] = m;
    }
    if (same && it > 0) break;
  }
  return assign;
}

/**
 * `seqs`: per training user, the movie ids they rated in time order; `vecOf`: the encoder's
 * unit embedding of a movie (undefined: unknown, skipped).
 */
export function fitPrior(
  seqs: readonly (readonly number[])[],
  vecOf: (id: number) => Float32Array | undefined,
  keyOf: (id: number) => string,
  model: { modelVersion: string; dim: number },
  o: PriorOptions = {},
  probe?: { text: string; vector: Float32Array },
): PriorFile {
  const K = o.start ?? PRIOR_DEFAULTS.start;
  const H = o.horizon ?? PRIOR_DEFAULTS.horizon;
  const G = o.groups ?? PRIOR_DEFAULTS.groups;
  const minGroup = Math.max(1, o.minGroup ?? PRIOR_DEFAULTS.minGroup);
  const top = o.top ?? PRIOR_DEFAULTS.top;
  const { dim } = model;
  const users: { start: Float32Array; next: Float32Array; later: number[] }[] = [];
  for (const s of seqs) {
    const known = s.filter((id) => vecOf(id));
    const later = known.slice(K, K + H);
    const start = meanUnit(
      known.slice(0, K).map((id) => vecOf(id) as Float32Array),
      dim,
    );
    const next = meanUnit(
      later.map((id) => vecOf(id) as Float32Array),
      dim,
    );
    if (start && next) users.push({ start, next, later });
  }
  if (!users.length) throw new Error('prior: no training user has more than the start titles');
  let assign = users.map((_, i) => i);
  if (G > 0 && G < users.length) {
    assign = kmeans(
      users.map((u) => u.start),
      G,
      o.seed ?? PRIOR_DEFAULTS.seed,
    );
    // Groups below minGroup join the nearest large group (no group stands for few users).
    const size = new Map<number, number>();
    for (const a of assign) size.set(a, (size.get(a) ?? 0) + 1);
    const big = [...size.keys()].filter((c) => (size.get(c) as number) >= minGroup);
    const centre = (c: number): Float32Array =>
      meanUnit(
        users.filter((_, i) => assign[i] === c).map((u) => u.start),
        dim,
      ) as Float32Array;
    const cents = new Map(big.map((c) => [c, centre(c)]));
    assign = assign.map((a, i) => {
      if (cents.has(a)) return a;
      const u = users[i] as { start: Float32Array };
      return big.reduce(
        (b, c) => (cos(u.start, cents.get(c) as Float32Array) > cos(u.start, cents.get(b) as Float32Array) ? c : b),
        big[0] as number,
      );
    });
  }
  const ids = [...new Set(assign)].sort((a, b) => a - b);
  const keys: string[] = [];
  const keyRow = new Map<string, number>();
  const starts: Float32Array[] = [];
  const nexts: Float32Array[] = [];
  const titles: number[][] = [];
  for (const c of ids) {
    const members = users.filter((_, i) => assign[i] === c);
    starts.push(
      meanUnit(
        members.map((u) => u.start),
        dim,
      ) as Float32Array,
    );
    nexts.push(
      meanUnit(
        members.map((u) => u.next),
        dim,
      ) as Float32Array,
    );
    const count = new Map<string, number>();
    // Title lists only for real groups: a list of one user's titles would be their history.
    if (members.length >= Math.max(2, minGroup)) {
      for (const u of members) for (const k of new Set(u.later.map(keyOf))) count.set(k, (count.get(k) ?? 0) + 1);
    }
    const best = [...count.entries()]
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top);
    titles.push(
      best.flatMap(([k, n]) => {
        let r = keyRow.get(k);
        if (r === undefined) {
          r = keys.length;
          keys.push(k);
          keyRow.set(k, r);
        }
        return [r, Math.round((n / members.length) * 1000)];
      }),
    );
  }
  return {
    version: 'tasteful-prior-1',
    modelVersion: model.modelVersion,
    dim,
    startTitles: K,
    users: users.length,
    minGroup: G > 0 ? minGroup : 1,
    start: encodeRows(starts),
    next: encodeRows(nexts),
    keys,
    titles,
    ...(probe ? { probe: { text: probe.text, vector: encodeRows([probe.vector]) } } : {}),
  };
}

/** Each user's rated movie ids in time order (ties in file order). */
export function orderedHistories(ratings: readonly Rating[], users?: ReadonlySet<number>): number[][] {
  const seqs = sequences(users ? ratings.filter((r) => users.has(r.user)) : ratings);
  return [...seqs.keys()].sort((a, b) => a - b).map((u) => (seqs.get(u) as Rating[]).map((r) => r.item));
}

/** Unit embeddings of every movie through the ONNX encoder in `modelDir`. */
export async function embedMovies(
  movies: readonly Movie[],
  modelDir: string,
): Promise<{ vecOf: (id: number) => Float32Array | undefined; model: { modelVersion: string; dim: number } }> {
  ort.env.wasm.numThreads = 1;
  const manifest = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as ModelManifest;
  const bytes = readFileSync(join(modelDir, manifest.file));
  const embedder = await Embedder.create(ort, () => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }), manifest);
  const emb = await embedder.embed(movies.map((m) => buildItemText({ title: m.title, genres: m.genres, kind: 'movie' })));
  await embedder.release();
  const row = new Map(movies.map((m, i) => [m.id, i]));
  return {
    vecOf: (id) => {
      const i = row.get(id);
      return i === undefined ? undefined : emb.vectors.subarray(i * emb.dim, (i + 1) * emb.dim);
    },
    model: { modelVersion: manifest.modelVersion, dim: emb.dim },
  };
}

/**
 * The training catalog's films by title key with their years and genres (src/rank/known-titles.ts):
 * every film of the movies file with a year, whoever rated it (a catalog, not anyone's history).
 */
export function knownTitlesOf(movies: readonly Movie[], ratings: readonly Rating[]): KnownTitlesFile {
  const rated = new Map<number, number>();
  for (const r of ratings) rated.set(r.item, (rated.get(r.item) ?? 0) + 1);
  // One entry per key: a film the movies file lists twice (under two ids) is one film, not two
  // rivals for its name.
  const byKey = new Map<string, { key: string; genres: string[]; ratings: number; aka: string[] }>();
  for (const m of movies) {
    const key = titleKey(m.title);
    const { base, year } = splitKey(key);
    if (year === null) continue;
    // Other names ("Twelve Monkeys (a.k.a. 12 Monkeys)", "Hate (Haine, La)"), as keys without a year.
    const aka = parseTitle(m.title)
      .altTitles.map((a) => splitKey(titleKey(a, null)).base)
      .filter((a) => a && a !== base);
    const f = byKey.get(key) ?? { key, genres: [], ratings: 0, aka: [] };
    f.genres = [...new Set([...f.genres, ...canonicalGenres(m.genres)])];
    f.ratings += rated.get(m.id) ?? 0;
    f.aka = [...new Set([...f.aka, ...aka])];
    byKey.set(key, f);
  }
  const films = [...byKey.values()];
  const genres = [...new Set(films.flatMap((f) => f.genres))].sort();
  return {
    genres,
    keys: films.map((f) => f.key),
    masks: films.map((f) => genreMask(genres, f.genres)),
    ratings: films.map((f) => f.ratings),
    aka: films.flatMap((f, i) => f.aka.flatMap((a) => [a, i])),
  };
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const argv = process.argv.slice(2);
  const { get, num } = cliOptions(argv);
  const ratings = get('ratings');
  const moviesPath = get('movies');
  const out = get('out');
  if (!ratings || !moviesPath || !out) throw new Error('usage: tsx training/prior.ts --ratings R --movies M --out F [--split S] [--model-dir D]');
  const splitFile = get('split');
  const users = splitFile ? new Set((JSON.parse(readFileSync(splitFile, 'utf8')) as Record<string, number[]>).train ?? []) : undefined;
  if (users && !users.size) throw new Error(`no "train" users in ${splitFile}`);
  const movies = readMovies(moviesPath);
  const modelDir = get('model-dir') ?? join(fileURLToPath(new URL('..', import.meta.url)), 'models');
  const { vecOf, model } = await embedMovies(movies, modelDir);
  const byId = new Map(movies.map((m) => [m.id, m]));
  const first = movies[0] as Movie;
  const probe = { text: buildItemText({ title: first.title, genres: first.genres, kind: 'movie' }), vector: vecOf(first.id) as Float32Array };
  const all = readRatings(ratings);
  const keyOfId = (id: number): string | undefined => {
    const m = byId.get(id);
    return m && titleKey(m.title);
  };
  const fitted = fitPrior(
    orderedHistories(all, users),
    vecOf,
    (id) => titleKey((byId.get(id) as Movie).title),
    model,
    {
      start: num('start'),
      horizon: num('horizon'),
      groups: num('groups'),
      minGroup: num('min-group'),
      top: num('top'),
    },
    probe,
  );
  // The period popularity rides in the same file: both are what other people watched.
  // So does the training catalog: what the encoder learned each film by.
  const learned = users ? all.filter((r) => users.has(r.user)) : all;
  const f: PriorFile = { ...fitted, periods: fitPeriods(learned, keyOfId), known: knownTitlesOf(movies, learned) };
  const json = `${JSON.stringify(f)}\n`;
  writeFileSync(out, json);
  process.stderr.write(`prior: ${f.titles.length} groups from ${f.users} users, ${f.keys.length} titles, ${json.length} bytes → ${out}\n`);
}
