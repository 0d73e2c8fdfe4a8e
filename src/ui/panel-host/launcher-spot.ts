/**
 * Where the "Picked for you" launcher sits: in a viewport corner where it covers no title and
 * no control, else docked to the right edge as a narrow tab. `chooseSpot` is the pure rule
 * (given which rectangles are occupied); `pageOccupies` asks the page, by hit-testing a few
 * points of a rectangle under the launcher (our own host is skipped).
 */
import type { Box } from '../common/placement';

export type Corner = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
/** A corner, or docked to the right or left edge as a narrow tab centred at `y`. */
export type Spot = Corner | { edge: 'right' | 'left'; y: number };
/** Corners in order of preference; the edges are the fallback when every corner covers something. */
export const CORNERS: readonly Corner[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
/** The docked tab: this wide (it fits most pages' side margins), as tall as the label is long. */
export const TAB_WIDTH = 22;
/** Docked positions tried along an edge, this far apart. */
const EDGE_STEP = 40;
/** Space between the launcher and the viewport's edges. */
export const INSET = 16;

export interface Size {
  width: number;
  height: number;
}

/** The launcher's rectangle (viewport px) at a corner. */
export function cornerBox(spot: Corner, size: Size, vw: number, vh: number): Box {
  const left = spot.endsWith('right') ? vw - INSET - size.width : INSET;
  const top = spot.startsWith('bottom') ? vh - INSET - size.height : INSET;
  return { left, top, right: left + size.width, bottom: top + size.height };
}

/** The docked tab's rectangle: `size` is the launcher's horizontal size (the tab turns it on its side). */
export function edgeBox(edge: 'right' | 'left', y: number, size: Size, vw: number): Box {
  const height = size.width;
  const left = edge === 'right' ? vw - TAB_WIDTH : 0;
  return { left, top: y - height / 2, right: left + TAB_WIDTH, bottom: y + height / 2 };
}

export function boxOf(spot: Spot, size: Size, vw: number, vh: number): Box {
  return typeof spot === 'string' ? cornerBox(spot, size, vw, vh) : edgeBox(spot.edge, spot.y, size, vw);
}

/**
 * Stay where we are while that spot is free (a launcher that jumps is hard to click); else the
 * first free corner; else a free place along the right, then the left edge (a dense grid
 * usually leaves its side margins free); else the middle of the right edge, the least bad.
 */
export function chooseSpot(current: Spot | null, size: Size, vw: number, vh: number, occupied: (box: Box) => boolean): Spot {
  if (current && !occupied(boxOf(current, size, vw, vh))) return current;
  for (const c of CORNERS) if (c !== current && !occupied(cornerBox(c, size, vw, vh))) return c;
  const half = size.width / 2;
  for (const edge of ['right', 'left'] as const) {
    // From the middle outwards: a tab near the middle is easiest to find.
    const mid = vh / 2;
    for (let k = 0; k <= vh / EDGE_STEP; k++) {
      const y = mid + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * EDGE_STEP;
      if (y - half < INSET || y + half > vh - INSET) continue;
      if (!occupied(edgeBox(edge, y, size, vw))) return { edge, y: Math.round(y) };
    }
  }
  return { edge: 'right', y: Math.round(vh / 2) };
}

export function sameSpot(a: Spot | null, b: Spot | null): boolean {
  if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return a === b;
  return a.edge === b.edge && a.y === b.y;
}

/** What a launcher must not cover: controls, media, and text. */
const CONTROL =
  'a[href], button, input, select, textarea, summary, label, video, img, picture, svg, canvas, iframe, [role="button"], [role="link"], [role="tab"], [role="menuitem"], [tabindex], [contenteditable="true"]';

/** The points of a box that are hit-tested: its corners (inset), edge midpoints and centre. */
export function samplePoints(b: Box): [number, number][] {
  const xs = [b.left + 2, (b.left + b.right) / 2, b.right - 2];
  const ys = [b.top + 2, (b.top + b.bottom) / 2, b.bottom - 2];
  return xs.flatMap((x) => ys.map((y): [number, number] => [x, y]));
}

/** Does the page show something under `box` that the launcher would cover? */
export function pageOccupies(doc: Document, box: Box, ours: Element): boolean {
  const skip = (el: Element | null) => !el || el === ours || el === doc.documentElement || el === doc.body;
  for (const [x, y] of samplePoints(box)) {
    // The topmost element alone is usually the answer; the whole stack (a costlier hit test,
    // and this runs up to a few hundred points after each scroll) only when that is ours or the page's root.
    const top = doc.elementFromPoint?.(x, y) ?? null;
    const under = skip(top) ? (doc.elementsFromPoint?.(x, y) ?? []).find((el) => !skip(el)) : top;
    if (under && (under.closest(CONTROL) || hasOwnText(under))) return true;
  }
  return false;
}

function hasOwnText(el: Element): boolean {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && n.textContent && n.textContent.trim()) return true;
  return false;
}
