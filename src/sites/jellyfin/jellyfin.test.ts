// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '../../../test/support/load-fixture';
import { jellyfinAdapter as jf, hashRoute, SELECTORS } from '.';

const load = (name: string, url: string) => loadFixture(import.meta.url, name, url);
const HOME = 'https://media.home.example/web/#/home';

describe('jellyfin adapter', () => {
  it('matches the web client by path and hash route, on any host', () => {
    expect(jf.matches(new URL('https://media.home.example/web/#/home'))).toBe(true);
    expect(jf.matches(new URL('http://192.168.1.20:8096/web/index.html#!/details?id=abc'))).toBe(true);
    expect(jf.matches(new URL('https://example.com/web/'))).toBe(false);
    expect(jf.matches(new URL('https://example.com/blog/#/home'))).toBe(false);
    expect(hashRoute(new URL('https://h.example/web/#/search.html?query=x'))).toBe('/search');
  });

  it('detect(doc) recognises the page from its markup', () => {
    expect(jf.detect(load('home.html', HOME))).toBe(true);
    expect(jf.detect(parseHtml('<html><body><div class="card" data-id="1"></div></body></html>', 'https://x.example/'))).toBe(false);
  });

  it('home: title cards only (no library folders), kinds from data-type, rows from section titles', () => {
    const doc = load('home.html', HOME);
    const tiles = jf.findTiles(doc);
    const infos = tiles.map((t) => jf.readTile(t));
    expect(infos.map((i) => i && [i.title, i.kind, i.year])).toEqual([
      ['Severance', 'episode', null],
      ['Arrival', 'movie', 2016],
      ['The Thing', 'movie', 1982],
      ['Dark', 'series', 2017],
    ]);
    expect(infos[0]).toMatchObject({
      siteItemId: '2b1c7c4c0fbd7a6e1f3f7d7c7a2e5b11',
      description: 'S1:E1 - Good News About Hell',
      url: 'https://media.home.example/web/#/details?id=2b1c7c4c0fbd7a6e1f3f7d7c7a2e5b11',
    });
    expect(infos[1]?.imageUrl).toBe(
      'https://media.home.example/Items/9d1b0b7f4c5a4e1f8a2b3c4d5e6f7a8b/Images/Primary?fillHeight=446&fillWidth=297&quality=96',
    );
    expect(infos[2]?.imageUrl).toMatch(/^https:\/\/media\.home\.example\/Items\/0c2d/);
    expect(infos[3]?.imageUrl).toBeNull(); // javascript: background dropped
    expect(jf.readRow(tiles[0]!)).toBe('Continue Watching');
    expect(jf.readRow(tiles[1]!)).toBe('Latest Movies');
  });

  it('reads a reused card fresh from data-id', () => {
    const doc = load('home.html', HOME);
    const card = jf.findTiles(doc)[1]!;
    card.setAttribute('data-id', 'aaaabbbbccccddddeeeeffff00001111');
    card.querySelector('.cardText-first')!.textContent = 'Sicario';
    expect(jf.readTile(card)).toMatchObject({ siteItemId: 'aaaabbbbccccddddeeeeffff00001111', title: 'Sicario' });
  });

  it('video route: player, title from the OSD, id from the stream URL', () => {
    const url = new URL('https://media.home.example/web/#/video');
    const doc = load('video.html', url.href);
    expect(jf.findPlayer(doc)?.className).toContain('htmlvideoplayer');
    expect(jf.readPlaying(doc, url)).toMatchObject({ siteItemId: '9d1b0b7f4c5a4e1f8a2b3c4d5e6f7a8b', title: 'Arrival' });
  });

  it('details route: the shown title with year, genres and overview', () => {
    const url = new URL('https://media.home.example/web/#/details?id=0c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f&serverId=6f9e');
    const doc = load('details.html', url.href);
    expect(jf.readPlaying(doc, url)).toMatchObject({
      siteItemId: '0c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f',
      title: 'The Thing',
      year: 1982,
      genres: ['Horror', 'Mystery', 'Science Fiction'],
      description: expect.stringMatching(/^In the winter of 1982/),
    });
    expect(jf.findSearchInputs(doc)).toHaveLength(1);
  });

  it('search query from the hash route, both spellings', () => {
    expect(jf.readSearchQuery(new URL('https://h.example/web/#/search.html?query=the%20thing'))).toBe('the thing');
    expect(jf.readSearchQuery(new URL('https://h.example/web/#/search?query=heat'))).toBe('heat');
    expect(jf.readSearchQuery(new URL('https://h.example/web/#/home?query=heat'))).toBeNull();
  });

  it('selectors are valid', () => {
    for (const sel of Object.values(SELECTORS)) expect(() => document.querySelectorAll(sel)).not.toThrow();
  });
});
