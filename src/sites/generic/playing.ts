/**
 * The title on a title/watch page, from the page's own metadata: a schema.org media entity
 * that is the page's subject (not one entry of a list), else Open Graph `video.*`, else — when
 * a player is present — og:title or the document title with the site name cut off.
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
  parseUrl,
  parseYear,
  readJsonLd,
  readOpenGraph,
  slugId,
  yearOfDate,
} from '../shared';
import { cleanCardTitle } from './title';

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

export function readGenericPlaying(doc: Document, url: URL): TileInfo | null {
  const canonical = canonicalOf(doc);
  const subjects = readJsonLd(doc).filter((e) => !e.listed);
  const pageKey = (u: string | null) => (u ? u.replace(/[#?].*$/, '').replace(/\/+$/, '') : null);
  const here = [pageKey(url.href), pageKey(canonical)];
  // Several subjects (a series and its episodes): prefer the one whose URL is this page.
  const ld = subjects.find((e) => e.url && here.includes(pageKey(e.url))) ?? subjects[0];
  if (ld) {
    const cleaned = cleanCardTitle(ld.title);
    const title = cleaned?.title ?? ld.title;
    const year = ld.year ?? cleaned?.year ?? null;
    const id = siteIdFor([ld.url, canonical, url.href], title, year);
    return {
      siteItemId: id.id,
      title,
      year,
      kind: ld.kind,
      genres: ld.genres,
      description: ld.description,
      imageUrl: ld.imageUrl,
      url: ld.url ?? canonical ?? absoluteHttpUrl(url.href, null),
    };
  }

  const og = readOpenGraph(doc);
  const ogKind = kindOfOgType(og.get('og:type'));
  const hasPlayer = findMainMedia(doc) !== null;
  if (!ogKind && !hasPlayer) return null;
  const siteName = cleanText(og.get('og:site_name'));
  const rawTitle = cleanText(og.get('og:title')) ?? cleanText(doc.title);
  if (!rawTitle) return null;
  const cleaned = cleanCardTitle(stripSiteName(rawTitle, siteName));
  if (!cleaned) return null;
  const year = yearOfDate(og.get('video:release_date')) ?? cleaned.year ?? parseYear(og.get('og:title'));
  const pageUrl = absoluteHttpUrl(og.get('og:url'), url.href) ?? canonical ?? absoluteHttpUrl(url.href, null);
  const id = siteIdFor([pageUrl, url.href], cleaned.title, year);
  return {
    siteItemId: id.id,
    title: cleaned.title,
    year,
    kind: ogKind ?? id.kind ?? 'unknown',
    genres: cleanGenres([og.get('video:tag') ?? null]).slice(0, 8),
    description: cleanDescription(og.get('og:description')),
    imageUrl: absoluteHttpUrl(og.get('og:image') ?? og.get('og:image:url') ?? og.get('twitter:image'), url.href),
    url: pageUrl,
  };
}
