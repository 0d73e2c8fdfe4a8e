// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Box } from '../common/placement';
import { boxOf, chooseSpot, cornerBox, INSET, pageOccupies, samplePoints } from './launcher-spot';

const size = { width: 130, height: 34 };
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('launcher spot', () => {
  it('corner boxes sit INSET from the viewport edges', () => {
    expect(cornerBox('bottom-right', size, 1000, 700)).toEqual({
      left: 1000 - INSET - 130,
      top: 700 - INSET - 34,
      right: 1000 - INSET,
      bottom: 700 - INSET,
    });
    expect(cornerBox('top-left', size, 1000, 700)).toEqual({ left: INSET, top: INSET, right: INSET + 130, bottom: INSET + 34 });
  });

  it('takes the first free corner and never one that covers a title', () => {
    const title: Box = { left: 800, top: 640, right: 1000, bottom: 700 }; // the last row's title, bottom right
    const spot = chooseSpot(null, size, 1000, 700, (b) => overlaps(b, title));
    expect(spot).toBe('bottom-left');
  });

  it('stays put while its spot is free, moves when content comes under it', () => {
    expect(chooseSpot('top-left', size, 1000, 700, () => false)).toBe('top-left');
    const under: Box = { left: 0, top: 0, right: 300, bottom: 100 };
    expect(chooseSpot('top-left', size, 1000, 700, (b) => overlaps(b, under))).toBe('bottom-right');
  });

  it('on a dense grid (every corner taken) docks in the free side margin, else mid right edge', () => {
    const grid: Box = { left: 24, top: 0, right: 1000 - 24, bottom: 700 }; // tiles everywhere but 24 px margins
    const spot = chooseSpot(null, size, 1000, 700, (b) => overlaps(b, grid));
    expect(spot).toEqual({ edge: 'right', y: 350 });
    expect(overlaps(boxOf(spot, size, 1000, 700), grid)).toBe(false);
    const upper: Box = { left: 0, top: 0, right: 1000, bottom: 500 }; // only the lower right margin is free
    const low = chooseSpot(null, size, 1000, 700, (b) => overlaps(b, upper) || overlaps(b, { left: 24, top: 0, right: 976, bottom: 700 }));
    expect(typeof low === 'object' && low.y - size.width / 2 >= 500).toBe(true);
    expect(chooseSpot(null, size, 1000, 700, () => true)).toEqual({ edge: 'right', y: 350 });
  });

  it('hit-tests corners, edges and the centre of the box', () => {
    expect(samplePoints({ left: 0, top: 0, right: 100, bottom: 40 })).toHaveLength(9);
  });

  it('reads links, buttons, images and text under the box as occupied; empty backgrounds as free', () => {
    const ours = document.createElement('tasteful-panel');
    const link = document.createElement('a');
    link.href = '/t/1';
    const span = document.createElement('span');
    link.appendChild(span);
    const text = document.createElement('p');
    text.textContent = 'The Matrix';
    const empty = document.createElement('div');
    const doc = (stack: Element[]) =>
      ({ documentElement: document.documentElement, body: document.body, elementsFromPoint: () => stack }) as unknown as Document;
    const box = { left: 0, top: 0, right: 100, bottom: 30 };
    expect(pageOccupies(doc([ours, span, link]), box, ours)).toBe(true);
    expect(pageOccupies(doc([ours, text]), box, ours)).toBe(true);
    expect(pageOccupies(doc([ours, empty, document.body]), box, ours)).toBe(false);
    expect(pageOccupies(doc([ours, document.body, document.documentElement]), box, ours)).toBe(false);
    // With the topmost element a page element, the whole stack is not asked for.
    let stacks = 0;
    const withTop = (top: Element, stack: Element[]) =>
      ({
        documentElement: document.documentElement,
        body: document.body,
        elementFromPoint: () => top,
        elementsFromPoint: () => {
          stacks++;
          return stack;
        },
      }) as unknown as Document;
    expect(pageOccupies(withTop(span, [span, link]), box, ours)).toBe(true);
    expect(pageOccupies(withTop(empty, [empty, document.body]), box, ours)).toBe(false);
    expect(stacks).toBe(0);
    // Our own launcher on top: what lies under it decides.
    expect(pageOccupies(withTop(ours, [ours, text]), box, ours)).toBe(true);
    expect(stacks).toBeGreaterThan(0);
  });
});
