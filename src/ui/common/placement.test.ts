import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANCHOR_GAP, EDGE_MARGIN, placePopup, type Area, type Box } from './placement';

const screen: Area = { left: 0, top: 0, width: 1280, height: 800 };
const box = (left: number, top: number, w: number, h: number): Box => ({ left, top, right: left + w, bottom: top + h });
const menu = { width: 200, height: 180 };

describe('placePopup', () => {
  it('opens below, right-aligned with the anchor, when there is room', () => {
    const p = placePopup(box(600, 100, 90, 24), menu, screen);
    expect(p).toEqual({ left: 490, top: 124 + ANCHOR_GAP, side: 'below', maxWidth: null, maxHeight: null });
  });

  it('on the first tile of a row (anchor near the left edge) the menu is pushed right, inside the viewport', () => {
    const p = placePopup(box(4, 100, 90, 24), menu, screen);
    expect(p.left).toBe(EDGE_MARGIN);
    expect(p.left + menu.width).toBeLessThanOrEqual(screen.width - EDGE_MARGIN);
  });

  it('at the right edge it stays inside too (anchor partly past the edge)', () => {
    const p = placePopup(box(1250, 100, 90, 24), menu, screen);
    expect(p.left + menu.width).toBe(screen.width - EDGE_MARGIN);
  });

  it('opens above near the bottom of the viewport', () => {
    const p = placePopup(box(600, 700, 90, 24), menu, screen);
    expect(p.side).toBe('above');
    expect(p.top).toBe(700 - ANCHOR_GAP - menu.height);
  });

  it('a tile cut by the top edge still gets its menu on screen', () => {
    const p = placePopup(box(600, -60, 90, 24), menu, screen);
    expect(p.side).toBe('below');
    expect(p.top).toBe(EDGE_MARGIN);
  });

  it('a viewport too short for either side: the larger side, with a max height (the menu scrolls)', () => {
    const short: Area = { left: 0, top: 0, width: 400, height: 150 };
    const p = placePopup(box(200, 30, 90, 24), menu, short);
    expect(p.side).toBe('below');
    expect(p.maxHeight).not.toBeNull();
    expect(p.top).toBeGreaterThanOrEqual(EDGE_MARGIN);
    expect(p.top + (p.maxHeight ?? 0)).toBeLessThanOrEqual(short.height - EDGE_MARGIN);
  });

  it('a viewport narrower than the menu (high zoom): the menu takes the area width', () => {
    const narrow: Area = { left: 0, top: 0, width: 160, height: 800 };
    const p = placePopup(box(60, 100, 90, 24), menu, narrow);
    expect(p.maxWidth).toBe(160 - 2 * EDGE_MARGIN);
    expect(p.left).toBe(EDGE_MARGIN);
  });

  it('under pinch zoom it keeps to the visual viewport, not the layout viewport', () => {
    const visual: Area = { left: 300, top: 200, width: 400, height: 300 };
    const p = placePopup(box(310, 220, 90, 24), menu, visual);
    expect(p.left).toBeGreaterThanOrEqual(visual.left + EDGE_MARGIN);
    expect(p.top).toBeGreaterThanOrEqual(visual.top + EDGE_MARGIN);
    expect(p.top + menu.height).toBeLessThanOrEqual(visual.top + visual.height - EDGE_MARGIN);
  });

  it('property: for any anchor and any viewport, the popup lies inside the visible area', () => {
    fc.assert(
      fc.property(
        fc.record({
          left: fc.integer({ min: -500, max: 3000 }),
          top: fc.integer({ min: -500, max: 3000 }),
          w: fc.integer({ min: 0, max: 400 }),
          h: fc.integer({ min: 0, max: 60 }),
        }),
        fc.record({ width: fc.integer({ min: 1, max: 600 }), height: fc.integer({ min: 1, max: 600 }) }),
        fc.record({
          left: fc.integer({ min: 0, max: 500 }),
          top: fc.integer({ min: 0, max: 500 }),
          width: fc.integer({ min: 40, max: 3000 }),
          height: fc.integer({ min: 40, max: 2000 }),
        }),
        (a, size, area) => {
          const p = placePopup(box(a.left, a.top, a.w, a.h), size, area);
          const w = p.maxWidth ?? size.width;
          const h = p.maxHeight ?? size.height;
          const eps = 0.01;
          expect(p.left).toBeGreaterThanOrEqual(area.left + EDGE_MARGIN - eps);
          expect(p.top).toBeGreaterThanOrEqual(area.top + EDGE_MARGIN - eps);
          expect(p.left + w).toBeLessThanOrEqual(area.left + area.width - EDGE_MARGIN + eps);
          expect(p.top + h).toBeLessThanOrEqual(area.top + area.height - EDGE_MARGIN + eps);
        },
      ),
    );
  });

  it('property: when the menu fits below the anchor it never covers the anchor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1200 }), fc.integer({ min: 0, max: 500 }), (x, y) => {
        const a = box(x, y, 80, 24);
        const p = placePopup(a, menu, screen);
        if (p.side === 'below') expect(p.top).toBeGreaterThanOrEqual(a.bottom);
        else expect(p.top + menu.height).toBeLessThanOrEqual(a.top);
      }),
    );
  });
});
