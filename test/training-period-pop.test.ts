import { describe, expect, it } from 'vitest';
import { periodIndex } from '../src/rank/period-pop';
import type { Rating } from '../training/movielens';
import { fitPeriods } from '../training/period-pop';

const at = (year: number, day = 0): number => Date.UTC(year, 0, 1 + day) / 1000;
let order = 0;
const rating = (user: number, item: number, ts: number): Rating => ({ user, item, rating: 4, ts, order: order++ });
const keyOf = (item: number): string | undefined => (item === 99 ? undefined : `film ${item}|2000`);

describe('training/period-pop.ts', () => {
  const ratings = [
    // 1997: users 1 and 2 both start with film 1; only user 1 rated film 2.
    rating(1, 1, at(1997)),
    rating(1, 2, at(1997, 1)),
    rating(2, 1, at(1997)),
    rating(2, 3, at(1997, 1)),
    rating(2, 99, at(1997, 2)), // a film without a key: counted nowhere
    // 2012: users 3 and 4 start with film 5.
    rating(3, 5, at(2012)),
    rating(4, 5, at(2012)),
    rating(4, 1, at(2012, 1)),
  ];

  it('counts ratings per period, keeping only titles rated by at least two users of it', () => {
    const f = fitPeriods(ratings, keyOf, { bounds: [1996, 2005, 2019], stages: [0, 1, 5] });
    expect(f.totals).toEqual([4, 3]);
    const counts = (b: number): Record<string, number> => {
      const flat = f.counts[b] as number[];
      return Object.fromEntries(flat.flatMap((v, i) => (i % 2 ? [] : [[f.keys[v] as string, flat[i + 1] as number]])));
    };
    expect(counts(0)).toEqual({ 'film 1|2000': 2 });
    expect(counts(1)).toEqual({ 'film 5|2000': 2 });
    // Stage counts: the first title of each history (bin [0, 1)), by the period it was rated in.
    const stages = f.stages as NonNullable<typeof f.stages>;
    expect(stages.users).toEqual([
      [2, 2],
      [2, 1],
    ]);
    expect(stages.counts[0]?.[0]).toEqual([f.keys.indexOf('film 1|2000'), 2]);
    expect(stages.counts[1]?.[0]).toEqual([f.keys.indexOf('film 5|2000'), 2]);
    // What it writes, the run time reads.
    expect(periodIndex(f).periods).toBe(2);
  });

  it('folds a period without ratings into the one before it, or drops it at the start', () => {
    const late = ratings.filter((r) => r.user >= 3);
    const f = fitPeriods(late, keyOf, { bounds: [1996, 2005, 2010, 2019], stages: [0, 5] });
    expect(f.bounds).toEqual([2010, 2019]);
    expect(f.totals).toEqual([3]);
    const gap = fitPeriods(ratings, keyOf, { bounds: [1996, 2000, 2005, 2019], stages: [0, 5] });
    expect(gap.bounds).toEqual([1996, 2005, 2019]);
    expect(gap.totals).toEqual([4, 3]);
    expect(() => fitPeriods([], keyOf)).toThrow(/no rating/);
  });

  it("keeps each period's co-watch pairs of at least two users, the k nearest per title, as counts", () => {
    const r = [
      // 1997: three users rated films 1 and 2, two of them also film 4; one rated 1 and 3.
      ...[1, 2, 3].flatMap((u) => [rating(u, 1, at(1997)), rating(u, 2, at(1997, 1))]),
      rating(1, 4, at(1997, 2)),
      rating(2, 4, at(1997, 2)),
      rating(4, 1, at(1998)),
      rating(4, 3, at(1998, 1)),
      // 2012: users 5 and 6 rated films 2 and 3 together (and user 1 came back for film 3).
      rating(5, 2, at(2012)),
      rating(5, 3, at(2012, 1)),
      rating(6, 2, at(2012)),
      rating(6, 3, at(2012, 1)),
      rating(1, 3, at(2012, 2)),
    ];
    const f = fitPeriods(r, keyOf, { bounds: [1996, 2005, 2019], stages: [0, 5] });
    const cw = f.cowatch as NonNullable<typeof f.cowatch>;
    const row = (k: number): number => f.keys.indexOf(`film ${k}|2000`);
    const pairs = (b: number, k: number): Record<string, number> => {
      const flat = (cw.pairs[b] as number[][])[row(k)] as number[];
      return Object.fromEntries(flat.flatMap((v, i) => (i % 2 ? [] : [[f.keys[v] as string, flat[i + 1] as number]])));
    };
    // Film 1 with 3: one user only, left out; nearest first (cos(1,2) = 3/(√(4·3)+1) > cos(1,4) = 2/(√(4·2)+1)).
    expect(pairs(0, 1)).toEqual({ 'film 2|2000': 3, 'film 4|2000': 2 });
    expect((cw.pairs[0] as number[][])[row(1)]?.[0]).toBe(row(2));
    expect(pairs(0, 3)).toEqual({});
    // 2012's pairs stay in 2012: user 1's 1997 titles are not paired with their 2012 one.
    expect(pairs(1, 2)).toEqual({ 'film 3|2000': 2 });
    expect(pairs(1, 1)).toEqual({});
    const one = fitPeriods(r, keyOf, { bounds: [1996, 2005, 2019], stages: [0, 5], cowatchK: 1 });
    expect((one.cowatch as NonNullable<typeof one.cowatch>).pairs[0]?.[row(1)]).toHaveLength(2);
    expect(fitPeriods(r, keyOf, { bounds: [1996, 2005, 2019], stages: [0, 5], cowatchK: 0 }).cowatch).toBeUndefined();
    // Early lists: only each user's first titles. With the first two, film 4 (every rater's third)
    // pairs with nothing; film 1 and 2 still do.
    const early = fitPeriods(r, keyOf, { bounds: [1996, 2005, 2019], stages: [0, 5], cowatchEarly: 2 }).cowatch?.early as {
      titles: number;
      pairs: number[][][];
    };
    expect(early.titles).toBe(2);
    const earlyPairs = (k: number): number[] => (early.pairs[0] as number[][])[row(k)] as number[];
    expect(earlyPairs(1)).toEqual([row(2), 3]);
    expect(earlyPairs(4)).toEqual([]);
    expect(fitPeriods(r, keyOf, { bounds: [1996, 2005, 2019], stages: [0, 5], cowatchEarly: 0 }).cowatch?.early).toBeUndefined();
    // What it writes, the run time reads.
    expect(periodIndex(f).cowatch).toHaveLength(2);
    expect(periodIndex(f).cowatchEarly).toHaveLength(2);
  });
});
