/**
 * ONE IntersectionObserver per page, shared by everything that needs to know whether a tile is
 * on screen (impressions, badges). An observer costs main-thread time per observed target per
 * frame, so two observers over the same 2,000 tiles cost about twice one.
 *
 * Each user gets an `ObserverLike` view (`observer(cb)`, the same shape as impressions'
 * `ObserverFactory`): it observes and unobserves its own elements and is called only with
 * entries for them. The real observer watches an element while at least one view does.
 *
 * Semantics stay exact for every view: thresholds are the union of what the views need, no
 * root margin (impressions count what is really visible). An IntersectionObserver reports only
 * threshold crossings, so the last entry seen for an element still tells which side of every
 * threshold it is on; a view that starts watching an element the observer already reported
 * gets that last entry (in a microtask, like a real observer's first report comes later).
 *
 * Only tiles whose container is near the screen are observed for real (viewport-gate.ts); the
 * others are reported as not intersecting, which they cannot be, without costing the observer
 * anything per frame.
 */
import type { ObserverFactory, ObserverLike } from './impressions';
import { browserGateObserver, createViewportGate, type GateObserverFactory } from './viewport-gate';

export type ViewportEntry = Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'intersectionRatio'>;
type Callback = (entries: ViewportEntry[]) => void;

export interface ViewportObserver {
  /** A view of the shared observer for one user (impressions, badges). */
  readonly observer: ObserverFactory;
  /** Elements some view watches (for tests). */
  watchedCount(): number;
  /** Elements the real observer watches now (for tests): those not gated off. */
  observedCount(): number;
  disconnect(): void;
}

export type RealObserverFactory = (cb: (entries: ViewportEntry[]) => void, thresholds: number[]) => ObserverLike;

const browserFactory =
  (win: Window): RealObserverFactory =>
  (cb, thresholds) =>
    new (win as Window & typeof globalThis).IntersectionObserver(cb, { threshold: thresholds });

/** 0: a tile enters or leaves the screen (badges); 0.5: half of it is visible (impressions). */
export const VIEWPORT_THRESHOLDS = [0, 0.5];

const FAR = { isIntersecting: false, intersectionRatio: 0 } as const;

export function createViewportObserver(
  opts: {
    win?: Window;
    make?: RealObserverFactory;
    thresholds?: number[];
    /** The container observer (viewport-gate.ts); null: observe every element. Default: the browser's with `make` absent, none with it. */
    gate?: GateObserverFactory | null;
  } = {},
): ViewportObserver {
  const make = opts.make ?? browserFactory(opts.win ?? window);
  const watchers = new Map<Element, Set<Callback>>();
  const last = new Map<Element, ViewportEntry>();
  /** Elements the real observer watches. */
  const observed = new Set<Element>();

  const report = (entries: readonly ViewportEntry[]) => {
    const byView = new Map<Callback, ViewportEntry[]>();
    for (const e of entries) {
      const views = watchers.get(e.target);
      if (!views) continue; // unobserved while the report was on its way
      last.set(e.target, { target: e.target, isIntersecting: e.isIntersecting, intersectionRatio: e.intersectionRatio });
      for (const v of views) {
        let list = byView.get(v);
        if (!list) byView.set(v, (list = []));
        list.push(e);
      }
    }
    for (const [view, list] of byView) view(list);
  };
  const real = make(report, opts.thresholds ?? VIEWPORT_THRESHOLDS);

  const open = (els: Element[]) => {
    for (const el of els) {
      if (!watchers.has(el) || observed.has(el)) continue;
      observed.add(el);
      real.observe(el);
    }
  };
  /**
   * Far reports not delivered yet: one microtask delivers all of a task's, since a tile added to
   * a row already known to be far is closed on its own (the scanner announces tiles one by one:
   * 2,000 microtasks and view calls on a 2,000-tile page, each view restarting its timers).
   */
  let farNews: ViewportEntry[] = [];
  const deliverFar = () => {
    const news = farNews;
    farNews = [];
    report(news);
  };
  /** Far from the screen: not observed, and reported as not intersecting unless that is already known. */
  const close = (els: Element[]) => {
    const before = farNews.length;
    for (const el of els) {
      if (observed.delete(el)) real.unobserve(el);
      const known = last.get(el);
      if (watchers.has(el) && (!known || known.isIntersecting)) farNews.push({ target: el, ...FAR });
    }
    // Asynchronously, as a real observer reports: a view is never called back from inside its own observe().
    if (before === 0 && farNews.length > 0) queueMicrotask(deliverFar);
  };
  const gateMake = opts.gate === undefined ? (opts.make ? null : browserGateObserver(opts.win ?? window)) : opts.gate;
  const gate = gateMake ? createViewportGate({ make: gateMake, open, close }) : null;

  function release(el: Element, view: Callback) {
    const views = watchers.get(el);
    if (!views?.delete(view) || views.size > 0) return;
    watchers.delete(el);
    last.delete(el);
    gate?.remove(el);
    if (observed.delete(el)) real.unobserve(el);
  }

  const observer: ObserverFactory = (cb) => {
    const mine = new Set<Element>();
    const view: Callback = cb;
    /**
     * Last entries owed to this view, delivered together in one microtask: a view that starts
     * watching 2,000 tiles already reported gets one call, not 2,000.
     */
    let owed: ViewportEntry[] = [];
    const deliverOwed = () => {
      const list = owed.filter((known) => mine.has(known.target) && last.get(known.target) === known);
      owed = [];
      if (list.length) view(list);
    };
    return {
      observe(el) {
        if (mine.has(el)) return;
        mine.add(el);
        let views = watchers.get(el);
        if (!views) {
          watchers.set(el, (views = new Set()));
          views.add(view);
          if (gate) gate.add(el);
          else open([el]);
          return;
        }
        views.add(view);
        const known = last.get(el);
        if (!known) return;
        if (owed.length === 0) queueMicrotask(deliverOwed);
        owed.push(known);
      },
      unobserve(el) {
        if (!mine.delete(el)) return;
        release(el, view);
      },
      disconnect() {
        for (const el of mine) release(el, view);
        mine.clear();
      },
    };
  };

  return {
    observer,
    watchedCount: () => watchers.size,
    observedCount: () => observed.size,
    disconnect() {
      real.disconnect();
      gate?.disconnect();
      watchers.clear();
      last.clear();
      observed.clear();
    },
  };
}
