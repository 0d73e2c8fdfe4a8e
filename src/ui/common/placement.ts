/**
 * Where a popup (a badge's menu, its "why" card) goes so that it stays inside the visible
 * part of the viewport at every edge and zoom level. Pure: the caller measures, this decides.
 *
 * All coordinates are CSS pixels relative to the layout viewport (what getBoundingClientRect
 * returns). `Area` is the part of it the user sees: the whole window, or under pinch zoom the
 * visual viewport (its offsetLeft/offsetTop/width/height).
 *
 * Rules: below the anchor when it fits, else above when that fits, else on the side with more
 * room with a max height (the popup scrolls). Horizontally the popup's right edge lines up with
 * the anchor's (badges sit at a tile's top-right corner), then it is pushed inside the area; a
 * popup wider than the area gets the area's width.
 */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
  /** Set when the popup must shrink to fit (it then scrolls inside). */
  maxWidth: number | null;
  maxHeight: number | null;
}

/** Space kept between the popup and the area's edges. */
export const EDGE_MARGIN = 8;
/** Space between the anchor and the popup. */
export const ANCHOR_GAP = 4;

export function placePopup(anchor: Box, size: Size, area: Area, margin = EDGE_MARGIN, gap = ANCHOR_GAP): Placement {
  const minX = area.left + margin;
  const maxX = area.left + area.width - margin;
  const minY = area.top + margin;
  const maxY = area.top + area.height - margin;
  const room = { w: Math.max(0, maxX - minX), h: Math.max(0, maxY - minY) };

  const width = Math.min(size.width, room.w);
  const maxWidth = size.width > room.w ? room.w : null;
  const left = clamp(anchor.right - width, minX, maxX - width);

  // Room on each side, counting only the visible part (the anchor may be partly off screen).
  const below = maxY - Math.max(anchor.bottom + gap, minY);
  const above = Math.min(anchor.top - gap, maxY) - minY;
  let side: Placement['side'];
  let height = size.height;
  let maxHeight: number | null = null;
  if (size.height <= below) side = 'below';
  else if (size.height <= above) side = 'above';
  else {
    side = below >= above ? 'below' : 'above';
    // Neither side holds it: it gets the larger one (at least what the area holds) and scrolls.
    height = Math.min(size.height, room.h);
    maxHeight = height;
  }
  const wanted = side === 'below' ? anchor.bottom + gap : anchor.top - gap - height;
  // The anchor itself may be partly off screen (a tile cut by the edge): the popup is not.
  const top = clamp(wanted, minY, maxY - height);
  return {
    left: round(left),
    top: round(top),
    side,
    maxWidth: maxWidth === null ? null : round(maxWidth),
    maxHeight: maxHeight === null ? null : round(maxHeight),
  };
}

/** The area of the viewport the user sees: the visual viewport when the browser has one. */
export function visibleArea(win: Window): Area {
  const vv = win.visualViewport;
  if (vv && vv.width > 0 && vv.height > 0) return { left: vv.offsetLeft, top: vv.offsetTop, width: vv.width, height: vv.height };
  return { left: 0, top: 0, width: win.innerWidth, height: win.innerHeight };
}

function clamp(v: number, lo: number, hi: number): number {
  return hi < lo ? lo : Math.min(hi, Math.max(lo, v));
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
