/**
 * What the engine reads from the store, and the local catalog: every title the user has
 * met, grouped by title key so the same film on two sites is one candidate.
 */
import type { ImpressionRecord, RatingRecord, SearchRecord, SkipRecord, TitleKind, TitleRecord, WatchSessionRecord } from '../store/records';
import type { Settings } from '../store/settings';
import { buildItemText } from '../model/text';
import { canonicalGenres } from './genres';
import { completeTitle, type KnownTitles } from './known-titles';

export interface UserData {
  titles: TitleRecord[];
  sessions: WatchSessionRecord[];
  skips: SkipRecord[];
  /** The last `IMPRESSION_DAYS` days only. */
  impressions: ImpressionRecord[];
  ratings: RatingRecord[];
  /** The last `IMPRESSION_DAYS` days only (searches older than that weigh little). */
  searches: SearchRecord[];
  settings: Settings;
}

export const IMPRESSION_DAYS = 30;

export interface CatalogEntry {
  key: string;
  /** Most recently seen first. */
  records: TitleRecord[];
  title: string;
  year: number | null;
  kind: TitleKind;
  /** Canonical genres: shown, or the known film's when none were (known-titles.ts); what leanings and reasons name. */
  genres: string[];
  /** The release year ranking reads: shown, or the known film's (known-titles.ts). `year` is what was shown. */
  rankYear: number | null;
  /** `buildItemText` of the richest record (most genres, a description, a year), completed from the known film. */
  text: string;
}

function richness(r: TitleRecord): number {
  return r.genres.length * 4 + (r.description ? 2 : 0) + (r.year !== null ? 1 : 0);
}

/**
 * `known`: the training catalog's films (known-titles.ts); a title shown without its year or
 * genres is embedded, and counted in the leanings, with those of the one known film it is.
 */
export function groupCatalog(titles: readonly TitleRecord[], known: KnownTitles | null = null): CatalogEntry[] {
  const by = new Map<string, TitleRecord[]>();
  for (const t of titles) {
    const list = by.get(t.key);
    if (list) list.push(t);
    else by.set(t.key, [t]);
  }
  const out: CatalogEntry[] = [];
  for (const [key, list] of by) {
    list.sort((a, b) => b.lastSeen - a.lastSeen || a.id.localeCompare(b.id));
    const shown = [...list].sort((a, b) => richness(b) - richness(a) || b.lastSeen - a.lastSeen)[0] as TitleRecord;
    const rich = completeTitle(known, shown, key);
    out.push({
      key,
      records: list,
      title: shown.title,
      year: shown.year,
      kind: shown.kind,
      genres: canonicalGenres(rich.genres),
      rankYear: rich.year,
      text: buildItemText(rich),
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
