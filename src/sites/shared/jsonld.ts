/**
 * schema.org JSON-LD reader. Pages describe their titles in `<script type="application/ld+json">`
 * blocks; we parse them as data (JSON.parse, never eval), tolerate broken blocks, walk
 * `@graph` arrays and ItemList entries, and return the media entities as plain TileInfo-ish
 * records. Entries found inside a list are flagged so a list page is not mistaken for a
 * title page.
 */
import type { TitleKind } from '../../store/records';
import { cleanDescription, cleanGenres, cleanTitle } from './text';
import { absoluteHttpUrl, baseOf } from './url';
import { yearOfDate } from './year';

export const MEDIA_TYPES = ['Movie', 'TVSeries', 'TVEpisode', 'VideoObject', 'TVSeason'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

const KIND_OF: Record<MediaType, TitleKind> = {
  Movie: 'movie',
  TVSeries: 'series',
  TVSeason: 'series',
  TVEpisode: 'episode',
  VideoObject: 'video',
};

export interface JsonLdMedia {
  type: MediaType;
  kind: TitleKind;
  title: string;
  year: number | null;
  genres: string[];
  description: string | null;
  imageUrl: string | null;
  url: string | null;
  /** True when the entity was found inside an ItemList (a list page, not a title page). */
  listed: boolean;
  /** The series an episode or season is part of (`partOfSeries`), when named. */
  series: string | null;
}

// A page can carry megabytes of JSON-LD; more than this is not worth parsing on every batch.
const MAX_BLOCK_CHARS = 500_000;
const MAX_DEPTH = 8;
const MAX_ENTRIES = 5_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(node: Record<string, Json>): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t.replace(/^.*[/#:]/, '')];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/#:]/, ''));
  return [];
}

function firstString(value: Json | undefined, keys: string[] = ['url', '@id', 'contentUrl', 'name']): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstString(item, keys);
      if (found) return found;
    }
    return null;
  }
  if (isObject(value)) {
    for (const key of keys) {
      const v = value[key];
      if (typeof v === 'string') return v;
    }
  }
  return null;
}

function stringsOf(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value))
    return value.flatMap((v) => (typeof v === 'string' ? [v] : isObject(v) && typeof v['name'] === 'string' ? [v['name']] : []));
  if (isObject(value) && typeof value['name'] === 'string') return [value['name']];
  return [];
}

/** `partOfSeries` as a name: an object's `name`, or a plain string that is not an address. */
function seriesName(value: Json | undefined): string | null {
  const name = firstString(value ?? null, ['name']);
  return name && !/^(?:https?:)?\/\//i.test(name) ? cleanTitle(name) : null;
}

function toMedia(node: Record<string, Json>, type: MediaType, listed: boolean, base: string | null): JsonLdMedia | null {
  const title = cleanTitle(typeof node['name'] === 'string' ? node['name'] : firstString(node['name'], ['@value']));
  if (!title) return null;
  const date = node['datePublished'] ?? node['dateCreated'] ?? node['startDate'] ?? node['uploadDate'] ?? node['releasedEvent'];
  return {
    type,
    kind: KIND_OF[type],
    title,
    year: yearOfDate(typeof date === 'string' ? date : firstString(date ?? null, ['startDate', 'datePublished'])),
    genres: cleanGenres(stringsOf(node['genre'])),
    description: cleanDescription(typeof node['description'] === 'string' ? node['description'] : null),
    imageUrl: absoluteHttpUrl(firstString(node['image'] ?? node['thumbnailUrl'] ?? null, ['url', 'contentUrl', '@id']), base),
    url: absoluteHttpUrl(firstString(node['url'] ?? null) ?? (typeof node['@id'] === 'string' ? node['@id'] : null), base),
    listed,
    series: seriesName(node['partOfSeries']),
  };
}

/** Walk one parsed block, collecting media entities (depth- and count-bounded). */
function collect(value: Json, listed: boolean, depth: number, base: string | null, out: JsonLdMedia[]): void {
  if (depth > MAX_DEPTH || out.length >= MAX_ENTRIES) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, listed, depth + 1, base, out);
    return;
  }
  if (!isObject(value)) return;
  const types = typesOf(value);
  const media = types.find((t): t is MediaType => (MEDIA_TYPES as readonly string[]).includes(t));
  if (media) {
    const entry = toMedia(value, media, listed, base);
    if (entry) out.push(entry);
    return;
  }
  if (value['@graph'] !== undefined) collect(value['@graph'], listed, depth + 1, base, out);
  if (types.includes('ItemList') && value['itemListElement'] !== undefined) {
    collect(value['itemListElement'], true, depth + 1, base, out);
  }
  // ListItem wraps its entity in `item`; a WebPage may name its subject in `mainEntity`.
  if (value['item'] !== undefined) collect(value['item'], listed, depth + 1, base, out);
  if (value['mainEntity'] !== undefined) collect(value['mainEntity'], listed, depth + 1, base, out);
}

/** Parse one JSON-LD text; malformed or oversized blocks yield nothing. */
export function parseJsonLd(text: string, base: string | null): JsonLdMedia[] {
  if (text.length > MAX_BLOCK_CHARS) return [];
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    return []; // a page's malformed JSON-LD block describes nothing
  }
  const out: JsonLdMedia[] = [];
  collect(parsed, false, 0, base, out);
  return out;
}

// Tiles are read one by one; cache the parse per document until its JSON-LD text changes.
const cache = new WeakMap<Document, { signature: string; entries: JsonLdMedia[] }>();

/** All media entities in the document's JSON-LD blocks. */
export function readJsonLd(doc: Document): JsonLdMedia[] {
  const scripts = Array.from(doc.querySelectorAll('script[type="application/ld+json"]'));
  const texts = scripts.map((s) => s.textContent ?? '');
  const signature = texts.map((t) => `${t.length}:${t.slice(0, 64)}`).join('|');
  const cached = cache.get(doc);
  if (cached && cached.signature === signature) return cached.entries;
  const base = baseOf(doc);
  const entries = texts.flatMap((t) => parseJsonLd(t, base));
  cache.set(doc, { signature, entries });
  return entries;
}
