/**
 * Text construction: how a title record becomes the text the model embeds.
 *
 * This is the ONLY place that decides it. Training runs this same code over MovieLens
 * movies (training/build_texts.ts → train.py), so a page tile "The Matrix · 1999 ·
 * Action, Sci-Fi" and the MovieLens row "Matrix, The (1999) | Action|Sci-Fi" produce the
 * same text and hence the same embedding.
 *
 * Format (one field per line; the tokenizer reads the field names):
 *   <display title>
 *   year: <yyyy>
 *   genres: <genre>|<genre>
 *   kind: <series|episode|video>      (omitted for movies and unknown kinds)
 *   aka: <alt title>|<alt title>
 *   about: <description or query words>
 */
import type { TitleKind } from '../store/records';
import { parseTitle } from '../titles/normalize';

export interface ItemTextInput {
  title: string;
  year?: number | null;
  kind?: TitleKind | null;
  genres?: readonly string[];
  description?: string | null;
}

/**
 * Canonical genre names (the MovieLens vocabulary, which the model was trained on).
 * Keys are lower-case with non-letters removed, so "Children's", "Sci-Fi & Fantasy"
 * parts and "Science Fiction" all find their entry.
 */
const GENRE_ALIASES: Record<string, string> = {
  action: 'Action',
  adventure: 'Adventure',
  animation: 'Animation',
  animated: 'Animation',
  anime: 'Animation',
  children: 'Children',
  childrens: 'Children',
  kids: 'Children',
  family: 'Children',
  comedy: 'Comedy',
  comedies: 'Comedy',
  crime: 'Crime',
  documentary: 'Documentary',
  documentaries: 'Documentary',
  docuseries: 'Documentary',
  drama: 'Drama',
  dramas: 'Drama',
  fantasy: 'Fantasy',
  filmnoir: 'Film-Noir',
  noir: 'Film-Noir',
  horror: 'Horror',
  horrormovies: 'Horror',
  imax: 'IMAX',
  musical: 'Musical',
  musicals: 'Musical',
  music: 'Musical',
  mystery: 'Mystery',
  romance: 'Romance',
  romantic: 'Romance',
  romanticmovies: 'Romance',
  scifi: 'Sci-Fi',
  sciencefiction: 'Sci-Fi',
  thriller: 'Thriller',
  thrillers: 'Thriller',
  suspense: 'Thriller',
  war: 'War',
  western: 'Western',
  westerns: 'Western',
};

function genreSlug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * Map site genres onto the training vocabulary. Compound labels ("Action & Adventure",
 * "Sci-Fi & Fantasy", a MovieLens list "Action|Sci-Fi" left whole by an import) are split; unknown genres are kept as written so they still
 * contribute a (hashed, untrained) token and a future model can learn them.
 */
export function canonicalGenres(genres: readonly string[]): string[] {
  const out: string[] = [];
  for (const g of genres) {
    const whole = GENRE_ALIASES[genreSlug(g)];
    const parts = whole ? [whole] : g.split(/\s*(?:&|\/|,|\||;| and )\s*/u).map((p) => GENRE_ALIASES[genreSlug(p)] ?? p.trim());
    for (const p of parts) {
      if (!p || p === '(no genres listed)' || out.includes(p)) continue;
      out.push(p);
    }
  }
  return out;
}

/** Field values must not break the line format. */
function oneLine(s: string): string {
  return s
    .replace(/[\r\n|]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The text the model embeds for one title. */
export function buildItemText(item: ItemTextInput): string {
  const parsed = parseTitle(item.title);
  const year = item.year ?? parsed.year;
  const lines = [oneLine(parsed.title)];
  if (year !== null && year !== undefined) lines.push(`year: ${year}`);
  const genres = canonicalGenres(item.genres ?? [])
    .map(oneLine)
    .filter(Boolean);
  if (genres.length) lines.push(`genres: ${genres.join('|')}`);
  if (item.kind === 'series' || item.kind === 'episode' || item.kind === 'video') lines.push(`kind: ${item.kind}`);
  const alts = parsed.altTitles.map(oneLine).filter(Boolean);
  if (alts.length) lines.push(`aka: ${alts.join('|')}`);
  const about = oneLine(item.description ?? '');
  if (about) lines.push(`about: ${about}`);
  return lines.join('\n');
}

/**
 * The text for a free-text search ("dark space thriller"): genre words become genre
 * tokens, every word is also a description word. The title line is left empty so a
 * query does not pretend to be a title.
 */
export function buildQueryText(query: string): string {
  const words = query.split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
  const genres = canonicalGenres(words.filter((w) => GENRE_ALIASES[genreSlug(w)] !== undefined));
  const lines = [''];
  if (genres.length) lines.push(`genres: ${genres.join('|')}`);
  const about = oneLine(query);
  if (about) lines.push(`about: ${about}`);
  return lines.join('\n');
}
