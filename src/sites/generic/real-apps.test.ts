// @vitest-environment happy-dom
/**
 * The generic adapter on pages built the way today's streaming apps build them, which the other
 * fixtures do not cover: tiles that are `<button>`s or `role=button` divs around a `<picture>`
 * with an empty alt (the name only in an `aria-label` or an `sr-only` span), labels written for
 * screen readers ("Tron: Ares Select for details on this title.", badges and "Season 3 Episode 7"
 * around the name), title treatments (the name drawn as a logo image over artwork), carousel
 * slides labelled "1 of 3", React Native Web's one-class `div` soup, Angular's `_ngcontent-*`
 * custom elements with episode cards ("S2 E4 · The Return"), a Kodi-like web UI routing in
 * Backbone hash routes (`#movie/12`), and two pages with no title on them (a profile picker and a
 * cast & crew page). Own markup, modelled on the services' public DOM. Each case lists every
 * title tile in document order with its exact title and id; anything else found fails the case.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '../../../test/support/load-fixture';
import { expectCase, readCase, type TileCase, want } from '../../../test/support/tile-cases';
import { genericAdapter as g } from '.';
import { isGalleryName, isNotTitleRow } from './context';
import { cleanCardTitle } from './title';

const w = want;

const CASES: TileCase[] = [
  {
    name: 'Disney+-like sets: screen-reader labels with "Select for details" and badges, progress-bar cards, a brand row',
    file: 'disney-sets.html',
    url: 'https://www.dplus.example/en-gb/home',
    tiles: [
      w('Only Murders in the Building', 'play/5d3c2b1a-0f9e-4d8c-b7a6-958473625140', null, 'Continue Watching'),
      w('Inside Out 2', 'play/6e4d3c2b-1a0f-4e9d-8c7b-a69584736251'),
      w('The Bear', 'play/7f5e4d3c-2b1a-4f0e-9d8c-b7a695847362'),
      w('Tron: Ares', 'entity-3e5c7b9a-1d2f-4e6a-8b0c-2d4f6a8c0e1b', null, 'New to Disney+'),
      w('Andor', 'entity-4f6d8cab-2e3a-4f7b-9c1d-3e5a7b9d1f2c'),
      w('Avatar: Fire and Ash', 'entity-5a7e9dbc-3f4b-4a8c-8d2e-4f6b8cae2a3d'),
      w('Bluey', 'entity-6b8fa0cd-4a5c-4b9d-9e3f-5a7c9dbf3b4e'),
      w('Deadpool & Wolverine', 'entity-7c9ab1de-5b6d-4cae-8f4a-6b8daec04c5f'),
    ],
  },
  {
    name: 'Max/Hulu-like rails: title-treatment logos over empty-alt artwork, a hero carousel with "1 of 3" slides, Play and More Info',
    file: 'title-art-rows.html',
    url: 'https://play.streamhub.example/',
    tiles: [
      w('The Penguin', 'series/5a1f3c9e-2b7d-4e8a-9c6f-0d1e2f3a4b5c', 2024, 'Featured', 'series'),
      w('Dune: Prophecy', 'series/6b2a4d0f-3c8e-4f9b-8d7a-1e2f3a4b5c6d', 2024),
      w('Furiosa: A Mad Max Saga', 'movie/7c3b5e1a-4d9f-4a0c-9e8b-2f3a4b5c6d7e', 2024, null, 'movie'),
      w('The Last of Us', 'series/8d4c6f2b-5e0a-4b1d-8f9c-3a4b5c6d7e8f', null, 'Streamhub Originals'),
      w('House of the Dragon', 'series/9e5d7a3c-6f1b-4c2e-9a0d-4b5c6d7e8f90'),
      w('The White Lotus', 'series/af6e8b4d-7a2c-4d3f-8b1e-5c6d7e8f90a1'),
      w('Succession', 'series/b07f9c5e-8b3d-4e4a-9c2f-6d7e8f90a1b2'),
      w('The Last of Us', 'series/8d4c6f2b-5e0a-4b1d-8f9c-3a4b5c6d7e8f'), // the looping rail's inert copy: same title, same id
      w('Dune: Part Two', 'movie/c18a0d6f-9c4e-4f5b-8d3a-7e8f90a1b2c3', null, 'Movies'),
      w('Barbie', 'movie/d29b1e7a-0d5f-4a6c-9e4b-8f90a1b2c3d4'),
      w('Wonka', 'movie/e3ac2f8b-1e6a-4b7d-8f5c-90a1b2c3d4e5'),
      w('Elvis', 'movie/f4bd309c-2f7b-4c8e-9a6d-a1b2c3d4e5f6'),
    ],
  },
  {
    name: 'Apple/Peacock-like shelves: button and role=button tiles around lazy <picture>s, aria-label or sr-only names, aria-hidden clones, SVG ranks',
    file: 'button-tiles.html',
    url: 'https://tv.peakview.example/us/watch-now',
    tiles: [
      w('Severance', 'slug:severance', null, 'Up Next'),
      w('Shrinking', 'slug:shrinking'),
      w('Slow Horses', 'slug:slow-horses'),
      // The looping shelf's copies (aria-hidden) read as the title they copy: same id, no new title.
      w('The Gorge', 'slug:the-gorge', 2025, 'New Releases'),
      w('The Gorge', 'slug:the-gorge', 2025),
      w('Wolfs', 'slug:wolfs', 2024),
      w('Fly Me to the Moon', 'slug:fly-me-to-the-moon', 2024),
      w('Napoleon', 'slug:napoleon', 2023),
      w('Wolfs', 'slug:wolfs', 2024),
      w('Ted Lasso', 'slug:ted-lasso', null, 'Top 10 Shows'),
      w('The Morning Show', 'slug:the-morning-show'),
      w('Silo', 'slug:silo'),
    ],
  },
  {
    name: 'React Native Web app: one-class div soup, tabindex pressables, background-image + hidden img, dir=auto text, a cast row',
    file: 'rnw-app.html',
    url: 'https://app.rnwtv.example/',
    tiles: [
      w('Poor Things', 'slug:poor-things', 2023, 'Award Winners'),
      w('The Holdovers', 'slug:the-holdovers', 2023),
      w('Past Lives', 'slug:past-lives', 2023),
      w('Killers of the Flower Moon', 'slug:killers-of-the-flower-moon', 2023),
      w('Shōgun', 'slug:shogun', null, 'Top 10 Series Today'),
      w('Fallout', 'slug:fallout'),
      w('3 Body Problem', 'slug:3-body-problem'),
    ],
  },
  {
    name: 'Angular app: _ngcontent custom-element tiles with a stylesheet cursor, episode cards "S2 E4 · The Return" under the show',
    file: 'angular-rails.html',
    url: 'https://www.anistream.example/',
    tiles: [
      w("Frieren: Beyond Journey's End", 'slug:frieren-beyond-journey-s-end', 2023, 'Popular this season'),
      w('The Apothecary Diaries', 'slug:the-apothecary-diaries', 2023),
      w('Solo Leveling', 'slug:solo-leveling', 2024),
      w('Dandadan', 'slug:dandadan', 2024),
      w('Blue Lock', 'slug:blue-lock', 2022),
      w('The Return', 'watch/GX9UQE1WJ', null, 'The Apothecary Diaries', 'episode'),
      w('Cat and Dog', 'watch/G14U4X9Q2', null, null, 'episode'),
      w('The Pleasure District', 'watch/GQJUG8P1Z'),
      w("Midsummer Night's Dream", 'watch/G7PU3D4KV'),
    ],
  },
  {
    name: 'Kodi-like web UI: Backbone hash routes (#movie/12, #tvshow/5) name movies and shows apart',
    file: 'kodi-web.html',
    url: 'http://192.168.1.20:8080/#movies/recent',
    tiles: [
      w('The Matrix', 'movie/12', 1999, 'Recently added movies', 'movie'),
      w('Heat', 'movie/5', 1995),
      w('Arrival', 'movie/103', 2016),
      w('Blade Runner 2049', 'movie/118', 2017),
      w('Columbo', 'tvshow/5', 1971, 'Recently added TV shows', 'series'),
      w('Twin Peaks', 'tvshow/9', 1990),
      w('The Wire', 'tvshow/14', 2002),
    ],
  },
  {
    name: 'Tubi-like lazy rail: cards past the viewport render a placeholder instead of a poster',
    file: 'lazy-rail.html',
    url: 'https://tubitv.example/home',
    tiles: [
      w('The Host', 'movies/589547', 2006, 'Most Popular', 'movie'),
      w('Snowpiercer', 'movies/100012345', 2013),
      w('Train to Busan', 'movies/523456', 2016),
      w('Memories of Murder', 'movies/734501', 2003, 'Most Popular', 'movie'),
      w('Mother', 'movies/734502', 2009),
      w('Burning', 'movies/734503', 2018),
    ],
  },
  {
    name: 'negative: a "Who\'s watching?" profile picker of avatar buttons (Vue data-v attributes) has no title tiles',
    file: 'profile-picker.html',
    url: 'https://www.plexi.example/select-profile',
    tiles: [],
  },
  {
    name: 'negative: a title page with its lone hero, a "Cast & Crew" row of person buttons and a "How to Watch" row has no title tiles',
    file: 'cast-crew.html',
    url: 'https://tv.peakview.example/us/movie/poor-things/umc.cmc.6x9x',
    tiles: [],
  },
];

const read = (c: TileCase) => readCase(import.meta.url, c);

describe('generic adapter on pages built like real streaming apps', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => expectCase(import.meta.url, c));
});

describe('real-app patterns: details', () => {
  const byFile = (file: string) => CASES.find((c) => c.file === file)!;

  it('lazy pictures: the URL comes from data-src, or from a <source data-srcset> when the <img> holds only a data: placeholder', () => {
    const { infos } = read(byFile('button-tiles.html'));
    expect(infos[0]!.imageUrl).toBe('https://img.peakview.example/image/thumb/Features/severance-16x9/640x360.jpg');
    expect(infos.at(-1)!.imageUrl).toBe('https://img.peakview.example/image/thumb/Features/silo-2x3/342x513.webp');
  });

  it("a looping shelf's aria-hidden copies add no title: ten distinct ids for twelve tiles", () => {
    const { infos } = read(byFile('button-tiles.html'));
    expect(new Set(infos.map((i) => i.siteItemId)).size).toBe(10);
  });

  it('reads fresh: a recycled button tile reports its new label', () => {
    const { tiles } = read(byFile('button-tiles.html'));
    tiles[0]!.querySelector('button')!.setAttribute('aria-label', 'Silo');
    expect(g.readTile(tiles[0]!)).toMatchObject({ title: 'Silo', siteItemId: 'slug:silo' });
  });

  it('a placeholder card is found on its own too (its peers hold posters), and reads its poster once it arrives', () => {
    const doc = loadFixture(import.meta.url, 'lazy-rail.html', byFile('lazy-rail.html').url);
    const card = doc.querySelectorAll('.web-carousel__item')[4]!;
    expect(g.findTiles(card)).toEqual([card]);
    expect(g.readTile(card)?.imageUrl).toBeNull();
    const img = doc.createElement('img');
    img.setAttribute('src', 'https://canvas-lb.tubitv.example/opts/734502/384x574.webp');
    img.setAttribute('alt', 'Mother');
    card.querySelector('.web-poster__placeholder')!.replaceWith(img);
    expect(g.readTile(card)).toMatchObject({ title: 'Mother', imageUrl: 'https://canvas-lb.tubitv.example/opts/734502/384x574.webp' });
  });

  it('a text-only item in a list of picture items (a news list) is no placeholder: it stays out', () => {
    const item = (n: number, title: string, img: boolean) =>
      `<li class="item"><a href="/news/${n}">${img ? `<img src="https://img.example/${n}.jpg" width="300" height="169">` : ''}<span>${title}</span></a></li>`;
    const doc = parseHtml(
      `<body><main><h2>Latest</h2><ul>${item(1, 'Cannes line-up announced', true)}${item(2, 'Box office weekend', true)}` +
        `${item(3, 'Festival diary, day two', true)}${item(4, 'Interview: the editor', false)}${item(5, 'Obituary', false)}</ul></main></body>`,
      'https://films.example/',
    );
    expect(g.findTiles(doc).map((t) => g.readTile(t)?.title)).toEqual(['Cannes line-up announced', 'Box office weekend', 'Festival diary, day two']);
  });

  it('the brand row (links to /brand/…) and the network rail (links to /network/…) are not titles', () => {
    expect(read(byFile('disney-sets.html')).infos.map((i) => i.title)).not.toContain('Pixar');
    expect(read(byFile('title-art-rows.html')).infos.map((i) => i.title)).not.toContain('HBO');
  });

  it("a label around the picture's name gives way to it, unless the label is the longer title (a sequel)", () => {
    const card = (label: string, alt: string) =>
      `<li class="tile"><a href="/browse/entity-${encodeURIComponent(alt)}" aria-label="${label}"><img alt="${alt}" src="https://img.example/${encodeURIComponent(alt)}.jpg"></a></li>`;
    const doc = parseHtml(
      `<body><ul>${card('Andor Disney+ Original Select for details on this title.', 'Andor')}${card('Inside Out 2 Select for details on this title.', 'Inside Out')}` +
        `${card('Dune: Part Two', 'Dune')}${card('New Movie Badge Wicked Rated PG Released 2024.', 'Wicked')}</ul></body>`,
      'https://www.dplus.example/home',
    );
    expect(g.findTiles(doc).map((t) => g.readTile(t)?.title)).toEqual(['Andor', 'Inside Out 2', 'Dune: Part Two', 'Wicked']);
  });

  it("a plain word beside the picture's name continues the title: the label stays", () => {
    const card = (label: string, alt: string) =>
      `<li class="tile"><a href="/browse/entity-${encodeURIComponent(label)}" aria-label="${label}"><img alt="${alt}" src="https://img.example/${encodeURIComponent(label)}.jpg"></a></li>`;
    const doc = parseHtml(
      `<body><ul>${card('Batman Begins', 'Batman')}${card('The Bear, Rated TV-MA', 'Bear')}${card('Heat Rated R', 'Heat')}</ul></body>`,
      'https://www.dplus.example/home',
    );
    expect(g.findTiles(doc).map((t) => g.readTile(t)?.title)).toEqual(['Batman Begins', 'The Bear', 'Heat']);
  });

  it('screen-reader boilerplate and provider icons are no names', () => {
    const card = (i: number, inner: string) =>
      `<li class="tile"><a href="/title/${i}"><img alt="" src="https://img.example/${i}.jpg" width="300" height="450">${inner}</a></li>`;
    const doc = parseHtml(
      `<body><ul>${card(1, '<span>Arrival</span><span class="visually-hidden">(opens in a new tab)</span>')}` +
        `${card(2, '<span>Heat</span><span class="sr-only">Watched</span>')}` +
        `${card(3, '<h3>Dune</h3><img class="title-provider-icon" alt="Netflix" src="https://img.example/n.png" width="20" height="20">')}</ul></body>`,
      'https://films.example/',
    );
    expect(g.findTiles(doc).map((t) => g.readTile(t)?.title)).toEqual(['Arrival', 'Heat', 'Dune']);
  });

  it('rows of titles whose heading starts like a row of people or pictures stay; galleries by shape only', () => {
    for (const h of ['Studio Ghibli', 'Brand New', 'Crew Picks', 'Images of War', "People's Choice", 'Network Originals'])
      expect(isNotTitleRow(h), h).toBe(false);
    for (const h of ['Cast & Crew', 'Top Cast', "Who's watching?", 'Photos', 'Channels you follow', 'Browse by Genre'])
      expect(isNotTitleRow(h), h).toBe(true);
    for (const t of ['Still Alice', 'Photo Finish', 'Picture Perfect', 'Image Book']) expect(isGalleryName(t), t).toBe(false);
    for (const t of ['Screenshot 3', 'Open photo 2 of 8', 'Still from Dune', 'Gallery']) expect(isGalleryName(t), t).toBe(true);
  });

  it('labels: instructions, season tails and carousel positions are not names; real names that look like them stay whole', () => {
    const label = (s: string) => cleanCardTitle(s, true, true)?.title ?? null;
    expect(label('Tron: Ares Select for details on this title.')).toBe('Tron: Ares');
    expect(label('Disney, Select for details on this title.')).toBe('Disney');
    expect(label('Dune: Part Two, press to play')).toBe('Dune: Part Two');
    expect(label('Monsters, Inc. Select for details on this title.')).toBe('Monsters, Inc.');
    expect(label('The Boys - Season 4')).toBe('The Boys');
    expect(label('The Bear Season 3 Episode 7')).toBe('The Bear');
    expect(label('2 of 12')).toBeNull();
    expect(label('S2 E4 · The Return')).toBe('The Return');
    expect(label('S02E04 - The Return')).toBe('The Return');
    expect(label('Episode 4: The Return')).toBe('The Return');
    expect(label('E.T. the Extra-Terrestrial')).toBe('E.T. the Extra-Terrestrial');
    expect(label('Click')).toBe('Click');
    expect(label('Season of the Witch')).toBe('Season of the Witch');
    expect(label('A Season in Hell')).toBe('A Season in Hell');
    expect(label('Selena')).toBe('Selena');
    expect(label("Don't Tap to Answer")).toBe("Don't Tap to Answer");
    expect(label('The Bear, Rated TV-MA')).toBe('The Bear');
    expect(label('Heat Rated R')).toBe('Heat');
    expect(label('Rated R Superhero')).toBe('Rated R Superhero');
    expect(label('Hunting Season 2')).toBe('Hunting Season 2');
  });
});
