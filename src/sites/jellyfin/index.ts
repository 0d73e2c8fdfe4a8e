/**
 * Jellyfin web client (self-hosted, any host). Cards are `.card[data-id]` with the item type
 * in `data-type`; routes live in the URL hash (`#/details?id=…`, `#/video`, `#/search?query=…`).
 * A self-hosted server has no fixed host, so `matches` recognises the web client's path/hash
 * shape and `detect(doc)` (an extra, optional hook the registry consults) recognises the page.
 */
import type { TitleKind } from '../../store/records';
import type { SiteAdapter, TileInfo } from '../types';
import {
  absoluteHttpUrl,
  backgroundUrl,
  baseOf,
  cleanDescription,
  cleanGenres,
  cleanText,
  findMainMedia,
  hashParams,
  imgUrl,
  parseYear,
  queryAllIncludingRoot,
  spacedText,
  textInputs,
  textOf,
} from '../shared';

const CARDS = '.card[data-id]';
const SEARCH_INPUTS = 'input.searchfields-txtSearch, #searchTextInput, .searchFields input[type="search"], input[is="emby-input"][type="search"]';
const SECTION_TITLE = '.sectionTitle';
const PLAYING_TITLE = '.osdTitle, .videoOsdBottom .osdTitle, .skinHeader h3.pageTitle';
const DETAILS_TITLE = '.detailPagePrimaryContainer .itemName, .nameContainer .itemName, h1.itemName, h3.itemName';
export const SELECTORS = { CARDS, SEARCH_INPUTS, SECTION_TITLE, PLAYING_TITLE, DETAILS_TITLE } as const;

const KINDS: Record<string, TitleKind> = {
  Movie: 'movie',
  Series: 'series',
  Season: 'series',
  Episode: 'episode',
  Video: 'video',
  MusicVideo: 'video',
  Trailer: 'video',
};

/** The hash route without its query: "#/details?id=x" → "/details", "#!/video" → "/video". */
export function hashRoute(url: URL): string {
  return url.hash
    .replace(/^#!?/, '')
    .split('?')[0]!
    .replace(/\.html$/, '');
}

function isJellyfinUrl(url: URL): boolean {
  if (!/^#!?\//.test(url.hash)) return false;
  return /\/web\/(?:index\.html)?$/.test(url.pathname);
}

/** Whether the page is a Jellyfin web client (its meta tag, or its header and card markup). */
export function detect(doc: Document): boolean {
  const app = doc.querySelector('meta[name="application-name"]')?.getAttribute('content');
  if (app && /^jellyfin$/i.test(app.trim())) return true;
  return doc.querySelector('.skinHeader') !== null && doc.querySelector('.mainAnimatedPages, .card[data-id][data-type]') !== null;
}

/** Item id in a route ("#/details?id=…") or a stream URL ("/Videos/<id>/stream…"). */
function itemIdFrom(url: URL | null, src: string | null): string | null {
  const id = url ? hashParams(url).get('id') : null;
  if (id && /^[0-9a-f-]{16,64}$/i.test(id)) return id.toLowerCase();
  const match = src ? /\/(?:videos|audio|items)\/([0-9a-f]{32}|[0-9a-f-]{36})\//i.exec(src) : null;
  return match?.[1]?.toLowerCase() ?? null;
}

function detailsUrl(doc: Document, id: string): string | null {
  return absoluteHttpUrl(`#/details?id=${id}`, baseOf(doc));
}

function readTile(tile: Element): TileInfo | null {
  const card = tile.matches(CARDS) ? tile : tile.querySelector(CARDS);
  if (!card) return null;
  const id = cleanText(card.getAttribute('data-id'), 64);
  const type = card.getAttribute('data-type') ?? '';
  const kind = KINDS[type];
  if (!id || !/^[0-9a-z-]+$/i.test(id) || !kind) return null; // folders, people, music are not titles
  const texts = Array.from(card.querySelectorAll('.cardText'))
    .map((el) => textOf(el))
    .filter((t): t is string => !!t);
  const first =
    textOf(card.querySelector('.cardText-first')) ?? texts[0] ?? cleanText(card.querySelector('.cardImageContainer')?.getAttribute('aria-label'));
  if (!first) return null;
  const second = texts.find((t) => t !== first) ?? null;
  const image = card.querySelector('.cardImageContainer');
  // Lazy cards keep the URL in data-src until they scroll into view.
  const imageUrl = image
    ? (backgroundUrl(image) ?? (image.tagName === 'IMG' ? imgUrl(image) : absoluteHttpUrl(image.getAttribute('data-src'), baseOf(image))))
    : null;
  return {
    siteItemId: id.toLowerCase(),
    // Episode cards name the series first and the episode second.
    title: first,
    year: kind === 'episode' ? null : parseYear(second),
    kind,
    genres: [],
    description: kind === 'episode' && second ? cleanDescription(second) : null,
    imageUrl,
    url: detailsUrl(card.ownerDocument, id.toLowerCase()),
  };
}

function readRow(tile: Element): string | null {
  const section = tile.closest('.verticalSection');
  return section ? textOf(section.querySelector(SECTION_TITLE)) : null;
}

function readDetails(doc: Document, id: string): TileInfo | null {
  const page = doc.querySelector('#itemDetailPage:not(.hide), .itemDetailPage:not(.hide)') ?? doc;
  const title = textOf(page.querySelector(DETAILS_TITLE));
  if (!title) return null;
  const misc = page.querySelector('.itemMiscInfo-primary, .itemMiscInfo');
  const genres = Array.from(page.querySelectorAll('.itemGenres a, .genresGroup a')).map((a) => a.textContent);
  return {
    siteItemId: id,
    title,
    year: misc ? parseYear(spacedText(misc, 200)) : null,
    kind: page.querySelector('#childrenCollapsible .card[data-type="Season"], .seasonsContainer') ? 'series' : 'unknown',
    genres: cleanGenres(genres),
    description: cleanDescription(page.querySelector('.overview')?.textContent),
    imageUrl: null,
    url: detailsUrl(doc, id),
  };
}

function readPlaying(doc: Document, url: URL): TileInfo | null {
  const route = hashRoute(url);
  if (route === '/details' || route === '/item') {
    const id = itemIdFrom(url, null);
    return id ? readDetails(doc, id) : null;
  }
  if (route !== '/video') return null;
  const player = findMainMedia(doc, 'video.htmlvideoplayer, video');
  const title = textOf(doc.querySelector(PLAYING_TITLE)) ?? cleanText(doc.title.replace(/\s*[-|]\s*Jellyfin\s*$/i, ''));
  if (!title || /^jellyfin$/i.test(title)) return null;
  const id = itemIdFrom(null, player?.currentSrc || player?.getAttribute('src') || null);
  if (!id) return null;
  return {
    siteItemId: id,
    title,
    year: null,
    kind: 'unknown',
    genres: [],
    description: null,
    imageUrl: null,
    url: detailsUrl(doc, id),
  };
}

export const jellyfinAdapter: SiteAdapter & { detect(doc: Document): boolean } = {
  name: 'jellyfin',
  matches: isJellyfinUrl,
  detect,
  findTiles: (root) => queryAllIncludingRoot(root, CARDS).filter((c) => (c.getAttribute('data-type') ?? '') in KINDS),
  readTile,
  readRow,
  findPlayer: (doc) => findMainMedia(doc, 'video.htmlvideoplayer') ?? findMainMedia(doc, 'video'),
  readPlaying,
  readSearchQuery: (url) => {
    if (hashRoute(url) !== '/search') return null;
    return cleanText(hashParams(url).get('query') ?? hashParams(url).get('q'));
  },
  findSearchInputs: (root) => textInputs(queryAllIncludingRoot(root, SEARCH_INPUTS)),
};
