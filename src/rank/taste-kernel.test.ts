import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationRows, selectRows } from './candidates';
import { scoreWithSimilarity, type CandidateSet } from './recommend';
import { softMaxSimilarity, TASTE_KERNEL } from './taste-kernel';
import type { UserProfile } from './user-profile';

const unit = (v: number[]): Float32Array => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};
const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

/** The fields the kernel reads; the rest of a profile does not matter to it. */
function profileOf(vectors: Float32Array[], eff: number[]): UserProfile {
  const dim = vectors[0]?.length ?? 0;
  const g = new Float32Array(dim);
  vectors.forEach((v, j) => {
    v.forEach((x, d) => {
      g[d] = (g[d] as number) + (eff[j] as number) * x;
    });
  });
  const gn = Math.hypot(...g);
  return {
    dim,
    events: vectors.map((vector, j) => ({ key: `t${j}`, vector, title: `t${j}`, genres: [], at: j, weight: 1, source: 'history' })),
    eff: Float64Array.from(eff),
    global: g.map((x) => x / gn),
  } as unknown as UserProfile;
}

function setOf(vectors: Float32Array[]): CandidateSet {
  const dim = vectors[0]?.length ?? 0;
  const flat = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => {
    flat.set(v, i * dim);
  });
  return { vectors: flat, dim, keys: vectors.map((_, i) => `c${i}`) };
}

const sciFi = unit([1, 0.1, 0]);
const drama = unit([0, 1, 0.1]);
const comedy = unit([0.1, 0, 1]);

describe('softMaxSimilarity', () => {
  it('leaves an own title out of its own score when asked: as if scored by the other titles alone', () => {
    const own = [sciFi, drama, comedy];
    const p = profileOf(own, [1, 2, 1]);
    // The candidate set holds own title t1 (drama) under its key, and a stranger.
    const c: CandidateSet = { ...setOf([drama, unit([1, 1, 1])]), keys: ['t1', 'stranger'] };
    const loo = softMaxSimilarity(p, c, 3, { leaveOwnOut: true }) as Float32Array;
    const plain = softMaxSimilarity(p, c, 3) as Float32Array;
    const others = softMaxSimilarity(profileOf([sciFi, comedy], [1, 1]), c, 3) as Float32Array;
    expect(loo[0]).toBeCloseTo(others[0] as number, 5);
    expect(loo[0]).toBeLessThan(plain[0] as number);
    // A title that is not the user's own is scored as always.
    expect(loo[1]).toBe(plain[1]);
    // One own title alone keeps its own term (no others to be scored by).
    const single = profileOf([drama], [1]);
    expect(softMaxSimilarity(single, c, 3, { leaveOwnOut: true })?.[0]).toBe(softMaxSimilarity(single, c, 3)?.[0]);
  });

  it('keeps two tastes apart: a title close to one of them beats the blend of both', () => {
    // Ten sci-fi titles and ten dramas: the averaged profile sits between the two.
    const p = profileOf([...Array(10).fill(sciFi), ...Array(10).fill(drama)], Array(20).fill(1));
    const between = unit([1, 1, 0.1]);
    const c = setOf([sciFi, between, comedy]);
    const avg = [sciFi, between, comedy].map((x) => cos(p.global as Float32Array, x));
    expect(avg[1]).toBeGreaterThan(avg[0] as number); // the averaged profile prefers the blend
    const s = softMaxSimilarity(p, c, 3) as Float32Array;
    expect(s[0]).toBeGreaterThan(s[1] as number); // the soft maximum prefers a real taste
    expect(s[2]).toBeLessThan(s[1] as number);
  });

  it('tends to the mean cosine as β → 0 and to the nearest title as β grows', () => {
    const p = profileOf([sciFi, drama], [1, 1]);
    const c = setOf([comedy, sciFi]);
    const small = softMaxSimilarity(p, c, 1e-4) as Float32Array;
    const large = softMaxSimilarity(p, c, 400) as Float32Array;
    for (const [i, x] of [comedy, sciFi].entries()) {
      expect(small[i]).toBeCloseTo((cos(sciFi, x) + cos(drama, x)) / 2, 3);
      expect(large[i]).toBeCloseTo(Math.max(cos(sciFi, x), cos(drama, x)), 1);
    }
  });

  it('lowers titles like the ones turned away from', () => {
    const plain = softMaxSimilarity(profileOf([sciFi, drama], [1, 1]), setOf([comedy]), 3) as Float32Array;
    const skipped = softMaxSimilarity(profileOf([sciFi, drama, comedy], [1, 1, -0.5]), setOf([comedy]), 3) as Float32Array;
    expect(skipped[0]).toBeLessThan(plain[0] as number);
  });

  it('has nothing to say without a positive title', () => {
    expect(softMaxSimilarity(profileOf([comedy], [-1]), setOf([comedy]), 3)).toBeNull();
  });

  it('on a catalog past exactRows, scores the best rows exactly and keeps the rest below them', () => {
    const n = TASTE_KERNEL.exactRows + 500;
    const rnd = fc.sample(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), { numRuns: n, seed: 4 });
    const vectors = rnd.map((v) => unit(v.map((x, i) => x + (i === 0 ? 1e-3 : 0))));
    const p = profileOf([sciFi, drama, comedy], [1, 1, 1]);
    const big = softMaxSimilarity(p, setOf(vectors), 3) as Float32Array;
    const exactScores = vectors.map((v) => (softMaxSimilarity(p, setOf([v]), 3) as Float32Array)[0] as number);
    const order = [...big.keys()].sort((a, b) => (big[b] as number) - (big[a] as number));
    const bestExact = [...exactScores.keys()].sort((a, b) => (exactScores[b] as number) - (exactScores[a] as number));
    // The top of the list is the exact top (the averaged profile's top 5,000 hold the best 100 here).
    expect(order.slice(0, 100)).toEqual(bestExact.slice(0, 100));
    let exactCount = 0;
    for (let i = 0; i < n; i++) if (Math.abs((big[i] as number) - (exactScores[i] as number)) < 1e-5) exactCount++;
    expect(exactCount).toBeGreaterThanOrEqual(TASTE_KERNEL.exactRows);
  });

  it('adds a direction term exactly, on a small set and on the exact rows of a large one', () => {
    const p = profileOf([sciFi, drama], [1, 1]);
    const u = unit([0.2, 0.3, 1]);
    const direction = { vector: u, weight: 0.4 };
    const vectors = fc
      .sample(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), { numRuns: 60, seed: 9 })
      .map((v) => unit(v.map((x, i) => x + (i === 0 ? 1e-3 : 0))));
    const plain = softMaxSimilarity(p, setOf(vectors), 3) as Float32Array;
    const small = softMaxSimilarity(p, setOf(vectors), 3, { direction }) as Float32Array;
    vectors.forEach((v, i) => {
      expect(small[i]).toBeCloseTo((plain[i] as number) + 0.4 * cos(u, v), 5);
    });
    // 20 exact rows out of 60: those rows carry the term exactly, the rest stay below them.
    const large = softMaxSimilarity(p, setOf(vectors), 3, { direction, exactRows: 20 }) as Float32Array;
    const exact = vectors.flatMap((_, i) => (Math.abs((large[i] as number) - (small[i] as number)) < 1e-5 ? [i] : []));
    expect(exact.length).toBeGreaterThanOrEqual(20);
    const lowestExact = Math.min(...exact.map((i) => large[i] as number));
    vectors.forEach((_, i) => {
      if (!exact.includes(i)) expect(large[i]).toBeLessThan(lowestExact);
    });
    // A zero weight is no term at all.
    expect(Array.from(softMaxSimilarity(p, setOf(vectors), 3, { direction: { vector: u, weight: 0 } }) as Float32Array)).toEqual(Array.from(plain));
  });

  it('leaves out titles whose share of the weight is below minShare, and only those', () => {
    const c = setOf([sciFi, drama, comedy, unit([1, 1, 1])]);
    // The comedy weighs a millionth of the rest: the soft maximum is the two others' alone.
    const tiny = softMaxSimilarity(profileOf([sciFi, drama, comedy], [1, 1, 2e-6]), c, 3) as Float32Array;
    const without = softMaxSimilarity(profileOf([sciFi, drama], [1, 1]), c, 3) as Float32Array;
    Array.from(without).forEach((x, i) => {
      expect(tiny[i]).toBeCloseTo(x, 5);
    });
    // At a share above the cut it still counts: the comedy row is lifted by it.
    const small = softMaxSimilarity(profileOf([sciFi, drama, comedy], [1, 1, 10 * TASTE_KERNEL.minShare]), c, 3) as Float32Array;
    expect(small[2]).toBeGreaterThan((without[2] as number) + 1e-4);
  });
});

describe('scores from the soft maximum', () => {
  it("name each row's nearest interest, so the top row's interest quota still works", () => {
    const p = profileOf([sciFi, drama], [1, 1]);
    const clusters = [sciFi, drama].map((profile, index) => ({ index, profile, scale: 1, bias: 0 }));
    const withClusters = { ...p, clusters, multiInterest: true } as unknown as UserProfile;
    const c = setOf([drama, sciFi, unit([0.1, 1, 0])]);
    const scored = scoreWithSimilarity(withClusters, c, { popWeight: 0 }, softMaxSimilarity(withClusters, c, 3) as Float32Array);
    expect(Array.from(scored.bestCluster)).toEqual([1, 0, 1]);
  });
});

describe('calibration rows', () => {
  it('takes every row of a small catalog', () => {
    expect(calibrationRows(5, [3], 10)).toEqual([0, 1, 2, 3, 4]);
  });
  it('samples a large catalog evenly and keeps every history row', () => {
    const rows = calibrationRows(100_000, [7, 99_999], 1000);
    expect(rows.length).toBe(1002);
    expect(rows).toContain(7);
    expect(rows).toContain(99_999);
    expect(new Set(rows).size).toBe(rows.length);
  });
  it('selectRows copies the rows it is given', () => {
    const c = { ...setOf([sciFi, drama, comedy]), popularity: Float32Array.from([1, 2, 3]), genres: [['a'], ['b'], ['c']] };
    const s = selectRows(c, [2, 0]);
    expect(s.keys).toEqual(['c2', 'c0']);
    expect(Array.from(s.popularity as Float32Array)).toEqual([3, 1]);
    expect(s.genres).toEqual([['c'], ['a']]);
    expect(Array.from(s.vectors.subarray(0, 3))).toEqual(Array.from(comedy));
  });
});
