/** Top-K over a score array with a bounded min-heap (O(n log K)), not a full sort. */

export interface Scored {
  index: number;
  score: number;
}

/** Indices of the K largest scores, best first; ties broken by lower index. */
export function topK(scores: Float32Array, k: number, exclude?: ReadonlySet<number>): Scored[] {
  const heapIdx = new Int32Array(Math.max(0, k));
  const heapVal = new Float32Array(Math.max(0, k));
  let size = 0;
  // Min-heap on (score asc, index desc): the root is the weakest kept candidate.
  const worse = (a: number, b: number): boolean =>
    (heapVal[a] as number) < (heapVal[b] as number) ||
    ((heapVal[a] as number) === (heapVal[b] as number) && (heapIdx[a] as number) > (heapIdx[b] as number));
  const swap = (a: number, b: number): void => {
    const ti = heapIdx[a] as number;
    heapIdx[a] = heapIdx[b] as number;
    heapIdx[b] = ti;
    const tv = heapVal[a] as number;
    heapVal[a] = heapVal[b] as number;
    heapVal[b] = tv;
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && worse(l, m)) m = l;
      if (r < size && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let i = 0; i < scores.length && k > 0; i++) {
    if (exclude?.has(i)) continue;
    const s = scores[i] as number;
    if (Number.isNaN(s)) continue;
    if (size < k) {
      heapIdx[size] = i;
      heapVal[size] = s;
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
    } else if (s > (heapVal[0] as number)) {
      heapIdx[0] = i;
      heapVal[0] = s;
      down(0);
    }
  }
  const out: Scored[] = [];
  for (let i = 0; i < size; i++) out.push({ index: heapIdx[i] as number, score: heapVal[i] as number });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
