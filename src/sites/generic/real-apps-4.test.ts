// @vitest-environment happy-dom
/**
 * A fourth round, on pages built the way streaming services outside the US build them: public
 * broadcasters and arthouse/library services in the UK, Germany, France, Sweden and Asia. A BBC
 * iPlayer-like home (hero slides, continue-watching cards with progress bars, a live-channel strip
 * whose tiles name the programme on now, categories, an app promo), an ITVX-like home (Next.js
 * CSS-module classes, short programme ids after a slug: `/watch/the-tower/10a1928/10a1928a0004`,
 * live channels as `/watch?channel=itv2`), an ARD Mediathek-like home (hashed classes, opaque
 * base64 ids at the end of long paths, episode cards named only "Folge 3", a channel row headed
 * "Sender"), an arte-like home (programme codes `116710-001-A` whose episodes share the number,
 * a category zone), an SVT Play-like home (names only in `data-rt="…-title"` spans after a badge,
 * Swedish seasons and episodes, channels and categories), a MUBI-like film grid (director links,
 * trailer links, Notebook articles), a Kanopy-like Angular browse page (lazy `data:` posters,
 * collections) and a Rakuten Viki-like explore page (celebrities). Own markup.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/support/load-fixture';
import { expectCase, readCase, type TileCase, want } from '../../../test/support/tile-cases';
import { idFromUrl } from '../shared';
import { genericAdapter as g } from '.';
import { titleOfPageText } from './playing';

const w = want;

const ARD_TATORT = 'Y3JpZDovL2Rhc2Vyc3RlLmRlL3RhdG9ydC82Y2Q1YjQxYi1mYzE3LTQ1NzQtYmY3OS1hNGI1YzIxMzY0ZmI';

const CASES: TileCase[] = [
  {
    name: 'BBC iPlayer-like home: hero slides, continue watching with progress bars; live channels, categories and a promo are no titles',
    file: 'iplayer-home.html',
    url: 'https://www.bbc.co.uk/iplayer',
    tiles: [
      w('The Traitors', 'episodes/m0021l9n'),
      w('The Gold', 'episodes/p0gwcr0j'),
      w('Aftersun', 'episode/p0fzv1lm', 2022, null, 'movie'),
      w('The Traitors', 'episode/m0021lbq', null, 'Continue Watching', 'episode'),
      w('EastEnders', 'episode/m001x7c2'),
      w('Doctor Who', 'episode/b0074dmp', null, null, 'episode'),
      w('This Town', 'episodes/p0hf2lbq', null, 'New & Trending'),
      w('Gavin & Stacey', 'episodes/m001tv6q'),
      w('Aftersun', 'episode/p0fzv1lm'),
      w('HARDtalk', 'episodes/b006mkw3'),
    ],
  },
  {
    name: 'ITVX-like home: CSS-module classes, programme and episode ids after a slug, live channels on /watch?channel=…, a plan promo',
    file: 'itvx-home.html',
    url: 'https://www.itv.com/',
    tiles: [
      w('Coronation Street', 'watch/1a0694a9702', null, 'Continue Watching', 'episode'),
      w('The Tower', 'watch/10a1928a0004', null, null, 'episode'),
      w('Love Island', 'watch/2a7610a0042'),
      w('Mr Bates vs The Post Office', 'watch/10a3889', null, 'New on ITVX'),
      w('The Tower', 'watch/10a1928', null, null, 'series'),
      w('The Holiday', 'watch/10a0436', 2006, null, 'movie'),
      w('Vera', 'watch/1a8425'),
    ],
  },
  {
    name: 'ARD Mediathek-like home: a stage teaser, base64 ids at the end of the path, "Folge 3" episode cards, a channel row headed "Sender"',
    file: 'ard-home.html',
    url: 'https://www.ardmediathek.de/',
    tiles: [
      w('Borowski und der Schatten des Mondes', `video/${ARD_TATORT}`, null, null, 'movie'),
      w('Babylon Berlin', 'video/Y3JpZDovL2Rhc2Vyc3RlLmRlL2JhYnlsb24tYmVybGluLzA0YTFjNmY0LTAwMDM', null, 'Weiterschauen', 'episode'),
      w('Sprung ins Ungewisse', 'video/Y3JpZDovL21kci5kZS9iZWl0cmFnL2Ntcy84Y2FkMGQ1ZC1kNjA3', null, null, 'episode'),
      w('Das Lehrerzimmer', 'video/Y3JpZDovL2Rhc2Vyc3RlLmRlL2ZpbG1lLWltLWVyc3Rlbi9sZWhyZXJ6aW1tZXI', null, null, 'movie'),
      w('Babylon Berlin', 'serie/Y3JpZDovL2Rhc2Vyc3RlLmRlL2JhYnlsb24tYmVybGlu', null, 'Serien-Highlights', 'series'),
      w('Die Kanzlei', 'serie/Y3JpZDovL25kci5kZS80MjQ1'),
      w('Charité', 'serie/Y3JpZDovL2Rhc2Vyc3RlLmRlL2NoYXJpdGU'),
    ],
  },
  {
    name: 'arte-like home: a one-slide highlight, programme codes whose episodes share a number, "(1/4)" parts, a category zone',
    file: 'arte-home.html',
    url: 'https://www.arte.tv/en/',
    tiles: [
      w('Fleabag', 'videos/RC-024467'),
      w('The Wire Between Us', 'videos/110342-000-A', null, 'Most viewed'),
      w('The Roman Empire', 'videos/116710-001-A', null, null, 'episode'),
      w('The Roman Empire', 'videos/116710-002-A', null, null, 'episode'),
      w('Portrait of a Lady on Fire', 'videos/103517-000-A', 2019),
      w('Fleabag', 'videos/RC-024467', null, 'Series', 'series'),
      w('The Bureau', 'videos/RC-021418'),
      w('In Therapy', 'videos/RC-022984'),
    ],
  },
  {
    name: 'SVT Play-like home: names in data-rt title spans after a badge, Swedish seasons and episodes; channels and categories are no titles',
    file: 'svtplay-home.html',
    url: 'https://www.svtplay.se/',
    tiles: [
      w('Bron', 'video/eWB6Z3b', null, 'Fortsätt titta', 'episode'),
      w('Rapport', 'video/KA2BmZD'),
      w('Skärgårdsdoktorn', 'video/jXmA9Vz', null, null, 'episode'),
      w('Bron', 'bron', null, 'Populärt', 'series'),
      w('Jakten på en mördare', 'jakten-pa-en-morder'),
      w('The Square', 'video/8Rq2Lw5', 2017, null, 'movie'),
      w('På spåret', 'pa-sparet'),
    ],
  },
  {
    name: 'MUBI-like film grid: director and trailer links in the card, a subscription promo and Notebook articles are no titles',
    file: 'mubi-films.html',
    url: 'https://mubi.com/en/gb/films',
    tiles: [
      w('In the Mood for Love', 'films/in-the-mood-for-love', 2000, 'Browse Films', 'movie'),
      w('Aftersun', 'films/aftersun', 2022, null, 'movie'),
      w('The Substance', 'films/the-substance', 2024),
      w('Close-Up', 'films/close-up', 1990),
      w('300', 'films/300', 2006),
    ],
  },
  {
    name: 'Kanopy-like Angular browse: continue watching with "Resume X" labels, lazy data: posters, collections that are no titles',
    file: 'kanopy-browse.html',
    url: 'https://www.kanopy.com/en/nypl',
    tiles: [
      w('Moonlight', 'video/6066363', 2016, 'Continue Watching', 'movie'),
      w('Everything Everywhere All at Once', 'video/11912354', 2022),
      w('The Great Courses: Understanding the Universe', 'video/13225385', null, null, 'series'),
      w('Lady Bird', 'video/5541721', 2017, 'Popular Films', 'movie'),
      w('The Seventh Seal', 'video/1316588', 1957),
      w('Past Lives', 'video/12890012', 2023),
      w('Paris Is Burning', 'video/2108977', 1990),
    ],
  },
  {
    name: 'Rakuten Viki-like explore: dramas and a film, continue-watching episodes, a row of celebrities that are no titles',
    file: 'viki-explore.html',
    url: 'https://www.viki.com/explore',
    tiles: [
      w('True Beauty', 'tv/37350c-true-beauty', null, 'Trending', 'series'),
      w('Business Proposal', 'tv/38728c-business-proposal'),
      w('Love Between Fairy and Devil', 'tv/39154c-love-between-fairy-and-devil'),
      w('The Handmaiden', 'movies/37772c-the-handmaiden', 2016, null, 'movie'),
      w('True Beauty', 'videos/1199134v', null, 'Continue Watching', 'episode'),
      w('Business Proposal', 'videos/1211547v', null, null, 'episode'),
      w('Love Between Fairy and Devil', 'videos/1204456v'),
    ],
  },
];

describe('generic adapter on pages built like real apps, round four (services outside the US)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => expectCase(import.meta.url, c));
});

describe('real-app patterns, round four: details', () => {
  const byFile = (file: string) => CASES.find((c) => c.file === file)!;
  const titles = (file: string) => readCase(import.meta.url, byFile(file)).infos.map((i) => i.title);

  it('channels, live programmes, categories, people, promos and badges are no titles', () => {
    const not: Record<string, string[]> = {
      'iplayer-home.html': [
        'BBC One',
        'Bargain Hunt',
        'Politics Live',
        'Comedy',
        'Films',
        'Download to watch offline',
        'Watch now',
        'Series 3: Episode 4',
      ],
      'itvx-home.html': ['ITV1', 'Loose Women', 'Family Guy', 'The Chase', 'Films', 'ITVX Premium', 'Sam'],
      'ard-home.html': ['Das Erste', 'BR', 'MDR', 'Folge 3', 'Tatort'],
      'arte-home.html': ['Cinema', 'History', 'Documentaries and Reportage', 'Last chance'],
      'svtplay-home.html': ['SVT1', 'Just nu: Rapport', 'Sista chansen', 'Nytt avsnitt', 'Drama', 'Humor', 'Säsong 1 – Avsnitt 3'],
      'mubi-films.html': ['Wong Kar Wai', 'Give MUBI this season', 'The Cinema of Wong Kar Wai: A Primer', 'Watch trailer', 'Robin'],
      'kanopy-browse.html': ['The Criterion Collection', 'A24', 'New York Public Library'],
      'viki-explore.html': ['Cha Eun Woo', 'Moon Ga Young', 'Episode 7', 'jisoo_fan'],
    };
    for (const [file, names] of Object.entries(not)) for (const name of names) expect(titles(file), file).not.toContain(name);
  });

  it('an episode card links to the episode: a recycled ITVX-like card reads its new programme', () => {
    const { tiles, infos } = readCase(import.meta.url, byFile('itvx-home.html'));
    const card = tiles[infos.findIndex((i) => i.title === 'Love Island')]!;
    expect(g.readTile(card)?.url).toBe('https://www.itv.com/watch/love-island/2a7610/2a7610a0042');
    card.querySelector('a')!.setAttribute('href', '/watch/vera/1a8425/1a8425a0107');
    card.querySelector('h3')!.textContent = 'Vera';
    expect(g.readTile(card)).toMatchObject({ title: 'Vera', siteItemId: 'watch/1a8425a0107' });
  });

  it('a live channel strip handed over on its own is still no title', () => {
    const doc = loadFixture(import.meta.url, 'itvx-home.html', 'https://www.itv.com/');
    const live = doc.querySelector('[data-testid="rail-live"]')!;
    expect(g.findTiles(live).map((t) => g.readTile(t)?.title)).toEqual([]);
    const bbc = loadFixture(import.meta.url, 'iplayer-home.html', 'https://www.bbc.co.uk/iplayer');
    expect(g.findTiles(bbc.querySelector('.section--channels')!).map((t) => g.readTile(t)?.title)).toEqual([]);
  });
});

describe('watch pages of services outside the US', () => {
  const read = (name: string, href: string) => {
    const doc = loadFixture(import.meta.url, name, href);
    return { doc, playing: () => g.readPlaying(doc, new URL(href)) };
  };
  const IPLAYER = 'https://www.bbc.co.uk/iplayer/episode/m0021l9p/the-traitors-series-3-episode-1';
  const ARTE = 'https://www.arte.tv/en/videos/110342-000-A/the-wire-between-us/';

  it('iPlayer-like episode page: the series, as an episode, not "BBC iPlayer" or the next episode', () => {
    const { doc, playing } = read('watch-iplayer.html', IPLAYER);
    expect(g.findPlayer(doc)).not.toBeNull();
    expect(playing()).toMatchObject({ title: 'The Traitors', kind: 'episode', siteItemId: 'episode/m0021l9p' });
  });

  it('iPlayer-like, the app moved on without its Open Graph or overlay: "BBC iPlayer - The Traitors - Series 3: Episode 1" names The Traitors', () => {
    const { doc, playing } = read('watch-iplayer.html', IPLAYER);
    for (const el of Array.from(doc.querySelectorAll('meta[property^="og:"], .p_titleBar'))) el.remove();
    expect(playing()).toMatchObject({ title: 'The Traitors', kind: 'episode' });
  });

  it('arte-like video page: og:title "X - Subtitle - Watch the full documentary | ARTE in English" names X', () => {
    const { playing } = read('watch-arte.html', ARTE);
    const p = playing();
    expect(p?.title).toBe('The Wire Between Us');
    expect(p?.siteItemId).toBe('videos/110342-000-A');
    expect(p?.kind).not.toBe('episode');
  });

  it('arte-like without Open Graph or overlay: the document title names the programme, not ARTE or its call to action', () => {
    const { doc, playing } = read('watch-arte.html', ARTE);
    for (const el of Array.from(doc.querySelectorAll('meta[property^="og:"], .avp-title-container'))) el.remove();
    expect(playing()?.title).toBe('The Wire Between Us');
  });

  it('the related and more-episodes rows under the players are still tiles', () => {
    const arte = loadFixture(import.meta.url, 'watch-arte.html', ARTE);
    expect(g.findTiles(arte).map((t) => g.readTile(t)?.title)).toEqual(['The Roman Empire', 'Portrait of a Lady on Fire', 'Fleabag']);
    const bbc = loadFixture(import.meta.url, 'watch-iplayer.html', IPLAYER);
    expect(g.findTiles(bbc).map((t) => g.readTile(t)?.siteItemId)).toEqual(['episode/m0021l9q', 'episode/m0021l9r', 'episode/m0021lbq']);
  });
});

describe('ids and page titles of these services', () => {
  const id = (href: string) => idFromUrl(new URL(href))?.id ?? null;

  it('the id after a slug may be short or come last; a season number, a resolution or an episode code is none', () => {
    expect(id('https://www.itv.com/watch/the-tower/10a1928')).toBe('watch/10a1928');
    expect(id('https://www.itv.com/watch/the-tower/10a1928/10a1928a0004')).toBe('watch/10a1928a0004');
    expect(id(`https://www.ardmediathek.de/video/tatort/borowski/das-erste/${ARD_TATORT}`)).toBe(`video/${ARD_TATORT}`);
    expect(id('https://www.ardmediathek.de/serie/charite/staffel-3/Y3JpZDovL2Rhc2Vyc3RlLmRlL2NoYXJpdGU/3')).toBe(
      'serie/Y3JpZDovL2Rhc2Vyc3RlLmRlL2NoYXJpdGU',
    );
    expect(id('https://www.arte.tv/en/videos/116710-002-A/the-roman-empire-2-4/')).toBe('videos/116710-002-A');
    expect(id('https://example.com/movie/603-the-matrix')).toBe('movie/603');
    expect(id('https://example.com/movies/dune/1080p')).toBe('movies/dune');
    expect(id('https://example.com/show/the-bear/s02e04')).toBe('show/the-bear');
  });

  it("a document title's piece that is the site with its product or edition, or a call to watch, is no name", () => {
    const bbc = ['bbc'];
    expect(titleOfPageText('BBC iPlayer - The Traitors - Series 3: Episode 1', null, bbc)).toMatchObject({ title: 'The Traitors', kind: 'episode' });
    expect(titleOfPageText('Watch Vera | ITVX', null, ['itv'])?.title).toBe('Vera');
    expect(titleOfPageText('Die Kanzlei - ARD Mediathek', 'ARD Mediathek', ['ardmediathek'])?.title).toBe('Die Kanzlei');
    expect(titleOfPageText('Fleabag - Watch the full series | ARTE in English', 'ARTE', ['arte'])?.title).toBe('Fleabag');
    // A name that only begins with the brand is a name ("Max Payne" on max.com).
    expect(titleOfPageText('Max Payne - Max', null, ['max'])?.title).toBe('Max Payne');
    expect(titleOfPageText('BBC iPlayer', null, bbc)).toBeNull();
  });
});
