// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/support/load-fixture';
import { youtubeAdapter as yt, SELECTORS } from '.';

const load = (name: string, url: string) => loadFixture(import.meta.url, name, url);

describe('youtube adapter', () => {
  it('matches YouTube hosts only', () => {
    expect(yt.matches(new URL('https://www.youtube.com/'))).toBe(true);
    expect(yt.matches(new URL('https://m.youtube.com/watch?v=x'))).toBe(true);
    expect(yt.matches(new URL('https://notyoutube.com/'))).toBe(false);
    expect(yt.matches(new URL('https://youtube.com.evil.example/'))).toBe(false);
  });

  it('home: new lockups, old grid media and shorts; ads skipped; one tile per item', () => {
    const doc = load('home.html', 'https://www.youtube.com/');
    const tiles = yt.findTiles(doc);
    expect(tiles).toHaveLength(3);
    expect(tiles.every((t) => t.tagName === 'YTD-RICH-ITEM-RENDERER')).toBe(true);
    expect(tiles.map((t) => yt.readTile(t))).toEqual([
      expect.objectContaining({
        siteItemId: 'aqz-KE-bpKQ',
        title: 'Big Buck Bunny 60fps 4K - Official Blender Foundation Short Film',
        kind: 'video',
        url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
      }),
      expect.objectContaining({
        siteItemId: 'eRsGyueVLvQ',
        title: 'Sintel - Open Movie by Blender Foundation',
        imageUrl: 'https://i.ytimg.com/vi/eRsGyueVLvQ/hqdefault.jpg',
      }),
      expect.objectContaining({ siteItemId: 'kJQP7kiw5Fk', title: 'Cat jumps the fence' }),
    ]);
    expect(yt.readRow(tiles[0]!)).toBeNull();
    expect(yt.readRow(tiles[2]!)).toBe('Shorts');
    // The ad item is not a tile and reads as nothing even if handed over.
    const ad = doc.querySelector('ytd-ad-slot-renderer')!.closest('ytd-rich-item-renderer')!;
    expect(yt.readTile(ad)).toBeNull();
  });

  it('shorts lockups: titled by their own classes (no #video-title), found outside rich items, once', () => {
    const doc = load('home.html', 'https://www.youtube.com/');
    const item = doc.querySelector('ytm-shorts-lockup-view-model')!.closest('ytd-rich-item-renderer')!;
    const h3 = item.querySelector('h3')!;
    h3.innerHTML =
      '<a class="shortsLockupViewModelHostEndpoint" href="/shorts/kJQP7kiw5Fk"><span class="yt-core-attributed-string">Cat jumps the fence</span></a>';
    expect(yt.readTile(item)).toMatchObject({ siteItemId: 'kJQP7kiw5Fk', title: 'Cat jumps the fence' });
    // In a reel shelf (search, watch page) the lockup is the tile.
    const shelf = doc.createElement('ytd-reel-shelf-renderer');
    shelf.appendChild(item.querySelector('ytm-shorts-lockup-view-model')!.cloneNode(true));
    doc.body.appendChild(shelf);
    const found = yt.findTiles(shelf);
    expect(found.map((t) => t.tagName)).toEqual(['YTM-SHORTS-LOCKUP-VIEW-MODEL']);
    expect(yt.readTile(found[0]!)).toMatchObject({ siteItemId: 'kJQP7kiw5Fk', title: 'Cat jumps the fence' });
    // Inside its rich item it is not a second tile.
    expect(yt.findTiles(doc).filter((t) => t.contains(item) || item.contains(t))).toEqual([item]);
  });

  it('recycled tiles: the id and title are read from the current href and text', () => {
    const doc = load('home.html', 'https://www.youtube.com/');
    const tile = yt.findTiles(doc)[1]!;
    expect(yt.readTile(tile)?.siteItemId).toBe('eRsGyueVLvQ');
    for (const a of Array.from(tile.querySelectorAll('a[href]'))) a.setAttribute('href', '/watch?v=R6MlUcmOul8');
    tile.querySelector('#video-title')!.textContent = 'Tears of Steel';
    expect(yt.readTile(tile)).toMatchObject({
      siteItemId: 'R6MlUcmOul8',
      title: 'Tears of Steel',
      imageUrl: 'https://i.ytimg.com/vi/R6MlUcmOul8/hqdefault.jpg',
      url: 'https://www.youtube.com/watch?v=R6MlUcmOul8',
    });
    // A tile emptied for reuse reads as nothing rather than as its old video.
    for (const a of Array.from(tile.querySelectorAll('a[href]'))) a.removeAttribute('href');
    expect(yt.readTile(tile)).toBeNull();
  });

  it('search results: video renderers, descriptions, the query and the search box', () => {
    const url = new URL('https://www.youtube.com/results?search_query=blender+open+movie');
    const doc = load('search.html', url.href);
    const tiles = yt.findTiles(doc);
    expect(tiles.map((t) => yt.readTile(t)?.siteItemId)).toEqual(['WhWc3b3KhnY', 'R6MlUcmOul8']);
    expect(yt.readTile(tiles[0]!)).toMatchObject({
      title: 'Spring - Blender Open Movie',
      description: expect.stringMatching(/^Spring is the story of a shepherd girl/),
    });
    expect(yt.readSearchQuery(url)).toBe('blender open movie');
    expect(yt.readSearchQuery(new URL('https://www.youtube.com/watch?v=x&search_query=y'))).toBeNull();
    expect(yt.findSearchInputs(doc).map((i) => i.id)).toEqual(['search']);
  });

  it('watch page: player, playing title, sidebar renderers of every kind', () => {
    const url = new URL('https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=42s');
    const doc = load('watch.html', url.href);
    expect(yt.findPlayer(doc)?.className).toContain('html5-main-video');
    expect(yt.readPlaying(doc, url)).toMatchObject({
      siteItemId: 'aqz-KE-bpKQ',
      title: 'Big Buck Bunny 60fps 4K - Official Blender Foundation Short Film',
      description: expect.stringMatching(/^Big Buck Bunny tells/),
      kind: 'video',
    });
    expect(yt.findTiles(doc).map((t) => yt.readTile(t)?.title)).toEqual([
      'Sintel',
      'Spring - Blender Open Movie',
      'Tears of Steel',
      'Elephants Dream',
      'Cosmos Laundromat',
    ]);
    expect(yt.readTile(yt.findTiles(doc)[4]!)?.siteItemId).toBe('TLkA0RELQ1g');
  });

  it('watch page after in-app navigation: stale page and stale meta are not trusted', () => {
    const doc = load('watch.html', 'https://www.youtube.com/watch?v=eRsGyueVLvQ');
    const next = new URL('https://www.youtube.com/watch?v=eRsGyueVLvQ');
    // The flexy still shows the previous video: nothing is reported yet.
    expect(yt.readPlaying(doc, next)).toBeNull();
    // Flexy updated, h1 not yet rendered: the old <meta> must not be used for the new id.
    doc.querySelector('ytd-watch-flexy')!.setAttribute('video-id', 'eRsGyueVLvQ');
    doc.querySelector('ytd-watch-metadata')!.remove();
    expect(yt.readPlaying(doc, next)).toBeNull();
    expect(yt.readPlaying(doc, new URL('https://www.youtube.com/feed/subscriptions'))).toBeNull();
  });

  describe('markup as served in 2025–2026', () => {
    const ids = (doc: Document) => yt.findTiles(doc).map((t) => yt.readTile(t)?.siteItemId ?? null);

    it('home: camelCase and kebab lockups, Shorts shelf; Mix, ad and post cells are not videos', () => {
      const doc = load('home-lockups.html', 'https://www.youtube.com/');
      const tiles = yt.findTiles(doc);
      expect(tiles.every((t) => t.tagName === 'YTD-RICH-ITEM-RENDERER')).toBe(true);
      expect(tiles.map((t) => yt.readTile(t)).map((i) => i && [i.siteItemId, i.title])).toEqual([
        ['WhWc3b3KhnY', 'Spring - Blender Open Movie'],
        ['R6MlUcmOul8', 'Tears of Steel – 24/7 Open Movie Stream'],
        ['TLkA0RELQ1g', 'Cosmos Laundromat - First Cycle. Official Blender Foundation release.'],
        ['kJQP7kiw5Fk', 'How Big Buck Bunny was animated #blender'],
        ['Xq1Lr9vKp3E', 'Sintel in 60 seconds'],
      ]);
      expect(yt.readTile(tiles[0]!)).toMatchObject({
        kind: 'video',
        url: 'https://www.youtube.com/watch?v=WhWc3b3KhnY',
        imageUrl: 'https://i.ytimg.com/vi/WhWc3b3KhnY/hqdefault.jpg',
      });
      expect(tiles.map((t) => yt.readRow(t))).toEqual([null, null, null, 'Shorts', 'Shorts']);
      // The Mix links to its first video under the Mix's own name: not that video.
      const mix = doc.querySelector('yt-collection-thumbnail-view-model')!.closest('ytd-rich-item-renderer')!;
      expect(yt.readTile(mix)).toBeNull();
      const post = doc.querySelector('ytd-post-renderer')!.closest('ytd-rich-item-renderer')!;
      expect(yt.readTile(post)).toBeNull();
      const ad = doc.querySelector('ytd-ad-slot-renderer')!.closest('ytd-rich-item-renderer')!;
      expect(yt.readTile(ad)).toBeNull();
      expect(yt.findSearchInputs(doc)).toHaveLength(1);
    });

    it('home: a camelCase lockup is read fresh after recycling', () => {
      const doc = load('home-lockups.html', 'https://www.youtube.com/');
      const tile = yt.findTiles(doc)[2]!;
      for (const a of Array.from(tile.querySelectorAll('a[href*="watch"]'))) a.setAttribute('href', '/watch?v=YE7VzlLtp-4');
      tile.querySelector('.ytLockupMetadataViewModelTitle span')!.textContent = 'Elephants Dream';
      expect(yt.readTile(tile)).toMatchObject({ siteItemId: 'YE7VzlLtp-4', title: 'Elephants Dream' });
    });

    it('watch page: player, playing title, playlist panel and related lockups; no row taken from the player column', () => {
      const url = new URL('https://www.youtube.com/watch?v=aqz-KE-bpKQ&list=PLav8dMCzk9LmcISQ8cV_pYLKFZZmnmFbw&index=1');
      const doc = load('watch-lockups.html', url.href);
      expect(yt.findPlayer(doc)?.className).toContain('html5-main-video');
      expect(yt.readPlaying(doc, url)).toMatchObject({
        siteItemId: 'aqz-KE-bpKQ',
        title: 'Big Buck Bunny 60fps 4K - Official Blender Foundation Short Film',
        description: 'Big Buck Bunny tells the story of a giant rabbit with a heart bigger than himself.',
      });
      const tiles = yt.findTiles(doc);
      expect(tiles.map((t) => yt.readTile(t)).map((i) => i && [i.siteItemId, i.title])).toEqual([
        ['aqz-KE-bpKQ', 'Big Buck Bunny 60fps 4K - Official Blender Foundation Short Film'],
        ['YE7VzlLtp-4', 'Elephants Dream'],
        ['eRsGyueVLvQ', 'Sintel - Open Movie by Blender Foundation'],
        ['WhWc3b3KhnY', 'Spring - Blender Open Movie'],
        ['kJQP7kiw5Fk', 'How Big Buck Bunny was animated #blender'],
      ]);
      // The related column has no heading of its own: the video title beside it is no row name.
      expect(tiles.map((t) => yt.readRow(t))).toEqual([null, null, null, null, 'Shorts']);
      const mix = doc.querySelector('yt-collection-thumbnail-view-model')!.closest('yt-lockup-view-model')!;
      expect(yt.readTile(mix)).toBeNull();
    });

    it('search: video renderers, grid-shelf Shorts and a shelf; channel, playlist, ad and refinements are not tiles', () => {
      const url = new URL('https://www.youtube.com/results?search_query=blender+open+movie');
      const doc = load('search-mixed.html', url.href);
      const tiles = yt.findTiles(doc);
      expect(ids(doc)).toEqual(['eRsGyueVLvQ', 'kJQP7kiw5Fk', 'Xq1Lr9vKp3E', 'R6MlUcmOul8', 'TLkA0RELQ1g']);
      expect(tiles.map((t) => yt.readTile(t)?.title)).toEqual([
        'Sintel - Open Movie by Blender Foundation',
        'How Big Buck Bunny was animated #blender',
        'Sintel in 60 seconds',
        'Tears of Steel - Blender VFX Open Movie',
        'Cosmos Laundromat - First Cycle',
      ]);
      expect(yt.readTile(tiles[0]!)?.description).toBe('Sintel is an independently produced short film, initiated by the Blender Foundation.');
      // A shelf's heading names its own tiles only, never the plain results around it.
      expect(tiles.map((t) => yt.readRow(t))).toEqual([null, 'Shorts', 'Shorts', null, 'People also watched']);
      const playlist = doc.querySelector('yt-collection-thumbnail-view-model')!.closest('yt-lockup-view-model')!;
      expect(yt.readTile(playlist)).toBeNull();
      expect(yt.readSearchQuery(url)).toBe('blender open movie');
      expect(yt.findSearchInputs(doc)).toHaveLength(1);
    });
  });

  it('selectors are valid', () => {
    for (const sel of Object.values(SELECTORS)) expect(() => document.querySelectorAll(sel)).not.toThrow();
  });
});
