/**
 * Learns the item-to-item collaborative term (src/rank/neighbours.ts) and the population
 * genre / decade shares (src/rank/leanings.ts) from MovieLens ratings, keyed by title key.
 *
 *   npx tsx training/neighbours.ts --ratings R --movies M --out models/neighbours.json
 *        [--users U.json --side train]   (only the users listed under `side` in U.json)
 *
 * sim(i, j) = c_ij / (√n_i · √n_j + shrink), c_ij the number of training users who rated both
 * (any star value: a page sees watches, not stars), n_i those who rated i; titles rated by
 * fewer than `minCount` users are left out; the top `k` neighbours per title are kept.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canonicalGenres } from '../src/rank/genres';
import { decadeOf } from '../src/rank/leanings';
import type { NeighbourFile } from '../src/rank/neighbours';
import { titleKey } from '../src/titles/normalize';
import { readMovies, readRatings, type Movie, type Rating } from './movielens';
import { cliOptions } from './cli';
import { fitEase } from './ease';

export interface NeighbourOptions {
  k?: number;
  shrink?: number;
  minCount?: number;
  /** 0: co-watch cosine; > 0: EASE (training/ease.ts) with this λ, its item-item weights B. */
  easeLambda?: number;
  /** EASE weights are stored × this (the file keeps weight × 1000 as integers). */
  easeScale?: number;
}

export const NEIGHBOUR_DEFAULTS = { k: 50, shrink: 10, minCount: 3, easeLambda: 0, easeScale: 10 } as const;

/** `histories`: per training user, the movie ids they rated. */
export function fitNeighbours(histories: readonly (readonly number[])[], movies: readonly Movie[], o: NeighbourOptions = {}): NeighbourFile {
  const k = o.k ?? NEIGHBOUR_DEFAULTS.k;
  const shrink = o.shrink ?? NEIGHBOUR_DEFAULTS.shrink;
  const minCount = o.minCount ?? NEIGHBOUR_DEFAULTS.minCount;
  const byId = new Map(movies.map((m) => [m.id, m]));
  const count = new Map<number, number>();
  const gShare = new Map<string, number>();
  const dShare = new Map<string, number>();
  let gTot = 0;
  let dTot = 0;
  for (const h of histories) {
    for (const id of new Set(h)) {
      count.set(id, (count.get(id) ?? 0) + 1);
      const m = byId.get(id);
      if (!m) continue;
      const gs = canonicalGenres(m.genres);
      for (const g of gs) gShare.set(g, (gShare.get(g) ?? 0) + 1 / gs.length);
      if (gs.length) gTot++;
      const dec = decadeOf(titleKeyYear(m));
      if (dec) {
        dShare.set(dec, (dShare.get(dec) ?? 0) + 1);
        dTot++;
      }
    }
  }
  const ids = [...count.keys()].filter((id) => (count.get(id) as number) >= minCount && byId.has(id)).sort((a, b) => a - b);
  const local = new Map(ids.map((id, i) => [id, i]));
  const m = ids.length;
  const c = new Uint16Array(m * m);
  for (const h of histories) {
    const items = [...new Set(h)].flatMap((id) => (local.has(id) ? [local.get(id) as number] : []));
    for (const a of items) {
      const row = a * m;
      for (const b of items) if (a !== b) c[row + b] = (c[row + b] as number) + 1;
    }
  }
  const sq = ids.map((id) => Math.sqrt(count.get(id) as number));
  const easeLambda = o.easeLambda ?? NEIGHBOUR_DEFAULTS.easeLambda;
  const easeScale = o.easeScale ?? NEIGHBOUR_DEFAULTS.easeScale;
  const ease =
    easeLambda > 0
      ? fitEase(
          histories.map((h) => [...new Set(h)].flatMap((id) => (local.has(id) ? [local.get(id) as number] : []))),
          m,
          easeLambda,
        )
      : null;
  const neighbours: number[][] = [];
  for (let a = 0; a < m; a++) {
    const cand: { j: number; s: number }[] = [];
    const row = a * m;
    for (let b = 0; b < m; b++) {
      if (ease) {
        const v = ease[row + b] as number;
        if (v > 0) cand.push({ j: b, s: v * easeScale });
        continue;
      }
      const v = c[row + b] as number;
      if (v > 0) cand.push({ j: b, s: v / ((sq[a] as number) * (sq[b] as number) + shrink) });
    }
    cand.sort((x, y) => y.s - x.s || x.j - y.j);
    neighbours.push(cand.slice(0, k).flatMap((x) => [x.j, Math.round(x.s * 1000)]));
  }
  // Drop pairs whose weight rounded to 0 (keeps pairs aligned: filter works on pairs).
  for (let a = 0; a < m; a++) {
    const flat = neighbours[a] as number[];
    const out: number[] = [];
    for (let t = 0; t + 1 < flat.length; t += 2) if ((flat[t + 1] as number) > 0) out.push(flat[t] as number, flat[t + 1] as number);
    neighbours[a] = out;
  }
  const norm = (mp: Map<string, number>, tot: number): Record<string, number> =>
    Object.fromEntries(
      [...mp.entries()].sort((x, y) => x[0].localeCompare(y[0])).map(([key, v]) => [key, Math.round((v / Math.max(1, tot)) * 1e5) / 1e5]),
    );
  return {
    version: 'tasteful-nb-1',
    keys: ids.map((id) => titleKey((byId.get(id) as Movie).title)),
    neighbours,
    shares: { genres: norm(gShare, gTot), decades: norm(dShare, dTot) },
    users: histories.length,
  };
}

function titleKeyYear(m: Movie): number | null {
  const key = titleKey(m.title);
  const y = /\|(\d{4})$/u.exec(key)?.[1];
  return y ? Number(y) : null;
}

export function historiesOf(ratings: readonly Rating[], users?: ReadonlySet<number>): number[][] {
  const by = new Map<number, number[]>();
  for (const r of ratings) {
    if (users && !users.has(r.user)) continue;
    const l = by.get(r.user);
    if (l) l.push(r.item);
    else by.set(r.user, [r.item]);
  }
  return [...by.values()];
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const argv = process.argv.slice(2);
  const { get } = cliOptions(argv);
  const ratings = get('ratings');
  const movies = get('movies');
  const out = get('out');
  if (!ratings || !movies || !out) throw new Error('usage: tsx training/neighbours.ts --ratings R --movies M --out F [--users U.json --side train]');
  const usersFile = get('users');
  const side = get('side') ?? 'train';
  const users = usersFile ? new Set((JSON.parse(readFileSync(usersFile, 'utf8')) as Record<string, number[]>)[side] ?? []) : undefined;
  if (users && !users.size) throw new Error(`no users under "${side}" in ${usersFile}`);
  const f = fitNeighbours(historiesOf(readRatings(ratings), users), readMovies(movies));
  writeFileSync(out, `${JSON.stringify(f)}\n`);
  process.stderr.write(`neighbours: ${f.keys.length} titles from ${f.users} users → ${out}\n`);
}
