// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startImpressions } from './impressions';
import { createTileScanner } from './tile-scanner';
import { fakeAdapter, fakeSend, manualIdle, settle } from '../../test/support/record-test-utils';
import { systemClock } from './types';
import { createViewportObserver, VIEWPORT_THRESHOLDS, type ViewportEntry } from './viewport-observer';

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
