/**
 * The background's view of the store's data version, for the warm page scores
 * (recent-scores.ts): it follows what was committed from any context exactly as the engine
 * does (store-changes.ts observes, change-strength.ts rates, data-version.ts folds weak
 * changes), so a score is never served across a strong change (a watch ended, a rating, an
 * import, a delete, a wipe). Its numbers are its own: they only tag this background's cache.
 */
import { changeStrength } from '../engine/change-strength';
import { DataVersion } from '../engine/data-version';
import { observeStore } from '../engine/store-changes';
import type { TastefulDB } from '../store/db';
import { diagnose } from '../store/diagnostics';

let version: DataVersion | null = null;
/**
 * Strong changes seen so far. The version also moves when weak changes are folded in (every
 * 30 s of browsing: impressions, titles seen); a page's recent scores may outlive such moves
 * (recent-scores.ts), never a strong change.
 */
let strong = 0;

/** The version and the count of strong changes, for `db`, observing it from the first call on (the background's one store). */
export function storeStamp(db: TastefulDB): { version: number; strong: number } {
  if (!version) {
    const v = new DataVersion(
      () => Date.now(),
      () => undefined,
    );
    observeStore(db.name, (changes) => {
      // Unrated (a read failed): count it as strong, so a cached score is never served stale.
      changeStrength(db, changes).then(
        (s) => {
          if (s === 'strong') strong++;
          if (s) v.note(s);
        },
        (err: unknown) => {
          strong++;
          v.note('strong');
          void diagnose('store-version/strength', err);
        },
      );
    });
    version = v;
  }
  return { version: version.current(), strong };
}
