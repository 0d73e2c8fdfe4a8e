/**
 * The demo site's catalog: real films and series with short original descriptions.
 * Source of truth is `catalog-data.txt` (one `Title | Year | m/s | Genres | Description` per line);
 * this module parses it once and exports frozen entries. `node demo/catalog.mjs` prints stats,
 * `node demo/catalog.mjs --json` prints the catalog as JSON.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The MovieLens-style genre vocabulary every entry draws from. */
export const GENRES = Object.freeze([
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
]);

/** "The Lord of the Rings: The Two Towers" (2002) → "the-lord-of-the-rings-the-two-towers-2002". */
export function slugify(title, year) {
  const base = title
    .replace(/½/g, ' 1/2 ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\u2044/g, '-') // fraction slash (½ → 1⁄2)
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return year ? `${base || 'untitled'}-${year}` : base || 'untitled';
}

export function parseCatalog(text) {
  const out = [];
  const seen = new Set();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const parts = line.split('|').map((s) => s.trim());
    if (parts.length !== 5) throw new Error(`catalog line ${i + 1}: expected 5 fields`);
    const [title, yearText, kindCode, genreText, description] = parts;
    const year = Number(yearText);
    if (!Number.isInteger(year) || year < 1880 || year > 2100) throw new Error(`catalog line ${i + 1}: bad year`);
    if (kindCode !== 'm' && kindCode !== 's') throw new Error(`catalog line ${i + 1}: kind must be m or s`);
    const genres = genreText.split(',').map((g) => g.trim());
    for (const g of genres) if (!GENRES.includes(g)) throw new Error(`catalog line ${i + 1}: unknown genre ${g}`);
    const id = slugify(title, year);
    if (seen.has(id)) throw new Error(`catalog line ${i + 1}: duplicate id ${id}`);
    seen.add(id);
    out.push(
      Object.freeze({
        id,
        title,
        year,
        kind: kindCode === 's' ? 'series' : 'movie',
        genres: Object.freeze(genres),
        description,
        // Series get a small, deterministic episode list for the title and watch pages.
        ...(kindCode === 's' ? { seasons: 1 + (hash(id) % 4), episodesPerSeason: 6 + (hash(id + 'e') % 5) } : {}),
      }),
    );
  });
  return Object.freeze(out);
}

/** FNV-1a 32-bit: deterministic, cheap, good enough for colours and shuffles. */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const DATA_FILE = fileURLToPath(new URL('./catalog-data.txt', import.meta.url));

/** All catalog entries, in file order. */
export const CATALOG = parseCatalog(readFileSync(DATA_FILE, 'utf8'));
export const BY_ID = new Map(CATALOG.map((t) => [t.id, t]));

export function catalogStats(list = CATALOG) {
  const kinds = {};
  const genres = {};
  const decades = {};
  for (const t of list) {
    kinds[t.kind] = (kinds[t.kind] ?? 0) + 1;
    for (const g of t.genres) genres[g] = (genres[g] ?? 0) + 1;
    const d = `${Math.floor(t.year / 10) * 10}s`;
    decades[d] = (decades[d] ?? 0) + 1;
  }
  return { total: list.length, kinds, genres, decades };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--json')) console.log(JSON.stringify(CATALOG, null, 2));
  else console.log(JSON.stringify(catalogStats(), null, 2));
}
