import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absoluteHttpUrl } from './url';
import { CAPS } from './text';

/** The parser's answer, as absoluteHttpUrl gave it before its fast path. */
function byParser(raw: string, base: string): string | null {
  const t = raw.trim();
  if (!t || t.length > CAPS.url) return null;
  try {
    const u = new URL(t, base);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.href.length <= CAPS.url ? u.href : null;
  } catch {
    return null;
  }
}

// Pieces chosen to hit what the parser rewrites: case, default ports, IPv4 forms, dot segments,
// escapes, quotes, credentials, punycode, backslashes, spaces, fragments.
const piece = fc.constantFrom(
  'a',
  'Z',
  '0',
  '9',
  '-',
  '.',
  '..',
  '/',
  '//',
  '?',
  '#',
  '%',
  '%2e',
  '%2E',
  '%41',
  "'",
  '"',
  ' ',
  '\\',
  '@',
  ':',
  ':80',
  ':443',
  ':8080',
  ':0',
  ':65536',
  'xn--',
  'ä',
  '~',
  '_',
  '!',
  '$',
  '&',
  '(',
  '*',
  '+',
  ',',
  ';',
  '=',
  '[',
  ']',
  '{',
  '`',
  '\t',
);
const tail = fc.array(piece, { maxLength: 12 }).map((xs) => xs.join(''));
const host = fc.constantFrom(
  'example.com',
  'EXAMPLE.com',
  '127.0.0.1',
  '127.1',
  '0x7f.0.0.1',
  '010.0.0.1',
  'a.b-c.d',
  '9gag.com',
  'x.123',
  'xn--nxasmq6b.com',
  'a..b',
  'a.',
);
const raw = fc.oneof(
  fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'http:/', 'ftp://', 'http://user:pw@'), host, tail).map(([s, h, t]) => s + h + t),
  tail.map((t) => `/${t}`),
  tail,
);
const base = fc.constantFrom(
  'https://example.com/a/b',
  'http://127.0.0.1:5178/',
  'http://user:pw@example.com/x',
  'https://EXAMPLE.com/',
  'http://example.com:80/',
  'file:///tmp/x',
);

describe('absoluteHttpUrl fast path', () => {
  it('returns exactly what the URL parser returns', () => {
    fc.assert(
      fc.property(raw, base, (r, b) => {
        expect(absoluteHttpUrl(r, b)).toBe(byParser(r, b));
      }),
      { numRuns: 20_000 },
    );
  });

  it('the common tile shapes', () => {
    expect(absoluteHttpUrl('/title/the-matrix-1999', 'http://127.0.0.1:5178/stress?n=5')).toBe('http://127.0.0.1:5178/title/the-matrix-1999');
    expect(absoluteHttpUrl('https://img.example.com/p/1.jpg?w=200', null)).toBe('https://img.example.com/p/1.jpg?w=200');
    expect(absoluteHttpUrl('/a/../b', 'https://example.com/')).toBe('https://example.com/b');
    expect(absoluteHttpUrl("/p?q=it's", 'https://example.com/')).toBe('https://example.com/p?q=it%27s');
  });
});
