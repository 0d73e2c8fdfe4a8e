/**
 * Netflix. Browse rows (`.lolomoRow`) hold title cards whose link is `/watch/ID`; the name
 * sits in `.fallback-text`, the link's aria-label or the boxart's alt (visible only on hover).
 * The preview modal (`.previewModal--container`) shows one title in detail and is also a
 * tile; `/title/ID` and `?jbv=ID` name the title it shows.
 */
import type { TitleKind } from '../../store/records';
import type { SiteAdapter, TileInfo } from '../types';
import {
  attrOf,
  cleanDescription,
  cleanGenres,
  cleanTitle,
  findMainMedia,
  imgUrl,
  parseYear,
  queryAllIncludingRoot,
  readSearchParam,
  spacedText,
  textInputs,
  textOf,
} from '../shared';

const CARD = '.title-card-container';
const SLIDER_ITEM = '.slider-item';
const MODAL = '.previewModal--container';
const TILES = `${CARD}, ${SLIDER_ITEM}, ${MODAL}`;
const WATCH_LINK = 'a[href*="/watch/"], a[href*="/title/"], a[href*="jbv="]';
const ROW = '.lolomoRow';
// In priority order: the title element, not the link around it that also holds "Explore All".
const ROW_TITLES = ['.rowHeader .row-header-title', '.row-header-title', '.rowHeader .rowTitle', 'h2.rowHeader'];
const ROW_TITLE = ROW_TITLES.join(', ');
const SEARCH_INPUTS = 'input[data-uia="search-box-input"], #searchInput';
const MODAL_TITLE = '.previewModal--player-titleTreatment-logo, .previewModal--boxart, h3, .previewModal--section-header strong';
export const SELECTORS = { TILES, WATCH_LINK, ROW, ROW_TITLE, SEARCH_INPUTS, MODAL_TITLE } as const;

const ORIGIN = 'https://www.netflix.com';

/** The Netflix id in `/watch/ID`, `/title/ID` or `?jbv=ID`. */
export function netflixIdOf(url: URL): string | null {
  const path = /\/(?:watch|title)\/(\d{3,12})(?:[/?#]|$)/.exec(url.pathname);
  if (path?.[1]) return path[1];
  const jbv = url.searchParams.get('jbv');
  return jbv && /^\d{3,12}$/.test(jbv) ? jbv : null;
}

function idFromLinks(root: Element): string | null {
  const links = root.matches(WATCH_LINK) ? [root] : Array.from(root.querySelectorAll(WATCH_LINK));
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

/** Episodes listed, or "Seasons"/"Limited Series" in the metadata, mean a series; a running time in hours a film. */
function kindOf(root: Element): TitleKind {
  if (root.querySelector('.episodeSelector, .episode-item, [data-uia="episode-selector"]')) return 'series';
  const box = root.querySelector('.videoMetadata--container, .previewModal--metadatAndControls-info');
  const meta = box ? spacedText(box, 400) : '';
  if (/\bseasons?\b|\bepisodes\b|limited series/i.test(meta)) return 'series';
  if (/\b\d+h(?:\s*\d+m)?\b|\b\d+\s?m\b/.test(meta)) return 'movie';
  return 'unknown';
}

function readModal(modal: Element, fallbackId: string | null): TileInfo | null {
  const id = idFromLinks(modal) ?? fallbackId;
  if (!id) return null;
  const logo = modal.querySelector('.previewModal--player-titleTreatment-logo');
  const title =
    attrOf(logo, 'alt') ??
    attrOf(modal.querySelector('.previewModal--boxart'), 'alt') ??
    textOf(modal.querySelector('h3')) ??
    textOf(modal.querySelector('.previewModal--section-header strong'));
  if (!title) return null;
  const year = parseYear(textOf(modal.querySelector('.videoMetadata--container .year, .year'), 20));
  const genreEls = Array.from(modal.querySelectorAll('.previewModal--tags[data-uia="previewModal--tags-genre"] .tag-item, .evidence-tags .tag-item'));
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

function readTile(tile: Element): TileInfo | null {
  if (tile.matches(MODAL)) return readModal(tile, null);
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
  const row = tile.closest(ROW);
  if (!row) return null;
  for (const sel of ROW_TITLES) {
    const text = textOf(row.querySelector(sel));
    if (text) return text;
  }
  return null;
}

function readPlaying(doc: Document, url: URL): TileInfo | null {
  const id = netflixIdOf(url);
  if (!id) return null;
  if (url.pathname.startsWith('/watch/')) {
    const box = doc.querySelector('[data-uia="video-title"]');
    if (!box) return null;
    // Episodes show "<h4>Show</h4><span>S1:E3</span><span>Episode name</span>".
    const show = textOf(box.querySelector('h4'));
    const spans = Array.from(box.querySelectorAll('span'))
      .map((s) => textOf(s))
      .filter((s): s is string => !!s);
    const title = show ?? textOf(box);
    if (!title) return null;
    return {
      siteItemId: id,
      title,
      year: null,
      kind: show && spans.length ? 'episode' : 'unknown',
      genres: [],
      description: show && spans.length ? cleanDescription(spans.join(' ')) : null,
      imageUrl: null,
      url: `${ORIGIN}/watch/${id}`,
    };
  }
  // /title/ID and /browse?jbv=ID show the title in the preview modal.
  const modal = doc.querySelector(MODAL);
  return modal ? readModal(modal, id) : null;
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
