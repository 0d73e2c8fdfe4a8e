import { describe, expect, it } from 'vitest';
import { CONTINUE_RULES, continueWatching, dislikedKeys } from './continue-watching';
import { NOW, rating, session, skip, type T } from '../../test/support/rank-test-utils';

const film = (title: string): T => ({ title, genres: ['Drama'] });
const show: T = { title: 'Long Show', genres: ['Drama'], kind: 'series' };
const MIN = 60_000;
const keys = (x: { key: string }[]) => x.map((c) => c.key);
const kindOf = (k: string) => (k.startsWith('long show') ? 'series' : 'movie') as 'series' | 'movie';

describe('continue watching', () => {
  it('a title left after 6 s (7 % of a 90 s clip) and recorded as abandoned is never in it', () => {
    const pb = film('The Princess Bride');
    const sessions = [session(pb, { at: NOW - 10 * MIN, completion: 6 / 90, duration: 90, minutes: 0.1 })];
    expect(continueWatching({ sessions, skips: [skip(pb, 'abandoned', NOW - 10 * MIN + 6_000)], ratings: [], kindOf })).toEqual([]);
    // Even without the skip record, 6 s is not "started".
    expect(continueWatching({ sessions, skips: [], ratings: [], kindOf })).toEqual([]);
  });

  it('real progress is in it: ≥ 5 % of the title and ≥ 3 minutes over its sessions', () => {
    const a = film('A');
    const b = film('B');
    const c = film('C');
    const out = continueWatching({
      sessions: [
        session(a, { at: NOW - 3 * MIN, completion: 0.2, duration: 6000, minutes: 20 }),
        session(b, { at: NOW - 2 * MIN, completion: 0.1, duration: 6000, minutes: 2 }), // 2 min only
        session(c, { at: NOW - 9 * MIN, completion: 0.06, duration: 6000, minutes: 2 }),
        session(c, { at: NOW - 1 * MIN, completion: 0.07, duration: 6000, minutes: 1.5 }), // 3.5 min together
      ],
      skips: [],
      ratings: [],
      kindOf,
    });
    expect(keys(out)).toEqual(['c', 'a']); // most recent first
    expect(out[0]?.completion).toBe(0.07);
    expect(CONTINUE_RULES.minSeconds).toBe(180);
  });

  it('an abandon after the latest session removes it; a real session after an old abandon brings it back', () => {
    const a = film('A');
    const watched = session(a, { at: NOW - 60 * MIN, completion: 0.3, duration: 6000, minutes: 30 });
    const later = session(a, { at: NOW - 10 * MIN, completion: 0.32, duration: 6000, minutes: 1 });
    expect(continueWatching({ sessions: [watched, later], skips: [skip(a, 'abandoned', NOW - 9 * MIN)], ratings: [], kindOf })).toEqual([]);
    const resumed = session(a, { at: NOW - 5 * MIN, completion: 0.4, duration: 6000, minutes: 10 });
    expect(
      keys(continueWatching({ sessions: [watched, later, resumed], skips: [skip(a, 'abandoned', NOW - 9 * MIN)], ratings: [], kindOf })),
    ).toEqual(['a']);
  });

  it('finished films are not in it; a series with a finished episode and one in progress is', () => {
    const f = film('F');
    const out = continueWatching({
      sessions: [
        session(f, { at: NOW - 9 * MIN, completion: 0.95 }),
        session(f, { at: NOW - 1 * MIN, completion: 0.3, minutes: 30 }), // a rewatch started: finished already
        session(show, { at: NOW - 9 * MIN, completion: 1, duration: 2400 }),
        session(show, { at: NOW - 2 * MIN, completion: 0.4, duration: 2400, minutes: 16 }),
      ],
      skips: [],
      ratings: [],
      kindOf,
    });
    expect(keys(out)).toEqual(['long show']);
  });

  it('thumbs down or not interested removes it, a later thumbs up lifts that', () => {
    const a = film('A');
    const sessions = [session(a, { at: NOW - 9 * MIN, completion: 0.3, minutes: 30 })];
    expect(continueWatching({ sessions, skips: [], ratings: [rating(a, 'down', NOW - MIN)], kindOf })).toEqual([]);
    expect(continueWatching({ sessions, skips: [skip(a, 'not-interested', NOW - MIN)], ratings: [], kindOf })).toEqual([]);
    expect(
      keys(continueWatching({ sessions, skips: [skip(a, 'not-interested', NOW - 2 * MIN)], ratings: [rating(a, 'up', NOW - MIN)], kindOf })),
    ).toEqual(['a']);
    expect(dislikedKeys({ skips: [skip(a, 'not-interested', NOW - MIN)], ratings: [rating(a, 'up', NOW - 2 * MIN)] })).toEqual(new Set(['a']));
  });
});
