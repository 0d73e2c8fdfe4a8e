/**
 * The core scorer the shipped model was tuned with (scripts/eval.ts's "core" baseline, the
 * benches, and the reference the engine's path is tested against). Not shipped: the engine
 * ranks with src/rank (recommend.ts), which shares `topK`.
 *
 * Candidate scoring: score = profile · item + popWeight × popularity, top-K, history
 * excluded. Candidates live in one row-major Float32Array (n × dim) so 100k × 64 is a
 * single tight loop; top-K uses a bounded min-heap (O(n log K)), not a full sort.
 */

import { topK, type Scored } from '../../src/rank/top-k';

export interface CandidateMatrix {
  /** Row-major n × dim embeddings (L2-normalised model outputs). */
  vectors: Float32Array;
  dim: number;
  /** Popularity logits from the model, one per row (optional). */
  popularity?: Float32Array;
}

export interface ScoreOptions {
  k: number;
  /**
   * Weight of the popularity logit. The model was trained on scale·cos + popularity, so
   * 1/scale (models/model.json → training.scoreScale) reproduces its training objective.
   */
  popWeight: number;
  /** Row indices never returned (the user's own history). */
  exclude?: ReadonlySet<number>;
}

export { topK, type Scored };

export function rows(m: CandidateMatrix): number {
  return Math.floor(m.vectors.length / m.dim);
}

/**
 * Raw scores for every candidate. A null profile (cold start) scores by the popularity
 * prior alone.
 */
export function scoreAll(profile: Float32Array | null, m: CandidateMatrix, popWeight: number, out?: Float32Array): Float32Array {
  const n = rows(m);
  const s = out ?? new Float32Array(n);
  const { vectors: v, dim } = m;
  const pop = m.popularity;
  for (let i = 0; i < n; i++) {
    let acc = 0;
    if (profile) {
      const base = i * dim;
      for (let d = 0; d < dim; d++) acc += (profile[d] as number) * (v[base + d] as number);
    }
    if (pop) acc += popWeight * (pop[i] as number);
    s[i] = acc;
  }
  return s;
}

/** Score every candidate and return the top K, history excluded. */
export function rank(profile: Float32Array | null, m: CandidateMatrix, opts: ScoreOptions): Scored[] {
  return topK(scoreAll(profile, m, opts.popWeight), opts.k, opts.exclude);
}
