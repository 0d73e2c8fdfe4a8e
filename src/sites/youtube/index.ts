/**
 * YouTube. Tiles are the renderer custom elements (old `ytd-*-renderer` and the newer
 * `yt-lockup-view-model`); the id is always read from the tile's current href because
 * YouTube recycles tile elements while scrolling and navigating. Ads, community posts and
 * collections (Mixes, playlists: lockups whose links name their first video) are skipped.
 * Lockup classes come in two spellings served side by side since 2025: kebab BEM
 * (`yt-lockup-metadata-view-model__title`) and camelCase (`ytLockupMetadataViewModelTitle`).
 * Films sold, rented or free with ads (the Movies & TV storefront, purchases, search, the
 * related column) keep their own renderers, with "Genre • Year" under the name.
 */
import type { TitleInput } from '../../messages/protocol';
import type { SiteAdapter, TileInfo } from '../types';
import {
  attrOf,
  cleanDescription,
  cleanTitle,
  findMainMedia,
  parseYear,
  queryAllIncludingRoot,
  readOpenGraph,
  spacedText,
  textInputs,
  textOf,
} from '../shared';

const TILE_SELECTORS = [
  'ytd-rich-item-renderer',
  'ytd-video-renderer',
  'ytd-compact-video-renderer',
  'ytd-grid-video-renderer',
  'ytd-playlist-video-renderer',
  // The playlist's own list beside the player on a watch?v=…&list=… page.
  'ytd-playlist-panel-video-renderer',
  'yt-lockup-view-model',
  // Shorts outside a rich item (search results, reel shelves on watch pages).
  'ytm-shorts-lockup-view-model',
  'ytd-reel-item-renderer',
  // Films: the storefront's and purchases' grid, search results, the related column.
  'ytd-grid-movie-renderer',
  'ytd-movie-renderer',
  'ytd-compact-movie-renderer',
];
const MOVIES = 'ytd-grid-movie-renderer, ytd-movie-renderer, ytd-compact-movie-renderer';
// "Thriller • 2025 • 1:58:12" under a film's name, in priority order (the wrappers also hold badges).
const MOVIE_METAS = ['.grid-movie-renderer-metadata', '#metadata', '.metadata'];
const MOVIE_META = MOVIE_METAS.join(', ');
// Lockups that can sit inside an outer renderer: the outer one is the tile.
const INNER_TILES = new Set(['YT-LOCKUP-VIEW-MODEL', 'YTM-SHORTS-LOCKUP-VIEW-MODEL']);
const OUTER_TILES = TILE_SELECTORS.filter((t) => !INNER_TILES.has(t.toUpperCase())).join(', ');
const TILES = TILE_SELECTORS.join(', ');
const ADS = 'ytd-ad-slot-renderer, ytd-in-feed-ad-layout-renderer, ytd-promoted-video-renderer, ytd-display-ad-renderer';
// Cells that hold no video: community posts (the home page's "Latest YouTube posts" shelf).
const POSTS = 'ytd-post-renderer, ytd-backstage-post-thread-renderer';
// A Mix or playlist lockup links to its first video (watch?v=…&list=…) under the list's name:
// the stacked collection thumbnail or a "View full playlist" link marks it as a list.
const COLLECTIONS =
  'yt-collection-thumbnail-view-model, yt-collections-stack, .ytCollectionThumbnailViewModelHost, ytd-playlist-thumbnail, a[href^="/playlist?"]';
const TITLE =
  '#video-title, a#video-title-link, .yt-lockup-metadata-view-model__title, .yt-lockup-metadata-view-model-wiz__title, ' +
  '.ytLockupMetadataViewModelTitle, .shortsLockupViewModelHostMetadataTitle, .shortsLockupViewModelHostOutsideMetadataTitle';
const LINKS =
  'a#thumbnail[href], a#video-title-link[href], a#video-title[href], a.yt-lockup-view-model__content-image[href], a.yt-lockup-view-model-wiz__content-image[href], ' +
  'a.ytLockupViewModelContentImage[href], a[href*="watch?v="], a[href^="/shorts/"]';
const SHELVES =
  'ytd-rich-shelf-renderer, ytd-shelf-renderer, ytd-reel-shelf-renderer, grid-shelf-view-model, ytd-horizontal-card-list-renderer, ytd-item-section-renderer, ytd-rich-section-renderer';
// A shelf's own heading; a nested shelf's heading (search's Shorts grid inside the results
// section) belongs to that shelf's tiles only.
const SHELF_TITLES = '#title-text, #title, h2';
export const SELECTORS = { TILES, ADS, POSTS, COLLECTIONS, TITLE, LINKS, SHELVES, SHELF_TITLES, MOVIES, MOVIE_META } as const;

const VIDEO_ID = /^[A-Za-z0-9_-]{6,20}$/;

/** The video id of a watch, shorts, live or youtu.be URL. */
export function videoIdOf(url: URL): string | null {
  const v = url.searchParams.get('v');
  if (url.pathname === '/watch' && v && VIDEO_ID.test(v)) return v;
  const path = /^\/(?:shorts|live|embed)\/([A-Za-z0-9_-]{6,20})/.exec(url.pathname);
  if (path?.[1]) return path[1];
  if (url.hostname === 'youtu.be') {
    const id = url.pathname.slice(1);
    return VIDEO_ID.test(id) ? id : null;
  }
  return null;
}

function hrefUrl(el: Element | null): URL | null {
  const href = el?.getAttribute('href');
  if (!href) return null;
  try {
    return new URL(href, 'https://www.youtube.com/');
  } catch {
    return null; // not a URL: the link names nothing
  }
}

function watchUrl(id: string): string {
  return `https://www.youtube.com/watch?v=${id}`;
}

/** A thumbnail derived from the id: a recycled tile's <img> may still show the previous video. */
function thumbnailUrl(id: string): string {
  return `https://i.ytimg.com/vi/${id}/hqdefault.jpg`;
}

/** A video as the page reports it: YouTube shows no release year or genres. */
function videoInput(id: string, title: string, description: string | null): TitleInput {
  return { siteItemId: id, title, year: null, kind: 'video', genres: [], description, imageUrl: thumbnailUrl(id), url: watchUrl(id) };
}

/** A film's card is a film, with the year its "Genre • Year" line gives. */
function movieInput(tile: Element, input: TitleInput): TitleInput {
  const meta = MOVIE_METAS.map((sel) => tile.querySelector(sel)).find((el) => el !== null);
  return { ...input, kind: 'movie', year: meta ? parseYear(spacedText(meta, 200)) : null };
}

function isAd(tile: Element): boolean {
  return tile.matches(ADS) || tile.querySelector(ADS) !== null || tile.closest(ADS) !== null;
}

/** Not one video: an ad, a community post, a Mix or a playlist. */
function isNotAVideo(tile: Element): boolean {
  return isAd(tile) || tile.querySelector(POSTS) !== null || tile.querySelector(COLLECTIONS) !== null;
}

function readTile(tile: Element): TileInfo | null {
  if (isNotAVideo(tile)) return null;
  let id: string | null = null;
  for (const link of Array.from(tile.querySelectorAll(LINKS))) {
    const url = hrefUrl(link);
    id = url ? videoIdOf(url) : null;
    if (id) break;
  }
  if (!id) return null;
  const titleEl = tile.querySelector(TITLE);
  const title =
    textOf(titleEl) ??
    attrOf(titleEl, 'title') ??
    attrOf(titleEl, 'aria-label') ??
    attrOf(tile.querySelector('h3'), 'title') ??
    attrOf(tile.querySelector('h3 a[title]'), 'title');
  if (!title) return null;
  const input = videoInput(id, title, cleanDescription(tile.querySelector('#description-text, .metadata-snippet-text')?.textContent));
  return tile.matches(MOVIES) ? movieInput(tile, input) : input;
}

function findTiles(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const tile of queryAllIncludingRoot(root, TILES)) {
    // A lockup inside a rich item is the same tile; report the outer one once.
    if (INNER_TILES.has(tile.tagName) && tile.parentElement?.closest(OUTER_TILES)) continue;
    if (tile.tagName === 'YTM-SHORTS-LOCKUP-VIEW-MODEL' && tile.parentElement?.closest('yt-lockup-view-model')) continue;
    if (!isNotAVideo(tile)) out.push(tile);
  }
  return out;
}

function readRow(tile: Element): string | null {
  const shelf = tile.closest(SHELVES);
  if (!shelf) return null;
  // The shelf's own header, never a title inside one of its tiles or a nested shelf's header.
  // A shelf without one (search results, the watch page's related column) names no row: a
  // heading found further up would be the search box's or the playing video's title.
  for (const el of Array.from(shelf.querySelectorAll(SHELF_TITLES))) {
    if (el.closest(TILES) || el.closest(SHELVES) !== shelf) continue;
    const title = textOf(el);
    if (title) return title;
  }
  return null;
}

function readPlaying(doc: Document, url: URL): TileInfo | null {
  const id = videoIdOf(url);
  if (!id) return null;
  // During in-app navigation the watch page can still show the previous video for a moment.
  const flexy = doc.querySelector('ytd-watch-flexy');
  const shownId = flexy?.getAttribute('video-id');
  if (shownId && shownId !== id) return null;
  const og = readOpenGraph(doc);
  // <meta> tags are not updated on in-app navigation: trust them only when they name this video.
  const metaUrl = og.get('og:url') ?? doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '';
  const metaFresh = metaUrl.includes(id);
  const title =
    textOf(doc.querySelector('ytd-watch-metadata h1, h1.ytd-watch-metadata, #above-the-fold #title h1')) ??
    textOf(doc.querySelector('ytd-reel-video-renderer[is-active] h2, .ytShortsVideoTitleViewModelShortsVideoTitle')) ??
    (metaFresh ? cleanTitle(doc.querySelector('meta[name="title"]')?.getAttribute('content') ?? og.get('og:title')) : null);
  if (!title) return null;
  return videoInput(id, title, metaFresh ? cleanDescription(og.get('og:description')) : null);
}

export const youtubeAdapter: SiteAdapter = {
  name: 'youtube',
  matches: (url) => /^(?:www\.|m\.)?youtube\.com$/.test(url.hostname),
  findTiles,
  readTile,
  readRow,
  findPlayer: (doc) => findMainMedia(doc, 'video.html5-main-video, #movie_player video') ?? findMainMedia(doc, 'video'),
  readPlaying,
  readSearchQuery: (url) => (url.pathname === '/results' ? cleanTitle(url.searchParams.get('search_query')) : null),
  findSearchInputs: (root) => textInputs(queryAllIncludingRoot(root, 'input#search, input[name="search_query"]')),
};
