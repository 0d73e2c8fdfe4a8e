/**
 * Whether a title answers a search, so that "Because you searched for “space”" is only said
 * of titles the search was about. The query's embedding sits near many acclaimed titles
 * that have nothing to do with it (Das Boot and The Third Man were explained by "space"),
 * so nearness alone never qualifies. A title answers a query when
 *   - it was opened from that search (the store's `openedTitleId`), or
 *   - a genre the query names is one of its genres ("sci-fi", "comedies", "romantic"), or
 *   - a query word of ≥ 3 letters (not a stop word) begins a word of its title
 *     ("space" → "2001: A Space Odyssey"), accents and case folded.
 */
import { buildQueryText } from '../model/text';

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'movie',
  'movies',
  'film',
  'films',
  'show',
  'shows',
  'series',
  'der',
  'die',
  'das',
  'les',
  'los',
  'una',
  'une',
]);

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
const words = (s: string): string[] =>
  fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

// A page asks about hundreds of titles against the same few queries.
const genreCache = new Map<string, string[]>();

/** Canonical genres a query names, through the model's own query text (one mapping for both). */
export function queryGenres(query: string): string[] {
  let out = genreCache.get(query);
  if (!out) {
    const line = buildQueryText(query)
      .split('\n')
      .find((l) => l.startsWith('genres: '));
    out = line ? line.slice('genres: '.length).split('|') : [];
    if (genreCache.size >= 200) genreCache.clear(); // bounded: queries are the user's last 20
    genreCache.set(query, out);
  }
  return out;
}

export interface SearchTarget {
  key?: string;
  title?: string;
  genres: readonly string[];
}

export function searchMatches(query: string, opened: readonly string[] | undefined, t: SearchTarget): boolean {
  if (t.key !== undefined && opened?.includes(t.key)) return true;
  const named = queryGenres(query);
  if (named.some((g) => t.genres.includes(g))) return true;
  if (!t.title) return false;
  const titleWords = words(t.title);
  return words(query).some((q) => q.length >= 3 && !STOP.has(q) && titleWords.some((w) => w.startsWith(q)));
}
