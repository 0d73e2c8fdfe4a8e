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
 */
import type { ObserverFactory, ObserverLike } from './impressions';

export type ViewportEntry = Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'intersectionRatio'>;
type Callback = (entries: ViewportEntry[]) => void;

export interface ViewportObserver {
  /** A view of the shared observer for one user (impressions, badges). */
  readonly observer: ObserverFactory;
  /** Elements the real observer watches now (for tests). */
  watchedCount(): number;
  disconnect(): void;
}

export type RealObserverFactory = (cb: (entries: ViewportEntry[]) => void, thresholds: number[]) => ObserverLike;

const browserFactory =
  (win: Window): RealObserverFactory =>
  (cb, thresholds) =>
    new (win as Window & typeof globalThis).IntersectionObserver(cb, { threshold: thresholds });

/** 0: a tile enters or leaves the screen (badges); 0.5: half of it is visible (impressions). */
export const VIEWPORT_THRESHOLDS = [0, 0.5];

export function createViewportObserver(opts: { win?: Window; make?: RealObserverFactory; thresholds?: number[] } = {}): ViewportObserver {
  const make = opts.make ?? browserFactory(opts.win ?? window);
  const watchers = new Map<Element, Set<Callback>>();
  const last = new Map<Element, ViewportEntry>();

  const real = make((entries) => {
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
  }, opts.thresholds ?? VIEWPORT_THRESHOLDS);

  function release(el: Element, view: Callback) {
    const views = watchers.get(el);
    if (!views?.delete(view) || views.size > 0) return;
    watchers.delete(el);
    last.delete(el);
    real.unobserve(el);
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
          real.observe(el);
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
    disconnect() {
      real.disconnect();
      watchers.clear();
      last.clear();
    },
  };
}
