import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../scripts/core/profile';
import { isConfident, RULES, sessionWeight, titleEvents } from './events';
import { buildUserProfile, effectiveWeights, wallClockAnchor } from './user-profile';
import { learnHabits, activeHabits } from './context';
import { clusterInterests } from './cluster';
import { DAY, NOW, fakeVector, impression, pipeline, rating, session, skip, type T } from '../../test/support/rank-test-utils';
import { dot } from './vec';

const scifi = (i: number): T => ({ title: `Star Voyage ${i}`, genres: ['Sci-Fi', 'Action'] });
const romance = (i: number): T => ({ title: `Paris Love ${i}`, genres: ['Romance', 'Drama'] });
const horror = (i: number): T => ({ title: `Night Terror ${i}`, genres: ['Horror', 'Thriller'] });
const comedy = (i: number): T => ({ title: `Laugh Riot ${i}`, genres: ['Comedy'] });

describe('events: weights per rule', () => {
  it('completion and minutes raise a session weight monotonically; a finished film weighs 1', () => {
    const w = (completion: number, minutes: number): number => sessionWeight({ completion, secondsWatched: minutes * 60, duration: 6000 });
    expect(w(0.2, 20)).toBeLessThan(w(0.5, 20));
    expect(w(0.5, 20)).toBeLessThan(w(0.8, 20));
    expect(w(0.5, 5)).toBeLessThan(w(0.5, 25));
    expect(w(0.9, 90)).toBe(1);
    expect(w(0.01, 1)).toBe(0); // noise
  });

  it('rewatch multiplies the title weight by 1.5', () => {
    const once = titleEvents({ sessions: [session(scifi(1))], skips: [], impressions: [], ratings: [], now: NOW });
    const re = titleEvents({ sessions: [session(scifi(1), { rewatch: true })], skips: [], impressions: [], ratings: [], now: NOW });
    expect(re[0]?.weight).toBeCloseTo((once[0]?.weight ?? 0) * RULES.watch.rewatch);
  });

  it('impressions are weak, capped, scaled to ≤ 25 % of positives and ignored without positives', () => {
    const imps = [0, 1, 2, 3, 4, 5].map((d) => impression(romance(1), d));
    const none = titleEvents({ sessions: [], skips: [], impressions: imps, ratings: [], now: NOW });
    expect(none).toHaveLength(0);
    const ev = titleEvents({ sessions: [session(scifi(1))], skips: [], impressions: imps, ratings: [], now: NOW });
    const imp = ev.find((e) => e.impression < 0);
    expect(imp?.weight).toBeCloseTo(RULES.impression.cap); // 6 days × −0.04 capped at −0.12
    const many = Array.from({ length: 40 }, (_, i) => impression(romance(i), 1));
    const ev2 = titleEvents({ sessions: [session(scifi(1))], skips: [], impressions: many, ratings: [], now: NOW });
    const mass = ev2.filter((e) => e.impression < 0).reduce((s, e) => s - e.weight, 0);
    expect(mass).toBeCloseTo(0.25 * 1, 5);
  });

  it('evidence rule: two real watches, or onboarding done and one', () => {
    const one = titleEvents({ sessions: [session(scifi(1))], skips: [], impressions: [], ratings: [], now: NOW });
    const two = titleEvents({ sessions: [session(scifi(1)), session(scifi(2))], skips: [], impressions: [], ratings: [], now: NOW });
    const partial = titleEvents({
      sessions: [session(scifi(1)), session(scifi(2), { completion: 0.3 })],
      skips: [],
      impressions: [],
      ratings: [],
      now: NOW,
    });
    expect(isConfident(one, false)).toBe(false);
    expect(isConfident(one, true)).toBe(true);
    expect(isConfident(two, false)).toBe(true);
    expect(isConfident(partial, false)).toBe(false);
  });
});

describe('profile', () => {
  it('equals the core buildProfile for a plain watch history (k = 1)', () => {
    const cat = [scifi(1), scifi(2), scifi(3), scifi(4)];
    const sessions = cat.map((t, i) => session(t, { at: NOW - (10 - i) * DAY }));
    const { profile, cands } = pipeline({ catalog: cat, sessions });
    const core = buildProfile(
      cat.map((_, i) => ({ embedding: cands.vectors.subarray(i * cands.dim, (i + 1) * cands.dim), at: NOW - (10 - i) * DAY, weight: 1 })),
      { halfLifeItems: 8, halfLifeMs: 30 * DAY, now: NOW },
    );
    expect(profile.clusters).toHaveLength(1);
    profile.global?.forEach((x, d) => {
      expect(x).toBeCloseTo(core?.[d] ?? NaN, 5);
    });
  });

  it('recency: the newer event and a shorter half-life in days weigh more toward now', () => {
    const ev = [
      { at: NOW - 60 * DAY, weight: 1, source: 'history' as const },
      { at: NOW - DAY, weight: 1, source: 'history' as const },
    ];
    const short = effectiveWeights(ev, { halfLifeItems: 8, halfLifeDays: 10, now: NOW });
    const long = effectiveWeights(ev, { halfLifeItems: 8, halfLifeDays: 1000, now: NOW });
    expect(short[0]).toBeLessThan(short[1] as number);
    expect((short[0] as number) / (short[1] as number)).toBeLessThan((long[0] as number) / (long[1] as number));
    // Ranking: old sci-fi, recent romance → romance candidate first.
    const cat = [scifi(1), romance(1), scifi(9), romance(9)];
    const { score, cands } = pipeline({
      catalog: cat,
      sessions: [session(scifi(1), { at: NOW - 90 * DAY }), session(romance(1), { at: NOW - DAY })],
      halfLifeDays: 30,
    });
    const s = score();
    expect(s[cands.index('Paris Love 9')]).toBeGreaterThan(s[cands.index('Star Voyage 9')] as number);
  });

  it('an old history (newest watch years ago) keeps the shape of its weights and a profile, as on the day it was made', () => {
    const YEARS = 26 * 365 * DAY; // a MovieLens history of 2000 imported in 2026
    const cat = [scifi(1), romance(1), scifi(2), scifi(9), romance(9)];
    const days = [40, 20, 1];
    const fresh = pipeline({ catalog: cat, sessions: days.map((d, i) => session(cat[i] as T, { at: NOW - d * DAY })), halfLifeDays: 30 });
    const old = pipeline({ catalog: cat, sessions: days.map((d, i) => session(cat[i] as T, { at: NOW - YEARS - d * DAY })), halfLifeDays: 30 });
    // Counted from now, 26 years of 30-day half-lives underflowed the profile to nothing.
    expect(old.profile.global).not.toBeNull();
    old.profile.global?.forEach((x, d) => {
      expect(x).toBeCloseTo(fresh.profile.global?.[d] ?? NaN, 5);
    });
    const a = old.score();
    const b = fresh.score();
    expect([...a].map((x, i) => x - (b[i] as number)).every((x) => Math.abs(x) < 1e-5)).toBe(true);
    // The relative fade between its own titles stays: the 40-day-older one weighs less.
    const eff = old.profile.eff;
    expect(eff[0]).toBeLessThan(eff[2] as number);
  });

  it('the wall clock counts from the newest positive title, never from a search, an impression or the future', () => {
    const hist = (at: number, weight = 1) => ({ at, weight, source: 'history' as const });
    expect(wallClockAnchor([hist(NOW - 900 * DAY), hist(NOW - 800 * DAY)], NOW)).toBe(NOW - 800 * DAY);
    // A skip or an impression today (negative) and a search today do not move it.
    expect(wallClockAnchor([hist(NOW - 800 * DAY), hist(NOW, -0.12), { at: NOW, weight: 0.2, source: 'search' as const }], NOW)).toBe(
      NOW - 800 * DAY,
    );
    expect(wallClockAnchor([hist(NOW + DAY)], NOW)).toBe(NOW);
    expect(wallClockAnchor([], NOW)).toBe(NOW);
    // So a search made today weighs as much beside an old history as beside a fresh one.
    const old = [hist(NOW - 800 * DAY), { at: NOW, weight: 0.2, source: 'search' as const }];
    const fresh = [hist(NOW - DAY), { at: NOW, weight: 0.2, source: 'search' as const }];
    const o = { halfLifeItems: 8, halfLifeDays: 30, now: NOW };
    const ratio = (w: Float64Array) => (w[1] as number) / (w[0] as number);
    expect(ratio(effectiveWeights(old, o))).toBeCloseTo(ratio(effectiveWeights(fresh, o)), 9);
  });

  it('completion: a finished title pulls more than a barely started one', () => {
    const cat = [scifi(1), romance(1), scifi(9), romance(9)];
    const { score, cands } = pipeline({
      catalog: cat,
      sessions: [session(scifi(1), { completion: 1, at: NOW - 2 * DAY }), session(romance(1), { completion: 0.15, at: NOW - DAY })],
    });
    const s = score();
    expect(s[cands.index('Star Voyage 9')]).toBeGreaterThan(s[cands.index('Paris Love 9')] as number);
  });

  it('rewatch: a rewatched title outweighs a newer single watch', () => {
    const cat = [scifi(1), romance(1), scifi(9), romance(9)];
    const base = { catalog: cat, halfLifeItems: 1000, halfLifeDays: 3650 };
    const plain = pipeline({ ...base, sessions: [session(scifi(1), { at: NOW - 2 * DAY }), session(romance(1), { at: NOW - DAY })] }).score();
    const re = pipeline({ ...base, sessions: [session(scifi(1), { at: NOW - 2 * DAY, rewatch: true }), session(romance(1), { at: NOW - DAY })] });
    const s = re.score();
    const gap = (x: Float32Array): number => (x[re.cands.index('Star Voyage 9')] as number) - (x[re.cands.index('Paris Love 9')] as number);
    expect(gap(s)).toBeGreaterThan(gap(plain));
    expect(gap(s)).toBeGreaterThan(0);
  });

  it('a skip pushes similar titles away; thumbs down more; love pulls similar up', () => {
    const cat = [scifi(1), scifi(2), romance(1), romance(9), horror(1)];
    const sessions = [session(scifi(1)), session(scifi(2))];
    const r9 = (x: Float32Array, c: { index: (t: string) => number }): number => x[c.index('Paris Love 9')] as number;
    const base = pipeline({ catalog: cat, sessions });
    const skipped = pipeline({ catalog: cat, sessions, skips: [skip(romance(1))] });
    const down = pipeline({ catalog: cat, sessions, ratings: [rating(romance(1), 'down')] });
    const loved = pipeline({ catalog: cat, sessions, ratings: [rating(romance(1), 'love')] });
    expect(r9(skipped.score(), skipped.cands)).toBeLessThan(r9(base.score(), base.cands));
    expect(r9(down.score(), down.cands)).toBeLessThan(r9(skipped.score(), skipped.cands));
    expect(r9(loved.score(), loved.cands)).toBeGreaterThan(r9(base.score(), base.cands));
  });

  it('an unopened impression is a weak negative', () => {
    const cat = [scifi(1), scifi(2), romance(1), romance(9)];
    const sessions = [session(scifi(1)), session(scifi(2)), session(romance(1))];
    const base = pipeline({ catalog: cat, sessions });
    const imp = pipeline({ catalog: cat, sessions, impressions: [impression(romance(9), 1), impression(romance(9), 2)] });
    const skipped = pipeline({ catalog: cat, sessions, skips: [skip(romance(9))] });
    const i = base.cands.index('Paris Love 9');
    const b = base.score()[i] as number;
    const m = imp.score()[i] as number;
    expect(m).toBeLessThan(b);
    expect(b - m).toBeLessThan(b - (skipped.score()[i] as number)); // weaker than a skip
  });

  it('clusters separate horror and romance (and a single interest stays one)', () => {
    const cat = [horror(1), horror(2), horror(3), horror(4), romance(1), romance(2), romance(3), romance(4)];
    const sessions = cat.map((t, i) => session(t, { at: NOW - (20 - i) * DAY }));
    const { profile } = pipeline({ catalog: cat, sessions });
    expect(profile.multiInterest).toBe(true);
    expect(profile.clusters).toHaveLength(2);
    const labels = profile.clusters.map((c) => c.genres[0]).sort();
    expect(labels).toEqual(['Horror', 'Romance']);
    for (const c of profile.clusters) {
      const names = c.examples.map((e) => e.title);
      expect(names.every((n) => n.startsWith(c.genres[0] === 'Horror' ? 'Night' : 'Paris'))).toBe(true);
    }
    const single = pipeline({ catalog: [scifi(1), scifi(2), scifi(3), scifi(4)], sessions: [1, 2, 3, 4].map((i) => session(scifi(i))) });
    expect(single.profile.multiInterest).toBe(false);
  });

  it('k-means picks k by silhouette over well separated groups', () => {
    const g = ['Horror', 'Romance', 'Western'];
    const pts = g.flatMap((x) => [1, 2, 3].map((i) => ({ vector: fakeVector(`${x} ${i}\ngenres: ${x}`), weight: 1 })));
    const c = clusterInterests(pts);
    expect(c.k).toBe(3);
    expect(dot(c.centroids[0] as Float32Array, c.centroids[1] as Float32Array)).toBeLessThan(0.5);
  });

  it('cold start: onboarding picks are weak positive events before all history', () => {
    const cat = [horror(1), romance(1), horror(9), romance(9)];
    const { profile, score, cands } = pipeline({ catalog: cat, onboarding: { done: true, genres: ['Horror'], titles: [] } });
    expect(profile.global).not.toBeNull();
    expect(profile.evidence).toBe(0);
    const s = score({ onboardingGenres: ['Horror'] });
    expect(s[cands.index('Night Terror 9')]).toBeGreaterThan(s[cands.index('Paris Love 9')] as number);
    const withHistory = buildUserProfile(
      [
        {
          ...titleEvents({
            sessions: [],
            skips: [],
            impressions: [],
            ratings: [],
            onboarding: { done: true, genres: ['Horror'], titles: [] },
            now: NOW,
          })[0]!,
          vector: fakeVector('\ngenres: Horror'),
          title: 'Horror',
          genres: ['Horror'],
        },
        ...[1, 2, 3].map((i) => ({
          ...titleEvents({ sessions: [session(romance(i))], skips: [], impressions: [], ratings: [], now: NOW })[0]!,
          vector: fakeVector(`Paris Love ${i}\ngenres: Romance|Drama`),
          title: `Paris Love ${i}`,
          genres: ['Romance'],
        })),
      ],
      { halfLifeItems: 8, halfLifeDays: 30, now: NOW },
    );
    // Onboarding comes first in the order and does not decay by the clock.
    expect(withHistory.events[0]?.source).toBe('onboarding');
    expect(withHistory.eff[0]).toBeLessThan(withHistory.eff[3] as number);
  });
});

describe('context habits', () => {
  const fri = { hour: 21, weekday: 5, device: 'desktop' as const };
  const tue = { hour: 21, weekday: 2, device: 'desktop' as const };
  const mk = (n: number, ctx: typeof fri, genres: string[]) => Array.from({ length: n }, () => ({ ctx, genres, weight: 1 }));

  it('learns a strong habit (comedies on Friday nights) and applies it only in that context', () => {
    const h = learnHabits([...mk(6, fri, ['Comedy']), ...mk(10, tue, ['Drama'])]);
    const comedyFri = h.find((x) => x.genre === 'Comedy' && x.context === 'day:5:evening');
    expect(comedyFri?.text).toBe('You often watch comedies on Friday evenings');
    expect(activeHabits(h, fri).some((x) => x.genre === 'Comedy')).toBe(true);
    expect(activeHabits(h, tue).some((x) => x.genre === 'Comedy')).toBe(false);
  });

  it('is not used when weak: too few sessions, or no clear deviation', () => {
    expect(learnHabits([...mk(4, fri, ['Comedy']), ...mk(10, tue, ['Drama'])]).filter((x) => x.context.startsWith('day:5'))).toHaveLength(0);
    expect(learnHabits(mk(6, fri, ['Comedy']))).toHaveLength(0); // < 10 sessions
    // Same mix everywhere: no deviation.
    const even = learnHabits([...mk(3, fri, ['Comedy']), ...mk(3, fri, ['Drama']), ...mk(5, tue, ['Comedy']), ...mk(5, tue, ['Drama'])]);
    expect(even).toHaveLength(0);
  });

  it('boosts titles of the habit genre in ranking only when strong', () => {
    const cat = [comedy(1), romance(1), comedy(9), romance(9)];
    const strong = [
      ...Array.from({ length: 6 }, (_, i) => session(comedy(1), { at: NOW - i * DAY, ctx: fri })),
      ...Array.from({ length: 10 }, (_, i) => session(romance(1), { at: NOW - i * DAY, ctx: tue })),
    ];
    const p = pipeline({ catalog: cat, sessions: strong });
    const habits = activeHabits(p.profile.habits, fri);
    expect(habits.length).toBeGreaterThan(0);
    const withCtx = p.score({ habits });
    const without = p.score();
    const i = p.cands.index('Laugh Riot 9');
    expect(withCtx[i]).toBeGreaterThan(without[i] as number);
    expect(withCtx[p.cands.index('Paris Love 9')]).toBeCloseTo(without[p.cands.index('Paris Love 9')] as number, 6);
  });
});

describe('searches', () => {
  it('a recent search is a weak positive of intent, not evidence', () => {
    const ev = titleEvents({
      sessions: [session(romance(1))],
      skips: [],
      impressions: [],
      ratings: [],
      searches: [
        { query: 'Space  Opera', at: NOW - DAY },
        { query: 'space opera', at: NOW - 2 * DAY },
      ],
      now: NOW,
    });
    const s = ev.find((e) => e.source === 'search');
    expect(s?.key).toBe('search:space opera');
    expect(s?.weight).toBeCloseTo(RULES.search.weight + RULES.search.repeat);
    const profile = buildUserProfile(
      ev.map((e) => ({
        ...e,
        vector: e.source === 'search' ? fakeVector('\ngenres: Sci-Fi') : fakeVector('Paris Love 1\ngenres: Romance|Drama'),
        title: e.key,
        genres: [],
      })),
      { halfLifeItems: 8, halfLifeDays: 30, now: NOW },
    );
    expect(profile.evidence).toBe(1);
    const withSearch = dot(profile.global as Float32Array, fakeVector('Star Voyage 9\ngenres: Sci-Fi|Action'));
    const without = buildUserProfile(
      ev
        .filter((e) => e.source !== 'search')
        .map((e) => ({ ...e, vector: fakeVector('Paris Love 1\ngenres: Romance|Drama'), title: e.key, genres: [] })),
      { halfLifeItems: 8, halfLifeDays: 30, now: NOW },
    );
    expect(withSearch).toBeGreaterThan(dot(without.global as Float32Array, fakeVector('Star Voyage 9\ngenres: Sci-Fi|Action')));
  });
});

describe('negatives push away but never take over', () => {
  const axis = (k: number): Float32Array => {
    const v = new Float32Array(8);
    v[k] = 1;
    return v;
  };
  const ev = (key: string, at: number, weight: number, vector: Float32Array) =>
    ({
      key,
      source: 'history',
      at,
      weight,
      watch: Math.max(weight, 0),
      skip: weight < 0 ? -weight : 0,
      impression: 0,
      rating: null,
      maxCompletion: weight > 0 ? 1 : 0,
      vector,
      title: key,
      genres: [],
    }) as never;

  it('three short watches then two recent skips: the profile still points at what was watched', () => {
    const events = [
      ev('w1', NOW - 5000, 0.57, axis(0)),
      ev('w2', NOW - 4000, 0.57, axis(0)),
      ev('w3', NOW - 3000, 0.57, axis(0)),
      ev('s1', NOW - 2000, -0.5, axis(1)),
      ev('s2', NOW - 1000, -0.5, axis(1)),
    ];
    const p = buildUserProfile(events, { halfLifeItems: 3, halfLifeDays: 30, now: NOW });
    const towards = dot(p.global!, axis(0));
    const away = -dot(p.global!, axis(1));
    expect(towards).toBeGreaterThan(0);
    expect(towards).toBeGreaterThan(1.5 * away);
  });

  it('skips do not age the watches before them; negatives are capped at half the positive mass', () => {
    const w = effectiveWeights(
      [
        { at: 1, weight: 1, source: 'history' },
        { at: 2, weight: -3, source: 'history' },
      ],
      { halfLifeItems: 3, halfLifeDays: 1e9, now: 3 },
    );
    expect(w[0]).toBeCloseTo(1); // still the newest watch: age 0
    expect(w[1]).toBeCloseTo(-0.5); // −3 capped to half of the positive mass
  });
});
