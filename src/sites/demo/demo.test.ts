// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/support/load-fixture';
import { demoAdapter, idFromDemoUrl, isDemoDocument } from './index';

const ORIGIN = 'http://127.0.0.1:5178';
const load = (name: string, path: string) => loadFixture(import.meta.url, name, ORIGIN + path);

describe('demo adapter: matching', () => {
  it('matches localhost and 127.0.0.1 on any port, nothing else', () => {
    expect(demoAdapter.name).toBe('demo');
    for (const u of ['http://127.0.0.1:5178/', 'http://localhost:3000/title/x', 'http://[::1]:5178/', 'https://localhost/']) {
      expect(demoAdapter.matches(new URL(u))).toBe(true);
    }
    for (const u of ['https://www.netflix.com/', 'http://127.0.0.2/', 'http://localhost.evil.example/', 'file:///tmp/x.html']) {
      expect(demoAdapter.matches(new URL(u))).toBe(false);
    }
  });

  it('recognises demo pages by their marker', () => {
    expect(isDemoDocument(load('home.html', '/'))).toBe(true);
    const other = new DOMParser().parseFromString('<p>local app</p>', 'text/html');
    expect(isDemoDocument(other)).toBe(false);
    expect(demoAdapter.findTiles(other)).toEqual([]);
  });
});

describe('demo adapter: home page tiles and rows', () => {
  const doc = load('home.html', '/');
  const tiles = demoAdapter.findTiles(doc);

  it('finds every tile in the rows', () => {
    const expected = doc.querySelectorAll('section.row[data-row] a.tile').length;
    expect(expected).toBeGreaterThanOrEqual(60);
    expect(tiles.length).toBe(expected);
    expect(tiles.every((t) => t.matches('a.tile[data-title-id]'))).toBe(true);
  });

  it('includes the root itself and finds tiles under a row', () => {
    const first = tiles[0]!;
    expect(demoAdapter.findTiles(first)).toEqual([first]);
    const row = doc.querySelector('section.row')!;
    expect(demoAdapter.findTiles(row).length).toBe(row.querySelectorAll('a.tile').length);
  });

  it('reads id, title, year, kind, genres, description, image and absolute url', () => {
    const infos = tiles.map((t) => demoAdapter.readTile(t));
    expect(infos.every(Boolean)).toBe(true);
    for (const info of infos) {
      expect(info!.siteItemId).toMatch(/^[a-z0-9-]+-\d{4}$/);
      expect(info!.title.length).toBeGreaterThan(0);
      expect(info!.year).toBeGreaterThanOrEqual(1900);
      expect(['movie', 'series']).toContain(info!.kind);
      expect(info!.genres.length).toBeGreaterThan(0);
      expect(info!.url).toBe(`${ORIGIN}/title/${info!.siteItemId}`);
      expect(info!.imageUrl).toBe(`${ORIGIN}/poster/${info!.siteItemId}.svg`);
      expect(info!.description).toBeTruthy();
    }
  });

  it('reads hover-only tiles (caption hidden by CSS) the same way', () => {
    const hover = doc.querySelector('a.tile.hover-only')!;
    expect(hover).toBeTruthy();
    const info = demoAdapter.readTile(hover)!;
    expect(info.title).toBe(hover.querySelector('img')!.getAttribute('alt'));
  });

  it('reads the row name from the enclosing [data-row]', () => {
    const rows = doc.querySelectorAll('section.row[data-row]');
    for (const row of Array.from(rows)) {
      const tile = row.querySelector('a.tile')!;
      expect(demoAdapter.readRow(tile)).toBe(row.getAttribute('data-row'));
    }
    expect(demoAdapter.readRow(tiles[0]!)).toBe('Trending now');
  });

  it('has no player and no playing title on the home page', () => {
    expect(demoAdapter.findPlayer(doc)).toBeNull();
    expect(demoAdapter.readPlaying(doc, new URL(ORIGIN + '/'))).toBeNull();
  });

  it('reads a recycled tile fresh (id and text changed in place)', () => {
    const d = load('home.html', '/');
    const tile = demoAdapter.findTiles(d)[0]!;
    const before = demoAdapter.readTile(tile)!;
    tile.setAttribute('data-title-id', 'the-matrix-1999');
    tile.setAttribute('data-year', '1999');
    tile.setAttribute('data-kind', 'movie');
    tile.setAttribute('data-genres', 'Action,Sci-Fi');
    tile.setAttribute('data-description', 'A hacker learns the truth.');
    tile.setAttribute('href', '/title/the-matrix-1999');
    tile.querySelector('img')!.setAttribute('alt', 'The Matrix');
    tile.querySelector('img')!.setAttribute('src', '/poster/the-matrix-1999.svg');
    tile.querySelector('.tile-title')!.textContent = 'The Matrix';
    const after = demoAdapter.readTile(tile)!;
    expect(after.siteItemId).not.toBe(before.siteItemId);
    expect(after).toEqual({
      siteItemId: 'the-matrix-1999',
      title: 'The Matrix',
      year: 1999,
      kind: 'movie',
      genres: ['Action', 'Sci-Fi'],
      description: 'A hacker learns the truth.',
      imageUrl: `${ORIGIN}/poster/the-matrix-1999.svg`,
      url: `${ORIGIN}/title/the-matrix-1999`,
    });
  });

  it('falls back to the caption when the image has no alt text', () => {
    const d = load('home.html', '/');
    const tile = demoAdapter.findTiles(d)[1]!;
    const caption = tile.querySelector('.tile-title')!.textContent;
    tile.querySelector('img')!.removeAttribute('alt');
    expect(demoAdapter.readTile(tile)!.title).toBe(caption);
  });

  it('finds the header search box', () => {
    const inputs = demoAdapter.findSearchInputs(doc);
    expect(inputs.length).toBe(1);
    expect(inputs[0]!.name).toBe('q');
  });
});

describe('demo adapter: search page', () => {
  const doc = load('search.html', '/search?q=noir');

  it('reads the query from /search?q=', () => {
    expect(demoAdapter.readSearchQuery(new URL(ORIGIN + '/search?q=noir'))).toBe('noir');
    expect(demoAdapter.readSearchQuery(new URL(ORIGIN + '/search?q=%20dark%20%20thrillers%20'))).toBe('dark thrillers');
    expect(demoAdapter.readSearchQuery(new URL(ORIGIN + '/search?q='))).toBeNull();
    expect(demoAdapter.readSearchQuery(new URL(ORIGIN + '/search'))).toBeNull();
    expect(demoAdapter.readSearchQuery(new URL(ORIGIN + '/?q=noir'))).toBeNull();
    expect(demoAdapter.readSearchQuery(new URL(ORIGIN + '/title/noir-1950?q=x'))).toBeNull();
  });

  it('finds result tiles in the "Search results" row, and both search inputs', () => {
    const tiles = demoAdapter.findTiles(doc);
    expect(tiles.length).toBeGreaterThan(5);
    for (const t of tiles) {
      const info = demoAdapter.readTile(t)!;
      const text = `${info.title} ${info.genres.join(' ')} ${info.description}`.toLowerCase();
      expect(text).toContain('noir');
      expect(demoAdapter.readRow(t)).toBe('Search results');
    }
    const inputs = demoAdapter.findSearchInputs(doc);
    expect(inputs.length).toBe(2);
    expect(inputs.every((i) => i.value === 'noir')).toBe(true);
  });
});

describe('demo adapter: title pages', () => {
  it('reads the shown title on a film page', () => {
    const doc = load('title.html', '/title/the-matrix-1999');
    const playing = demoAdapter.readPlaying(doc, new URL(ORIGIN + '/title/the-matrix-1999'))!;
    expect(playing).toMatchObject({
      siteItemId: 'the-matrix-1999',
      title: 'The Matrix',
      year: 1999,
      kind: 'movie',
      genres: ['Action', 'Sci-Fi'],
      url: `${ORIGIN}/title/the-matrix-1999`,
      imageUrl: `${ORIGIN}/poster/the-matrix-1999.svg`,
    });
    expect(playing.description).toMatch(/simulation/);
    expect(demoAdapter.findPlayer(doc)).toBeNull();
    // "More like this" tiles are ordinary tiles in their own row.
    const tiles = demoAdapter.findTiles(doc);
    expect(tiles.length).toBeGreaterThan(5);
    expect(demoAdapter.readRow(tiles[0]!)).toBe('More like this');
    expect(tiles.some((t) => demoAdapter.readTile(t)!.siteItemId === 'the-matrix-1999')).toBe(false);
  });

  it('reads a series page', () => {
    const doc = load('title-series.html', '/title/breaking-bad-2008');
    const playing = demoAdapter.readPlaying(doc, new URL(ORIGIN + '/title/breaking-bad-2008'))!;
    expect(playing).toMatchObject({ siteItemId: 'breaking-bad-2008', title: 'Breaking Bad', year: 2008, kind: 'series' });
  });
});

describe('demo adapter: watch pages', () => {
  it('finds the player and the playing series', () => {
    const doc = load('watch.html', '/watch/fargo-2014?s=1&e=2');
    const player = demoAdapter.findPlayer(doc)!;
    expect(player.tagName).toBe('VIDEO');
    expect(player.id).toBe('player');
    expect(player.getAttribute('data-title-id')).toBe('fargo-2014');
    const playing = demoAdapter.readPlaying(doc, new URL(ORIGIN + '/watch/fargo-2014?s=1&e=2'))!;
    expect(playing).toEqual({
      siteItemId: 'fargo-2014',
      title: 'Fargo',
      year: 2014,
      kind: 'series',
      genres: ['Comedy', 'Crime', 'Drama', 'Thriller'],
      description: 'Crime stories set in the snowy Midwest, one per season.',
      imageUrl: `${ORIGIN}/poster/fargo-2014.svg`,
      url: `${ORIGIN}/title/fargo-2014`,
    });
    expect(demoAdapter.readRow(demoAdapter.findTiles(doc)[0]!)).toBe('Up next');
  });

  it('reads a film with an accented title, and ignores hover previews', () => {
    const doc = load('watch-movie.html', '/watch/amelie-2001?autoplay=1&muted=1');
    const playing = demoAdapter.readPlaying(doc, new URL(ORIGIN + '/watch/amelie-2001?autoplay=1&muted=1'))!;
    expect(playing.title).toBe('Amélie');
    expect(playing.siteItemId).toBe('amelie-2001');
    // A preview video inside a tile is not the player.
    const tile = demoAdapter.findTiles(doc)[0]!;
    const preview = doc.createElement('video');
    preview.className = 'preview';
    tile.prepend(preview);
    expect(demoAdapter.findPlayer(doc)!.id).toBe('player');
  });

  it('falls back to JSON-LD when the data attributes are gone', () => {
    const doc = load('watch.html', '/watch/fargo-2014?s=1&e=2');
    const main = doc.querySelector('main')!;
    for (const a of ['data-title-id', 'data-title', 'data-year', 'data-kind', 'data-genres', 'data-description']) {
      main.removeAttribute(a);
    }
    const playing = demoAdapter.readPlaying(doc, new URL(ORIGIN + '/watch/fargo-2014'))!;
    expect(playing).toMatchObject({ siteItemId: 'fargo-2014', title: 'Fargo', year: 2014, kind: 'series' });
    expect(playing.genres).toEqual(['Comedy', 'Crime', 'Drama', 'Thriller']);
  });

  it('reads ids from demo URLs', () => {
    expect(idFromDemoUrl(new URL(ORIGIN + '/watch/fargo-2014?s=1'))).toBe('fargo-2014');
    expect(idFromDemoUrl(new URL(ORIGIN + '/title/8-1-2-1963/'))).toBe('8-1-2-1963');
    expect(idFromDemoUrl(new URL(ORIGIN + '/search?q=x'))).toBeNull();
  });

  it('returns null on a 404 page', () => {
    const doc = load('not-found.html', '/title/no-such-title');
    expect(demoAdapter.readPlaying(doc, new URL(ORIGIN + '/title/no-such-title'))).toBeNull();
    expect(demoAdapter.findPlayer(doc)).toBeNull();
  });
});

describe('demo adapter: hostile page', () => {
  const doc = load('hostile.html', '/hostile');
  const tiles = demoAdapter.findTiles(doc);
  const infos = tiles.map((t) => demoAdapter.readTile(t));

  it('reads hostile titles as plain text, capped', () => {
    const titles = infos.filter(Boolean).map((i) => i!.title);
    expect(titles).toContain('<img src=x onerror=alert(1)>');
    expect(titles).toContain('</script><script>alert(1)</script>');
    for (const info of infos) {
      if (!info) continue;
      expect(info.title.length).toBeLessThanOrEqual(500);
      expect(info.siteItemId.length).toBeLessThanOrEqual(256);
      expect(info.genres.length).toBeLessThanOrEqual(16);
      expect((info.description ?? '').length).toBeLessThanOrEqual(2000);
      expect(info.title).not.toMatch(/[\u0000-\u001f\u202e]/);
    }
  });

  it('never returns a non-http url', () => {
    for (const info of infos) {
      if (!info) continue;
      for (const u of [info.url, info.imageUrl]) if (u !== null) expect(u).toMatch(/^https?:\/\//);
    }
    const js = infos.find((i) => i?.siteItemId === 'hostile-js-href')!;
    expect(js.url).toBeNull();
    const data = infos.find((i) => i?.siteItemId === 'hostile-data-href')!;
    expect(data.url).toBeNull();
  });

  it('copes with bad metadata and empty tiles', () => {
    const bad = infos.find((i) => i?.siteItemId === 'hostile-bad-meta')!;
    expect(bad.year).toBeNull();
    expect(bad.kind).toBe('unknown');
    expect(bad.genres.length).toBe(16);
    const empty = tiles.find((t) => t.getAttribute('data-title-id') === 'hostile-empty')!;
    expect(demoAdapter.readTile(empty)).toBeNull();
    const blank = tiles.find((t) => t.getAttribute('data-title-id') === '   ')!;
    expect(demoAdapter.readTile(blank)).toBeNull();
    const markupId = infos.find((i) => i?.title === 'Id with markup')!;
    expect(markupId.siteItemId).toBe('"><img src=x onerror=alert(1)>');
  });

  it('reads the row name as text', () => {
    const special = tiles.find((t) => t.getAttribute('data-title-id') === 'hostile-js-href')!;
    expect(demoAdapter.readRow(special)).toBe('<script>alert("row")</script>');
  });

  it('does not treat the page as a title page', () => {
    expect(demoAdapter.readPlaying(doc, new URL(ORIGIN + '/hostile'))).toBeNull();
  });
});
