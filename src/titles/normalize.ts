/**
 * Title normalisation: one key per film across sites and catalogue conventions.
 *
 * Sites write the same film in many ways: "Matrix, The (1999)" (MovieLens / library
 * sort order), "The Matrix", "THE MATRIX (1999)", "Amélie (Fabuleux destin d'Amélie
 * Poulain, Le) (2001)". `parseTitle` splits a raw string into a display title (article
 * moved back to the front), a year and alternate titles; `titleKey` reduces a title to
 * a join key.
 *
 * Key format: `<base>` when the year is unknown, `<base>|<year>` when it is known, where
 * `<base>` is the accent-free, lower-case title without its leading article, with
 * punctuation dropped, "&" read as "and", and words joined by single spaces.
 * Two keys name one film when their bases are equal and their years match (`yearsMatch`,
 * with the slack a caller allows; `sameFilmAs` in src/rank/filters.ts): a page that hides
 * the year still joins the film, while two dated remakes ("Psycho|1960", "Psycho|1998") stay apart.
 */

export interface ParsedTitle {
  /** Display title: trimmed, article moved to the front ("The Matrix"). */
  title: string;
  /** Release year when the raw string carried one ("(1999)", "(1999–2003)"). */
  year: number | null;
  /** Alternate titles from parentheses or "a.k.a.", in the order written. */
  altTitles: string[];
}

/**
 * Articles that catalogues move to the end ("Matrix, The") and that the key drops from
 * the front. Elided forms (l', d') carry no trailing space.
 */
const ARTICLES = [
  'the',
  'a',
  'an',
  'le',
  'la',
  'les',
  "l'",
  'il',
  'lo',
  'gli',
  'i',
  'der',
  'die',
  'das',
  'ein',
  'eine',
  'el',
  'los',
  'las',
  'un',
  'una',
  'une',
  'de',
  'het',
  'den',
  'det',
  'o',
  'os',
  'as',
] as const;
const ELIDED = new Set(["l'", 'l’']);
// Single-letter words that are also articles in some language; dropping them from the
// front of a key would merge "I Robot"-style titles, so the key only drops these words.
const KEY_ARTICLES = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'l', 'il', 'der', 'die', 'das', 'el', 'los', 'las']);

const YEAR_SUFFIX = /\s*\(\s*((?:18|19|20|21)\d\d)(?:\s*[-–—]\s*(?:(?:18|19|20|21)\d\d)?)?\s*\)\s*$/u;
const PAREN_SUFFIX = /\s*\(([^()]*)\)\s*$/u;
const AKA_PREFIX = /^\s*(?:a\.?\s?k\.?\s?a\.?|aka)\s*[:.]?\s+/iu;
const AKA_INFIX = /\s+(?:a\.k\.a\.|aka)\s+/iu;
const TRAILING_ARTICLE = new RegExp(`^(.*\\S),\\s*(${ARTICLES.map((a) => a.replace(/'/g, "['’]")).join('|')})\\s*$`, 'iu');

function collapse(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}

/** "Matrix, The" → "The Matrix"; "Auberge espagnole, L'" → "L'Auberge espagnole". */
export function moveArticleToFront(title: string): string {
  const m = TRAILING_ARTICLE.exec(title);
  if (!m || m[1] === undefined || m[2] === undefined) return title;
  const article = m[2];
  const sep = ELIDED.has(article.toLowerCase()) ? '' : ' ';
  return `${article}${sep}${m[1]}`;
}

/** Split a raw title string into display title, year and alternate titles. */
export function parseTitle(raw: string): ParsedTitle {
  let rest = collapse(raw);
  let year: number | null = null;
  const alts: string[] = [];

  // Parentheticals are peeled from the end: the year comes last in catalogue strings,
  // alternate titles sit before it ("City of Lost Children, The (Cité..., La) (1995)").
  for (let guard = 0; guard < 8; guard++) {
    const y = YEAR_SUFFIX.exec(rest);
    if (y && y[1] !== undefined && year === null) {
      year = Number(y[1]);
      rest = rest.slice(0, y.index).trimEnd();
      continue;
    }
    const p = PAREN_SUFFIX.exec(rest);
    // A title that is nothing but a parenthesis keeps it as its title.
    if (p && p[1] !== undefined && p.index > 0) {
      const inner = collapse(p[1].replace(AKA_PREFIX, ''));
      if (inner) alts.unshift(moveArticleToFront(inner));
      rest = rest.slice(0, p.index).trimEnd();
      continue;
    }
    break;
  }

  const aka = rest.split(AKA_INFIX);
  let title = collapse(aka[0] ?? rest);
  for (const a of aka.slice(1)) {
    const t = collapse(a);
    if (t) alts.push(moveArticleToFront(t));
  }
  title = moveArticleToFront(title);
  if (!title) title = collapse(raw);
  return { title, year, altTitles: alts };
}

/** Lower-case, accent-free words of a title ("&" read as "and"); no article handling. */
export function titleWords(title: string): string[] {
  const folded = title
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .replace(/['’ʼ`´]/gu, '')
    .replace(/&/gu, ' and ');
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The article-free base of a key ("The Matrix" → "matrix"). */
export function titleBase(title: string): string {
  const words = titleWords(title);
  // Keep the article when it is the whole title ("The", "It").
  if (words.length > 1 && KEY_ARTICLES.has(words[0] ?? '')) words.shift();
  return words.join(' ');
}

/**
 * The key joining one film across sites. `title` may be raw ("Matrix, The (1999)"):
 * it is parsed first, and a year found in it is used when `year` is not given.
 */
export function titleKey(title: string, year?: number | null): string {
  const parsed = parseTitle(title);
  let base = titleBase(parsed.title);
  // Titles made only of symbols or emoji still need a stable, non-empty key.
  if (!base) base = collapse(title.normalize('NFKC').toLowerCase()) || '_';
  // Bounded, so a stored key always fits the store's id bound (limits.ts storedId): a page's
  // title is at most 500 characters, but Unicode normalisation can lengthen it.
  if (base.length > KEY_BASE_MAX) base = base.slice(0, KEY_BASE_MAX).replace(/[\uD800-\uDBFF]$/u, '');
  const y = year ?? parsed.year;
  return y === null || y === undefined ? base : `${base}|${y}`;
}

const KEY_BASE_MAX = 500;

/** Split a key into base and year. */
export function splitKey(key: string): { base: string; year: number | null } {
  const m = /^(.*)\|(\d{4})$/u.exec(key);
  if (!m || m[1] === undefined || m[2] === undefined) return { base: key, year: null };
  return { base: m[1], year: Number(m[2]) };
}

/**
 * Adds to a key → row map each dated key's name alone, where that name is no key of its own and
 * names one dated key only: a page or an export that shows no year finds the one film of that
 * name, never one of two (a remake and its original). `decided`: names another source has settled
 * (src/rank/known-titles.ts), left alone. In place; returns the map.
 */
export function withYearlessKeys<T>(rowOf: Map<string, T>, decided?: (base: string) => boolean): Map<string, T> {
  const bare = new Map<string, T | null>();
  for (const [k, row] of rowOf) {
    const { base, year } = splitKey(k);
    if (year !== null && !rowOf.has(base) && !decided?.(base)) bare.set(base, bare.has(base) ? null : row);
  }
  for (const [base, row] of bare) if (row !== null) rowOf.set(base, row);
  return rowOf;
}

/** Release years of one film: either unknown, or at most `slack` years apart. */
export function yearsMatch(a: number | null, b: number | null, slack = 0): boolean {
  return a === null || b === null || Math.abs(a - b) <= slack;
}
