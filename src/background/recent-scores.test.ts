import { beforeEach, describe, expect, it } from 'vitest';
import { clearRecentScores, MAX_PAGES, MAX_PER_PAGE, MAX_STALE_MS, recentScores, rememberScores } from './recent-scores';

const score = (id: string, match: number | null = 80) => ({ siteItemId: id, match, why: [] });
const T0 = 1_700_000_000_000;
/** A stamp at data version `version` with `strong` strong changes seen, `after` ms past T0. */
const at = (version: number, strong = 0, after = 0) => ({ version, strong, now: T0 + after });
const ids = (r: { scores: { siteItemId: string }[] }) => r.scores.map((s) => s.siteItemId);

describe('recent scores', () => {
  beforeEach(() => clearRecentScores());

  it('serves a page the scores it got, fresh at the same data version', () => {
    rememberScores('https://s.test/home', at(7), [score('a'), score('b', null)]);
    rememberScores('https://s.test/home', at(7), [score('c', 91)]);
    const got = recentScores('https://s.test/home#top', at(7));
    expect(got.stale).toBe(false);
    expect(got.scores.map((s) => [s.siteItemId, s.match])).toEqual([
      ['a', 80],
      ['b', null],
      ['c', 91],
    ]);
    expect(recentScores('https://s.test/other', at(7))).toEqual({ scores: [], stale: false });
  });

  it('serves them stale after weak changes moved the version, for MAX_STALE_MS at most', () => {
    rememberScores('https://s.test/home', at(7), [score('a')]);
    const later = recentScores('https://s.test/home', at(9, 0, 60_000));
    expect(later.stale).toBe(true);
    expect(ids(later)).toEqual(['a']);
    expect(recentScores('https://s.test/home', at(9, 0, MAX_STALE_MS + 1))).toEqual({ scores: [], stale: false });
  });

  it('never serves them across a strong change', () => {
    rememberScores('https://s.test/home', at(7, 2), [score('a')]);
    expect(recentScores('https://s.test/home', at(8, 3, 1_000))).toEqual({ scores: [], stale: false });
    // Even at the same version (the strong change was rated after the version was read).
    expect(recentScores('https://s.test/home', at(7, 3))).toEqual({ scores: [], stale: false });
  });

  it("a newer version replaces the page's older scores", () => {
    rememberScores('https://s.test/home', at(7), [score('a')]);
    rememberScores('https://s.test/home', at(8, 0, 5_000), [score('b')]);
    expect(recentScores('https://s.test/home', at(8, 0, 5_000))).toEqual({ scores: [score('b')], stale: false });
  });

  it('is bounded in pages and scores per page', () => {
    for (let i = 0; i <= MAX_PAGES; i++) rememberScores(`https://s.test/p${i}`, at(1), [score('a')]);
    expect(ids(recentScores('https://s.test/p0', at(1)))).toEqual([]); // the least recently used went
    expect(ids(recentScores(`https://s.test/p${MAX_PAGES}`, at(1)))).toHaveLength(1);
    rememberScores(
      'https://s.test/big',
      at(1),
      Array.from({ length: MAX_PER_PAGE + 5 }, (_, i) => score(`t${i}`)),
    );
    const kept = ids(recentScores('https://s.test/big', at(1)));
    expect(kept).toHaveLength(MAX_PER_PAGE);
    // The first asked for (the top of the page, what a visit shows first) are kept.
    expect(kept[0]).toBe('t0');
    expect(kept.includes(`t${MAX_PER_PAGE}`)).toBe(false);
    // A known title is still updated when the page is full.
    rememberScores('https://s.test/big', at(1), [score('t3', 12)]);
    expect(recentScores('https://s.test/big', at(1)).scores.find((s) => s.siteItemId === 't3')?.match).toBe(12);
  });
});
