import { describe, expect, it } from 'vitest';
import { completeTitle, genreMask, knownTitlesIndex } from '../src/rank/known-titles';
import type { Movie, Rating } from '../training/movielens';
import { knownTitlesOf } from '../training/prior';

const movie = (id: number, title: string, genres: string[]): Movie => ({ id, title, genres });
let order = 0;
const rating = (user: number, item: number): Rating => ({ user, item, rating: 4, ts: 1_000_000_000, order: order++ });

describe('training/prior.ts knownTitlesOf', () => {
  const movies = [
    movie(1, 'Matrix, The (1999)', ['Action', 'Sci-Fi', 'Thriller']),
    movie(2, 'Heat (1995)', ['Action', 'Crime', 'Thriller']),
    movie(3, 'Heat (1986)', ['Action']),
    movie(4, 'Cosmos', ['Documentary']), // no year: not a key the table can hold
    movie(5, 'Unseen (2001)', ['(no genres listed)']),
    movie(6, 'Seven (a.k.a. Se7en) (1995)', ['Mystery', 'Thriller']),
    movie(7, 'Heat (1986)', ['Drama']), // listed twice under two ids: one film
  ];
  const ratings = [
    rating(1, 1),
    rating(2, 1),
    rating(1, 2),
    rating(2, 2),
    rating(3, 2),
    rating(4, 2),
    rating(5, 2),
    rating(3, 3),
    rating(4, 7),
    ...[6, 7, 8, 9].map((u) => rating(u, 2)),
  ];

  it('keeps every dated film with its canonical genres and how many of the given ratings it has', () => {
    const f = knownTitlesOf(movies, ratings);
    expect(f.keys).toEqual(['matrix|1999', 'heat|1995', 'heat|1986', 'unseen|2001', 'seven|1995']);
    expect(f.genres).toEqual(['Action', 'Crime', 'Drama', 'Mystery', 'Sci-Fi', 'Thriller']);
    expect(f.ratings).toEqual([2, 9, 2, 0, 0]);
    expect(f.masks[2]).toBe(genreMask(f.genres, ['Action', 'Drama']));
    expect(f.aka).toEqual(['se7en', 4]);
    const known = knownTitlesIndex(f);
    const bare = (title: string) => completeTitle(known, { title, year: null, genres: [] as string[] });
    expect(bare('The Matrix')).toEqual({ title: 'The Matrix', year: 1999, genres: ['Action', 'Sci-Fi', 'Thriller'] });
    expect(bare('Unseen')).toEqual({ title: 'Unseen', year: 2001, genres: [] });
    // 9 ratings against 2 (the two entries of 1986 together): the 1995 film is meant.
    expect(bare('Heat').year).toBe(1995);
    expect(bare('Se7en')).toEqual({ title: 'Se7en', year: 1995, genres: ['Mystery', 'Thriller'] });
  });
});
