/**
 * Interest clusters: weighted spherical k-means over the positive history embeddings,
 * k chosen by the data.
 *
 *  - For k = 2..min(5, ⌊n/2⌋): deterministic farthest-first seeding from the heaviest
 *    point, then up to 20 rounds of weighted spherical k-means (centroid = normalised
 *    weighted sum; assignment by cosine).
 *  - Each k is scored by the weighted mean silhouette (cosine distance). A k is eligible
 *    only when every cluster holds ≥ 2 points and ≥ 8 % of the weight.
 *  - A k is also eligible only when its interests are clearly different: every pair of
 *    centroids has cosine ≤ 0.6 (two halves of one genre are one interest).
 *  - The best eligible k wins if its silhouette ≥ 0.12; otherwise k = 1 (one interest).
 */
import { addScaled, dot, normalized } from './vec';

export interface ClusterPoint {
  vector: Float32Array;
  weight: number;
}

export interface Clustering {
  k: number;
  /** Cluster index per point. */
  assign: Int32Array;
  /** Unit centroids. */
  centroids: Float32Array[];
  silhouette: number;
}

export const CLUSTER_RULES = { maxK: 5, minPoints: 2, minShare: 0.08, minSilhouette: 0.12, maxCentroidCos: 0.6, iterations: 20 } as const;

function kmeans(points: readonly ClusterPoint[], k: number): { assign: Int32Array; centroids: Float32Array[] } {
  const n = points.length;
  const dim = points[0]?.vector.length ?? 0;
  // Farthest-first seeding from the heaviest point (deterministic).
  let first = 0;
  points.forEach((p, i) => {
    if (p.weight > (points[first] as ClusterPoint).weight) first = i;
  });
  const seeds = [first];
  const nearest = new Float32Array(n).fill(-Infinity);
  while (seeds.length < k) {
    const last = points[seeds[seeds.length - 1] as number] as ClusterPoint;
    let far = -1;
    let farSim = Infinity;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.max(nearest[i] as number, dot(last.vector, (points[i] as ClusterPoint).vector));
      if (!seeds.includes(i) && (nearest[i] as number) < farSim) {
        farSim = nearest[i] as number;
        far = i;
      }
    }
    if (far < 0) break;
    seeds.push(far);
  }
  let centroids: Float32Array[] = seeds.map((i) => Float32Array.from((points[i] as ClusterPoint).vector));
  const assign = new Int32Array(n).fill(-1);
  for (let it = 0; it < CLUSTER_RULES.iterations; it++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let bc = 0;
      let bs = -Infinity;
      centroids.forEach((c, ci) => {
        const s = dot(c, (points[i] as ClusterPoint).vector);
        if (s > bs) {
          bs = s;
          bc = ci;
        }
      });
      if (assign[i] !== bc) {
        assign[i] = bc;
        changed = true;
      }
    }
    const sums = centroids.map(() => new Float32Array(dim));
    points.forEach((p, i) => {
      addScaled(sums[assign[i] as number] as Float32Array, p.vector, p.weight);
    });
    centroids = sums.map((s, ci) => normalized(s) ?? (centroids[ci] as Float32Array));
    if (!changed && it > 0) break;
  }
  return { assign, centroids };
}

/** Weighted mean silhouette with cosine distance (1 − cos). */
function silhouette(points: readonly ClusterPoint[], assign: Int32Array, k: number): number {
  const n = points.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dist = new Float64Array(k);
    const wsum = new Float64Array(k);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const c = assign[j] as number;
      const w = (points[j] as ClusterPoint).weight;
      dist[c] = (dist[c] as number) + w * (1 - dot((points[i] as ClusterPoint).vector, (points[j] as ClusterPoint).vector));
      wsum[c] = (wsum[c] as number) + w;
    }
    const own = assign[i] as number;
    if (!((wsum[own] as number) > 0)) continue; // singleton: silhouette 0
    const a = (dist[own] as number) / (wsum[own] as number);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && (wsum[c] as number) > 0) b = Math.min(b, (dist[c] as number) / (wsum[c] as number));
    const s = b === Infinity ? 0 : (b - a) / Math.max(a, b, 1e-9);
    const w = (points[i] as ClusterPoint).weight;
    num += w * s;
    den += w;
  }
  return den > 0 ? num / den : 0;
}

export function clusterInterests(points: readonly ClusterPoint[]): Clustering {
  const n = points.length;
  const one = (): Clustering => {
    const dim = points[0]?.vector.length ?? 0;
    const sum = new Float32Array(dim);
    for (const p of points) addScaled(sum, p.vector, p.weight);
    return { k: n ? 1 : 0, assign: new Int32Array(n), centroids: n ? [normalized(sum) ?? sum] : [], silhouette: 0 };
  };
  if (n < 2 * CLUSTER_RULES.minPoints) return one();
  const total = points.reduce((s, p) => s + p.weight, 0);
  let bestK: Clustering | null = null;
  for (let k = 2; k <= Math.min(CLUSTER_RULES.maxK, Math.floor(n / CLUSTER_RULES.minPoints)); k++) {
    const { assign, centroids } = kmeans(points, k);
    const count = new Array<number>(k).fill(0);
    const mass = new Array<number>(k).fill(0);
    points.forEach((p, i) => {
      count[assign[i] as number]! += 1;
      mass[assign[i] as number]! += p.weight;
    });
    if (count.some((c) => c < CLUSTER_RULES.minPoints) || mass.some((m) => m < CLUSTER_RULES.minShare * total)) continue;
    let apart = true;
    for (let a = 0; a < k && apart; a++)
      for (let b = a + 1; b < k; b++)
        if (dot(centroids[a] as Float32Array, centroids[b] as Float32Array) > CLUSTER_RULES.maxCentroidCos) apart = false;
    if (!apart) continue;
    const sil = silhouette(points, assign, k);
    if (!bestK || sil > bestK.silhouette) bestK = { k, assign, centroids, silhouette: sil };
  }
  if (!bestK || bestK.silhouette < CLUSTER_RULES.minSilhouette) return one();
  return bestK;
}
