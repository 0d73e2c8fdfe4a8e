/**
 * Which links can open a title. Links to people, genres, channels, lists, social networks, ad
 * servers, or nowhere (`#`, `javascript:`) are not title links; they must neither become
 * tiles nor split a card in two when the heuristics look for card boundaries.
 */
import { absoluteHttpUrl, baseOf, isHashRoute, isSectionPath, parseUrl, routeParts, type UrlId, type UrlParts } from '../shared';
import { classWords } from './context';
import { memoize } from './memo';

// Path words that lead to a taxonomy page, a person or a collection of titles, not to a title.
const TAXONOMY = new Set([
  'genre',
  'genres',
  'category',
  'categories',
  'tag',
  'tags',
  'person',
  'people',
  'name',
  'actor',
  'actors',
  'director',
  'directors',
  'cast',
  'crew',
  'user',
  'users',
  'u',
  'profile',
  'member',
  'members',
  'channel',
  'c',
  'studio',
  'studios',
  'company',
  'network',
  'networks',
  'brand',
  'brands',
  'keyword',
  'keywords',
  'author',
  'authors',
  'login',
  'signin',
  'signup',
  'register',
  'account',
  'settings',
  'help',
  'about',
  'contact',
  'cart',
  'checkout',
  'list',
  'lists',
  'playlist',
  'playlists',
  'collection',
  'collections',
  'year',
  'years',
  'decade',
  'country',
  'countries',
  'language',
  'languages',
  // A service's subscription or plan pages ("/storefront/subscription/mgmplus", "/account/upgrade")
  // and its live channels ("/live-tv/stream/cbs-news", "/live/400000123"): no title of their own.
  'subscription',
  'subscriptions',
  'subscribe',
  'plans',
  'upgrade',
  'live',
  'live-tv',
  'livetv',
  // People, channels and categories as services outside English write them ("/celebrities/25541pr-…",
  // "/kanaler/svt1", "/kategori/drama", "/sender/…", "/rubrik/…", "/chaines/…", "/direct/").
  'celebrities',
  'celebrity',
  'celebs',
  'kanaler',
  'kanal',
  'sender',
  'chaines',
  'chaine',
  'direct',
  'kategori',
  'kategorie',
  'kategorien',
  'rubrik',
  'rubriken',
  'categorie',
  'categoria',
  'categorias',
]);
// A query naming a channel or a category of a one-word page ("/watch?channel=itv2", "/browse?genre=drama"):
// the channel's stream or the listing, not a title.
const TAXONOMY_QUERY = /[?&](?:channel|station|network|genre|category|tag)=/i;
// Words in a link's class or test-id attributes that say it leads to a person or channel
// ("video-card__owner", data-a-target="preview-card-channel-link", rel="author").
const PERSON_WORDS = new Set([
  'author',
  'owner',
  'uploader',
  'creator',
  'byline',
  'avatar',
  'profile',
  'user',
  'username',
  'account',
  'channel',
  'member',
]);
const PERSON_ATTRS = ['class', 'rel', 'itemprop', 'data-testid', 'data-test-selector', 'data-a-target', 'data-qa'];
const FOREIGN_JUNK_HOSTS =
  /(?:^|\.)(?:facebook\.com|twitter\.com|x\.com|instagram\.com|tiktok\.com|pinterest\.[a-z.]+|linkedin\.com|reddit\.com|whatsapp\.com|t\.me|telegram\.me|doubleclick\.net|googleadservices\.com|googlesyndication\.com|amazon-adsystem\.com|taboola\.com|outbrain\.com|adnxs\.com)$/i;

/**
 * Links that can open something: real URLs and single-page-app hash routes, not "#" anchors.
 * A hash with a slash is a route ("#/watch/1", "#!/details?id=1", Backbone's "#movie/12"): element
 * ids with slashes are legal but nobody links to one.
 */
export const OPENING_LINK = 'a[href]:not([href^="#"]):not([href^="javascript:"]), a[href^="#"][href*="/"]';

/** Absolute http(s) URL of a link, or null (no href, in-page anchor, javascript:, mailto:...). */
export function linkUrl(el: Element): string | null {
  const href = el.getAttribute('href');
  if (!href || (href.startsWith('#') && !isHashRoute(href))) return null;
  return absoluteHttpUrl(href, baseOf(el));
}

/** What the tile heuristics need from a link: host, path and query. */
export interface LinkParts extends UrlParts {
  host: string;
  /** The path and query are a hash route's ("#!/details?id=1"), not the URL's. */
  route?: boolean;
}

/**
 * Split a link's href. Most card links are site-relative ("/movie/603?ref=x"); those are split
 * by hand because constructing a URL per link is the costliest step on a page of thousands.
 */
export function linkParts(href: string | null, base: URL | null): LinkParts | null {
  if (!href || !base) return null;
  if (href.startsWith('#')) return isHashRoute(href) ? { host: base.host, ...routeParts(href), route: true } : null;
  if (href.charCodeAt(0) === 47 /* / */ && href.charCodeAt(1) !== 47 && href.charCodeAt(1) !== 92 /* \ */) {
    const hash = href.indexOf('#');
    const path = hash >= 0 ? href.slice(0, hash) : href;
    const q = path.indexOf('?');
    return { host: base.host, pathname: q >= 0 ? path.slice(0, q) : path, search: q >= 0 ? path.slice(q) : '' };
  }
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return { host: url.host, pathname: url.pathname, search: url.search };
  } catch {
    return null; // not a URL: the link names nothing
  }
}

/** Whether a link can open a title page: not taxonomy, not social or ads, not the home page. */
export function isTitleLinkUrl(parsed: LinkParts, pageHost: string | null): boolean {
  if (parsed.host !== pageHost && FOREIGN_JUNK_HOSTS.test(parsed.host.replace(/:\d+$/, ''))) return false;
  const segments = parsed.pathname.toLowerCase().split('/').filter(Boolean);
  const first = segments[0];
  if (!first) return parsed.search.length > 1; // "/" alone is the home page; "/?v=ID" is not
  if (first.startsWith('@')) return false; // channel/user handles
  // "/genre/drama", and also "/directory/category/rpg", "/films/year/2023", "/mira/list/best-of/".
  for (let i = 0; i < segments.length - 1; i++) if (TAXONOMY.has(segments[i]!) && !isLiveEvent(segments, i)) return false;
  if (segments.length === 1 && parsed.search.length > 1 && TAXONOMY_QUERY.test(parsed.search)) return false;
  // "/films", "/en/series": the section's page; a header link to it is no title (nor is the app around it).
  if (parsed.search.length <= 1 && isSectionPath(segments)) return false;
  // "/channels/opera-house" is a channel; "/channels/staffpicks/909981004" a video shown in one.
  if (first === 'channels' && segments.length <= 2) return false;
  return !TAXONOMY.has(first) || isLiveEvent(segments, 0);
}

// A live section holds channels ("/live/tv/cbs", "/live/400000123", "/live/cbs-news-24-7") and,
// apart from them, event and programme pages, which are titles: under an event word
// ("/live/events/coldplay-at-glastonbury") or named with their year ("/live/glastonbury-2024"),
// as an event happens once and a channel runs on.
const LIVE_WORDS = new Set(['live', 'live-tv', 'livetv']);
const LIVE_TITLE_WORD = /^(?:events?|shows?|programs?|programmes?|concerts?|specials?|replays?)$/;
const DATED_SLUG = /^[a-z][a-z0-9-]*-(?:19[3-9]\d|20[0-3]\d)(?:-[a-z0-9-]*)?$/;

function isLiveEvent(segments: string[], i: number): boolean {
  if (!LIVE_WORDS.has(segments[i]!)) return false;
  const next = segments[i + 1] ?? '';
  return (LIVE_TITLE_WORD.test(next) && segments.length > i + 2) || (segments.length === i + 2 && DATED_SLUG.test(next));
}

const isPersonValue = memoize((value) => classWords(value).some((w) => PERSON_WORDS.has(w)), 5_000);

/** Whether a link's class or test ids say it leads to a person or channel, whatever its URL. */
export function isPersonLink(el: Element): boolean {
  for (const name of PERSON_ATTRS) {
    const value = el.getAttribute(name);
    if (value && isPersonValue(value)) return true;
  }
  return false;
}

/** Whether a link element can open a title (by URL and by its class/test ids). */
export function isTitleLink(el: Element): boolean {
  if (isPersonLink(el)) return false;
  const base = parseUrl(baseOf(el));
  const parsed = linkParts(el.getAttribute('href'), base);
  return !!parsed && isTitleLinkUrl(parsed, base?.host ?? null);
}

/** A key that is equal for links to the same title ("?ref=" tails and fragments ignored). */
export function titleKey(parsed: LinkParts, id: UrlId | null): string {
  if (id) return `${parsed.host}|${id.id}`;
  // A route's query is its state ("#!/details?id=1"); a URL's query is mostly tracking.
  return parsed.route ? `${parsed.host}#${parsed.pathname}${parsed.search}` : `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}
