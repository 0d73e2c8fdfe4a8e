/**
 * Netflix. Browse rows (`.lolomoRow`) hold title cards whose link is `/watch/ID`; the name
 * sits in `.fallback-text`, the link's aria-label or the boxart's alt (visible only on hover).
 * The preview modal (`.previewModal--container`) shows one title in detail and is also a
 * tile; `/title/ID` and `?jbv=ID` name the title it shows. Its "More Like This" cards are
 * link-less buttons whose id is only in their tracking context. Signed out, `/title/ID` is a
 * public page of its own (no rows, no modal) whose "More Like This" cards are
 * `a.nm-collections-title` links, as on the signed-out genre pages.
 */
import type { TitleKind } from '../../store/records';
import type { SiteAdapter, TileInfo } from '../types';
import {
  absoluteHttpUrl,
  attrOf,
  baseOf,
  cleanDescription,
  cleanGenres,
  cleanTitle,
  findMainMedia,
  imgUrl,
  parseUrl,
  parseYear,
  queryAllIncludingRoot,
  readJsonLd,
  readSearchParam,
  spacedText,
  textInputs,
  textOf,
} from '../shared';

const CARD = '.title-card-container';
const SLIDER_ITEM = '.slider-item';
const MODAL = '.previewModal--container';
// The detail modal (what ?jbv=ID opens), as opposed to the hover preview ("mini-modal").
const DETAIL_MODAL = '.detail-modal';
// "More Like This" and a collection's other titles inside the detail modal (episode rows are
// `.titleCardList--container.episode-item`: episodes, not titles of their own).
const SIMILAR = '.titleCard--container.more-like-this-item, .titleCard--container.title-group-item';
const SIMILAR_ROW = '.moreLikeThis--wrapper, .titleGroup--wrapper';
const SIMILAR_ROW_TITLE = '.moreLikeThis--header, .titleGroup--header';
// Signed-out pages (public /title/ID and /browse/genre/ID): one link per card, to /title/ID.
const PUBLIC_CARD = 'a.nm-collections-title[href]';
const PUBLIC_ROW = 'section, .nm-collections-row';
const PUBLIC_ROW_TITLE = '.nm-collections-row-name, .nmtitle-section-header, h2';
const TILES = `${CARD}, ${SLIDER_ITEM}, ${MODAL}, ${SIMILAR}, ${PUBLIC_CARD}`;
const WATCH_LINK = 'a[href*="/watch/"], a[href*="/title/"], a[href*="jbv="]';
// The modal's own Play button; links inside its cards name other titles.
const PLAY_LINK = 'a.playLink[href], a[data-uia="play-button"][href]';
const TRACKING = '.ptrack-content[data-ui-tracking-context]';
const ROW = '.lolomoRow';
// In priority order: the title element, not the link around it that also holds "Explore All".
const ROW_TITLES = ['.rowHeader .row-header-title', '.row-header-title', '.rowHeader .rowTitle', 'h2.rowHeader'];
const ROW_TITLE = ROW_TITLES.join(', ');
const SEARCH_INPUTS = 'input[data-uia="search-box-input"], #searchInput';
const MODAL_TITLE = '.previewModal--player-titleTreatment-logo, .previewModal--boxart, h3, .previewModal--section-header strong';
// The signed-out title page's own heading and facts.
const PUBLIC_TITLE = '[data-uia="title-info-title"], h1.title-title';
// What the paused player shows once its controls are gone: "You're watching <h2>Show</h2>".
const PAUSE_OVERLAY = '[data-uia="evidence-overlay"], .watch-video--evidence-overlay-container';
// The first genre block: a second one with the same data-uia lists moods ("This show is:").
const GENRES = '.previewModal--tags[data-uia="previewModal--tags-genre"]';
export const SELECTORS = {
  TILES,
  WATCH_LINK,
  PLAY_LINK,
  TRACKING,
  SIMILAR,
  SIMILAR_ROW,
  SIMILAR_ROW_TITLE,
  ROW,
  ROW_TITLE,
  SEARCH_INPUTS,
  MODAL_TITLE,
  GENRES,
  PUBLIC_CARD,
  PUBLIC_ROW,
  PUBLIC_ROW_TITLE,
  PUBLIC_TITLE,
  PAUSE_OVERLAY,
} as const;

const ORIGIN = 'https://www.netflix.com';

/** The Netflix id in `/watch/ID`, `/title/ID` or `?jbv=ID`. */
export function netflixIdOf(url: URL): string | null {
  const path = /\/(?:watch|title)\/(\d{3,12})(?:[/?#]|$)/.exec(url.pathname);
  if (path?.[1]) return path[1];
  const jbv = url.searchParams.get('jbv');
  return jbv && /^\d{3,12}$/.test(jbv) ? jbv : null;
}

function idFromLinks(root: Element, selector = WATCH_LINK): string | null {
  const links = root.matches(selector) ? [root] : Array.from(root.querySelectorAll(selector));
  for (const link of links) {
    try {
      const id = netflixIdOf(new URL(link.getAttribute('href') ?? '', ORIGIN));
      if (id) return id;
    } catch {
      // A malformed href names nothing.
    }
  }
  return null;
}

/**
 * The id in a card's tracking context: URL-encoded JSON (`%22video_id%22:80244088`) on its
 * `.ptrack-content`, matched as text, never parsed or run.
 */
function idFromTracking(root: Element): string | null {
  const raw = root.querySelector(TRACKING)?.getAttribute('data-ui-tracking-context')?.slice(0, 2000) ?? '';
  return /(?:%22|")video_id(?:%22|"):(\d{3,12})\b/.exec(raw)?.[1] ?? null;
}

/**
 * Episodes listed, or "Seasons"/"Limited Series" in the metadata, mean a series; a running
 * time in hours a film. `length` is a similar-title card's badge on its image ("4 Seasons").
 */
function kindOf(root: Element, length: string | null = null): TitleKind {
  if (root.querySelector('.episodeSelector, .episode-item, [data-uia="episode-selector"]')) return 'series';
  const box = root.querySelector('.videoMetadata--container, .previewModal--metadatAndControls-info');
  const meta = `${box ? spacedText(box, 400) : ''} ${length ?? ''}`;
  // Some shows count their seasons as parts or volumes ("5 Parts").
  if (/\bseasons?\b|\bepisodes\b|limited series|\b\d+\s+(?:parts|volumes)\b/i.test(meta)) return 'series';
  if (/\b\d+h(?:\s*\d+m)?\b|\b\d+\s?m\b/.test(meta)) return 'movie';
  return 'unknown';
}

/**
 * The title a modal shows. The detail modal is what `?jbv=ID` (or `/title/ID`) opens: the URL
 * names it. Its Play button, like the hover preview's, links to what playing starts — for a
 * series the episode to resume, not the show — so a series is never keyed on it.
 */
function modalId(modal: Element, urlId: string | null): string | null {
  if (urlId) return urlId;
  if (modal.matches(DETAIL_MODAL)) {
    const page = parseUrl(baseOf(modal));
    const id = page ? netflixIdOf(page) : null;
    if (id) return id;
  }
  return kindOf(modal) === 'series' ? null : idFromLinks(modal, PLAY_LINK);
}

function readModal(modal: Element, urlId: string | null): TileInfo | null {
  const id = modalId(modal, urlId);
  if (!id) return null;
  const logo = modal.querySelector('.previewModal--player-titleTreatment-logo');
  const title =
    attrOf(logo, 'alt') ??
    attrOf(modal.querySelector('.previewModal--boxart'), 'alt') ??
    textOf(modal.querySelector('h3')) ??
    textOf(modal.querySelector('.previewModal--section-header strong'));
  if (!title) return null;
  const year = parseYear(textOf(modal.querySelector('.videoMetadata--container .year, .year'), 20));
  const genreEls = Array.from(modal.querySelector(GENRES)?.querySelectorAll('.tag-item') ?? []);
  const image = modal.querySelector('.previewModal--boxart, .previewModal--player-titleTreatment-logo');
  return {
    siteItemId: id,
    title,
    year,
    kind: kindOf(modal),
    genres: cleanGenres(genreEls.map((g) => (g.textContent ?? '').replace(/,\s*$/, ''))),
    description: cleanDescription(modal.querySelector('.preview-modal-synopsis, .previewModal-synopsis')?.textContent),
    imageUrl: image ? imgUrl(image) : null,
    url: `${ORIGIN}/title/${id}`,
  };
}

function readCard(card: Element): TileInfo | null {
  const id = idFromLinks(card);
  if (!id) return null;
  const link = card.querySelector(WATCH_LINK);
  const boxart = card.querySelector('img.boxart-image, .boxart-container img, img');
  const title = textOf(card.querySelector('.fallback-text')) ?? attrOf(link, 'aria-label') ?? attrOf(boxart, 'alt');
  if (!title) return null;
  return {
    siteItemId: id,
    title: cleanTitle(title) ?? title,
    year: null,
    kind: 'unknown',
    genres: [],
    description: null,
    imageUrl: boxart ? imgUrl(boxart) : null,
    url: `${ORIGIN}/title/${id}`,
  };
}

/** A "More Like This" card: a button with no link, named by its label and image. */
function readSimilar(card: Element): TileInfo | null {
  const id = idFromTracking(card) ?? idFromLinks(card);
  if (!id) return null;
  const img = card.querySelector('.titleCard-imageWrapper img, img');
  const title = attrOf(card, 'aria-label') ?? attrOf(img, 'alt') ?? textOf(card.querySelector('.titleCard-title_text'));
  if (!title) return null;
  return {
    siteItemId: id,
    title,
    year: parseYear(textOf(card.querySelector('.year'), 20)),
    kind: kindOf(card, textOf(card.querySelector('.titleCard-imageWrapper .duration'), 40)),
    genres: [],
    description: cleanDescription(card.querySelector('.titleCard-synopsis')?.textContent),
    imageUrl: img ? imgUrl(img) : null,
    url: `${ORIGIN}/title/${id}`,
  };
}

/** A signed-out page's card: a link to /title/ID around the boxart and the name. */
function readPublicCard(card: Element): TileInfo | null {
  const id = idFromLinks(card, PUBLIC_CARD);
  if (!id) return null;
  const img = card.querySelector('img');
  const title = textOf(card.querySelector('.nm-collections-title-name')) ?? attrOf(img, 'alt') ?? attrOf(card, 'aria-label');
  if (!title) return null;
  return {
    siteItemId: id,
    title,
    year: null,
    kind: 'unknown',
    genres: [],
    description: null,
    imageUrl: img ? imgUrl(img) : null,
    url: `${ORIGIN}/title/${id}`,
  };
}

function readTile(tile: Element): TileInfo | null {
  if (tile.matches(MODAL)) return readModal(tile, null);
  if (tile.matches(PUBLIC_CARD)) return readPublicCard(tile);
  if (tile.matches(SIMILAR)) return readSimilar(tile);
  const card = tile.matches(CARD) ? tile : (tile.querySelector(CARD) ?? tile);
  return readCard(card);
}

function findTiles(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of queryAllIncludingRoot(root, TILES)) {
    // A slider item wraps a title card: report the card, or the item when it has no card.
    if (el.matches(SLIDER_ITEM) && el.querySelector(CARD)) continue;
    if (el.matches(CARD) && el.parentElement?.closest(CARD)) continue;
    out.push(el);
  }
  return out;
}

function readRow(tile: Element): string | null {
  if (tile.matches(PUBLIC_CARD)) return textOf(tile.closest(PUBLIC_ROW)?.querySelector(PUBLIC_ROW_TITLE));
  const similar = tile.closest(SIMILAR_ROW);
  if (similar) return textOf(similar.querySelector(SIMILAR_ROW_TITLE));
  const row = tile.closest(ROW);
  if (!row) return null;
  for (const sel of ROW_TITLES) {
    const text = textOf(row.querySelector(sel));
    if (text) return text;
  }
  return null;
}

/** An episode's line: "E3", "S1:E3", "Ep. 3", "Episode 3", localised codes like "F3"/"B3". */
const EPISODE_LINE = /^(?:s\d{1,3}\s*[:.]?\s*)?\p{L}{1,3}\.?\s?\d{1,4}$|\b(?:ep\.?|episode)\s*\d{1,4}\b/iu;

/**
 * The player's title. While the controls show, their title box holds
 * "<h4>Show</h4><span>E3</span><span>Episode name</span>" (a film: the <h4> alone). The box is
 * unmounted a few seconds after the mouse stops; once paused, the "You're watching" overlay
 * names the show in an <h2> with the season/episode and episode name in later headings.
 */
function readWatch(doc: Document, id: string): TileInfo | null {
  const box = doc.querySelector('[data-uia="video-title"]');
  let title: string | null = null;
  let parts: string[] = [];
  if (box) {
    const show = textOf(box.querySelector('h4'));
    parts = Array.from(box.querySelectorAll('span'))
      .map((s) => textOf(s))
      .filter((s): s is string => !!s);
    title = show ?? textOf(box);
    if (!show) parts = [];
  } else {
    const overlay = doc.querySelector(PAUSE_OVERLAY);
    title = textOf(overlay?.querySelector('h2'));
    parts = Array.from(overlay?.querySelectorAll('h3, h4') ?? [])
      .map((h) => textOf(h))
      .filter((s): s is string => !!s);
  }
  if (!title) return null;
  const episode = parts.length > 0 && (box !== null || parts.some((p) => EPISODE_LINE.test(p)));
  return {
    siteItemId: id,
    title,
    year: null,
    kind: episode ? 'episode' : 'unknown',
    genres: [],
    description: episode ? cleanDescription(parts.join(' ')) : null,
    imageUrl: null,
    url: `${ORIGIN}/watch/${id}`,
  };
}

/** Whether the page's own address (canonical link, og:url) names title `id`; true when it gives none. */
function pageIsAbout(doc: Document, id: string): boolean {
  const own =
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  const url = own ? parseUrl(absoluteHttpUrl(own, baseOf(doc))) : null;
  return own ? !!url && netflixIdOf(url) === id : true;
}

/** "3 Seasons", "5 Parts" (a show) or "1h 57m" (a film): the signed-out page's runtime item. */
function kindOfRuntime(runtime: string | null): TitleKind {
  if (!runtime) return 'unknown';
  if (/season|episode|\bparts?\b|volume/i.test(runtime)) return 'series';
  return /\d+\s?(?:h|m|min)\b/.test(runtime) ? 'movie' : 'unknown';
}

/**
 * The signed-out title page: its JSON-LD (schema.org Movie/TVSeries) when it describes this
 * id, else its own heading and facts. Only when the page's address names the id: a page
 * left stale by in-app navigation is not the new URL's title.
 */
function readPublicTitle(doc: Document, id: string): TileInfo | null {
  const heading = doc.querySelector(PUBLIC_TITLE);
  const entry = readJsonLd(doc).find((e) => {
    const own = e.listed ? null : parseUrl(e.url);
    return !!own && netflixIdOf(own) === id;
  });
  if ((!heading && !entry) || !pageIsAbout(doc, id)) return null;
  const title = textOf(heading) ?? entry?.title ?? null;
  if (!title) return null;
  const kind = entry && entry.kind !== 'unknown' ? entry.kind : kindOfRuntime(textOf(doc.querySelector('[data-uia="item-runtime"]'), 40));
  const genres = Array.from(doc.querySelectorAll('[data-uia="item-genre"], [data-uia="more-details-item-genres"]')).map((g) => g.textContent);
  return {
    siteItemId: id,
    title,
    year: parseYear(textOf(doc.querySelector('[data-uia="item-year"]'), 20)) ?? entry?.year ?? null,
    kind,
    genres: cleanGenres(genres.length ? genres : (entry?.genres ?? [])),
    description: cleanDescription(doc.querySelector('[data-uia="title-info-synopsis"]')?.textContent) ?? entry?.description ?? null,
    imageUrl: entry?.imageUrl ?? null,
    url: `${ORIGIN}/title/${id}`,
  };
}

function readPlaying(doc: Document, url: URL): TileInfo | null {
  const id = netflixIdOf(url);
  if (!id) return null;
  if (url.pathname.startsWith('/watch/')) return readWatch(doc, id);
  // /title/ID and /browse?jbv=ID show the title in the detail modal; the URL names it.
  const detail = doc.querySelector(`${MODAL}${DETAIL_MODAL}`);
  if (detail) return readModal(detail, id);
  // A hover preview may show another title than the URL's: only one that names this id.
  const preview = doc.querySelector(MODAL);
  if (preview) return modalId(preview, null) === id ? readModal(preview, id) : null;
  return /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?title\//i.test(url.pathname) ? readPublicTitle(doc, id) : null;
}

export const netflixAdapter: SiteAdapter = {
  name: 'netflix',
  matches: (url) => /(?:^|\.)netflix\.com$/.test(url.hostname),
  findTiles,
  readTile,
  readRow,
  findPlayer: (doc) => findMainMedia(doc, '.watch-video video') ?? findMainMedia(doc, 'video'),
  readPlaying,
  readSearchQuery: (url) => (url.pathname.startsWith('/search') ? readSearchParam(url, ['q']) : null),
  findSearchInputs: (root) => textInputs(queryAllIncludingRoot(root, SEARCH_INPUTS)),
};
