/**
 * Turns what an adapter read from the page into a `TitleInput` the background will accept.
 * The background rejects a whole message when one title is out of bounds, so one odd tile
 * (a 3,000-character description, a year of 0) must not cost the other 499 in the batch:
 * we clamp here and drop what cannot be fixed. The clamps are exactly the background's
 * `TitleInput` schema (a test holds them to it), checked by hand so the content script does
 * not carry the schema library into every page.
 */
import type { TitleInput } from '../messages/protocol';
import { collapseWhitespace } from '../sites/shared/text';
import type { TileInfo } from '../sites/types';
import { isHttpUrl, isPlausibleYear, LIMITS, TITLE_KINDS } from '../store/limits';

const clip = (s: string, max: number): string => (s.length > max ? s.slice(0, max) : s);
// Adapters hand over cleaned text already: usually nothing to collapse, and no rewrite.
const clean = collapseWhitespace;

function httpUrl(u: string | null): string | null {
  if (!u || u.length > LIMITS.url) return null;
  return isHttpUrl(u) ? u : null;
}

/**
 * The scanner hands the same `TileInfo` object to every subscriber (titles seen, impressions,
 * badges), and a recycled tile gets a new one: so one conversion per object is enough, and
 * the schema check stops running once per subscriber per tile on a 2,000-tile page.
 */
const converted = new WeakMap<TileInfo, TitleInput | null>();

export function toTitleInput(info: TileInfo): TitleInput | null {
  if (converted.has(info)) return converted.get(info) ?? null;
  const out = convert(info);
  converted.set(info, out);
  return out;
}

function convert(info: TileInfo): TitleInput | null {
  const title = clip(clean(String(info.title ?? '')), LIMITS.text);
  const siteItemId = String(info.siteItemId ?? '');
  if (!title || !siteItemId || siteItemId.length > LIMITS.id) return null;
  const year = isPlausibleYear(info.year) ? info.year : null;
  const genres = [...new Set((info.genres ?? []).map((g) => clip(clean(String(g)), LIMITS.genre)).filter(Boolean))].slice(0, LIMITS.genres);
  const description = info.description ? clip(clean(info.description), LIMITS.longText) || null : null;
  const kind = (TITLE_KINDS as readonly string[]).includes(info.kind) ? info.kind : 'unknown';
  return { siteItemId, title, year, kind, genres, description, imageUrl: httpUrl(info.imageUrl), url: httpUrl(info.url) };
}
