/**
 * The films the model was trained on, by title key, with their release year and genres
 * (shipped in models/prior.json as `known`, written by training/prior.ts from the training
 * catalog). Most services' rows show a poster and a name, and a history imported from a list
 * names titles alone; the encoder learned each film from "name · year · genres". A title that
 * comes without its year or genres, and whose name (and year, when shown) finds exactly one
 * known film, is embedded with that film's year and genres: the text the model learned it by.
 *
 * A film is known by its other names too ("12 Monkeys" for Twelve Monkeys). A name two known
 * films share (a remake and its original) means the one far more people rated, else nothing is
 * filled in; a series, an episode or a video clip is never completed: the catalog holds films.
 *
 * What is filled in ranks (the text the model embeds, the year the era term reads) and describes
 * taste (the genres the leanings, habits and "why" lines name); the stored record, its key, and
 * the title and year a pick displays stay as the page showed them. The row maps' names
 * (`withKnownNames`) know no kind: a series named like a film finds that film's period rows, as
 * a name alone always did (`withYearlessKeys`).
 */
import type { TitleKind } from '../store/records';
import { splitKey, titleKey, withYearlessKeys } from '../titles/normalize';
import { canonicalGenres } from './genres';

export interface KnownTitlesFile {
  /** The genre names the masks' bits stand for (bit i = genres[i]). */
  genres: string[];
  /** Dated title keys (`titleKey(title, year)`). */
  keys: string[];
  /** Per key, its genres as a bit mask over `genres`. */
  masks: number[];
  /** Per key, how many of the training users rated it: which of two films of one name is meant. */
  ratings: number[];
  /**
   * Other names of the films, flat [name, key index, …]: a name is a key without its year
   * ("12 monkeys" for Twelve Monkeys, "la haine" for Hate). Absent: none.
   */
  aka?: (string | number)[];
}

export interface KnownTitles {
  genres: readonly string[];
  years: Int16Array;
  masks: Int32Array;
  ratings: Int32Array;
  /** Per film, its name in the keys (the key without its year). */
  names: readonly string[];
  /** Title name (a key without its year), or another name of the film → the known films of that name. */
  byName: Map<string, number[]>;
}

/** A title as a page or a record gives it: what completion reads. */
export interface TitleFields {
  title: string;
  year: number | null;
  kind?: TitleKind | null;
  genres: readonly string[];
}

const MAX_GENRES = 31;

/** Validates the file; throws with the reason (the prior loader then ranks without it and logs why). */
export function knownTitlesIndex(raw: unknown): KnownTitles {
  const f = raw as KnownTitlesFile | null;
  if (!f || typeof f !== 'object' || !Array.isArray(f.genres) || !Array.isArray(f.keys) || !Array.isArray(f.masks)) {
    throw new Error('known titles: not a known-titles table');
  }
  if (f.genres.length > MAX_GENRES || f.genres.some((g) => typeof g !== 'string' || !g)) throw new Error('known titles: bad genres');
  if (!Array.isArray(f.ratings) || f.masks.length !== f.keys.length || f.ratings.length !== f.keys.length) {
    throw new Error('known titles: masks or ratings do not match the keys');
  }
  const n = f.keys.length;
  const years = new Int16Array(n);
  const masks = new Int32Array(n);
  const ratings = new Int32Array(n);
  const names: string[] = new Array(n);
  const byName = new Map<string, number[]>();
  const add = (name: string, i: number): void => {
    const list = byName.get(name);
    if (!list) byName.set(name, [i]);
    else if (!list.includes(i)) list.push(i);
  };
  const limit = 2 ** f.genres.length;
  for (let i = 0; i < n; i++) {
    const k = f.keys[i];
    const m = f.masks[i];
    if (typeof k !== 'string') throw new Error(`known titles: key ${i} is not a string`);
    const { base, year } = splitKey(k);
    if (year === null || !base) throw new Error(`known titles: key ${i} has no year`);
    if (!Number.isInteger(m) || (m as number) < 0 || (m as number) >= limit) throw new Error(`known titles: bad genres of key ${i}`);
    const r = f.ratings[i];
    if (!Number.isInteger(r) || (r as number) < 0 || (r as number) >= 2 ** 31) throw new Error(`known titles: bad ratings of key ${i}`);
    years[i] = year;
    masks[i] = m as number;
    ratings[i] = r as number;
    names[i] = base;
    add(base, i);
  }
  const aka = f.aka ?? [];
  if (!Array.isArray(aka) || aka.length % 2) throw new Error('known titles: other names are not [name, key index] pairs');
  for (let t = 0; t < aka.length; t += 2) {
    const name = aka[t];
    const i = aka[t + 1];
    if (typeof name !== 'string' || !name || splitKey(name).year !== null || !Number.isInteger(i) || (i as number) < 0 || (i as number) >= n) {
      throw new Error(`known titles: bad other name ${t / 2}`);
    }
    add(name, i as number);
  }
  return { genres: f.genres, years, masks, ratings, names, byName };
}

/** The bit mask of `genres` over the table's genre names (training/prior.ts writes it). */
export function genreMask(names: readonly string[], genres: readonly string[]): number {
  let m = 0;
  for (const g of genres) {
    const b = names.indexOf(g);
    if (b >= 0) m |= 1 << b;
  }
  return m;
}

/**
 * A name several films share names the one that had this many times the ratings of all the
 * others together: "Heat" on a row of posters is the 1995 film, not the 1986 one. Below it, the
 * name is left unresolved.
 */
export const KNOWN_TITLE_RULES = { dominance: 4 } as const;

/** The one film of `films` meant: the only one, or the one that dominates the ratings; else null. */
function oneOf(known: KnownTitles, films: readonly number[]): number | null {
  if (films.length <= 1) return films[0] ?? null;
  let best = films[0] as number;
  let total = 0;
  for (const i of films) {
    total += known.ratings[i] as number;
    if ((known.ratings[i] as number) > (known.ratings[best] as number)) best = i;
  }
  const top = known.ratings[best] as number;
  return top > 0 && top >= KNOWN_TITLE_RULES.dominance * (total - top) ? best : null;
}

/**
 * The one known film this title is: of its name, the one of its year, else the one within a
 * year of it (release dates differ by country), else, when no year is shown, the one film of
 * that name (`oneOf`). Null when there is none, or no one film is meant. `key`: the title's key
 * when the caller has it (`titleKey(t.title, t.year)`, or a key a details page dated).
 */
export function knownFilm(known: KnownTitles, t: TitleFields, key?: string): number | null {
  if (t.kind === 'series' || t.kind === 'episode' || t.kind === 'video') return null;
  const { base, year } = splitKey(key ?? titleKey(t.title, t.year));
  const films = known.byName.get(base);
  if (!films) return null;
  if (year === null) return oneOf(known, films);
  const exact = films.filter((i) => known.years[i] === year);
  return oneOf(known, exact.length ? exact : films.filter((i) => Math.abs((known.years[i] as number) - year) <= 1));
}

/**
 * Adds to a key → row map each name a known film goes by, alone and with the film's year, where
 * it means that film (`oneOf`) and is not yet a key: "heat" finds the row of "heat|1995",
 * "12 monkeys" and "12 monkeys|1995" the row of "twelve monkeys|1995". In place; returns the map.
 */
export function withKnownNames<T>(known: KnownTitles, rowOf: Map<string, T>): Map<string, T> {
  for (const [name, films] of known.byName) {
    const i = oneOf(known, films);
    if (i === null) continue;
    const year = known.years[i] as number;
    const row = rowOf.get(`${known.names[i]}|${year}`);
    if (row === undefined) continue;
    if (!rowOf.has(name)) rowOf.set(name, row);
    if (!rowOf.has(`${name}|${year}`)) rowOf.set(`${name}|${year}`, row);
  }
  return rowOf;
}

/**
 * A key → row map's names alone: the known table settles every name it knows (`withKnownNames`:
 * the film it means, or none when it means none), and only the names it does not know fall back
 * to the map's own dated keys (`withYearlessKeys`). A map of some of the films of a name cannot
 * tell that another one exists. In place; returns the map.
 */
export function withTitleNames<T>(rowOf: Map<string, T>, known: KnownTitles | null): Map<string, T> {
  if (!known) return withYearlessKeys(rowOf);
  withKnownNames(known, rowOf);
  return withYearlessKeys(rowOf, (base) => known.byName.has(base));
}

/** A title with the year and genres completion gave it. */
export type Completed<T extends TitleFields> = Omit<T, 'year' | 'genres'> & { year: number | null; genres: readonly string[] };

/**
 * `t` with the year and genres it lacks taken from the one known film it is; `t` itself when
 * nothing is filled in. Catalog genres shown of which the film has none say it is another title
 * of that name (a new film, a show): nothing is filled in then.
 */
export function completeTitle<T extends TitleFields>(known: KnownTitles | null, t: T, key?: string): Completed<T> {
  if (!known) return t;
  // A year the key carries was shown too (a details page dated it, or the title names it).
  const k = key ?? titleKey(t.title, t.year);
  const shownYear = t.year ?? splitKey(k).year;
  if (shownYear !== null && t.genres.length) return t;
  const i = knownFilm(known, t, k);
  if (i === null) return t;
  const mask = known.masks[i] as number;
  const filmGenres = known.genres.filter((_, b) => mask & (1 << b));
  if (t.genres.length) {
    // Only genres the catalog names are evidence ("Mind-bending" says nothing either way).
    const shown = canonicalGenres(t.genres).filter((g) => known.genres.includes(g));
    if (filmGenres.length && shown.length && !shown.some((g) => filmGenres.includes(g))) return t;
    return { ...t, year: known.years[i] as number };
  }
  return { ...t, year: shownYear ?? (known.years[i] as number), genres: filmGenres };
}
