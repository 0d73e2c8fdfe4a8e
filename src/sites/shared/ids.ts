/**
 * Site item ids from URLs. Keying a title on the site's own id (not on its display text) is
 * what keeps recycled tiles, renamed titles and namesakes apart. Recognised shapes, most
 * specific first: `?v=ID` (and a few id-like params), IMDb `/title/tt123`, `/<kind>/<ID>`,
 * a trailing numeric segment, a trailing slug segment. Single-page apps that route in the
 * hash (`/web/#!/details?id=ID`) are read from the route, where their state lives.
 */
import type { TitleKind } from '../../store/records';
import { CAPS } from './text';

export interface UrlId {
  id: string;
  kind: TitleKind | null;
}

const ID_PARAMS = ['v', 'jbv', 'vid', 'video_id', 'videoId', 'movieId', 'titleId', 'itemId', 'id'];

// Path words that introduce an id, and the kind they imply (null: says nothing about kind).
const KIND_WORDS: Record<string, TitleKind | null> = {
  movie: 'movie',
  movies: 'movie',
  film: 'movie',
  films: 'movie',
  tv: 'series',
  show: 'series',
  shows: 'series',
  series: 'series',
  serie: 'series',
  season: 'series',
  'tv-show': 'series',
  'tv-shows': 'series',
  'tv-series': 'series',
  tvshow: 'series',
  tvshows: 'series',
  episode: 'episode',
  episodes: 'episode',
  video: 'video',
  videos: 'video',
  v: 'video',
  shorts: 'video',
  clip: 'video',
  clips: 'video',
  embed: 'video',
  watch: null,
  title: null,
  titles: null,
  item: null,
  items: null,
  details: null,
  detail: null,
  play: null,
  media: null,
  program: null,
  programme: null,
  content: null,
};

// Final path segments that name a page type, not a title.
const NOT_IDS = new Set([
  'index',
  'index.html',
  'index.php',
  'home',
  'browse',
  'search',
  'results',
  'watch',
  'list',
  'lists',
  'category',
  'categories',
  'genre',
  'genres',
  'tag',
  'tags',
  'page',
  'new',
  'popular',
  'trending',
  'login',
  'signin',
  'signup',
  'account',
  'settings',
  'about',
  'contact',
  'help',
  'privacy',
  'terms',
  'cart',
  'details',
  'detail',
]);

const SAFE_ID = /^[\p{L}\p{N}._~:-]{1,200}$/u;
// A route parameter may hold a path ("key=/library/metadata/4521").
const SAFE_ROUTE_VALUE = /^[\p{L}\p{N}._~:/-]{1,200}$/u;
// "#/watch/1", "#!/details?id=1", and Backbone-style routes without the slash ("#movie/12").
const HASH_ROUTE = /^#(?:!?\/|[\p{L}][\p{L}\p{N}_-]*\/\S)/u;

function cap(id: string): string {
  return id.slice(0, CAPS.id);
}

/**
 * A path made only of kind words, after an optional locale ("/films", "/en/movies", "/tv/shows"):
 * a section of the site listing titles, not one of them.
 */
export function isSectionPath(segments: readonly string[]): boolean {
  const rest = /^[a-z]{2}(?:-[a-z]{2})?$/.test(segments[0] ?? '') && segments.length > 1 ? segments.slice(1) : segments;
  return rest.length > 0 && rest.every((s) => s in KIND_WORDS);
}

const PROGRAMME_CODE = /^\d+(?:[-_]\d+)+(?:[-_][A-Za-z])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRAILING_UUID = /-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The numeric head of "603-the-matrix", the UUID tail of "dune-part-two-7a3e…", else the segment
 * itself. A programme code made of numbers ("116710-001-A", episode 1 of programme 116710) is
 * kept whole: its episodes share the head.
 */
function idPart(segment: string): string {
  if (PROGRAMME_CODE.test(segment)) return segment;
  const numeric = /^(\d+)(?:[-_]|$)/.exec(segment);
  return numeric?.[1] ?? TRAILING_UUID.exec(segment)?.[1] ?? segment;
}

/**
 * A segment that is a catalogue's opaque id, not words: a UUID, an ASIN-like or hashed token
 * with letters and digits ("0KRGHGZCHKS920ZQGY5LBRF7MA", "1HqwiEcje6Nj", "umc.cmc.5h7hf3n3"), or
 * a number that is not a year. Not an episode code ("s01e01"), not a resolution ("1080p").
 */
function isOpaqueId(segment: string, minLength = 8): boolean {
  if (UUID.test(segment)) return true;
  if (/^\d+$/.test(segment)) return !/^(?:19|20)\d\d$/.test(segment);
  return (
    segment.length >= minLength &&
    /^[A-Za-z0-9._:]+$/.test(segment) &&
    /\d/.test(segment) &&
    /[A-Za-z]/.test(segment) &&
    !/^s\d{1,2}e\d{1,3}$/i.test(segment) &&
    !/^\d{3,4}[pi]$/i.test(segment)
  );
}

function decodeSegment(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // a stray '%' is part of the id as written
  }
}

/** The parts of a URL ids are read from; a URL object has them, and so does a cheaply split href. */
export interface UrlParts {
  pathname: string;
  search: string;
}

/** Whether a link's href or a URL's hash is a single-page-app route ("#/…", "#!/…", "#movie/12"), not an in-page anchor. */
export function isHashRoute(hash: string | null | undefined): boolean {
  return !!hash && HASH_ROUTE.test(hash);
}

/** The path and query of a hash route ("#!/details?id=1" → "/details", "?id=1"). */
export function routeParts(hash: string): UrlParts {
  const route = hash.replace(/^#!?/, '');
  const q = route.indexOf('?');
  return { pathname: q >= 0 ? route.slice(0, q) : route, search: q >= 0 ? route.slice(q) : '' };
}

/**
 * The id in a hash route: the usual shapes, else the first parameter holding a digit
 * ("?key=/library/metadata/4521"): a route's query is app state, not tracking tails.
 */
export function idFromRoute(route: UrlParts): UrlId | null {
  const id = idFromPath(route);
  if (id || route.search.length <= 1) return id;
  for (const [name, raw] of new URLSearchParams(route.search)) {
    const value = raw.trim();
    if (/\d/.test(value) && SAFE_ROUTE_VALUE.test(value) && SAFE_ID.test(name)) return { id: cap(`${name}:${value}`), kind: null };
  }
  return null;
}

/** The id a URL names; a hash route, when it yields one, names it better than the app's own path. */
export function idFromUrl(url: UrlParts & { hash?: string }): UrlId | null {
  const fromRoute = isHashRoute(url.hash) ? idFromRoute(routeParts(url.hash!)) : null;
  return fromRoute ?? idFromPath(url);
}

/** The last opaque id among the segments from `from` on: not a slug's words, nor a season's number ("…/staffel-4/Y3Jp…/4"). */
function laterId(segments: string[], from: number): string | null {
  for (let j = segments.length - 1; j >= from; j--) {
    const seg = segments[j]!;
    if (!/^\d{1,2}$/.test(seg) && isOpaqueId(seg, 6) && SAFE_ID.test(seg)) return seg;
  }
  return null;
}

function idFromPath(url: UrlParts): UrlId | null {
  // Runs once per link on every DOM batch: skip the query parser when there is no query.
  if (url.search.length > 1) {
    const params = new URLSearchParams(url.search);
    for (const name of ID_PARAMS) {
      const value = params.get(name)?.trim();
      if (value && SAFE_ID.test(value)) {
        return { id: cap(`${name}:${value}`), kind: name === 'v' || name.startsWith('vid') || name === 'videoId' ? 'video' : null };
      }
    }
  }
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  const imdb = /^tt\d{5,}$/;
  for (const seg of segments) if (imdb.test(seg)) return { id: seg, kind: null };

  // `/<kind word>/<ID>` anywhere in the path; the last such pair wins (/tv/1399/season/2).
  for (let i = segments.length - 2; i >= 0; i--) {
    const word = segments[i]!.toLowerCase();
    const next = segments[i + 1]!;
    if (word in KIND_WORDS && SAFE_ID.test(next) && !NOT_IDS.has(next.toLowerCase())) {
      // "/detail/The-Boys/0KRG…", "/movies/dune/1Hqwi…": the slug is decoration, the id after it
      // names the title (two films of one name share a slug, never an id). The id may come later
      // ("/video/tatort/borowski-und-…/das-erste/Y3JpZDovL…") and be short ("/watch/the-tower/10a1928");
      // after a programme's id, an episode's ("/watch/the-tower/10a1928/10a1928a0004") is the most precise.
      const part = idPart(next);
      const id = isOpaqueId(part) ? part : (laterId(segments, i + 2) ?? part);
      return { id: cap(`${word}/${id}`), kind: KIND_WORDS[word] ?? null };
    }
  }
  const last = segments.at(-1);
  if (!last || NOT_IDS.has(last.toLowerCase()) || !SAFE_ID.test(last)) return null;
  if (/^\d+$/.test(last)) {
    const prev = segments.at(-2);
    return { id: cap(prev ? `${prev}/${last}` : last), kind: null };
  }
  // A slug needs a letter and must not be a file such as "style.css" or "logo.png".
  if (/\p{L}/u.test(last) && !/\.(?:css|js|png|jpe?g|gif|svg|webp|ico|xml|json)$/i.test(last)) {
    return { id: cap(last.replace(/\.html?$/i, '')), kind: null };
  }
  return null;
}
