import { describe, expect, it } from 'vitest';
import {
  addPeriodLift,
  BEYOND_DATA,
  cowatchScores,
  describePeriod,
  periodIndex,
  periodLifts,
  periodRows,
  periodWeights,
  stageBin,
  stageShares,
  type PeriodFile,
} from './period-pop';

// Two periods: the 1990s watched a, b and c; the 2010s x, y and z. "both" is equally popular in each.
const keys = ['a|1995', 'b|1996', 'c|1997', 'x|2012', 'y|2013', 'z|2014', 'both|1980'];
const file = (): PeriodFile => ({
  bounds: [1996, 2005, 2019],
  totals: [4000, 4000],
  keys,
  counts: [
    [0, 900, 1, 800, 2, 700, 6, 300],
    [3, 900, 4, 800, 5, 700, 6, 300],
  ],
  stages: {
    bounds: [0, 5, 10],
    users: [
      [100, 80],
      [200, 150],
    ],
    // First five titles: the 1990s users started with a, the 2010s users with x.
    counts: [
      [
        [0, 60],
        [1, 40],
      ],
      [
        [3, 150],
        [4, 30],
      ],
    ],
  },
});

describe('period popularity', () => {
  const index = periodIndex(file());

  it('weighs the period whose popular titles the history is made of', () => {
    const w = periodWeights(index, ['a|1995', 'b|1996', 'c|1997', 'unknown|2001']) as Float64Array;
    expect(w[0]).toBeGreaterThan(0.9);
    const later = periodWeights(index, ['x|2012', 'y|2013', 'z|2014']) as Float64Array;
    expect(later[1]).toBeGreaterThan(0.9);
  });

  it('says nothing for a history the file barely knows', () => {
    expect(periodWeights(index, ['a|1995', 'nobody|2020', 'nothing|2021'])).toBeNull();
  });

  it('lets the whole data win for a history no period explains better', () => {
    // Popular in both periods alike: neither period fits better than the whole.
    const w = periodWeights(index, ['both|1980', 'both|1980', 'both|1980']) as Float64Array;
    expect(w[2]).toBeGreaterThan(w[0] as number);
    const lifts = periodLifts(index, w);
    for (const x of lifts.subarray(0, keys.length)) expect(Math.abs(x)).toBeLessThan(0.7);
  });

  it("lifts the user's period's titles, lowers the other period's, and gives unknown titles the floor", () => {
    const w = periodWeights(index, ['a|1995', 'b|1996', 'c|1997']) as Float64Array;
    const lifts = periodLifts(index, w);
    const lift = (k: string): number => lifts[keys.indexOf(k)] as number;
    expect(lift('a|1995')).toBeGreaterThan(0.5);
    expect(lift('x|2012')).toBeLessThan(-1);
    expect(Math.abs(lift('both|1980'))).toBeLessThan(0.1);
    const scores = new Float32Array(5);
    addPeriodLift(scores, lifts, periodRows(index, ['a|1995', 'x|2012', 'obscure film|1999', 'new film|2025', 'no year']), 0.5);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[1]).toBeLessThan(0);
    // A title the periods could have seen and did not is pulled down like one the user's period never saw.
    expect(scores[2]).toBeLessThan(0);
    expect(scores[2]).toBeCloseTo(0.5 * (lifts[keys.length] as number), 5);
    // One released after the data ends, or without a year, is left alone: the data cannot speak of it.
    expect(scores[3]).toBe(0);
    expect(scores[4]).toBe(0);
  });

  it("takes the stage shares of the user's period at the point the next title comes", () => {
    const w = periodWeights(index, ['a|1995', 'b|1996', 'c|1997']) as Float64Array;
    const early = stageShares(index, w, 3) as Float32Array;
    expect(early[keys.indexOf('a|1995')]).toBeGreaterThan(0.5);
    expect(early[keys.indexOf('x|2012')]).toBeLessThan(0.1);
    const later = stageShares(index, w, 7) as Float32Array;
    expect(later[keys.indexOf('b|1996')]).toBeGreaterThan(0.4);
    expect(later[keys.indexOf('a|1995')]).toBe(0);
    // Past the last bin the stage term is silent.
    expect(stageShares(index, w, 10)).toBeNull();
    expect([0, 4, 5, 9, 10].map((n) => stageBin(index, n))).toEqual([0, 0, 1, 1, -1]);
  });

  it('finds a title shown without its year by its name, unless two dated titles share it', () => {
    const f = file();
    const i = periodIndex({ ...f, keys: [...f.keys.slice(0, 6), 'x|1960'] });
    // 'a' is one dated title; 'x' names a 2012 film and a 1960 one (a remake and its original).
    expect(periodRows(i, ['a', 'x', 'a|1995', 'x|1960'])).toEqual(Int32Array.from([0, BEYOND_DATA, 0, 6]));
  });

  it('refuses malformed files with the reason', () => {
    expect(() => periodIndex({ ...file(), bounds: [2005, 1996] })).toThrow(/ascending/);
    expect(() => periodIndex({ ...file(), totals: [4000] })).toThrow(/totals/);
    expect(() => periodIndex({ ...file(), counts: [[0, 5, 99, 1], []] })).toThrow(/bad pair/);
    const f = file();
    expect(() => periodIndex({ ...f, stages: { ...(f.stages as NonNullable<PeriodFile['stages']>), users: [[1, 2]] } })).toThrow(/stages/);
    expect(() => periodIndex(null)).toThrow(/not an object/);
  });

  it('reads a file without stages (a prior made before them) with the lift only', () => {
    const { stages: _, ...rest } = file();
    const i = periodIndex(rest);
    expect(i.stages).toBeNull();
    expect(stageShares(i, periodWeights(i, ['a|1995', 'b|1996', 'c|1997']) as Float64Array, 2)).toBeNull();
  });
});

describe("co-watching of the user's period", () => {
  // The 1990s users rated a with b (300 of them) and with "both" (20); the 2010s users x with y
  // (400) and "both" with y (100).
  const withCowatch = (pairs: number[][][]): PeriodFile => ({ ...file(), cowatch: { shrink: 1, pairs } });
  const rows = (entries: Record<number, number[]>): number[][] => keys.map((_, i) => entries[i] ?? []);
  const good = (): number[][][] => [rows({ 0: [1, 300, 6, 20], 1: [0, 300], 6: [0, 20] }), rows({ 3: [4, 400], 4: [3, 400, 6, 100], 6: [4, 100] })];
  const index = periodIndex(withCowatch(good()));
  const nineties = periodWeights(index, ['a|1995', 'b|1996', 'c|1997']) as Float64Array;

  it("scores what the user's period watched with the user's titles, by cosine over the period's counts", () => {
    const cw = cowatchScores(index, nineties, [{ key: 'a|1995', weight: 1 }])?.scores as Float32Array;
    // cos(a, b) in the 1990s = 300 / (√(900 · 800) + 1).
    expect(cw[keys.indexOf('b|1996')]).toBeCloseTo(((nineties[0] as number) * 300) / (Math.sqrt(900 * 800) + 1), 5);
    expect(cw[keys.indexOf('b|1996')]).toBeGreaterThan(cw[keys.indexOf('both|1980')] as number);
    // Another period's pairs count only by that period's (small) weight.
    expect(cw[keys.indexOf('y|2013')]).toBe(0);
    const late = cowatchScores(index, nineties, [{ key: 'x|2012', weight: 1 }])?.scores as Float32Array;
    expect(late[keys.indexOf('y|2013')]).toBeCloseTo(((nineties[1] as number) * 400) / (Math.sqrt(900 * 800) + 1), 5);
    expect(late[keys.indexOf('y|2013')]).toBeLessThan(0.05);
  });

  it("remembers which of the user's titles each title was most watched with", () => {
    const t = cowatchScores(index, nineties, [
      { key: 'c|1997', weight: 1 },
      { key: 'b|1996', weight: 1 },
      { key: 'both|1980', weight: 5 },
    ]);
    // a pairs with b (300 users) more strongly than with "both" (20), whatever the history weights.
    expect(t?.by[keys.indexOf('a|1995')]).toBe(1);
    expect(t?.strength[keys.indexOf('a|1995')]).toBeCloseTo(((nineties[0] as number) * 300) / (Math.sqrt(800 * 900) + 1), 5);
    // Nothing in the history pairs with x in the 1990s: no one to name.
    expect(t?.by[keys.indexOf('x|2012')]).toBe(-1);
  });

  it('averages over the history by its weights, and has nothing to say without weight or lists', () => {
    const one = cowatchScores(index, nineties, [{ key: 'a|1995', weight: 1 }])?.scores as Float32Array;
    const mixed = cowatchScores(index, nineties, [
      { key: 'a|1995', weight: 1 },
      { key: 'unknown|1999', weight: 1 },
    ])?.scores as Float32Array;
    expect(mixed[keys.indexOf('b|1996')]).toBeCloseTo((one[keys.indexOf('b|1996')] as number) / 2, 6);
    expect(cowatchScores(index, nineties, [{ key: 'a|1995', weight: 0 }])).toBeNull();
    expect(cowatchScores(periodIndex(file()), nineties, [{ key: 'a|1995', weight: 1 }])).toBeNull();
  });

  it('gives the all-period component no co-watching: a history no period explains gets none', () => {
    const w = Float64Array.from([0, 0, 1]);
    const cw = cowatchScores(index, w, [{ key: 'a|1995', weight: 1 }])?.scores as Float32Array;
    expect(Math.max(...cw)).toBe(0);
  });

  it("reads the early lists (users' first titles) beside the whole-history ones, each on request", () => {
    const f = withCowatch(good());
    const i = periodIndex({ ...f, cowatch: { shrink: 1, pairs: good(), early: { titles: 20, pairs: [rows({ 0: [2, 50] }), rows({})] } } });
    const h = [{ key: 'a|1995', weight: 1 }];
    const all = cowatchScores(i, nineties, h)?.scores as Float32Array;
    const early = cowatchScores(i, nineties, h, 'early')?.scores as Float32Array;
    expect(all[keys.indexOf('b|1996')]).toBeGreaterThan(0);
    expect(all[keys.indexOf('c|1997')]).toBe(0);
    expect(early[keys.indexOf('b|1996')]).toBe(0);
    expect(early[keys.indexOf('c|1997')]).toBeCloseTo(((nineties[0] as number) * 50) / (Math.sqrt(900 * 700) + 1), 5);
    // A file without early lists has none to give.
    expect(index.cowatchEarly).toBeNull();
    expect(cowatchScores(index, nineties, h, 'early')).toBeNull();
    expect(() => periodIndex({ ...f, cowatch: { shrink: 1, pairs: good(), early: { titles: 20, pairs: [rows({ 0: [2, 1] }), rows({})] } } })).toThrow(
      /bad count/,
    );
  });

  it('refuses co-watch lists that do not fit the file, or pairs of fewer than two users', () => {
    expect(() => periodIndex(withCowatch([good()[0] as number[][]]))).toThrow(/co-watch lists/);
    expect(() => periodIndex(withCowatch([rows({ 0: [1, 1] }), rows({})]))).toThrow(/bad count/);
    // More users rated both than rated the title at all.
    expect(() => periodIndex(withCowatch([rows({ 0: [1, 901] }), rows({})]))).toThrow(/bad count/);
    expect(() => periodIndex(withCowatch([rows({ 0: [99, 5] }), rows({})]))).toThrow(/bad pair/);
    expect(() => periodIndex(withCowatch([rows({ 0: [1.5, 5] }), rows({})]))).toThrow(/bad pair/);
    expect(() => periodIndex(withCowatch([rows({ 0: [1, Number.NaN] }), rows({})]))).toThrow(/bad count/);
    const odd = rows({});
    odd[0] = [1];
    expect(() => periodIndex(withCowatch([odd, rows({})]))).toThrow(/not \[row, users\] pairs/);
    expect(() => periodIndex({ ...file(), cowatch: { shrink: -1, pairs: good() } })).toThrow(/shrinkage/);
  });
});

describe('describePeriod', () => {
  const index = periodIndex(file());
  it('names the period that clearly explains the history, and nothing when none does', () => {
    expect(describePeriod(index, periodWeights(index, ['a|1995', 'b|1996', 'c|1997']) as Float64Array)).toBe(
      'Your titles look most like what people watched in 1996–2004',
    );
    expect(describePeriod(index, periodWeights(index, ['both|1980', 'both|1980', 'both|1980']) as Float64Array)).toBeNull();
    expect(describePeriod(index, Float64Array.from([0.5, 0.4, 0.1]))).toBeNull();
  });
});
