// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { runFrame, type FrameContext } from './badge-frame';
import type { HostSet } from './badge-hosts';
import { MAX_MEASURE_PER_FRAME, newEntry, type Entry } from './entry';
import type { NearTracker } from './near-tracker';

/** Tiles the observer has not reported on, each counting its measurements; all placed off screen. */
function setup(n: number) {
  const reads = new Map<Element, number>();
  const waiting = new Set<Entry>();
  for (let i = 0; i < n; i++) {
    const el = document.createElement('div');
    document.body.append(el);
    el.getBoundingClientRect = () => {
      reads.set(el, (reads.get(el) ?? 0) + 1);
      return { top: 5000, bottom: 5300, left: 0, right: 200, width: 200, height: 300, x: 0, y: 5000 } as DOMRect;
    };
    const info = {
      siteItemId: `t${i}`,
      title: `T${i}`,
      year: null,
      kind: 'movie' as const,
      genres: [],
      description: null,
      imageUrl: null,
      url: null,
    };
    waiting.add(newEntry(el, info, null, 0));
  }
  const near: NearTracker = {
    available: true,
    watch: () => undefined,
    unwatch: () => undefined,
    isNear: () => undefined,
    since: () => 0,
    disconnect: () => undefined,
  };
  const hosts = { byHost: new Map(), attach: () => undefined, detach: () => undefined, reattach: () => undefined } as unknown as HostSet;
  const c: FrameContext = {
    doc: document,
    win: window,
    hosts,
    waiting,
    near,
    clipCache: new WeakMap(),
    now: () => 0,
    hiddenByRating: () => false,
    visibleByMode: () => true,
    create: () => undefined,
    release: () => undefined,
    forget: () => undefined,
  };
  return { c, reads, waiting };
}

describe('runFrame', () => {
  it('measures at most MAX_MEASURE_PER_FRAME unreported tiles per frame, the first reported first', () => {
    const { c, reads, waiting } = setup(MAX_MEASURE_PER_FRAME * 5);
    runFrame(c);
    expect(reads.size).toBe(MAX_MEASURE_PER_FRAME);
    const first = [...waiting].slice(0, MAX_MEASURE_PER_FRAME).map((e) => e.el);
    expect([...reads.keys()]).toEqual(first);
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
  });
});
