// @vitest-environment happy-dom
/**
 * The generic adapter on a web-component app: cards inside open shadow roots, nested several
 * levels deep (a page component holding row components holding card components, each with its
 * own shadow root), link cards and link-less ones. The tile scanner hands the adapter every open
 * shadow root as a root of its own; `tilesEverywhere` does the same here.
 */
import { describe, expect, it } from 'vitest';
import { loadFixture, parseHtml } from '../../../test/support/load-fixture';
import { attachDeclarativeShadows } from '../../../test/support/shadow-fixture';
import { genericAdapter as g } from '.';

const URL_ = 'https://www.streamly.example/home';

/** Tiles found in the document and in every open shadow root, as the scanner would ask for them. */
function tilesEverywhere(doc: Document, roots: ShadowRoot[]): Element[] {
  const found = new Set<Element>(g.findTiles(doc));
  for (const root of roots) if ((root.host as Element).shadowRoot === root) for (const t of g.findTiles(root)) found.add(t);
  return [...found];
}

function load(): { doc: Document; roots: ShadowRoot[] } {
  const doc = loadFixture(import.meta.url, 'web-components.html', URL_);
  return { doc, roots: attachDeclarativeShadows(doc) };
}

describe('generic adapter: cards inside open shadow roots', () => {
  it('finds every title card of the web-component app, reads it like a light-DOM card, and nothing else', () => {
    const { doc, roots } = load();
    expect(roots.length).toBeGreaterThan(20);
    const tiles = tilesEverywhere(doc, roots).map((el) => ({ el, info: g.readTile(el)! }));
    const got = tiles.map(({ el, info }) => ({ title: info.title, id: info.siteItemId, row: g.readRow(el) }));
    expect(got).toEqual([
      { title: 'Dune: Part Two', id: 'title/1001', row: 'Trending now' },
      { title: 'The Bear', id: 'title/1002', row: 'Trending now' },
      { title: 'Past Lives', id: 'title/1003', row: 'Trending now' },
      { title: 'Shōgun', id: 'title/1004', row: 'Trending now' },
      { title: 'Severance', id: 'title/2001', row: 'Continue watching' },
      { title: 'Slow Horses', id: 'title/2002', row: 'Continue watching' },
      { title: 'Silo', id: 'title/2003', row: 'Continue watching' },
      { title: 'Civil War', id: 'title/3001', row: 'New releases' },
      { title: 'Challengers', id: 'title/3002', row: 'New releases' },
      { title: 'Furiosa', id: 'title/3003', row: 'New releases' },
      { title: '1899', id: 'id:m-4417', row: 'Because you watched Dark' },
      { title: 'Devs', id: 'id:m-4418', row: 'Because you watched Dark' },
      { title: 'Counterpart', id: 'id:m-4419', row: 'Because you watched Dark' },
    ]);
    const dune = tiles[0]!.info;
    expect(dune.url).toBe('https://www.streamly.example/title/1001/dune-part-two');
    expect(dune.imageUrl).toBe('https://www.streamly.example/art/1001.jpg');
    expect(dune.year).toBe(2024);
    // The tile is the card inside its shadow tree (what a badge is drawn over), not the host.
    expect(tiles[0]!.el.tagName).toBe('A');
    expect(tiles[4]!.el.className).toBe('frame');
    expect(tiles[10]!.el.className).toBe('tile');
  });

  it('leaves closed shadow roots alone: nothing inside one is found', () => {
    const { doc, roots } = load();
    const titles = tilesEverywhere(doc, roots).map((el) => g.readTile(el)?.title);
    expect(titles.some((t) => t?.startsWith('Hidden'))).toBe(false);
    // The cards are there and would be found if the page had left the root open.
    const closed = roots.find((r) => r.host.tagName === 'LOCKED-ROW')!;
    expect(closed.host.shadowRoot).toBeNull();
    expect(g.findTiles(closed).map((el) => g.readTile(el)?.title)).toEqual(['Hidden One', 'Hidden Two', 'Hidden Three']);
  });

  it('a card alone in a shadow root counts as a card only where its host repeats', () => {
    const doc = parseHtml(
      `<body><main><section class="top"><div class="hero"><media-card><template shadowrootmode="open"><a class="card" href="/title/1/dune"><img src="/a.jpg"><h3>Dune</h3></a></template></media-card></div></section>
       <div class="row"><media-card><template shadowrootmode="open"><a class="card" href="/title/2/heat"><img src="/b.jpg"><h3>Heat</h3></a></template></media-card>
       <media-card><template shadowrootmode="open"><a class="card" href="/title/3/alien"><img src="/c.jpg"><h3>Alien</h3></a></template></media-card></div></main></body>`,
      URL_,
    );
    // Two cards in a row and one on its own: nothing repeats three times.
    expect(tilesEverywhere(doc, attachDeclarativeShadows(doc))).toEqual([]);
  });

  it('a card component inside a <nav> or a dialog is not a title card, however deep the shadow roots', () => {
    const card = (n: number) =>
      `<media-card><template shadowrootmode="open"><a class="card" href="/title/${n}/t${n}"><img src="/${n}.jpg"><h3>Title number ${n}</h3></a></template></media-card>`;
    const doc = parseHtml(
      `<body><nav><menu-bar><template shadowrootmode="open"><div class="items">${card(1)}${card(2)}${card(3)}</div></template></menu-bar></nav>
       <div role="dialog"><div class="items">${card(4)}${card(5)}${card(6)}</div></div></body>`,
      URL_,
    );
    expect(tilesEverywhere(doc, attachDeclarativeShadows(doc))).toEqual([]);
  });

  it('sees a poster drawn by an image component (its <img> in its own shadow root) through the host', () => {
    const tile = (n: number, name: string) =>
      `<div class="tile"><a href="/title/${n}/t"><lazy-img src="/art/${n}.jpg" width="150" height="225"><template shadowrootmode="open"><img src="/art/${n}.jpg" alt=""></template></lazy-img><h3>${name}</h3></a></div>`;
    const player = '<media-player src="/hls/trailer.m3u8"><template shadowrootmode="open"><video></video></template></media-player>';
    const doc = parseHtml(
      `<body><main><div class="row">${tile(5001, 'Arrival')}${tile(5002, 'Sicario')}${tile(5003, 'Prisoners')}</div>${player}</main></body>`,
      URL_,
    );
    const roots = attachDeclarativeShadows(doc);
    const infos = tilesEverywhere(doc, roots).map((el) => g.readTile(el)!);
    expect(infos.map((t) => [t.title, t.imageUrl])).toEqual([
      ['Arrival', 'https://www.streamly.example/art/5001.jpg'],
      ['Sicario', 'https://www.streamly.example/art/5002.jpg'],
      ['Prisoners', 'https://www.streamly.example/art/5003.jpg'],
    ]);
  });

  it('reads a recycled card inside a shadow root afresh', () => {
    const { doc, roots } = load();
    const tile = tilesEverywhere(doc, roots)[1]!;
    tile.setAttribute('href', '/title/1099/the-bear-redux');
    tile.querySelector('h3')!.textContent = 'The Bear Redux';
    expect(g.readTile(tile)).toMatchObject({ siteItemId: 'title/1099', title: 'The Bear Redux' });
  });
});
