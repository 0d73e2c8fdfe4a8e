// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/support/load-fixture';
import { netflixAdapter as nf, netflixIdOf, SELECTORS } from '.';

const load = (name: string, url: string) => loadFixture(import.meta.url, name, url);

describe('netflix adapter', () => {
  it('matches netflix.com and reads ids from /watch, /title and ?jbv=', () => {
    expect(nf.matches(new URL('https://www.netflix.com/browse'))).toBe(true);
    expect(nf.matches(new URL('https://netflix.com.evil.example/'))).toBe(false);
    expect(netflixIdOf(new URL('https://www.netflix.com/watch/80057281?trackId=1'))).toBe('80057281');
    expect(netflixIdOf(new URL('https://www.netflix.com/title/70143836'))).toBe('70143836');
    expect(netflixIdOf(new URL('https://www.netflix.com/browse?jbv=81157374'))).toBe('81157374');
    expect(netflixIdOf(new URL('https://www.netflix.com/browse?jbv=abc'))).toBeNull();
  });

  it('browse: cards with fallback text, aria-label or hover-only boxart alt; rows; preview modal', () => {
    const doc = load('browse.html', 'https://www.netflix.com/browse');
    const tiles = nf.findTiles(doc);
    const infos = tiles.map((t) => nf.readTile(t));
    expect(infos.map((i) => i && [i.siteItemId, i.title])).toEqual([
      ['80057281', 'Stranger Things'],
      ['70143836', 'Breaking Bad'],
      ['80117401', 'Extraction'],
      ['81157374', 'The Gray Man'],
      null, // a card still loading has no link yet
      ['80117401', 'Extraction'], // the preview modal
    ]);
    expect(infos[0]).toMatchObject({
      kind: 'unknown',
      url: 'https://www.netflix.com/title/80057281',
      imageUrl: expect.stringContaining('nflxso.net'),
    });
    expect(nf.readRow(tiles[0]!)).toBe('Continue Watching for Alex');
    expect(nf.readRow(tiles[3]!)).toBe('Exciting Action Movies');
    expect(infos[5]).toMatchObject({
      year: 2020,
      kind: 'movie',
      genres: ['Action', 'Thriller'],
      description: expect.stringMatching(/^A hardened mercenary/),
    });
    expect(nf.findSearchInputs(doc)).toHaveLength(1);
  });

  it('reads a recycled card fresh', () => {
    const doc = load('browse.html', 'https://www.netflix.com/browse');
    const card = nf.findTiles(doc)[1]!;
    card.querySelector('a')!.setAttribute('href', '/watch/81040344');
    card.querySelector('a')!.setAttribute('aria-label', 'Squid Game');
    expect(nf.readTile(card)).toMatchObject({ siteItemId: '81040344', title: 'Squid Game' });
  });

  it('title page (?jbv=) reads the modal; watch page reads the player title', () => {
    const browse = load('browse.html', 'https://www.netflix.com/browse?jbv=80117401');
    expect(nf.readPlaying(browse, new URL('https://www.netflix.com/browse?jbv=80117401'))).toMatchObject({
      siteItemId: '80117401',
      title: 'Extraction',
    });

    const url = new URL('https://www.netflix.com/watch/80077368?trackId=14170286');
    const doc = load('watch.html', url.href);
    expect(nf.findPlayer(doc)?.tagName).toBe('VIDEO');
    expect(nf.readPlaying(doc, url)).toMatchObject({
      siteItemId: '80077368',
      title: 'Stranger Things',
      kind: 'episode',
      description: 'S1:E3 Chapter Three: Holly, Jolly',
    });
    expect(nf.readPlaying(doc, new URL('https://www.netflix.com/browse'))).toBeNull();
  });

  it('search query from /search?q=', () => {
    expect(nf.readSearchQuery(new URL('https://www.netflix.com/search?q=dark%20comedy'))).toBe('dark comedy');
    expect(nf.readSearchQuery(new URL('https://www.netflix.com/browse?q=x'))).toBeNull();
  });

  describe('markup as served in 2024–2026', () => {
    const pairs = (doc: Document) =>
      nf
        .findTiles(doc)
        .map((t) => nf.readTile(t))
        .map((i) => i && [i.siteItemId, i.title]);

    it('browse: continue watching, Top 10 and a wrapped row; the billboard is no card', () => {
      const doc = load('browse-rows.html', 'https://www.netflix.com/browse');
      const tiles = nf.findTiles(doc);
      expect(pairs(doc)).toEqual([
        ['80057281', 'Stranger Things'],
        ['80100172', 'Dark'],
        ['81157374', 'The Gray Man'],
        ['81005150', 'The Irishman'],
        ['70143836', 'Breaking Bad'], // the wrapped row's peek copy of its last title
        ['80025678', 'The Crown'],
        ['70143836', 'Breaking Bad'],
        null, // the series hover preview: its Play link names an episode, not the show
      ]);
      expect(tiles.map((t) => nf.readRow(t))).toEqual([
        'Continue Watching for Sam',
        'Continue Watching for Sam',
        'Top 10 Movies in the U.S. Today',
        'Top 10 Movies in the U.S. Today',
        'Critically Acclaimed TV Dramas',
        'Critically Acclaimed TV Dramas',
        'Critically Acclaimed TV Dramas',
        null,
      ]);
      expect(nf.readTile(tiles[2]!)).toMatchObject({
        url: 'https://www.netflix.com/title/81157374',
        imageUrl: 'https://occ-0-1.1.nflxso.net/dnm/api/v6/WNk1mr9x_Cd_2itp6pUM7-lXMJg/AAAABgrayman-portrait.webp?r=f1e',
      });
    });

    it('browse: the hover preview of a film is read; a card is read fresh', () => {
      const doc = load('browse-rows.html', 'https://www.netflix.com/browse');
      const modal = doc.querySelector('.previewModal--container')!;
      // The same preview over a film: Play names the film itself.
      modal.querySelector('.duration')!.textContent = '2h 9m';
      modal.querySelector('a.playLink')!.setAttribute('href', '/watch/81157374?trackId=1');
      modal.querySelector('.previewModal--boxart')!.setAttribute('alt', 'The Gray Man');
      expect(nf.readTile(modal)).toMatchObject({ siteItemId: '81157374', title: 'The Gray Man', kind: 'movie' });
      const card = nf.findTiles(doc)[5]!;
      card.querySelector('a')!.setAttribute('href', '/watch/81040344?tctx=9');
      card.querySelector('a')!.setAttribute('aria-label', 'Squid Game');
      card.querySelector('.fallback-text')!.textContent = 'Squid Game';
      expect(nf.readTile(card)).toMatchObject({ siteItemId: '81040344', title: 'Squid Game' });
    });

    it('title modal (?jbv=): the show from the URL, not the episode its Play link resumes', () => {
      const url = new URL('https://www.netflix.com/browse?jbv=80100172');
      const doc = load('title-modal.html', url.href);
      const show = {
        siteItemId: '80100172',
        title: 'Dark',
        year: 2017,
        kind: 'series',
        genres: ['German TV Shows', 'TV Mysteries', 'Sci-Fi TV'],
        description: expect.stringMatching(/^A missing child sets four families/),
        url: 'https://www.netflix.com/title/80100172',
      };
      expect(nf.readPlaying(doc, url)).toMatchObject(show);
      expect(nf.readPlaying(doc, new URL('https://www.netflix.com/title/80100172'))).toMatchObject(show);
      const tiles = nf.findTiles(doc);
      expect(tiles.map((t) => nf.readTile(t)).map((i) => i && [i.siteItemId, i.title, i.year])).toEqual([
        ['80100172', 'Dark', null],
        ['80100172', 'Dark', 2017], // the modal itself
        ['80244088', '1899', 2022],
        ['80057281', 'Stranger Things', 2022],
      ]);
      expect(nf.readTile(tiles[1]!)).toMatchObject(show);
      expect(nf.readTile(tiles[2]!)).toMatchObject({ kind: 'series', url: 'https://www.netflix.com/title/80244088' });
      expect(tiles.map((t) => nf.readRow(t))).toEqual(['Trending Now', null, 'More Like This', 'More Like This']);
      // Episodes are not titles of their own.
      expect(tiles.filter((t) => t.closest('.episodeSelector'))).toEqual([]);
      expect(nf.findSearchInputs(doc)).toHaveLength(1);
    });

    it('?jbv= without the detail modal: a hover preview of another title is not that title', () => {
      const url = new URL('https://www.netflix.com/browse?jbv=80057281');
      expect(nf.readPlaying(load('browse-rows.html', url.href), url)).toBeNull();
    });

    it('my list gallery: cards without rows, names from aria-label or fallback text', () => {
      const doc = load('my-list.html', 'https://www.netflix.com/browse/my-list');
      const tiles = nf.findTiles(doc);
      expect(pairs(doc)).toEqual([
        ['80025678', 'The Crown'],
        ['81005150', 'The Irishman'],
        ['80117401', 'Extraction'],
      ]);
      expect(nf.readTile(tiles[1]!)?.imageUrl).toBeNull();
      expect(tiles.map((t) => nf.readRow(t))).toEqual([null, null, null]);
    });

    it('watch page of a film: title from the <h4>, no episode; nothing once the controls unmount', () => {
      const url = new URL('https://www.netflix.com/watch/80117401?trackId=14170286');
      const doc = load('watch-movie.html', url.href);
      expect(nf.findPlayer(doc)?.tagName).toBe('VIDEO');
      expect(nf.readPlaying(doc, url)).toMatchObject({ siteItemId: '80117401', title: 'Extraction', kind: 'unknown', description: null });
      expect(nf.findTiles(doc)).toEqual([]);
      doc.querySelector('[data-uia="video-title"]')!.remove();
      expect(nf.readPlaying(doc, url)).toBeNull();
    });
  });

  it('selectors are valid', () => {
    for (const sel of Object.values(SELECTORS)) expect(() => document.querySelectorAll(sel)).not.toThrow();
  });
});
