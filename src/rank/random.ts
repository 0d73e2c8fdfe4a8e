/**
 * Seeded randomness, the same in every runtime (browser, Node, tests): the local experiment's
 * coin flips, the evaluation's splits and samples, and test fixtures all draw from here.
 */

/** mulberry32: a small, fast, well-mixed 32-bit generator; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed from text (FNV-1a with murmur3's finaliser, so texts differing in one letter
 * get unrelated seeds): e.g. experiment id + site + local day.
 */
export function seedOf(text: string, seed = 0): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
