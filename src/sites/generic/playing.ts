/**
 * The title on a title/watch page: a schema.org media entity that is the page's subject (not
 * one entry of a list); else the title the player draws over its video (player-title.ts);
 * else other page metadata — JSON-LD, Open Graph `video.*`, and, when a player is present,
 * og:title or the document title with the site's name cut off.
 *
 * Single-page apps leave that metadata at the landing page's on their player routes: a
 * document title that is only the service's name ("Disney+", "Max"), an og:title that is its
 * slogan ("Stream TV and Movies Live and Online"), an og:url at the site's root. None of those
 * names a title, and no title is recorded rather than the service's name.
 */
import type { TitleKind } from '../../store/records';
import type { TileInfo } from '../types';
import {
  absoluteHttpUrl,
  cleanDescription,
  cleanGenres,
  cleanText,
  findMainMedia,
  idFromUrl,
  kindOfOgType,
  nameKey,
  parseUrl,
  parseYear,
  readJsonLd,
  readOpenGraph,
  slugId,
  type JsonLdMedia,
  yearOfDate,
} from '../shared';
import { isBrandName, siteBrandKeys } from '../shared/brand';
import { EPISODE_MARK, splitEpisode } from '../shared/episode';
import { readPlayerTitle } from './player-title';
import { cleanCardTitle, isGenericTitle } from './title';

/** Site id for a title page: from its canonical URL, else the page URL, else a slug. */
export function siteIdFor(urls: (string | null)[], title: string, year: number | null): { id: string; kind: TitleKind | null } {
  for (const u of urls) {
    const parsed = parseUrl(u);
    const id = parsed ? idFromUrl(parsed) : null;
    if (id) return id;
  }
  return { id: slugId(title, year), kind: null };
}

/** "The Matrix | SiteName", "The Matrix - Watch on SiteName" → "The Matrix". */
export function stripSiteName(title: string, siteName: string | null): string {
  let out = title;
  if (siteName) {
    const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`\\s*[|\\-–—:·]\\s*(?:watch\\s+(?:on|at)\\s+)?${escaped}\\s*$`, 'i'), '');
    out = out.replace(new RegExp(`^${escaped}\\s*[|\\-–—:·]\\s*`, 'i'), '');
  }
  // Without a known site name only a trailing " | Something" after the title is dropped.
  else out = out.replace(/\s+[|·]\s+[^|·]{1,40}$/, '');
  return out.trim() || title;
}

function canonicalOf(doc: Document): string | null {
  return absoluteHttpUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), doc.baseURI);
}

// A service's slogan names what it offers: two or more kinds of catalogue ("Movies & TV Shows",
// "Stream HBO, TV, Movies & More", "Watch movies, TV shows, sports, and live TV").
const CATALOGUE_WORDS =
  /(?<![\p{L}])(?:movies|films|tv|shows|series|originals|sports|news|documentaries|anime|episodes|channels|live|kids)(?![\p{L}])/giu;

/** Whether `text` is a service's slogan rather than a title. */
export function isSlogan(text: string): boolean {
  const words = new Set((text.match(CATALOGUE_WORDS) ?? []).map((w) => w.toLowerCase()));
  return words.size >= 2;
}

// Leads a document title puts before the name: "Watch Heat", "Now Playing: Heat", "Stream Dune".
const PAGE_LEAD = /^(?:watch(?:ing)?|stream(?:ing)?|now\s+playing)\s*[:\-–—]?\s+(?=\S)/i;
// Separators between a document title's pieces ("Heat | Telly", "Telly: Heat", "Heat - Telly").
const PIECE_SEP = /\s+[|·•–—-]\s+|:\s+/g;
// A trailing call to action: "Watch the full documentary", "Watch online", "Regarder le film en entier".
const WATCH_PIECE =
  /^(?:watch|stream|regarder|ansehen|jetzt|titta|ver|guarda)\b.*\b(?:full|online|now|free|complete|complet|en entier|intégral|gratis|kostenlos|documentary|documentaire|dokumentation|film|movie|series|série|serie|episode|programme)\b/iu;

/**
 * The title a document title or og:title names, with the site's name, a slogan piece and a
 * "Watch" lead cut: "Watch The Mandalorian | Disney+" → The Mandalorian, "Prime Video: The Boys
 * - Season 1" → The Boys, "Hulu | Watch The Bear" → The Bear; "Disney+", "Home - Max" and
 * "Stream TV and Movies Live and Online | Peacock" → nothing.
 */
export function titleOfPageText(
  raw: string,
  siteName: string | null,
  brands: readonly string[],
): { title: string; year: number | null; kind: TitleKind | null; episode: string | null } | null {
  let text = siteName ? stripSiteName(raw, siteName) : raw;
  // Cut a leading or trailing piece that is the site's name or a slogan, as often as there is one.
  for (let i = 0; i < 4; i++) {
    const seps = Array.from(text.matchAll(PIECE_SEP));
    const first = seps[0];
    const last = seps.at(-1);
    const head = first ? text.slice(0, first.index) : null;
    const tail = last ? text.slice((last.index ?? 0) + last[0].length) : null;
    // A call to action ("Watch now", "Home") goes; a numbered piece ("Episode 12") says what of the title plays.
    const noName = (piece: string | null) =>
      !!piece && (isBrandName(piece, brands) || isSlogan(piece) || (isGenericTitle(piece) && !/\d/.test(piece)));
    if (first && noName(head)) text = text.slice((first.index ?? 0) + first[0].length);
    else if (last && last[0].trim() !== ':' && (noName(tail) || WATCH_PIECE.test(tail ?? ''))) text = text.slice(0, last.index);
    else break;
  }
  // Without a declared site name, a short last piece after " | " is the site's ("Heat | Telly").
  if (!siteName) text = stripSiteName(text, null);
  text = text.trim().replace(PAGE_LEAD, '');
  if (!text || isBrandName(text, brands) || isSlogan(text)) return null;
  // "The Boys - Season 1", "Hell's Kitchen S01:E03": the series, and what of it plays.
  const split = splitEpisode(text);
  const cleaned = cleanCardTitle(split.title);
  if (!cleaned || isBrandName(cleaned.title, brands) || isSlogan(cleaned.title)) return null;
  return { title: cleaned.title, year: cleaned.year, kind: split.kind, episode: split.episode };
}

/** "/", "/en-us", "/home": a site's landing page, which describes no title. */
function isRootPath(path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  if (segments[0] && /^[a-z]{2}(?:[-_][a-z]{2,4})?$/i.test(segments[0])) segments.shift();
  return (
    segments.length === 0 || (segments.length === 1 && /^(?:home|browse|index(?:\.html?)?|welcome|start|storefront)$/i.test(segments[0] as string))
  );
}

type OpenGraph = ReturnType<typeof readOpenGraph>;

/** Open Graph as this page's: none when its og:url is the landing page while this page is not. */
function ownOpenGraph(og: OpenGraph, url: URL): OpenGraph {
  const ogUrl = parseUrl(absoluteHttpUrl(og.get('og:url'), url.href));
  return ogUrl && isRootPath(ogUrl.pathname) && !isRootPath(url.pathname) && !url.hash.startsWith('#/') && !url.hash.startsWith('#!/')
    ? new Map<string, string>()
    : og;
}

/**
 * JSON-LD's title. An episode or a season that names its series (`partOfSeries`) is recorded
 * under the series, as the named adapters record episodes (kind episode, its own name as the
 * description, no year: the date is the episode's): the profile learns series, not episodes.
 */
function readLd(ld: JsonLdMedia, canonical: string | null, url: URL): TileInfo {
  const cleaned = cleanCardTitle(ld.title);
  const series = ld.series ? cleanCardTitle(ld.series) : null;
  const title = series?.title ?? cleaned?.title ?? ld.title;
  const year = series ? null : (ld.year ?? cleaned?.year ?? null);
  const id = siteIdFor([ld.url, canonical, url.href], title, year);
  return {
    siteItemId: id.id,
    title,
    year,
    kind: ld.kind,
    genres: ld.genres,
    description: series ? cleanDescription(ld.title) : ld.description,
    imageUrl: ld.imageUrl,
    url: ld.url ?? canonical ?? absoluteHttpUrl(url.href, null),
  };
}

/** Open Graph `video.*`, og:title or the document title, when they name a title and not the site. */
function readPageMeta(
  doc: Document,
  url: URL,
  canonical: string | null,
  brands: readonly string[],
  media: HTMLMediaElement | null,
  pageOg: OpenGraph,
): TileInfo | null {
  const og = ownOpenGraph(pageOg, url);
  const ogKind = kindOfOgType(og.get('og:type'));
  const hasPlayer = (media ?? findMainMedia(doc)) !== null;
  if (!ogKind && !hasPlayer) return null;
  const siteName = cleanText(pageOg.get('og:site_name'));
  let named: ReturnType<typeof titleOfPageText> = null;
  let fromOg = false;
  for (const raw of [cleanText(og.get('og:title')), cleanText(doc.title)]) {
    named = raw ? titleOfPageText(raw, siteName, brands) : null;
    fromOg = raw === cleanText(og.get('og:title'));
    if (named) break;
  }
  if (!named) return null;
  const year = named.episode ? null : (yearOfDate(og.get('video:release_date')) ?? named.year ?? (fromOg ? parseYear(og.get('og:title')) : null));
  const pageUrl = absoluteHttpUrl(og.get('og:url'), url.href) ?? canonical ?? absoluteHttpUrl(url.href, null);
  const id = siteIdFor([pageUrl, url.href], named.title, year);
  return {
    siteItemId: id.id,
    title: named.title,
    year,
    kind: (named.kind === 'episode' ? 'episode' : ogKind) ?? named.kind ?? id.kind ?? 'unknown',
    genres: cleanGenres([og.get('video:tag') ?? null]).slice(0, 8),
    description: named.episode ? cleanDescription(named.episode) : cleanDescription(og.get('og:description')),
    imageUrl: absoluteHttpUrl(og.get('og:image') ?? og.get('og:image:url') ?? og.get('twitter:image'), url.href),
    url: pageUrl,
  };
}

/** "The Wire Between Us - Russia's Forgotten Border" headed by the player's "The Wire Between Us": the name and its subtitle. */
function headedBy(text: string, name: string): boolean {
  return text.toLowerCase().startsWith(name.toLowerCase()) && /^(?:\s+[|·•–—-]|:)\s+\S/.test(text.slice(name.length));
}

export function readGenericPlaying(doc: Document, url: URL, media: HTMLMediaElement | null = null): TileInfo | null {
  const canonical = canonicalOf(doc);
  const subjects = readJsonLd(doc).filter((e) => !e.listed);
  const pageKey = (u: string | null) => (u ? u.replace(/[#?].*$/, '').replace(/\/+$/, '') : null);
  const here = [pageKey(url.href), pageKey(canonical)];
  // Several subjects (a series and its episodes): prefer the one whose URL is this page.
  const own = subjects.find((e) => e.url && here.includes(pageKey(e.url)));
  if (own) return readLd(own, canonical, url);

  const brands = siteBrandKeys(doc, url.href);
  const og = readOpenGraph(doc);
  // JSON-LD of another page (the details page a pushState left behind), else Open Graph and the document title.
  const meta = subjects[0] ? readLd(subjects[0], canonical, url) : readPageMeta(doc, url, canonical, brands, media, og);
  // What the player draws is fresher than metadata the app may have left from another page,
  // but not than Open Graph that says it is this page's (its og:url is this page).
  const drawn = readPlayerTitle(doc, brands, media);
  if (!drawn) return meta;
  const ogUrl = absoluteHttpUrl(og.get('og:url'), url.href);
  if (meta && !subjects[0] && ogUrl && pageKey(ogUrl) === pageKey(url.href))
    return headedBy(meta.title, drawn.title) ? { ...meta, title: drawn.title } : meta;
  const episode = drawn.kind === 'episode' || (!!drawn.episode && EPISODE_MARK.test(drawn.episode));
  if (meta && (nameKey(meta.title) === nameKey(drawn.title) || headedBy(meta.title, drawn.title))) {
    return {
      ...meta,
      title: drawn.title,
      kind: episode ? 'episode' : meta.kind === 'unknown' && drawn.kind ? drawn.kind : meta.kind,
      year: episode ? meta.year : (meta.year ?? drawn.year),
      description: drawn.episode ? cleanDescription(drawn.episode) : meta.description,
    };
  }
  const id = siteIdFor([url.href], drawn.title, drawn.year);
  return {
    siteItemId: id.id,
    title: drawn.title,
    year: drawn.year,
    kind: drawn.kind ?? id.kind ?? 'unknown',
    genres: [],
    description: drawn.episode ? cleanDescription(drawn.episode) : null,
    imageUrl: null,
    url: absoluteHttpUrl(url.href, null),
  };
}
