/**
 * The generic adapter: works on any site from schema.org/Open Graph metadata, HTML5 media
 * and repeated card-like elements. It matches every URL, so the registry puts it last.
 */
import type { TitleKind } from '../../store/records';
import type { SiteAdapter, TileInfo } from '../types';
import {
  cleanDescription,
  cleanGenres,
  findMainMedia,
  nearestRowHeading,
  parseYear,
  readJsonLd,
  slugId,
  spacedText,
  type JsonLdMedia,
} from '../shared';
import { cardLink, scanCard, scanImageUrl } from './card';
import { linkUrl } from './links';
import { idFromRouteText } from './routes';
import { readGenericPlaying, siteIdFor } from './playing';
import { findGenericSearchInputs, readGenericSearchQuery } from './search';
import { findGenericTiles } from './tiles';

// English, and the French, German, Spanish and Swedish words services write on their cards
// ("Série · 4 saisons", "Folge 3 · Staffel 4", "Säsong 1 – Avsnitt 3").
const KIND_TEXT: [RegExp, TitleKind][] = [
  // "S2 E4", "Episode 4", and an episode card's "E5 - Phantoms of the Dead".
  [/\bS\d{1,2}\s*:?\s*E\d{1,3}\b|(?<!\p{L})(?:episode|épisode|folge|avsnitt|episodio)\s+\d+|(?:^|\s)E\d{1,3}\s+[-–—:·•|]\s/iu, 'episode'],
  [
    // A count of episodes is a series' ("Korean Drama · 16 Episodes"); a number of one is an episode's.
    /(?<!\p{L})(?:\d+\s+(?:seasons?|saisons?|staffeln|temporadas|säsong(?:er)?|episodes|épisodes|folgen|avsnitt)|(?:season|saison|staffel|temporada|säsong)\s+\d+|(?:tv\s+)?series|mini-?series|série|serie)(?!\p{L})/iu,
    'series',
  ],
  [/\bmovie\b|\bfilm\b|\bpelícula\b|\b\d\s?h\s?\d{1,2}\s?m(?:in)?\b/iu, 'movie'],
];

function kindFromText(text: string): TitleKind | null {
  for (const [re, kind] of KIND_TEXT) if (re.test(text)) return kind;
  return null;
}

/** Match a card to the page's JSON-LD list entries by URL or by name, for richer metadata. */
function jsonLdFor(doc: Document, url: string | null, title: string): JsonLdMedia | undefined {
  const entries = readJsonLd(doc);
  if (!entries.length) return undefined;
  const norm = (u: string) => u.replace(/[#?].*$/, '').replace(/\/+$/, '');
  const byUrl = url ? entries.find((e) => e.url && norm(e.url) === norm(url)) : undefined;
  return byUrl ?? entries.find((e) => e.title.toLowerCase() === title.toLowerCase());
}

// "The Roman Empire (1/4)": part one of four, an episode of the series the rest names.
const PART_OF = /\s*\((\d{1,2})\s*\/\s*(\d{1,2})\)$/;

/**
 * A card's kind: its URL's word, unless the word says only "video" or calls a film an episode (a
 * broadcaster's films sit under /episode/); then the card's facts beside the name ("Film · 2022",
 * "Episode 7", "16 Episodes") say it. A name that holds a kind's word ("Every Nolan film ranked") does not.
 */
function kindOfCard(urlKind: TitleKind | null, title: string, rest: string): TitleKind | null {
  if (!urlKind) return kindFromText(`${title} ${rest}`);
  if (urlKind !== 'video' && urlKind !== 'episode') return urlKind;
  const facts = kindFromText(rest);
  return urlKind === 'video' || facts === 'movie' ? (facts ?? urlKind) : urlKind;
}

export function readGenericTile(tile: Element): TileInfo | null {
  const link = cardLink(tile);
  const scan = scanCard(tile, link, { full: true });
  if (!scan.title) return null;
  const part = PART_OF.exec(scan.title.title);
  const parted = !!part && Number(part[1]) <= Number(part[2]) && Number(part[2]) > 1 && part.index > 0;
  const title = parted ? scan.title.title.slice(0, part.index) : scan.title.title;
  const url = link ? linkUrl(link) : null;
  const ld = jsonLdFor(tile.ownerDocument, url, title);
  // Year: a year element, else the card's text without the title (so "Blade Runner 2049" is not 2049).
  const rest = spacedText(tile, 2000).replace(title, ' ');
  const year = scan.title.year ?? parseYear(scan.dateText) ?? ld?.year ?? parseYear(rest);
  // The link's URL names the title most reliably; a data-*-id attribute is next (it may belong
  // to a widget inside the card), then a route in an onclick/data-href; a slug is the last resort.
  const urlId = url ? siteIdFor([url], title, year) : null;
  const routeId = !url && !scan.dataId && scan.routeText ? idFromRouteText(scan.routeText, tile) : null;
  const id =
    urlId && !urlId.id.startsWith('slug:')
      ? urlId
      : scan.dataId
        ? { id: `id:${scan.dataId}`, kind: null }
        : (routeId ?? { id: slugId(title, link ? year : null), kind: null });
  return {
    siteItemId: id.id,
    title,
    year,
    kind: (parted ? 'episode' : kindOfCard(id.kind ?? ld?.kind ?? null, title, rest)) ?? 'unknown',
    genres: scan.genreText.length ? cleanGenres(scan.genreText) : (ld?.genres ?? []),
    description: cleanDescription(scan.descriptionText) ?? ld?.description ?? null,
    imageUrl: scanImageUrl(scan) ?? ld?.imageUrl ?? null,
    url: url ?? ld?.url ?? null,
  };
}

export const genericAdapter: SiteAdapter = {
  name: 'generic',
  matches: (url) => url.protocol === 'http:' || url.protocol === 'https:',
  findTiles: findGenericTiles,
  readTile: readGenericTile,
  readRow: (tile) => nearestRowHeading(tile),
  findPlayer: (doc) => findMainMedia(doc),
  readPlaying: readGenericPlaying,
  guessesPlaying: true,
  readSearchQuery: readGenericSearchQuery,
  findSearchInputs: findGenericSearchInputs,
};
