/**
 * An event names its title twice: by id (`site:siteItemId`) and by title key. The key is the
 * one a title record has when the event is written, and a record's key can change after: a row
 * that showed no year is followed by a details page that shows one. Everything that groups by
 * key (the profile, Continue watching, the blocklist, one rating per title) needs every event
 * of a title under its record's key, so a change of key carries the title's events along.
 */
import type { ImpressionRecord, RatingRecord, SkipRecord, WatchSessionRecord } from './records';

export interface KeyedEvents {
  readonly watchSessions: readonly WatchSessionRecord[];
  readonly skips: readonly SkipRecord[];
  readonly impressions: readonly ImpressionRecord[];
  readonly ratings: readonly RatingRecord[];
}

/** Title id → its record's key; undefined for an id without a record (the event keeps its own). */
export type KeyOfId = (titleId: string) => string | undefined;

function rekeyRows<R extends { readonly titleId: string; readonly titleKey: string }>(rows: readonly R[], keyOfId: KeyOfId): R[] {
  return rows.map((r) => {
    const key = keyOfId(r.titleId);
    return key === undefined || key === r.titleKey ? r : { ...r, titleKey: key };
  });
}

/**
 * Every event under its title record's key. Ratings are one per key: of two that come to share
 * one, the later stays, as a later rating replaces an earlier one.
 */
export function rekeyEvents(
  events: KeyedEvents,
  keyOfId: KeyOfId,
): { watchSessions: WatchSessionRecord[]; skips: SkipRecord[]; impressions: ImpressionRecord[]; ratings: RatingRecord[] } {
  const latest = new Map<string, RatingRecord>();
  for (const r of rekeyRows(events.ratings, keyOfId)) {
    const held = latest.get(r.titleKey);
    if (!held || r.at >= held.at) latest.set(r.titleKey, r);
  }
  return {
    watchSessions: rekeyRows(events.watchSessions, keyOfId),
    skips: rekeyRows(events.skips, keyOfId),
    impressions: rekeyRows(events.impressions, keyOfId),
    ratings: [...latest.values()],
  };
}
