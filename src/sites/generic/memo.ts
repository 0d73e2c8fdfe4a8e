/**
 * `fn` remembered per key, for verdicts on class and attribute strings: thousands of cards
 * repeat a handful of them, and `findTiles` asks again on every DOM batch. Once `cap` keys
 * are held the memo starts over rather than evicting one by one: a page whose strings never
 * repeat (per-item classes) costs no more than without it, and a hit stays one Map lookup.
 * `fn` must be pure. Its results may not be undefined, which is how a miss reads.
 */
export function memoize<T extends string | number | boolean | object | null>(fn: (key: string) => T, cap: number): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = fn(key);
      if (seen.size >= cap) seen.clear();
      seen.set(key, value);
    }
    return value;
  };
}
