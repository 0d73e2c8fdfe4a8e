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

  it('selectors are valid', () => {
    for (const sel of Object.values(SELECTORS)) expect(() => document.querySelectorAll(sel)).not.toThrow();
  });
});
