import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TitleInput } from '../messages/protocol';
import type { TileInfo } from '../sites/types';
import { toTitleInput } from './title-input';

const base: TileInfo = {
  siteItemId: 'm1',
  title: 'Alien',
  year: 1979,
  kind: 'movie',
  genres: ['Horror', 'Sci-Fi'],
  description: 'In space.',
  imageUrl: 'https://img.example/a.jpg',
  url: 'https://example.com/title/m1',
};

describe('toTitleInput', () => {
  it('passes a good title through', () => {
    expect(toTitleInput(base)).toEqual(base);
  });
  it('clamps over-long text instead of losing the title', () => {
    const t = toTitleInput({
      ...base,
      title: 'x'.repeat(900),
      description: 'y'.repeat(5000),
      genres: Array(40)
        .fill(0)
        .map((_, i) => `g${i}`),
    });
    expect(t?.title.length).toBe(500);
    expect(t?.description?.length).toBe(2000);
    expect(t?.genres.length).toBe(16);
  });
  it('drops impossible years and non-http URLs', () => {
    const t = toTitleInput({ ...base, year: 0, url: 'javascript:alert(1)', imageUrl: 'data:image/png;base64,AAAA' });
    expect(t).toMatchObject({ year: null, url: null, imageUrl: null });
  });
  it('rejects a tile without a title or an id', () => {
    expect(toTitleInput({ ...base, title: '   ' })).toBeNull();
    expect(toTitleInput({ ...base, siteItemId: '' })).toBeNull();
  });

  it('collapses whitespace exactly as the full rewrite does, whether or not the text needs it', () => {
    const chars = fc.constantFrom('a', 'B', ' ', ' ', '\t', '\n', '\u00a0', '\u2003', '\u3000', 'é', '-');
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 16 }), (cs) => {
        const raw = cs.join('');
        const want = raw.replace(/\s+/g, ' ').trim();
        const t = toTitleInput({ ...base, title: raw, description: raw, genres: [raw] });
        if (!want) expect(t).toBeNull();
        else {
          expect(t?.title).toBe(want);
          expect(t?.description).toBe(want);
          expect(t?.genres).toEqual([want]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('whatever a page holds, the result is null or passes the background schema', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ minLength: 490, maxLength: 3_000 }),
      fc.constantFrom('', '   ', '\u202e\u0000', '<img src=x onerror=alert(1)>'),
    );
    const url = fc.oneof(
      fc.constant(null),
      fc.webUrl(),
      fc.constantFrom('javascript:alert(1)', 'data:text/html,x', 'https://x/' + 'a'.repeat(3_000)),
    );
    const tile = fc.record({
      siteItemId: fc.oneof(fc.string({ maxLength: 300 }), fc.constant('')),
      title: text,
      year: fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 3_000 }), fc.double()),
      kind: fc.oneof(fc.constantFrom('movie', 'series', 'episode', 'video', 'unknown'), fc.string({ maxLength: 8 })),
      genres: fc.array(fc.oneof(text, fc.constant('x'.repeat(100))), { maxLength: 30 }),
      description: fc.oneof(fc.constant(null), text),
      imageUrl: url,
      url,
    });
    fc.assert(
      fc.property(tile, (t) => {
        const out = toTitleInput(t as unknown as TileInfo);
        if (out !== null) expect(TitleInput.safeParse(out).success, JSON.stringify(out).slice(0, 300)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
