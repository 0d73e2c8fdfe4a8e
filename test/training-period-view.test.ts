import { describe, expect, it } from 'vitest';
import type { Movie, Rating } from '../training/movielens';
import { periodRatings } from '../training/period-view';

const movie = (id: number, title: string): Movie => ({ id, title, genres: [] });
const rating = (user: number, item: number, ts: number, order: number): Rating => ({ user, item, rating: 4, ts, order });

describe('training/period-view.ts', () => {
  const movies = [movie(1, 'Heat (1995)'), movie(2, 'Memento (2000)'), movie(3, 'Amélie (2001)'), movie(4, 'Untitled')];
  const view = { lastYear: 2000, before: 1_046_476_800, minRatings: 2 };

  it('keeps films up to the last year, ratings before the cut, and users left with enough of them', () => {
    const kept = periodRatings(
      [
        rating(1, 1, 1_000_000_000, 0),
        rating(1, 2, 1_000_000_100, 1),
        rating(1, 3, 1_000_000_200, 2), // released after the period
        rating(1, 4, 1_000_000_300, 3), // no year: not datable to the period
        rating(2, 1, 1_000_000_000, 4),
        rating(2, 2, 1_046_476_800, 5), // rated after the cut: user 2 is left with one rating
      ],
      movies,
      view,
    );
    expect(kept.map((r) => [r.user, r.item])).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });
});
