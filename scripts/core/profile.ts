/**
 * The core profile rule the shipped model was trained with (training/train.py). Not shipped:
 * the engine builds its profile with src/rank/user-profile.ts, tested equal to this for a
 * plain watch history; scripts/eval.ts and the benches use it as the reference.
 *
 * A user's taste profile: one vector in the model's embedding space, built from history
 * events. The model was trained with exactly this rule (training/train.py pools the
 * previous items with a half-life in items and L2-normalises), so the profile and the
 * item embeddings are comparable by dot product.
 *
 * Rules:
 *  - recency: events are ordered by time; the newest has age 0, the one before age 1,
 *    ...; weight × 0.5^(age / halfLifeItems). Leave-last-out on MovieLens rewards a short
 *    half-life: what was watched just now predicts what comes next. An optional wall-clock half-life
 *    multiplies in 0.5^((now − at) / halfLifeMs), for long gaps between sessions.
 *  - strength: each event carries a signed weight (completion, thumbs, skips); negative
 *    events push the profile away from those titles.
 *  - events older than `maxEvents` (by order) are ignored: their weight is negligible.
 *  - the result is L2-normalised; an empty or fully cancelled history gives `null`
 *    (callers then rank by the popularity prior alone).
 */

export interface HistoryEvent {
  /** The title's embedding (L2-normalised model output). */
  embedding: Float32Array;
  /** Epoch ms; orders events. Equal times keep input order. */
  at: number;
  /** Signed strength: >0 liked/watched, <0 skipped/disliked. */
  weight: number;
}

export interface ProfileOptions {
  /** Half-life in events (the shipped model was trained around this value). */
  halfLifeItems: number;
  /** Optional half-life in wall-clock ms, measured from `now`. */
  halfLifeMs?: number;
  now?: number;
  maxEvents: number;
}

/** halfLifeItems matches models/model.json → ranking (tuned on the dev split). */
export const DEFAULT_PROFILE: ProfileOptions = { halfLifeItems: 3, maxEvents: 200 };

/** Recency weights for `n` events ordered oldest → newest. */
export function recencyWeights(n: number, halfLifeItems: number): Float32Array {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 ** ((n - 1 - i) / halfLifeItems);
  return w;
}

export function buildProfile(events: readonly HistoryEvent[], opts: Partial<ProfileOptions> = {}): Float32Array | null {
  const o = { ...DEFAULT_PROFILE, ...opts };
  if (events.length === 0) return null;
  const dim = events[0]?.embedding.length ?? 0;
  // Stable sort by time: equal timestamps keep the caller's order.
  const ordered = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .slice(-o.maxEvents)
    .map((x) => x.e);
  const rec = recencyWeights(ordered.length, o.halfLifeItems);
  const now = o.now ?? ordered[ordered.length - 1]?.at ?? 0;
  const p = new Float32Array(dim);
  ordered.forEach((e, i) => {
    if (e.embedding.length !== dim) throw new Error(`embedding dim ${e.embedding.length} ≠ ${dim}`);
    let w = (rec[i] ?? 0) * e.weight;
    if (o.halfLifeMs !== undefined) w *= 0.5 ** (Math.max(0, now - e.at) / o.halfLifeMs);
    if (w === 0) return;
    for (let d = 0; d < dim; d++) p[d] = (p[d] ?? 0) + w * (e.embedding[d] ?? 0);
  });
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += (p[d] ?? 0) ** 2;
  norm = Math.sqrt(norm);
  if (!(norm > 1e-9)) return null;
  for (let d = 0; d < dim; d++) p[d] = (p[d] ?? 0) / norm;
  return p;
}
