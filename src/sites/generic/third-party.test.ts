// @vitest-environment happy-dom
/**
 * The generic adapter on pages shaped like real third-party sites it was not written for:
 * own minimal markup reproducing each site's public structure (Angular custom elements,
 * CSS-in-JS class hashes, hash-route SPAs, table rows, carousels with clones, lazy images).
 * Each case lists every real title tile on the page, in document order; anything else found
 * (navigation, footers, ads, categories, lists, carousel clones) is a false positive.
 */
import { describe, expect, it } from 'vitest';
import type { TitleKind } from '../../store/records';
import { loadFixture } from '../../../test/support/load-fixture';
import type { TileInfo } from '../types';
import { genericAdapter as g } from '.';

interface Want {
  title: string;
  id: string;
  year?: number | null;
  kind?: TitleKind;
}

interface Case {
  name: string;
  file: string;
  url: string;
  tiles: Want[];
  /** Tiles that may be found or not (ambiguous: a single live card, a review card); by id. */
  optional?: string[];
}

const w = (title: string, id: string, year?: number | null, kind?: TitleKind): Want => ({ title, id, year, kind });

const CASES: Case[] = [
  {
    name: 'PeerTube-like video grid (Angular my-video-miniature, channel avatars, durations, views)',
    file: 'peertube-videos.html',
    url: 'https://framatube.example/videos/recently-added',
    tiles: [
      w('What is PeerTube?', 'kkGMgK9ZtnKfYAgnEtQxbv'),
      w('Sintel - Open Movie by Blender Foundation', '9c9de5e8-0a1b-4c3d-8e2f-5a6b7c8d9e0f'),
      w('Big Buck Bunny', 'p3LvtbQPVQCCmFyQ2FRfzW'),
      w('Live: PeerTube v6 release Q&A', 'wqQv4xJ8rNsVB2hTz5uXkE'),
      w('Elephants Dream', '3fVtYpJcA1mnK7Lr8sQe2D'),
      w('Tears of Steel', 'watch/6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d'),
    ],
  },
  {
    name: 'Vimeo-like grid (hashed CSS-in-JS classes, numeric ids, bare-path author links, badges)',
    file: 'vimeo-staffpicks.html',
    url: 'https://vimeo.example/watch',
    tiles: [
      w('The Last Lighthouse Keeper', 'staffpicks/912340571'),
      w('Paper Birds', 'staffpicks/911875522'),
      w('Salt: A Documentary Short', 'staffpicks/910660213'),
      w('Night Swim', 'staffpicks/909981004'),
      w('Mountains of the Moon — Full Film', '908812345'),
      w('Glass', '908800777'),
      w("Harbour Lights (Director's Cut)", '908777001'),
    ],
  },
  {
    name: 'IMDb-like chart (h3 "1. Title" next to the poster link, actor-laden alt texts, ipc-poster-card shoveler)',
    file: 'imdb-chart.html',
    url: 'https://www.imdb.example/chart/top/',
    tiles: [
      w('The Shawshank Redemption', 'tt0111161', 1994),
      w('The Godfather', 'tt0068646', 1972),
      w('The Dark Knight', 'tt0468569', 2008),
      w('The Godfather Part II', 'tt0071562', 1974),
      w('12 Angry Men', 'tt0050083', 1957),
      w("Schindler's List", 'tt0108052', 1993),
      w('The Lord of the Rings: The Return of the King', 'tt0167260', 2003),
      w('Pulp Fiction', 'tt0110912', 1994),
      w('Fight Club', 'tt0137523'),
      w('Forrest Gump', 'tt0109830'),
      w('Inception', 'tt1375666'),
      w('The Matrix', 'tt0133093'),
      w('Goodfellas', 'tt0099685'),
    ],
  },
  {
    name: 'Letterboxd-like poster grid (title only in img[alt]/data-film-name; list previews and avatars are not titles)',
    file: 'letterboxd-films.html',
    url: 'https://letterboxd.example/films/popular/',
    tiles: [
      w('Oppenheimer', 'film/oppenheimer-2023', undefined, 'movie'),
      w('Barbie', 'film/barbie'),
      w('Poor Things', 'film/poor-things-2023'),
      w('Past Lives', 'film/past-lives'),
      w('Killers of the Flower Moon', 'film/killers-of-the-flower-moon'),
      w('The Zone of Interest', 'film/the-zone-of-interest'),
      w('Anatomy of a Fall', 'film/anatomy-of-a-fall'),
      w('Dune: Part Two', 'film/dune-part-two'),
      w('The Thing', 'film/the-thing'),
      w('Alien', 'film/alien'),
      // Review cards: a film poster and the film's name beside someone's review.
      w('Oppenheimer', 'film/oppenheimer-2023'),
      w('Barbie', 'film/barbie'),
      w('Poor Things', 'film/poor-things-2023'),
    ],
  },
  {
    name: 'Emby-like home (div.card, background posters, hash-route links, title link apart from the poster)',
    file: 'emby-home.html',
    url: 'https://media.home.example/web/index.html#!/home',
    tiles: [
      w('The Grand Budapest Hotel', 'id:a1f3c2', 2014),
      w('Arrival', 'id:b27d90', 2016),
      w('Mad Max: Fury Road', 'id:c3e815', 2015),
      w('Her', 'id:d4a6f1', 2013),
      w('Interstellar', 'id:e59b27', 2014),
      w('Whiplash', 'id:f6c0d3', 2014),
      w('Severance', 'id:0a7e11', 2022),
      w('Better Call Saul', 'id:1b8f22', 2015),
      w('Chernobyl', 'id:2c9033', 2019),
      w('Andor', 'id:3da144', 2022),
    ],
  },
  {
    name: 'Plex-like library (hashed classes, hash routes with the id in a query parameter, "Title, Year" labels)',
    file: 'plex-library.html',
    url: 'https://app.plex.example/desktop/#!/media/3f9a/com.plexapp.plugins.library?source=1',
    tiles: [
      w('Arrival', 'key:/library/metadata/4521', 2016),
      w('Blade Runner', 'key:/library/metadata/4530', 1982),
      w('Children of Men', 'key:/library/metadata/4544', 2006),
      w('Ex Machina', 'key:/library/metadata/4551', 2014),
      w('Gattaca', 'key:/library/metadata/4563', 1997),
      w('Moon', 'key:/library/metadata/4570', 2009),
      w('Sunshine', 'key:/library/metadata/4588', 2007),
    ],
  },
  {
    name: 'Archive.org-like results (div.item-ia, stats in h6 headings; collections are not titles)',
    file: 'archive-search.html',
    url: 'https://archive.example/search.php?query=collection%3A%28feature_films%29',
    tiles: [
      w('Night of the Living Dead', 'details/night_of_the_living_dead', 1968),
      w('His Girl Friday', 'details/His_Girl_Friday_1940', 1940),
      w('Nosferatu', 'details/Nosferatu_1922', 1922),
      w('Charade', 'details/charade_1963', 1963),
      w('The General', 'details/TheGeneral1926', 1926),
      w('Plan 9 From Outer Space', 'details/plan_9_from_outer_space', 1959),
      w('Detour', 'details/DetourMovie', 1945),
    ],
  },
  {
    name: 'Kodi-like library table (rows as tiles, 4K/HDR/NEW badges beside the title, split title spans)',
    file: 'media-table.html',
    url: 'http://kodi.local:8080/movies?view=list',
    tiles: [
      w('The Matrix', 'movie/12', 1999, 'movie'),
      w('Heat', 'movie/15', 1995),
      w('Spider-Man: Across the Spider-Verse', 'movie/21', 2023),
      w('Amélie', 'movie/27', 2001),
      w('Blade Runner 2049', 'movie/33', 2017),
      w('Seven Samurai', 'movie/40', 1954),
      w('Paprika', 'movie/44', 2006),
      w('Stalker', 'movie/48', 1979),
    ],
  },
  {
    name: 'Twitch-like videos (article with h3[title]; channel, avatar and category links inside each card)',
    file: 'twitch-videos.html',
    url: 'https://www.twitch.example/speedygamer/videos',
    tiles: [
      w('Speedrunning Hollow Knight any% — new PB attempts all night', 'videos/2051234567', undefined, 'video'),
      w('Elden Ring DLC blind playthrough part 3', 'videos/2049876543'),
      w('Chill Sunday: viewer games & Q&A', 'videos/2047712001'),
      w('Tournament finals (full broadcast)', 'videos/2045500988'),
      w('Retro night: Super Metroid 100%', 'videos/2043390017'),
    ],
    optional: ['speedygamer'], // the one live card: alone in its row
  },
  {
    name: 'Streaming home with carousels (slick/swiper clones, lazy images, split titles, badges, Top 10 ranks, ads)',
    file: 'carousel-home.html',
    url: 'https://www.streamly.example/',
    tiles: [
      w('Shōgun', 'series/991', null, 'series'), // the lone hero: a series, linked, on a page about something else
      w('The Iron Claw', 'movie/4821', 2023),
      w('Poor Things', 'movie/4833', 2023),
      w('Shōgun', 'series/991', 2024, 'series'),
      w('Civil War', 'movie/4850', 2024),
      w('The Bear', 'series/1002', 2022),
      w('Spider-Man: Into the Spider-Verse', 'movie/877', 2018),
      w('The Lord of the Rings: The Fellowship of the Ring', 'movie/3310', 2001),
      w('Everything Everywhere All at Once', 'movie/3402', 2022),
      w('Mission: Impossible – Dead Reckoning Part One', 'movie/3521', 2023),
      w('Oppenheimer', 'movie/5001'),
      w('Fallout', 'series/1100'),
      w('Dune: Part Two', 'movie/5012'),
      w('Baby Reindeer', 'series/1111'),
      w('Godzilla Minus One', 'movie/5020'),
    ],
  },
  {
    name: 'Crunchyroll-like browse grid (hover panel repeats the title, empty overlay link, "Sub | Dub")',
    file: 'anime-browse.html',
    url: 'https://www.crunchyroll.example/videos/popular',
    tiles: [
      w('Jujutsu Kaisen', 'series/GRDV0019R', undefined, 'series'),
      w('Demon Slayer: Kimetsu no Yaiba', 'series/GY5P48XEY'),
      w('SPY x FAMILY', 'series/G4PH0WXVJ'),
      w('Frieren: Beyond Journey’s End', 'series/GG5H5XQ7D'),
      w('One Piece', 'series/GRMG8ZQZR'),
      w('Solo Leveling', 'series/G9VHN9P43'),
    ],
  },
];

interface Score {
  found: number;
  expected: number;
  matched: number;
  falsePositives: string[];
  titlesRight: number;
  idsRight: number;
}

/** The last path segment of a wanted id ("film/alien" → "alien", "key:/library/metadata/4521" → "4521"). */
const idTail = (id: string) => id.split(/[/:]/).filter(Boolean).at(-1) ?? id;

/**
 * Match found tiles to wanted ones in document order: by id, else by a link to the wanted
 * item inside the card (the right card read with a wrong id or title still counts as found).
 */
function score(c: Case, tiles: Element[], infos: (TileInfo | null)[]): Score {
  const left = [...c.tiles];
  const optional = new Set(c.optional ?? []);
  const falsePositives: string[] = [];
  let matched = 0;
  let found = 0;
  let titlesRight = 0;
  let idsRight = 0;
  for (const [n, info] of infos.entries()) {
    if (!info) continue;
    found++;
    const hrefs = Array.from(tiles[n]!.querySelectorAll('a[href]'), (a) => decodeURIComponent(a.getAttribute('href')!));
    if (tiles[n]!.hasAttribute('href')) hrefs.push(tiles[n]!.getAttribute('href')!);
    let i = left.findIndex((t) => t.id === info.siteItemId);
    if (i < 0) i = left.findIndex((t) => hrefs.some((h) => h.includes(idTail(t.id))));
    if (i < 0) {
      if (!optional.has(info.siteItemId)) falsePositives.push(`${info.title} [${info.siteItemId}]`);
      continue;
    }
    const want = left.splice(i, 1)[0]!;
    matched++;
    if (want.title === info.title) titlesRight++;
    if (want.id === info.siteItemId) idsRight++;
  }
  return { found, expected: c.tiles.length, matched, falsePositives, titlesRight, idsRight };
}

describe('generic adapter on third-party-like pages', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const doc = loadFixture(import.meta.url, c.file, c.url);
    const tiles = g.findTiles(doc);
    const read = tiles.map((t) => g.readTile(t));
    const infos = read.filter((i): i is TileInfo => i !== null);
    const s = score(c, tiles, read);
    console.info(
      `${c.file}: tiles ${s.matched}/${s.expected} (found ${s.found}, false positives ${s.falsePositives.length}), ` +
        `titles right ${s.titlesRight}/${s.expected}, ids right ${s.idsRight}/${s.expected}` +
        (s.falsePositives.length ? `; extra: ${s.falsePositives.join(' | ')}` : ''),
    );
    const optional = new Set(c.optional ?? []);
    const got = infos.filter((i) => !optional.has(i.siteItemId));
    // Every real tile, in document order, with its exact title and the site's id; nothing else.
    expect(got.map((i) => ({ title: i.title, id: i.siteItemId }))).toEqual(c.tiles.map((t) => ({ title: t.title, id: t.id })));
    for (const [i, want] of c.tiles.entries()) {
      if (want.year !== undefined) expect(got[i]?.year, `${want.title} year`).toBe(want.year);
      if (want.kind !== undefined) expect(got[i]?.kind, `${want.title} kind`).toBe(want.kind);
    }
  });

  it('carousel: lazy images resolved, rows named, an off-site ad slide dropped even when scanned on its own', () => {
    const doc = loadFixture(import.meta.url, 'carousel-home.html', 'https://www.streamly.example/');
    const tiles = g.findTiles(doc);
    const info = (i: number) => g.readTile(tiles[i]!)!;
    expect(info(0).imageUrl).toBe('https://images.streamly.example/backdrops/shogun-1920.jpg'); // the hero's background
    expect(info(1).imageUrl).toBe('https://images.streamly.example/posters/movie/4821/the-iron-claw/w342.jpg'); // data-src
    expect(info(6).imageUrl).toBe('https://images.streamly.example/landscape/spider-man-into-the-spider-verse-480.jpg'); // srcset only
    expect(info(10).imageUrl).toBe('https://images.streamly.example/posters/movie/5001/oppenheimer/w342.jpg'); // data-background
    expect([1, 6, 10].map((i) => g.readRow(tiles[i]!))).toEqual(['Trending now', 'Blockbusters', 'Top 10 this week']);
    // The tile scanner also runs findTiles on each added subtree.
    const ad = doc.querySelector('[aria-label="Advertisement"]')!;
    expect(g.findTiles(ad)).toEqual([]);
    const slide = ad.nextElementSibling!;
    expect(g.findTiles(slide)).toEqual([slide]);
  });

  it('hash-route apps: the tile opens the route, and a recycled tile reports its new route', () => {
    const doc = loadFixture(import.meta.url, 'plex-library.html', CASES.find((c) => c.file === 'plex-library.html')!.url);
    const tile = g.findTiles(doc)[0]!;
    expect(g.readTile(tile)?.url).toMatch(/^https:\/\/app\.plex\.example\/desktop\/#!\/server\/[0-9a-f]+\/details\?key=%2Flibrary%2Fmetadata%2F4521/);
    for (const a of Array.from(tile.querySelectorAll('a'))) a.setAttribute('href', '#!/server/3f9a/details?key=%2Flibrary%2Fmetadata%2F9999');
    expect(g.readTile(tile)?.siteItemId).toBe('key:/library/metadata/9999');
  });
});
