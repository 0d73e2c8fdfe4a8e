/**
 * The mean embedding of the training catalog (models/model.json → `catalogMean`, written by
 * training/catalog-mean.ts): the direction every title shares a little of. The taste horizon
 * subtracts a share of each title's projection on it (src/rank/horizons.ts, `hubWeight`), so a
 * title that is close to everything (a "hub" of the embedding space) stops being close to every
 * profile. A manifest without one ranks as before; a malformed one is an error, not a guess.
 */
import type { ModelManifest } from './embedder';

export function catalogMeanOf(manifest: Pick<ModelManifest, 'dim' | 'catalogMean' | 'modelVersion'>): Float32Array | null {
  const raw = manifest.catalogMean;
  if (raw === undefined) return null;
  if (!Array.isArray(raw) || raw.length !== manifest.dim || !raw.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new Error(`model ${manifest.modelVersion}: catalogMean must be ${manifest.dim} finite numbers`);
  }
  return Float32Array.from(raw);
}

/** The mean of `n` row-major vectors of `dim` (what training/catalog-mean.ts stores). */
export function meanVector(vectors: Float32Array, dim: number): Float32Array {
  const n = Math.floor(vectors.length / dim);
  const out = new Float32Array(dim);
  if (!n) return out;
  const acc = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) acc[d] = (acc[d] as number) + (vectors[i * dim + d] as number);
  for (let d = 0; d < dim; d++) out[d] = (acc[d] as number) / n;
  return out;
}
