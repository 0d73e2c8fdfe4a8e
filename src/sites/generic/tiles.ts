/**
 * Finding title tiles on a page nobody wrote an adapter for. A tile is a card: the largest
 * element around one title link that holds no other title link, contains a poster or
 * thumbnail, and repeats (≥ 3 siblings or cousins of the same tag+class shape), or stands alone
 * as a home page's billboard. Cards in navigation, banners, footers and ad slots are dropped, as
 * are cards whose only name is a call to action and cards classed as collections, channels or
 * people; each row's group of same-shaped cards is dropped when, on balance, it reads like
 * products or news rather than titles, or names only genres.
 *
 * Cost: a few querySelectorAll calls, then plain parent/child walks with memo maps; no
 * layout reads, so it stays fast on pages with thousands of tiles.
 */
import { baseOf, idFromRoute, idFromUrl, parseUrl, queryAllIncludingRoot, spacedText, type UrlId } from '../shared';
import { cardLink, isCardImage, scanCard, type CardScan } from './card';
import { isGalleryName, isNotTitleCard, PlaceMemo, RowMemo } from './context';
import { isPersonLink, isTitleLinkUrl, linkParts, OPENING_LINK, titleKey } from './links';
import { memoize } from './memo';
import { cardScore } from './signals';
import { isGenreName } from './title';
import { findScheduleCards, findStructuralCards, type ScheduleCards } from './structure';
import { containerOf, standIn, standInContent } from './composed';

const CANDIDATES = 'a[href], [role="link"], [role="button"], button';
// Attribute selectors cost a check per element; lazy-loading libraries mostly use data-bg. `[src]`
// also catches image components (`<lazy-img src>`, their <img> inside their own shadow root).
const IMAGES = 'img, [style*="url("], [data-bg], [data-background], [src]';
const MAX_CARD_DEPTH = 8;
const MAX_IMAGE_DEPTH = 12;
const MIN_REPEATS = 3;
/**
 * Cards scored per row to judge it: the first ones speak for the rest. Rows are judged apart
 * (`groupOf`), so a page of 40 rows scores 40 samples: kept small, as a row on screen is.
 */
const SCORE_SAMPLE = 8;
const MULTI = '\u0000multi';
const ANON = '\u0000anon';
const STOP_TAGS = new Set(['BODY', 'HTML', 'MAIN']);
// Classes that say "state", not "kind of element"; they differ between otherwise equal cards.
const STATE_CLASS =
  /^(?:is-|has-)|active|selected|focus|hover|current|first|last|odd|even|visible|hidden|lazy|loaded|loading|animat|fade|show|open|collapsed|expanded|cloned|disabled|\d/i;

/**
 * Tag plus the first stable class name: cards of one kind share it. Only the first class
 * counts because sites append per-item classes ("post-4121 post tag-dune", "card card--new").
 */
export function signature(el: Element): string {
  const cls = el.getAttribute('class');
  if (!cls) return el.tagName;
  return `${el.tagName}.${stableClass(cls)}`;
}

const stableClass = memoize((cls) => cls.split(/\s+/).find((c) => c && !STATE_CLASS.test(c)) ?? '', 5_000);

class Repetition {
  private readonly byParent = new Map<ParentNode, Map<string, number>>();
  private readonly byGrandparent = new Map<ParentNode, Map<string, number>>();

  private counts(parent: ParentNode): Map<string, number> {
    let map = this.byParent.get(parent);
    if (!map) {
      map = new Map();
      for (const child of Array.from(parent.children)) {
        const sig = signature(child);
        map.set(sig, (map.get(sig) ?? 0) + 1);
      }
      this.byParent.set(parent, map);
    }
    return map;
  }

  /**
   * Whether `card` has at least MIN_REPEATS same-shaped siblings-or-self, or cousins in a grid of
   * rows. A card alone in a shadow tree repeats where its host does (see composed.ts).
   */
  repeated(card: Element): boolean {
    const el = standIn(card).el;
    const parent = containerOf(el);
    if (!parent) return false;
    const sig = signature(el);
    if ((this.counts(parent).get(sig) ?? 0) >= MIN_REPEATS) return true;
    const grand = parent.nodeType === 1 ? containerOf(parent as Element) : null;
    if (!grand) return false;
    let map = this.byGrandparent.get(grand);
    if (!map) {
      map = new Map();
      for (const uncle of Array.from(grand.children)) {
        for (const [s, n] of this.counts(uncle)) map.set(s, (map.get(s) ?? 0) + n);
      }
      this.byGrandparent.set(grand, map);
    }
    return (map.get(sig) ?? 0) >= MIN_REPEATS;
  }
}

// An image named like a person's picture ("avatar", "profile", "/portrait/60x60").
const AVATAR_HINT = /avatar|profile|userpic|user-pic|portrait/i;

/**
 * Ancestors (and self) of every card image, to answer "does this element hold an image?" in O(1).
 * Links around avatars are collected on the way: unless they also hold a card image, they lead
 * to a person or channel, and so does every other link to the same place (the name beside it).
 */
function imageHolders(root: ParentNode, images: Set<Element>, personHrefs: Set<string>): Set<Element> {
  const holders = new Set<Element>();
  const avatarLinks: Element[] = [];
  for (const img of queryAllIncludingRoot(root, IMAGES)) {
    if (!isCardImage(img)) {
      if (img.tagName === 'IMG' && AVATAR_HINT.test(`${img.getAttribute('class') ?? ''} ${img.getAttribute('src') ?? ''}`)) {
        const link = img.closest('a[href]');
        if (link) avatarLinks.push(link);
      }
      continue;
    }
    images.add(img);
    let el: Element | null = img;
    for (let d = 0; el && d <= MAX_IMAGE_DEPTH; d++, el = el.parentElement) {
      if (holders.has(el) && d > 0) break; // the rest of the chain is already marked
      holders.add(el);
    }
  }
  for (const link of avatarLinks) if (!holders.has(link)) personHrefs.add(link.getAttribute('href')!);
  return holders;
}

const holdsImage = (el: Element) => (el.matches(IMAGES) && isCardImage(el)) || Array.from(el.querySelectorAll(IMAGES)).some(isCardImage);

// Words of the element lazy rows draw where a poster will go ("web-poster__placeholder", "skeleton").
const PLACEHOLDER = /(?:^|[\s_-])(?:placeholder|skeleton|shimmer|lazy|lazyload|ghost)(?:$|[\s_-])/i;

/** Whether the card (or something in it, within a few dozen elements) is a poster placeholder. */
function hasPlaceholder(card: Element): boolean {
  if (PLACEHOLDER.test(card.getAttribute('class') ?? '') || card.getAttribute('aria-busy') === 'true') return true;
  const inside = card.getElementsByTagName('*');
  for (let i = 0; i < inside.length && i < 48; i++) {
    const el = inside[i]!;
    if (PLACEHOLDER.test(el.getAttribute('class') ?? '') || el.getAttribute('aria-busy') === 'true') return true;
  }
  return false;
}

/**
 * Link cards whose poster has not loaded yet. Lazy rows render every card but draw a poster only
 * near the viewport, leaving a placeholder in the others; the poster arrives later inside a card
 * the scanner was never told about. A link card without an image is still a card when it holds a
 * placeholder (a `placeholder`/`skeleton` class, `aria-busy`) and at least MIN_REPEATS same-shaped
 * siblings hold an image: it is found now, and read again when its poster comes. A text-only item
 * in a list of picture items (news) has no placeholder. Peers are counted once per parent and shape.
 */
const PEERS_LOOKED = 24;

class PosterPeers {
  private readonly memo = new Map<Element, Map<string, boolean>>();

  constructor(
    private readonly root: ParentNode,
    private readonly holders: Set<Element>,
  ) {}

  among(card: Element): boolean {
    const parent = card.parentElement;
    if (!parent) return false;
    const sig = signature(card);
    let bySig = this.memo.get(parent);
    const known = bySig?.get(sig);
    if (known !== undefined) return known;
    // Siblings outside the scanned subtree were not indexed: ask them directly.
    const outside = !(this.root as Node).contains(parent);
    let count = 0;
    // A few dozen siblings tell: a lazy row's loaded posters are its first cards.
    let looked = 0;
    for (let c = parent.firstElementChild; c && count < MIN_REPEATS && looked < PEERS_LOOKED; c = c.nextElementSibling, looked++) {
      if (signature(c) === sig && (this.holders.has(c) || (outside && holdsImage(c)))) count++;
    }
    const verdict = count >= MIN_REPEATS;
    if (!bySig) this.memo.set(parent, (bySig = new Map()));
    bySig.set(sig, verdict);
    return verdict;
  }
}

interface Primary {
  el: Element;
  key: string;
  id: UrlId | null;
  /** The link leaves the site (another registrable domain). */
  offsite: boolean;
}

/** "www.site.example" → "site.example": hosts of one site compare equal (naive, but only ever errs towards "same"). */
function siteOf(host: string): string {
  return host.replace(/:\d+$/, '').split('.').slice(-2).join('.');
}

const AD_SAMPLE = 6;

/**
 * A few same-shaped cards beside `card`: siblings, else cousins (one card per wrapper). For a card
 * alone in a shadow tree, the host's peers, read back down through their shadow roots.
 */
function peersOf(card: Element): Element[] {
  const { el: self, depth } = standIn(card);
  const sig = signature(self);
  const parent = containerOf(self);
  if (!parent) return [];
  const peers = Array.from(parent.children).filter((el) => el !== self && signature(el) === sig);
  const grand = parent.nodeType === 1 ? containerOf(parent as Element) : null;
  if (peers.length < 2 && grand) {
    for (const uncle of Array.from(grand.children)) {
      if (uncle === parent) continue;
      for (const el of Array.from(uncle.children)) if (signature(el) === sig) peers.push(el);
      if (peers.length >= AD_SAMPLE) break;
    }
  }
  const out: Element[] = [];
  for (const peer of peers) {
    const content = depth ? standInContent(peer, depth) : peer;
    if (content) out.push(content);
    if (out.length >= AD_SAMPLE) break;
  }
  return out;
}

/**
 * Whether an off-site card sits among same-shaped cards that stay on the site: in a row of the
 * site's own titles, a card that leaves the site is an ad. Looks at the page around the card,
 * not at the scanned subtree, so a slide added on its own is judged like the rest.
 */
function isAdAmongSiteCards(card: Element, pageSite: string, base: URL): boolean {
  let onSite = 0;
  for (const peer of peersOf(card)) {
    const parts = linkParts(cardLink(peer)?.getAttribute('href') ?? null, base);
    if (parts) onSite += siteOf(parts.host) === pageSite ? 1 : -1;
  }
  return onSite > 0;
}

/** Links (and image-bearing clickables) that can each stand for one title. */
function primaries(root: ParentNode, holders: Set<Element>, personHrefs: Set<string>, baseUrl: URL | null): Primary[] {
  const out: Primary[] = [];
  const pageHost = baseUrl?.host ?? null;
  let anon = 0;
  // Cards often link twice to the same href (poster and title): read each href once.
  const byHref = new Map<string, { key: string; id: UrlId | null; offsite: boolean } | null>();
  const pageSite = pageHost ? siteOf(pageHost) : null;
  for (const el of queryAllIncludingRoot(root, CANDIDATES)) {
    if (el.tagName === 'A') {
      const href = el.getAttribute('href') ?? '';
      if (personHrefs.has(href) || isPersonLink(el)) continue;
      let known = byHref.get(href);
      if (known === undefined) {
        const url = linkParts(href, baseUrl);
        const id = url ? (url.route ? idFromRoute(url) : idFromUrl(url)) : null;
        const offsite = !!url && !!pageSite && url.host !== pageHost && siteOf(url.host) !== pageSite;
        known = url ? (isTitleLinkUrl(url, pageHost) ? { key: titleKey(url, id), id, offsite } : { key: '', id: null, offsite }) : null;
        byHref.set(href, known);
      }
      if (known) {
        if (known.key) out.push({ el, key: known.key, id: known.id, offsite: known.offsite });
        continue;
      }
    }
    // Clickables without a usable href are titles only when they hold an image themselves and
    // are not part of a real link (which would split one card into two).
    if (holders.has(el) && !el.parentElement?.closest(OPENING_LINK) && !el.querySelector(OPENING_LINK)) {
      out.push({ el, key: `${ANON}${anon++}`, id: null, offsite: false });
    }
  }
  return out;
}

/** For each ancestor within reach, the one title key under it, or MULTI. */
function keyMap(list: Primary[], root: ParentNode): Map<Element, string> {
  const map = new Map<Element, string>();
  for (const { el, key } of list) {
    let cur: Element | null = el;
    for (let d = 0; cur && d <= MAX_CARD_DEPTH; d++) {
      const prev = map.get(cur);
      if (prev === undefined) map.set(cur, key);
      else if (prev !== key) map.set(cur, MULTI);
      if (cur === root || STOP_TAGS.has(cur.tagName)) break;
      cur = cur.parentElement;
    }
  }
  return map;
}

/** The card around a title link: climb while the parent still holds only this title. */
function cardOf(p: Primary, keys: Map<Element, string>, root: ParentNode): Element {
  let card = p.el;
  for (let d = 0; d < MAX_CARD_DEPTH; d++) {
    if (card === root) break;
    const parent = card.parentElement;
    if (!parent || STOP_TAGS.has(parent.tagName) || keys.get(parent) !== p.key) break;
    card = parent;
  }
  return card;
}

/** How far above its own card a link looks for the card it shares with another title's link. */
const MAX_SHARED_CLIMB = 3;
const SHARED_LINKS_READ = 16;

/**
 * The card a link shares with a link to another title. An episode card links to the episode twice
 * (picture and name) and to its series once (a subtitle line); a hero slide links to the series
 * from its key art and title logo and to the first episode from a "Start watching" button. Keys
 * stop at the shared element, leaving the link a card of its own without a picture or a name.
 * The card is the lowest ancestor (a few levels up) where this link's title appears at least twice
 * and every other title once, at most two others: a list of cards links to many titles once each.
 */
function sharedCard(card: Element, p: Primary, keyOf: Map<Element, string>, holders: Set<Element>, root: ParentNode): Element | null {
  let el: Element = card;
  for (let d = 0; d < MAX_SHARED_CLIMB && el !== root; d++) {
    const up = el.parentElement;
    if (!up || STOP_TAGS.has(up.tagName)) return null;
    el = up;
    // The shared card holds the picture: a text list's wrappers are passed without a query.
    if (!holders.has(el)) continue;
    const inside = el.querySelectorAll(CANDIDATES);
    if (inside.length > SHARED_LINKS_READ) return null;
    const counts = new Map<string, number>();
    for (const a of Array.from(inside)) {
      const key = keyOf.get(a);
      if (key !== undefined && !key.startsWith(ANON)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (counts.size > 3) return null;
    const own = counts.get(p.key) ?? 0;
    if (own >= 2 && counts.size > 1 && Array.from(counts).every(([k, n]) => k === p.key || n === 1)) return el;
  }
  return null;
}

/**
 * A lone card that is a home page's billboard: one big title at the top with a link that names it
 * (Play: `/watch/81234567`) and the facts of a title (year, seasons, rating). A news page's lead
 * story or a shop's banner lacks those facts. A title page's own hero names the title the document
 * is about: it is the page, not a tile on it.
 */
function isBillboard(card: Element, scan: CardScan, id: UrlId | null): boolean {
  if (cardScore(scan, id, spacedText(card, 600)) < 2) return false;
  const name = scan.title!.title.toLowerCase();
  return !(card.ownerDocument.title ?? '').toLowerCase().includes(name);
}

/**
 * The row a card is judged in, and its shape there. Rows are judged apart: one shelf component
 * holds films in one row and news stories or products in the next, and hashed or utility class
 * names (`css-1u8qly9`, `group relative flex`) make every card on a page look alike.
 */
function groupOf(card: Element): { row: ParentNode | null; sig: string } {
  const el = standIn(card).el;
  // A card wrapped alone (`<li><a class="card">`) sits in its row through its wrappers.
  let item: Element = el;
  for (let i = 0; i < 4; i++) {
    const up = item.parentElement;
    if (up?.childElementCount !== 1) break;
    item = up;
  }
  return { row: containerOf(item), sig: signature(el) };
}

export function findGenericTiles(root: ParentNode): Element[] {
  const images = new Set<Element>();
  const personHrefs = new Set<string>();
  const holders = imageHolders(root, images, personHrefs);
  // No image, no card; but a card added on its own may be a link card whose poster is still to come,
  // and a guide's programmes have no picture.
  if (holders.size === 0 && !(root.nodeType === 1 && ((root as Element).matches('a[href]') || root.querySelector('a[href]')))) {
    return findScheduleCards(root, new PlaceMemo(), new Set()).cards.map((c) => c.card);
  }
  const baseUrl = parseUrl(baseOf(root as Node));
  const list = primaries(root, holders, personHrefs, baseUrl);
  const keys = keyMap(list, root);
  const places = new PlaceMemo();
  const repetition = new Repetition();
  const rows = new RowMemo();
  const posterPeers = new PosterPeers(root, holders);

  const seen = new Set<Element>();
  const groups = new Map<ParentNode | null, Map<string, { cards: Element[]; score: number; scored: number; genres: number }>>();
  let keyOf: Map<Element, string> | null = null;
  let widened = false;
  // The card shared with another title's link, when the link's own card lacks a picture or a name.
  const widen = (card: Element, p: Primary): Element | null => {
    const parent = card.parentElement;
    if (p.key.startsWith(ANON) || !parent || keys.get(parent) !== MULTI) return null;
    keyOf ??= new Map(list.map((q) => [q.el, q.key]));
    const wide = sharedCard(card, p, keyOf, holders, root);
    return wide && !seen.has(wide) ? wide : null;
  };
  for (const p of list) {
    let card = cardOf(p, keys, root);
    if (seen.has(card)) continue;
    seen.add(card);
    if (!holders.has(card)) {
      const wide = widen(card, p);
      if (wide) {
        seen.add((card = wide));
        widened = true;
      }
    }
    // The placeholder first: a bounded look inside the card turns away the text links of a feed
    // before any sibling is counted.
    if (!holders.has(card) && (p.key.startsWith(ANON) || !hasPlaceholder(card) || !posterPeers.among(card))) continue;
    if (places.excluded(card) || isNotTitleCard(card)) continue;
    let lone = !repetition.repeated(card);
    // Lone cards are billboards at most, and a billboard links to a title by its id: a home or
    // section link (`/browse`) heads a page region, whose title links sit deeper than keys climb.
    if (lone && (!p.id || !holders.has(card))) continue;
    if (p.offsite && baseUrl && isAdAmongSiteCards(card, siteOf(baseUrl.host), baseUrl)) continue;
    // A link that names no kind of title (`/hub/hbo`, `/browse/comedy`) says as little as a button
    // does: under a row heading that names networks, genres or people, it is one of those. So does
    // a "video" one: a service's categories sit under its videos ("/en/videos/cinema/").
    if ((!p.id?.kind || p.id.kind === 'video') && rows.notTitleRow(card)) continue;
    let scan = scanCard(card, p.el, { images });
    if (!scan.title) {
      // A picture link whose name sits beside it, in the card it shares with a "Start watching" link.
      const wide = widen(card, p);
      if (!wide || places.excluded(wide) || isNotTitleCard(wide)) continue;
      seen.add((card = wide));
      widened = true;
      lone = !repetition.repeated(card);
      scan = scanCard(card, p.el, { images });
    }
    if (!scan.title || (lone && !isBillboard(card, scan, p.id))) continue;
    // A button around an image names what it opens: in a gallery, the picture.
    if (p.key.startsWith(ANON) && isGalleryName(scan.title.title)) continue;
    const key = groupOf(card);
    let byRow = groups.get(key.row);
    if (!byRow) groups.set(key.row, (byRow = new Map()));
    let group = byRow.get(key.sig);
    if (!group) byRow.set(key.sig, (group = { cards: [], score: 0, scored: 0, genres: 0 }));
    group.cards.push(card);
    // A sample decides for the group: the first cards of a long grid speak for the rest.
    if (group.scored < SCORE_SAMPLE) {
      group.score += cardScore(scan, p.id, spacedText(card, 600));
      group.scored++;
      if (isGenreName(scan.title.title)) group.genres++;
    }
  }
  const keep = new Set<Element>();
  for (const byRow of groups.values()) {
    for (const group of byRow.values()) {
      // A row whose every card is named after a genre ("Action", "Comedy", "Sci-Fi") is a row of moods.
      if (group.score < 0 || (group.genres > 1 && group.genres === group.scored)) continue;
      for (const c of group.cards) keep.add(c);
    }
  }
  // Document order, as the primaries were found (a shared card is met at one of its later links).
  const linkCards = Array.from(seen).filter((c) => keep.has(c));
  if (widened) linkCards.sort(byDocumentOrder);
  // Cards without links: the same images, seen from the page's structure.
  const linked = (el: Element) => {
    const key = keys.get(el);
    return key !== undefined && !key.startsWith(ANON);
  };
  const extra = findStructuralCards({ root, images, holders, holdsImage, linked, taken: keep, places }, signature);
  const guide = findScheduleCards(root, places, keep);
  if (guide.cards.length) return withGuide(linkCards.concat(extra.map((c) => c.card)), guide);
  if (!extra.length) return linkCards;
  // Both lists are in document order; only a page with both kinds needs merging.
  if (!linkCards.length) return extra.map((c) => c.card);
  const all = linkCards.concat(extra.map((c) => c.card));
  return all.sort(byDocumentOrder);
}

/** The guide's programmes join the other cards; a card in a guide row beside them is its channel. */
function withGuide(cards: Element[], guide: ScheduleCards): Element[] {
  const programmes = new Set(guide.cards.map((c) => c.card));
  const inRow = (card: Element) => {
    for (let el: Element | null = card, d = 0; el && d < 8; el = el.parentElement, d++) if (guide.rows.has(el)) return true;
    for (const row of guide.rows) if (card.contains(row)) return true;
    return false;
  };
  const kept = cards.filter((c) => !programmes.has(c) && (guide.known.has(c) || !inRow(c)));
  return kept.concat(Array.from(programmes)).sort(byDocumentOrder);
}

const byDocumentOrder = (a: Element, b: Element) => (a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1);
