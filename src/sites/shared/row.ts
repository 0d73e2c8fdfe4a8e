/**
 * The row/shelf a tile sits in: the nearest heading that precedes the tile's branch within an
 * enclosing section, row, carousel or list. Sibling cards are skipped so a neighbour card's
 * own title is never taken for the row name.
 */
import { parentAcrossShadow } from './dom';
import { attrOf, CAPS, textOf } from './text';

const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const ROW_LABELLED = new Set(['SECTION', 'ASIDE', 'UL', 'OL', 'NAV']);
const ROW_ROLES = new Set(['region', 'list', 'group', 'listbox', 'grid', 'tablist']);

function isHeading(el: Element): boolean {
  return /^H[1-6]$/.test(el.tagName) || el.getAttribute('role') === 'heading';
}

const firstClass = (el: Element) => /^\s*(\S*)/.exec(el.getAttribute('class') ?? '')![1];

/** Same tag and first class: state classes differ between cards of one row ("slick-slide slick-cloned"). */
function sameShape(a: Element, b: Element): boolean {
  return a.tagName === b.tagName && firstClass(a) === firstClass(b);
}

/**
 * A sibling that opens with a row heading and holds no picture: in apps whose every element has
 * the same class (React Native Web's `css-175oi2r`), it is shaped like the row beside it, yet it
 * is no card. Asked only when the tile's branch holds no heading (where cards are headed, a
 * same-shaped sibling opening with a heading is a card whose picture has not loaded yet), and
 * cheap for the cards of a long grid: only a sibling whose first child is a heading is searched.
 */
function headingWrapper(el: Element): Element | null {
  const first = el.firstElementChild;
  const heading = isHeading(el) ? el : first && isHeading(first) ? first : null;
  return heading && !el.querySelector('img, picture, [style*="url("]') ? heading : null;
}

/**
 * Heading text for `tile`, looking up to `maxDepth` ancestors. At each level the children
 * before the tile's branch are scanned backwards; children shaped like the branch are cards.
 */
export function nearestRowHeading(tile: Element, maxDepth = 8): string | null {
  let branch: Element = tile;
  for (let depth = 0; depth < maxDepth; depth++) {
    // Across shadow roots: a row component's heading sits outside its cards' shadow trees.
    const parent = parentAcrossShadow(branch);
    if (!parent || parent.tagName === 'BODY' || parent.tagName === 'HTML') return null;
    let headed: boolean | undefined;
    for (let sib = branch.previousElementSibling; sib; sib = sib.previousElementSibling) {
      let heading: Element | null;
      if (sameShape(sib, branch)) {
        headed ??= branch.querySelector(HEADING) !== null;
        heading = headed ? null : headingWrapper(sib);
      } else heading = isHeading(sib) ? sib : sib.querySelector(HEADING);
      const text = textOf(heading, CAPS.title);
      if (text) return text;
    }
    const labelled = ROW_LABELLED.has(parent.tagName) || ROW_ROLES.has(parent.getAttribute('role') ?? '');
    const label = labelled ? attrOf(parent, 'aria-label') : null;
    if (label) return label;
    const labelledBy = parent.getAttribute('aria-labelledby');
    if (labelledBy) {
      const ref = (parent.getRootNode() as Document | ShadowRoot).getElementById?.(labelledBy.split(/\s+/)[0] ?? '') ?? null;
      const text = textOf(ref);
      if (text) return text;
    }
    branch = parent;
  }
  return null;
}
