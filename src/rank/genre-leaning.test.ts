import { describe, expect, it } from 'vitest';
import { inDislikedGenre, leaning, leaningPenalty, LEANING_RULES } from './genre-leaning';
import { calibrate, matchPercent } from './match';
import { scoreCandidates } from './recommend';
import { NOW, pipeline, session, skip, rating, type T } from '../../test/support/rank-test-utils';

const range = (n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const SF = range(12, (i) => ({ title: `Star Voyage ${i}`, genres: ['Sci-Fi', 'Action'] }));
const RO = range(12, (i) => ({ title: `Paris Love ${i}`, genres: ['Romance', 'Comedy'] }));
const OTHER = [
  ...range(12, (i) => ({ title: `Quiet Drama ${i}`, genres: ['Drama'] })),
  ...range(12, (i) => ({ title: `Dark Crime ${i}`, genres: ['Crime', 'Thriller'] })),
  ...range(8, (i) => ({ title: `Wild West ${i}`, genres: ['Western'] })),
];
const HER: T = { title: 'Her', genres: ['Romance', 'Sci-Fi', 'Drama'] };
const catalog = [...SF, ...RO, ...OTHER, HER];
const MIN = 60_000;
const CLIP = 90;

/** Four finished sci-fi clips, then `n` romances abandoned after 6 s (the replay). */
function replay(n: number, extra: { ratings?: ReturnType<typeof rating>[]; skips?: ReturnType<typeof skip>[] } = {}) {
  const sessions = [
    ...SF.slice(0, 4).map((t, i) => session(t, { at: NOW - (20 - i) * MIN, completion: 1, duration: CLIP, minutes: CLIP / 60 })),
    ...RO.slice(0, n).map((t, i) => session(t, { at: NOW - (10 - i) * MIN, completion: 6 / CLIP, duration: CLIP, minutes: 0.1 })),
  ];
  const skips = [...RO.slice(0, n).map((t, i) => skip(t, 'abandoned', NOW - (10 - i) * MIN + 6_000)), ...(extra.skips ?? [])];
  const p = pipeline({ catalog, sessions, skips, ratings: extra.ratings ?? [], halfLifeItems: 3 });
  const scores = p.score();
  // The engine's calibration: reference = everything but the user's own positives.
  const own = new Set(SF.slice(0, 4).map((t) => p.cands.index(t.title)));
  const cal = calibrate(Array.from(scores).filter((_, i) => !own.has(i)));
  const match = (t: T) => matchPercent(cal, scores[p.cands.index(t.title)] as number);
  const mean = (ts: T[]) => ts.reduce((a, t) => a + match(t), 0) / ts.length;
  const unseen = (ts: T[]) => ts.filter((t) => !own.has(p.cands.index(t.title)));
  return { p, match, mean, all: mean(unseen(catalog)), romance: mean(RO.slice(2)), scifi: mean(SF.slice(4)) };
}

describe('genre leaning', () => {
  it('net leaning: the most disliked genre offset by the most liked one', () => {
    const aff = new Map([
      ['Sci-Fi', 1],
      ['Romance', -0.5],
      ['Comedy', -0.3],
    ]);
    expect(leaning(aff, ['Romance', 'Comedy'])).toBe(-0.5);
    expect(leaning(aff, ['Romance', 'Sci-Fi'])).toBe(0.5);
    expect(leaning(aff, ['Western'])).toBe(0);
    expect(leaningPenalty(aff, ['Romance', 'Comedy'])).toBeCloseTo(
      Math.min(LEANING_RULES.cap, LEANING_RULES.perUnit * (0.5 - LEANING_RULES.free)),
      6,
    );
    expect(leaningPenalty(aff, ['Romance', 'Sci-Fi'])).toBe(0);
    expect(leaningPenalty(new Map([['Romance', -0.04]]), ['Romance'])).toBe(0); // faint: free
    expect(leaningPenalty(new Map([['Romance', -1]]), ['Romance'])).toBe(LEANING_RULES.cap);
    expect(inDislikedGenre(aff, ['Comedy'])).toBe(true);
    expect(inDislikedGenre(aff, ['Romance', 'Sci-Fi'])).toBe(false);
  });

  it("after two abandons in a genre, its titles fall below the user's average match", () => {
    const none = replay(0);
    const two = replay(2);
    expect(none.romance).toBeGreaterThan(two.romance);
    expect(two.romance).toBeLessThan(two.all);
    expect(two.scifi).toBeGreaterThan(two.all);
    const aff = new Map(two.p.profile.genreAffinity.map((g) => [g.genre, g.affinity]));
    expect(aff.get('Romance')).toBeLessThan(0);
    // A liked genre beside the disliked one keeps the title: Her is not pushed down.
    expect(leaningPenalty(aff, HER.genres)).toBe(0);
  });

  it('the penalty is part of the score: romances score lower than the embedding alone says', () => {
    const two = replay(2);
    const { profile, cands } = two.p;
    const withGenres = scoreCandidates(profile, cands, { popWeight: 0.05 }).scores;
    const without = scoreCandidates(profile, { ...cands, genres: undefined }, { popWeight: 0.05 }).scores;
    const i = cands.index('Paris Love 5');
    expect((without[i] as number) - (withGenres[i] as number)).toBeGreaterThan(0.05);
    const s = cands.index('Star Voyage 7');
    expect(withGenres[s]).toBeCloseTo(without[s] as number, 6);
  });

  it('one abandon moves less than two; thumbs down and "not interested" move further', () => {
    const one = replay(1);
    const two = replay(2);
    expect(one.romance).toBeGreaterThan(two.romance);
    const harsher = replay(2, { ratings: [rating(RO[2] as T, 'down', NOW - MIN)], skips: [skip(RO[3] as T, 'not-interested', NOW - MIN)] });
    expect(harsher.romance).toBeLessThan(two.romance);
  });

  it('no negatives, no penalty: a plain watch history scores as before (the eval is unchanged)', () => {
    const p = pipeline({ catalog, sessions: SF.slice(0, 4).map((t) => session(t)) });
    const a = scoreCandidates(p.profile, p.cands, { popWeight: 0.05 }).scores;
    const b = scoreCandidates(p.profile, { ...p.cands, genres: undefined }, { popWeight: 0.05 }).scores;
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
