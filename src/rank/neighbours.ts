/**
 * Item-to-item collaborative term, learned offline (training/neighbours.ts) from what
 * training users watched together and shipped as models/neighbours.json, keyed by title key
 * (src/titles/normalize.ts `titleKey`), so a page's "The Matrix" (1999) finds MovieLens'
 * "Matrix, The (1999)". Titles the file does not know get 0 (content embedding only).
 *
 *   cf(x) = Σ_h w_h · sim(h, x) / Σ_h w_h      (h: the user's titles, w_h: their weights)
 *
 * with sim the top-K co-watch cosine c_hx / (√n_h · √n_x + shrink) of the training users.
 * Co-watching transfers across populations better than order patterns: a sequence model
 * trained on one MovieLens period scored at popularity level on another (issue 10).
 */
import type { PopulationShares } from './leanings';

export interface NeighbourFile {
  version: string;
  /** Title keys, one per row. */
  keys: string[];
  /** Per row, flat [neighbourRow, weight × 1000, …], best first. */
  neighbours: number[][];
  shares: PopulationShares;
  /** How many training users it was learned from. */
  users: number;
}

export interface NeighbourIndex {
  version: string;
  rowOf: Map<string, number>;
  rows: { j: Int32Array; w: Float32Array }[];
  shares: PopulationShares;
}

function isShares(x: unknown): x is PopulationShares {
  const o = x as PopulationShares | null;
  const rec = (r: unknown): boolean =>
    !!r && typeof r === 'object' && Object.values(r as object).every((v) => typeof v === 'number' && Number.isFinite(v));
  return !!o && typeof o === 'object' && rec(o.genres) && rec(o.decades);
}

/** Validates a parsed models/neighbours.json; throws with the reason when it is not one. */
export function neighbourIndex(raw: unknown): NeighbourIndex {
  const f = raw as NeighbourFile | null;
  if (!f || typeof f !== 'object' || typeof f.version !== 'string') throw new Error('neighbours: not a neighbour file');
  if (!Array.isArray(f.keys) || !Array.isArray(f.neighbours) || f.keys.length !== f.neighbours.length)
    throw new Error('neighbours: keys and neighbours differ in length');
  if (!isShares(f.shares)) throw new Error('neighbours: bad population shares');
  const n = f.keys.length;
  const rowOf = new Map<string, number>();
  f.keys.forEach((k, i) => {
    if (typeof k !== 'string') throw new Error(`neighbours: key ${i} is not a string`);
    if (!rowOf.has(k)) rowOf.set(k, i);
  });
  const rows = f.neighbours.map((flat, i) => decodePairs(flat, n, `neighbours: row ${i}`));
  return { version: f.version, rowOf, rows, shares: f.shares };
}

/** Row of each key in the index (−1: unknown); computed once per candidate set. */
export function resolveRows(index: NeighbourIndex, keys: readonly string[]): Int32Array {
  const out = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    out[i] = index.rowOf.get(k) ?? -1;
  });
  return out;
}

/** cf(x) for every candidate row (`candRows` from `resolveRows`). */
export function neighbourTerm(index: NeighbourIndex, history: readonly { key: string; weight: number }[], candRows: Int32Array): Float32Array {
  const acc = new Float32Array(index.rows.length);
  let mass = 0;
  for (const h of history) {
    if (!(h.weight > 0)) continue;
    mass += h.weight;
    const r = index.rowOf.get(h.key);
    if (r === undefined) continue;
    const row = index.rows[r] as { j: Int32Array; w: Float32Array };
    for (let t = 0; t < row.j.length; t++) acc[row.j[t] as number] = (acc[row.j[t] as number] as number) + h.weight * (row.w[t] as number);
  }
  const out = new Float32Array(candRows.length);
  if (!(mass > 0)) return out;
  const inv = 1 / mass;
  for (let i = 0; i < candRows.length; i++) {
    const r = candRows[i] as number;
    if (r >= 0) out[i] = (acc[r] as number) * inv;
  }
  return out;
}

/**
 * A flat `[row, weight × scale, …]` list from a model file (neighbours, prior: shares × 1000;
 * periods: counts, scale 1), validated: rows are integers in [0, n), weights finite. `what`
 * names the list in the error.
 */
export function decodePairs(flat: unknown, n: number, what: string, scale = 1000): { j: Int32Array; w: Float32Array } {
  if (!Array.isArray(flat) || flat.length % 2) throw new Error(`${what} is not [row, weight] pairs`);
  const m = flat.length / 2;
  const j = new Int32Array(m);
  const w = new Float32Array(m);
  for (let t = 0; t < m; t++) {
    const r = flat[2 * t];
    const v = flat[2 * t + 1];
    if (!Number.isInteger(r) || (r as number) < 0 || (r as number) >= n || typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`${what} has a bad pair`);
    j[t] = r as number;
    w[t] = v / scale;
  }
  return { j, w };
}
