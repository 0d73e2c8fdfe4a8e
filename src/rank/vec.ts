/** Small vector helpers over Float32Array (the model's L2-normalised embeddings). */

export function dot(a: Float32Array, b: Float32Array, bOffset = 0, dim = a.length): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += (a[d] as number) * (b[bOffset + d] as number);
  return s;
}

export function norm(a: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d] as number) ** 2;
  return Math.sqrt(s);
}

/** L2-normalised copy, or null when the vector is (numerically) zero. */
export function normalized(a: Float32Array): Float32Array | null {
  const n = norm(a);
  if (!(n > 1e-9)) return null;
  const out = new Float32Array(a.length);
  for (let d = 0; d < a.length; d++) out[d] = (a[d] as number) / n;
  return out;
}

/** acc += w · v (v may be a row of a matrix at `offset`). */
export function addScaled(acc: Float32Array, v: Float32Array, w: number, offset = 0): void {
  for (let d = 0; d < acc.length; d++) acc[d] = (acc[d] as number) + w * (v[offset + d] as number);
}

/** Row i of a row-major n × dim matrix (a view, no copy). */
export function row(m: Float32Array, dim: number, i: number): Float32Array {
  return m.subarray(i * dim, (i + 1) * dim);
}
