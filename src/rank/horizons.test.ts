import { describe, expect, it } from 'vitest';
import { BADGE_RULES, badgeMixFor, badgeScores, buildHorizon, cowatchedWith, horizonScores, HORIZONS, rankHorizon, spreadSample } from './horizons';
import { computeLeanings, decadeOf, describeLeanings, eraTerms, genreTerms, yearLeanTable, YEAR_SPAN } from './leanings';
import { neighbourIndex, neighbourTerm, resolveRows, type NeighbourFile } from './neighbours';
import { periodIndex } from './period-pop';
import type { PriorIndex } from './prior';
import { finishedWatchEvents, type WatchedTitle } from './rank-history';
import { dot } from './vec';
import { meanVector } from '../model/catalog-mean';
import { candidates, DAY, NOW, type T } from '../../test/support/rank-test-utils';

const scifi = (i: number): T => ({ title: `Star Voyage ${i}`, year: 1994, genres: ['Sci-Fi', 'Action'] });
const comedy = (i: number): T => ({ title: `Office Laughs ${i}`, year: 2015, genres: ['Comedy'] });
const catalog: T[] = [...Array.from({ length: 30 }, (_, i) => scifi(i)), ...Array.from({ length: 30 }, (_, i) => comedy(i))];
const cands = candidates(catalog);

function watched(titles: readonly T[], start: number, step = DAY): WatchedTitle[] {
  return titles.map((t, j) => {
    const i = cands.index(t.title);
    return {
      key: cands.keys[i] as string,
      at: start + j * step,
      vector: cands.vectors.subarray(i * cands.dim, (i + 1) * cands.dim),
      title: t.title,
      genres: cands.genres?.[i] ?? [],
    };
  });
}

// Years of sci-fi, then two comedies this week.
const years = Array.from({ length: 20 }, (_, i) => scifi(i));
const events = finishedWatchEvents([...watched(years, NOW - 400 * DAY, 15 * DAY), ...watched([comedy(0), comedy(1)], NOW - 2 * DAY)]);
const meanOver = (s: Float32Array, titles: T[]): number => titles.reduce((a, t) => a + (s[cands.index(t.title)] as number), 0) / titles.length;
const unseenScifi = Array.from({ length: 8 }, (_, i) => scifi(22 + i));
const unseenComedy = Array.from({ length: 8 }, (_, i) => comedy(22 + i));

describe('two horizons', () => {
  it('taste keeps years of sci-fi ahead of two comedies this week; recent follows the comedies', () => {
    const o = { halfLifeDays: 30, now: NOW, index: null };
    const taste = rankHorizon('taste', events, cands, o).scored.scores;
    const recent = rankHorizon('recent', events, cands, o).scored.scores;
    expect(meanOver(taste, unseenScifi)).toBeGreaterThan(meanOver(taste, unseenComedy));
    expect(meanOver(recent, unseenComedy)).toBeGreaterThan(meanOver(recent, unseenScifi));
  });

  it('a history imported from decades ago ranks as it did when it was watched (decay is relative, not a cliff)', () => {
    // An import of a MovieLens-era history: every title 25 years old. Decay scales all of it
    // alike, so the badges must still order titles as a fresh history would.
    const old = finishedWatchEvents([...watched(years, NOW - 9500 * DAY, 3 * DAY), ...watched([comedy(0), comedy(1)], NOW - 9400 * DAY)]);
    const thenNow = NOW - 9400 * DAY;
    for (const h of ['taste', 'recent'] as const) {
      const today = rankHorizon(h, old, cands, { halfLifeDays: Number.POSITIVE_INFINITY, now: NOW, index: null });
      const then = rankHorizon(h, old, cands, { halfLifeDays: Number.POSITIVE_INFINITY, now: thenNow, index: null });
      expect(today.state.profile.confident).toBe(true);
      const order = (s: Float32Array): number[] => [...s.keys()].sort((a, b) => (s[b] as number) - (s[a] as number)).slice(0, 20);
      expect(order(today.scored.scores)).toEqual(order(then.scored.scores));
    }
  });

  it("the user's short wall-clock setting never shortens the taste horizon, but does shorten the recent one", () => {
    const t = buildHorizon('taste', events, { halfLifeDays: 30, now: NOW, index: null });
    const r = buildHorizon('recent', events, { halfLifeDays: 30, now: NOW, index: null });
    expect(t.profile.halfLifeDays).toBe(Math.max(HORIZONS.taste.halfLifeDays, 30));
    expect(r.profile.halfLifeDays).toBe(30);
    // The oldest sci-fi title still counts for taste.
    expect(t.profile.eff[0]).toBeGreaterThan(0.1);
  });

  it('adds the leaning and neighbour terms with their weights, and nothing with weight 0', () => {
    const nb = neighbourIndex(
      file([
        [cands.keys[cands.index('Star Voyage 25')] as string, []],
        [cands.keys[cands.index('Star Voyage 0')] as string, [0, 500]],
      ]),
    );
    const o = { halfLifeDays: 30, now: NOW, index: nb };
    const off = { ...HORIZONS.taste, genreWeight: 0, eraWeight: 0, cfWeight: 0 };
    const base = rankHorizon('taste', events, cands, o, off).scored.scores;
    const withCf = rankHorizon('taste', events, cands, o, { ...off, cfWeight: 1 }).scored.scores;
    const j = cands.index('Star Voyage 25');
    const k = cands.index('Star Voyage 26');
    expect((withCf[j] as number) - (base[j] as number)).toBeGreaterThan(0);
    expect(withCf[k]).toBeCloseTo(base[k] as number, 6);
    const withGenre = rankHorizon('taste', events, cands, o, { ...off, genreWeight: 1 }).scored.scores;
    expect((withGenre[j] as number) - (base[j] as number)).toBeGreaterThan(
      (withGenre[cands.index('Office Laughs 25')] as number) - (base[cands.index('Office Laughs 25')] as number),
    );
  });

  it("adds what the user's period watched with their titles, with its weight, in either horizon", () => {
    // One period (1996–2004) whose users watched the sci-fi: over whole histories 40 of them rated
    // Star Voyage 0 with 25; among their first titles (the sign-up list), 30 rated it with 26.
    const keyOf = (t: T): string => cands.keys[cands.index(t.title)] as string;
    const keys = [...years, scifi(25), scifi(26)].map(keyOf);
    const row = (t: T): number => keys.indexOf(keyOf(t));
    const pairsWith = (t: T, users: number): number[][] => keys.map((_, i) => (i === row(scifi(0)) ? [row(t), users] : []));
    const periods = periodIndex({
      bounds: [1996, 2005, 2019],
      totals: [10_000, 10_000],
      keys,
      counts: [keys.flatMap((_, i) => [i, 100]), [0, 2]],
      cowatch: {
        shrink: 1,
        pairs: [pairsWith(scifi(25), 40), keys.map(() => [])],
        early: { titles: 20, pairs: [pairsWith(scifi(26), 30), keys.map(() => [])] },
      },
    });
    const o = { halfLifeDays: 30, now: NOW, index: null, prior: { periods } as unknown as PriorIndex };
    // Badges (taste) read whole histories; the picks (recent) the sign-up lists.
    for (const [horizon, paired, other] of [
      ['taste', scifi(25), scifi(26)],
      ['recent', scifi(26), scifi(25)],
    ] as const) {
      const off = { ...HORIZONS[horizon], periodWeight: 0, stageWeight: 0, priorWeight: 0, cowatchWeight: 0 };
      const base = rankHorizon(horizon, events, cands, o, off).scored.scores;
      const on = rankHorizon(horizon, events, cands, o, { ...off, cowatchWeight: 1, cowatchTitles: Number.POSITIVE_INFINITY });
      const j = cands.index(paired.title);
      expect((on.scored.scores[j] as number) - (base[j] as number)).toBeGreaterThan(0);
      expect(on.scored.scores[cands.index(other.title)]).toBeCloseTo(base[cands.index(other.title)] as number, 6);
      expect(on.state.period?.cowatch).not.toBeNull();
      // The reason it gives: the user's own title it was watched with, as the profile holds it.
      const named = cowatchedWith(on.state, keyOf(paired));
      expect(named?.title).toBe('Star Voyage 0');
      expect(on.state.profile.events).toContain(named);
      expect(cowatchedWith(on.state, keyOf(other))).toBeNull();
      expect(cowatchedWith(rankHorizon(horizon, events, cands, o, off).state, keyOf(paired))).toBeNull();
      // Weight 0 makes no term at all.
      expect(rankHorizon(horizon, events, cands, o, off).state.period).toBeNull();
    }
    // The picks use it only while the history is short (under 20 titles); badges always.
    const shipped = { ...HORIZONS.recent, stageWeight: 0, priorWeight: 0 };
    expect(events.length).toBeGreaterThanOrEqual(20);
    expect(rankHorizon('recent', events, cands, o, shipped).state.period).toBeNull();
    expect(rankHorizon('recent', events.slice(0, 10), cands, o, shipped).state.period?.cowatch).not.toBeNull();
    expect(rankHorizon('taste', events, cands, o, { ...HORIZONS.taste, periodWeight: 0 }).state.period?.cowatch).not.toBeNull();
  });

  it('subtracts the hub term: each title loses its projection on the catalog mean, only in the taste horizon and only with a mean', () => {
    const mean = meanVector(cands.vectors, cands.dim);
    const o = { halfLifeDays: 30, now: NOW, index: null };
    const off = rankHorizon('taste', events, cands, o, { ...HORIZONS.taste, hubWeight: 0 }).scored.scores;
    const on = rankHorizon('taste', events, cands, { ...o, catalogMean: mean }, { ...HORIZONS.taste, hubWeight: 0.5 }).scored.scores;
    for (const t of ['Star Voyage 25', 'Office Laughs 25']) {
      const i = cands.index(t);
      const proj = dot(mean, cands.vectors, i * cands.dim, cands.dim);
      expect((off[i] as number) - (on[i] as number)).toBeCloseTo(0.5 * proj, 5);
    }
    // No mean (a model without one): no term, whatever the weight.
    const noMean = rankHorizon('taste', events, cands, o, { ...HORIZONS.taste, hubWeight: 0.5 }).scored.scores;
    expect([...noMean]).toEqual([...off]);
    // The recent horizon ships without it.
    expect(HORIZONS.recent.hubWeight).toBe(0);
    expect(HORIZONS.taste.hubWeight).toBeGreaterThan(0);
    const r = rankHorizon('recent', events, cands, { ...o, catalogMean: mean }).scored.scores;
    expect([...r]).toEqual([...rankHorizon('recent', events, cands, o).scored.scores]);
  });

  it('refuses a catalog mean of another dimension', () => {
    const h = buildHorizon('taste', events, { halfLifeDays: 30, now: NOW, index: null, catalogMean: new Float32Array(cands.dim + 1) });
    expect(() => horizonScores(h, cands)).toThrow(/dimensions/);
  });

  it('keeps a long history in view by an even spread that carries the whole mass', () => {
    const long = finishedWatchEvents(
      watched(
        Array.from({ length: 30 }, (_, i) => (i < 15 ? scifi(i) : comedy(i))),
        NOW - 60 * DAY,
      ),
    );
    const s = spreadSample(long, 10);
    expect(s).toHaveLength(10);
    expect(s.reduce((a, e) => a + e.weight, 0)).toBeCloseTo(30, 6);
    expect(s[0]?.at).toBeLessThan(NOW - 50 * DAY);
    expect(s[9]?.key).toBe(long[29]?.key);
    expect(spreadSample(long.slice(0, 5), 10)).toHaveLength(5);
  });

  it('badge scores add a share of the recent horizon (none at mix 0)', () => {
    const t = Float32Array.from([1, 2]);
    const r = Float32Array.from([4, -2]);
    expect([...badgeScores(t, r, 0.5)]).toEqual([3, 1]);
    expect(badgeScores(t, r, 0)).toBe(t);
  });

  it('gives the recent horizon its full badge share up to 30 titles, fading as the history grows', () => {
    expect(badgeMixFor(0)).toBe(BADGE_RULES.recentMix);
    expect(badgeMixFor(30)).toBe(BADGE_RULES.recentMix);
    expect(badgeMixFor(60)).toBeCloseTo(BADGE_RULES.recentMix / 2, 10);
    expect(badgeMixFor(300)).toBeCloseTo(BADGE_RULES.recentMix / 10, 10);
    expect(badgeMixFor(10, { recentMix: 0, mixTitles: 30 })).toBe(0);
  });

  it('counts the whole history’s own titles, before the taste horizon samples it', () => {
    // 260 distinct titles (each its own key), embedded like the catalog's sci-fi.
    const long = finishedWatchEvents(
      watched(
        Array.from({ length: 260 }, (_, i) => scifi(i % 30)),
        NOW - 300 * DAY,
      ).map((w, i) => ({ ...w, key: `${w.key}#${i}` })),
    );
    const h = buildHorizon('taste', long, { halfLifeDays: 30, now: NOW, index: null });
    expect(h.profile.events.length).toBeLessThanOrEqual(HORIZONS.taste.maxEvents);
    expect(h.titles).toBe(260);
    expect(buildHorizon('taste', events, { halfLifeDays: 30, now: NOW, index: null }).titles).toBe(events.length);
  });

  it('scores a page subset like the whole catalog', () => {
    const h = buildHorizon('taste', events, { halfLifeDays: 30, now: NOW, index: null });
    const all = horizonScores(h, cands).scores;
    const sub = candidates([scifi(25), comedy(25)]);
    const s = horizonScores(h, sub).scores;
    expect(s[0]).toBeCloseTo(all[cands.index('Star Voyage 25')] as number, 5);
    expect(s[1]).toBeCloseTo(all[cands.index('Office Laughs 25')] as number, 5);
  });
});

function file(rows: [string, number[]][]): NeighbourFile {
  return {
    version: 't',
    keys: rows.map((r) => r[0]),
    neighbours: rows.map((r) => r[1]),
    shares: { genres: { 'Sci-Fi': 0.2, Comedy: 0.5, Action: 0.3 }, decades: { '1990': 0.3, '2010': 0.7 } },
    users: 3,
  };
}

describe('leanings', () => {
  const base = { genres: { Thriller: 0.1, Drama: 0.1, Comedy: 0.8 }, decades: { '1990': 0.2, '2010': 0.8 } };
  const hist = Array.from({ length: 12 }, (_, i) => ({ genres: i % 2 ? ['Thriller'] : ['Drama', 'Thriller'], year: 1990 + (i % 10), weight: 1 }));

  it('leans toward what the user watches more than the population, and away from the rest', () => {
    const l = computeLeanings(hist, base);
    expect(l.genre.get('Thriller')).toBeGreaterThan(0);
    expect(l.genre.get('Comedy')).toBeLessThan(0);
    expect(l.decade.get('1990')).toBeGreaterThan(0);
    expect(l.decade.get('2010')).toBeLessThan(0);
    const t = { genre: genreTerms(l, [['Thriller'], ['Comedy'], []], 3), era: eraTerms(l, [1995, 2015, null], 3) };
    expect(t.genre[0]).toBeGreaterThan(t.genre[1] as number);
    expect(t.era[0]).toBeGreaterThan(t.era[1] as number);
    expect(t.genre[2]).toBe(0);
    expect(t.era[2]).toBe(0);
  });

  it('the year-density era lean follows the years the user watches, whatever the population watched', () => {
    const nineties = Array.from({ length: 40 }, (_, i) => ({ genres: ['Drama'], year: 1995 + (i % 5), weight: 1 }));
    // A population that hardly watched the 1990s must not make the lean explode or flip.
    const skewed = { genres: { Drama: 1 }, decades: { '1990': 0.001, '2010': 0.999 } };
    const l = computeLeanings(nineties, base);
    const t = { era: eraTerms(l, [1997, 2001, 2016, 1960, null], 5, 3) };
    expect(t.era[0]).toBeGreaterThan(0);
    expect(t.era[0]).toBeGreaterThan(t.era[1] as number);
    expect(t.era[1]).toBeGreaterThan(t.era[2] as number);
    expect(t.era[3]).toBeLessThan(0);
    expect(t.era[4]).toBe(0);
    expect([...eraTerms(computeLeanings(nineties, skewed), [1997, 2016], 2, 3)]).toEqual([t.era[0], t.era[2]]);
    // No history: flat, no lean anywhere; years beyond the span clamp to its ends.
    for (const v of yearLeanTable(computeLeanings([], base), 3)) expect(v).toBeCloseTo(0, 9);
    const far = eraTerms(l, [YEAR_SPAN.last, YEAR_SPAN.last + 50], 2, 3);
    expect(far[1]).toBe(far[0]);
  });

  it.each(['recent', 'taste'] as const)('the %s horizon ranks titles of the years the user watches above the same title from other years', (h) => {
    const o = { halfLifeDays: 30, now: NOW, index: null };
    const same = candidates([
      { title: 'Twin A', year: 1994, genres: ['Sci-Fi', 'Action'] },
      { title: 'Twin A', year: 1954, genres: ['Sci-Fi', 'Action'] },
    ]);
    const onlyScifi = finishedWatchEvents(watched(years, NOW - 400 * DAY, 15 * DAY));
    const s = rankHorizon(h, onlyScifi, same, o).scored.scores;
    const plain = rankHorizon(h, onlyScifi, same, o, { ...HORIZONS[h], eraWeight: 0 }).scored.scores;
    expect((s[0] as number) - (s[1] as number)).toBeGreaterThan((plain[0] as number) - (plain[1] as number));
    // The badges' era term is lighter than the picks': a leaning, not a filter.
    expect(HORIZONS.taste.eraWeight).toBeLessThan(HORIZONS.recent.eraWeight);
  });

  it('shrinks a two-title history toward the population', () => {
    const few = computeLeanings(hist.slice(0, 2), base);
    const many = computeLeanings(hist, base);
    expect(few.genre.get('Thriller') as number).toBeLessThan(many.genre.get('Thriller') as number);
    expect(describeLeanings(few)).toEqual([]);
  });

  it('names them in plain words', () => {
    expect(describeLeanings(computeLeanings(hist, base))).toEqual(['Mostly thrillers and dramas', 'You lean toward 1990s films']);
    const old = computeLeanings(
      Array.from({ length: 10 }, () => ({ genres: ['Drama'], year: 1955, weight: 1 })),
      { genres: { Drama: 0.3, Comedy: 0.7 }, decades: { '1950': 0.05, '2010': 0.95 } },
    );
    expect(describeLeanings(old)).toContain('You lean toward classics');
    expect(decadeOf(1999)).toBe('1990');
    expect(decadeOf(null)).toBeNull();
  });
});

describe('neighbour file', () => {
  it('refuses malformed files with a reason', () => {
    expect(() => neighbourIndex({})).toThrow(/not a neighbour file/);
    expect(() => neighbourIndex({ ...file([['a', []]]), neighbours: [[5, 100]] })).toThrow(/bad pair/);
    expect(() => neighbourIndex({ ...file([['a', []]]), neighbours: [[0]] })).toThrow(/pairs/);
    expect(() => neighbourIndex({ ...file([['a', []]]), shares: { genres: { a: 'x' }, decades: {} } })).toThrow(/shares/);
  });

  it('averages neighbour weights over the history; unknown titles get 0', () => {
    const nb = neighbourIndex(
      file([
        ['a', [1, 800, 2, 200]],
        ['b', [0, 800]],
        ['c', [0, 200]],
      ]),
    );
    const rows = resolveRows(nb, ['b', 'c', 'zzz']);
    expect([...rows]).toEqual([1, 2, -1]);
    const t = neighbourTerm(
      nb,
      [
        { key: 'a', weight: 1 },
        { key: 'unknown', weight: 1 },
      ],
      rows,
    );
    expect(t[0]).toBeCloseTo(0.4, 6);
    expect(t[1]).toBeCloseTo(0.1, 6);
    expect(t[2]).toBe(0);
  });
});
