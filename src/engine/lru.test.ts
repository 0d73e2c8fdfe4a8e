import { describe, expect, it } from 'vitest';
import { Lru } from './lru';

describe('Lru', () => {
  it('drops the entry touched longest ago; get() touches, peek() does not', () => {
    const c = new Lru<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // a is now the newest
    c.set('c', 3);
    expect(c.peek('b')).toBeUndefined();
    expect(c.peek('a')).toBe(1);
    expect(c.peek('c')).toBe(3);
    c.peek('a'); // not a touch: a is still the oldest
    c.set('d', 4);
    expect(c.peek('a')).toBeUndefined();
    expect(c.size).toBe(2);
    c.set('c', 30); // re-set replaces without growing
    expect(c.size).toBe(2);
    expect(c.peek('c')).toBe(30);
    c.clear();
    expect(c.size).toBe(0);
  });
});
