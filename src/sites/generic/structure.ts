/**
 * Cards without links. Many single-page apps draw each title as a `div`/`li` with a click
 * handler (an `onclick` attribute, or a framework listener the DOM does not show), a poster and
 * a heading, a classed title line or only an `alt` text. The link pass in `tiles.ts` cannot see
 * them; this pass finds them from the page's shape:
 *
 * - from every card image not already inside a link card, climb to the lowest ancestor that
 *   repeats: ≥ 3 siblings of the same tag + first class that each hold a card image (the image
 *   itself when the images are the siblings);
 * - a card that holds a title link, or sits inside a link, belongs to the link pass;
 * - cards are judged by group (same parent + shape), on a few peers: each needs a title, and
 *   the group must look clickable (`onclick`, `tabindex`, `role=link|button`, a `data-*` id, or
 *   — read only for groups that get this far, once per group — a computed `cursor: pointer`),
 *   or carry media hints (poster shapes, years, durations) under a row heading. Rows headed
 *   "Cast", "Channels", "Genres" and the like hold people and categories, not titles.
 *
 * Cost: a parent walk per card image and a few attribute reads per group. A page whose images
 * all sit in links (news, shops) gets no candidate and pays for nothing but the walk.
 */
import { nearestRowHeading, queryAllIncludingRoot, spacedText } from '../shared';
import { cardLink, scanCard, type CardScan } from './card';
import { classWords, isGalleryName, isNotTitleCard, isNotTitleRow, type PlaceMemo } from './context';
import { isTitleLink } from './links';
import { cardScore } from './signals';
import { TIME_SLOT, timeSlotEnds } from './title';
import { containerOf, hostsOf, standIn, standInContent } from './composed';

const MAX_CLIMB = 8;
const MIN_REPEATS = 3;
const PEER_SAMPLE = 4;
const SCORE_SAMPLE = 24;
const STOP_TAGS = new Set(['BODY', 'HTML', 'MAIN']);
const CLICK_ROLES = new Set(['link', 'button', 'option', 'gridcell', 'menuitem', 'tab']);
const CLICKABLE_INSIDE = '[onclick], [tabindex], [role="link"], [role="button"], [data-id], [data-item-id], [data-title-id], [data-video-id]';
// A data-* attribute that names an item: data-id, data-title-id, data-video-id, data-item-id …
const DATA_ID_ATTR = /^data-(?:[a-z]+-)?id$/;

export interface StructureDeps {
  root: ParentNode;
  /** Card images found by the caller, in document order. */
  images: Set<Element>;
  /** The images and their ancestors (a few levels). */
  holders: Set<Element>;
  /** Whether an element outside `root` holds a card image (peers of a card scanned on its own). */
  holdsImage: (el: Element) => boolean;
  /** Whether an element holds (or is) a link the link pass treats as a title. */
  linked: (el: Element) => boolean;
  /** Cards the link pass already returned. */
  taken: Set<Element>;
  places: PlaceMemo;
}

export interface StructuralCard {
  card: Element;
  scan: CardScan;
}

/** The cursor of a group, read once per parent element (a style read, not a layout read). */
const pointerMemo = new WeakMap<ParentNode, boolean>();

function clickableSelf(el: Element): boolean {
  if (el.hasAttribute('onclick') || el.hasAttribute('tabindex')) return true;
  if (CLICK_ROLES.has(el.getAttribute('role') ?? '')) return true;
  for (const attr of Array.from(el.attributes)) if (DATA_ID_ATTR.test(attr.name)) return true;
  return false;
}

function looksClickable(card: Element): boolean {
  if (clickableSelf(card) || card.querySelector(CLICKABLE_INSIDE) !== null) return true;
  // A card alone in a shadow tree: the host element is what the app made focusable or gave an id.
  return hostsOf(card).some(clickableSelf);
}

function hasPointerCursor(card: Element, image: Element | null): boolean {
  const parent = containerOf(card);
  if (!parent) return false;
  const known = pointerMemo.get(parent);
  if (known !== undefined) return known;
  const view = card.ownerDocument.defaultView;
  let pointer = false;
  // The card, or the element that draws its poster, is what the pointer rests on.
  for (const el of [card, image?.parentElement, image]) {
    if (!el || !view) continue;
    try {
      if (view.getComputedStyle(el).cursor === 'pointer') pointer = true;
    } catch (err) {
      // Detached or foreign elements: no cursor to read; the attribute signals still count.
      console.debug('[tasteful] cursor read failed', err);
    }
    if (pointer) break;
  }
  pointerMemo.set(parent, pointer);
  return pointer;
}

/**
 * Same-shaped siblings of `el` that hold a card image (`el` included). For an element alone in a
 * shadow tree, the same element in each of its host's same-shaped siblings (see composed.ts).
 */
function imagePeers(el: Element, sig: string, deps: StructureDeps, signature: (e: Element) => string): Element[] {
  const { el: self, depth } = standIn(el);
  const parent = containerOf(self);
  if (!parent) return [];
  const { holders, root } = deps;
  // Siblings outside the scanned subtree were not indexed: ask them directly.
  const outside = depth > 0 || !(root as Node).contains(parent);
  const selfSig = depth ? signature(self) : sig;
  const out: Element[] = [];
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
    if (signature(c) !== selfSig) continue;
    const peer = depth ? standInContent(c, depth) : c;
    if (!peer || signature(peer) !== sig) continue;
    if (holders.has(peer) || (outside && peer !== el && deps.holdsImage(peer))) out.push(peer);
  }
  return out;
}

interface Group {
  peers: Element[];
  cards: Element[];
}

/** Link-less cards under `root`, in document order, and none the link pass already has. */
export function findStructuralCards(deps: StructureDeps, signature: (e: Element) => string): StructuralCard[] {
  const { root, images, linked, taken, places } = deps;
  const groups = new Map<ParentNode, Map<string, Group>>();
  const candidates = new Set<Element>();
  const order: Element[] = [];

  for (const img of images) {
    let el: Element | null = img;
    let found: Element | null = null;
    let group: Group | null = null;
    for (let d = 0; el && d <= MAX_CLIMB; d++, el = el.parentElement) {
      if (taken.has(el) || (el.tagName === 'A' && el.hasAttribute('href'))) {
        found = null;
        break;
      }
      if (STOP_TAGS.has(el.tagName)) break;
      const container = found ? null : containerOf(el);
      if (container) {
        const sig = signature(el);
        const byParent = groups.get(container);
        const known = byParent?.get(sig);
        if (known) {
          found = el;
          group = known;
        } else {
          const peers = imagePeers(el, sig, deps, signature);
          if (peers.length >= MIN_REPEATS) {
            found = el;
            group = { peers, cards: [] };
            const map = byParent ?? new Map<string, Group>();
            map.set(sig, group);
            groups.set(container, map);
          }
        }
      }
      if (el === root) break;
    }
    if (!found || !group || candidates.has(found)) continue;
    candidates.add(found);
    if (linked(found) || places.excluded(found) || isNotTitleCard(found)) continue;
    if (found.parentElement?.closest('a[href]')) continue;
    order.push(found);
    group.cards.push(found);
  }

  const out: StructuralCard[] = [];
  const byCard = new Map<Element, StructuralCard>();
  for (const byParent of groups.values()) {
    for (const group of byParent.values()) {
      if (!group.cards.length) continue;
      for (const c of judge(group, linked)) byCard.set(c.card, c);
    }
  }
  for (const card of order) {
    const c = byCard.get(card);
    if (c) out.push(c);
  }
  return out;
}

/** The titled cards of a group of same-shaped link-less image cards, when they are title tiles. */
function judge(group: Group, linked: (el: Element) => boolean): StructuralCard[] {
  const titled: StructuralCard[] = [];
  let score = 0;
  for (const [i, card] of group.cards.entries()) {
    const scan = scanCard(card, null);
    if (scan.title && !isGalleryName(scan.title.title)) titled.push({ card, scan });
    if (i < SCORE_SAMPLE) score += cardScore(scan, null, spacedText(card, 600));
  }
  if (!titled.length || score < 0) return [];
  // A row of titles names each card differently; one name over and over is a gallery or a widget.
  const names = new Set(titled.slice(0, SCORE_SAMPLE).map((c) => c.scan.title!.title.toLowerCase()));
  if (titled.length >= MIN_REPEATS && names.size * 3 < Math.min(titled.length, SCORE_SAMPLE) * 2) return [];
  // Peers outside the scanned subtree speak for the group too (the scanner scans added parts).
  const sample = group.peers.slice(0, PEER_SAMPLE);
  let peersTitled = 0;
  for (const peer of sample) {
    if (linked(peer)) return []; // the row is the link pass's: these are cards it left out
    if (scanCard(peer, null).title) peersTitled++;
  }
  if (peersTitled * 2 < sample.length) return []; // a gallery with a caption here and there
  const first = group.peers[0]!;
  const heading = nearestRowHeading(first);
  if (isNotTitleRow(heading)) return [];
  if (sample.some(looksClickable)) return titled;
  if (hasPointerCursor(first, titled[0]!.scan.imageEl)) return titled;
  // Nothing says "click me" (a framework listener, no pointer style): media hints under a row heading.
  return score > 0 && heading !== null ? titled : [];
}

/**
 * Programmes in a live TV guide. A guide draws each programme as a cell holding its name and its
 * time slot ("7:30 PM - 8:30 PM"), and no picture: the image passes never see it. The slot is
 * the cell's mark, read from the few elements that can hold one (a `<time>`, an element whose
 * class or test id names a time, a grid cell); the cell is its lowest clickable ancestor (a grid
 * cell, link, button, focusable element) holding that one slot and no other. Three cells, or two
 * beside each other, make a guide: a news story's "10:32 AM" is one time, not a slot. A cell
 * that is a link to no title (a channel's stream) is the channel. The rows the cells sit in are
 * returned too: the channel heading each row (logo, number, name) is no title.
 *
 * A list of spans of one video or podcast is drawn the same way — chapters ("0:00 – 5:12
 * Opening"), a course's lessons in one long video, a running order — and names parts, not
 * titles. Each list of cells is judged on its own (see isOffsetList).
 */
const SLOT_HOLDERS = 'time, [class*="time"], [class*="Time"], [data-testid*="time"], [role="gridcell"]';
const CELL_ROLES = new Set(['gridcell', 'button', 'link', 'option', 'listitem', 'menuitem']);
const MAX_CELL_CLIMB = 5;
const MIN_GUIDE_CELLS = 3;

export interface ScheduleCards {
  cards: StructuralCard[];
  /** Programme cells the other passes already found (a cell with a thumbnail is a link card). */
  known: Set<Element>;
  /** The guide's rows (a channel and its programmes): nothing else in them is a title. */
  rows: Set<Element>;
}

/** `el` or its ancestor within a card's reach that is in `set`. */
function withinAny(el: Element, set: Set<Element>): Element | null {
  for (let cur: Element | null = el, d = 0; cur && d <= 8; cur = cur.parentElement, d++) if (set.has(cur)) return cur;
  return null;
}

const slotText = (el: Element, max: number): string => spacedText(el, max) + (el.getAttribute('aria-label') ?? '');

const slotCount = (el: Element, max: number): number => {
  const text = slotText(el, max);
  const first = TIME_SLOT.exec(text);
  if (!first) return 0;
  return TIME_SLOT.test(text.slice(first.index + first[0].length)) ? 2 : 1;
};

function isCellLike(el: Element): boolean {
  const tag = el.tagName;
  if (tag === 'A' || tag === 'BUTTON' || tag === 'LI') return true;
  if (el.hasAttribute('tabindex') || el.hasAttribute('onclick')) return true;
  return CELL_ROLES.has(el.getAttribute('role') ?? '');
}

/** The programme cell around a slot-holding element: its lowest clickable ancestor holding this one slot. */
function cellOf(el: Element): Element | null {
  let cur: Element | null = el;
  for (let d = 0; cur && d <= MAX_CELL_CLIMB; d++, cur = cur.parentElement) {
    if (STOP_TAGS.has(cur.tagName)) return null;
    if (!isCellLike(cur)) continue;
    return slotCount(cur, 400) === 1 ? cur : null;
  }
  return null;
}

// What a list of media spans calls itself, in its classes or its heading.
const OFFSET_WORDS = new Set([
  'chapter',
  'chapters',
  'lesson',
  'lessons',
  'lecture',
  'lectures',
  'timestamp',
  'timestamps',
  'curriculum',
  'syllabus',
  'tracklist',
]);
const OFFSET_HEADING =
  /\b(?:chapters?|lessons?|lectures?|timestamps?|in this (?:video|episode)|curriculum|syllabus|running order|tracklist|course content)\b/i;
const MAX_DAY_HOUR = 23;

/** The list a cell belongs to: its parent, or above wrappers that hold the cell alone. */
function listOf(cell: Element): Element | null {
  let list = cell.parentElement;
  for (let d = 0; list && d < 2 && list.childElementCount === 1 && list.parentElement; d++) list = list.parentElement;
  return list;
}

/**
 * Whether a list's slots are spans of a video or podcast rather than times of day. A guide's
 * times say AM/PM, or are hours of a day that start on five-minute marks ("20:15 – 21:45").
 * Spans are minutes and seconds: past 23 ("33:58"), off the marks ("5:12", "12:04"), or the
 * first from 0:00 on a page that plays media; or their list or heading says what they are.
 */
function isOffsetList(cells: Element[]): boolean {
  const times = new Set<number>();
  let firstAtZero = false;
  for (const [i, cell] of cells.entries()) {
    const slot = timeSlotEnds(slotText(cell, 400));
    if (!slot) continue;
    if (slot.meridiem) return false;
    for (const [lead, trail] of slot.ends) {
      if (lead > MAX_DAY_HOUR) return true;
      times.add(lead * 60 + trail);
    }
    if (i === 0) firstAtZero = slot.ends[0]![0] === 0 && slot.ends[0]![1] === 0;
  }
  let offMark = 0;
  for (const t of times) if (t % 5 !== 0) offMark++;
  if (offMark >= 2 && offMark * 3 >= times.size) return true;
  const first = cells[0]!;
  for (let el: Element | null = first, d = 0; el && d < 4; el = el.parentElement, d++) {
    const cls = el.getAttribute('class');
    if (cls && classWords(cls).some((w) => OFFSET_WORDS.has(w))) return true;
  }
  if (OFFSET_HEADING.test(nearestRowHeading(first) ?? '')) return true;
  return firstAtZero && first.ownerDocument.querySelector('video, audio') !== null;
}

export function findScheduleCards(root: ParentNode, places: PlaceMemo, taken: Set<Element>): ScheduleCards {
  const none: ScheduleCards = { cards: [], known: new Set(), rows: new Set() };
  const holders = queryAllIncludingRoot(root, SLOT_HOLDERS);
  if (!holders.length) return none;
  let cells: Element[] = [];
  const known = new Set<Element>();
  const seen = new Set<Element>();
  const lists = new Map<Element | null, Element[]>();
  const listed = (cell: Element) => {
    const list = listOf(cell);
    const members = lists.get(list);
    if (members) members.push(cell);
    else lists.set(list, [cell]);
  };
  for (const el of holders) {
    // A slot-holding element is small: a time line or a cell; a whole row or page is not read here.
    const text = spacedText(el, 401);
    if (text.length > 400 || !TIME_SLOT.test(text + (el.getAttribute('aria-label') ?? ''))) continue;
    const cell = cellOf(el);
    if (!cell || seen.has(cell)) continue;
    seen.add(cell);
    // A card found already around this one slot is the programme; a card around several (a whole
    // guide row taken for the channel's card) is not, and the programmes in it are read apart.
    const card = withinAny(cell, taken);
    if (card && (card === cell || slotCount(card, 400) === 1)) {
      known.add(card);
      listed(card);
      continue;
    }
    if (places.excluded(cell) || isNotTitleCard(cell)) continue;
    // A cell linking elsewhere than to a title is a channel's ("/live-tv/stream/cbs-news").
    const link = cell.tagName === 'A' ? cell : cell.closest('a[href]');
    if (link && !isTitleLink(link)) continue;
    cells.push(cell);
    listed(cell);
  }
  if (!cells.length) return none;
  const spans = new Set<Element>();
  for (const members of lists.values()) if (isOffsetList(members)) for (const cell of members) spans.add(cell);
  if (spans.size) {
    for (const cell of spans) known.delete(cell);
    cells = cells.filter((c) => !spans.has(c));
    if (!cells.length) return none;
  }
  const guideSize = cells.length + known.size;
  const paired = (cell: Element) => {
    const parent = cell.parentElement;
    if (!parent) return false;
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
      if (c !== cell && c.tagName === cell.tagName && slotCount(c, 400) === 1) return true;
    }
    return false;
  };
  const out: ScheduleCards = { cards: [], known, rows: new Set() };
  for (const cell of [...cells, ...known]) {
    if (guideSize < MIN_GUIDE_CELLS && !paired(cell)) continue;
    if (!known.has(cell)) {
      const scan = scanCard(cell, cardLink(cell));
      if (!scan.title) continue;
      out.cards.push({ card: cell, scan });
    }
    // The row: the grid's own, else the element holding the channel beside the programme list.
    const grand = cell.parentElement?.parentElement;
    const row = cell.closest('[role="row"]') ?? (grand && grand.childElementCount <= 3 ? grand : null);
    if (row && !STOP_TAGS.has(row.tagName)) out.rows.add(row);
  }
  if (!out.cards.length) out.rows.clear();
  return out;
}
