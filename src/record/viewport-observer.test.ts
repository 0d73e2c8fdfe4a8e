// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startImpressions } from './impressions';
import { createTileScanner } from './tile-scanner';
import { fakeAdapter, fakeSend, manualIdle, settle } from '../../test/support/record-test-utils';
import { systemClock } from './types';
import { createViewportObserver, VIEWPORT_THRESHOLDS, type ViewportEntry } from './viewport-observer';
import { containerOf, type GateEntry, type GateObserverFactory } from './viewport-gate';

/** A fake IntersectionObserver: records what it watches; the test plays its reports. */
function fakeReal() {
  const watched = new Set<Element>();
  let report: (entries: ViewportEntry[]) => void = () => undefined;
  let thresholds: number[] = [];
  const make = (cb: (entries: ViewportEntry[]) => void, t: number[]) => {
    report = cb;
    thresholds = t;
    return { observe: (el: Element) => watched.add(el), unobserve: (el: Element) => watched.delete(el), disconnect: () => watched.clear() };
  };
  return {
    make,
    watched,
    thresholds: () => thresholds,
    show: (el: Element, ratio: number) => report([{ target: el, isIntersecting: ratio > 0, intersectionRatio: ratio }]),
  };
}

describe('createViewportObserver', () => {
  it('one real observer with the thresholds of every user, no root margin', () => {
    const real = fakeReal();
    createViewportObserver({ make: real.make });
    expect(real.thresholds()).toEqual(VIEWPORT_THRESHOLDS);
    expect(VIEWPORT_THRESHOLDS).toContain(0.5); // impressions' exact half-visible rule
  });

  it('routes each report only to the views watching that element', () => {
    const real = fakeReal();
    const vo = createViewportObserver({ make: real.make });
    const a = document.createElement('div');
    const b = document.createElement('div');
    const gotA: Element[] = [];
    const gotB: Element[] = [];
    const va = vo.observer((es) => gotA.push(...es.map((e) => e.target)));
    const vb = vo.observer((es) => gotB.push(...es.map((e) => e.target)));
    va.observe(a);
    vb.observe(a);
    vb.observe(b);
    expect(real.watched.size).toBe(2); // a is watched once for both views
    real.show(a, 1);
    real.show(b, 1);
    expect(gotA).toEqual([a]);
    expect(gotB).toEqual([a, b]);
  });

  it('keeps watching an element while any view does, and lets go after the last', () => {
    const real = fakeReal();
    const vo = createViewportObserver({ make: real.make });
    const a = document.createElement('div');
    const va = vo.observer(() => undefined);
    const vb = vo.observer(() => undefined);
    va.observe(a);
    vb.observe(a);
    va.unobserve(a);
    expect(real.watched.has(a)).toBe(true);
    vb.disconnect();
    expect(real.watched.has(a)).toBe(false);
    expect(vo.watchedCount()).toBe(0);
  });

  it('a view that starts watching an element already reported gets its last state', async () => {
    const real = fakeReal();
    const vo = createViewportObserver({ make: real.make });
    const a = document.createElement('div');
    vo.observer(() => undefined).observe(a);
    real.show(a, 0.7);
    const late: ViewportEntry[] = [];
    vo.observer((es) => late.push(...es)).observe(a);
    expect(late).toEqual([]); // like a real observer: not synchronously
    await Promise.resolve();
    expect(late).toEqual([{ target: a, isIntersecting: true, intersectionRatio: 0.7 }]);
  });

  it('a view that starts watching many reported elements gets their last states in one call', async () => {
    const real = fakeReal();
    const vo = createViewportObserver({ make: real.make });
    const els = Array.from({ length: 50 }, () => document.createElement('div'));
    const first = vo.observer(() => undefined);
    for (const el of els) first.observe(el);
    els.forEach((el, i) => {
      real.show(el, i % 2 ? 1 : 0);
    });
    const calls: ViewportEntry[][] = [];
    const late = vo.observer((es) => calls.push(es));
    for (const el of els) late.observe(el);
    late.unobserve(els[0]!); // stopped watching before the delivery: not reported
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((e) => e.target)).toEqual(els.slice(1));
    expect(calls[0]!.map((e) => e.isIntersecting)).toEqual(els.slice(1).map((_, i) => (i + 1) % 2 === 1));
  });
});

describe('impressions through the shared observer keep their exact-visibility rules', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  async function setup() {
    document.body.innerHTML = `<section data-row="Row">${[0, 1, 2].map((i) => `<a class="tile" data-id="m${i}"><span>Movie ${i}</span></a>`).join('')}</section>`;
    const real = fakeReal();
    const vo = createViewportObserver({ make: real.make });
    const idle = manualIdle();
    const life = new AbortController();
    const scanner = createTileScanner({ adapter: fakeAdapter(), doc: document, signal: life.signal, idle });
    const send = fakeSend();
    const ctx = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'demo.test' });
    startImpressions({ scanner, doc: document, win: window, signal: life.signal, send, clock: systemClock, context: ctx, makeObserver: vo.observer });
    // The badge layer's view of the same observer, watching the same tiles.
    const badgeSeen: ViewportEntry[] = [];
    const badges = vo.observer((es) => badgeSeen.push(...es));
    idle.runAll();
    await settle();
    const tile = (i: number) => document.querySelector(`a[data-id="m${i}"]`)!;
    for (const i of [0, 1, 2]) badges.observe(tile(i));
    const sentIds = () => send.of('impressions/record').flatMap((m) => m.impressions.map((x) => x.title.siteItemId));
    return { real, tile, badges, badgeSeen, sentIds, life };
  }

  it('half visible for 1 s counts; under half, or half for 0.9 s, does not; badges see every crossing', async () => {
    const { real, tile, badgeSeen, sentIds } = await setup();
    expect(real.watched.size).toBe(3); // one observation per tile for both users
    real.show(tile(0), 0.6);
    real.show(tile(1), 0.3); // on screen (badges care), under half (impressions do not)
    real.show(tile(2), 0.6);
    vi.advanceTimersByTime(900);
    real.show(tile(2), 0.4); // dropped under half before 1 s: its clock ends
    vi.advanceTimersByTime(300);
    vi.advanceTimersByTime(5_000);
    expect(sentIds()).toEqual(['m0']);
    expect(badgeSeen.filter((e) => e.target === tile(1)).map((e) => e.isIntersecting)).toEqual([true]);
  });

  it('badges letting go of a tile does not blind impressions to it', async () => {
    const { real, tile, badges, sentIds } = await setup();
    badges.unobserve(tile(0));
    expect(real.watched.has(tile(0))).toBe(true);
    real.show(tile(0), 1);
    vi.advanceTimersByTime(1_100);
    vi.advanceTimersByTime(5_000);
    expect(sentIds()).toEqual(['m0']);
  });
});

/** A fake container observer (viewport-gate.ts): the test says which containers are near. */
function fakeGate() {
  const watched = new Set<Element>();
  let report: (entries: GateEntry[]) => void = () => undefined;
  const make: GateObserverFactory = (cb) => {
    report = cb;
    return { observe: (el) => watched.add(el), unobserve: (el) => watched.delete(el), disconnect: () => watched.clear() };
  };
  const rect = (w: number, h: number) => ({ width: w, height: h }) as DOMRectReadOnly;
  return {
    make,
    watched,
    near: (el: Element, near: boolean, size = 100) => report([{ target: el, isIntersecting: near, boundingClientRect: rect(size, size) }]),
  };
}

describe('only tiles whose container is near the screen are observed', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function rows(n: number, perRow: number) {
    document.body.innerHTML = `<main>${Array.from(
      { length: n },
      (_, r) =>
        `<section class="row"><div class="items">${Array.from({ length: perRow }, (_, i) => `<a class="tile" data-id="r${r}t${i}">x</a>`).join('')}</div></section>`,
    ).join('')}</main>`;
    return [...document.querySelectorAll('.items')].map((row) => [...row.children]);
  }

  it("observes each container once, a far one's tiles not at all, and reports them not intersecting", async () => {
    const real = fakeReal();
    const gate = fakeGate();
    const vo = createViewportObserver({ make: real.make, gate: gate.make });
    const tiles = rows(3, 4);
    const seen: ViewportEntry[] = [];
    const view = vo.observer((es) => seen.push(...es));
    for (const t of tiles.flat()) view.observe(t);
    expect(gate.watched.size).toBe(3); // one per row, not one per tile
    expect(real.watched.size).toBe(0); // nothing observed before the rows are placed
    gate.near(tiles[0]![0]!.parentElement!, true);
    gate.near(tiles[1]![0]!.parentElement!, false);
    gate.near(tiles[2]![0]!.parentElement!, false);
    expect([...real.watched]).toEqual(tiles[0]);
    expect(vo.observedCount()).toBe(4);
    await Promise.resolve();
    // The far rows' tiles get their first report without being observed: not on screen.
    expect(seen.map((e) => e.target)).toEqual([...tiles[1]!, ...tiles[2]!]);
    expect(seen.every((e) => !e.isIntersecting && e.intersectionRatio === 0)).toBe(true);
  });

  it('a row coming near has its tiles observed; one going far stops them and reports the visible ones as gone', async () => {
    const real = fakeReal();
    const gate = fakeGate();
    const vo = createViewportObserver({ make: real.make, gate: gate.make });
    const [row] = rows(1, 3);
    const seen: ViewportEntry[] = [];
    const view = vo.observer((es) => seen.push(...es));
    for (const t of row!) view.observe(t);
    const box = row![0]!.parentElement!;
    gate.near(box, false);
    await Promise.resolve();
    seen.length = 0;
    gate.near(box, true); // scrolled within a screen
    expect(real.watched.size).toBe(3);
    real.show(row![0]!, 0.8);
    expect(seen).toEqual([{ target: row![0], isIntersecting: true, intersectionRatio: 0.8 }]);
    seen.length = 0;
    gate.near(box, false); // scrolled far away
    expect(real.watched.size).toBe(0);
    await Promise.resolve();
    // Only the tile last seen on screen is told it left: the others' last report already says so (crossings only).
    expect(seen).toEqual([{ target: row![0], isIntersecting: false, intersectionRatio: 0 }]);
  });

  it('a container without a box gates nothing; tiles right in <body> have no container', () => {
    const real = fakeReal();
    const gate = fakeGate();
    const vo = createViewportObserver({ make: real.make, gate: gate.make });
    const [row] = rows(1, 3);
    const view = vo.observer(() => undefined);
    for (const t of row!) view.observe(t);
    gate.near(row![0]!.parentElement!, false, 0); // zero height: where its tiles are is unknown
    expect(real.watched.size).toBe(3);
    const loose = document.createElement('a');
    document.body.append(loose);
    view.observe(loose);
    expect(real.watched.has(loose)).toBe(true);
    expect(gate.watched.has(document.body)).toBe(false);
  });

  it('lets go of a container when its last tile is let go', () => {
    const real = fakeReal();
    const gate = fakeGate();
    const vo = createViewportObserver({ make: real.make, gate: gate.make });
    const [row] = rows(1, 2);
    const view = vo.observer(() => undefined);
    for (const t of row!) view.observe(t);
    gate.near(row![0]!.parentElement!, true);
    view.unobserve(row![0]!);
    expect(gate.watched.size).toBe(1);
    view.unobserve(row![1]!);
    expect(gate.watched.size).toBe(0);
    expect(real.watched.size).toBe(0);
    expect(vo.observedCount()).toBe(0);
  });

  it('a tile wrapped alone (li > a) is grouped by its list', () => {
    document.body.innerHTML = '<main><ul><li><div><a id="a"></a></div></li><li><div><a id="b"></a></div></li></ul></main>';
    expect(containerOf(document.getElementById('a')!)).toBe(document.querySelector('ul'));
    expect(containerOf(document.getElementById('b')!)).toBe(document.querySelector('ul'));
  });

  it("a tile at the top of a card component's shadow root is grouped by the row the hosts sit in", () => {
    document.body.innerHTML = '<main><div class="track"><x-card></x-card><x-card></x-card></div></main>';
    const tiles = Array.from(document.querySelectorAll('x-card'), (host) => {
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = '<style></style><div class="card"><a></a></div>';
      return root.querySelector('.card')!;
    });
    for (const t of tiles) expect(containerOf(t)).toBe(document.querySelector('.track'));
  });

  it('impressions keep the half-visible rule for a tile whose row came near', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
    try {
      document.body.innerHTML = `<section data-row="Row"><div class="items">${[0, 1].map((i) => `<a class="tile" data-id="m${i}"><span>Movie ${i}</span></a>`).join('')}</div></section>`;
      const real = fakeReal();
      const gate = fakeGate();
      const vo = createViewportObserver({ make: real.make, gate: gate.make });
      const idle = manualIdle();
      const life = new AbortController();
      const scanner = createTileScanner({ adapter: fakeAdapter(), doc: document, signal: life.signal, idle });
      const send = fakeSend();
      const ctx = () => ({ hour: 20, weekday: 5, device: 'desktop' as const, site: 'demo.test' });
      startImpressions({
        scanner,
        doc: document,
        win: window,
        signal: life.signal,
        send,
        clock: systemClock,
        context: ctx,
        makeObserver: vo.observer,
      });
      idle.runAll();
      await settle();
      const tile = (i: number) => document.querySelector(`a[data-id="m${i}"]`)!;
      expect(real.watched.size).toBe(0);
      gate.near(document.querySelector('.items')!, true);
      real.show(tile(0), 0.6);
      real.show(tile(1), 0.4);
      vi.advanceTimersByTime(1_100);
      vi.advanceTimersByTime(5_000);
      expect(send.of('impressions/record').flatMap((m) => m.impressions.map((x) => x.title.siteItemId))).toEqual(['m0']);
      life.abort();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('far reports', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('tiles added one by one to a row already known to be far reach each view in one call', async () => {
    document.body.innerHTML = `<div class="items">${Array.from({ length: 50 }, (_, i) => `<a data-id="t${i}">x</a>`).join('')}</div>`;
    const tiles = [...document.querySelectorAll('.items a')];
    const real = fakeReal();
    const gate = fakeGate();
    const vo = createViewportObserver({ make: real.make, gate: gate.make });
    const calls: ViewportEntry[][] = [];
    const view = vo.observer((es) => calls.push(es));
    view.observe(tiles[0]!);
    gate.near(tiles[0]!.parentElement!, false);
    await Promise.resolve();
    calls.length = 0;
    for (const t of tiles.slice(1)) view.observe(t); // the scanner announces them one by one
    await Promise.resolve();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((e) => e.target)).toEqual(tiles.slice(1));
    expect(calls[0]!.every((e) => !e.isIntersecting)).toBe(true);
    expect(real.watched.size).toBe(0);
  });
});
