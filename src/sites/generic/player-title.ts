/**
 * The title a player draws over its video. Single-page streaming apps rarely say what plays in
 * their page metadata (no JSON-LD on the player route, Open Graph and the document title left
 * at the landing page's or the service's name); what they all draw is a line of text in the
 * player's own box while the controls show: the series or film, often an episode line below it
 * ("S2:E4 Chapter 12", "Season 1, Ep. 3 Get Some"), sometimes a series line above an episode's
 * name. Those are read here, by the shapes such overlays share, never by one app's class names:
 *
 * - the box is an element around the main media, a few levels up, that calls itself a player (a
 *   class, id, test id or tag holding "player") and holds player controls (a seek bar, a progress
 *   or time read-out, native controls): a home page's hero trailer with its title over it is not
 *   a player. The nearest such box that names something is read, so an app root classed
 *   "player-…" around a whole page of row headings is never read as one;
 * - a title slot is a heading or an element whose class or test id holds "title", not inside a
 *   button and not in an up-next, recommendation, caption or menu part, and holding no other slot;
 * - a slot that says series/show/parent names the series; one that says
 *   subtitle/secondary/episode is the episode line; a line with an episode code makes it an episode;
 * - the player region's own label ("Video player: Oppenheimer") names what plays when no slot does.
 */
import type { TitleKind } from '../../store/records';
import { cleanText, findMainMedia, parentAcrossShadow, parseYear, textOf } from '../shared';
import { isBrandName } from '../shared/brand';
import { classWords } from './context';
import { EPISODE_MARK, SEASON_MARK, splitEpisode } from '../shared/episode';
import { cleanCardTitle, isGenericTitle, isMetaLine } from './title';

export interface PlayerTitle {
  title: string;
  year: number | null;
  kind: TitleKind | null;
  /** The episode line ("S2:E4 Chapter 12: The Siege"), when the player shows one. */
  episode: string | null;
}

/** How far above the media a player's box may start (wrappers of wrappers of the `<video>`). */
const MAX_LEVELS = 8;
/** Enough slots for any overlay; a box holding more is a page, not a player. */
const MAX_SLOTS = 60;
/** A player links to its series page, an info page, perhaps a cast-to page; a box with more links is a page. */
const MAX_LINKS = 3;
const PAGE_PARTS = 'nav, header, footer, main, [role="navigation"], [role="banner"], [role="contentinfo"], [role="main"]';

const SLOTS = [
  'h1',
  'h2',
  'h3',
  'h4',
  '[class*="title" i]',
  '[id*="title" i]',
  '[data-testid*="title" i]',
  '[data-test-id*="title" i]',
  '[data-automation-id*="title" i]',
  '[data-qa-id*="title" i]',
  '[data-uia*="title" i]',
].join(',');

// Parts of a player that show other titles or no title: up-next and end cards, recommendations,
// captions, menus, the episode picker, ads and skip buttons.
const OTHER_PART =
  /next|recommend|related|suggest|similar|caption|\bcue|thumbnail|preview|tooltip|upsell|promo|advert|menu|setting|episodes|playlist|queue|skip|toast|notification|chapters|rating|badge/i;
// Words (whole tokens) that mark a part the same way but are too short to match inside names.
const OTHER_TOKENS = new Set([
  'ad',
  'ads',
  'card',
  'cards',
  'tile',
  'rail',
  'carousel',
  'track',
  'tracks',
  'language',
  'time',
  'progress',
  'list',
  'more',
]);
const SERIES_TOKENS = new Set(['series', 'show', 'shows', 'grandparent', 'parent', 'program', 'programme', 'franchise']);
const LINE_TOKENS = new Set(['subtitle', 'sub', 'secondary', 'second', 'episode', 'tagline']);

// What an overlay writes where no title is: states and controls.
const NO_TITLE =
  /^(?:up next|next up|next episode|now playing|playing|paused|loading|buffering|live|back|back to browse|skip intro|skip recap|skip credits|watch credits|video player|media player|player|audio (?:and|&) subtitles|subtitles|captions)$/i;

// A player's label names what it plays after its own name: "Video player: Dune", "Now playing - Dune".
const LABEL_LEAD = /^(?:(?:video|media|movie|content)\s+)?(?:player|now\s+playing|playing|watching)\s*[:\-–—|]\s*/i;

/** Class, id and test-id words of an element ("PlayerMetadata__subTitle" → player, metadata, sub, title). */
function tokensOf(el: Element): string[] {
  const raw = [
    el.getAttribute('class'),
    el.id,
    el.getAttribute('data-testid'),
    el.getAttribute('data-test-id'),
    el.getAttribute('data-automation-id'),
    el.getAttribute('data-qa-id'),
    el.getAttribute('data-uia'),
  ]
    .filter(Boolean)
    .join(' ')
    .slice(0, 600);
  return classWords(raw).filter(Boolean);
}

function markerText(el: Element): string {
  return `${el.localName} ${el.getAttribute('class') ?? ''} ${el.id} ${el.getAttribute('data-testid') ?? ''} ${el.getAttribute('data-test-id') ?? ''}`.slice(
    0,
    600,
  );
}

const isPlayerMarked = (el: Element) => /player/i.test(markerText(el));

function isOtherPart(el: Element): boolean {
  if (OTHER_PART.test(markerText(el).replace(/^\S+\s/, ''))) return true;
  return tokensOf(el).some((t) => OTHER_TOKENS.has(t));
}

/** Whether the box shows a player's controls: a seek bar, a progress or time read-out, native controls. */
function hasControls(box: ParentNode, media: HTMLMediaElement): boolean {
  if (media.controls) return true;
  if (box.querySelector('[role="slider"], input[type="range"], progress, [role="progressbar"], progress-bar')) return true;
  return !!box.querySelector(
    '[class*="seek" i], [class*="scrub" i], [class*="timeline" i], [class*="progress" i], [class*="time-remaining" i], [class*="timeindicator" i], [data-testid*="time" i], [data-testid*="seek" i], [data-testid*="progress" i]',
  );
}

/**
 * The elements from `media` up (at most MAX_LEVELS, never `<body>`), across shadow roots (a
 * player component draws its video and its title in its own), and which of them call
 * themselves a player.
 */
function playerChain(media: HTMLMediaElement): { chain: Element[]; boxes: number[] } {
  const chain: Element[] = [media];
  const boxes: number[] = [];
  for (let el = parentAcrossShadow(media), i = 1; el && i <= MAX_LEVELS; el = parentAcrossShadow(el), i++) {
    if (el.localName === 'body' || el.localName === 'html') break;
    chain.push(el);
    if (isPlayerMarked(el) || /player/i.test(el.getAttribute('aria-label') ?? '')) boxes.push(i);
  }
  return { chain, boxes };
}

type Slot = 'series' | 'line' | 'title';

function slotOf(el: Element): Slot {
  const tokens = tokensOf(el);
  if (tokens.some((t) => SERIES_TOKENS.has(t))) return 'series';
  if (tokens.some((t) => LINE_TOKENS.has(t))) return 'line';
  return 'title';
}

/** A slot's text when it can be a name: not a state, a call to action, a fact line. */
function nameText(text: string | null): string | null {
  if (!text || text.length > 150 || NO_TITLE.test(text) || isGenericTitle(text)) return null;
  return text;
}

/** The year (and a film's kind) from a fact line in the box: "2023 | R | 3h", "2024". */
function factsIn(box: Element): { year: number | null; kind: TitleKind | null } {
  const lines = box.querySelectorAll(
    '[class*="meta" i], [class*="year" i], [class*="info" i], [class*="detail" i], [data-testid*="year" i], [data-automation-id*="year" i]',
  );
  for (const el of Array.from(lines).slice(0, 20)) {
    if (el.firstElementChild || isOtherPart(el)) continue;
    const text = textOf(el);
    if (!text || !(isMetaLine(text) || /^\(?(?:1[89]|20)\d\d\)?$/.test(text))) continue;
    const year = parseYear(text);
    if (year) return { year, kind: /\b\d+\s*h/i.test(text) && !EPISODE_MARK.test(text) ? 'movie' : null };
  }
  return { year: null, kind: null };
}

/**
 * The trees a box's parts are drawn in: the box's own, the shadow root it hosts, and the shadow
 * roots between it and the media (open ones; a closed root cannot be read and is not tried).
 */
function treesOf(box: Element, chain: readonly Element[]): ParentNode[] {
  const trees = new Set<ParentNode>([box]);
  if (box.shadowRoot) trees.add(box.shadowRoot);
  // The chain climbs from the media to the box, so every shadow root on the way lies inside it.
  for (const el of chain) {
    const root = el.getRootNode();
    if (root instanceof ShadowRoot) trees.add(root);
  }
  return Array.from(trees);
}

export function readPlayerTitle(doc: Document, brands: readonly string[], given: HTMLMediaElement | null = null): PlayerTitle | null {
  const media = given ?? findMainMedia(doc);
  // A looping video is a page's ambience (a hero trailer), never a player.
  if (!media || media.loop) return null;
  const { chain, boxes } = playerChain(media);
  for (const level of boxes) {
    const box = chain[level] as Element;
    const trees = treesOf(box, chain.slice(0, level));
    if (!trees.some((tree) => hasControls(tree, media))) continue;
    // A box around the page's navigation, header or rows of links is the page, and so is every one above.
    if (trees.some((tree) => tree.querySelector(PAGE_PARTS)) || trees.reduce((n, tree) => n + tree.querySelectorAll('a[href]').length, 0) > MAX_LINKS)
      return null;
    const slots = trees.flatMap((tree) => Array.from(tree.querySelectorAll(SLOTS)));
    // More slots than any overlay has: this box is a page around the player, and so is every one above.
    if (slots.length > MAX_SLOTS) return null;
    const found = readBox(box, slots, chain.slice(0, level + 1), brands);
    if (found) return found;
  }
  return null;
}

function readBox(box: Element, slots: Element[], chain: Element[], brands: readonly string[]): PlayerTitle | null {
  const leaves = slots.filter((el) => {
    if (slots.some((other) => other !== el && el.contains(other))) return false;
    if (el.closest('button, [role="button"], [hidden]')) return false;
    for (let up: Element | null = el; up && up !== box; up = up.parentElement) if (isOtherPart(up)) return false;
    return true;
  });
  const isSite = (name: string) => isBrandName(name, brands);
  const seriesNames: string[] = [];
  const titles: string[] = [];
  const lines: string[] = [];
  for (const el of leaves) {
    const text = nameText(textOf(el));
    if (!text) continue;
    const slot = slotOf(el);
    if (slot === 'series') seriesNames.push(text);
    // A second heading with an episode code under the title is the episode line (hashed classes say nothing).
    else if (slot === 'line' || (titles.some((t) => !isSite(t)) && EPISODE_MARK.test(text))) lines.push(text);
    else titles.push(text);
  }
  // The service's name in a slot is its logo or the landing page's, unless an episode line marked
  // as one names an episode of it: a service has no episodes, a series named like it ("Peacock") has.
  const episodic = lines.some((l) => EPISODE_MARK.test(l));
  const series = seriesNames.find((n) => !isSite(n)) ?? (episodic ? seriesNames[0] : null) ?? null;

  const facts = factsIn(box);
  if (series) {
    const cleaned = cleanCardTitle(series, true);
    if (cleaned) return { title: cleaned.title, year: null, kind: 'episode', episode: titles[0] ?? lines[0] ?? null };
  }
  for (const raw of titles.filter((t) => !isSite(t)).concat(episodic ? titles.filter(isSite) : [])) {
    const split = splitEpisode(raw);
    const cleaned = cleanCardTitle(split.title, true, true);
    if (!cleaned || (isSite(cleaned.title) && !episodic)) continue;
    const line = split.episode ?? lines.find((l) => EPISODE_MARK.test(l) || SEASON_MARK.test(l)) ?? null;
    const lineYear = lines.map((l) => (isMetaLine(l) ? parseYear(l) : null)).find((y) => y) ?? null;
    const episode = !!line && (split.kind === 'episode' || EPISODE_MARK.test(line));
    return {
      title: cleaned.title,
      year: episode ? null : (cleaned.year ?? lineYear ?? facts.year),
      kind: episode ? 'episode' : (split.kind ?? facts.kind),
      episode: line,
    };
  }
  // No slot: the label the player region gives itself for screen readers.
  for (const el of chain) {
    const label = cleanText(el.getAttribute('aria-label'));
    if (!label || !LABEL_LEAD.test(label)) continue;
    const named = nameText(label.replace(LABEL_LEAD, ''));
    const split = named ? splitEpisode(named) : null;
    const cleaned = split ? cleanCardTitle(split.title, true, true) : null;
    if (!cleaned || isBrandName(cleaned.title, brands) || /\b(?:player|video)\b/i.test(cleaned.title)) continue;
    const episode = split?.kind === 'episode';
    return {
      title: cleaned.title,
      year: episode ? null : (cleaned.year ?? facts.year),
      kind: split?.kind ?? facts.kind,
      episode: split?.episode ?? null,
    };
  }
  return null;
}
