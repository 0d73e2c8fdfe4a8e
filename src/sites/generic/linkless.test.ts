// @vitest-environment happy-dom
/**
 * The generic adapter on single-page apps whose tiles are not links: div/li cards with click
 * handlers, img[alt]-only rows, Top 10 rows with rank digits, hover overlays with icon-only
 * buttons, digit-only titles, channel avatars, players in modals and hash routes. Own markup,
 * modelled on how such apps are built. Each case lists every title tile in document order with
 * its exact title and id; anything else found (avatars, channels, people, chips, navigation,
 * ads, "see all", ranks, brands) fails the case.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/support/load-fixture';
import type { TileInfo } from '../types';
import { genericAdapter as g } from '.';

interface Want {
  title: string;
  id: string;
  year?: number | null;
  row?: string | null;
}

interface Case {
  name: string;
  file: string;
  url: string;
  tiles: Want[];
}

const w = (title: string, id: string, year?: number | null, row?: string | null): Want => ({ title, id, year, row });

const CASES: Case[] = [
  {
    name: 'YouTube-like grid: div cards, data-video-id, channel avatars and names beside the title, chips, an ad card, a channel shelf',
    file: 'spa-video-grid.html',
    url: 'https://www.vidtube.example/',
    tiles: [
      w('Never Gonna Give You Up (Official Video)', 'id:dQw4w9WgXcQ'),
      w('Big Buck Bunny 60fps 4K - Official Blender Foundation Short Film', 'id:aqz-KE-bpKQ'),
      w('Sintel - Open Movie by Blender Foundation', 'id:eRsGyueVLvQ'),
      w('Tears of Steel - Blender VFX Open Movie', 'id:R6MlUcmOul8'),
    ],
  },
  {
    name: 'Netflix-like rows: img[alt]-only tiles, a Top 10 row with rank digits, icon-only buttons, cursor from the stylesheet',
    file: 'streaming-rows.html',
    url: 'https://www.flixly.example/browse',
    tiles: [
      w('Squid Game', 'slug:squid-game', null, 'Trending Now'),
      w('Stranger Things', 'slug:stranger-things'),
      w('Dark', 'slug:dark'),
      w("The Queen's Gambit", 'slug:the-queen-s-gambit'),
      w('Money Heist', 'slug:money-heist'),
      w('Leave the World Behind', 'slug:leave-the-world-behind', null, 'Top 10 Movies in the U.S. Today'),
      w('Rebel Moon', 'slug:rebel-moon'),
      w('1917', 'slug:1917'),
      w('Stranger Things', 'slug:stranger-things'),
      w('Breaking Bad', 'slug:breaking-bad', null, 'Continue Watching for Sam'),
      w('The Crown', 'slug:the-crown'),
      w('Dark', 'slug:dark'),
    ],
  },
  {
    name: 'Prime-like React app: li cards with hashed classes, classed title lines, a digit title, a genre row of images',
    file: 'react-div-cards.html',
    url: 'https://www.primevue.example/storefront',
    tiles: [
      w('The Boys Presents: Diabolical', 'slug:the-boys-presents-diabolical', 2022, "Movies we think you'll like"),
      w('Saltburn', 'slug:saltburn', 2023),
      w('Road House', 'slug:road-house', 2024),
      w('2012', 'slug:2012', 2009),
      w('Reacher', 'slug:reacher', null, 'Amazon Originals and Exclusives'),
      w('Fallout', 'slug:fallout'),
      w('Mr. & Mrs. Smith', 'slug:mr-and-mrs-smith'),
      w('The Boys', 'slug:the-boys'),
    ],
  },
  {
    name: 'hover overlays: the title only in a hidden overlay, icon-only buttons, ids from onclick, a "See all" card, lightbox galleries',
    file: 'hover-overlay-icons.html',
    url: 'https://cinestream.example/browse',
    tiles: [
      w('Perfect Days', 'id:m-4417', 2023, 'New arrivals'),
      w('The Zone of Interest', 'id:m-4418', 2023),
      w('Fallen Leaves', 'id:m-4419', 2023),
      w('Anatomy of a Fall', 'id:m-4420', 2023),
    ],
  },
  {
    name: 'digit-only titles in title slots; ratings, ranks and view counts are not titles; ids from data-href',
    file: 'digit-titles.html',
    url: 'https://kinotek.example/films',
    tiles: [
      w('1917', 'film/530915', 2019, 'War and history'),
      w('300', 'film/1271', 2006),
      w('2012', 'film/14161', 2009),
      w('21', 'film/8065', 2008),
      w('9', 'film/12244', 2009),
      w('Saving Private Ryan', 'film/857', 1998),
      w('Dune: Part Two', 'film/693134', null, 'Most watched this week'),
      w('Oppenheimer', 'film/872585'),
      w('42', 'film/2012'),
    ],
  },
  {
    name: 'poster tiles with data ids, a player in a modal (its "more" row is not on screen), people and genre chips left out',
    file: 'modal-player.html',
    url: 'https://arthouse.example/',
    tiles: [
      w('In the Mood for Love', 'id:ah-0192', null, 'Staff picks'),
      w('Portrait of a Lady on Fire', 'id:ah-0417'),
      w('Drive My Car', 'id:ah-0733'),
      w('Aftersun', 'id:ah-0811'),
    ],
  },
  {
    name: 'hash-route app: background-image cards whose onclick sets the route; live channels left out',
    file: 'hash-route-app.html',
    url: 'https://telly.example/#/home',
    tiles: [
      w('Hey Duggee', 'series/3301'),
      w('Peppa Pig', 'series/3302'),
      w('My Neighbor Totoro', 'movie/4410', 1988),
      w('Paddington 2', 'movie/4411', 2017),
    ],
  },
  {
    name: 'images as the tiles themselves: "Title (Year)" alts, a "See all" image, a cast row, partner logos',
    file: 'img-only-strip.html',
    url: 'https://retroreels.example/',
    tiles: [
      w('Double Indemnity', 'slug:double-indemnity', 1944, 'Film noir'),
      w('The Third Man', 'slug:the-third-man', 1949),
      w('Sunset Boulevard', 'slug:sunset-boulevard', 1950),
      w('Laura', 'slug:laura', 1944),
      w('Metropolis', 'slug:metropolis', 1927, 'Silent era'),
      w('Nosferatu', 'slug:nosferatu', 1922),
      w('The General', 'slug:the-general', 1926),
    ],
  },
  {
    name: 'link rows and link-less rows on one page; creator avatars in links; an ad rail',
    file: 'mixed-rows.html',
    url: 'https://freeflix.example/',
    tiles: [
      w('The Empire Strikes Back', 'movie/1891'),
      w('Back to the Future', 'movie/105'),
      w('E.T. the Extra-Terrestrial', 'movie/601'),
      w('Back to the Future', 'id:105', 1985, 'Recently watched'),
      w('Raiders of the Lost Ark', 'id:85', 1981),
      w('The Terminator', 'id:218', 1984),
    ],
  },
  {
    name: 'negative: a shop app with clickable div product cards and a brand wall has no title tiles',
    file: 'shop-spa.html',
    url: 'https://gadgetry.example/headphones',
    tiles: [],
  },
];

const totals = { expected: 0, found: 0, right: 0, extra: 0 };

describe('generic adapter on link-less single-page apps', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const doc = loadFixture(import.meta.url, c.file, c.url);
    const tiles = g.findTiles(doc);
    const infos = tiles.map((t) => g.readTile(t)).filter((i): i is TileInfo => i !== null);
    const got = infos.map((i) => ({ title: i.title, id: i.siteItemId }));
    const want = c.tiles.map((t) => ({ title: t.title, id: t.id }));
    const right = want.filter((t) => got.some((x) => x.title === t.title && x.id === t.id)).length;
    const extra = got.filter((x) => !want.some((t) => t.title === x.title && t.id === x.id));
    totals.expected += want.length;
    totals.found += got.length;
    totals.right += right;
    totals.extra += extra.length;
    console.info(
      `${c.file}: ${right}/${want.length} right, ${got.length} found, extra: ${extra.map((x) => `${x.title} [${x.id}]`).join(' | ') || 'none'}`,
    );
    expect(got).toEqual(want);
    for (const [i, t] of c.tiles.entries()) {
      if (t.year !== undefined) expect(infos[i]?.year, `${t.title} year`).toBe(t.year);
      if (t.row !== undefined) expect(g.readRow(tiles[i]!), `${t.title} row`).toBe(t.row);
    }
  });

  it('totals over the link-less fixtures', () => {
    console.info(`link-less fixtures: ${totals.right}/${totals.expected} tiles right, ${totals.found} found, ${totals.extra} false positives`);
    expect(totals.extra).toBe(0);
  });
});

describe('link-less cards: contract', () => {
  it('a card added on its own is judged by its peers already on the page', () => {
    const doc = loadFixture(import.meta.url, 'hover-overlay-icons.html', 'https://cinestream.example/browse');
    const card = doc.querySelector('.media-card')!;
    expect(g.findTiles(card)).toEqual([card]);
    expect(g.findTiles(doc.querySelector('.topnav')!)).toEqual([]);
  });

  it('reads fresh: a recycled card reports its new id and title', () => {
    const doc = loadFixture(import.meta.url, 'modal-player.html', 'https://arthouse.example/');
    const tile = g.findTiles(doc)[0]!;
    tile.setAttribute('data-title-id', 'ah-9999');
    tile.querySelector('img')!.setAttribute('alt', 'Happy Together');
    expect(g.readTile(tile)).toMatchObject({ siteItemId: 'id:ah-9999', title: 'Happy Together', url: null });
  });

  it('the same title twice on a page is one title; a route is never run, only read', () => {
    const doc = loadFixture(import.meta.url, 'streaming-rows.html', 'https://www.flixly.example/browse');
    const ids = g.findTiles(doc).map((t) => g.readTile(t)!.siteItemId);
    expect(new Set(ids).size).toBe(ids.length - 2); // Stranger Things and Dark appear twice
    const hostile = loadFixture(import.meta.url, 'hash-route-app.html', 'https://telly.example/#/home');
    const card = g.findTiles(hostile)[0]!;
    card.setAttribute('onclick', "location.href='javascript:alert(1)'");
    expect(g.readTile(card)).toMatchObject({ siteItemId: 'slug:hey-duggee', url: null });
  });
});

describe('the demo app built without links (/app)', () => {
  it('every tile of every row is found, with its data-id and visible name, and nothing else', () => {
    // demo-app.html is demo/lib/app.mjs's page, saved: node -e "import('./demo/lib/app.mjs').then(…String(m.appPage())…)"
    const doc = loadFixture(import.meta.url, 'demo-app.html', 'http://127.0.0.1:5178/app');
    const want = Array.from(doc.querySelectorAll('.rh-row__items > [data-id]'), (el) => ({
      title: el.querySelector('.rh-card__title')?.textContent ?? (el.tagName === 'IMG' ? el : el.querySelector('img'))!.getAttribute('alt'),
      id: `id:${el.getAttribute('data-id')}`,
    }));
    expect(want.length).toBe(26);
    const tiles = g.findTiles(doc);
    expect(tiles.map((t) => g.readTile(t)).map((i) => ({ title: i?.title, id: i?.siteItemId }))).toEqual(want);
    expect(g.readRow(tiles.at(-1)!)).toBe('Top 10 today');
  });
});
