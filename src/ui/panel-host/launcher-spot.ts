/**
 * Where the "Picked for you" launcher sits: in a viewport corner where it covers no title and
 * no control, else docked to the right edge as a narrow tab. `chooseSpot` is the pure rule
 * (given which rectangles are occupied); `pageOccupies` asks the page, by hit-testing a few
 * points of a rectangle under the launcher (our own host is skipped).
 */
import type { Box } from '../common/placement';

export type Spot = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'edge';
/** Corners in order of preference; 'edge' is the fallback when every corner covers something. */
export const CORNERS: readonly Exclude<Spot, 'edge'>[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];
/** Space between the launcher and the viewport's edges. */
export const INSET = 16;

export interface Size {
  width: number;
  height: number;
}

/** The launcher's rectangle (viewport px) at a corner. */
export function cornerBox(spot: Exclude<Spot, 'edge'>, size: Size, vw: number, vh: number): Box {
  const left = spot.endsWith('right') ? vw - INSET - size.width : INSET;
  const top = spot.startsWith('bottom') ? vh - INSET - size.height : INSET;
  return { left, top, right: left + size.width, bottom: top + size.height };
}

/**
 * Stay where we are while that spot is free (a launcher that jumps is hard to click); else the
 * first free corner; else the edge.
 */
export function chooseSpot(current: Spot | null, size: Size, vw: number, vh: number, occupied: (box: Box) => boolean): Spot {
  if (current && current !== 'edge' && !occupied(cornerBox(current, size, vw, vh))) return current;
  for (const c of CORNERS) if (c !== current && !occupied(cornerBox(c, size, vw, vh))) return c;
  return 'edge';
}

/** What a launcher must not cover: controls, media, and text. */
const CONTROL = 'a[href], button, input, select, textarea, summary, label, video, img, picture, svg, canvas, iframe, [role="button"], [role="link"], [role="tab"], [role="menuitem"], [tabindex], [contenteditable="true"]';

/** The points of a box that are hit-tested: its corners (inset), edge midpoints and centre. */
export function samplePoints(b: Box): [number, number][] {
  const xs = [b.left + 2, (b.left + b.right) / 2, b.right - 2];
  const ys = [b.top + 2, (b.top + b.bottom) / 2, b.bottom - 2];
  return xs.flatMap((x) => ys.map((y): [number, number] => [x, y]));
}

/** Does the page show something under `box` that the launcher would cover? */
export function pageOccupies(doc: Document, box: Box, ours: Element): boolean {
  for (const [x, y] of samplePoints(box)) {
    const stack = doc.elementsFromPoint?.(x, y) ?? [];
    const under = stack.find((el) => el !== ours && el !== doc.documentElement && el !== doc.body);
    if (under && (under.closest(CONTROL) || hasOwnText(under))) return true;
  }
  return false;
}

function hasOwnText(el: Element): boolean {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && n.textContent && n.textContent.trim()) return true;
  return false;
}
