// @vitest-environment happy-dom
/**
 * The tile scanner on web-component pages: tiles inside open shadow roots, nested roots, roots
 * attached after the scanner started (hosts added later, rows rendered later inside a root,
 * custom elements upgraded late), closed roots, and what a page without shadow roots pays.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTileScanner, type TileListener } from './tile-scanner';
import { onTileActivated, eventOrigin } from './activation';
import { createShadowRoots, type UpgradeWatchFactory } from './shadow-roots';
import { fakeAdapter, fakeClock, manualIdle, settle } from '../../test/support/record-test-utils';

const tile = (id: string) => `<a class="tile" data-id="${id}" href="/title/${id}"><img alt=""><span>Movie ${id}</span></a>`;

/** A host element with an open (or closed) shadow root holding `html`. */
function host(tag: string, html: string, mode: ShadowRootMode = 'open'): { el: HTMLElement; root: ShadowRoot } {
  const el = document.createElement(tag);
  const root = el.attachShadow({ mode });
  root.innerHTML = html;
  return { el, root };
}

/** Upgrades announced by the test, as a ResizeObserver would announce them. */
function manualUpgrades() {
  const watched = new Set<Element>();
  let notify: (el: Element) => void = () => undefined;
  const factory: UpgradeWatchFactory = (onChange) => {
    notify = onChange;
    return { watch: (el) => watched.add(el), unwatch: (el) => watched.delete(el), disconnect: () => watched.clear() };
  };
  return { factory, watched, fire: (el: Element) => notify(el) };
}

function setup(watchUpgrades?: UpgradeWatchFactory) {
  const idle = manualIdle();
  const events: string[] = [];
  const els = new Map<string, Element>();
  const listener: TileListener = {
    onTile: (el, info) => {
      events.push(`tile ${info.siteItemId}`);
      els.set(info.siteItemId, el);
    },
    onTileChanged: (_el, info, _row, prev) => events.push(`changed ${prev}->${info.siteItemId}`),
  };
  const life = new AbortController();
  const scanner = createTileScanner({ adapter: fakeAdapter(), doc: document, signal: life.signal, idle, clock: fakeClock(), watchUpgrades });
  return { idle, events, els, listener, life, scanner };
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('tile scanner: open shadow roots', () => {
  it('finds tiles in shadow roots nested three levels deep, and in the light DOM beside them', () => {
    const card = (id: string) => {
      const c = host('media-card', tile(id));
      return c.el;
    };
    const row = host('media-row', '<div class="track"></div>');
    for (const id of ['s1', 's2', 's3']) row.root.querySelector('.track')!.append(card(id));
    const page = host('home-page', '<main></main>');
    page.root.querySelector('main')!.append(row.el);
    const app = host('app-shell', '<div class="frame"></div>');
    app.root.querySelector('.frame')!.append(page.el);
    document.body.innerHTML = tile('light');
    document.body.append(app.el);
    const { idle, events, els, listener, scanner } = setup();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    expect(events.sort()).toEqual(['tile light', 'tile s1', 'tile s2', 'tile s3']);
    // The tile is the element inside the card's shadow root, and clicks inside it name it.
    const s2 = els.get('s2')!;
    expect(s2.getRootNode()).not.toBe(document);
    expect(scanner.tileFor(s2.querySelector('span'))?.info.siteItemId).toBe('s2');
  });

  it('finds hosts added later, rows rendered later inside a known root, and hosts added inside a root', async () => {
    const row = host('media-row', '<div class="track"></div>');
    document.body.append(row.el);
    const { idle, events, listener, scanner } = setup();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    expect(events).toEqual([]);
    // The app renders the row's content after its data arrives: a mutation inside the shadow root.
    row.root.querySelector('.track')!.innerHTML = tile('r1') + tile('r2');
    await settle();
    idle.runAll();
    expect(events).toEqual(['tile r1', 'tile r2']);
    // A card component added inside the row's root, its own root already rendered.
    row.root.querySelector('.track')!.append(host('media-card', tile('r3')).el);
    await settle();
    idle.runAll();
    // A whole new row component added to the document.
    const later = host('media-row', '<div class="track"></div>');
    later.root.querySelector('.track')!.append(host('media-card', tile('r4')).el);
    document.body.append(later.el);
    await settle();
    idle.runAll();
    expect(events).toEqual(['tile r1', 'tile r2', 'tile r3', 'tile r4']);
  });

  it('reads a recycled tile inside a shadow root again when its attributes change', async () => {
    const row = host('media-row', tile('a1'));
    document.body.append(row.el);
    const { idle, events, listener, scanner } = setup();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    const a = row.root.querySelector('a')!;
    a.setAttribute('data-id', 'a2');
    await settle();
    idle.runAll();
    expect(events).toEqual(['tile a1', 'changed a1->a2']);
  });

  it('finds a shadow root attached on upgrade of a custom element that was already in the page', async () => {
    document.body.innerHTML = '<late-row></late-row>';
    const upgrades = manualUpgrades();
    const { idle, events, listener, scanner } = setup(upgrades.factory);
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    const el = document.querySelector('late-row')!;
    expect([...upgrades.watched]).toEqual([el]);
    // The page defines the element: its constructor attaches and renders the root. No mutation is observed.
    el.attachShadow({ mode: 'open' }).innerHTML = tile('u1');
    await settle();
    idle.runAll();
    expect(events).toEqual([]);
    upgrades.fire(el);
    idle.runAll();
    expect(events).toEqual(['tile u1']);
    expect(upgrades.watched.size).toBe(0);
  });

  it('sees nothing inside a closed shadow root', () => {
    const closed = host('locked-row', tile('c1') + tile('c2'), 'closed');
    document.body.append(closed.el);
    const { idle, events, listener, scanner } = setup();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    expect(events).toEqual([]);
    expect(closed.root.querySelectorAll('a.tile')).toHaveLength(2);
  });

  it('replays tiles inside shadow roots to a later subscriber', () => {
    const row = host('media-row', tile('p1'));
    document.body.append(row.el);
    const { idle, listener, scanner } = setup();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    const late: string[] = [];
    scanner.subscribe({ onTile: (_el, info) => late.push(info.siteItemId) }, new AbortController().signal);
    idle.runAll();
    expect(late).toEqual(['p1']);
  });

  it('walks only the subtrees a mutation adds for hosts, never the whole document again', async () => {
    document.body.innerHTML = `<section>${tile('d1')}</section>`;
    const walks: Node[] = [];
    const real = document.createTreeWalker.bind(document);
    vi.spyOn(document, 'createTreeWalker').mockImplementation((root: Node, show?: number) => {
      walks.push(root);
      return real(root, show);
    });
    const { idle, listener, scanner } = setup();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    expect(walks).toEqual([document]);
    const added = document.createElement('div');
    added.innerHTML = tile('d2');
    document.body.append(added);
    document.querySelector('a')!.setAttribute('data-id', 'd9');
    await settle();
    idle.runAll();
    expect(walks).toEqual([document, added]);
  });
});

describe('shadow roots: discovery', () => {
  it('walks each element of the subtree once and does not enter the roots it finds', () => {
    const found: ShadowRoot[] = [];
    const roots = createShadowRoots({ doc: document, onRoot: (r) => found.push(r) });
    const outer = host('x-outer', '<x-inner></x-inner><p></p>');
    const inner = (outer.root.querySelector('x-inner') as HTMLElement).attachShadow({ mode: 'open' });
    const wrap = document.createElement('div');
    wrap.innerHTML = '<p><span></span></p>';
    wrap.append(outer.el);
    document.body.append(wrap);
    roots.discover(wrap, true);
    expect(found).toEqual([outer.root]);
    expect(roots.walked).toBe(4); // div, p, span, x-outer
    roots.discover(outer.root, true);
    expect(found).toEqual([outer.root, inner]);
    roots.discover(wrap, true); // known roots are not announced twice
    expect(found).toHaveLength(2);
  });
});

describe('activation inside shadow roots', () => {
  it('names the tile from the composed path, not the retargeted event target', () => {
    const row = host('media-row', tile('k1'));
    document.body.append(row.el);
    const inner = row.root.querySelector('span')!;
    // Seen from the document, a click inside a shadow root is retargeted to the host.
    const ev = { target: row.el, composedPath: () => [inner, row.root.querySelector('a'), row.root, row.el, document.body] } as unknown as Event;
    expect(eventOrigin(ev)).toBe(inner);
  });

  it('a click inside a shadow tile activates that tile', async () => {
    const row = host('media-row', tile('k2'));
    document.body.append(row.el);
    const { idle, listener, scanner } = setup();
    scanner.subscribe(listener, new AbortController().signal);
    idle.runAll();
    const got: string[] = [];
    onTileActivated(document, scanner, new AbortController().signal, (t) => got.push(t.info.siteItemId));
    row.root.querySelector('span')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(got).toEqual(['k2']);
  });
});
