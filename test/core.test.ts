import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildProfile, recencyWeights, type HistoryEvent } from '../scripts/core/profile';
import { rank, scoreAll, topK } from '../scripts/core/score';

const unit = (...xs: number[]): Float32Array => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};
const ev = (embedding: Float32Array, at: number, weight = 1): HistoryEvent => ({ embedding, at, weight });

describe('buildProfile', () => {
  it('is null without history and when positives and negatives cancel', () => {
    expect(buildProfile([])).toBeNull();
    expect(buildProfile([ev(unit(1, 0), 1, 1), ev(unit(1, 0), 1, -1)], { halfLifeItems: 1e9 })).toBeNull();
  });

  it('is L2-normalised', () => {
    const p = buildProfile([ev(unit(3, 4), 1), ev(unit(1, 1), 2)]);
    expect(p).not.toBeNull();
    expect(Math.hypot(...(p as Float32Array))).toBeCloseTo(1, 6);
  });

  it('weights the newest event most, whatever the input order', () => {
    const a = unit(1, 0);
    const b = unit(0, 1);
    const p = buildProfile([ev(b, 200), ev(a, 100)], { halfLifeItems: 1 }) as Float32Array;
    expect(p[1]).toBeGreaterThan(p[0] as number);
    // Half-life of one event: the older one counts exactly half.
    expect((p[0] as number) / (p[1] as number)).toBeCloseTo(0.5, 5);
  });

  it('keeps input order for equal timestamps', () => {
    const a = unit(1, 0);
    const b = unit(0, 1);
    const p = buildProfile([ev(a, 5), ev(b, 5)], { halfLifeItems: 1 }) as Float32Array;
    expect(p[1]).toBeGreaterThan(p[0] as number);
  });

  it('negative events push the profile away', () => {
    const a = unit(1, 0);
    const b = unit(0, 1);
    const p = buildProfile([ev(a, 1, 1), ev(b, 2, -0.5)], { halfLifeItems: 1e9 }) as Float32Array;
    expect(p[1]).toBeLessThan(0);
  });

  it('applies a wall-clock half-life on top of the item half-life', () => {
    const a = unit(1, 0);
    const b = unit(0, 1);
    const day = 86_400_000;
    const p = buildProfile([ev(a, 0), ev(b, 10 * day)], { halfLifeItems: 1e9, halfLifeMs: day, now: 10 * day }) as Float32Array;
    expect((p[0] as number) / (p[1] as number)).toBeCloseTo(0.5 ** 10, 6);
  });

  it('ignores events beyond maxEvents', () => {
    const a = unit(1, 0);
    const b = unit(0, 1);
    const p = buildProfile([ev(a, 1), ev(b, 2)], { maxEvents: 1 }) as Float32Array;
    expect(p[0]).toBe(0);
  });

  it('rejects mixed dimensions', () => {
    expect(() => buildProfile([ev(unit(1, 0), 1), ev(unit(1, 0, 0), 2)])).toThrow(/dim/);
  });

  it('recency weights halve every half-life', () => {
    expect(Array.from(recencyWeights(3, 1))).toEqual([0.25, 0.5, 1]);
  });
});

describe('scoring', () => {
  const vectors = Float32Array.from([1, 0, 0, 1, 0.6, 0.8]);
  const popularity = Float32Array.from([0, 0, 10]);

  it('scores by dot product plus weighted popularity', () => {
    const s = scoreAll(unit(1, 0), { vectors, dim: 2, popularity }, 0.1);
    expect(Array.from(s).map((x) => +x.toFixed(5))).toEqual([1, 0, 1.6]);
  });

  it('cold start ranks by popularity alone', () => {
    const r = rank(null, { vectors, dim: 2, popularity }, { k: 1, popWeight: 1 });
    expect(r.map((x) => x.index)).toEqual([2]);
  });

  it('excludes history and returns best first', () => {
    const r = rank(unit(1, 0), { vectors, dim: 2 }, { k: 3, popWeight: 0, exclude: new Set([0]) });
    expect(r.map((x) => x.index)).toEqual([2, 1]);
  });

  it('topK equals a full sort (ties by lower index)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 20 }),
        fc.uniqueArray(fc.nat(59), { maxLength: 10 }),
        (xs, k, ex) => {
          const scores = Float32Array.from(xs);
          const exclude = new Set(ex);
          const expected = xs
            .map((score, index) => ({ index, score }))
            .filter((x) => !exclude.has(x.index))
            .sort((a, b) => b.score - a.score || a.index - b.index)
            .slice(0, k);
          expect(topK(scores, k, exclude)).toEqual(expected);
        },
      ),
    );
  });

  it('ranks 100k × 64 candidates and returns the top 10 in order', () => {
    const n = 100_000;
    const dim = 64;
    const v = new Float32Array(n * dim);
    for (let i = 0; i < v.length; i++) v[i] = ((i * 7919) % 1000) / 1000 - 0.5;
    const p = unit(...Array.from({ length: dim }, (_, i) => Math.cos(i)));
    rank(p, { vectors: v, dim }, { k: 10, popWeight: 0 });
    // How fast is bench/model.bench.ts's job; this checks the result at that size.
    const r = rank(p, { vectors: v, dim }, { k: 10, popWeight: 0 });
    expect(r).toHaveLength(10);
    for (let i = 1; i < r.length; i++) expect(r[i - 1]!.score).toBeGreaterThanOrEqual(r[i]!.score);
  });
});
