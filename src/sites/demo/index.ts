/**
 * Adapter for the demo streaming site that ships in `demo/` ("Tasteful Demo TV").
 *
 * Markup contract (see demo/lib/pages.mjs):
 *   - every page carries `<meta name="tasteful-demo" content="1">`
 *   - tile: `a.tile[data-title-id]` with `data-year`, `data-kind`, `data-genres` (comma-separated),
 *     `data-description`, `href="/title/<id>"`, `<img alt="<title>">` and `.tile-title` / `.tile-year`
 *   - row: the enclosing `[data-row]` (its `<h2>` as a fallback)
 *   - title and watch pages: `main[data-page="title"|"watch"][data-title-id]` with the same data
 *     attributes plus `data-title`, schema.org JSON-LD and Open Graph tags
 *   - player: `video#player[data-title-id]`; hover previews (`video.preview`) are not the player
 *   - search: `/search?q=`, `form[role="search"] input[name="q"]`
 *
 * `matches(url)` sees only the URL, so it accepts any localhost / 127.0.0.1 page; the markup
 * selectors above only match demo pages, and `isDemoDocument` tells a registry whether the
 * page really is the demo site (the marker) when another local site is being visited.
 */
import type { TitleKind } from '../../store/records';
import { isPlausibleYear } from '../../store/limits';
import type { SiteAdapter, TileInfo } from '../types';
import {
  absoluteHttpUrl,
  baseOf,
  CAPS,
  cleanDescription,
  cleanGenres,
  cleanText,
  cleanTitle,
  imgUrl,
  nearestRowHeading,
  parseYear,
  queryAllIncludingRoot,
  readJsonLd,
  slugId,
  textInputs,
  textOf,
} from '../shared';

export const DEMO_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);
export const DEMO_MARKER = 'meta[name="tasteful-demo"][content="1"]';
export const TILE_SELECTOR = 'a.tile[data-title-id]';
const PAGE_SELECTOR = 'main[data-page="watch"][data-title-id], main[data-page="title"][data-title-id]';
const SEARCH_INPUT_SELECTOR = 'form[role="search"] input[name="q"], input[type="search"]';
const KINDS: ReadonlySet<string> = new Set(['movie', 'series', 'episode', 'video']);

/** Whether `doc` is a page of the demo site (it carries the demo marker). */
export function isDemoDocument(doc: Document): boolean {
  return doc.querySelector(DEMO_MARKER) !== null;
}

function readId(el: Element): string | null {
  return cleanText(el.getAttribute('data-title-id'), CAPS.id);
}

function readYearAttr(el: Element, fallbackText: string | null = null): number | null {
  const raw = el.getAttribute('data-year')?.trim() ?? '';
  if (/^\d{4}$/.test(raw)) {
    const year = Number(raw);
    if (isPlausibleYear(year)) return year;
  }
  return parseYear(fallbackText);
}

function readKind(el: Element): TitleKind {
  const raw = (el.getAttribute('data-kind') ?? '').trim().toLowerCase();
  return KINDS.has(raw) ? (raw as TitleKind) : 'unknown';
}

function readGenres(el: Element): string[] {
  return cleanGenres([el.getAttribute('data-genres')]);
}

/** The demo's own id from a `/title/<id>` or `/watch/<id>` URL. */
export function idFromDemoUrl(url: URL): string | null {
  const m = /^\/(?:title|watch)\/([^/]+)\/?$/.exec(url.pathname);
  if (!m?.[1]) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    id = m[1]; // a stray '%' is part of the id as written
  }
  return cleanText(id, CAPS.id);
}

function titleUrlFor(id: string, base: string | null): string | null {
  return absoluteHttpUrl(`/title/${encodeURIComponent(id)}`, base);
}

function idFromHref(href: string | null): string | null {
  if (!href) return null;
  try {
    return idFromDemoUrl(new URL(href));
  } catch {
    return null; // not a URL: the tile is identified by its attributes alone
  }
}

function readDemoTile(tile: Element): TileInfo | null {
  // Everything is read fresh on every call: the site (and /hostile) recycles tile elements.
  const img = tile.querySelector('img');
  const title = cleanTitle(img?.getAttribute('alt')) ?? textOf(tile.querySelector('.tile-title')) ?? cleanTitle(tile.getAttribute('aria-label'));
  if (!title) return null;
  const base = baseOf(tile);
  const href = absoluteHttpUrl(tile.getAttribute('href'), base);
  const year = readYearAttr(tile, textOf(tile.querySelector('.tile-year')));
  return {
    // The link is parsed for an id only when the tile carries none (parsing thousands of URLs adds up).
    siteItemId: readId(tile) ?? idFromHref(href) ?? slugId(title, year),
    title,
    year,
    kind: readKind(tile),
    genres: readGenres(tile),
    description: cleanDescription(tile.getAttribute('data-description')),
    imageUrl: img ? imgUrl(img) : null,
    url: href,
  };
}

function readDemoPlaying(doc: Document, url: URL): TileInfo | null {
  const base = baseOf(doc) ?? url.href;
  const main = doc.querySelector(PAGE_SELECTOR);
  const player = doc.querySelector('video#player');
  const urlId = idFromDemoUrl(url);
  const poster = absoluteHttpUrl(doc.querySelector('.title-poster')?.getAttribute('src') ?? player?.getAttribute('poster') ?? null, base);

  if (main) {
    const id = readId(main) ?? (player ? readId(player) : null) ?? urlId;
    const title = cleanTitle(main.getAttribute('data-title')) ?? textOf(doc.querySelector('.title-name, .watch-title a, .watch-title'));
    if (id && title) {
      return {
        siteItemId: id,
        title,
        year: readYearAttr(main),
        kind: readKind(main),
        genres: readGenres(main),
        description: cleanDescription(main.getAttribute('data-description')),
        imageUrl: poster,
        url: titleUrlFor(id, base),
      };
    }
  }

  // Fallback on title/watch URLs: the page's schema.org entity (those pages carry exactly one).
  // Other pages (home, search, /hostile) may carry JSON-LD too, but nothing is "shown" there.
  const id = (player ? readId(player) : null) ?? urlId;
  if (!id) return null;
  const ld = readJsonLd(doc).find((e) => !e.listed);
  if (!ld) return null;
  return {
    siteItemId: id,
    title: ld.title,
    year: ld.year,
    kind: ld.kind,
    genres: ld.genres,
    description: ld.description,
    imageUrl: ld.imageUrl ?? poster,
    url: ld.url ?? titleUrlFor(id, base),
  };
}

export const demoAdapter: SiteAdapter = {
  name: 'demo',

  /** The registry's page check: only pages carrying the demo marker are the demo site. */
  confirm: isDemoDocument,
  matches(url: URL): boolean {
    return (url.protocol === 'http:' || url.protocol === 'https:') && DEMO_HOSTS.has(url.hostname);
  },

  findTiles(root: ParentNode): Element[] {
    return queryAllIncludingRoot(root, TILE_SELECTOR);
  },

  readTile: readDemoTile,

  readRow(tile: Element): string | null {
    const row = tile.closest('[data-row]');
    return cleanText(row?.getAttribute('data-row')) ?? textOf(row?.querySelector('h2')) ?? nearestRowHeading(tile);
  },

  findPlayer(doc: Document): HTMLMediaElement | null {
    const el = doc.querySelector('video#player');
    return el && el.tagName === 'VIDEO' ? (el as HTMLMediaElement) : null;
  },

  readPlaying: readDemoPlaying,

  readSearchQuery(url: URL): string | null {
    if (url.pathname !== '/search' && url.pathname !== '/search/') return null;
    return cleanText(url.searchParams.get('q'));
  },

  findSearchInputs(root: ParentNode): HTMLInputElement[] {
    return textInputs(queryAllIncludingRoot(root, SEARCH_INPUT_SELECTOR));
  },
};

export default demoAdapter;
