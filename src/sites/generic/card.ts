/**
 * Reading one card: a bounded walk over its subtree (no selector engine, no layout reads)
 * that collects what a title card is made of — its link, image, title-bearing elements and
 * labels, and the text signals the tile heuristics weigh. Hidden overlays are read like
 * visible text: hover-only titles count.
 */
import { backgroundUrl, cleanText, hasBackgroundImage, imgUrl, spacedText } from '../shared';
import { hostsOf, standIn } from './composed';
import { classWords } from './context';
import { isTitleLink, OPENING_LINK } from './links';
import { memoize } from './memo';
import { cleanCardTitle, isBadgeText, unwrapLabel, type CleanedTitle } from './title';
import { splitEpisode } from '../shared/episode';

export type ImageShape = 'poster' | 'thumb' | 'square' | 'unknown';

export interface CardScan {
  /** The card's main link (itself, its first real link inside, or the link around it). */
  link: Element | null;
  /** The first card image (img, picture or background-image element). */
  imageEl: Element | null;
  imageShape: ImageShape | null;
  title: CleanedTitle | null;
  /** Element the title came from, when it came from an element's text. */
  titleEl: Element | null;
  /** Only in a full scan (readTile); a light scan (findTiles) leaves these empty. */
  dateText: string | null;
  genreText: string[];
  descriptionText: string | null;
  /** First-party data-*-id attribute value, when the card carries one. */
  dataId: string | null;
  /** Where a link-less card says it goes: an `onclick` handler's text or a `data-href`-like route (full scan). */
  routeText: string | null;
}

export interface ScanOptions {
  /** Card images already found by the caller (findTiles); saves re-testing every element. */
  images?: Set<Element>;
  /** Collect metadata too (year, genres, description, data id). */
  full?: boolean;
}

const MAX_NODES = 400;
const TITLEISH = /title|name|heading|headline|caption/i;
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'svg', 'BUTTON']);
const JUNK_IMG = /(?:^|[\s/_.-])(?:logo|avatar|icon|sprite|emoji|badge|flag|spinner|profile-pic|userpic)(?:$|[\s/_.-]|s\b)/i;

const CONTROL_ROLES = new Set(['button', 'checkbox', 'switch', 'menuitem', 'slider', 'progressbar', 'img']);
// Text hidden from sight but read to screen readers: apps put a card's name there when the
// picture says it ("<span class=sr-only>The Gorge</span>").
const VISUALLY_HIDDEN =
  /(?:^|[\s_-])(?:sr-only|visually-?hidden|screen-?reader(?:-text|-only)?|a11y-(?:hidden|text)|assistive-text|offscreen)(?:$|[\s_-])/i;
// What screen readers are told about any link or state, never a name: "(opens in a new tab)",
// "Watched", "Currently playing", "Play video".
const A11Y_BOILERPLATE =
  /(?:^|\()\s*opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)|^\s*(?:play|watch|watched|unwatched|selected|current|currently\s+\w+|new|in progress|loading|close|menu|more|options|(?:add to|remove from)\s.*)(?:\s+(?:video|now|episode|trailer|this))?\s*[.!]?\s*$/i;
// What can hold a card image, for "is this button the card or a control on it?".
const IMAGE_LIKE = 'img, picture, [style*="url("], [data-bg], [data-background], [src]';

/** isTitleClass for a whole class attribute, remembered per distinct string (cards repeat them). */
const isTitleClassName = memoize((cls) => isTitleClass(cls.split(/\s+/)), 5_000);

// Classes of elements that hold numbers about a title, not its name ("stat", "cli-title-metadata").
// The last word decides, as in BEM: "video-meta__title" is a title, "card-title-meta" is not.
const NOT_TITLE_CLASS = /(?:^|[-_\s])(?:meta|metadata|stats?|count|badge|rating|duration|views|rank|ranking|position)(?:$|\s)/i;

/** Class names that say "this holds the title" (card-title, movieName, title) but not "subtitle". */
function isTitleClass(tokens: string[]): boolean {
  return tokens.some((t) => {
    const lower = t.toLowerCase();
    if (/sub|channel|author|user|owner|brand|site|file|artist/.test(lower) || NOT_TITLE_CLASS.test(lower)) return false;
    return /(?:^|[-_])(?:title|name|heading|headline|caption)(?:$|[-_])/.test(lower) || /^[A-Za-z][a-z]+(?:Title|Name)$/.test(t);
  });
}

// Apps with hashed or utility classes name their parts in test ids instead
// (`data-testid="ts-tsItemTitle"`, `data-rt="content-teaser-title"`): the last word says what it holds.
const TEST_ID_ATTRS = ['data-testid', 'data-test-id', 'data-rt', 'data-qa', 'data-automation-id', 'data-cy'];
const TITLE_WORDS = new Set(['title', 'name', 'heading', 'headline']);
// …unless a word says it is another's name or a row's heading ("channel-teaser-title", "zone-title").
const NOT_TITLE_TEST_WORDS = new Set([
  'sub',
  'channel',
  'author',
  'user',
  'owner',
  'brand',
  'site',
  'row',
  'zone',
  'section',
  'rail',
  'page',
  'shelf',
]);
const isTitleTestId = memoize((value) => {
  const words = classWords(value).filter(Boolean);
  return TITLE_WORDS.has(words.at(-1) ?? '') && !words.some((x) => NOT_TITLE_TEST_WORDS.has(x));
}, 5_000);

function titleTestId(el: Element): boolean {
  for (const name of TEST_ID_ATTRS) {
    const value = el.getAttribute(name);
    if (value) return isTitleTestId(value);
  }
  return false;
}

function classMatches(tokens: string[], re: RegExp): boolean {
  return tokens.some((t) => re.test(t));
}

function shapeOf(img: Element): ImageShape {
  // A lazy image's data: placeholder (a 1×1 GIF) has a size of its own, not the poster's.
  const natural = !img.getAttribute('src')?.startsWith('data:');
  const w = Number(img.getAttribute('width')) || (natural && (img as HTMLImageElement).naturalWidth) || 0;
  const h = Number(img.getAttribute('height')) || (natural && (img as HTMLImageElement).naturalHeight) || 0;
  if (w > 0 && h > 0) {
    if (h >= w * 1.2) return 'poster';
    if (w >= h * 1.25) return 'thumb';
    return 'square';
  }
  // Image CDNs often say the size in the URL (TMDB w342, IMDb UX182_CR0,0,182,268).
  const src = img.getAttribute('src') ?? img.getAttribute('data-src') ?? '';
  if (/poster|boxart|\/w(?:92|154|185|342|500|780)\/|_UX\d+_CR|_V1_/i.test(src)) return 'poster';
  if (/thumb|\/vi\/|hqdefault|maxresdefault|mqdefault/i.test(src)) return 'thumb';
  return 'unknown';
}

function isJunkImage(img: Element): boolean {
  const src = img.getAttribute('src') ?? '';
  const w = Number(img.getAttribute('width'));
  const h = Number(img.getAttribute('height'));
  if (w > 0 && h > 0 && Math.max(w, h) < 48) return true;
  // SVG images are mostly icons, but a sized one can be a poster (generated artwork, placeholders).
  if (/\.svg(?:$|[?#])/i.test(src) && !(w >= 48 && h >= 48)) return true;
  // Not the alt text: "Avatar" and "Logo" are film titles too.
  const hint = `${img.getAttribute('class') ?? ''} ${img.getAttribute('id') ?? ''} ${src}`;
  return JUNK_IMG.test(hint);
}

// A custom element with a `src` that draws the picture in its own shadow root (`<lazy-img src>`,
// `<ion-img src>`): the <img> inside is out of reach of this card's queries, the host says it all.
// Not a player component (`<media-player src="….m3u8">`).
const MEDIA_SRC = /\.(?:mp4|webm|m3u8|mpd|mov|mkv|ogv|mp3|m4a|ogg|wav|flac|json|js|html?)(?:$|[?#])/i;

function isImageComponent(el: Element): boolean {
  if (!el.localName.includes('-') || !el.shadowRoot) return false;
  const src = el.getAttribute('src');
  return !!src && !MEDIA_SRC.test(src);
}

/** Whether `el` is an image a card could be built around (not an icon, logo or avatar). */
export function isCardImage(el: Element): boolean {
  if (el.tagName === 'IMG' || isImageComponent(el)) return !isJunkImage(el);
  if (el.tagName === 'PICTURE') return true;
  return hasBackgroundImage(el) && !JUNK_IMG.test(el.getAttribute('class') ?? '');
}

/**
 * The link that opens the card: the card itself, the first title link inside it, or the one
 * around it. A link-less card's only link often goes to a channel or person: that is not its link.
 */
export function cardLink(card: Element): Element | null {
  if (card.tagName === 'A' && card.hasAttribute('href')) return card;
  const inside = card.querySelectorAll(OPENING_LINK);
  const n = Math.min(inside.length, 8);
  for (let i = 0; i < n; i++) {
    const first = inside[i]!;
    if (!isTitleLink(first)) continue;
    // A card that links to two titles (an episode and its series) links to its own twice: picture and name.
    const target = linkTarget(first);
    const counts = new Map<string | null, number>([[target, 1]]);
    let other = false;
    for (let j = i + 1; j < n; j++) {
      const t = linkTarget(inside[j]!);
      if (t !== target && !counts.has(t) && !isTitleLink(inside[j]!)) continue;
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (t !== target) other = true;
    }
    if (other && counts.get(target) === 1) {
      for (let j = i + 1; j < n; j++) if ((counts.get(linkTarget(inside[j]!)) ?? 0) > 1) return inside[j]!;
    }
    return first;
  }
  const around = card.closest('a[href]');
  return around && isTitleLink(around) ? around : null;
}

/** A title-holding element holds a short text, not the whole card (class "title-card" wraps everything). */
function isTextHolder(el: Element): boolean {
  if ((el.textContent?.length ?? 0) > 300) return false;
  if (el.childElementCount === 0) return true;
  const stack = Array.from(el.children);
  for (let n = 0; stack.length && n < 50; n++) {
    const child = stack.pop()!;
    if (child.tagName === 'IMG' || child.tagName === 'PICTURE') return false;
    stack.push(...Array.from(child.children));
  }
  return true;
}

const DATA_ID = /^data-(?:[a-z]+-)?(?:id|item-id|video-id|movie-id|title-id|tmdb-id|imdb-id)$/;

function dataIdOf(el: Element): string | null {
  for (const attr of Array.from(el.attributes)) {
    if (DATA_ID.test(attr.name) && !/test|qa|track|analytic|component|gtm|google|ga-|cy-/.test(attr.name)) {
      const value = cleanText(attr.value, 200);
      if (value && /^[\p{L}\p{N}._:-]+$/u.test(value)) return value;
    }
  }
  return null;
}

/**
 * Whether a same-shaped neighbour of the card carries the same data id: then it names the kind of
 * component (`data-spotlight-id="tile"`, `data-focus-id="poster"`), not the title. One neighbour,
 * a bounded look inside it; read once per tile read.
 */
function sharedWithPeer(card: Element, value: string): boolean {
  const self = standIn(card).el;
  const peer = self.previousElementSibling ?? self.nextElementSibling;
  if (!peer || peer.tagName !== self.tagName) return false;
  if (dataIdOf(peer) === value) return true;
  const inside = peer.getElementsByTagName('*');
  for (let i = 0; i < inside.length && i < 200; i++) if (dataIdOf(inside[i]!) === value) return true;
  return false;
}

const ROUTE_ATTRS = ['data-href', 'data-url', 'data-link', 'data-route', 'data-path', 'onclick'];

/** A route-bearing attribute's text (the caller parses it; it is never run or inserted). */
function routeTextOf(el: Element): string | null {
  for (const name of ROUTE_ATTRS) {
    const value = el.getAttribute(name);
    if (value) return value.slice(0, 500);
  }
  return null;
}

/** A card alone in a shadow tree: its host carries the app's id or route as often as the card does. */
function fromHosts(card: Element, read: (el: Element) => string | null): string | null {
  for (const host of hostsOf(card)) {
    const value = read(host);
    if (value) return value;
  }
  return null;
}

/** Where a link goes, for "same place" tests: the path without "?ref=" tails, or the whole hash route. */
function linkTarget(el: Element | null): string | null {
  const href = el?.getAttribute('href');
  if (!href) return null;
  return href.startsWith('#') ? href : href.replace(/[?#].*$/, '');
}

/**
 * An element's text as a title: text in separate elements is spaced ("Spider-Man:" +
 * "Across the Spider-Verse", which textContent glues together), while text and element are not
 * ("<em>Alien</em>s"); badge elements ("4K", "NEW", "12:34", "1.2M views") are left out, and a
 * year in an element of its own becomes the year. Bounded: title elements are small.
 */
function titleText(el: Element, slot = false): CleanedTitle | null {
  let text = '';
  let year: number | null = null;
  let afterElement = false;
  let budget = 80;
  const walk = (node: Element): void => {
    for (let child = node.firstChild; child && budget > 0; child = child.nextSibling, budget--) {
      if (child.nodeType === 3) {
        text += child.nodeValue ?? '';
        afterElement = false;
      } else if (child.nodeType === 1 && !SKIP_TAGS.has((child as Element).tagName)) {
        const piece = cleanText((child as Element).textContent);
        if (!piece) continue;
        if (isBadgeText(piece)) {
          if (/^\(?(?:1[89]\d\d|20\d\d)\)?$/.test(piece)) year ??= Number(piece.replace(/\D/g, ''));
          afterElement = true;
          continue;
        }
        if (afterElement) text += ' ';
        walk(child as Element);
        afterElement = true;
      }
    }
  };
  walk(el);
  // "<span>S2 E4</span> · The Return": the separator after a dropped badge goes with it.
  text = text.replace(/^[\s·•|–—]+/, '');
  const cleaned = cleanCardTitle(text, false, slot) ?? cleanCardTitle(el.textContent, false, slot);
  // "<h3><span>1917</span></h3>": the lone piece is the title, not its year.
  return cleaned && !cleaned.year && year && cleaned.title !== String(year) ? { ...cleaned, year } : cleaned;
}

/** A title that ends in ":" or a dash goes on in the next element ("Mission: Impossible –" + "Dead Reckoning"). */
const UNFINISHED = /[:–—-]\s*$/;

interface Candidates {
  heading: CleanedTitle | null;
  headingEl: Element | null;
  titleClass: CleanedTitle | null;
  titleClassEl: Element | null;
  /** alt of a title-treatment image (the name drawn as a logo over the artwork). */
  titleArt: CleanedTitle | null;
  /** aria-label/title of the card or its link: they name the whole card. */
  label: CleanedTitle | null;
  /** Text of a link without an image that goes where the card's link goes. */
  linkText: CleanedTitle | null;
  linkTextEl: Element | null;
  /** aria-label/title of some element inside the card. */
  innerLabel: CleanedTitle | null;
  alt: CleanedTitle | null;
  /** Visually hidden text (sr-only): the name said to screen readers. */
  hidden: CleanedTitle | null;
  hiddenEl: Element | null;
  text: CleanedTitle | null;
  textEl: Element | null;
}

/** The next element after `el` in document order within `root`, descending into `el`. */
function nextInside(el: Element, root: Element): Element | null {
  return el.firstElementChild ?? nextOutside(el, root);
}

/** The next element after `el`'s subtree within `root`. */
function nextOutside(el: Element, root: Element): Element | null {
  let cur: Element | null = el;
  while (cur && cur !== root) {
    const sib: Element | null = cur.nextElementSibling;
    if (sib) return sib;
    cur = cur.parentElement;
  }
  return null;
}

/** What one walk over a card is told, and what it collects. */
interface CardWalk {
  card: Element;
  link: Element | null;
  /** Where the card's link goes (linkTarget). */
  target: string | null;
  full: boolean;
  isImage: (el: Element) => boolean;
  scan: CardScan;
  found: Candidates;
  /** Leaf elements: the last resort, their text is read only if nothing better turns up. */
  firstLeaf: Element[];
  /** Links that go where the card's link goes, read only if nothing better turns up. */
  sameTarget: Element[];
}

function noCandidates(): Candidates {
  return {
    heading: null,
    headingEl: null,
    titleClass: null,
    titleClassEl: null,
    titleArt: null,
    label: null,
    linkText: null,
    linkTextEl: null,
    innerLabel: null,
    alt: null,
    hidden: null,
    hiddenEl: null,
    text: null,
    textEl: null,
  };
}

/** The aria-label or title of the card's link or the card: they name the whole card, so they come first. */
function cardLabel(link: Element | null, card: Element): CleanedTitle | null {
  for (const el of [link, card]) {
    if (!el) continue;
    const label = cleanCardTitle(el.getAttribute('aria-label'), true, true) ?? cleanCardTitle(el.getAttribute('title'), true, true);
    if (label) return seriesOfLabel(label);
  }
  return null;
}

/**
 * "Babylon Berlin: Folge 3", "Doctor Who - Episode 3": a label naming an episode by its number names
 * the series (a bare code stays: "… E5" may end a name).
 */
function seriesOfLabel(label: CleanedTitle): CleanedTitle {
  const split = splitEpisode(label.title);
  return split.kind === 'episode' && !/^[SE]\d/i.test(split.episode ?? '') && cleanText(split.title) ? { ...label, title: split.title } : label;
}

/** An element whose class says it holds the title (tokens already tested by the caller). */
function readTitleClass(found: Candidates, card: Element, el: Element, cls: string): void {
  const current = found.titleClassEl;
  if (!current || current.contains(el)) {
    // The innermost title-like element wins: a "caption" often wraps "title" and "year".
    const title = titleText(el, true) ?? cleanCardTitle(el.getAttribute('title'), true, true);
    if (title) {
      found.titleClass = title;
      found.titleClassEl = el;
    }
  } else if (el.parentElement === current.parentElement && cls === current.getAttribute('class') && el.parentElement !== card) {
    // Same-class siblings are the lines of one title ("Everything Everywhere" / "All at Once").
    found.titleClassEl = el.parentElement!;
    found.titleClass = titleText(found.titleClassEl, true);
  }
}

/** What one element inside the card (not the card itself) says about the card's title and metadata. */
function visitInner(w: CardWalk, el: Element, tag: string, bare: boolean, cls: string | null, tokens: string[]): void {
  const { found, scan } = w;
  if (w.full) {
    scan.dataId ??= dataIdOf(el);
    if (!bare) scan.routeText ??= routeTextOf(el);
  }
  if (!found.heading && (HEADING_TAGS.has(tag) || (!bare && el.getAttribute('role') === 'heading'))) {
    // Some sites put stats in headings ("<h6 class=stat>2.3M</h6>"): not a name.
    found.heading = cls && NOT_TITLE_CLASS.test(cls) ? null : titleText(el, true);
    if (found.heading) found.headingEl = el;
  } else if (cls && tokens.length && isTitleClassName(cls) && isTextHolder(el)) {
    readTitleClass(found, w.card, el, cls);
  } else if (!bare && !found.titleClass && titleTestId(el) && isTextHolder(el)) {
    readTitleClass(found, w.card, el, cls ?? '');
  } else if (!found.hidden && cls && VISUALLY_HIDDEN.test(cls) && isTextHolder(el)) {
    const said = spacedText(el, 300);
    found.hidden = A11Y_BOILERPLATE.test(said) ? null : cleanCardTitle(said, true, true);
    if (found.hidden) found.hiddenEl = el;
  }
  // Read only if nothing better turns up: testing a link for images walks its subtree.
  if (tag === 'A' && w.target && w.sameTarget.length < 4 && (el === w.link || linkTarget(el) === w.target)) w.sameTarget.push(el);
  // Controls inside a card label what they do ("Add to My List"), not what the card is.
  if (!found.innerLabel && !bare && tag !== 'IMG' && !CONTROL_ROLES.has(el.getAttribute('role') ?? '')) {
    const label = el.getAttribute('aria-label') ?? el.getAttribute('title');
    if (label) found.innerLabel = cleanCardTitle(label, true);
  }
  if (w.full) readMetadata(el, tag, tokens, scan);
  if (w.firstLeaf.length < 8 && el.childElementCount === 0 && tag !== 'IMG') w.firstLeaf.push(el);
}

function visit(w: CardWalk, el: Element, tag: string): void {
  // Most elements inside a card carry no attributes at all; skip the attribute reads for them.
  const bare = !el.hasAttributes();
  const cls = bare ? null : el.getAttribute('class');
  // Class names are split only when they might matter (a title-ish word, or a full scan).
  const tokens = cls && (w.full || TITLEISH.test(cls)) ? cls.split(/\s+/) : [];

  if (!w.scan.imageEl && !bare && w.isImage(el)) {
    w.scan.imageEl = el;
    w.scan.imageShape = tag === 'IMG' ? shapeOf(el) : 'unknown';
  }
  if (tag === 'IMG' && !w.found.alt && w.isImage(el)) w.found.alt = cleanCardTitle(el.getAttribute('alt'), true, true);
  // A card image's alt is read as one; a title treatment is often a logo by class or URL, so not one.
  if (tag === 'IMG' && !w.found.titleArt && !bare && !w.isImage(el) && (isTitleArt(el) || namesOwnLink(el, w))) {
    w.found.titleArt = cleanCardTitle(el.getAttribute('alt'), true, true);
  }
  if (el !== w.card) {
    // A link-less card's button (or role=button/link element) around its picture is the card's
    // own control: its label names the card, as a link's does.
    if (!w.link && !w.found.label && !bare && opensCard(el, tag, w.isImage)) w.found.label = cardLabel(el, el);
    visitInner(w, el, tag, bare, cls, tokens);
  }
}

/**
 * A title treatment: the name drawn as an image ("<img class=title-art alt='The Bear'>",
 * "title-treatment", "TitleLogo", "wordmark") over background artwork whose own alt is empty.
 */
function isTitleArt(img: Element): boolean {
  const words = classWords(img.getAttribute('class'));
  // A provider's or rating's icon may carry "title" in its class ("title-provider-icon"): not the name.
  if (words.some((x) => NOT_TITLE_ART.has(x))) return false;
  if (words.includes('treatment') || words.includes('wordmark')) return true;
  return words.includes('title') && words.some((x) => TITLE_ART_WORDS.has(x));
}

/**
 * A logo that is all a link to the card's own title holds ("<a href=/series/GG5H5XQX4><img
 * class=hero-card__logo alt='Frieren'></a>" beside the key art): the title drawn as an image.
 * A network's or rating's logo on a card is not a link to the title.
 */
function namesOwnLink(img: Element, w: CardWalk): boolean {
  const a = img.parentElement?.closest('a[href]');
  if (!a || a === w.card || !w.card.contains(a) || !w.target || linkTarget(a) !== w.target) return false;
  return !cleanText(a.textContent) && a.querySelectorAll('img').length === 1;
}

const TITLE_ART_WORDS = new Set(['logo', 'art', 'image', 'img', 'treatment']);
const NOT_TITLE_ART = new Set(['icon', 'badge', 'provider', 'rating', 'network', 'channel', 'avatar']);

/** A button or button-like element inside the card that holds a card image: the card's own control. */
function opensCard(el: Element, tag: string, isImage: (el: Element) => boolean): boolean {
  if (tag !== 'BUTTON') {
    const role = el.getAttribute('role');
    if (role !== 'button' && role !== 'link') return false;
  }
  return holdsCardImage(el, isImage);
}

function holdsCardImage(el: Element, isImage: (el: Element) => boolean): boolean {
  const inside = el.querySelectorAll(IMAGE_LIKE);
  for (let i = 0; i < inside.length && i < 8; i++) if (isImage(inside[i]!)) return true;
  return false;
}

/** Pre-order walk by sibling pointers (no child collections, no stack), at most MAX_NODES elements. */
function walkCard(w: CardWalk): void {
  const { card, found, scan } = w;
  let visited = 0;
  let el: Element | null = card;
  while (el && visited < MAX_NODES) {
    // A light scan stops once it has what the tile heuristics need: an image and a titled element.
    if (!w.full && scan.imageEl && (found.heading || (found.titleClassEl && found.titleClassEl.childElementCount === 0))) break;
    visited++;
    // An image component reads as the <img> it draws (alt, size, src).
    const tag: string = el.tagName === 'IMG' || !isImageComponent(el) ? el.tagName : 'IMG';
    // A button is a control on the card (skipped), unless it holds the card's picture: then it is the card.
    const skip: boolean = el !== card && SKIP_TAGS.has(tag) && !(tag === 'BUTTON' && holdsCardImage(el, w.isImage));
    if (!skip) visit(w, el, tag);
    el = skip ? nextOutside(el, card) : nextInside(el, card);
  }
}

/** The weak candidates, read only when the walk found nothing stronger: same-target link text, then leaf text. */
function readFallbacks(w: CardWalk): void {
  const { found } = w;
  if (!found.heading && !found.titleClass && !found.label) {
    for (const a of w.sameTarget) {
      found.linkText = isTextHolder(a) ? titleText(a) : null;
      if (found.linkText) {
        found.linkTextEl = a;
        break;
      }
    }
  }
  if (!found.heading && !found.titleClass && !found.label && !found.linkText && !found.innerLabel && !found.alt && !found.hidden) {
    for (const leaf of w.firstLeaf) {
      found.text = cleanCardTitle(leaf.textContent);
      if (found.text) {
        found.textEl = leaf;
        break;
      }
    }
  }
}

/** The best candidate, strongest first, and the element it came from. */
function pickTitle(found: Candidates): [CleanedTitle | null, Element | null] {
  const order: [CleanedTitle | null, Element | null][] = [
    [found.heading, found.headingEl],
    [found.titleClass, found.titleClassEl],
    [found.titleArt, null],
    [found.label, null],
    [found.linkText, found.linkTextEl],
    [found.alt, null],
    [found.innerLabel, null],
    [found.hidden, found.hiddenEl],
    [found.text, found.textEl],
  ];
  for (const [title, el] of order) {
    if (!title) continue;
    // A one- or two-digit "title" beside a named image is a rank ("1" over the poster of Dune).
    if (/^\d{1,2}$/.test(title.title) && order.some(([t]) => t && !/^\d+$/.test(t.title))) continue;
    return [title, el];
  }
  return [null, null];
}

/** A title cut short by its markup continues in the parent ("Spider-Man:" + "Across the Spider-Verse"). */
function completeTitle(scan: CardScan, card: Element): void {
  const parent = scan.titleEl?.parentElement;
  if (parent && parent !== card && card.contains(parent) && UNFINISHED.test(scan.titleEl!.textContent ?? '') && isTextHolder(parent)) {
    const whole = titleText(parent);
    if (whole && whole.title.length > (scan.title?.title.length ?? 0)) {
      scan.title = whole;
      scan.titleEl = parent;
    }
  }
}

/** Scan `card`; `link` overrides the main link when the caller already knows it. */
export function scanCard(card: Element, link: Element | null = cardLink(card), options: ScanOptions = {}): CardScan {
  const { images, full = false } = options;
  const w: CardWalk = {
    card,
    link,
    target: linkTarget(link),
    full,
    isImage: images ? (el: Element) => images.has(el) : isCardImage,
    scan: {
      link,
      imageEl: null,
      imageShape: null,
      title: null,
      titleEl: null,
      dateText: null,
      genreText: [],
      descriptionText: null,
      dataId: full ? (dataIdOf(card) ?? fromHosts(card, dataIdOf)) : null,
      routeText: full ? (routeTextOf(card) ?? fromHosts(card, routeTextOf)) : null,
    },
    found: noCandidates(),
    firstLeaf: [],
    sameTarget: [],
  };
  w.found.label = cardLabel(link, card);
  walkCard(w);
  w.found.label = unwrapLabel(w.found.label, w.found.alt ?? w.found.hidden);
  readFallbacks(w);
  if (w.scan.dataId && sharedWithPeer(card, w.scan.dataId)) w.scan.dataId = null;
  [w.scan.title, w.scan.titleEl] = pickTitle(w.found);
  completeTitle(w.scan, card);
  return w.scan;
}

/** Year, genre and description hints, read only when a tile is read in full. */
function readMetadata(el: Element, tag: string, tokens: string[], scan: CardScan): void {
  if (!scan.dateText && (tag === 'TIME' || classMatches(tokens, /year|date|release/i)) && el.childElementCount < 4) {
    scan.dateText = cleanText(el.getAttribute('datetime') ?? spacedText(el, 100), 100);
  }
  if (!tokens.length) return;
  if (scan.genreText.length < 4 && classMatches(tokens, /genre|^tags?$|categor/i)) {
    const g = cleanText(el.textContent, 300);
    if (g) scan.genreText.push(g);
  }
  if (
    !scan.descriptionText &&
    classMatches(tokens, /desc|synopsis|overview|summary|plot|excerpt|logline/i) &&
    !el.querySelector('img, h1, h2, h3, h4, a[href]')
  ) {
    scan.descriptionText = spacedText(el, 2000);
  }
}

/** The URL of the card image found by a scan. */
export function scanImageUrl(scan: CardScan): string | null {
  const el = scan.imageEl;
  if (!el) return null;
  if (el.tagName === 'IMG' || isImageComponent(el)) return imgUrl(el);
  if (el.tagName === 'PICTURE') {
    const img = el.querySelector('img');
    return img ? imgUrl(img) : null;
  }
  return backgroundUrl(el);
}
