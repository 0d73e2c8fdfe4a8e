// @vitest-environment happy-dom
/**
 * Known gaps of the generic adapter, closed by general rules:
 *
 * 1. a list of spans of one video or podcast (chapters "0:00 – 5:12 Opening", a course's lessons
 *    in one long video, a podcast's running order) is drawn like a live guide's programme cells,
 *    and names parts of what plays, not titles; a guide in 24-hour times stays a guide;
 * 2. a live section's event pages (`/live/events/<slug>`, a dated `/live/<slug>`) are titles, its
 *    channels (`/live/tv/<channel>`, `/channels/<channel>`) are not;
 * 3. a series or film named like its service ("Peacock" on peacocktv.com) is a title where an
 *    item is named (a tile, JSON-LD, a player slot over an episode line, a media session joining
 *    such a tile); the service's name where the page or site is named still names nothing;
 * 4. a link to a section of the site (`/films`, `/en/movies`) is no title, so a header whose one
 *    title-like link it was no longer makes the whole app a tile.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '../../../test/support/load-fixture';
import { expectCase, type TileCase, want as w } from '../../../test/support/tile-cases';
import { titleOfSession } from '../../record/media-session';
import type { TileInfo } from '../types';
import { genericAdapter as g } from '.';
import { isTitleLinkUrl, linkParts } from './links';
import { timeSlotEnds } from './title';

const titlesOf = (doc: Document, root: ParentNode = doc) => g.findTiles(root).map((t) => g.readTile(t)?.title ?? null);

describe('1. chapter, lesson and running-order lists are no live guides', () => {
  const CASES: TileCase[] = [
    {
      name: 'a video page: its chapters ("0:00 – 5:12 Opening") are no titles; the related videos are',
      file: 'video-chapters.html',
      url: 'https://reelhouse.example/videos/8812/the-vault-job',
      tiles: [
        w('The Last Getaway', 'videos/7710', 2019, 'More documentaries'),
        w('Bank of Lies', 'videos/6604', 2020),
        w('Inside Job', 'videos/5520', 2010),
      ],
    },
    {
      name: 'a course in one video: its lessons ("Lesson 3 · …", "12:04 – 18:37") are no titles',
      file: 'course-lessons.html',
      url: 'https://learnly.example/courses/film-editing/learn',
      tiles: [],
    },
    {
      name: "a podcast episode: its running order's segments are no titles",
      file: 'podcast-running-order.html',
      url: 'https://screeningroom.example/episodes/212',
      tiles: [],
    },
    {
      name: 'a guide in 24-hour times, rows per channel, a "Now" badge: every programme is a title, no channel is',
      file: 'guide-24h.html',
      url: 'https://www.fernsehen.example/tv-programm',
      tiles: [
        w('Sportschau', 'slug:sportschau'),
        w('Tagesschau', 'slug:tagesschau'),
        w('Tatort: Borowski und der Schatten des Mondes', 'slug:tatort-borowski-und-der-schatten-des-mondes'),
        w('Tagesthemen', 'slug:tagesthemen'),
        w('Die Rosenheim-Cops', 'slug:die-rosenheim-cops'),
        w('Der Kriminalist', 'slug:der-kriminalist'),
        w('heute journal', 'slug:heute-journal'),
        w('Arte Reportage', 'slug:arte-reportage'),
        w('Das Leben der Anderen', 'slug:das-leben-der-anderen'),
        w('Paris, Texas', 'slug:paris-texas'),
      ],
    },
  ];
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => expectCase(import.meta.url, c));

  /** The page with every class, id and heading that says what its lists are taken away: the times alone. */
  const bare = (file: string, url: string) => {
    const doc = loadFixture(import.meta.url, file, url);
    for (const el of Array.from(doc.querySelectorAll('h2, .sidebar-header'))) el.remove();
    for (const el of Array.from(doc.querySelectorAll('[class], [aria-labelledby]'))) {
      const time = /time/i.test(el.getAttribute('class') ?? '');
      el.removeAttribute('aria-labelledby');
      // The time holder keeps a neutral time class: that is how a guide's cell is found at all.
      el.setAttribute('class', time ? 'time' : 'x');
    }
    return doc;
  };

  it('without their headings and class words, the times alone tell spans from times of day', () => {
    expect(titlesOf(bare('video-chapters.html', 'https://reelhouse.example/videos/8812/the-vault-job'))).toEqual([
      'The Last Getaway',
      'Bank of Lies',
      'Inside Job',
    ]);
    expect(titlesOf(bare('course-lessons.html', 'https://learnly.example/courses/film-editing/learn'))).toEqual([]);
    expect(titlesOf(bare('podcast-running-order.html', 'https://screeningroom.example/episodes/212'))).toEqual([]);
    expect(titlesOf(bare('guide-24h.html', 'https://www.fernsehen.example/tv-programm'))).toHaveLength(10);
  });

  const list = (slots: string[], extra = '') =>
    parseHtml(
      `<body><main>${extra}<ul>${slots.map((t, i) => `<li tabindex="0"><span class="time">${t}</span> <span class="name">Part ${String.fromCharCode(65 + i)}</span></li>`).join('')}</ul></main></body>`,
      'https://media.example/v/1',
    );

  it("spans from 0:00 beside the page's video are chapters, even on five-minute marks and under an hour", () => {
    expect(titlesOf(list(['0:00 – 5:10', '5:10 – 12:40', '12:40 – 20:05'], '<video src="https://media.example/v/1.mp4" controls></video>'))).toEqual(
      [],
    );
  });

  it('spans off the five-minute marks are minutes and seconds, even with no media on the page', () => {
    expect(titlesOf(list(['03:15 – 08:42', '08:42 – 14:07', '14:07 – 19:55']))).toEqual([]);
  });

  it('times of day stay a guide: AM/PM beside a live player, 24-hour hours from midnight with no media', () => {
    const doc = loadFixture(import.meta.url, 'pluto-guide.html', 'https://pluto.tv/us/live-tv');
    const player = doc.createElement('video');
    player.setAttribute('src', 'https://stream.pluto.example/live/52.m3u8');
    doc.querySelector('main')!.prepend(player);
    expect(titlesOf(doc)).toContain('CSI: Miami');
    expect(titlesOf(doc)).toContain('Star Trek: Voyager');
    expect(titlesOf(list(['00:00 – 01:30', '01:30 – 03:00', '03:00 – 04:45']))).toEqual(['Part A', 'Part B', 'Part C']);
    expect(titlesOf(list(['12:00 AM – 1:30 AM', '1:30 AM – 3:00 AM', '3:00 AM – 4:45 AM'], '<video></video>'))).toEqual([
      'Part A',
      'Part B',
      'Part C',
    ]);
  });

  it('a guide row scanned on its own is still judged as a guide', () => {
    const doc = loadFixture(import.meta.url, 'guide-24h.html', 'https://www.fernsehen.example/tv-programm');
    const row = doc.querySelector('.epg__slots')!;
    expect(titlesOf(doc, row)).toEqual(['Sportschau', 'Tagesschau', 'Tatort: Borowski und der Schatten des Mondes', 'Tagesthemen']);
  });

  it("a slot's ends read as numbers, and AM/PM marks a time of day", () => {
    expect(timeSlotEnds('0:00 – 5:12 Opening')).toEqual({
      ends: [
        [0, 0],
        [5, 12],
      ],
      meridiem: false,
    });
    expect(timeSlotEnds('CSI: Miami 7:30 PM - 8:30 PM')).toEqual({
      ends: [
        [7, 30],
        [8, 30],
      ],
      meridiem: true,
    });
    expect(timeSlotEnds('9pm to 10:15pm')).toEqual({
      ends: [
        [9, 0],
        [10, 15],
      ],
      meridiem: true,
    });
    expect(timeSlotEnds('Lesson 3 · 12:04')).toBeNull();
  });
});

describe('2. live events are titles, live channels are not', () => {
  it('a live page: event cards (/live/events/…, a dated /live/…) are titles; /live/tv/… and /channels/… logos are not', () =>
    expectCase(import.meta.url, {
      name: 'live-events',
      file: 'live-events.html',
      url: 'https://www.stagepass.example/live',
      tiles: [
        w('Coldplay: Live at Glastonbury', 'coldplay-live-at-glastonbury', null, 'Live events'),
        w('The Last Dance at Wimbledon', 'the-last-dance-at-wimbledon'),
        w('Hamilton: Opening Night', 'hamilton-opening-night'),
        w('Glastonbury: The Pyramid Stage', 'pyramid-stage-2024'),
        w('Stop Making Sense', 'films/stop-making-sense', 1984, 'Films'),
        w('Summer of Soul', 'films/summer-of-soul', 2021),
        w('Amazing Grace', 'films/amazing-grace', 2018),
      ],
    }));

  it('by path: an event or programme under a live section is a title link; a channel, a stream or the section is not', () => {
    const base = new URL('https://www.stagepass.example/live');
    const titleLink = (href: string) => isTitleLinkUrl(linkParts(href, base)!, base.host);
    for (const href of [
      '/live/events/coldplay-live-at-glastonbury',
      '/live/shows/the-late-set',
      '/us/live-tv/programmes/the-final',
      '/live/glastonbury-2024',
      '/channels/staffpicks/909981004',
    ])
      expect(titleLink(href), href).toBe(true);
    for (const href of [
      '/live',
      '/live/tv/stagepass-one',
      '/live/400000123',
      '/live/cbs-news-24-7',
      '/live-tv/stream/cbs-news/',
      '/live/events',
      '/channels/opera-house',
      '/channels',
    ])
      expect(titleLink(href), href).toBe(false);
  });
});

describe('3. a title named like its service is a title where an item is named', () => {
  const PEACOCK = 'https://www.peacocktv.com/watch/playback/vod/GMO_00000000991234_01/4d2e6f8a';
  const HEAD = '<title>Peacock</title><meta property="og:site_name" content="Peacock">';
  const playerPage = (overlay: string, head = HEAD) =>
    parseHtml(
      `<html><head>${head}</head><body><div class="video-player"><video src="blob:https://www.peacocktv.com/1"></video><div class="player-controls"><div role="slider" aria-label="Seek"></div>${overlay}</div></div></body></html>`,
      PEACOCK,
    );
  const playing = (doc: Document) => g.readPlaying(doc, new URL(PEACOCK));

  it('a home page row: the series "Peacock" is a tile like its neighbours; the logo is not', () =>
    expectCase(import.meta.url, {
      name: 'brand-named-title',
      file: 'brand-named-title.html',
      url: 'https://www.peacocktv.com/watch/home',
      tiles: [
        w('Poker Face', 'tv/b3c52e1a-7f41-3d8a-a2c2-4b1e5c9d7f01', null, 'Trending Now'),
        w('Peacock', 'tv/d9a01f6b-2c4e-3b7d-9e8f-1a2b3c4d5e6f'),
        w('The Office', 'tv/5e7f9a1b-3c5d-3e7f-8a9b-0c1d2e3f4a5b'),
        w('Oppenheimer', 'movies/7a8b9c0d-1e2f-3a4b-5c6d-7e8f9a0b1c2d'),
      ],
    }));

  it('a player overlay naming the series "Peacock" over its episode line names it', () => {
    const doc = playerPage('<h2 class="player-title">Peacock</h2><div class="player-subtitle">S1 E2 · The Nest</div>');
    expect(playing(doc)).toMatchObject({ title: 'Peacock', kind: 'episode', description: 'S1 E2 · The Nest' });
  });

  it("the service's name alone names nothing: a bare overlay slot, the document title, an og:title, a player label", () => {
    expect(playing(playerPage('<h2 class="player-title">Peacock</h2>'))).toBeNull();
    expect(playing(playerPage(''))).toBeNull();
    const og = `${HEAD}<meta property="og:type" content="video.tv_show"><meta property="og:title" content="Peacock"><meta property="og:url" content="${PEACOCK}">`;
    expect(playing(playerPage('', og))).toBeNull();
    const labelled = playerPage('');
    labelled.querySelector('.video-player')!.setAttribute('aria-label', 'Video player: Peacock');
    expect(playing(labelled)).toBeNull();
  });

  it("a slot with the service's logo text beside the real title yields to the title", () => {
    const doc = playerPage(
      '<h3 class="brand-title">Peacock</h3><h2 class="player-title">Poker Face</h2><div class="player-subtitle">S2 E1 · The Game Is a Foot</div>',
    );
    expect(playing(doc)).toMatchObject({ title: 'Poker Face', kind: 'episode' });
  });

  it('JSON-LD naming a series or film like the service names it', () => {
    const ld = (type: string, name: string, url: string) =>
      `<script type="application/ld+json">{"@context":"https://schema.org","@type":"${type}","name":"${name}","url":"${url}"}</script>`;
    expect(playing(playerPage('', HEAD + ld('TVSeries', 'Peacock', PEACOCK)))).toMatchObject({ title: 'Peacock', kind: 'series' });
    const crave = 'https://www.crave.ca/en/movie/crave-41231';
    const doc = parseHtml(
      `<html><head><title>Crave</title><meta property="og:site_name" content="Crave">${ld('Movie', 'Crave', crave)}</head><body></body></html>`,
      crave,
    );
    expect(g.readPlaying(doc, new URL(crave))).toMatchObject({ title: 'Crave', kind: 'movie' });
  });

  it('a media session naming the service joins a tile of that name on the page; with no such tile, it names nothing', () => {
    const tile: TileInfo = {
      siteItemId: 'tv/d9a01f6b-2c4e-3b7d-9e8f-1a2b3c4d5e6f',
      title: 'Peacock',
      year: null,
      kind: 'series',
      genres: [],
      description: null,
      imageUrl: null,
      url: 'https://www.peacocktv.com/watch/asset/tv/peacock/d9a01f6b-2c4e-3b7d-9e8f-1a2b3c4d5e6f',
    };
    const session = { title: 'Peacock', artist: null, album: null, imageUrl: null };
    expect(titleOfSession(session, [tile], null, PEACOCK)?.siteItemId).toBe(tile.siteItemId);
    expect(titleOfSession(session, [], null, PEACOCK)).toBeNull();
    expect(titleOfSession({ ...session, title: 'Disney+' }, [tile], null, 'https://www.disneyplus.com/play/1')).toBeNull();
  });
});

describe('4. a link to a section ("/films") is no title', () => {
  it('reads the path alone: kind words after an optional locale make a section; a title under them is a title', () => {
    const base = new URL('https://www.cinema.example/');
    const at = (path: string) => isTitleLinkUrl(linkParts(path, base)!, base.host);
    for (const p of ['/films', '/en/movies', '/tv/shows', '/series/', '/videos']) expect(at(p), p).toBe(false);
    for (const p of ['/film/heat-1995', '/films/4412', '/en/movies/dune-2021', '/heat-1995/watch', '/watch?v=abc123']) expect(at(p), p).toBe(true);
  });

  it('a header whose one title-like link is the films section does not make the whole app a tile named after the first row', () => {
    const doc = loadFixture(import.meta.url, 'live-events.html', 'https://www.stagepass.example/live');
    // Its other nav links lead to live TV and channels, which are no titles either.
    doc.querySelector('.app-header__nav a[href="/new"]')?.remove();
    const tiles = g.findTiles(doc);
    expect(tiles.some((t) => t.contains(doc.querySelector('header')))).toBe(false);
    expect(tiles.map((t) => g.readTile(t)?.title)).toEqual([
      'Coldplay: Live at Glastonbury',
      'The Last Dance at Wimbledon',
      'Hamilton: Opening Night',
      'Glastonbury: The Pyramid Stage',
      'Stop Making Sense',
      'Summer of Soul',
      'Amazing Grace',
    ]);
  });
});
