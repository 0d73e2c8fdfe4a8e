import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogMeanOf, meanVector } from './catalog-mean';
import type { ModelManifest } from './embedder';

const manifest = (catalogMean?: unknown) => ({ modelVersion: 'm', dim: 3, catalogMean: catalogMean as number[] | undefined });

describe('catalog mean', () => {
  it('is read from the manifest as a vector of the model dimension', () => {
    expect(catalogMeanOf(manifest([0.5, -0.25, 0]))).toEqual(Float32Array.from([0.5, -0.25, 0]));
  });

  it('is absent when the model has none: no hub term, as before', () => {
    expect(catalogMeanOf(manifest())).toBeNull();
  });

  it('refuses a malformed one with a reason', () => {
    for (const bad of [[1, 2], [1, 2, 3, 4], [1, Number.NaN, 0], [1, '2', 0], 'x', null]) {
      expect(() => catalogMeanOf(manifest(bad))).toThrow(/catalogMean must be 3 finite numbers/);
    }
  });

  it('is the mean of the rows', () => {
    expect([...meanVector(Float32Array.from([1, 0, 3, 2, 4, 1]), 3)]).toEqual([1.5, 2, 2]);
    expect([...meanVector(new Float32Array(0), 2)]).toEqual([0, 0]);
  });

  it('ships with the model: a mean of unit vectors, so shorter than one and not zero', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../models/model.json', import.meta.url), 'utf8')) as ModelManifest;
    const m = catalogMeanOf(shipped);
    expect(m?.length).toBe(shipped.dim);
    const norm = Math.hypot(...(m as Float32Array));
    expect(norm).toBeGreaterThan(0.01);
    expect(norm).toBeLessThan(1);
  });
});
