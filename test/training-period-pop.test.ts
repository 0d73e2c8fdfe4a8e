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
});
