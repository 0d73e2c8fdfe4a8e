/**
 * Which scored tiles are on screen, through the page's shared viewport observer (see
 * record/viewport-observer.ts): badges are made only for tiles on screen, and a badge's
 * latency is counted from when its tile came on screen if that was after it was reported.
 */
import type { ObserverFactory, ObserverLike } from '../../record/impressions';
import { record } from './timings';

export interface NearTracker {
  watch(el: Element): void;
  unwatch(el: Element): void;
  /** true/false once the observer reported; undefined before (judge by geometry). */
  isNear(el: Element): boolean | undefined;
  /** When the tile last came on screen (0: it was there when first reported). */
  since(el: Element): number;
  readonly available: boolean;
  disconnect(): void;
}

export function createNearTracker(observer: ObserverFactory | null, now: () => number, onChange: () => void): NearTracker {
  const near = new WeakMap<Element, boolean>();
  const nearSince = new WeakMap<Element, number>();
  const io: ObserverLike | null = observer
    ? observer((records) => {
        for (const r of records) {
          // A tile already on screen when first observed (its score just came back) has been
          // waiting since it was reported: its clock starts then, so the latency includes the
          // scoring round trip. Only a tile scrolled on screen later starts now.
          const firstReport = !near.has(r.target);
          if (r.isIntersecting) record.milestone('firstNear');
          if (r.isIntersecting && near.get(r.target) !== true) nearSince.set(r.target, firstReport ? 0 : now());
          near.set(r.target, r.isIntersecting);
        }
        onChange();
      })
    : null;
  return {
    available: io !== null,
    watch: (el) => io?.observe(el),
    unwatch(el) {
      io?.unobserve(el);
      near.delete(el);
    },
    isNear: (el) => near.get(el),
    since: (el) => nearSince.get(el) ?? 0,
    disconnect: () => io?.disconnect(),
  };
}

/** A layer used without a shared observer (tests, one-off pages) makes its own. */
export function ownObserver(win: Window): ObserverFactory | null {
  const IO = (win as Window & typeof globalThis).IntersectionObserver;
  if (typeof IO !== 'function') return null;
  return (cb) => new IO(cb, { threshold: [0] });
}
