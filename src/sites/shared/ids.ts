/**
 * Site item ids from URLs. Keying a title on the site's own id (not on its display text) is
 * what keeps recycled tiles, renamed titles and namesakes apart. Recognised shapes, most
 * specific first: `?v=ID` (and a few id-like params), IMDb `/title/tt123`, `/<kind>/<ID>`,
 * a trailing numeric segment, a trailing slug segment.
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
  movie: 'movie', movies: 'movie', film: 'movie', films: 'movie',
  tv: 'series', show: 'series', shows: 'series', series: 'series', serie: 'series', season: 'series',
  'tv-show': 'series', 'tv-shows': 'series', 'tv-series': 'series', tvshow: 'series', tvshows: 'series',
  episode: 'episode', episodes: 'episode',
  video: 'video', videos: 'video', v: 'video', shorts: 'video', clip: 'video', clips: 'video', embed: 'video',
  watch: null, title: null, titles: null, item: null, items: null, details: null, detail: null,
  play: null, media: null, program: null, programme: null, content: null,
};

// Final path segments that name a page type, not a title.
const NOT_IDS = new Set([
  'index', 'index.html', 'index.php', 'home', 'browse', 'search', 'results', 'watch', 'list', 'lists',
  'category', 'categories', 'genre', 'genres', 'tag', 'tags', 'page', 'new', 'popular', 'trending',
  'login', 'signin', 'signup', 'account', 'settings', 'about', 'contact', 'help', 'privacy', 'terms', 'cart',
]);

const SAFE_ID = /^[\p{L}\p{N}._~:-]{1,200}$/u;

function cap(id: string): string {
  return id.slice(0, CAPS.id);
}

/** The numeric head of "603-the-matrix", else the segment itself. */
function idPart(segment: string): string {
  const numeric = /^(\d+)(?:[-_]|$)/.exec(segment);
  return numeric?.[1] ?? segment;
}

function decodeSegment(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The parts of a URL ids are read from; a URL object has them, and so does a cheaply split href. */
export interface UrlParts {
  pathname: string;
  search: string;
}

export function idFromUrl(url: UrlParts): UrlId | null {
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
      return { id: cap(`${word}/${idPart(next)}`), kind: KIND_WORDS[word] ?? null };
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
