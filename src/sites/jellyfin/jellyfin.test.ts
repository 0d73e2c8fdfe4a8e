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

  it("an episode's details page names its series (the parent line), as its cards and the player do", () => {
    const url = new URL('https://media.home.example/web/#/details?id=3c9e1f7a2b4d4e6f8a0b1c2d3e4f5a61&serverId=4b5c');
    const doc = load('details-episode.html', url.href);
    expect(jf.readPlaying(doc, url)).toMatchObject({
      siteItemId: '3c9e1f7a2b4d4e6f8a0b1c2d3e4f5a61',
      title: 'Severance',
      year: null, // the air date is the episode's, not the series' year
      kind: 'episode',
      description: '2. Half Loop',
      genres: ['Drama', 'Science Fiction'],
    });
  });

  it("a season's details page names its series too", () => {
    const url = new URL('https://media.home.example/web/#/details?id=8e7d6c5b4a39281706f5e4d3c2b1a09f&serverId=4b5c');
    const doc = load('details-season.html', url.href);
    expect(jf.readPlaying(doc, url)).toMatchObject({ siteItemId: '8e7d6c5b4a39281706f5e4d3c2b1a09f', title: 'Severance', kind: 'series' });
  });

  it('search query from the hash route, both spellings', () => {
    expect(jf.readSearchQuery(new URL('https://h.example/web/#/search.html?query=the%20thing'))).toBe('the thing');
    expect(jf.readSearchQuery(new URL('https://h.example/web/#/search?query=heat'))).toBe('heat');
    expect(jf.readSearchQuery(new URL('https://h.example/web/#/home?query=heat'))).toBeNull();
  });

  describe('10.9/10.10 web client markup', () => {
    const SERVER = '4b5c3a1e9f2d4c8aa0b1c2d3e4f5a6b7';

    it('home: episodes, films and series in sections; libraries and collections are not titles', () => {
      const doc = load('home-10.10.html', HOME);
      expect(jf.detect(doc)).toBe(true);
      const tiles = jf.findTiles(doc);
      expect(tiles.map((t) => jf.readTile(t)).map((i) => i && [i.siteItemId, i.title, i.kind, i.year, i.description])).toEqual([
        ['3c9e1f7a2b4d4e6f8a0b1c2d3e4f5a61', 'Severance', 'episode', null, 'S1:E2 - Half Loop'],
        ['9d1b0b7f4c5a4e1f8a2b3c4d5e6f7a8b', 'Arrival', 'movie', 2016, null],
        // No image: the image box's own default text is not the footer's second line.
        ['51f0c2d4e6a84b1c9d3e5f7a9b1c3d5e', 'Dark', 'episode', null, 'S3:E5 - The Trial'],
        ['7e5d3c1b9a8f4e2d8c6b4a2f0e8d6c4b', 'Spirited Away', 'movie', 2001, null],
        ['6a2d8c4e0f1b4a3c9e7d5b3a1f0e2d4c', 'Severance', 'series', 2022, null],
      ]);
      expect(tiles.map((t) => jf.readRow(t))).toEqual([
        'Continue Watching',
        'Continue Watching',
        'Next Up',
        'Recently Added in Movies',
        'Recently Added in Shows',
      ]);
      expect(tiles.map((t) => jf.readTile(t)?.imageUrl ?? null)).toEqual([
        'https://media.home.example/Items/3c9e1f7a2b4d4e6f8a0b1c2d3e4f5a61/Images/Primary?fillHeight=267&fillWidth=474&quality=96&tag=e1f',
        'https://media.home.example/Items/9d1b0b7f4c5a4e1f8a2b3c4d5e6f7a8b/Images/Thumb?fillHeight=267&fillWidth=474&quality=96&tag=a77',
        null,
        'https://media.home.example/Items/7e5d3c1b9a8f4e2d8c6b4a2f0e8d6c4b/Images/Primary?fillHeight=446&fillWidth=297&quality=96&tag=0c5',
        'https://media.home.example/Items/6a2d8c4e0f1b4a3c9e7d5b3a1f0e2d4c/Images/Primary?fillHeight=446&fillWidth=297&quality=96&tag=77c',
      ]);
      expect(jf.readTile(tiles[0]!)?.url).toBe('https://media.home.example/web/#/details?id=3c9e1f7a2b4d4e6f8a0b1c2d3e4f5a61');
      expect(jf.readTile(doc.querySelector('.card[data-type="BoxSet"]')!)).toBeNull();
    });

    it('library: a grid of cards without rows; an empty year line reads as no year', () => {
      const url = `https://media.home.example/web/#/movies?topParentId=f137a2dd21bbc1b99aa5c0f6bf02a805&collectionType=movies&serverId=${SERVER}`;
      const doc = load('library-movies.html', url);
      expect(jf.matches(new URL(url))).toBe(true);
      const tiles = jf.findTiles(doc);
      expect(tiles.map((t) => jf.readTile(t)).map((i) => i && [i.siteItemId, i.title, i.year])).toEqual([
        ['9d1b0b7f4c5a4e1f8a2b3c4d5e6f7a8b', 'Arrival', 2016],
        ['1a3c5e7f9b2d4f6a8c0e2b4d6f8a0c2e', 'Dune: Part Two', 2024],
        ['c4e6a8b0d2f44a6c8e0a2c4e6b8d0f2a', 'Tears of Steel', null],
      ]);
      expect(tiles.map((t) => jf.readRow(t))).toEqual([null, null, null]);
      expect(jf.readTile(tiles[2]!)?.imageUrl).toBeNull();
    });

    it('video OSD: empty osdTitle, header "Series - S1:E2 - Episode (year)", blob src: id from the OSD favourite button', () => {
      const url = new URL('https://media.home.example/web/#/video');
      const doc = load('video-osd.html', url.href);
      expect(jf.findPlayer(doc)?.className).toContain('htmlvideoplayer');
      expect(jf.readPlaying(doc, url)).toMatchObject({
        siteItemId: '3c9e1f7a2b4d4e6f8a0b1c2d3e4f5a61',
        title: 'Severance',
        kind: 'episode',
        year: null,
        description: 'S1:E2 - Half Loop',
        url: 'https://media.home.example/web/#/details?id=3c9e1f7a2b4d4e6f8a0b1c2d3e4f5a61',
      });
    });

    it('video OSD: a film, "Title (year)"; direct play names the item in its stream URL', () => {
      const url = new URL('https://media.home.example/web/#/video');
      const doc = load('video-osd.html', url.href);
      doc.title = 'Arrival';
      doc.querySelector('.pageTitle')!.textContent = 'Arrival (2016)';
      doc.querySelector('#videoOsdPage .btnUserRating')!.setAttribute('data-id', '9d1b0b7f4c5a4e1f8a2b3c4d5e6f7a8b');
      expect(jf.readPlaying(doc, url)).toMatchObject({
        siteItemId: '9d1b0b7f4c5a4e1f8a2b3c4d5e6f7a8b',
        title: 'Arrival',
        year: 2016,
        kind: 'unknown',
      });
      // Direct play: the stream URL names the item even before the OSD knows it.
      doc.querySelector('#videoOsdPage .btnUserRating')!.removeAttribute('data-id');
      doc
        .querySelector('video')!
        .setAttribute(
          'src',
          `https://media.home.example/Videos/1a3c5e7f9b2d4f6a8c0e2b4d6f8a0c2e/stream.mkv?Static=true&mediaSourceId=1a3c5e7f9b2d4f6a8c0e2b4d6f8a0c2e`,
        );
      doc.title = 'Dune: Part Two';
      doc.querySelector('.pageTitle')!.textContent = 'Dune: Part Two (2024)';
      expect(jf.readPlaying(doc, url)).toMatchObject({ siteItemId: '1a3c5e7f9b2d4f6a8c0e2b4d6f8a0c2e', title: 'Dune: Part Two', year: 2024 });
      // Nothing names the item: nothing is reported (the hidden details page's button is another item's).
      doc.querySelector('video')!.setAttribute('src', 'blob:https://media.home.example/00000000-0000-4000-8000-000000000000');
      expect(jf.readPlaying(doc, url)).toBeNull();
    });
  });

  it('selectors are valid', () => {
    for (const sel of Object.values(SELECTORS)) expect(() => document.querySelectorAll(sel)).not.toThrow();
  });
});
