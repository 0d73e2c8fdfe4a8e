import { describe, expect, it } from 'vitest';
import { HORIZONS, rankHorizon } from './horizons';
import {
  applyPrior,
  encodeRows,
  foldPrior,
  horizonPrior,
  PRIOR_RULES,
  priorFor,
  priorIndex,
  priorBlendOf,
  priorWeightFor,
  startVector,
  type PriorFile,
  type PriorIndex,
} from './prior';
import { finishedWatchEvents, type WatchedTitle } from './rank-history';
import { candidates, DAY, NOW, type T } from '../../test/support/rank-test-utils';

const scifi = (i: number): T => ({ title: `Star Voyage ${i}`, year: 1994, genres: ['Sci-Fi', 'Action'] });
const comedy = (i: number): T => ({ title: `Office Laughs ${i}`, year: 2015, genres: ['Comedy'] });
const horror = (i: number): T => ({ title: `Night Terror ${i}`, year: 1985, genres: ['Horror'] });
const catalog: T[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((i) => [scifi(i), comedy(i), horror(i)]);
const cands = candidates(catalog);
const MODEL = { modelVersion: 'fake-1', dim: cands.dim };
const vec = (t: T): Float32Array => {
  const i = cands.index(t.title);
  return cands.vectors.slice(i * cands.dim, (i + 1) * cands.dim);
};
const keyOf = (t: T): string => cands.keys[cands.index(t.title)] as string;
const mean = (ts: T[]): Float32Array => startVector(ts.map(vec), ts.length) as Float32Array;

/** Two groups: people who started with sci-fi went on to comedy; people who started with horror stayed with horror. */
function file(over: Partial<PriorFile> = {}): PriorFile {
  return {
    version: 'tasteful-prior-1',
    modelVersion: MODEL.modelVersion,
    dim: MODEL.dim,
    startTitles: 3,
    users: 20,
    minGroup: 5,
    start: encodeRows([mean([scifi(0), scifi(1), scifi(2)]), mean([horror(0), horror(1), horror(2)])]),
    next: encodeRows([mean([comedy(5), comedy(6), comedy(7)]), mean([horror(5), horror(6), horror(7)])]),
    keys: [keyOf(comedy(8)), keyOf(horror(8))],
    titles: [
      [0, 600],
      [1, 400],
    ],
    ...over,
  };
}

function watched(titles: readonly T[], start: number): WatchedTitle[] {
  return titles.map((t, j) => ({
    key: keyOf(t),
    at: start + j * DAY,
    vector: vec(t),
    title: t.title,
    genres: cands.genres?.[cands.index(t.title)] ?? [],
  }));
}

describe('short-history prior', () => {
  it('finds the group whose first titles resemble the user’s, and blends what it went on to watch', () => {
    const idx = priorIndex(file(), MODEL);
    expect(idx.groups).toBe(2);
    const p = priorFor(idx, mean([scifi(3), scifi(4)]), 1) as NonNullable<ReturnType<typeof priorFor>>;
    expect(p.nearest.map((x) => x.group)).toEqual([0]);
    // int8 quantisation keeps the direction: the blend points at the comedies the group went on to.
    const toComedy = p.vector.reduce((s, v, d) => s + v * (vec(comedy(9))[d] as number), 0);
    const toHorror = p.vector.reduce((s, v, d) => s + v * (vec(horror(9))[d] as number), 0);
    expect(toComedy).toBeGreaterThan(toHorror + 0.2);
    expect(p.items[0]).toBeCloseTo(0.6, 3);
    expect(p.items[1]).toBe(0);
  });

  it('weighs both nearest groups by similarity when k covers them', () => {
    const idx = priorIndex(file(), MODEL);
    const p = priorFor(idx, mean([horror(3), horror(4)]), 2) as NonNullable<ReturnType<typeof priorFor>>;
    expect(p.nearest[0]?.group).toBe(1);
    // The horror group dominates its share of horror(8); the sci-fi group adds less than its full share of comedy.
    expect(p.items[1]).toBeGreaterThan(p.items[0] as number);
  });

  it('speaks less the more history there is, and not at all past maxTitles or with weight 0', () => {
    const b = { priorWeight: 0.3, priorN0: 10, priorItemWeight: 0 };
    const ws = [1, 5, 20, 60].map((n) => priorWeightFor(n, b));
    for (let i = 1; i < ws.length; i++) expect(ws[i]).toBeLessThan(ws[i - 1] as number);
    expect(priorWeightFor(10, b)).toBeCloseTo(0.15, 6);
    expect(priorWeightFor(PRIOR_RULES.maxTitles + 1, b)).toBe(0);
    expect(priorWeightFor(3, { ...b, priorWeight: 0 })).toBe(0);
    expect(priorWeightFor(3, {})).toBe(0);
  });

  it('moves a short sci-fi history toward what sci-fi starters went on to watch; the blend fades with history length', () => {
    const idx = priorIndex(file(), MODEL);
    const params = { ...HORIZONS.recent, priorWeight: 0.5, priorN0: 5, priorItemWeight: 1 };
    const gain = (titles: T[]): number => {
      const ev = finishedWatchEvents(watched(titles, NOW - 100 * DAY));
      const o = { halfLifeDays: Number.POSITIVE_INFINITY, now: NOW, index: null };
      const off = rankHorizon('recent', ev, cands, o, params).scored.scores;
      const on = rankHorizon('recent', ev, cands, { ...o, prior: idx }, params).scored.scores;
      const i = cands.index(comedy(8).title);
      return (on[i] as number) - (off[i] as number);
    };
    const short = gain([scifi(0), scifi(1)]);
    const long = gain([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(scifi));
    expect(short).toBeGreaterThan(0.1);
    expect(long).toBeGreaterThan(0);
    expect(long).toBeLessThan(short);
  });

  it('adds nothing when the horizon gives the prior no weight (the scores are unchanged)', () => {
    const ev = finishedWatchEvents(watched([scifi(0), scifi(1)], NOW - 10 * DAY));
    const o = { halfLifeDays: Number.POSITIVE_INFINITY, now: NOW, index: null };
    const params = { ...HORIZONS.recent, priorWeight: 0 };
    const a = rankHorizon('recent', ev, cands, o, params).scored.scores;
    const b = rankHorizon('recent', ev, cands, { ...o, prior: priorIndex(file(), MODEL) }, params).scored.scores;
    expect([...b]).toEqual([...a]);
    expect(horizonPrior(priorIndex(file(), MODEL), ev, priorBlendOf('recent', params))).toBeNull();
  });

  it('uses the first titles by time for the start, whatever order the events come in', () => {
    const idx: PriorIndex = priorIndex(file(), MODEL);
    const titles = [scifi(0), scifi(1), scifi(2), horror(0), horror(1), horror(2), horror(3)];
    const ev = finishedWatchEvents(watched(titles, NOW - 30 * DAY)).reverse();
    const hp = horizonPrior(idx, ev, { priorWeight: 1, priorN0: 0, priorItemWeight: 0 }) as NonNullable<ReturnType<typeof horizonPrior>>;
    expect(hp.state.nearest[0]?.group).toBe(0);
    expect(hp.weight).toBe(1);
  });

  it.each([
    ['not an object', null, /not a prior file/],
    ['another encoder', file({ modelVersion: 'other-2' }), /made for other-2/],
    ['another dimension', file({ dim: 16 }), /16-d/],
    ['bad base64', file({ start: '@@not base64@@' }), /not valid base64/],
    ['rows cut short', file({ next: encodeRows([new Float32Array(MODEL.dim).fill(1)]) }), /differ in length/],
    ['a zero row', file({ start: btoa('\0'.repeat(MODEL.dim * 2)) }), /row 0 is zero/],
    ['titles not per group', file({ titles: [[0, 600]] }), /titles do not match/],
    ['a title pair out of range', file({ titles: [[7, 600], []] }), /titles of group 0 has a bad pair/],
    ['bad startTitles', file({ startTitles: 0 }), /startTitles/],
  ])('rejects a malformed file (%s) with the reason', (_, raw, why) => {
    expect(() => priorIndex(raw, MODEL)).toThrow(why);
  });
});

describe('prior folded into a single-interest profile', () => {
  it('gives the same scores as adding the term per candidate', () => {
    const idx = priorIndex(file(), MODEL);
    const ev = finishedWatchEvents(watched([scifi(0), scifi(1)], NOW - 10 * DAY));
    const o = { halfLifeDays: Number.POSITIVE_INFINITY, now: NOW, index: null, prior: idx };
    const params = { ...HORIZONS.recent, priorWeight: 0.5, priorN0: 5, priorItemWeight: 1 };
    const { state, scored } = rankHorizon('recent', ev, cands, o, params);
    expect(foldPrior(state.profile, state.prior).folded).toBe(true);
    // Per candidate: the unfolded base scores plus the prior term.
    const base = rankHorizon('recent', ev, cands, { ...o, prior: null }, params).scored.scores;
    const manual = applyPrior(Float32Array.from(base), cands, state.prior);
    for (let i = 0; i < manual.length; i++) expect(scored.scores[i]).toBeCloseTo(manual[i] as number, 5);
  });
});
