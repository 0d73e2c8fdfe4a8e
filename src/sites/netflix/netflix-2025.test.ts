// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/support/load-fixture';
import { netflixAdapter as nf } from '.';

const load = (name: string, url: string) => loadFixture(import.meta.url, name, url);
const read = (doc: Document) => nf.findTiles(doc).map((t) => nf.readTile(t));
const pairs = (doc: Document) => read(doc).map((i) => i && [i.siteItemId, i.title]);
// What a tile must never be named after: controls, ranks, progress labels, profiles.
const NOT_NAMES = /^(?:play|resume|more info|explore all|\d{1,2}|\d+% watched|sam|kids|alex|netflix)$/i;

describe('netflix adapter on 2024–2026 markup, second round', () => {
  it('browse: each card once with its id and name; billboard, nav and profiles are no tiles', () => {
    const doc = load('browse-2025.html', 'https://www.netflix.com/browse');
    const tiles = nf.findTiles(doc);
    expect(pairs(doc)).toEqual([
      ['81458416', 'Glass Onion: A Knives Out Mystery'],
      ['80057281', 'Stranger Things'],
      ['81040344', 'Squid Game'],
      ['81435684', 'Wednesday'],
      ['80099753', '3%'],
      ['81157374', 'The Gray Man'],
      ['80244088', '1899'],
      ['80100172', 'Dark'],
      ['81458416', 'Glass Onion: A Knives Out Mystery'], // the hover preview over it
    ]);
    for (const info of read(doc)) expect(info?.title).not.toMatch(NOT_NAMES);
    expect(tiles.map((t) => nf.readRow(t))).toEqual([
      'Continue Watching for Sam',
      'Continue Watching for Sam',
      'Top 10 TV Shows in the U.S. Today',
      'Top 10 TV Shows in the U.S. Today',
      'Top 10 TV Shows in the U.S. Today',
      'New on Netflix',
      'New on Netflix',
      'My List',
      null,
    ]);
    expect(tiles.some((t) => t.closest('.billboard-row, .pinning-header, [role="navigation"]'))).toBe(false);
    expect(nf.readTile(tiles[2]!)).toMatchObject({
      url: 'https://www.netflix.com/title/81040344',
      imageUrl: expect.stringContaining('squidgame-portrait'),
    });
    // The preview's Play link names the film itself: it is read as a film, with its running time.
    expect(nf.readTile(tiles[8]!)).toMatchObject({ siteItemId: '81458416', kind: 'movie' });
    expect(nf.readPlaying(doc, new URL('https://www.netflix.com/browse'))).toBeNull();
  });

  it('browse: a recycled Top 10 card is read fresh, rank and all', () => {
    const doc = load('browse-2025.html', 'https://www.netflix.com/browse');
    const card = nf.findTiles(doc)[3]!;
    const link = card.querySelector('a')!;
    link.setAttribute('href', '/watch/80025678?tctx=2%2C1');
    link.setAttribute('aria-label', 'The Crown');
    card.querySelector('.fallback-text')!.textContent = 'The Crown';
    expect(nf.readTile(card)).toMatchObject({ siteItemId: '80025678', title: 'The Crown' });
  });

  it('search with a film’s detail modal (?jbv=): results, the modal, More Like This; no suggestions or trailers', () => {
    const url = new URL('https://www.netflix.com/search?q=heist&jbv=81157374');
    const doc = load('search-2025.html', url.href);
    const tiles = nf.findTiles(doc);
    expect(pairs(doc)).toEqual([
      ['80192098', 'Money Heist'],
      ['81157374', 'The Gray Man'],
      ['81161626', 'Red Notice'], // no aria-label: the fallback text names it
      ['81354318', 'Army of Thieves'],
      ['81157374', 'The Gray Man'], // the detail modal
      ['80230399', 'Extraction'],
      ['80192098', 'Money Heist'],
    ]);
    expect(nf.readTile(tiles[3]!)?.imageUrl).toBeNull();
    const film = {
      siteItemId: '81157374',
      title: 'The Gray Man',
      year: 2022,
      kind: 'movie',
      genres: ['Action Thrillers', 'Action & Adventure'],
      description: expect.stringMatching(/^When a shadowy CIA agent/),
    };
    expect(nf.readTile(tiles[4]!)).toMatchObject(film);
    expect(nf.readPlaying(doc, url)).toMatchObject(film);
    expect(nf.readTile(tiles[5]!)).toMatchObject({ kind: 'movie', year: 2020 });
    // "5 Parts" is how Netflix counts this show's seasons.
    expect(nf.readTile(tiles[6]!)).toMatchObject({ kind: 'series', year: 2021 });
    expect(tiles.map((t) => nf.readRow(t)).slice(4)).toEqual([null, 'More Like This', 'More Like This']);
    // The trailer card carries the trailer's id; suggestion links are searches.
    expect(tiles.some((t) => t.closest('.trailersAndMore--wrapper, .suggestionRailContainer'))).toBe(false);
    expect(nf.readSearchQuery(url)).toBe('heist');
    expect(nf.findSearchInputs(doc).map((i) => i.value)).toEqual(['heist']);
  });

  it('watch page of an episode, controls shown: the series, as an episode; the player', () => {
    const url = new URL('https://www.netflix.com/watch/80077370?trackId=255824129&tctx=0%2C2');
    const doc = load('watch-episode-2025.html', url.href);
    expect(nf.findPlayer(doc)).toBe(doc.querySelector('video'));
    const playing = nf.readPlaying(doc, url);
    expect(playing).toMatchObject({
      siteItemId: '80077370',
      title: 'Stranger Things',
      kind: 'episode',
      url: 'https://www.netflix.com/watch/80077370',
    });
    expect(playing?.title).not.toMatch(/Chapter Three|E3|Skip Intro|Next Episode/);
    expect(nf.findTiles(doc)).toEqual([]);
  });

  it('watch page, controls hidden: nothing is guessed from subtitles or buttons', () => {
    const url = new URL('https://www.netflix.com/watch/80077370');
    const doc = load('watch-episode-2025.html', url.href);
    doc.querySelector('.watch-video--bottom-controls-container')!.remove();
    expect(nf.readPlaying(doc, url)).toBeNull();
    expect(nf.findPlayer(doc)).toBe(doc.querySelector('video'));
  });

  it('watch page, paused with the controls hidden: the "You\'re watching" overlay names the series', () => {
    const url = new URL('https://www.netflix.com/watch/80077370');
    const doc = load('watch-idle-2025.html', url.href);
    expect(nf.findPlayer(doc)).toBe(doc.querySelector('video'));
    expect(nf.readPlaying(doc, url)).toMatchObject({ siteItemId: '80077370', title: 'Stranger Things', kind: 'episode' });
    // The same overlay over a film: no season or episode lines.
    for (const el of Array.from(doc.querySelectorAll('[data-uia="evidence-overlay"] h3, [data-uia="evidence-overlay"] h4'))) el.remove();
    doc.querySelector('[data-uia="evidence-overlay"] h2')!.textContent = 'Extraction';
    expect(nf.readPlaying(doc, url)).toMatchObject({ title: 'Extraction', kind: 'unknown' });
    // The controls, when back, are read first.
    const box = doc.createElement('div');
    box.setAttribute('data-uia', 'video-title');
    box.appendChild(doc.createElement('h4')).textContent = 'Extraction 2';
    doc.querySelector('.watch-video')!.appendChild(box);
    expect(nf.readPlaying(doc, url)?.title).toBe('Extraction 2');
  });

  it('signed-out title page: the title from its own markup, "More Like This" cards by /title/ id', () => {
    const url = new URL('https://www.netflix.com/title/80100172');
    const doc = load('title-public-2025.html', url.href);
    const tiles = nf.findTiles(doc);
    expect(pairs(doc)).toEqual([
      ['80244088', '1899'],
      ['80057281', 'Stranger Things'],
      ['80025678', 'The Crown'],
    ]);
    expect(nf.readTile(tiles[2]!)).toMatchObject({
      url: 'https://www.netflix.com/title/80025678',
      imageUrl: expect.stringContaining('thecrown-boxart'),
    });
    expect(tiles.map((t) => nf.readRow(t))).toEqual(['More Like This', 'More Like This', 'More Like This']);
    expect(nf.readPlaying(doc, url)).toMatchObject({
      siteItemId: '80100172',
      title: 'Dark',
      year: 2017,
      kind: 'series',
      description: expect.stringMatching(/^A missing child/),
      url: 'https://www.netflix.com/title/80100172',
    });
    // Another title's page address does not make this page that title.
    expect(nf.readPlaying(doc, new URL('https://www.netflix.com/title/80057281'))).toBeNull();
    // Without its JSON-LD the page's own facts say as much.
    doc.querySelector('script[type="application/ld+json"]')!.remove();
    expect(nf.readPlaying(doc, url)).toMatchObject({ title: 'Dark', year: 2017, kind: 'series', genres: ['TV Mysteries', 'German TV Shows'] });
    // A recycled card reads its new link.
    const link = tiles[0]!.querySelector('a') ?? tiles[0]!;
    link.setAttribute('href', 'https://www.netflix.com/title/81040344');
    tiles[0]!.querySelector('img')!.setAttribute('alt', 'Squid Game');
    tiles[0]!.querySelector('.nm-collections-title-name')!.textContent = 'Squid Game';
    expect(nf.readTile(tiles[0]!)).toMatchObject({ siteItemId: '81040344', title: 'Squid Game' });
  });
});
