// @vitest-environment happy-dom
/**
 * A second round of pages built the way real apps build them, on patterns the other fixtures do
 * not cover: Tailwind utility classes and Next.js `<Image fill>` output (an eyebrow line above the
 * name, a Top 10 rank in text), an Emotion app whose every class is a hash (a title row beside a
 * news row), a virtualised grid (absolutely positioned `role=row`/`gridcell`, skeleton cells), a
 * 10-foot TV UI (focus-navigated `role=listitem` tiles named only by `aria-label`, with the year
 * and instructions in the label), Ionic and Angular Material cards (a subtitle line before the
 * title), a French service (labels and episode cards in French, a "Voir tout" tile), a lone
 * billboard on a home page, a Japanese service (episode numbers and time left), and an explore
 * page whose genre, network, news, shop and plan cards are no titles. Own markup, modelled on the
 * frameworks' and services' public DOM. Each case lists every title tile in document order.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../test/support/load-fixture';
import { expectCase, type TileCase, want } from '../../../test/support/tile-cases';
import { genericAdapter as g } from '.';
import { cleanCardTitle } from './title';

const w = want;

const CASES: TileCase[] = [
  {
    name: 'Tailwind + Next.js <Image fill>: utility classes only, an eyebrow line above the name, a text rank beside the poster',
    file: 'tailwind-next.html',
    url: 'https://www.flixnext.example/',
    tiles: [
      w('Dune: Part Two', 'movies/dune-part-two', 2024, 'Trending this week', 'movie'),
      w('Shōgun', 'tv/shogun', 2024, null, 'series'),
      w('The Zone of Interest', 'movies/the-zone-of-interest', 2023),
      w('Civil War', 'movies/civil-war', 2024),
      w('The Bear', 'tv/the-bear', null, 'New episodes', 'series'),
      w('Slow Horses', 'tv/slow-horses', null),
      w('Anora', 'movies/anora', 2024),
      w('The Penguin', 'tv/the-penguin', null),
      w('Wicked', 'movies/wicked', null, 'Top 10 movies today'),
      w('Gladiator II', 'movies/gladiator-ii', null),
      w('Moana 2', 'movies/moana-2', null),
    ],
  },
  {
    name: 'Emotion app, hashed classes only: a row of films and a row of journal stories share one card shape',
    file: 'emotion-rows.html',
    url: 'https://www.cinebox.example/',
    tiles: [
      w('Aftersun', 'film/4411', 2022, 'New on Cinebox', 'movie'),
      w('Past Lives', 'film/4412', 2023),
      w('The Worst Person in the World', 'film/4413', 2021),
      w('Perfect Days', 'film/4414', 2023),
    ],
  },
  {
    name: 'virtualised grid: absolutely positioned role=row/gridcell, a partial last row and skeleton cells',
    file: 'virtual-grid.html',
    url: 'https://www.vaultflix.example/browse/films',
    tiles: [
      ...[
        'The Thing',
        'Alien',
        'Halloween',
        'Suspiria',
        'Videodrome',
        'The Fly',
        'Aliens',
        'Predator',
        'They Live',
        'Hellraiser',
        'Tremors',
        'Candyman',
      ].map((t, i) => w(t, `title/${31000 + i}`, undefined, 'All films')),
    ],
  },
  {
    name: '10-foot TV UI: role=listitem tiles named only by aria-label with the year, duration and "Press OK to …" inside',
    file: 'tv-ui.html',
    url: 'https://app.couchtv.example/home',
    tiles: [
      w('The Crown', 'slug:the-crown', null, 'Continue Watching'),
      w('Dune', 'slug:dune', 2021),
      w('Arrival', 'slug:arrival', 2016),
      w('Oppenheimer', 'slug:oppenheimer', 2023, 'Top 10 Movies'),
      w('Barbie', 'slug:barbie', 2023),
      w('Poor Things', 'slug:poor-things', 2023),
      w('Past Lives', 'slug:past-lives', 2023),
    ],
  },
  {
    name: 'Ionic ion-card and Angular Material mat-card (light DOM): the subtitle line comes before the title',
    file: 'ionic-material.html',
    url: 'https://m.pocketcine.example/tabs/home',
    tiles: [
      w('Oppenheimer', 'slug:oppenheimer', 2023, 'Trending now'),
      w('Killers of the Flower Moon', 'slug:killers-of-the-flower-moon', 2023),
      w('Anatomy of a Fall', 'slug:anatomy-of-a-fall', 2023),
      w('Annihilation', 'id:an-1001', 2018, 'Because you watched Arrival'),
      w('Contact', 'id:co-1002', 1997),
      w('Interstellar', 'id:in-1003', 2014),
    ],
  },
  {
    name: 'French service: "Épisode 3" cards, labels ending in ", Saison 4, Voir les détails", a NOUVEAUTÉ badge, a "Voir tout" tile',
    file: 'fr-home.html',
    url: 'https://www.telefr.example/',
    tiles: [
      w('Dark', 'episode-3-4411', null, 'Reprendre la lecture'),
      w('Baron noir', 'episode-5-4412'),
      w('Hippocrate', 'episode-1-4413'),
      w('Dix pour cent', 'programme/dix-pour-cent', null, 'Tendances actuelles', 'series'),
      w('Lupin', 'programme/lupin', null),
      w("Anatomie d'une chute", 'programme/anatomie-d-une-chute', 2023),
      w('Le Bureau des légendes', 'programme/le-bureau-des-legendes'),
      w('Engrenages', 'programme/engrenages', null, 'Parce que vous avez regardé Lupin'),
      w('Les Revenants', 'programme/les-revenants'),
      w('Hors saison', 'programme/the-returned-hors-saison'),
    ],
  },
  {
    name: 'a lone billboard on a home page (title logo, Play link, More Info button, synopsis) is a title tile, above the rows',
    file: 'hero-billboard.html',
    url: 'https://www.streamflix.example/browse',
    tiles: [
      w('Severance', 'watch/81234567', 2022, null, 'series'),
      w('Squid Game', 'watch/81040344', null, 'Trending Now'),
      w('Dark', 'watch/80100172'),
      w('Stranger Things', 'watch/80057281'),
      w('The Night Agent', 'watch/81231974'),
    ],
  },
  {
    name: 'Japanese service: continue-watching cards "第3話 · 残り23分" and a Top 10 row with SVG ranks',
    file: 'jp-home.html',
    url: 'https://www.anitv.example/',
    tiles: [
      w('葬送のフリーレン', 'play/SID0091234', null, '視聴中の作品'),
      w('薬屋のひとりごと', 'play/SID0091235'),
      w('ダンジョン飯', 'play/SID0091236'),
      w('呪術廻戦', 'title/SID0082345', null, '今日のアニメ TOP10'),
      w('SPY×FAMILY', 'title/SID0082346'),
      w('推しの子', 'title/SID0082347'),
      w('チェンソーマン', 'title/SID0082348'),
    ],
  },
  {
    name: 'explore page: genre moods, network hubs, news, merch, plans and app badges around one row of titles',
    file: 'explore-page.html',
    url: 'https://www.streamly.example/explore',
    tiles: [
      w('Fargo', 'title/sl-20411', null, 'Popular on Streamly'),
      w('Atlanta', 'title/sl-20412'),
      w('Reservation Dogs', 'title/sl-20413'),
      w('What We Do in the Shadows', 'title/sl-20414'),
    ],
  },
];

describe('generic adapter on pages built like real apps, round two', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => expectCase(import.meta.url, c));
});

describe('real-app patterns, round two: details', () => {
  const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

  it("a title page's own hero is the page, not a tile; a lone hero that is no title's stays out", () => {
    const hero = (h: string, href: string, meta: string) =>
      `<section class="hero"><img src="https://img.example/hero.jpg" alt=""><h1>${h}</h1><p>${meta}</p><a href="${href}">Play</a></section>`;
    const row = `<h2>More like this</h2><ul>${['Heat', 'Ronin', 'Thief'].map((t, i) => `<li><a href="/movie/${i + 1}"><img src="https://img.example/${i}.jpg" alt="${t}"></a></li>`).join('')}</ul>`;
    const page = (title: string, body: string) =>
      parseHtml(`<html><head><title>${title}</title></head><body><main>${body}</main></body></html>`, 'https://films.example/movie/9');
    const titles = (doc: Document) => g.findTiles(doc).map((t) => g.readTile(t)?.title);
    expect(titles(page('Collateral – Films', hero('Collateral', '/watch/9', '2004 · 2h · R · Thriller') + row))).toEqual(['Heat', 'Ronin', 'Thief']);
    expect(titles(page('Films', hero('Collateral', '/watch/9', '2004 · 2h · R · Thriller') + row))).toEqual(['Collateral', 'Heat', 'Ronin', 'Thief']);
    expect(titles(page('Films', hero('Summer sale', '/offers/summer', 'Save on every plan') + row))).toEqual(['Heat', 'Ronin', 'Thief']);
  });

  it('TV labels: a remote button before the instruction, a year and facts after the name', () => {
    expect(cleanCardTitle('Severance, Press OK to play', true, true)?.title).toBe('Severance');
    expect(cleanCardTitle('Dune, 2021, 2 hours 35 minutes', true, true)).toEqual({ title: 'Dune', year: 2021 });
  });

  it("a lazy image's data: placeholder says nothing of the poster's shape", () => {
    const card = (i: number, t: string) =>
      `<li class="c"><a href="/p/${i}"><img src="${GIF}" data-src="https://img.example/${i}.jpg" alt=""><span>${t}</span></a></li>`;
    const doc = parseHtml(`<body><ul>${card(1, 'Severance')}${card(2, 'Shrinking')}${card(3, 'Silo')}</ul></body>`, 'https://tv.example/');
    expect(g.findTiles(doc).map((t) => g.readTile(t)?.title)).toEqual(['Severance', 'Shrinking', 'Silo']);
  });
});
