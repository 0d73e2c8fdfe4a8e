/**
 * Badges sit at a tile's top-right corner and must lie inside every scrolling or clipping
 * ancestor (carousels). `fitInClippers` is the pure rule; `clippersOf` finds the ancestors
 * (computed styles cached per element: a row of 40 tiles shares one carousel).
 */
import type { Box } from '../common/placement';
import type { Entry } from './entry';

/** Inset of the badge from the tile's corner, and its approximate footprint, for the clip test. */
export const BADGE_INSET = 6;
export const BADGE_W = 96;
export const BADGE_H = 24;
/** A badge pushed out of a clipping ancestor by this much or less (a tile grown on hover) is nudged back in. */
export const NUDGE_PX = 16;

/**
 * The badge's anchor (the tile's top-right corner, viewport px) moved inside every clipper,
 * or `show: false` when the tile is cut off by more than a nudge.
 */
export function fitInClippers(ax: number, ay: number, clippers: readonly Box[]): { show: boolean; ax: number; ay: number } {
  for (const cr of clippers) {
    const dx = Math.min(0, cr.right - (ax - BADGE_INSET)) || Math.max(0, cr.left - (ax - BADGE_INSET - BADGE_W));
    const dy = Math.max(0, cr.top - (ay + BADGE_INSET)) || Math.min(0, cr.bottom - (ay + BADGE_INSET + BADGE_H));
    if (Math.abs(dx) > NUDGE_PX || Math.abs(dy) > NUDGE_PX) return { show: false, ax, ay };
    ax += dx;
    ay += dy;
  }
  return { show: true, ax, ay };
}

export function clippersOf(e: Entry, doc: Document, win: Window, cache: WeakMap<Element, boolean>): Element[] {
  if (e.clippers) return e.clippers;
  const out: Element[] = [];
  for (let el = e.el.parentElement; el && el !== doc.body && el !== doc.documentElement; el = el.parentElement) {
    let clips = cache.get(el);
    if (clips === undefined) {
      const cs = win.getComputedStyle(el);
      clips = cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
      cache.set(el, clips);
    }
    if (clips) out.push(el);
  }
  e.clippers = out;
  return out;
}
