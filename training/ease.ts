/**
 * EASE (Steck 2019) baseline for scripts/eval.ts: B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹,
 * scores = x·B. In-domain and fitted on the evaluation data itself: a reference point,
 * not part of the extension.
 */

/** In-place Gauss–Jordan inverse of a symmetric positive-definite n×n matrix (row-major). */
export function invertSpd(a: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const rk = a.subarray(k * n, k * n + n);
    const p = rk[k] as number;
    if (!(Math.abs(p) > 1e-300)) throw new Error('matrix is singular');
    rk[k] = 1;
    const inv = 1 / p;
    for (let j = 0; j < n; j++) rk[j] = (rk[j] as number) * inv;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const ri = a.subarray(i * n, i * n + n);
      const f = ri[k] as number;
      if (f === 0) continue;
      ri[k] = 0;
      for (let j = 0; j < n; j++) ri[j] = (ri[j] as number) - f * (rk[j] as number);
    }
  }
}

/** Fit EASE on binary user histories (item indices in [0, n)); returns B as Float32Array. */
export function fitEase(histories: readonly (readonly number[])[], n: number, lambda: number): Float32Array {
  const g = new Float64Array(n * n);
  for (const h of histories) {
    const items = [...new Set(h)];
    for (const i of items) {
      const row = i * n;
      for (const j of items) g[row + j] = (g[row + j] as number) + 1;
    }
  }
  for (let i = 0; i < n; i++) g[i * n + i] = (g[i * n + i] as number) + lambda;
  invertSpd(g, n);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      b[i * n + j] = i === j ? 0 : -(g[i * n + j] as number) / (g[j * n + j] as number);
    }
  }
  return b;
}

/** x·B for one binary history: the sum of B's rows of the history items. */
export function easeScores(b: Float32Array, n: number, history: readonly number[], out: Float32Array): Float32Array {
  out.fill(0);
  for (const i of new Set(history)) {
    const row = b.subarray(i * n, i * n + n);
    for (let j = 0; j < n; j++) out[j] = (out[j] as number) + (row[j] as number);
  }
  return out;
}
