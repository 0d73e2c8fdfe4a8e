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
// In order: the OSD's own title (filled by older clients; 10.9+ leave it empty), then the
// header title the OSD sets ("Severance - S1:E2 - Half Loop (2022)", "Arrival (2016)").
const PLAYING_TITLES = ['.osdTitle', '.skinHeader .pageTitle'];
const PLAYING_TITLE = PLAYING_TITLES.join(', ');
// The OSD's favourite button carries the playing item's id (emby-ratingbutton setItem). Other
// pages kept hidden in the DOM (the details page played from) have their own such button.
const OSD_ITEM = '#videoOsdPage .btnUserRating[data-id], .videoOsdBottom .btnUserRating[data-id]';
// A card without an image shows its name in its image box: not one of the footer's lines.
const CARD_TEXTS = '.cardText:not(.cardDefaultText)';
const DETAILS_TITLE = '.detailPagePrimaryContainer .itemName, .nameContainer .itemName, h1.itemName, h3.itemName';
export const SELECTORS = { CARDS, CARD_TEXTS, SEARCH_INPUTS, SECTION_TITLE, PLAYING_TITLE, OSD_ITEM, DETAILS_TITLE } as const;

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

const ITEM_ID = /^[0-9a-f-]{16,64}$/i;

/** Item id in a route ("#/details?id=…") or a stream URL ("/Videos/<id>/stream…"). */
function itemIdFrom(url: URL | null, src: string | null): string | null {
  const id = url ? hashParams(url).get('id') : null;
  if (id && ITEM_ID.test(id)) return id.toLowerCase();
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
  const texts = Array.from(card.querySelectorAll(CARD_TEXTS))
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

/**
 * An episode's or a season's page puts its parents above its own name: "<Series> - <Season>"
 * as links in `.parentName`, the episode ("2. Half Loop") or season below as a subtitle. The
 * title is the series, as the episode's cards and the player name it: one series, however many
 * of its episodes are watched. Two parent links are series and season (an episode), one the
 * series (a season).
 */
function readParents(page: ParentNode): { series: string; episode: boolean } | null {
  const links = Array.from(page.querySelectorAll('.nameContainer .parentName a, .detailPagePrimaryContainer .parentName a'));
  const series = textOf(links[0] ?? null);
  return series ? { series, episode: links.length >= 2 } : null;
}

function readDetails(doc: Document, id: string): TileInfo | null {
  const page = doc.querySelector('#itemDetailPage:not(.hide), .itemDetailPage:not(.hide)') ?? doc;
  const own = textOf(page.querySelector(DETAILS_TITLE));
  if (!own) return null;
  const parents = readParents(page);
  const misc = page.querySelector('.itemMiscInfo-primary, .itemMiscInfo');
  const genres = Array.from(page.querySelectorAll('.itemGenres a, .genresGroup a')).map((a) => a.textContent);
  const overview = cleanDescription(page.querySelector('.overview')?.textContent);
  const hasSeasons = page.querySelector('#childrenCollapsible .card[data-type="Season"], .seasonsContainer') !== null;
  return {
    siteItemId: id,
    title: parents?.series ?? own,
    // An episode's date is its air date; a season's year is not the series'.
    year: parents || !misc ? null : parseYear(spacedText(misc, 200)),
    kind: parents ? (parents.episode ? 'episode' : 'series') : hasSeasons ? 'series' : 'unknown',
    genres: cleanGenres(genres),
    description: parents?.episode ? cleanDescription(own) : overview,
    imageUrl: null,
    url: detailsUrl(doc, id),
  };
}

interface OsdName {
  title: string;
  year: number | null;
  /** "S1:E2 - Half Loop" when an episode plays. */
  episode: string | null;
}

/**
 * What the OSD names. 10.9/10.10 write "<Series> - S1:E2 - <Episode> (<year>)" or
 * "<Film> (<year>)" into the header and the series (or film) name alone into document.title,
 * so the title is document.title where the header starts with it, and the rest the episode.
 */
function readOsdName(doc: Document): OsdName | null {
  let header: string | null = null;
  for (const sel of PLAYING_TITLES) {
    header = textOf(doc.querySelector(sel));
    if (header) break;
  }
  const docTitle = cleanText(doc.title.replace(/\s*[-|]\s*Jellyfin\s*$/i, ''));
  const named = docTitle && !/^jellyfin$/i.test(docTitle) ? docTitle : null;
  if (!header) return named ? { title: named, year: null, episode: null } : null;
  const premiere = /\s\((\d{4})\)$/.exec(header);
  const name = premiere ? header.slice(0, premiere.index) : header;
  const year = premiere ? parseYear(premiere[0]) : null;
  if (named && name.startsWith(`${named} - `)) return { title: named, year, episode: name.slice(named.length + 3) };
  // document.title not (yet) set: an episode code still splits series from episode.
  const parts = /^(.+?) - (S\d+:E\d+\b.*)$/.exec(name);
  if (parts?.[1] && parts[2]) return { title: parts[1], year, episode: parts[2] };
  return { title: name, year, episode: null };
}

function readPlaying(doc: Document, url: URL): TileInfo | null {
  const route = hashRoute(url);
  if (route === '/details' || route === '/item') {
    const id = itemIdFrom(url, null);
    return id ? readDetails(doc, id) : null;
  }
  if (route !== '/video') return null;
  const player = findMainMedia(doc, 'video.htmlvideoplayer, video');
  const name = readOsdName(doc);
  if (!name || /^jellyfin$/i.test(name.title)) return null;
  // A direct-play stream URL names the item; an hls.js stream is a blob: URL, and then the
  // OSD's favourite button does.
  const osdId = doc.querySelector(OSD_ITEM)?.getAttribute('data-id') ?? '';
  const id = itemIdFrom(null, player?.currentSrc || player?.getAttribute('src') || null) ?? (ITEM_ID.test(osdId) ? osdId.toLowerCase() : null);
  if (!id) return null;
  const episode = name.episode ? cleanDescription(name.episode) : null;
  return {
    siteItemId: id,
    title: name.title,
    // An episode's year is its air date's, not the series'.
    year: episode ? null : name.year,
    kind: episode ? 'episode' : 'unknown',
    genres: [],
    description: episode,
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
