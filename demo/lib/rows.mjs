/**
 * Home-page shelves. Each shelf has a pool (a filter over the catalog) and takes up to `size`
 * titles, preferring titles no earlier shelf used, so the home page shows most of the catalog
 * (as real services do) while each row still has a clear theme. Fully deterministic.
 */
import { CATALOG, hash } from '../catalog.mjs';

const has = (t, ...g) => g.some((x) => t.genres.includes(x));

/** @type {{name: string, size: number, pool: (t: any) => boolean, order?: (t: any) => number}[]} */
export const HOME_SHELVES = [
  // Independent: picks ignore (and do not mark) titles used by other shelves, so trending
  // titles also show up in their genre rows, as on real services.
  { name: 'Trending now', size: 24, independent: true, pool: (t) => t.year >= 2010, order: (t) => hash(`trend:${t.id}`) },
  { name: 'Sci-Fi & Fantasy', size: 30, pool: (t) => has(t, 'Sci-Fi', 'Fantasy') },
  { name: 'Comedies', size: 30, pool: (t) => has(t, 'Comedy') && !has(t, 'Horror') },
  { name: 'Dark thrillers', size: 30, pool: (t) => has(t, 'Thriller', 'Crime', 'Film-Noir') && !has(t, 'Comedy', 'Children') },
  { name: 'Series to binge', size: 30, pool: (t) => t.kind === 'series' },
  { name: 'Classics', size: 30, pool: (t) => t.year < 1975 },
  { name: 'Horror', size: 28, pool: (t) => has(t, 'Horror') },
  { name: 'Romance', size: 28, pool: (t) => has(t, 'Romance') },
  { name: 'Animation', size: 28, pool: (t) => has(t, 'Animation', 'Children') },
  { name: 'Documentaries', size: 26, pool: (t) => has(t, 'Documentary') },
  { name: 'Action & Adventure', size: 30, pool: (t) => has(t, 'Action', 'Adventure') },
  { name: 'Award-winning dramas', size: 30, pool: (t) => has(t, 'Drama') && !has(t, 'Comedy') },
];

/** Shelves loaded lazily further down the home page (page 2, 3, ...). */
export const MORE_SHELVES = [
  [
    { name: 'War stories', size: 24, pool: (t) => has(t, 'War') },
    { name: 'Westerns', size: 24, pool: (t) => has(t, 'Western') },
    { name: 'Musicals', size: 24, pool: (t) => has(t, 'Musical') },
  ],
  [
    { name: 'Mysteries to solve', size: 24, pool: (t) => has(t, 'Mystery') },
    { name: 'Film-Noir nights', size: 24, pool: (t) => has(t, 'Film-Noir', 'Crime') && t.year < 1990 },
    { name: 'Family time', size: 24, pool: (t) => has(t, 'Children') },
  ],
];

function fill(shelves, used) {
  return shelves.map((shelf) => {
    const order = shelf.order ?? ((t) => hash(`${shelf.name}:${t.id}`));
    const pool = CATALOG.filter(shelf.pool).sort((a, b) => order(a) - order(b));
    if (shelf.independent) return { name: shelf.name, items: pool.slice(0, shelf.size) };
    const fresh = pool.filter((t) => !used.has(t.id));
    const picked = [...fresh, ...pool.filter((t) => used.has(t.id))].slice(0, shelf.size);
    for (const t of picked) used.add(t.id);
    // Keep a mix: sort by the shelf's own order so re-used titles are not all at the end.
    picked.sort((a, b) => order(a) - order(b));
    return { name: shelf.name, items: picked };
  });
}

let cache = null;
/** @returns {{home: {name: string, items: any[]}[], more: {name: string, items: any[]}[][]}} */
export function shelves() {
  if (cache) return cache;
  const used = new Set();
  const home = fill(HOME_SHELVES, used);
  const more = MORE_SHELVES.map((group) => fill(group, used));
  cache = { home, more };
  return cache;
}

/** Titles most like `entry` (genre overlap, same kind, close in time). */
export function moreLikeThis(entry, n = 16) {
  const g = new Set(entry.genres);
  return CATALOG.filter((t) => t.id !== entry.id)
    .map((t) => {
      const inter = t.genres.filter((x) => g.has(x)).length;
      const union = new Set([...t.genres, ...entry.genres]).size;
      const score = inter / union + (t.kind === entry.kind ? 0.15 : 0) - Math.min(Math.abs(t.year - entry.year), 40) / 200;
      return { t, score };
    })
    .sort((a, b) => b.score - a.score || a.t.id.localeCompare(b.t.id))
    .slice(0, n)
    .map((x) => x.t);
}

function fold(s) {
  return String(s)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Case- and accent-insensitive search over title, genres, description and year. */
export function searchCatalog(query, list = CATALOG, limit = 120) {
  const terms = fold(query).split(/\s+/).filter(Boolean).slice(0, 12);
  if (terms.length === 0) return [];
  const q = fold(query).trim();
  const scored = [];
  for (const t of list) {
    const title = fold(t.title);
    const genres = fold(t.genres.join(' '));
    const hay = `${title} ${genres} ${fold(t.description ?? '')} ${t.year ?? ''}`;
    if (!terms.every((term) => hay.includes(term))) continue;
    let score = 0;
    if (title === q) score += 100;
    else if (title.startsWith(q)) score += 50;
    else if (title.includes(q)) score += 30;
    score += terms.filter((term) => title.includes(term)).length * 5;
    score += terms.filter((term) => genres.includes(term)).length * 3;
    scored.push({ t, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || (b.t.year ?? 0) - (a.t.year ?? 0) || a.t.title.localeCompare(b.t.title))
    .slice(0, limit)
    .map((x) => x.t);
}
