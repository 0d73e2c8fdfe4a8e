/**
 * Text hash for embedding-cache keys: two independent 53-bit cyrb53 lanes (106 bits)
 * written as hex. Not cryptographic; collisions between the few thousand texts a user
 * meets are negligible, and a collision only costs a wrong cached vector until the
 * model version changes.
 */
function cyrb53(str: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function textHash(text: string): string {
  const a = cyrb53(text, 0x9e3779b9).toString(16).padStart(14, '0');
  const b = cyrb53(text, 0x85ebca6b).toString(16).padStart(14, '0');
  return `${a}${b}:${text.length}`;
}
