import { describe, expect, it } from 'vitest';
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
    const t = toTitleInput({ ...base, title: 'x'.repeat(900), description: 'y'.repeat(5000), genres: Array(40).fill(0).map((_, i) => `g${i}`) });
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
});
