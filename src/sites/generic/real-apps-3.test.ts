// @vitest-environment happy-dom
/**
 * A third round, modelled on the public DOM of services that have no adapter of their own, on
 * patterns the other fixtures do not cover: `<article data-testid=card>` rows whose name is only
 * in the link's `aria-label` beside an entity-type attribute (a Prime-like home: subscription
 * cards and a plan promo among the titles, a Top 10 row with SVG ranks and a film called "10"),
 * a title page whose episode list reads "S2 E1 - ATM" and whose cast are search links, an Apple
 * TV-like Svelte app with absolute links, a channel promo in the hero and a channel row, a live
 * TV guide (programme cells named by a title line and a time slot, channels as row headers), an
 * anime home whose continue-watching cards link to the episode twice and to the series once,
 * and whose hero links the key art and the title logo apart from a "Start watching E1" button, a
 * Paramount+-like home with live channels, brands and a plan upsell, a Vimeo OTT catalogue
 * where a collection card shares its row and shape with films, and a Hulu-like series page
 * with link-less episode tiles. Own markup; each case lists every title tile in document order.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '../../../test/support/load-fixture';
import { expectCase, readCase, type TileCase, want } from '../../../test/support/tile-cases';
import { genericAdapter as g } from '.';
import { cleanCardTitle, isGenericTitle } from './title';

const w = want;

const CASES: TileCase[] = [
  {
    name: 'Prime-like home: article cards named by aria-label, a subscription promo in the hero, subscription cards, a Top 10 with SVG ranks',
    file: 'prime-home.html',
    url: 'https://www.primevideo.com/region/na/storefront',
    tiles: [
      w('Reacher', 'detail/0QN9WQU3A6ZJ9TWAC1FZ2WVLV3', null),
      w('The Boys', 'detail/0KRGHGZCHKS920ZQGY5LBRF7MA', 2024),
      w('The Boys', 'detail/0KRGHGZCHKS920ZQGY5LBRF7MA', null, 'Continue watching'),
      w('Fallout', 'detail/0GUDKF7TYXQMH0TXDKE1ZFB2TQ'),
      w('Road House', 'detail/0H1MNP0AOA1DQJDAQDLPLAOMSQ'),
      w('Reacher', 'detail/0QN9WQU3A6ZJ9TWAC1FZ2WVLV3', null, 'Top 10 in the US'),
      w('Mr. & Mrs. Smith', 'detail/0TPNBVJL3ZW3JXAV6C3Q6QWT2T'),
      w('Saltburn', 'detail/0S4JK1L9XG3MXYTF6VW2O4DHPQ'),
      w('10', 'detail/0IJ7QHZ2ZVX8LUP0F4WWBLK2XQ'),
      w('The Fall Guy', 'detail/0U2KQVJ5ZV5XG1N2OLW3SC4MQS', 2024, "Movies we think you'll like", 'movie'),
      w('The Tender Bar', 'detail/0NBVCXZ2QWERT6YUIO8PLKJHGF', 2021, null, 'movie'),
      w('Air', 'detail/0RFVTGBYHNUJM7IKOL9PQAZWSX', 2023, null, 'movie'),
      w('Dune: Part Two', 'detail/0PLMOKNIJBUHVYGCTFXRDZESWA', 2024, null, 'movie'),
    ],
  },
  {
    name: 'Prime-like title page: the hero is the page, episodes "S2 E1 - ATM" with progress bars, "Customers also watched", cast as search links',
    file: 'prime-detail.html',
    url: 'https://www.primevideo.com/detail/0QN9WQU3A6ZJ9TWAC1FZ2WVLV3/ref=atv_hm_hom_c_9zZ8D2_hr_1',
    tiles: [
      w('ATM', 'detail/0HJ2KJQW8D8H2M4Z0O7FEWZ1KX', undefined, null, 'episode'),
      w('What Happens in Vegas', 'detail/0JJ4XHGHP5QF5D5ZKQ0ZH7SN1B', undefined, null, 'episode'),
      w('The Man Goes Through', 'detail/0KL5XHGHP5QF5D5ZKQ0ZH7SN1C', undefined, null, 'episode'),
      w('Picture Says a Thousand Words', 'detail/0MN6XHGHP5QF5D5ZKQ0ZH7SN1D', undefined, null, 'episode'),
      w("Tom Clancy's Jack Ryan", 'detail/0S4ZXJQRR8XL2FXCMS4XTW4KHC', null, 'Customers also watched'),
      w('The Terminal List', 'detail/0HPMAKQHXJ9Q0NEBOTTCB7SFG5'),
      w('Bosch: Legacy', 'detail/0GJXKZHBZVBLJ8NHW5HXJNOQHN'),
      w('Citadel', 'detail/0FXRQ5U7Z3S8BH2BLQK1V4O7W0'),
    ],
  },
  {
    name: 'Apple TV-like Svelte app: absolute links, title-art hero with a channel promo slide, "S2, E4" up-next lockups, ordinal ranks, a channel row',
    file: 'apple-tv-home.html',
    url: 'https://tv.apple.com/us/room/apple-tv-plus/edt.item.62327df1-6874-470e-98b2-a5bbeac509a2',
    tiles: [
      w('Severance', 'show/umc.cmc.1srk2goyh2q2zdxcx605w8vtx', null, null, 'series'),
      w('The Gorge', 'movie/umc.cmc.4ppsdo4ft5vd5mu4il3qlne8y', 2025, null, 'movie'),
      w('Severance', 'episode/umc.cmc.3ggql6grf4tjfb5yzyz1uqq3h', null, 'Continue Watching'),
      w('Slow Horses', 'episode/umc.cmc.5xqv2ahn6o6o1mk3p8oq6dh9x'),
      w('Wolfs', 'movie/umc.cmc.2fqbwtw4ef5oed4ohxiy6lvxs', null, null, 'movie'),
      w('The Studio', 'show/umc.cmc.6vvfkq7wbgqfu6xy4g1zv2t1k', null, 'Top Chart: TV Shows', 'series'),
      w('Severance', 'show/umc.cmc.1srk2goyh2q2zdxcx605w8vtx'),
      w('Your Friends & Neighbors', 'show/umc.cmc.2j5v3xq8qz0sq0m4l4o2s4h4f'),
      w('Killers of the Flower Moon', 'movie/umc.cmc.5x1fg9vferlfeutzpq6rra1zf', null, 'Apple Original Films', 'movie'),
      w('Napoleon', 'movie/umc.cmc.8mxtt2bi8wl8yzpt2xj8m4tmn'),
      w('Fly Me to the Moon', 'movie/umc.cmc.1vqbmrn0t6k3f0n1wdkz8xwvs'),
    ],
  },
  {
    name: 'live TV guide: programme cells (title line, episode line, time slot, no picture) are titles; channel row headers are not',
    file: 'pluto-guide.html',
    url: 'https://pluto.tv/us/live-tv',
    tiles: [
      w('The Terminator', 'movies/64f1d22a41a5b6001a3c1f21', 1984, 'Featured on Pluto TV', 'movie'),
      w('Gattaca', 'movies/5f3c2a91d7e8b0001b2c3d45', 1997),
      w('Forensic Files', 'series/5e8b5d3c1f2a3b0019c8d7e6', null, null, 'series'),
      w('CSI: Miami', 'slug:csi-miami', null),
      w('CSI: Miami', 'slug:csi-miami', null),
      w('Cold Case', 'slug:cold-case'),
      w('Total Recall', 'slug:total-recall', 1990),
      w('Starship Troopers', 'slug:starship-troopers', 1997),
      w('Star Trek: The Next Generation', 'slug:star-trek-the-next-generation'),
      w('Star Trek: Deep Space Nine', 'slug:star-trek-deep-space-nine'),
      w('Star Trek: Voyager', 'slug:star-trek-voyager'),
      w('Mystery Science Theater 3000', 'slug:mystery-science-theater-3000'),
    ],
  },
  {
    name: 'anime home: hero slides (key-art link, title-logo link, "Start Watching S1 E1" link), episode cards linking to the episode twice and the series once',
    file: 'crunchyroll-home.html',
    url: 'https://www.crunchyroll.com/',
    tiles: [
      w("Frieren: Beyond Journey's End", 'series/GG5H5XQX4', null, null, 'series'),
      w('JUJUTSU KAISEN', 'series/GRDV0019R'),
      w('SPY x FAMILY', 'series/G4PH0WXVJ'),
      w('Phantoms of the Dead', 'watch/GG1U2JNDD', null, 'Continue Watching', 'episode'),
      w('The Day the World Changed', 'watch/G50UZ1NV7', null, null, 'episode'),
      w('To Defeat Muzan Kibutsuji', 'watch/GEVUZ0ZQ7', null, null, 'episode'),
      w("Frieren: Beyond Journey's End", 'series/GG5H5XQX4', null, 'Most Popular', 'series'),
      w('One Piece', 'series/G9VHN9PPW'),
      w('JUJUTSU KAISEN 0', 'watch/G25FVD45Q'),
    ],
  },
  {
    name: 'Paramount+-like home: keep-watching episodes, a Top 10 with the digit title "1923", live channels and brands that are no titles, a plan upsell',
    file: 'paramount-home.html',
    url: 'https://www.paramountplus.com/home/',
    tiles: [
      w('Tulsa King', 'video/Vu2l0m4s8FzB1sYq6kqN7rSzI1d3oJwA', null, 'Keep Watching'),
      w('Landman', 'video/Qz9rT3kLmN0pB7vXcW2yA8sDfG6hJ1kE'),
      w('Top Gun: Maverick', 'video/4rX9pTq2LmW8kZ1nB5vC3yH7dF0sJ6aG'),
      w('Landman', 'shows/landman', null, 'Top 10 Shows in the U.S. Today', 'series'),
      w('Tulsa King', 'shows/tulsa-king', null, null, 'series'),
      w('1923', 'shows/1923', null, null, 'series'),
      w('Star Trek: Strange New Worlds', 'shows/star-trek-strange-new-worlds'),
      w('Top Gun: Maverick', 'movies/wjmrKFHq0ZaA_1vUdUNOqFq8XR3LOS0_', null, 'Blockbuster Movies', 'movie'),
      w('A Quiet Place: Day One', 'movies/xo7Pqz2vB5nK8mW1tR4yL9cD3fG6hJ0s'),
      w('Gladiator II', 'movies/Gl4d2Zx8Vb6Nm1Qw3Er5Ty7Ui9Op0As'),
    ],
  },
  {
    name: 'Vimeo OTT catalogue: a collection card (data-item-type, item-type-collection in a long class list) in a row of films is no title',
    file: 'criterion-browse.html',
    url: 'https://www.criterionchannel.com/browse',
    tiles: [
      w('The Seventh Seal', 'videos/the-seventh-seal', 1957, 'New This Month'),
      w('Cléo from 5 to 7', 'videos/cleo-from-5-to-7', 1962),
      w('In the Mood for Love', 'videos/in-the-mood-for-love', 2000),
    ],
  },
  {
    name: 'Hulu-like series page: link-less episode tiles "1. Career Day" with a labelled play area, "You May Also Like" with network badges, a network row',
    file: 'hulu-series.html',
    url: 'https://www.hulu.com/series/abbott-elementary-aa13c03b-8e4a-4d2a-a1d5-2d9e8b6f1e2a',
    tiles: [
      w('Career Day', 'slug:career-day', null, 'Episodes', 'episode'),
      w('Mural', 'slug:mural', null, null, 'episode'),
      w("Gregory's Birthday", 'slug:gregory-s-birthday'),
      w('Spilt Milk', 'slug:spilt-milk'),
      w('Only Murders in the Building', 'series/ef31c7e1-cd0d-4b1d-b1a7-4b3b1f8b1e11', 2021, 'You May Also Like', 'series'),
      w('The Bear', 'series/05eb6a8e-90ed-4947-8c0b-e6536cbddd5f', 2022),
      w('What We Do in the Shadows', 'series/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e', 2019),
    ],
  },
];

describe('generic adapter on pages built like real apps, round three', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => expectCase(import.meta.url, c));
});

describe('real-app patterns, round three: details', () => {
  const byFile = (file: string) => CASES.find((c) => c.file === file)!;
  const titles = (file: string) => readCase(import.meta.url, byFile(file)).infos.map((i) => i.title);

  it('subscriptions, channels, brands, networks, people and plan promos are no titles', () => {
    for (const name of ['MGM+', 'Paramount+', 'Max', 'Crunchyroll']) expect(titles('prime-home.html')).not.toContain(name);
    for (const name of ['MGM+', 'STARZ', 'BritBox']) expect(titles('apple-tv-home.html')).not.toContain(name);
    for (const name of ['CBS Sports HQ', 'Nickelodeon', 'Upgrade to Paramount+ with SHOWTIME'])
      expect(titles('paramount-home.html')).not.toContain(name);
    for (const name of ['Pluto TV Crime Drama', 'Star Trek', 'MST3K']) expect(titles('pluto-guide.html')).not.toContain(name);
    expect(titles('prime-detail.html')).not.toContain('Alan Ritchson');
    expect(titles('hulu-series.html')).not.toContain('ABC');
  });

  it('an episode card names the episode and links to it, not to the series beside it', () => {
    const { tiles, infos } = readCase(import.meta.url, byFile('crunchyroll-home.html'));
    const card = tiles[infos.findIndex((i) => i.title === 'Phantoms of the Dead')]!;
    expect(g.readTile(card)?.url).toBe('https://www.crunchyroll.com/watch/GG1U2JNDD/phantoms-of-the-dead');
    // Recycled: the same element now shows another episode.
    for (const a of Array.from(card.querySelectorAll('a[href^="/watch/"]'))) a.setAttribute('href', '/watch/GZ7UV8KWZ/the-end');
    card.querySelector('h4 a')!.textContent = 'E6 - The End';
    expect(g.readTile(card)).toMatchObject({ title: 'The End', siteItemId: 'watch/GZ7UV8KWZ' });
  });

  it('a guide cell is found when the scanner hands over its row alone, and reads a renamed programme', () => {
    const { tiles } = readCase(import.meta.url, byFile('pluto-guide.html'));
    const cell = tiles.find((t) => t.getAttribute('role') === 'gridcell')!;
    const row = cell.parentElement!;
    expect(g.findTiles(row).length).toBe(row.children.length);
    cell.querySelector('[class*="Title"]')!.textContent = 'Dexter';
    expect(g.readTile(cell)).toMatchObject({ title: 'Dexter', siteItemId: 'slug:dexter' });
  });

  it('a channel heading a guide row is no title, whatever its class names and link say', () => {
    const { url, file } = byFile('pluto-guide.html');
    const doc = loadFixture(import.meta.url, file, url);
    for (const el of Array.from(doc.querySelectorAll('[role="row"], [role="rowheader"], [role="rowheader"] *'))) el.removeAttribute('class');
    for (const a of Array.from(doc.querySelectorAll('[role="rowheader"] a')))
      a.setAttribute('href', a.getAttribute('href')!.replace('/live-tv/', '/watch/'));
    expect(g.findTiles(doc).map((t) => g.readTile(t)?.title)).toEqual(byFile(file).tiles.map((t) => t.title));
  });

  it('a time slot is when a programme is on, never its name; one clock time per item is a feed, not a guide', () => {
    expect(cleanCardTitle('CSI: Miami, 8:00 PM to 9:00 PM', true, true)?.title).toBe('CSI: Miami');
    expect(isGenericTitle('7:30 PM - 8:30 PM')).toBe(true);
    expect(isGenericTitle('20:00–21:00')).toBe(true);
    const list = (times: string[]) =>
      parseHtml(
        `<body><main><h2>Tonight</h2><ul>${times.map((t, i) => `<li tabindex="0"><span class="name">Show ${String.fromCharCode(65 + i)}</span><span class="time">${t}</span></li>`).join('')}</ul></main></body>`,
        'https://tv.example/guide',
      );
    const titles = (doc: Document) => g.findTiles(doc).map((t) => g.readTile(t)?.title);
    expect(titles(list(['8:00 PM - 9:00 PM', '9:00 PM - 10:00 PM', '10:00 PM - 11:30 PM']))).toEqual(['Show A', 'Show B', 'Show C']);
    expect(titles(list(['10:32 AM', '9:15 AM', '8:02 AM']))).toEqual([]);
  });
});
