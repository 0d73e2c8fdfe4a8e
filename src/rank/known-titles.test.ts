import { describe, expect, it } from 'vitest';
import {
  completeTitle,
  genreMask,
  KNOWN_TITLE_RULES,
  knownFilm,
  knownTitlesIndex,
  withKnownNames,
  withTitleNames,
  type KnownTitlesFile,
} from './known-titles';

const GENRES = ['Action', 'Crime', 'Drama', 'Sci-Fi', 'Thriller'];
const film = (key: string, genres: string[], ratings: number) => ({ key, mask: genreMask(GENRES, genres), ratings });
const FILMS = [
  film('matrix|1999', ['Action', 'Sci-Fi', 'Thriller'], 278),
  film('heat|1995', ['Action', 'Crime', 'Thriller'], 102),
  film('heat|1986', ['Action'], 2),
  film('hamlet|1990', ['Drama'], 10),
  film('hamlet|1996', ['Drama'], 12),
  film('fargo|1996', ['Crime', 'Drama', 'Thriller'], 181),
  film('twelve monkeys|1995', ['Sci-Fi', 'Thriller'], 177),
];
const FILE: KnownTitlesFile = {
  genres: GENRES,
  keys: FILMS.map((f) => f.key),
  masks: FILMS.map((f) => f.mask),
  ratings: FILMS.map((f) => f.ratings),
  aka: ['12 monkeys', 6],
};
const known = knownTitlesIndex(FILE);
const shown = (title: string, year: number | null = null, genres: string[] = [], kind: 'movie' | 'series' | 'unknown' = 'movie') => ({
  title,
  year,
  genres,
  kind,
});

describe('the training catalog’s films (known-titles.ts)', () => {
  it('fills in the year and genres of a title shown by its name alone, the stored key untouched', () => {
    const t = { ...shown('The Matrix'), key: 'matrix' };
    expect(completeTitle(known, t)).toEqual({ ...t, year: 1999, genres: ['Action', 'Sci-Fi', 'Thriller'] });
    // Article and case as MovieLens writes them, or a page does, name the same film.
    expect(completeTitle(known, shown('Matrix, The')).year).toBe(1999);
    expect(completeTitle(known, shown('THE MATRIX')).genres).toEqual(['Action', 'Sci-Fi', 'Thriller']);
  });

  it('keeps what was shown and fills in only what is missing; returns the title itself when nothing is', () => {
    const full = shown('The Matrix', 1999, ['Science Fiction']);
    expect(completeTitle(known, full)).toBe(full);
    expect(completeTitle(known, shown('The Matrix', null, ['Science Fiction']))).toEqual(shown('The Matrix', 1999, ['Science Fiction']));
    // Genres shown that the film has none of: another title of that name.
    const other = shown('The Matrix', null, ['Romance', 'Drama']);
    expect(completeTitle(known, other)).toBe(other);
    // Genres the catalog does not name say nothing either way.
    expect(completeTitle(known, shown('The Matrix', null, ['Cyberpunk']))).toEqual(shown('The Matrix', 1999, ['Cyberpunk']));
    expect(completeTitle(known, shown('The Matrix', 1999))).toEqual(shown('The Matrix', 1999, ['Action', 'Sci-Fi', 'Thriller']));
    const unknown = shown('Laser Cats');
    expect(completeTitle(known, unknown)).toBe(unknown);
    expect(completeTitle(null, shown('The Matrix'))).toEqual(shown('The Matrix'));
  });

  it('takes the year a key carries as shown (a details page dated it): the film of it, the year kept', () => {
    const t = shown('Heat', null, []);
    expect(completeTitle(known, t, 'heat|1996')).toEqual({ ...t, year: 1996, genres: ['Action', 'Crime', 'Thriller'] });
    const full = shown('Heat', null, ['Crime']);
    expect(completeTitle(known, full, 'heat|1995')).toBe(full);
  });

  it("settles a row map's names alone by the known films: a name it finds ambiguous finds no row", () => {
    // The map holds one Hamlet, the table knows two of even standing: a name alone means neither.
    const rowOf = withTitleNames(
      new Map([
        ['hamlet|1990', 0],
        ['heat|1986', 1],
        ['laser cats|2019', 2],
      ]),
      known,
    );
    expect(rowOf.has('hamlet')).toBe(false);
    // "Heat" means the 1995 film, which this map does not hold: not the 1986 one it does.
    expect(rowOf.has('heat')).toBe(false);
    // A name the table does not know falls back to the map's own one dated key.
    expect(rowOf.get('laser cats')).toBe(2);
    // Without the table, a name alone finds the one dated key of it the map holds.
    expect(withTitleNames(new Map([['hamlet|1990', 0]]), null).get('hamlet')).toBe(0);
  });

  it('takes a shown year at its word: the film of that year, else the one within a year, else none', () => {
    expect(knownFilm(known, shown('Hamlet', 1990))).toBe(3);
    expect(knownFilm(known, shown('Hamlet', 1997))).toBe(4);
    expect(knownFilm(known, shown('The Matrix', 2000))).toBe(0);
    // The Matrix of 2021 is not the 1999 film.
    expect(knownFilm(known, shown('The Matrix', 2021))).toBeNull();
    expect(completeTitle(known, shown('The Matrix', 2021)).genres).toEqual([]);
  });

  it('resolves a name two films share only when one had many times the ratings of the other', () => {
    // Heat: 102 ratings against 2.
    expect(knownFilm(known, shown('Heat'))).toBe(1);
    expect(knownFilm(known, shown('Heat', 1986))).toBe(2);
    // Hamlet: 12 against 10, no film is meant.
    expect(knownFilm(known, shown('Hamlet'))).toBeNull();
    // At the boundary: exactly dominance × the others resolves, one rating more for the others does not.
    const others = (r: number) => knownTitlesIndex({ ...FILE, ratings: FILE.ratings.map((x, i) => (i === 1 ? 100 : i === 2 ? r : x)) });
    expect(knownFilm(others(100 / KNOWN_TITLE_RULES.dominance), shown('Heat'))).toBe(1);
    expect(knownFilm(others(100 / KNOWN_TITLE_RULES.dominance + 1), shown('Heat'))).toBeNull();
  });

  it('lets a name alone find the row of the film it means in a key → row map, never of two it may mean', () => {
    const rowOf = new Map([
      ['heat|1995', 0],
      ['heat|1986', 1],
      ['hamlet|1990', 2],
      ['hamlet|1996', 3],
      ['fargo|1996', 4],
      ['fargo', 9],
    ]);
    withKnownNames(known, rowOf);
    expect(rowOf.get('heat')).toBe(0);
    expect(rowOf.has('hamlet')).toBe(false);
    // A name that is a key of its own keeps its row.
    expect(rowOf.get('fargo')).toBe(9);
  });

  it('knows a film by its other names too', () => {
    expect(completeTitle(known, shown('12 Monkeys'))).toEqual(shown('12 Monkeys', 1995, ['Sci-Fi', 'Thriller']));
    expect(knownFilm(known, shown('12 Monkeys', 1995))).toBe(6);
    const rowOf = withKnownNames(known, new Map([['twelve monkeys|1995', 4]]));
    expect(rowOf.get('12 monkeys')).toBe(4);
    expect(rowOf.get('12 monkeys|1995')).toBe(4);
  });

  it('never takes a series, an episode or a clip for a film of the same name', () => {
    expect(knownFilm(known, shown('Fargo', null, [], 'series'))).toBeNull();
    expect(knownFilm(known, { ...shown('Fargo'), kind: 'episode' })).toBeNull();
    expect(knownFilm(known, { ...shown('Heat'), kind: 'video' })).toBeNull();
    expect(knownFilm(known, shown('Fargo', null, [], 'unknown'))).toBe(5);
  });

  it('refuses a malformed table with the reason', () => {
    expect(() => knownTitlesIndex(null)).toThrow(/not a known-titles table/);
    expect(() => knownTitlesIndex({ ...FILE, masks: [1] })).toThrow(/do not match the keys/);
    expect(() => knownTitlesIndex({ ...FILE, ratings: FILE.ratings.slice(1) })).toThrow(/do not match the keys/);
    expect(() => knownTitlesIndex({ ...FILE, keys: ['matrix', ...FILE.keys.slice(1)] })).toThrow(/key 0 has no year/);
    expect(() => knownTitlesIndex({ ...FILE, masks: [2 ** GENRES.length, ...FILE.masks.slice(1)] })).toThrow(/bad genres of key 0/);
    expect(() => knownTitlesIndex({ ...FILE, ratings: [-1, ...FILE.ratings.slice(1)] })).toThrow(/bad ratings of key 0/);
    expect(() => knownTitlesIndex({ ...FILE, genres: Array.from({ length: 32 }, (_, i) => `g${i}`) })).toThrow(/bad genres/);
    expect(() => knownTitlesIndex({ ...FILE, aka: ['12 monkeys'] })).toThrow(/not \[name, key index\] pairs/);
    expect(() => knownTitlesIndex({ ...FILE, aka: ['12 monkeys', 99] })).toThrow(/bad other name 0/);
    expect(() => knownTitlesIndex({ ...FILE, aka: ['12 monkeys|1995', 6] })).toThrow(/bad other name 0/);
  });
});
