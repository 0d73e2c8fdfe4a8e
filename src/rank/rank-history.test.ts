import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../scripts/core/profile';
import { finishedWatchEvents, rankHistory, type WatchedTitle } from './rank-history';
import { RECOMMEND_RULES, scoreCandidates } from './recommend';
import { scoreAll } from '../../scripts/core/score';
import { candidates, DAY, NOW, pipeline, session, type T } from '../../test/support/rank-test-utils';
import { buildUserProfile } from './user-profile';

const scifi = (i: number): T => ({ title: `Star Voyage ${i}`, genres: ['Sci-Fi', 'Action'] });
const romance = (i: number): T => ({ title: `Paris Love ${i}`, genres: ['Romance', 'Drama'] });
const catalog: T[] = [...Array.from({ length: 8 }, (_, i) => scifi(i)), ...Array.from({ length: 8 }, (_, i) => romance(i))];
const cands = candidates(catalog);

function watched(titles: readonly T[], start = NOW - 40 * DAY): WatchedTitle[] {
  return titles.map((t, j) => {
    const i = cands.index(t.title);
    return {
      key: cands.keys[i] as string,
      at: start + j * DAY,
      vector: cands.vectors.subarray(i * cands.dim, (i + 1) * cands.dim),
      title: t.title,
      genres: cands.genres?.[i] ?? [],
    };
  });
}

describe('finishedWatchEvents', () => {
  it('gives each finished single watch weight 1 through the engine event rules, strong and finished', () => {
    const ev = finishedWatchEvents(watched([scifi(0), romance(1), scifi(2)]));
    expect(ev.map((e) => e.title)).toEqual(['Star Voyage 0', 'Paris Love 1', 'Star Voyage 2']);
    for (const e of ev) {
      expect(e.weight).toBe(1);
      expect(e.strong).toBe(true);
      expect(e.maxCompletion).toBe(1);
      expect(e.rewatch).toBe(false);
      expect(e.source).toBe('history');
    }
  });

  it('matches the engine pipeline (records → titleEvents) for the same finished watches', () => {
    const hist = [scifi(0), scifi(1), romance(2)];
    const p = pipeline({
      catalog,
      sessions: hist.map((t, j) => session(t, { at: NOW - (40 - j) * DAY, completion: 1, minutes: 120, duration: 7200 })),
      halfLifeItems: 3,
      halfLifeDays: 30,
    });
    const ev = finishedWatchEvents(watched(hist));
    expect(ev.map((e) => [e.key, e.weight, e.at])).toEqual(p.profile.events.map((e) => [e.key, e.weight, e.at]));
  });
});

describe('rankHistory', () => {
  it('is buildUserProfile + scoreCandidates with the same options', () => {
    const ev = finishedWatchEvents(watched([scifi(0), scifi(1), scifi(2), romance(0), romance(1), romance(2)]));
    const o = { halfLifeItems: 3, halfLifeDays: 30, now: NOW, popWeight: 0.1 };
    const { profile, scored } = rankHistory(ev, cands, o);
    const ref = buildUserProfile(ev, { halfLifeItems: 3, halfLifeDays: 30, now: NOW });
    expect(profile.global).toEqual(ref.global);
    expect(scored.scores).toEqual(scoreCandidates(ref, cands, { popWeight: 0.1 }).scores);
  });

  it('equals the core (profile.ts + score.ts) for a one-interest history without wall-clock decay', () => {
    const hist = watched([scifi(0), scifi(1), scifi(2), scifi(3)]);
    const { profile, scored } = rankHistory(finishedWatchEvents(hist), cands, { halfLifeItems: 3, halfLifeDays: Infinity, now: NOW, popWeight: 0.1 });
    expect(profile.multiInterest).toBe(false);
    const core = buildProfile(
      hist.map((h) => ({ embedding: h.vector, at: h.at, weight: 1 })),
      { halfLifeItems: 3 },
    );
    const want = scoreAll(core, cands, 0.1);
    scored.scores.forEach((s, i) => {
      expect(s).toBeCloseTo(want[i] as number, 5);
    });
  });

  it('documents the cluster mix chosen on the MovieLens dev split', () => {
    expect(RECOMMEND_RULES.clusterMix).toBe(0.2);
  });
});
