import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badge, calibrate, matchPercent } from './match';
import { bestOrder, diversify, RECOMMEND_RULES, scoreCandidates, type Blocklist } from './recommend';
import type { UserProfile } from './user-profile';
import { buildRows } from './rows';
import { explain } from './explain';
import { fakePopularity, pipeline, rating, session, type T } from '../../test/support/rank-test-utils';
import { dot, row } from './vec';

const scifi = (i: number): T => ({ title: `Star Voyage ${i}`, genres: ['Sci-Fi', 'Action'] });
const romance = (i: number): T => ({ title: `Paris Love ${i}`, genres: ['Romance', 'Drama'] });
const horror = (i: number): T => ({ title: `Night Terror ${i}`, genres: ['Horror', 'Thriller'] });
const western = (i: number): T => ({ title: `Dusty Trail ${i}`, genres: ['Western'] });
const noBlock: Blocklist = { keys: new Set(), vectors: [] };

describe('match %', () => {
  it('is monotonic in the score for any calibration', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 8, maxLength: 50 }),
        fc.float({ min: -2, max: 2, noNaN: true }),
        fc.float({ min: -2, max: 2, noNaN: true }),
        (ref, a, b) => {
          const cal = calibrate(ref);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          return matchPercent(cal, lo) <= matchPercent(cal, hi) && matchPercent(cal, hi) <= 99 && matchPercent(cal, lo) >= 0;
        },
      ),
    );
    // Also with a Platt fit on the user's own labels.
    const cal = calibrate(
      [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
      [0.8, 0.7, 0.9, 0.6, 0.75, 0.1, 0.2, 0.0, 0.3, 0.25].map((score, i) => ({ score, positive: i < 5 })),
    );
    expect(cal.fitted).toBe(true);
    expect(cal.a).toBeGreaterThan(0);
    for (let s = -1; s < 1; s += 0.05) expect(matchPercent(cal, s)).toBeLessThanOrEqual(matchPercent(cal, s + 0.05));
  });

  it('differs per user: the same score maps to different % under different score distributions', () => {
    const a = calibrate([0.1, 0.12, 0.15, 0.2, 0.22, 0.25, 0.3, 0.31]);
    const b = calibrate([0.4, 0.45, 0.5, 0.55, 0.6, 0.62, 0.65, 0.7]);
    expect(matchPercent(a, 0.35)).toBeGreaterThan(90);
    expect(matchPercent(b, 0.35)).toBeLessThan(10);
  });

  it('badges only when confident, not disliked, and ≥ 50 %', () => {
    const cal = calibrate([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(badge(cal, 0.7, { confident: true, disliked: false })).toBeGreaterThanOrEqual(50);
    expect(badge(cal, 0.7, { confident: false, disliked: false })).toBeNull();
    expect(badge(cal, 0.7, { confident: true, disliked: true })).toBeNull();
    expect(badge(cal, 0.0, { confident: true, disliked: false })).toBeNull();
  });
});

describe('ranking', () => {
  it('cold start ranks by the popularity prior', () => {
    fakePopularity.set('Dusty Trail 1', 3).set('Paris Love 1', 1);
    const { cands } = pipeline({ catalog: [] });
    void cands;
    const p = pipeline({ catalog: [romance(1), western(1), horror(1)] });
    const s = scoreCandidates(null, p.cands, { popWeight: 0.05 }).scores;
    expect(bestOrder(p.cands, s, 3, noBlock).map((i) => p.cands.keys[i])).toEqual([p.cands.keys[1], p.cands.keys[0], p.cands.keys[2]]);
    fakePopularity.clear();
  });

  it('diversifies: no row of near-identical titles', () => {
    // Ten copies of one sci-fi title (near-duplicates: cos > 0.92) and varied others.
    const cat: T[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ title: `Star Voyage`, year: 2000 + i, genres: ['Sci-Fi', 'Action'] })),
      ...[1, 2, 3, 4, 5].map(scifi),
      ...[1, 2, 3].map(horror),
    ];
    const p = pipeline({ catalog: cat, sessions: [session(scifi(1)), session(scifi(2))] });
    const s = p.score();
    const picked = diversify(p.cands, bestOrder(p.cands, s, 100, noBlock), s, { k: 10, sigma: 0.1 });
    const copies = picked.filter((i) => i < 10);
    expect(copies.length).toBeLessThanOrEqual(1);
    for (const a of picked)
      for (const b of picked)
        if (a !== b) expect(dot(row(p.cands.vectors, p.cands.dim, a), row(p.cands.vectors, p.cands.dim, b))).toBeLessThanOrEqual(0.92);
  });

  it('thumbs down: the title and its near-duplicates leave the list', () => {
    const cat: T[] = [
      scifi(1),
      scifi(2),
      { title: 'Star Voyage', year: 2001, genres: ['Sci-Fi', 'Action'] },
      { title: 'Star Voyage', year: 2002, genres: ['Sci-Fi', 'Action'] },
      ...[3, 4, 5].map(scifi),
      romance(1),
    ];
    const p = pipeline({ catalog: cat, sessions: [session(scifi(1)), session(scifi(2))], ratings: [rating(cat[2] as T, 'down')] });
    const s = p.score();
    const block: Blocklist = { keys: new Set([p.cands.keys[2] as string]), vectors: [row(p.cands.vectors, p.cands.dim, 2)] };
    const ord = bestOrder(p.cands, s, 100, block);
    expect(ord).not.toContain(2);
    expect(ord).not.toContain(3); // near-duplicate (same title, other year)
    expect(ord).toContain(4);
  });

  it('multi-interest users get both interests in top picks', () => {
    const hist = [1, 2, 3, 4].flatMap((i) => [horror(i), romance(i)]);
    const cat = [...hist, ...[5, 6, 7, 8].flatMap((i) => [horror(i), romance(i)]), ...[1, 2, 3, 4].map(western)];
    const p = pipeline({ catalog: cat, sessions: hist.map((t, i) => session(t, { at: Date.UTC(2025, 5, 1) + i * 3600_000 })) });
    const s = p.score();
    const block = { keys: new Set(hist.map((t) => p.cands.keys[p.cands.index(t.title)] as string)), vectors: [] };
    const top = diversify(p.cands, bestOrder(p.cands, s, 100, block), s, { k: 4, sigma: 0.1 }).map((i) => cat[i]?.title ?? '');
    expect(top.some((t) => t.startsWith('Night'))).toBe(true);
    expect(top.some((t) => t.startsWith('Paris'))).toBe(true);
    expect(top.some((t) => t.startsWith('Dusty'))).toBe(false);
    // The interest term: a horror title scores higher than under one blurred average.
    const blur = scoreCandidates({ ...p.profile, multiInterest: false }, p.cands, { popWeight: 0.05 }).scores;
    const h = p.cands.index('Night Terror 6');
    expect(s[h]).toBeGreaterThan((blur[h] as number) + 0.05);
  });
});

describe('rows and explanations', () => {
  const hist = [1, 2, 3, 4].flatMap((i) => [horror(i), romance(i)]);
  const cat = [
    ...hist,
    ...Array.from({ length: 30 }, (_, i) => [horror(10 + i), romance(10 + i), scifi(10 + i)]).flat(),
    ...[1, 2, 3, 4, 5, 6].map(western),
  ];
  fakePopularity.clear();
  const p = pipeline({
    catalog: cat,
    sessions: hist.map((t, i) => session(t, { at: Date.UTC(2025, 5, 1) + i * 3600_000 })),
    ratings: [rating(romance(1), 'love')],
  });
  for (const w of [1, 2, 3, 4, 5, 6]) fakePopularity.set(`Dusty Trail ${w}`, 2);
  const p2 = pipeline({
    catalog: cat,
    sessions: hist.map((t, i) => session(t, { at: Date.UTC(2025, 5, 1) + i * 3600_000 })),
    ratings: [rating(romance(1), 'love')],
  });
  fakePopularity.clear();
  const histKeys = new Set(hist.map((t) => p.cands.keys[p.cands.index(t.title)] as string));

  const rowsOf = (q: typeof p) => {
    const scored = scoreCandidates(q.profile, q.cands, { popWeight: 0.05 });
    const ref = Array.from(scored.scores).filter((_, i) => !histKeys.has(q.cands.keys[i] as string));
    return buildRows({
      profile: q.profile,
      cands: q.cands,
      scored,
      cal: calibrate(ref),
      popWeight: 0.05,
      block: { keys: histKeys, vectors: [] },
      continueWatching: [{ key: q.cands.keys[q.cands.index('Night Terror 10')] as string, completion: 0.4 }],
      trending: [10, 11, 12, 13].map((i) => ({ key: q.cands.keys[q.cands.index(`Star Voyage ${i}`)] as string, count: 20 - i })),
      seenKeys: histKeys,
      habits: [],
      onboardingGenres: [],
      popularAt: 4,
      describe: (i) => ({
        titleId: `demo.test:${i}`,
        titleKey: q.cands.keys[i] as string,
        title: cat[i]?.title ?? '',
        year: null,
        kind: 'movie',
        genres: cat[i]?.genres ?? [],
        imageUrl: null,
        url: null,
        site: 'demo.test',
      }),
    });
  };

  it('at most 10 rows of 10, stable ids, no repeats across discovery rows, per-user order', () => {
    const rows = rowsOf(p2);
    expect(rows.length).toBeLessThanOrEqual(10);
    for (const r of rows) expect(r.items.length).toBeLessThanOrEqual(10);
    const ids = rows.map((r) => r.id);
    expect(ids[0]).toBe('top');
    expect(ids).toContain('continue');
    expect(ids.filter((x) => x.startsWith('because:'))).toHaveLength(2);
    expect(ids.filter((x) => x.startsWith('cluster:'))).toEqual(expect.arrayContaining(['cluster:0', 'cluster:1']));
    expect(ids).toContain('trending');
    expect(ids[ids.length - 1]).toBe('explore');
    const seen = new Set<string>();
    for (const r of rows.filter((x) => x.id !== 'continue' && x.id !== 'trending')) {
      for (const it of r.items) {
        expect(seen.has(it.titleKey)).toBe(false);
        seen.add(it.titleKey);
      }
    }
    const clusterLabels = rows
      .filter((r) => r.id.startsWith('cluster:'))
      .map((r) => r.label)
      .sort();
    expect(clusterLabels).toEqual(['Horror & thrillers', 'Romance & dramas']);
    const explore = rows.find((r) => r.id === 'explore');
    expect(explore?.items.every((x) => x.title.startsWith('Dusty'))).toBe(true);
    expect(explore?.items[0]?.why[0]).toBe('New to you: exploring Westerns');
    // A different user (sci-fi fan) gets different rows.
    const other = pipeline({ catalog: cat, sessions: [10, 11, 12].map((i) => session(scifi(i))) });
    const ids2 = rowsOf(other).map((r) => r.id);
    expect(ids2).not.toEqual(ids);
  });

  it('names the history titles behind a pick, and loves', () => {
    const i = p.cands.index('Night Terror 12');
    const why = explain({ profile: p.profile, vector: row(p.cands.vectors, p.cands.dim, i), genres: ['Horror'], popular: true });
    expect(why[0]).toMatch(/^Because you watched Night Terror \d( and Night Terror \d)?$/);
    expect(why[1]).toMatch(/^Popular with people who liked Night Terror \d$/);
    const j = p.cands.index('Paris Love 12');
    const loved = explain({ profile: p.profile, vector: row(p.cands.vectors, p.cands.dim, j), genres: ['Romance'], popular: false });
    expect(loved[0]).toBe('You loved Paris Love 1');
  });
});

describe('scoreCandidates kernels', () => {
  // One reference for every interest count: (1 − μ) Σ_k c_k cos_k + μ max_k (s_k cos_k + b_k) + w π.
  it('score every row as the plain formula does, whatever the number of interests', () => {
    const dim = 7;
    let seed = 3;
    const rnd = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    const n = 40;
    const vectors = Float32Array.from({ length: n * dim }, rnd);
    const popularity = Float32Array.from({ length: n }, rnd);
    for (const K of [1, 2, 3, 4, 5]) {
      const clusters = Array.from({ length: K }, (_, k) => ({
        index: k,
        share: 1 / K,
        profile: Float32Array.from({ length: dim }, rnd),
        globalCoef: 0.5 + rnd(),
        bias: -0.1 * k,
        scale: 1 + rnd() / 2,
      })) as unknown as UserProfile['clusters'];
      const profile = { dim, global: Float32Array.from({ length: dim }, rnd), clusters, multiInterest: K > 1 } as unknown as UserProfile;
      const got = scoreCandidates(profile, { vectors, dim, popularity, keys: [] }, { popWeight: 0.1 });
      const mu = K > 1 ? RECOMMEND_RULES.clusterMix : 0;
      for (let i = 0; i < n; i++) {
        const cos = clusters.map((c) => c.profile.reduce((a, p, d) => a + p * (vectors[i * dim + d] as number), 0));
        const g = (profile.global as Float32Array).reduce((a, p, d) => a + p * (vectors[i * dim + d] as number), 0);
        const lin = K === 1 || mu === 0 ? g : clusters.reduce((a, c, k) => a + c.globalCoef * (cos[k] as number), 0);
        const max = Math.max(...clusters.map((c, k) => c.scale * (cos[k] as number) + c.bias));
        expect(got.scores[i]).toBeCloseTo((1 - mu) * lin + mu * (K > 1 ? max : 0) + 0.1 * (popularity[i] as number), 5);
        if (K > 1) expect(got.bestCluster[i]).toBe(clusters.findIndex((c, k) => c.scale * (cos[k] as number) + c.bias === max));
      }
    }
  });
});
