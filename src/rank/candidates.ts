/**
 * Candidate sets for one call: the catalog plus the page's titles that are not in it (the
 * picks), or just the page's titles (a badge batch). Page titles are embedded through the
 * engine's cache (`embed`).
 */
import type { TitleInput } from '../messages/protocol';
import { buildItemText } from '../model/text';
import { titleKey } from '../titles/normalize';
import { titleId } from '../titles/title-id';
import type { Embed } from './embed-events';
import { canonicalGenres } from './genres';
import { completeTitle, type Completed } from './known-titles';
import type { CandidateSet } from './recommend';
import type { RankState } from './state';
import { row as vrow } from './vec';

export interface PageTitle {
  /** As the page showed it (what a pick displays). */
  input: TitleInput;
  /** With the year and genres of the known film it is (known-titles.ts): what is embedded and counted. */
  known: Completed<TitleInput>;
  key: string;
}

/**
 * A page title's key: its stored record's, when the store holds this site's title (a row that
 * shows no year names the film a details page dated); else the page's own reading.
 */
export function pageTitleKey(st: Pick<RankState, 'keyById'>, site: string | null, t: TitleInput): string {
  return (site === null ? undefined : st.keyById.get(titleId(site, t.siteItemId))) ?? titleKey(t.title, t.year);
}

/** The page's titles that are not in the catalog, once each by title key, embedded. */
async function offCatalog(
  st: RankState,
  site: string | null,
  titles: readonly TitleInput[],
  embed: Embed,
): Promise<{ items: PageTitle[]; vectors: Float32Array; popularity: Float32Array }> {
  const items: PageTitle[] = [];
  const seen = new Set<string>();
  for (const t of titles) {
    const key = pageTitleKey(st, site, t);
    if (st.keyIndex.has(key) || seen.has(key)) continue;
    seen.add(key);
    items.push({ input: t, known: completeTitle(st.model.prior?.known ?? null, t, key), key });
  }
  if (!items.length) return { items, vectors: new Float32Array(), popularity: new Float32Array() };
  const emb = await embed(items.map((x) => buildItemText(x.known)));
  return { items, vectors: emb.vectors, popularity: emb.popularity };
}

/** Candidates = catalog + page titles not in it (the picks); `extra[i]` is candidate `catalog.length + i`. */
export async function catalogWithPage(
  st: RankState,
  site: string | null,
  titles: readonly TitleInput[],
  embed: Embed,
): Promise<{ cands: CandidateSet; extra: PageTitle[] }> {
  const off = await offCatalog(st, site, titles, embed);
  const extra = off.items;
  if (!extra.length) return { cands: st.cands, extra };
  const n = st.catalog.length;
  const dim = st.cands.dim;
  const vectors = new Float32Array((n + extra.length) * dim);
  vectors.set(st.cands.vectors);
  vectors.set(off.vectors, n * dim);
  const popularity = new Float32Array(n + extra.length);
  popularity.set(st.cands.popularity ?? new Float32Array(n));
  popularity.set(off.popularity, n);
  return {
    cands: {
      vectors,
      dim,
      popularity,
      keys: [...st.cands.keys, ...extra.map((x) => x.key)],
      genres: [...(st.cands.genres ?? st.cands.keys.map(() => [])), ...extra.map((x) => canonicalGenres(x.known.genres))],
      years: [...(st.cands.years ?? st.cands.keys.map(() => null)), ...extra.map((x) => x.known.year)],
    },
    extra,
  };
}

/**
 * Just the page's titles as candidates, one row per distinct title (a badge batch): catalog
 * rows are copied from the state, never the whole catalog (50k titles would be 13 MB per batch).
 * `rowOf[i]` is the row of `titles[i]`.
 */
export async function pageCandidates(
  st: RankState,
  site: string,
  titles: readonly TitleInput[],
  embed: Embed,
): Promise<CandidateSet & { rowOf: number[] }> {
  const dim = st.cands.dim;
  const keys: string[] = [];
  const rowByKey = new Map<string, number>();
  const rowOf = titles.map((t) => {
    const k = pageTitleKey(st, site, t);
    let row = rowByKey.get(k);
    if (row === undefined) rowByKey.set(k, (row = keys.push(k) - 1));
    return row;
  });
  const vectors = new Float32Array(keys.length * dim);
  const popularity = new Float32Array(keys.length);
  const genres: (readonly string[])[] = new Array(keys.length);
  const years: (number | null)[] = new Array(keys.length).fill(null);
  keys.forEach((k, row) => {
    const ci = st.keyIndex.get(k);
    if (ci === undefined) return;
    vectors.set(vrow(st.cands.vectors, dim, ci), row * dim);
    popularity[row] = st.cands.popularity?.[ci] ?? 0;
    genres[row] = st.cands.genres?.[ci] ?? [];
    years[row] = st.cands.years?.[ci] ?? null;
  });
  const off = await offCatalog(st, site, titles, embed);
  off.items.forEach((x, j) => {
    const row = rowByKey.get(x.key) as number;
    vectors.set(off.vectors.subarray(j * dim, (j + 1) * dim), row * dim);
    popularity[row] = off.popularity[j] as number;
    genres[row] = canonicalGenres(x.known.genres);
    years[row] = x.known.year;
  });
  return { vectors, dim, popularity, keys, genres, years, rowOf };
}

/** The given rows of a candidate set, as a set of their own (row order as given). */
export function selectRows(c: CandidateSet, rows: readonly number[]): CandidateSet {
  const { dim } = c;
  const vectors = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    vectors.set(c.vectors.subarray(r * dim, (r + 1) * dim), i * dim);
  });
  return {
    vectors,
    dim,
    ...(c.popularity ? { popularity: Float32Array.from(rows, (r) => c.popularity?.[r] as number) } : {}),
    keys: rows.map((r) => c.keys[r] as string),
    ...(c.genres ? { genres: rows.map((r) => c.genres?.[r] ?? []) } : {}),
    ...(c.years ? { years: rows.map((r) => c.years?.[r] ?? null) } : {}),
  };
}

/**
 * Rows to calibrate match % on: every row of a small catalog; of a large one, an even sample
 * of `max` rows plus every row in `keep` (the history). The reference distribution needs no
 * more, and the taste kernel's exact score costs rows × titles (taste-kernel.ts).
 */
export function calibrationRows(n: number, keep: readonly number[], max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const rows = new Set<number>(keep);
  const stride = n / max;
  for (let i = 0; i < max; i++) rows.add(Math.floor(i * stride));
  return [...rows].sort((a, b) => a - b);
}
