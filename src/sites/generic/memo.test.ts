import { describe, expect, it } from 'vitest';
import { memoize } from './memo';

describe('memoize', () => {
  it('returns the remembered value without calling fn again', () => {
    const calls: string[] = [];
    const upper = memoize((s) => {
      calls.push(s);
      return s.toUpperCase();
    }, 10);
    expect(upper('a')).toBe('A');
    expect(upper('a')).toBe('A');
    expect(upper('b')).toBe('B');
    expect(calls).toEqual(['a', 'b']);
  });

  it('remembers false and empty results too', () => {
    let calls = 0;
    const none = memoize(() => {
      calls++;
      return false;
    }, 10);
    const empty = memoize(() => {
      calls++;
      return '';
    }, 10);
    none('x');
    none('x');
    empty('x');
    empty('x');
    expect(calls).toBe(2);
  });

  it('holds at most cap keys, starting over when full', () => {
    const calls: string[] = [];
    const len = memoize((s) => {
      calls.push(s);
      return s.length;
    }, 2);
    len('a');
    len('bb');
    len('a');
    len('bb'); // both held: no calls
    len('ccc'); // full: forgets a and bb
    len('ccc');
    len('a');
    expect(calls).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
