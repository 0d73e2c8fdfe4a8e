/**
 * The settings as the background last read them, kept in memory until any context commits a
 * change to the settings table (store-changes.ts: Dexie's cross-context `storagemutated`).
 *
 * Why: `rank/recent` is asked at every page's document start and the page paints no badge
 * before its answer (the badge mode is in it). Reading the settings from IndexedDB each time
 * queued that answer behind whatever the store was committing — on a navigation, the pagehide
 * flush of the page left (up to 2,000 titles): 300 ms and more in the page bench. The popup and
 * the dashboard write the settings from their own contexts, hence the observation rather than
 * a cache the background's own writes refresh.
 */
import { observeStore } from '../engine/store-changes';
import type { TastefulDB } from '../store/db';
import { getSettings, type Settings } from '../store/settings';

interface Cached {
  /** The read in flight or done; null once a change made it stale. */
  value: Promise<Settings> | null;
}

const byDb = new WeakMap<TastefulDB, Cached>();

export function cachedSettings(db: TastefulDB): Promise<Settings> {
  let c = byDb.get(db);
  if (!c) {
    const entry: Cached = { value: null };
    c = entry;
    byDb.set(db, entry);
    // '*': Dexie could not say what changed (a page restored from the back/forward cache).
    observeStore(db.name, (changes) => {
      if (changes.some((x) => x.table === 'settings' || x.table === '*')) entry.value = null;
    });
  }
  if (!c.value) {
    const read = getSettings(db);
    c.value = read;
    const entry = c;
    // A failed read is not kept: the next page asks the store again (the caller sees the rejection).
    read.catch(() => {
      if (entry.value === read) entry.value = null;
    });
  }
  return c.value;
}
