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

/** Rows (containers) of `perRow` tiles laid out left to right, `rowPx` apart, none reported by the observer yet. */
function rows(count: number, perRow: number, rowPx: number) {
  const { c, reads, waiting } = setup(0);
  const created: Element[] = [];
  c.create = (e) => {
    created.push(e.el);
  };
  const at = new Map<Element, [number, number]>();
  for (let r = 0; r < count; r++) {
    const row = document.createElement('div');
    document.body.append(row);
    for (let i = 0; i < perRow; i++) {
      const el = document.createElement('a');
      row.append(el);
      at.set(el, [r, i]);
      const top = 40 + r * rowPx;
      const left = 10 + i * 160;
      el.getBoundingClientRect = () => {
        reads.set(el, (reads.get(el) ?? 0) + 1);
        return { top, bottom: top + 225, left, right: left + 150, width: 150, height: 225, x: left, y: top } as DOMRect;
      };
      const info = {
        siteItemId: `r${r}t${i}`,
        title: 'T',
        year: null,
        kind: 'movie' as const,
        genres: [],
        description: null,
        imageUrl: null,
        url: null,
      };
      waiting.add(newEntry(el, info, null, 0));
    }
  }
  return { c, reads, created, at };
}

/** A 1280 × 900 viewport (happy-dom's window otherwise). */
const screen1280x900 = () =>
  ({ innerWidth: 1280, innerHeight: 900, getComputedStyle: (el: Element) => window.getComputedStyle(el) }) as unknown as Window;

describe('runFrame on rows of tiles', () => {
  it('measures the first tiles of every row on screen in the first frame, not the off-screen end of the first rows', () => {
    // 50-tile rows as on a streaming home page: three rows in the 1280 × 900 viewport, each showing 8 tiles.
    const { c, reads, created, at } = rows(10, 50, 300);
    c.win = screen1280x900();
    runFrame(c);
    const onScreen = [...at].filter(([, [r, i]]) => r < 3 && i < 8).map(([el]) => el);
    expect(onScreen.length).toBe(24);
    expect(new Set(created.slice(0, 24))).toEqual(new Set(onScreen));
    expect(reads.size).toBeLessThanOrEqual(MAX_MEASURE_PER_FRAME);
  });

  it('makes hosts for tiles on the screen before tiles only near it', () => {
    // One row of 40 tiles: 8 on screen, 1 more within NEAR_PX past the right edge; only the cap's worth are made.
    const { c, created, at } = rows(4, 40, 300);
    c.win = screen1280x900();
    runFrame(c);
    const firstMade = created.map((el) => at.get(el)!);
    // Every tile fully or partly on screen comes before any tile that is only near it.
    const lastOn = firstMade.findLastIndex(([r, i]) => r < 3 && i < 8);
    const firstNearOnly = firstMade.findIndex(([r, i]) => !(r < 3 && i < 8));
    expect(lastOn).toBe(23);
    expect(firstNearOnly === -1 || firstNearOnly > lastOn).toBe(true);
  });
});
