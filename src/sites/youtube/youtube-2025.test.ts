// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/support/load-fixture';
import { youtubeAdapter as yt } from '.';

const load = (name: string, url: string) => loadFixture(import.meta.url, name, url);
const read = (doc: Document) => yt.findTiles(doc).map((t) => yt.readTile(t));
const triples = (doc: Document) => read(doc).map((i) => i && [i.siteItemId, i.title, i.kind]);
// Ad, channel and badge words a tile must never be named after.
const NOT_NAMES = /^(?:sponsored|youtube movies|moonfall pictures|free with ads|buy or rent|purchased|\$\d|\d+:\d\d)/i;

describe('youtube adapter on 2024–2026 markup, second round', () => {
  it('Movies & TV storefront: grid movie cards are films with their year; the promo banner is no tile', () => {
    const doc = load('storefront-2025.html', 'https://www.youtube.com/feed/storefront?bp=ogUCKAU%3D');
    const tiles = yt.findTiles(doc);
    expect(triples(doc)).toEqual([
      ['Hq3mPc9RtV0', 'Night Harbor', 'movie'],
      ['Zw8Tq2LbN4e', '2001: A Space Odyssey', 'movie'],
      ['Rp5dYk7mWq2', 'The Last Lighthouse', 'movie'],
      ['Lm2Vb8Xc4Qa', 'Paper Moons', 'movie'],
    ]);
    expect(read(doc).map((i) => i?.year)).toEqual([2025, 1968, 2019, 2023]);
    for (const info of read(doc)) expect(info?.title).not.toMatch(NOT_NAMES);
    expect(tiles.map((t) => yt.readRow(t))).toEqual(['Top selling', 'Top selling', 'Free to watch', 'Your movies & TV']);
    expect(yt.readTile(tiles[2]!)).toMatchObject({
      url: 'https://www.youtube.com/watch?v=Rp5dYk7mWq2',
      imageUrl: 'https://i.ytimg.com/vi/Rp5dYk7mWq2/hqdefault.jpg',
    });
    expect(tiles.some((t) => t.closest('ytd-banner-promo-renderer'))).toBe(false);
  });

  it('storefront: a recycled movie card reads its new link and name', () => {
    const doc = load('storefront-2025.html', 'https://www.youtube.com/feed/storefront');
    const tile = yt.findTiles(doc)[0]!;
    for (const a of Array.from(tile.querySelectorAll('a[href]'))) a.setAttribute('href', '/watch?v=Qw2Er4Ty6Ui');
    tile.querySelector('#video-title')!.textContent = 'Harbor Lights';
    tile.querySelector('#video-title')!.setAttribute('title', 'Harbor Lights');
    tile.querySelector('.grid-movie-renderer-metadata')!.textContent = 'Drama • 2024';
    expect(yt.readTile(tile)).toMatchObject({ siteItemId: 'Qw2Er4Ty6Ui', title: 'Harbor Lights', year: 2024, kind: 'movie' });
  });

  it('search: a film result, a video, a lockup and a Short; the ad and the channel are not tiles', () => {
    const url = new URL('https://www.youtube.com/results?search_query=night+harbor');
    const doc = load('search-2025.html', url.href);
    const tiles = yt.findTiles(doc);
    expect(triples(doc)).toEqual([
      ['Hq3mPc9RtV0', 'Night Harbor', 'movie'],
      ['Tr4ilNh2025', 'Night Harbor | Official Trailer', 'video'],
      ['Bts8Kq0Harb', 'Behind the scenes of Night Harbor', 'video'],
      ['Sh0rtNh1xyz', 'That storm scene though 🌊 #nightharbor', 'video'],
    ]);
    expect(yt.readTile(tiles[0]!)).toMatchObject({
      year: 2025,
      description: 'A harbor pilot is drawn into a smuggling ring the night a storm shuts the port.',
    });
    for (const info of read(doc)) expect(info?.title).not.toMatch(NOT_NAMES);
    expect(tiles.some((t) => t.closest('ytd-ad-slot-renderer, ytd-channel-renderer'))).toBe(false);
    expect(tiles.map((t) => yt.readRow(t))).toEqual([null, null, null, 'Shorts']);
    expect(yt.readSearchQuery(url)).toBe('night harbor');
  });

  it('watch page of a film during an ad: the film, the player, the sidebar (film, lockups); no ad, playlist or end screen', () => {
    const url = new URL('https://www.youtube.com/watch?v=Rp5dYk7mWq2&t=1200s');
    const doc = load('watch-2025.html', url.href);
    expect(yt.findPlayer(doc)).toBe(doc.querySelector('video.html5-main-video'));
    expect(yt.readPlaying(doc, url)).toMatchObject({
      siteItemId: 'Rp5dYk7mWq2',
      title: 'The Last Lighthouse',
      description: 'A keeper on a remote island finds a stranger washed ashore.',
    });
    const tiles = yt.findTiles(doc);
    expect(triples(doc)).toEqual([
      ['Lm2Vb8Xc4Qa', 'Paper Moons', 'movie'],
      ['Kp7Rn2Lh0se', 'How they filmed the lighthouse storm', 'video'],
      ['Vn3Qa8Ws1Lk', 'Lighthouses of the North Atlantic', 'video'],
    ]);
    expect(yt.readTile(tiles[0]!)?.year).toBe(2023);
    expect(tiles.some((t) => t.closest('ytd-ad-slot-renderer, #movie_player'))).toBe(false);
    for (const info of read(doc)) expect(info?.title).not.toMatch(NOT_NAMES);
  });
});
