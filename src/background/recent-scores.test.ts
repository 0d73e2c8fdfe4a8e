import { beforeEach, describe, expect, it } from 'vitest';
import { clearRecentScores, MAX_PAGES, MAX_PER_PAGE, recentScores, rememberScores } from './recent-scores';

const score = (id: string, match: number | null = 80) => ({ siteItemId: id, match, why: [] });

describe('recent scores', () => {
  beforeEach(() => clearRecentScores());

  it('serves a page the scores it got, at the same data version only', () => {
    rememberScores('https://s.test/home', 7, [score('a'), score('b', null)]);
    rememberScores('https://s.test/home', 7, [score('c', 91)]);
    expect(recentScores('https://s.test/home#top', 7).map((s) => [s.siteItemId, s.match])).toEqual([
      ['a', 80],
      ['b', null],
      ['c', 91],
    ]);
    expect(recentScores('https://s.test/home', 8)).toEqual([]); // the user's data changed since
    expect(recentScores('https://s.test/other', 7)).toEqual([]);
  });

  it("a newer version replaces the page's older scores", () => {
    rememberScores('https://s.test/home', 7, [score('a')]);
    rememberScores('https://s.test/home', 8, [score('b')]);
    expect(recentScores('https://s.test/home', 8).map((s) => s.siteItemId)).toEqual(['b']);
  });

  it('is bounded in pages and scores per page', () => {
    for (let i = 0; i <= MAX_PAGES; i++) rememberScores(`https://s.test/p${i}`, 1, [score('a')]);
    expect(recentScores('https://s.test/p0', 1)).toEqual([]); // the least recently used went
    expect(recentScores(`https://s.test/p${MAX_PAGES}`, 1)).toHaveLength(1);
    rememberScores(
      'https://s.test/big',
      1,
      Array.from({ length: MAX_PER_PAGE + 5 }, (_, i) => score(`t${i}`)),
    );
    const kept = recentScores('https://s.test/big', 1);
    expect(kept).toHaveLength(MAX_PER_PAGE);
    // The first asked for (the top of the page, what a visit shows first) are kept.
    expect(kept[0]!.siteItemId).toBe('t0');
    expect(kept.some((s) => s.siteItemId === `t${MAX_PER_PAGE}`)).toBe(false);
    // A known title is still updated when the page is full.
    rememberScores('https://s.test/big', 1, [score('t3', 12)]);
    expect(recentScores('https://s.test/big', 1).find((s) => s.siteItemId === 't3')?.match).toBe(12);
  });
});
