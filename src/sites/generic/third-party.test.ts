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
import { loadFixture } from '../shared/load-fixture';
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
});
