import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, encodeBatch, fnv1a32, tokenize, tokenStrings } from './tokenizer';

interface Vectors {
  spec: string;
  vectors: { text: string; ids: number[] }[];
}
const root = new URL('../../', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('test/fixtures/tokenizer-vectors.json', root), 'utf8')) as Vectors;
const shipped = JSON.parse(readFileSync(new URL('models/tokenizer.json', root), 'utf8')) as Record<string, unknown>;

describe('tokenizer (TypeScript = Python)', () => {
  it('uses the shipped spec', () => {
    for (const k of ['version', 'buckets', 'maxTokens', 'maxInputCodePoints', 'maxTitleWords', 'maxAboutWords', 'hash'] as const) {
      expect(shipped[k]).toEqual(DEFAULT_SPEC[k]);
    }
    expect(fixture.spec).toBe(DEFAULT_SPEC.version);
  });

  it(`matches all ${fixture.vectors.length} Python vectors`, () => {
    expect(fixture.vectors.length).toBeGreaterThan(2000);
    const mismatches = fixture.vectors.filter((v) => JSON.stringify(tokenize(v.text)) !== JSON.stringify(v.ids));
    expect(mismatches.slice(0, 3).map((v) => ({ text: v.text, got: tokenStrings(v.text) }))).toEqual([]);
  });

  it('FNV-1a matches the published test values', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the same bytes as TextEncoder, lone surrogates included', () => {
    const reference = (t: string): number => {
      let h = 0x811c9dc5;
      for (const b of new TextEncoder().encode(t)) h = Math.imul(h ^ b, 16777619) >>> 0;
      return h;
    };
    for (const t of ['ascii', 'é', '千と千尋', '👩‍👩‍👧', '\ud800x', 'x\udc00', '\udbff\udfff']) expect(fnv1a32(t)).toBe(reference(t));
  });

  it('folds case and accents and caps the token count', () => {
    expect(tokenize('AMÉLIE')).toEqual(tokenize('amelie'));
    expect(tokenize('word '.repeat(1000)).length).toBeLessThanOrEqual(DEFAULT_SPEC.maxTokens);
  });

  it('pads a batch to its longest row with a zero mask', () => {
    const b = encodeBatch(['Heat\nyear: 1995', '']);
    expect(b.batch).toBe(2);
    expect(b.width).toBe(tokenize('Heat\nyear: 1995').length);
    expect(Array.from(b.mask.subarray(b.width))).toEqual(new Array(b.width).fill(0));
    expect(Array.from(b.ids.subarray(b.width))).toEqual(new Array(b.width).fill(0));
  });
});
